//! Human tables of the CLI: customers, services, invoices, tickets, orders
//! and connections.

use super::*;

/// `search`: one row per customer.
pub fn customers_table(f: &Fmt, customers: &[Customer]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColCode),
        f.h(Msg::ColName),
        f.h(Msg::KindDocument),
        f.h(Msg::KindPhone),
        f.h(Msg::PaneServices),
    ]);
    for c in customers {
        let services: Vec<String> = c
            .servicos
            .iter()
            .map(|s| {
                format!(
                    "{} {} ({})",
                    s.id_cliente_servico
                        .map(|i| i.to_string())
                        .unwrap_or_default(),
                    f.text(s.nome.as_deref()),
                    f.text(s.status.as_deref())
                )
            })
            .collect();
        t.add_row(vec![
            c.codigo_cliente.map(|c| c.to_string()).unwrap_or_default(),
            f.text(c.display_name()),
            f.doc(c.cpf_cnpj.as_deref()),
            f.phone(c.phones().first().copied()),
            services.join("\n"),
        ]);
    }
    t
}

/// `customer`: the customer's own fields, as label/value rows.
pub fn customer_table(f: &Fmt, c: &Customer) -> Table {
    let mut t = table(vec![f.h(Msg::PaneCustomer), String::new()]);
    let mut row = |label: Msg, value: String| {
        if !value.is_empty() {
            t.add_row(vec![f.h(label), value]);
        }
    };
    row(
        Msg::ColCode,
        c.codigo_cliente.map(|c| c.to_string()).unwrap_or_default(),
    );
    row(Msg::ColName, f.text(c.nome_razaosocial.as_deref()));
    row(Msg::KindFantasyName, f.text(c.nome_fantasia.as_deref()));
    row(Msg::KindDocument, f.doc(c.cpf_cnpj.as_deref()));
    row(
        Msg::KindPhone,
        c.phones()
            .iter()
            .map(|p| f.phone(Some(p)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    row(
        Msg::ColEmail,
        c.emails()
            .iter()
            .map(|e| f.email(Some(e)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    row(Msg::ColRegistered, f.date(c.data_cadastro.as_ref()));
    row(Msg::ColActive, f.yes_no(c.ativo));
    for alert in &c.alerta_mensagens {
        row(Msg::ColAlert, f.text(Some(alert)));
    }
    t
}

/// `customer`: the services.
pub fn services_table(f: &Fmt, services: &[&CustomerService]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColServiceId),
        f.h(Msg::ColPlan),
        f.h(Msg::ColStatus),
        f.h(Msg::KindLogin),
        f.h(Msg::KindIpv4),
        f.h(Msg::ColAmount),
        f.h(Msg::PaneLastSeen),
        f.h(Msg::ColAddress),
    ]);
    for s in services {
        t.add_row(vec![
            s.id_cliente_servico
                .map(|i| i.to_string())
                .unwrap_or_default(),
            f.text(s.nome.as_deref()),
            f.text(s.status.as_deref()),
            f.text(s.login.as_deref()),
            f.text(s.ipv4.as_deref()),
            f.money(s.valor),
            last_seen(f, s.ultima_conexao.as_ref()),
            f.address(s.endereco_instalacao.as_ref()),
        ]);
    }
    t
}

/// `customer`: each service's connection details, one row per value the
/// server sent (speeds, MACs, equipment, interfaces, port, landmark), so a
/// technician on the phone can read them out without `--json`.
pub fn service_details_table(f: &Fmt, services: &[&CustomerService]) -> Table {
    let mut t = table(vec![f.h(Msg::ColServiceId), String::new(), String::new()]);
    for s in services {
        let id = s
            .id_cliente_servico
            .map(|i| i.to_string())
            .unwrap_or_default();
        let speeds =
            (s.velocidade_download.is_some() || s.velocidade_upload.is_some()).then(|| {
                br::speed::pair(
                    s.velocidade_download.as_ref(),
                    s.velocidade_upload.as_ref(),
                    s.nome.as_deref(),
                    "—",
                )
            });
        let equipment = |e: Option<&crate::api::Equipment>| {
            e.and_then(|e| {
                let name = e.nome.as_deref()?;
                Some(match e.ipv4.as_deref() {
                    Some(ip) => format!("{name} ({ip})"),
                    None => name.to_owned(),
                })
            })
        };
        let iface = |i: Option<&crate::api::NetInterface>| {
            i.and_then(|i| {
                let name = i.nome.as_deref().or(i.descricao.as_deref())?;
                Some(match i.tipo.as_deref() {
                    Some(kind) => format!("{name} ({kind})"),
                    None => name.to_owned(),
                })
            })
        };
        let port = s.porta_atendimento.as_ref().map(|p| {
            [p.numero.as_deref(), p.equipamento.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        });
        let rows: [(Msg, Option<String>); 10] = [
            (
                Msg::LabelTechnology,
                s.tecnologia.as_deref().map(str::to_owned),
            ),
            (Msg::LabelSpeed, speeds),
            (Msg::KindMac, s.mac_addr.as_deref().map(str::to_owned)),
            (Msg::LabelPhyAddr, s.phy_addr.as_deref().map(str::to_owned)),
            (Msg::LabelEquipment, equipment(s.routing_equipment())),
            (
                Msg::LabelOlt,
                equipment(s.equipamento_conexao.as_ref()).or_else(|| {
                    equipment(
                        s.interface_conexao
                            .as_ref()
                            .and_then(|i| i.equipamento_conexao.as_ref()),
                    )
                }),
            ),
            (
                Msg::LabelInterface,
                iface(s.interface_conexao.as_ref().or(s.interface.as_ref())),
            ),
            (
                Msg::LabelRoutingInterface,
                iface(s.interface_roteamento.as_ref()),
            ),
            (Msg::LabelPort, port),
            (
                Msg::LabelReference,
                s.referencia.as_deref().map(str::to_owned),
            ),
        ];
        for (label, value) in rows {
            let value = f.text(value.as_deref());
            if !value.is_empty() {
                t.add_row(vec![id.clone(), f.h(label), value]);
            }
        }
    }
    t
}

pub(super) fn last_seen(f: &Fmt, l: Option<&LastConnection>) -> String {
    let Some(l) = l else { return String::new() };
    let online = match l.conectado {
        Some(true) => f.h(Msg::ColOnline),
        Some(false) => f.h(Msg::ColOffline),
        None => String::new(),
    };
    let when = l
        .ultima_conexao_datetime
        .as_ref()
        .or(l.ultima_conexao.as_ref());
    [online, f.date(when)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `invoices`.
pub fn invoices_table(f: &Fmt, invoices: &[Invoice]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColInvoiceId),
        f.h(Msg::ColDue),
        f.h(Msg::ColAmount),
        f.h(Msg::ColStatus),
        f.h(Msg::ColPaidOn),
        f.h(Msg::ColBoletoLine),
    ]);
    let today = br::dates::today(chrono::Utc::now());
    for i in invoices {
        let status = if i.is_paid() {
            f.h(Msg::ColPaid)
        } else {
            match i.due_date().and_then(ApiDate::date) {
                Some(due) if due < today => match br::dates::days_overdue(due, today) {
                    1 => f.h(Msg::InvoiceOverdueOne),
                    days => trf(f.lang, Msg::InvoiceOverdueMany, &[("days", &days)]),
                },
                _ => f.h(Msg::InvoiceOpen),
            }
        };
        t.add_row(vec![
            i.id_fatura.map(|i| i.to_string()).unwrap_or_default(),
            f.date(i.due_date()),
            f.money(i.valor),
            status,
            f.date(i.payment_date()),
            f.text(i.linha_digitavel.as_deref()),
        ]);
    }
    t
}

/// `tickets`.
pub fn tickets_table(f: &Fmt, tickets: &[Ticket]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColTicketId),
        f.h(Msg::ColProtocol),
        f.h(Msg::ColOpened),
        f.h(Msg::ColStatus),
        f.h(Msg::ColType),
        f.h(Msg::ColService),
        f.h(Msg::ColDescription),
    ]);
    for k in tickets {
        t.add_row(vec![
            k.id_atendimento.map(|i| i.to_string()).unwrap_or_default(),
            f.text(k.protocolo.as_deref()),
            f.date(k.opened_at()),
            f.text(k.status.as_deref()),
            f.text(k.tipo_atendimento.as_deref()),
            k.service_id().map(|i| i.to_string()).unwrap_or_default(),
            crate::text::truncate(&f.text(k.descricao_abertura.as_deref()), 60).into_owned(),
        ]);
    }
    t
}

/// `orders`.
pub fn orders_table(f: &Fmt, orders: &[ServiceOrder]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColOrderNumber),
        f.h(Msg::ColType),
        f.h(Msg::ColStatus),
        f.h(Msg::ColRegistered),
        f.h(Msg::ColScheduled),
        f.h(Msg::ColProtocol),
        f.h(Msg::ColTechnicians),
        f.h(Msg::ColPeople),
        f.h(Msg::ColClosingStatus),
        f.h(Msg::ColDescription),
    ]);
    for o in orders {
        let people = [
            o.usuario_abertura.as_deref(),
            o.usuario_fechamento.as_deref(),
        ]
        .map(|p| f.text(p))
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
        t.add_row(vec![
            f.text(o.numero_ordem_servico.as_deref()),
            f.text(o.tipo.as_deref()),
            f.text(o.status.as_deref()),
            f.date(o.data_cadastro.as_ref()),
            f.date(o.data_inicio_programado.as_ref()),
            f.text(o.protocol()),
            o.technicians()
                .iter()
                .map(|n| f.text(Some(n)))
                .collect::<Vec<_>>()
                .join(", "),
            people,
            f.text(o.status_fechamento.as_deref()),
            crate::text::truncate(
                &f.text(
                    o.descricao_servico
                        .as_deref()
                        .or(o.descricao_abertura.as_deref()),
                ),
                60,
            )
            .into_owned(),
        ]);
    }
    t
}

/// `connections`.
pub fn connections_table(f: &Fmt, records: &[ConnectionRecord]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColStart),
        f.h(Msg::ColEnd),
        f.h(Msg::KindIpv4),
        f.h(Msg::ColNas),
        f.h(Msg::KindMac),
        f.h(Msg::ColDownloadMb),
        f.h(Msg::ColUploadMb),
    ]);
    for r in records {
        t.add_row(vec![
            f.date(r.started_at()),
            f.date(r.stopped_at()),
            f.text(r.framedipaddress.as_deref()),
            f.text(r.nasipaddress.as_deref()),
            f.text(r.callingstationid.as_deref()),
            traffic(f, r.download()),
            traffic(f, r.upload()),
        ]);
    }
    t
}

/// A session's traffic in the table: [`megabytes`], blank when not
/// sent, "inválido" when impossible (negative), as in the console.
pub(super) fn traffic(f: &Fmt, t: Traffic) -> String {
    match t {
        Traffic::Megabytes(v) => megabytes(Some(v)),
        Traffic::Unknown => String::new(),
        Traffic::Invalid => tr(f.lang, Msg::TrafficInvalid).to_owned(),
    }
}

/// `1.234,5` the Brazilian way, one decimal, under a "(MB)" header.
pub(super) fn megabytes(v: Option<f64>) -> String {
    v.map(crate::br::size::decimal).unwrap_or_default()
}

/// `customer`: each service's trust-unlock history, when the server sent
/// one (current servers): how many in 30 days, then each unlock.
pub fn unlocks_table(
    f: &Fmt,
    services: &[&CustomerService],
    today: chrono::NaiveDate,
) -> Option<Table> {
    let mut t = table(vec![f.h(Msg::ColServiceId), f.h(Msg::PaneUnlockHistory)]);
    let mut any = false;
    for s in services {
        let (Some(list), Some(h)) = (
            s.desbloqueios.as_ref(),
            crate::ops::unlocks::UnlockHistory::of(s, today),
        ) else {
            continue;
        };
        any = true;
        let id = s
            .id_cliente_servico
            .map(|i| i.to_string())
            .unwrap_or_default();
        t.add_row(vec![id, h.summary(f.lang)]);
        for u in list {
            t.add_row(vec![
                String::new(),
                trf(
                    f.lang,
                    Msg::UnlockRow,
                    &[
                        ("granted", &f.date(u.data_cadastro.as_ref())),
                        ("ends", &f.date(u.ends())),
                        ("note", &f.text(u.observacao.as_deref())),
                    ],
                ),
            ]);
        }
    }
    any.then_some(t)
}

/// `tickets --messages`: a ticket's thread, oldest first.
pub fn ticket_thread(f: &Fmt, t: &Ticket) -> String {
    let messages = t.messages();
    if messages.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{} {}",
        f.text(t.protocolo.as_deref()),
        trf(f.lang, Msg::TicketThread, &[("count", &messages.len())])
    );
    for (place, m) in messages {
        out.push_str(&format!(
            "\n  {} · {}",
            f.date(m.written_at()),
            Some(f.text(m.usuario.as_deref()))
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "—".to_owned())
        ));
        if let crate::api::MessagePlace::Order(order) = place {
            let id = order.map(|i| i.to_string()).unwrap_or_else(|| f.text(None));
            out.push_str(" · ");
            out.push_str(&trf(f.lang, Msg::MessageOnOrder, &[("id", &id)]));
        }
        let text = m
            .mensagem
            .as_deref()
            .map(|x| crate::sanitize::clean_multiline(x).into_owned())
            .unwrap_or_default();
        for line in text.lines() {
            out.push_str("\n    ");
            out.push_str(line);
        }
    }
    out
}
