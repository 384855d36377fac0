//! `GET /cliente/atendimento`, `POST /atendimento`, `PUT /atendimento/{id}`.

use super::*;

pub(super) async fn customer_tickets(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    const KINDS: [&str; 4] = [
        "codigo_cliente",
        "cpf_cnpj",
        "id_cliente_servico",
        "protocolo",
    ];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let pending_only = yes(&query, "apenas_pendente", true);
    let mut st = sim.state();
    let custs: Vec<u32> = if busca == "protocolo" {
        protocol_owner(&sim, &st, &termo).into_iter().collect()
    } else {
        customers_by(&sim, &busca, &termo)
    };
    for c in &custs {
        render::ensure_tickets(&sim, &mut st, *c);
    }
    let sid: Option<u32> = (busca == "id_cliente_servico").then(|| termo.parse().unwrap_or(0));
    let mut list: Vec<&Ticket> = custs
        .iter()
        .filter_map(|c| st.tickets.get(c))
        .flatten()
        .filter(|t| busca != "protocolo" || t.protocolo == termo)
        .filter(|t| sid.is_none_or(|s| t.service == s))
        .filter(|t| !pending_only || t.closed.is_none())
        .filter(|t| from.is_none_or(|f| t.created.date() >= f))
        .filter(|t| to.is_none_or(|d| t.created.date() <= d))
        .collect();
    let by_close = q(&query, "order_by") == Some("data_fechamento");
    list.sort_by_key(|t| (if by_close { t.closed } else { Some(t.created) }, t.id));
    if desc(&query, false) {
        list.reverse();
    }
    // `relacoes` (current servers): the message threads.
    let relations = q(&query, "relacoes").unwrap_or_default();
    let current = sim.cfg.generation == crate::sim::Generation::Current;
    let ticket_msgs = current
        && relations
            .split(',')
            .any(|r| r.trim() == "atendimento_mensagem");
    let order_msgs = current
        && relations
            .split(',')
            .any(|r| r.trim() == "ordem_servico_mensagem");
    let out: Vec<Value> = list
        .into_iter()
        .take(lim)
        .map(|t| {
            let mut v = render::ticket_json(&sim, &st, t);
            render::add_messages(&mut v, t, ticket_msgs, order_msgs);
            v
        })
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "atendimentos",
        Value::Array(out),
    )
}

pub(super) fn protocol_owner(sim: &Sim, st: &crate::sim::state::State, p: &str) -> Option<u32> {
    if let Some(c) = st.protocol_owner.get(p) {
        return Some(*c);
    }
    if p.len() != 20 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let local: u32 = p[14..].parse().ok()?;
    let cust = local / 4;
    ((cust as usize) < sim.customers.len()).then_some(cust)
}

pub(super) fn ticket_owner(sim: &Sim, st: &crate::sim::state::State, id: u32) -> Option<u32> {
    if let Some(c) = st.ticket_owner.get(&id) {
        return Some(*c);
    }
    let cust = id.checked_sub(data::TICKET_BASE)? / 4;
    ((cust as usize) < sim.customers.len() && id < 5_000_000).then_some(cust)
}

pub(super) async fn ticket_open(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let mut missing = Vec::new();
    for k in ["id_cliente_servico", "descricao", "nome", "telefone"] {
        if text(&m, k).is_none() {
            missing.push(format!("O campo {k} é obrigatório."));
        }
    }
    if !missing.is_empty() {
        return refuse("Verifique os dados enviados", missing);
    }
    let sid = int(&m, "id_cliente_servico").unwrap_or(0);
    let Some((c, slot)) = find_service(&sim, sid) else {
        return service_not_found(sid as u32);
    };
    let s = &c.services[slot];
    let abrir_os = boolish(&m, "abrir_os");
    let now = sim.now();
    let descricao = format!(
        "{} | ATENDIMENTO ABERTO VIA API",
        text(&m, "descricao").unwrap_or_default()
    );
    let (ticket_id, protocolo, value) = {
        let mut st = sim.state();
        render::ensure_tickets(&sim, &mut st, c.idx);
        let n = st.next_ticket;
        st.next_ticket += 1;
        let id = n;
        let protocolo = format!(
            "{}{:06}",
            now.format("%Y%m%d%H%M%S"),
            900_000 + (n % 100_000)
        );
        let mut t = Ticket {
            id,
            protocolo: protocolo.clone(),
            cust: c.idx,
            service: s.id,
            created: now,
            closed: None,
            status: "Aguardando Análise".into(),
            tipo: ticket_type(&sim, &m),
            descricao: descricao.clone(),
            descricao_fechamento: None,
            usuario: "API HUBDESK".into(),
            nome_contato: text(&m, "nome"),
            telefone_contato: text(&m, "telefone"),
            email_contato: text(&m, "email"),
            parametros: m.get("parametros").cloned(),
            os: Vec::new(),
        };
        if abrir_os {
            let os_id = st.next_os;
            st.next_os += 1;
            t.os.push(os_id);
            st.os_owner.insert(os_id, c.idx);
            st.orders.entry(c.idx).or_default().push(ServiceOrder {
                id: os_id,
                numero: (os_id - 20).to_string(),
                cust: c.idx,
                service: s.id,
                ticket: Some(id),
                created: now,
                tipo: os_param(&sim, &m, "id_tipo_ordem_servico")
                    .and_then(|id| os_type_name(&id))
                    .unwrap_or("ABERTURA VIA API")
                    .into(),
                status: os_param(&sim, &m, "status")
                    .unwrap_or_else(|| "aguardando_agendamento".into()),
                descricao: descricao.clone(),
                closed: None,
                usuario: "API HUBDESK".into(),
            });
        }
        st.ticket_owner.insert(id, c.idx);
        st.protocol_owner.insert(protocolo.clone(), c.idx);
        st.tickets.entry(c.idx).or_default().push(t);
        let t = st.tickets[&c.idx].last().expect("just pushed");
        let v = render::ticket_json(&sim, &st, t);
        (id, protocolo, v)
    };
    record(
        &sim,
        "ticket_open",
        s.id,
        json!({"id_atendimento": ticket_id, "protocolo": protocolo, "abrir_os": abrir_os,
               "parametros": m.get("parametros"),
               "id_tipo_atendimento": m.get("id_tipo_atendimento"),
               "parametros_ordem_servico": m.get("parametros_ordem_servico")}),
    );
    if abrir_os {
        record(&sim, "os_open", s.id, json!({"id_atendimento": ticket_id}));
    }
    let mut msg = format!("Atendimento aberto com sucesso. Anote o protocolo: {protocolo}.");
    if abrir_os {
        msg.push_str(" Foi aberto também uma ordem de serviço e encaminhada ao setor responsável");
    }
    success(&msg, "atendimento", value)
}

pub(super) async fn ticket_edit(State(sim): S, Path(id): Path<String>, body: Bytes) -> Reply {
    let m = body_map(&body);
    let Ok(id) = id.parse::<u32>() else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id inválido: {id}")],
        );
    };
    if !m.contains_key("fechar_atendimento") || !m.contains_key("parametros") {
        return refuse(
            "Verifique os dados enviados",
            vec!["Os campos fechar_atendimento e parametros são obrigatórios.".into()],
        );
    }
    let close = boolish(&m, "fechar_atendimento");
    let now = sim.now();
    let mut st = sim.state();
    let Some(cust) = ticket_owner(&sim, &st, id) else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id_atendimento {id}")],
        );
    };
    render::ensure_tickets(&sim, &mut st, cust);
    let Some(t) = st
        .tickets
        .get_mut(&cust)
        .and_then(|v| v.iter_mut().find(|t| t.id == id))
    else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id_atendimento {id}")],
        );
    };
    if t.closed.is_some() {
        return refuse(
            "Não é possível editar um atendimento fechado",
            vec![format!("O atendimento {} já está fechado", t.protocolo)],
        );
    }
    if let Some(d) = text(&m, "descricao") {
        t.descricao = d;
    }
    t.parametros = m.get("parametros").cloned();
    let os_ids = t.os.clone();
    if close {
        t.closed = Some(now);
        t.status = "Finalizado".into();
        t.descricao_fechamento = Some("Fechamento via API.".into());
    }
    let row = render::ticket_row_json(&sim, t);
    let mut closed_os = Vec::new();
    if close {
        for o in st.orders.get_mut(&cust).into_iter().flatten() {
            if os_ids.contains(&o.id) && o.closed.is_none() {
                o.closed = Some(now);
                o.status = "finalizado".into();
                closed_os.push(o.id);
            }
        }
    }
    drop(st);
    record(
        &sim,
        if close { "ticket_close" } else { "ticket_edit" },
        id,
        // Whether `descricao` (the opening description) was sent: a close
        // that sends it overwrites what the customer reported.
        json!({"parametros": m.get("parametros"), "descricao": m.get("descricao")}),
    );
    for o in closed_os {
        record(&sim, "os_close", o, json!({"id_atendimento": id}));
    }
    success("Atendimento atualizado com sucesso", "atendimento", row)
}

/// The ticket types of the simulated panel (`id_tipo_atendimento`).
const TICKET_TYPES: [(u64, &str); 4] = [
    (1, "SAC"),
    (125, "TÉCNICO - SEM CONEXÃO"),
    (126, "TÉCNICO - LENTIDÃO"),
    (130, "FINANCEIRO - SEGUNDA VIA"),
];

/// The service-order types (`id_tipo_ordem_servico`).
const OS_TYPES: [(u64, &str); 3] = [
    (1, "SUPORTE"),
    (2, "TROCA DE EQUIPAMENTO"),
    (4, "VISITA TÉCNICA"),
];

/// The ticket's type: `id_tipo_atendimento` on a current server (an
/// unknown id and a 2020 server give HubSoft's default, SAC).
fn ticket_type(sim: &Sim, m: &serde_json::Map<String, Value>) -> String {
    let current = sim.cfg.generation == crate::sim::Generation::Current;
    int(m, "id_tipo_atendimento")
        .filter(|_| current)
        .and_then(|id| TICKET_TYPES.iter().find(|(k, _)| *k == id))
        .map_or("SAC", |(_, name)| name)
        .to_string()
}

fn os_type_name(id: &str) -> Option<&'static str> {
    let id: u64 = id.parse().ok()?;
    OS_TYPES.iter().find(|(k, _)| *k == id).map(|(_, n)| *n)
}

/// A field of `parametros_ordem_servico`, on a current server.
fn os_param(sim: &Sim, m: &serde_json::Map<String, Value>, k: &str) -> Option<String> {
    if sim.cfg.generation != crate::sim::Generation::Current {
        return None;
    }
    match m.get("parametros_ordem_servico")? {
        Value::Object(p) => text(p, k),
        _ => None,
    }
}
