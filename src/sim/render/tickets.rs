//! Tickets and service orders in the `atendimento` and `ordem_servico`
//! shapes, created lazily per customer.

use super::*;

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

pub(super) fn order_fields(o: &ServiceOrder) -> Map<String, Value> {
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

/// Adds the message threads a current server sends with `relacoes`: a few
/// synthetic messages per ticket (`atendimento_mensagem`) and one per
/// service order (`ordem_servico_mensagem`), written after the ticket.
pub fn add_messages(v: &mut Value, t: &Ticket, ticket: bool, orders: bool) {
    const LINES: [&str; 4] = [
        "Cliente informa que a conexão cai à noite",
        "Orientado a reiniciar a ONU; sem melhora",
        "Sinal da ONU dentro do padrão; aguardando retorno do cliente",
        "Cliente confirmou normalização do serviço",
    ];
    let at = |k: i64| t.created + chrono::Duration::minutes(17 * (k + 1));
    let message = |k: i64, id_key: &str, id: u64, owner_key: &str, owner: u64, text: &str| {
        let when = at(k);
        json!({
            id_key: id,
            owner_key: owner,
            "mensagem": text,
            "data_cadastro_br": when.format("%d/%m/%Y %H:%M").to_string(),
            "data_cadastro_timestamp": when
                .and_local_timezone(chrono_tz::America::Sao_Paulo)
                .single()
                .map(|d| d.timestamp_millis()),
        })
    };
    if ticket {
        let n = i64::from(t.id % 4);
        let list: Vec<Value> = (0..n)
            .map(|k| {
                message(
                    k,
                    "id_atendimento_mensagem",
                    u64::from(t.id) * 10 + k as u64,
                    "id_atendimento",
                    u64::from(t.id),
                    LINES[k as usize % LINES.len()],
                )
            })
            .collect();
        v["atendimento_mensagem"] = Value::Array(list);
    }
    if orders && let Some(Value::Array(list)) = v.get_mut("ordens_servico") {
        for o in list.iter_mut() {
            let oid = o["id_ordem_servico"].as_u64().unwrap_or(0);
            o["ordem_servico_mensagem"] = json!([message(
                5,
                "id_ordem_servico_mensagem",
                oid * 10,
                "id_ordem_servico",
                oid,
                "Técnico designado para a visita",
            )]);
        }
    }
}
