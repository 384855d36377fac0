//! A customer and its services in the `cliente` shapes.

use super::*;

#[derive(Clone, Copy)]
pub struct CustomerView {
    /// `/cliente` (consulta) rather than `/cliente/all`.
    pub consulta: bool,
    /// `incluir_desbloqueios=sim` on a current server: each service's
    /// `desbloqueios`.
    pub desbloqueios: bool,
    pub ultima_conexao: bool,
    pub include_cancelled: bool,
}

pub(super) fn short_customer(c: &Customer) -> Value {
    json!({"codigo_cliente": c.codigo(), "nome_razaosocial": c.name, "cpf_cnpj": c.doc})
}

/// `velocidade_download`/`velocidade_upload` in the shapes servers use:
/// numbers of kbit/s for most services, `"N Mbits"` text for every third,
/// and for 10M plans on every seventh a panel's kbit/s figure mislabelled
/// as Mbits.
pub(super) fn speed_fields(sid: u32, down_kbps: u32, up_kbps: u32) -> (Value, Value) {
    let mbits = |kbps: u32| {
        if kbps.is_multiple_of(1024) {
            format!("{} Mbits", kbps / 1024)
        } else {
            format!("{} Kbits", kbps)
        }
    };
    if down_kbps == 10_240 && sid.is_multiple_of(7) {
        (json!("10240 Mbits"), json!(mbits(up_kbps)))
    } else if sid.is_multiple_of(3) {
        let lead = if sid.is_multiple_of(2) { " " } else { "" };
        (
            json!(format!("{lead}{}", mbits(down_kbps))),
            json!(mbits(up_kbps)),
        )
    } else {
        (json!(down_kbps), json!(up_kbps))
    }
}

/// The service nested in a ticket, as current servers send it: the id as
/// a string.
pub(super) fn ticket_service(sim: &Sim, st: &State, c: &Customer, sid: u32) -> Value {
    let mut v = service_short(sim, st, c, sid);
    if let Value::Object(m) = &mut v {
        m.insert("id_cliente_servico".into(), json!(sid.to_string()));
    }
    v
}

pub(super) fn service_short(sim: &Sim, st: &State, c: &Customer, sid: u32) -> Value {
    let Some(s) = c.services.iter().find(|s| s.id == sid) else {
        return Value::Null;
    };
    let p = s.plan();
    let (status, prefix) = effective_status(sim, st, s).text();
    json!({"numero_plano": p.numero, "nome": p.nome, "valor": money(p.valor), "status": status, "status_prefixo": prefix})
}

/// `id_externo` of a customer on a current server: every even one has
/// an ERP's id.
pub fn external_id(c: &Customer) -> Option<String> {
    c.idx
        .is_multiple_of(2)
        .then(|| format!("ERP-{}", 70_000 + c.codigo()))
}

/// A service's trust-unlock history, oldest first: generated past ones
/// (services suspended for debt at some point, and every fifth service),
/// then those granted through the API. `(granted, ends, note)`.
pub fn unlock_history(
    sim: &Sim,
    st: &State,
    s: &Service,
) -> Vec<(chrono::NaiveDateTime, chrono::NaiveDate, String)> {
    const NOTES: [&str; 3] = [
        "DESBLOQUEIO PREVENTIVO - Acordo de pagamento.",
        "Desbloqueio em confiança solicitado pelo cliente",
        "Cliente informou pagamento via PIX",
    ];
    let mut out = Vec::new();
    let past = if s.status == Status::SuspendedDebt {
        2
    } else if s.id.is_multiple_of(5) {
        1
    } else {
        0
    };
    for k in (0..past).rev() {
        let days_ago = u64::from(k * 11 + s.id % 5 + 3);
        let day = sim.today - chrono::Days::new(days_ago);
        let at = day
            .and_hms_opt(9 + (s.id % 8), (s.id * 7) % 60, 0)
            .unwrap_or_default();
        let until = day + chrono::Days::new(u64::from(1 + (s.id + k) % 3));
        out.push((at, until, NOTES[((s.id + k) % 3) as usize].to_string()));
    }
    if let Some(o) = st.services.get(&s.id) {
        for u in &o.unlocks {
            out.push((
                u.at,
                u.until,
                format!("Desbloqueio em confiança via API ({} dia(s))", u.days),
            ));
        }
    }
    out
}

pub fn customer_json(sim: &Sim, st: &State, c: &Customer, view: &CustomerView) -> Value {
    let mut m = Map::new();
    m.insert("id_cliente".into(), json!(c.id_cliente()));
    m.insert("codigo_cliente".into(), json!(c.codigo()));
    m.insert("nome_razaosocial".into(), json!(c.name));
    m.insert("nome_fantasia".into(), json!(c.fantasy));
    m.insert("tipo_pessoa".into(), json!(if c.pj { "pj" } else { "pf" }));
    m.insert("cpf_cnpj".into(), json!(c.doc));
    m.insert("telefone_primario".into(), json!(c.phones[0]));
    m.insert("telefone_secundario".into(), json!(c.phones[1]));
    m.insert("telefone_terciario".into(), json!(c.phones[2]));
    m.insert("email_principal".into(), json!(c.email));
    m.insert("email_secundario".into(), json!(c.email2));
    m.insert("rg".into(), json!(c.rg));
    m.insert("rg_emissao".into(), Value::Null);
    m.insert("inscricao_municipal".into(), Value::Null);
    m.insert(
        "inscricao_estadual".into(),
        if c.pj { json!("ISENTO") } else { Value::Null },
    );
    m.insert("data_cadastro".into(), json!(iso(c.registered)));
    // Current servers carry another system's id; half the base has one.
    if view.consulta && sim.cfg.generation == crate::sim::Generation::Current {
        m.insert("id_externo".into(), json!(external_id(c)));
    }
    // Unknown birth dates come as the epoch artefact real servers send.
    m.insert(
        "data_nascimento".into(),
        json!(match c.birth {
            Some(b) => format!("{} 00:00:00", b.format("%Y-%m-%d")),
            None => "1969-12-31 00:00:00".to_string(),
        }),
    );
    if view.consulta {
        let alerts = c.alerts();
        m.insert("alerta".into(), json!(!alerts.is_empty()));
        m.insert("alerta_mensagens".into(), json!(alerts));
    }
    let mut services = Vec::new();
    for (si, s) in c.services.iter().enumerate() {
        let status = effective_status(sim, st, s);
        if !view.include_cancelled && status == Status::Cancelled {
            continue;
        }
        services.push(service_json(sim, st, c, si, s, status, view));
    }
    m.insert("servicos".into(), Value::Array(services));
    Value::Object(m)
}

pub(super) fn service_json(
    sim: &Sim,
    st: &State,
    c: &Customer,
    si: usize,
    s: &Service,
    status: Status,
    view: &CustomerView,
) -> Value {
    let p = s.plan();
    let (status_txt, prefix) = status.text();
    let ov = st.services.get(&s.id);
    let mut m = Map::new();
    m.insert("id_cliente_servico".into(), json!(s.id));
    m.insert("numero_plano".into(), json!(p.numero));
    m.insert("nome".into(), json!(p.nome));
    m.insert("valor".into(), money(p.valor));
    m.insert("status".into(), json!(status_txt));
    m.insert("status_prefixo".into(), json!(prefix));
    m.insert("tecnologia".into(), json!(p.tech.text()));
    // Later servers add the plan's speeds: kbps numbers on some, text with
    // a unit on current ones ("30 Mbits", with a stray leading blank at
    // times), and one panel where kbit/s figures sit in a field labelled
    // Mbits ("10240 Mbits" for the 10M plan).
    let (down, up) = speed_fields(s.id, p.down_kbps, p.up_kbps);
    m.insert("velocidade_download".into(), down);
    m.insert("velocidade_upload".into(), up);
    let auth = s.has_auth;
    m.insert(
        "login".into(),
        if auth { json!(s.login) } else { Value::Null },
    );
    m.insert(
        "senha".into(),
        if auth { json!(s.senha) } else { Value::Null },
    );
    m.insert(
        "ipv4".into(),
        if auth {
            json!(s.ipv4_text())
        } else {
            Value::Null
        },
    );
    m.insert("ipv6".into(), Value::Null);
    // A landmark for the installer, on some services.
    if view.consulta && s.id % 4 == 1 {
        const LANDMARKS: [&str; 4] = [
            "Próximo à praça",
            " Casa de muro azul",
            "Em frente à escola",
            "Fundos do galpão",
        ];
        m.insert(
            "referencia".into(),
            json!(LANDMARKS[(s.id as usize / 4) % LANDMARKS.len()]),
        );
    }
    // The ONU's own layer-2 address (fibre only), distinct from the MAC the
    // login is bound to: current servers send it as `phy_addr`.
    if view.consulta
        && let Some(phy) = s.phy_text()
    {
        let reset = ov.is_some_and(|o| o.phy_reset);
        m.insert(
            "phy_addr".into(),
            if reset { Value::Null } else { json!(phy) },
        );
    }
    // Not in the 2020 document; later servers add it (REAL-WORLD.md).
    let mac_known = auth && !ov.is_some_and(|o| o.mac_reset);
    m.insert(
        "mac_addr".into(),
        if mac_known {
            json!(s.mac_text())
        } else {
            Value::Null
        },
    );
    if view.consulta && view.ultima_conexao {
        let sessions = effective_sessions(sim, st, c, s);
        m.insert("ultima_conexao".into(), ultima_conexao(sim, &sessions));
    }
    let ci = usize::from(c.city);
    let eq = city_equipment(ci);
    if view.consulta && p.tech == Tech::Fibra {
        m.insert(
            "porta_atendimento".into(),
            json!({"numero": (s.id % 16) + 1, "equipamento": format!("CTO-A{}R{}C{}", ci + 1, s.id % 7 + 1, s.id % 5 + 1)}),
        );
    }
    let (iface, conn_eq) = match p.tech {
        Tech::Fibra => (
            json!({"nome": format!("PON{}", s.id % 8 + 1), "tipo": "gpon", "called_sid": null}),
            &eq[0],
        ),
        Tech::Wireless => (
            json!({"nome": "ath0", "tipo": "wireless", "called_sid": null}),
            &eq[2],
        ),
    };
    m.insert("interface".into(), iface);
    m.insert(
        "interface_roteamento".into(),
        json!({"nome": format!("ether{}", ci + 2), "tipo": "ethernet", "called_sid": null}),
    );
    m.insert(
        "equipamento_conexao".into(),
        json!({"nome": conn_eq.1, "ipv4": conn_eq.2, "ipv6": null}),
    );
    let routing_key = if view.consulta && s.odd_routing_key {
        "equipamentoroteamento"
    } else {
        "equipamento_roteamento"
    };
    m.insert(
        routing_key.into(),
        json!({"nome": eq[1].1, "ipv4": eq[1].2, "ipv6": null}),
    );
    match s.packages {
        Some(bits) => {
            let list: Vec<Value> = PACKAGES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, (id, desc, valor, obs))| {
                    let obs = if *id == 1 { format!("{obs} {}", s.ipv4_text()) } else { obs.to_string() };
                    json!({"id_pacote": id, "descricao": desc, "valor": valor, "observacoes": obs, "data_cadastro": iso(c.registered)})
                })
                .collect();
            m.insert("pacotes".into(), Value::Array(list));
        }
        // `/cliente` says null; `/cliente/all` leaves the key out, as documented.
        None if view.consulta => {
            m.insert("pacotes".into(), Value::Null);
        }
        None => {}
    }
    if view.desbloqueios {
        let list: Vec<Value> = unlock_history(sim, st, s)
            .into_iter()
            .map(|(at, until, note)| {
                json!({"observacao": note, "data_cadastro": br_dt(at), "data_fim": br_date(until)})
            })
            .collect();
        m.insert("desbloqueios".into(), Value::Array(list));
    }
    let addrs = data::addresses(sim.cfg.seed, c, si);
    for (k, a) in [
        "endereco_cadastral",
        "endereco_instalacao",
        "endereco_fiscal",
        "endereco_cobranca",
    ]
    .iter()
    .zip(addrs.iter())
    {
        m.insert((*k).into(), address_json(a));
    }
    Value::Object(m)
}
