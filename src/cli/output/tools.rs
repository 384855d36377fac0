//! Tables and JSON of the tool commands: network, cities, prospects, plans
//! and receivables.

use super::*;

pub use crate::text::fold;
/// Whether one of `fields` contains `filter` (folded); no filter matches all.
pub fn matches(filter: Option<&str>, fields: &[Option<&str>]) -> bool {
    let Some(filter) = filter.map(fold).filter(|f| !f.trim().is_empty()) else {
        return true;
    };
    let filter = filter.trim();
    fields.iter().flatten().any(|v| fold(v).contains(filter))
}

/// A speed field for a table (see [`crate::br::speed::show`]).
pub(super) fn speed_text(f: &Fmt, v: Option<&Speed>, plan: Option<&str>) -> String {
    f.text(v.map(|v| crate::br::speed::show(v, plan)).as_deref())
}

pub(super) fn id_text(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `network equipment`.
pub fn equipment_table(f: &Fmt, list: &[Equipment]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColName),
        f.h(Msg::KindIpv4),
        f.h(Msg::Cli7ColIpv6),
        f.h(Msg::NetColModel),
        f.h(Msg::NetColMaker),
    ]);
    for e in list {
        t.add_row(vec![
            id_text(e.id_equipamento),
            f.text(e.nome.as_deref()),
            f.text(e.ipv4.as_deref()),
            f.text(e.ipv6.as_deref()),
            f.text(e.modelo.as_deref()),
            f.text(e.fabricante.as_deref()),
        ]);
    }
    t
}

/// One piece of equipment, HubSoft's names.
pub fn equipment_json(e: &Equipment) -> Value {
    serde_json::to_value(e).unwrap_or(Value::Null)
}

/// The fields a filter looks at in a piece of equipment.
pub fn equipment_fields(e: &Equipment) -> [Option<&str>; 5] {
    [
        e.nome.as_deref(),
        e.ipv4.as_deref(),
        e.ipv6.as_deref(),
        e.modelo.as_deref(),
        e.fabricante.as_deref(),
    ]
}

pub(super) fn equipment_line(f: &Fmt, e: &Equipment) -> String {
    let name = f.text(e.nome.as_deref());
    match e.ipv4.as_deref().map(|ip| f.text(Some(ip))) {
        Some(ip) if !ip.is_empty() => format!("{name} ({ip})"),
        _ => name,
    }
}

/// `network pops`.
pub fn pops_table(f: &Fmt, list: &[Pop]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColName),
        f.h(Msg::Cli7ColEquipment),
    ]);
    for p in list {
        let equipment: Vec<String> = p
            .equipamentos
            .iter()
            .map(|e| equipment_line(f, e))
            .collect();
        t.add_row(vec![
            id_text(p.id_pop),
            f.text(p.nome.as_deref()),
            equipment.join("\n"),
        ]);
    }
    t
}

/// A POP with its equipment.
pub fn pop_json(p: &Pop) -> Value {
    serde_json::to_value(p).unwrap_or(Value::Null)
}

/// `network zones`.
pub fn zones_table(f: &Fmt, list: &[ServiceZone]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColName),
        f.h(Msg::ColDescription),
        f.h(Msg::NetColInterfaces),
    ]);
    for z in list {
        let interfaces: Vec<String> = z
            .interfaces
            .iter()
            .map(|i| {
                let mut line = f.text(i.nome.as_deref());
                if let Some(kind) = i.tipo.as_deref().filter(|k| !k.trim().is_empty()) {
                    line.push_str(&format!(" ({})", f.text(Some(kind))));
                }
                if let Some(e) = &i.equipamento_conexao {
                    line.push_str(" → ");
                    line.push_str(&equipment_line(f, e));
                }
                line
            })
            .collect();
        t.add_row(vec![
            id_text(z.id_zona_atendimento),
            f.text(z.nome.as_deref()),
            f.text(z.descricao.as_deref()),
            interfaces.join("\n"),
        ]);
    }
    t
}

/// A service zone with its interfaces.
pub fn zone_json(z: &ServiceZone) -> Value {
    serde_json::to_value(z).unwrap_or(Value::Null)
}

/// `cities`.
pub fn cities_table(f: &Fmt, list: &[City]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColCity),
        f.h(Msg::ColUf),
        f.h(Msg::ColIbge),
        f.h(Msg::Cli7ColNeighbourhoods),
    ]);
    for c in list {
        let bairros: Vec<String> = c
            .bairros
            .iter()
            .map(|b| f.text(b.nome.as_deref()))
            .filter(|b| !b.is_empty())
            .collect();
        t.add_row(vec![
            id_text(c.id_cidade),
            f.text(c.nome.as_deref()),
            f.text(c.state_code().or(c.uf.as_deref())),
            f.text(c.ibge.as_deref()),
            bairros.join(", "),
        ]);
    }
    t
}

/// A city with its neighbourhoods.
pub fn city_json(c: &City) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    set(&mut v, "uf", text_json(c.state_code().or(c.uf.as_deref())));
    v
}

/// `plans`: speeds in Mbps, prices in R$.
pub fn plans_table(f: &Fmt, list: &[ProspectPlan]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColPlan),
        f.h(Msg::SalesColDown),
        f.h(Msg::SalesColUp),
        f.h(Msg::ColAmount),
    ]);
    for p in list {
        t.add_row(vec![
            id_text(p.id_servico),
            f.text(p.descricao.as_deref().or(p.display.as_deref())),
            speed_text(f, p.velocidade_download.as_ref(), p.descricao.as_deref()),
            speed_text(f, p.velocidade_upload.as_ref(), None),
            f.money(p.valor),
        ]);
    }
    t
}

/// A plan, with the API's numbers (speeds in kbps).
pub fn plan_json(p: &ProspectPlan) -> Value {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    add_speed_numbers(&mut v);
    v
}

/// `prospects search`.
pub fn prospects_table(f: &Fmt, list: &[Prospect]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColName),
        f.h(Msg::KindDocument),
        f.h(Msg::KindPhone),
        f.h(Msg::ColEmail),
        f.h(Msg::ColRegistered),
    ]);
    for p in list {
        t.add_row(vec![
            id_text(p.id_prospecto),
            f.text(p.nome_razaosocial.as_deref()),
            f.doc(p.cpf_cnpj.as_deref()),
            f.phone(p.telefone.as_deref()),
            f.email(p.email.as_deref()),
            f.date(p.created_at.as_ref().or(p.created_at_br.as_ref())),
        ]);
    }
    t
}

/// A prospect.
pub fn prospect_json(f: &Fmt, p: &Prospect) -> Value {
    let mut v = record_json(f, p);
    set(
        &mut v,
        "created_at",
        date_json(p.created_at.as_ref().or(p.created_at_br.as_ref())),
    );
    v
}

/// Count, sum and unpaid overdue sum of receivables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Invoices.
    pub count: usize,
    /// Sum of `valor`.
    pub sum: Decimal,
    /// Sum of `valor` of unpaid invoices due before `today`.
    pub overdue: Decimal,
}

/// The totals of `invoices` as of `today`.
pub fn totals(invoices: &[Invoice], today: chrono::NaiveDate) -> Totals {
    let mut t = Totals {
        count: invoices.len(),
        ..Totals::default()
    };
    for i in invoices {
        let v = i.valor.unwrap_or_default();
        t.sum += v;
        let due = i.due_date().and_then(ApiDate::date);
        if !i.is_paid() && due.is_some_and(|d| d < today) {
            t.overdue += v;
        }
    }
    t
}

/// `receivables`: one row per invoice, with its customer.
pub fn receivables_table(f: &Fmt, list: &[Invoice], today: chrono::NaiveDate) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColInvoiceId),
        f.h(Msg::RcvColCustomer),
        f.h(Msg::ColDue),
        f.h(Msg::ColAmount),
        f.h(Msg::ColStatus),
        f.h(Msg::ColPaidOn),
    ]);
    for i in list {
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
        let customer = i
            .cliente
            .as_ref()
            .map(|c| {
                let name = crate::text::truncate(&f.text(c.display_name()), 40).into_owned();
                match c.codigo_cliente {
                    Some(code) => format!("{code} {name}"),
                    None => name,
                }
            })
            .unwrap_or_default();
        t.add_row(vec![
            id_text(i.id_fatura),
            customer,
            f.date(i.due_date()),
            f.money(i.valor),
            status,
            f.date(i.payment_date()),
        ]);
    }
    t
}

/// A receivable: the invoice plus its short customer.
pub fn receivable_json(f: &Fmt, i: &Invoice) -> Value {
    invoice_json(f, i)
}

/// The totals in JSON.
pub fn totals_json(t: &Totals) -> Value {
    json!({
        "quantidade": t.count,
        "valor_total": money_json(Some(t.sum)),
        "valor_vencido": money_json(Some(t.overdue)),
    })
}

/// `who-had`: who held an address, and when.
pub fn who_had_table(f: &Fmt, records: &[ConnectionRecord]) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColStart),
        f.h(Msg::ColEnd),
        f.h(Msg::KindLogin),
        f.h(Msg::ColCode),
        f.h(Msg::ColName),
        f.h(Msg::KindIpv4),
        f.h(Msg::KindMac),
    ]);
    for r in records {
        let who = r.cliente.as_ref();
        t.add_row(vec![
            f.date(r.started_at()),
            f.date(r.stopped_at()),
            f.text(r.username.as_deref()),
            f.text(
                who.and_then(|c| c.codigo_cliente)
                    .map(|c| c.to_string())
                    .as_deref(),
            ),
            f.text(who.and_then(|c| c.nome_razaosocial.as_deref())),
            f.text(r.framedipaddress.as_deref()),
            f.text(r.callingstationid.as_deref()),
        ]);
    }
    t
}

/// `cpe list`.
pub fn cpes_table(f: &Fmt, list: &[Cpe]) -> Table {
    let mut t = table(vec![
        f.h(Msg::CpeColPhy),
        f.h(Msg::CpeColSeen),
        f.h(Msg::CpeColRx),
        f.h(Msg::ColCode),
        f.h(Msg::ColName),
        f.h(Msg::ColServiceId),
        f.h(Msg::ColStatus),
    ]);
    for c in list {
        let s = c.servicos.first();
        t.add_row(vec![
            f.text(c.phy_addr.as_deref()),
            f.date(c.data_ultima_atualizacao.as_ref()),
            f.text(crate::ops::bulk::cpe_rx_text(c).as_deref()),
            f.text(
                s.and_then(|s| s.codigo_cliente)
                    .map(|c| c.to_string())
                    .as_deref(),
            ),
            f.text(s.and_then(|s| s.nome_razaosocial.as_deref())),
            f.text(
                s.and_then(|s| s.id_cliente_servico)
                    .map(|c| c.to_string())
                    .as_deref(),
            ),
            f.text(s.and_then(|s| s.status.as_deref())),
        ]);
    }
    t
}

/// One CPE under HubSoft's names.
pub fn cpe_json(c: &Cpe) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    set(
        &mut v,
        "data_ultima_atualizacao",
        date_json(c.data_ultima_atualizacao.as_ref()),
    );
    v
}

/// `passwords`: a service's router and Wi-Fi passwords; `***` unless
/// `--show-secrets`.
pub fn passwords_table(f: &Fmt, list: &[ServicePassword], show_secrets: bool) -> Table {
    let mut t = table(vec![
        f.h(Msg::ColDescription),
        f.h(Msg::CliCheckUser),
        f.h(Msg::LabelPassword),
    ]);
    for p in list {
        let secret = if show_secrets {
            p.senha.as_ref().map(|s| s.expose())
        } else {
            p.senha.as_ref().map(|_| "***")
        };
        t.add_row(vec![
            f.text(p.descricao.as_deref()),
            f.text(p.usuario.as_deref()),
            f.text(secret),
        ]);
    }
    t
}

/// One password in JSON, with HubSoft's field names; `senha` only with
/// `--show-secrets` (a [`ServicePassword`] never serializes it).
pub fn password_json(p: &ServicePassword, show_secrets: bool) -> Value {
    let mut v = json!({
        "id_cliente_servico_senha": p.id_cliente_servico_senha,
        "id_cliente_servico": p.id_cliente_servico,
        "descricao": p.descricao,
        "usuario": p.usuario,
    });
    if show_secrets {
        v["senha"] = json!(p.senha.as_ref().map(|s| s.expose()));
    }
    v
}
