//! JSON in the documented shapes, built from the data and the state.

use chrono::{NaiveDate, NaiveDateTime};
use rand::Rng;
use serde_json::{Map, Value, json};

use super::Sim;
use super::data::{self, Customer, Invoice, PACKAGES, Service, Session, Status, Tech};
use super::state::{Prospect, ServiceOrder, State, Ticket};
use super::words::words;

pub fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}
pub fn br_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}
pub fn br_dt(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M:%S").to_string()
}
fn offset(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S-03").to_string()
}
fn ip(v: u32) -> String {
    std::net::Ipv4Addr::from(v).to_string()
}
/// Money with at most two decimals, as a JSON number (`119.9`, `100`).
pub fn money(v: f64) -> Value {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        json!(r as i64)
    } else {
        json!(r)
    }
}
/// Money as the string some routes use (`"119.9"`, `"20"`).
pub fn money_str(v: f64) -> String {
    money(v).to_string()
}

/// Status as the service shows it now (a trust unlock re-enables it).
pub fn effective_status(sim: &Sim, st: &State, s: &Service) -> Status {
    let unlocked = st
        .services
        .get(&s.id)
        .and_then(|o| o.unlocked_until)
        .is_some_and(|until| until >= sim.now().date());
    if s.status == Status::SuspendedDebt && unlocked {
        return Status::Enabled;
    }
    s.status
}

/// Connection history as RADIUS sees it now: the generated sessions, cut
/// by requested disconnects, plus reconnections that already happened.
pub fn effective_sessions(sim: &Sim, st: &State, c: &Customer, s: &Service) -> Vec<Session> {
    let mut v = data::sessions(sim.cfg.seed, c, s, sim.today);
    let now = sim.now();
    if let Some(o) = st.services.get(&s.id) {
        for d in &o.disconnects {
            if let Some(last) = v.last_mut().filter(|l| l.stop.is_none()) {
                last.stop = Some(d.at);
            }
            if d.reconnect_at <= now {
                v.push(Session {
                    start: d.reconnect_at,
                    stop: None,
                    framed_ip: d.new_ip,
                    nas_ip: v.last().map(|l| l.nas_ip).unwrap_or(0xAC11_185A),
                    down_mb: 0.0,
                    up_mb: 0.0,
                });
            }
        }
    }
    v
}

fn since_text(from: NaiveDateTime, now: NaiveDateTime) -> String {
    let mins = (now - from).num_minutes().max(0);
    let months = mins / (60 * 24 * 30);
    let days = mins / (60 * 24) % 30;
    let hours = mins / 60 % 24;
    let m = mins % 60;
    format!("{months} MES(ES), {days} DIA(S), {hours} HORA(S) e {m} MINUTO(S)")
}

fn ultima_conexao(sim: &Sim, sessions: &[Session]) -> Value {
    let Some(last) = sessions.last() else {
        return json!([]);
    };
    let now = sim.now();
    let prev_stop = sessions.iter().rev().find_map(|s| s.stop);
    match last.stop {
        None => {
            let short = format!("CONECTADO HÁ {}", since_text(last.start, now));
            json!({
                "conectado": true,
                "ultima_conexao_datetime": offset(last.start),
                "ultima_desconexao_datetime": prev_stop.map(offset),
                "ultima_conexao": br_dt(last.start),
                "ultima_desconexao": prev_stop.map(br_dt),
                "ultimo_ipv4": ip(last.framed_ip),
                "ultimo_nas_ip": ip(last.nas_ip),
                "status_txt": format!("{short} - {}({})", ip(last.framed_ip), ip(last.nas_ip)),
                "status_txt_resumido": short,
            })
        }
        Some(stop) => {
            let short = format!("DESCONECTADO HÁ {}", since_text(stop, now));
            json!({
                "conectado": false,
                "ultima_conexao_datetime": offset(last.start),
                "ultima_desconexao_datetime": offset(stop),
                "ultima_conexao": br_dt(last.start),
                "ultima_desconexao": br_dt(stop),
                "ultimo_ipv4": ip(last.framed_ip),
                "ultimo_nas_ip": ip(last.nas_ip),
                "status_txt": format!("{short} - {}({})", ip(last.framed_ip), ip(last.nas_ip)),
                "status_txt_resumido": short,
            })
        }
    }
}

fn address_json(a: &data::Address) -> Value {
    let (lat, lon) = match a.coords {
        Some((la, lo)) => (json!(la), json!(lo)),
        None => (Value::Null, Value::Null),
    };
    json!({
        "completo": a.completo(),
        "logradouro": a.logradouro,
        "endereco": a.endereco,
        "numero": a.numero,
        "complemento": a.complemento,
        "bairro": a.bairro,
        "cep": a.cep,
        "estado": a.city.uf,
        "uf": a.city.state_name,
        "cidade": a.city.name,
        "coordenadas": {"latitude": lat, "longitude": lon},
    })
}

/// Equipment of a city: (id, nome, ipv4, modelo, fabricante) for OLT,
/// concentrator and wireless AP.
pub fn city_equipment(ci: usize) -> [(u32, String, String, &'static str, &'static str); 3] {
    let w = words();
    let tag = super::docs::fold(w.cities[ci].name).replace(' ', "_");
    let id = 1400 + ci as u32 * 3;
    [
        (
            id,
            format!("OLT {tag}"),
            format!("10.{}.0.2", 20 + ci),
            "GP3600-08",
            "BDCOM",
        ),
        (
            id + 1,
            format!("CONCENTRADOR {tag}"),
            ip(0xAC11_185A + ci as u32),
            "CCR1036",
            "MIKROTIK",
        ),
        (
            id + 2,
            format!("AP_{tag}"),
            format!("10.{}.72.12", 20 + ci),
            "BULLET2",
            "UBIQUITI",
        ),
    ]
}

#[derive(Clone, Copy)]
pub struct CustomerView {
    /// `/cliente` (consulta) rather than `/cliente/all`.
    pub consulta: bool,
    pub ultima_conexao: bool,
    pub include_cancelled: bool,
}

fn short_customer(c: &Customer) -> Value {
    json!({"codigo_cliente": c.codigo(), "nome_razaosocial": c.name, "cpf_cnpj": c.doc})
}

/// `velocidade_download`/`velocidade_upload` in the shapes servers use:
/// numbers of kbit/s for most services, `"N Mbits"` text for every third,
/// and for 10M plans on every seventh a panel's kbit/s figure mislabelled
/// as Mbits.
fn speed_fields(sid: u32, down_kbps: u32, up_kbps: u32) -> (Value, Value) {
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
fn ticket_service(sim: &Sim, st: &State, c: &Customer, sid: u32) -> Value {
    let mut v = service_short(sim, st, c, sid);
    if let Value::Object(m) = &mut v {
        m.insert("id_cliente_servico".into(), json!(sid.to_string()));
    }
    v
}

fn service_short(sim: &Sim, st: &State, c: &Customer, sid: u32) -> Value {
    let Some(s) = c.services.iter().find(|s| s.id == sid) else {
        return Value::Null;
    };
    let p = s.plan();
    let (status, prefix) = effective_status(sim, st, s).text();
    json!({"numero_plano": p.numero, "nome": p.nome, "valor": money(p.valor), "status": status, "status_prefixo": prefix})
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

fn service_json(
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
    if view.consulta && auth && p.tech == Tech::Fibra {
        let onu = s.id.wrapping_mul(2_654_435_761);
        m.insert(
            "phy_addr".into(),
            json!(format!(
                "48:57:02:{:02X}:{:02X}:{:02X}",
                (onu >> 16) & 0xFF,
                (onu >> 8) & 0xFF,
                onu & 0xFF
            )),
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

/// Invoice as `/cliente/financeiro` shows it.
pub fn invoice_json(c: &Customer, inv: &Invoice) -> Value {
    let (bar, line) = inv.barcode();
    let b = inv.boleto;
    let issued = inv.due - chrono::Days::new(15);
    json!({
        "id_fatura": inv.id,
        "nosso_numero": inv.nosso_numero(),
        "nosso_numero_dv": if b { json!(format!("{:07}-{}", inv.id - data::INVOICE_BASE + 200_000, inv.id % 10)) } else { Value::Null },
        "linha_digitavel": if b { json!(line) } else { Value::Null },
        "codigo_barras": if b { json!(bar) } else { Value::Null },
        "link": if b { json!(format!("https://hubsoft.provedor.example/pdf/fatura/{}", inv.id)) } else { Value::Null },
        "agencia_codigo_beneficiario": if b { json!("3166 / 67261") } else { Value::Null },
        "beneficiario": if b { json!("PROVEDOR DE INTERNET LTDA / CNPJ: 22.385.367/0001-03") } else { Value::Null },
        "numero_documento": if b { json!(inv.id) } else { Value::Null },
        "especie": if b { json!("DS") } else { Value::Null },
        "especie_dinheiro": "R$",
        "aceite": if b { json!("N") } else { Value::Null },
        "local_pagamento": if b { json!("PAGÁVEL EM QUALQUER BANCO ATÉ O VENCIMENTO") } else { Value::Null },
        "carteira": if b { json!("1") } else { Value::Null },
        "tipo_cobranca": if b { "boleto_bancario" } else { "debito_conta_corrente" },
        "valor": money(inv.valor),
        "data_vencimento": br_date(inv.due),
        "data_pagamento": inv.paid.map(br_date),
        "data_documento": if b { json!(br_date(issued)) } else { Value::Null },
        "data_processamento": if b { json!(br_date(issued)) } else { Value::Null },
        "quitado": inv.paid.is_some(),
        "pix_copia_cola": if b && inv.paid.is_none() { json!(inv.pix()) } else { Value::Null },
        "detalhamento": inv.lines.iter().map(|(d, v)| json!({"descricao": d, "valor": money(*v)})).collect::<Vec<_>>(),
        "cliente": short_customer(c),
    })
}

/// Invoice as `/financeiro` shows it (simplified: strings and ISO dates).
pub fn receivable_json(c: &Customer, inv: &Invoice) -> Value {
    json!({
        "id_fatura": inv.id,
        "nosso_numero": inv.nosso_numero(),
        "data_vencimento": inv.due.format("%Y-%m-%d").to_string(),
        "data_vencimento_br": br_date(inv.due),
        "data_pagamento": inv.paid.map(|d| d.format("%Y-%m-%d").to_string()),
        "data_pagamento_br": inv.paid.map(br_date),
        "valor": money_str(inv.valor),
        "valor_pago": inv.paid.map(|_| money_str(inv.valor)),
        "cliente": {
            "id_cliente": c.id_cliente(),
            "codigo_cliente": c.codigo(),
            "nome_razaosocial": c.name,
            "nome_fantasia": c.fantasy,
            "tipo_pessoa": if c.pj { "pj" } else { "pf" },
            "cpf_cnpj": c.doc,
            "data_nascimento": c.birth.map(|b| b.format("%Y-%m-%d").to_string()),
            "data_nascimento_br": c.birth.map(br_date),
            "telefone_primario": c.phones[0],
            // As in the documented example: an empty secondary phone is "",
            // an empty tertiary one null.
            "telefone_secundario": c.phones[1],
            "telefone_terciario": if c.phones[2].is_empty() { Value::Null } else { json!(c.phones[2]) },
            "email_principal": c.email,
            "email_secundario": c.email2,
            "data_cadastro": iso(c.registered),
            "data_cadastro_br": c.registered.format("%d/%m/%Y %H:%M").to_string(),
            "ativo": c.services.iter().any(|s| s.status != Status::Cancelled),
        },
    })
}

/// Materialises customer `cust`'s generated tickets and orders into the state.
pub fn ensure_tickets(sim: &Sim, st: &mut State, cust: u32) {
    if st.tickets.contains_key(&cust) {
        return;
    }
    let Some(c) = sim.customer(cust) else { return };
    let mut tickets = Vec::new();
    let mut orders = Vec::new();
    for g in data::tickets(sim.cfg.seed, c, sim.today) {
        let id = data::TICKET_BASE + g.local;
        let mut t = Ticket {
            id,
            protocolo: format!("{}{:06}", g.created.format("%Y%m%d%H%M%S"), g.local),
            cust,
            service: g.service,
            created: g.created,
            closed: g.closed,
            status: g.status.into(),
            tipo: g.tipo.into(),
            descricao: g.descricao.into(),
            descricao_fechamento: g
                .closed
                .map(|_| "Problema resolvido, cliente confirmou.".into()),
            usuario: "Central de Atendimento".into(),
            nome_contato: Some(c.name.clone()),
            telefone_contato: Some(c.phones[0].clone()),
            email_contato: c.email.clone(),
            parametros: None,
            os: Vec::new(),
        };
        if let Some((os_id, os_status)) = g.os {
            t.os.push(os_id);
            orders.push(ServiceOrder {
                id: os_id,
                numero: (os_id - 20).to_string(),
                cust,
                service: g.service,
                ticket: Some(id),
                created: g.created,
                tipo: "SUPORTE".into(),
                status: os_status.into(),
                descricao: g.descricao.into(),
                closed: if os_status == "finalizado" {
                    g.closed.or(Some(g.created + chrono::Duration::hours(4)))
                } else {
                    None
                },
                usuario: "Central de Atendimento".into(),
            });
        }
        tickets.push(t);
    }
    // Installation orders, without a ticket.
    for s in c
        .services
        .iter()
        .filter(|s| s.status == Status::AwaitingInstall)
    {
        let id = data::OS_BASE + c.idx * 4 + 3;
        orders.push(ServiceOrder {
            id,
            numero: (id - 20).to_string(),
            cust,
            service: s.id,
            ticket: None,
            created: c.registered,
            tipo: "INSTALAÇÃO".into(),
            status: "aguardando_agendamento".into(),
            descricao: "Instalação de novo cliente".into(),
            closed: None,
            usuario: "Comercial".into(),
        });
    }
    st.tickets.insert(cust, tickets);
    st.orders.insert(cust, orders);
}

fn order_fields(o: &ServiceOrder) -> Map<String, Value> {
    let start = o.created + chrono::Duration::hours(24);
    let end = start + chrono::Duration::hours(1);
    let done = o.closed;
    let mut m = Map::new();
    m.insert("id_ordem_servico".into(), json!(o.id));
    m.insert("numero_ordem_servico".into(), json!(o.numero));
    m.insert("data_cadastro".into(), json!(br_dt(o.created)));
    m.insert("tipo".into(), json!(o.tipo));
    m.insert("data_inicio_programado".into(), json!(br_dt(start)));
    m.insert("data_termino_programado".into(), json!(br_dt(end)));
    m.insert(
        "data_inicio_executado".into(),
        json!(done.map(|d| br_dt(d - chrono::Duration::minutes(40)))),
    );
    m.insert("data_termino_executado".into(), json!(done.map(br_dt)));
    m.insert("descricao_abertura".into(), json!(o.descricao));
    m.insert("descricao_servico".into(), json!(o.descricao));
    m.insert(
        "descricao_fechamento".into(),
        json!(done.map(|_| "Atendimento técnico concluído")),
    );
    m.insert("usuario_abertura".into(), json!(o.usuario));
    m.insert(
        "usuario_fechamento".into(),
        json!(done.map(|_| o.usuario.clone())),
    );
    m.insert("status".into(), json!(o.status));
    m.insert("status_fechamento".into(), json!(done.map(|_| "concluido")));
    // Current servers list the technicians (the scheduled and closed ones).
    if o.status != "aguardando_agendamento" {
        const TECHNICIANS: [(u32, &str); 4] = [
            (4, "Carlos Pereira"),
            (7, "Juliana Alves"),
            (9, "Rafael Lima"),
            (12, "Sônia Ribeiro"),
        ];
        let (id, name) = TECHNICIANS[(o.id as usize) % TECHNICIANS.len()];
        m.insert(
            "tecnicos".into(),
            json!([{"id": id, "name": name, "display": name,
                    "pivot": {"id_ordem_servico": o.id, "id_usuario": id}}]),
        );
    }
    m
}

pub fn order_json(sim: &Sim, st: &State, o: &ServiceOrder, with_ticket: bool) -> Value {
    let c = sim.customer(o.cust).expect("order of a known customer");
    let mut m = order_fields(o);
    if with_ticket {
        let t = o
            .ticket
            .and_then(|tid| st.tickets.get(&o.cust)?.iter().find(|t| t.id == tid));
        m.insert(
            "atendimento".into(),
            match t {
                Some(t) => json!({
                    "protocolo": t.protocolo,
                    "id_atendimento": t.id,
                    "tipo_atendimento": t.tipo,
                    "usuario_abertura": t.usuario,
                    "usuario_responsavel": t.usuario,
                    "usuario_fechamento": t.closed.map(|_| t.usuario.clone()),
                    "data_cadastro": br_date(t.created.date()),
                    "data_fechamento": t.closed.map(|d| br_date(d.date())),
                    "setor_responsavel": null,
                    "status_fechamento": t.closed.map(|_| "concluido"),
                    "motivo_fechamento": t.closed.map(|_| "Resolvido"),
                }),
                None => Value::Null,
            },
        );
    }
    m.insert("cliente".into(), short_customer(c));
    m.insert("servico".into(), service_short(sim, st, c, o.service));
    Value::Object(m)
}

/// Ticket as `/cliente/atendimento` and POST `/atendimento` present it.
pub fn ticket_json(sim: &Sim, st: &State, t: &Ticket) -> Value {
    let c = sim.customer(t.cust).expect("ticket of a known customer");
    let orders: Vec<Value> = st
        .orders
        .get(&t.cust)
        .map(|v| {
            v.iter()
                .filter(|o| t.os.contains(&o.id))
                .map(|o| order_json(sim, st, o, false))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id_atendimento": t.id,
        "protocolo": t.protocolo,
        "descricao_abertura": t.descricao,
        "descricao_fechamento": t.descricao_fechamento,
        "tipo_atendimento": t.tipo,
        "usuario_abertura": t.usuario,
        "usuario_responsavel": t.usuario,
        "usuario_fechamento": t.closed.map(|_| t.usuario.clone()),
        "data_cadastro": br_date(t.created.date()),
        "data_fechamento": t.closed.map(|d| br_date(d.date())),
        "setor_responsavel": null,
        "status_fechamento": t.closed.map(|_| "concluido"),
        "motivo_fechamento": t.closed.map(|_| "Resolvido"),
        "status": t.status,
        "cliente": short_customer(c),
        "servico": ticket_service(sim, st, c, t.service),
        "ordens_servico": orders,
    })
}

/// Ticket as PUT `/atendimento/{id}` returns it: the raw row.
pub fn ticket_row_json(sim: &Sim, t: &Ticket) -> Value {
    let now = sim.now();
    let end = t.closed.unwrap_or(now);
    let open_min = (end - t.created).num_minutes().max(0);
    let sla_min = 48 * 60 - open_min;
    let bs = |d: NaiveDateTime| d.format("%d\\%m\\%Y %H:%M").to_string();
    let ts = |d: NaiveDateTime| {
        d.and_local_timezone(chrono_tz::America::Sao_Paulo)
            .earliest()
            .map(|z| z.timestamp_millis())
            .unwrap_or(0)
    };
    json!({
        "id_atendimento": t.id,
        "protocolo": t.protocolo,
        "id_cliente_servico": t.service,
        "id_tipo_atendimento": 44,
        "id_usuario_abertura": 56,
        "id_usuario_fechamento": t.closed.map(|_| 1),
        "descricao_abertura": t.descricao,
        "descricao_fechamento": t.descricao_fechamento,
        "data_cadastro": iso(t.created),
        "data_fechamento": t.closed.map(iso),
        "ip_cadastro": null,
        "id_usuario_responsavel": 22,
        "id_setor_responsavel": null,
        "destino": "usuario",
        "status_fechamento": t.closed.map(|_| "concluido"),
        "id_motivo_fechamento_atendimento": t.closed.map(|_| 5),
        "id_atendimento_status": if t.closed.is_some() { 24 } else { 21 },
        "resultado_diagnostico": null,
        "nome_contato": t.nome_contato,
        "telefone_contato": t.telefone_contato,
        "email_contato": t.email_contato,
        "rascunho": false,
        "deleted_at": null,
        "id_origem_contato": null,
        "avaliacao": null,
        "comentario_avaliacao": null,
        "push_notification_enviado": false,
        "data_cadastro_br": bs(t.created),
        "data_cadastro_timestamp": ts(t.created),
        "data_fechamento_br": t.closed.map(bs),
        "data_fechamento_timestamp": t.closed.map(ts),
        "minutos_em_aberto": open_min,
        "tempo_restante": format!("{}h {}min", sla_min / 60, (sla_min % 60).abs()),
        "percentual_tempo_restante": (sla_min.max(0) * 100 / (48 * 60)),
        "percentual_color_class": if sla_min < 0 { "white-fg md-red-bg" } else { "white-fg md-green-bg" },
        "parametros": t.parametros,
    })
}

pub fn session_json(c: &Customer, s: &Service, status: Status, sess: &Session) -> Value {
    let p = s.plan();
    let (st, pf) = status.text();
    json!({
        "acctstarttime": offset(sess.start),
        "acctstarttimebr": br_dt(sess.start),
        "acctstoptime": sess.stop.map(offset),
        "acctstoptimebr": sess.stop.map(br_dt),
        "calledstationid": "service2",
        "callingstationid": s.mac_text(),
        "download_megabytes": money(sess.down_mb),
        "upload_megabytes": money(sess.up_mb),
        "framedipaddress": ip(sess.framed_ip),
        "nasipaddress": ip(sess.nas_ip),
        "nasportid": "ether3",
        "nasporttype": "Ethernet",
        "username": s.login,
        "servico": {"numero_plano": p.numero, "nome": p.nome, "valor": money(p.valor), "status": st, "status_prefixo": pf},
        "cliente": short_customer(c),
    })
}

/// Plans offered to prospects: (id, descricao, valor, download kbps, upload
/// kbps, linked to the business units).
pub const PROSPECT_PLANS: [(u32, &str, f64, u32, u32, bool); 6] = [
    (1301, "FIBRA 300 MEGA", 99.9, 307_200, 153_600, true),
    (1302, "FIBRA 500 MEGA", 119.9, 512_000, 256_000, true),
    (1303, "FIBRA 1 GIGA", 169.9, 1_024_000, 512_000, true),
    (1308, "PLANO 10 MBPS + IP FIXO", 129.9, 10_240, 2_048, false),
    (1320, "RADIO 20 MEGA", 115.9, 20_480, 4_096, false),
    (
        1330,
        "COMBO 10 MB EM DOBRO FIXO E 3 CAMERAS RAP10",
        254.9,
        20_480,
        4_096,
        false,
    ),
];

pub fn prospect_plan_json(p: &(u32, &str, f64, u32, u32, bool)) -> Value {
    json!({
        "id_servico": p.0,
        "descricao": p.1,
        "valor": money(p.2),
        "nome_radius": format!("HUBSOFT-SERVICE-{}", p.0),
        "display": format!("{} - (R$ {:.2})", p.1, p.2),
        "velocidade_download": p.3,
        "velocidade_upload": p.4,
    })
}

pub fn prospect_json(p: &Prospect, with_service: bool) -> Value {
    let mut v = json!({
        "id_prospecto": p.id,
        "nome_razaosocial": p.nome,
        "cpf_cnpj": p.doc,
        "email": p.email,
        "telefone": p.telefone,
        "observacao": p.observacao,
        "id_cliente": null,
        "id_endereco_numero": 33_000 + p.id,
        "created_at": iso(p.created),
        "updated_at": iso(p.created),
        "tipo_pessoa": p.tipo_pessoa,
        "id_usuario": 1,
        "origem": "API",
        "created_at_br": p.created.format("%d\\%m\\%Y").to_string(),
    });
    if with_service {
        v["prospecto_servico"] = json!({
            "id_prospecto_servico": p.id - 1,
            "id_prospecto": p.id,
            "id_servico": p.id_servico,
            "valor": p.valor,
        });
    }
    v
}

/// A few prospects present from the start, including the documented
/// `EMPRESA XPTO LTDA` (CNPJ 41483316000169) for duplicate tests.
pub fn seed_prospects(seed: u64, today: NaiveDate) -> Vec<Prospect> {
    let mut rng = data::rng_for(seed, u32::MAX, 99);
    let w = words();
    let mut v = vec![Prospect {
        id: 100,
        nome: "EMPRESA XPTO LTDA".into(),
        doc: "41483316000169".into(),
        email: None,
        telefone: "3732818000".into(),
        observacao: None,
        tipo_pessoa: "pj".into(),
        created: (today - chrono::Days::new(40))
            .and_hms_opt(10, 27, 56)
            .expect("time"),
        id_servico: 1308,
        valor: "129.9".into(),
    }];
    for i in 1..20u32 {
        let name = format!(
            "{} {}",
            w.first_names[rng.random_range(0..w.first_names.len())],
            w.surnames[rng.random_range(0..w.surnames.len())]
        );
        let plan = &PROSPECT_PLANS[rng.random_range(0..PROSPECT_PLANS.len())];
        v.push(Prospect {
            id: 100 + i,
            nome: name,
            doc: super::docs::cpf(&mut rng),
            email: None,
            telefone: format!("379{:08}", rng.random_range(80_000_000..100_000_000u32)),
            observacao: Some("Interessado via site".into()),
            tipo_pessoa: "pf".into(),
            created: (today - chrono::Days::new(rng.random_range(1..60)))
                .and_hms_opt(9, 0, 0)
                .expect("time"),
            id_servico: plan.0,
            valor: money_str(plan.2),
        });
    }
    v
}

/// Reference data of `/rede/*` and `/endereco/cidade`.
pub fn equipment_list() -> Vec<Value> {
    let mut v = Vec::new();
    for ci in 0..words().cities.len() {
        for e in city_equipment(ci) {
            v.push(json!({"id_equipamento": e.0, "nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4}));
        }
    }
    v
}

pub fn pops() -> Vec<Value> {
    let w = words();
    let mut v: Vec<Value> = w
        .cities
        .iter()
        .enumerate()
        .map(|(ci, city)| {
            let eqs: Vec<Value> = city_equipment(ci)
                .iter()
                .map(|e| json!({"id_equipamento": e.0, "nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4}))
                .collect();
            json!({"id_pop": 51 + ci, "nome": format!("POP {}", super::docs::fold(city.name)), "equipamentos": eqs})
        })
        .collect();
    // A POP still being built: no equipment yet (as pop 52 in the document).
    v.push(json!({"id_pop": 51 + w.cities.len(), "nome": "POP EM CONSTRUCAO", "equipamentos": []}));
    v
}

pub fn zones() -> Vec<Value> {
    let w = words();
    let mut v = Vec::new();
    for (ci, city) in w.cities.iter().enumerate() {
        let eq = city_equipment(ci);
        let tag = super::docs::fold(city.name);
        let eqj = |e: &(u32, String, String, &str, &str)| json!({"nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4});
        // PON1-PON8: every interface a fibre service names (`PON{id % 8 + 1}`)
        // is in its city's fibre zone, so the console can place it.
        let pons: Vec<Value> = (1..=8)
            .map(|p| json!({"id_interface_conexao": 300 + ci * 10 + p, "nome": format!("PON{p}"), "descricao": null, "tipo": "gpon", "equipamento_conexao": eqj(&eq[0])}))
            .collect();
        v.push(json!({"id_zona_atendimento": 10 + ci * 2, "nome": format!("FIBRA - {tag}"), "descricao": format!("ATENDIMENTO FIBRA EM {tag}"), "interfaces": pons}));
        v.push(json!({"id_zona_atendimento": 11 + ci * 2, "nome": format!("WIRELESS {tag}"), "descricao": format!("REDE WIRELESS DE {tag}"), "interfaces": [
            {"id_interface_conexao": 50 + ci, "nome": "ath0", "descricao": null, "tipo": "wireless", "equipamento_conexao": eqj(&eq[2])}
        ]}));
    }
    v
}

/// Cities and neighbourhoods that have active customers.
pub fn cities(sim: &Sim) -> Vec<Value> {
    let w = words();
    let mut per_city: Vec<std::collections::BTreeSet<&str>> =
        vec![Default::default(); w.cities.len()];
    for c in &sim.customers {
        if c.services.iter().any(|s| s.status != Status::Cancelled) {
            per_city[usize::from(c.city)].insert(c.bairro);
        }
    }
    w.cities
        .iter()
        .enumerate()
        .filter(|(ci, _)| !per_city[*ci].is_empty())
        .map(|(ci, city)| {
            json!({
                "id_cidade": 1390 + ci,
                "nome": city.name,
                "uf": city.uf,
                "ibge": city.ibge,
                "bairros": per_city[ci].iter().map(|b| json!({"nome": b})).collect::<Vec<_>>(),
            })
        })
        .collect()
}

pub fn conn_online(sessions: &[Session], now: NaiveDateTime) -> bool {
    sessions
        .last()
        .is_some_and(|s| s.stop.is_none() && s.start <= now)
}
