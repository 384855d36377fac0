//! Output of the read commands: human tables in Brazilian formats, and JSON
//! records under HubSoft's own field names.
//!
//! A record's JSON is the serialization of the typed value hubdesk decoded
//! (see [`record_json`]): every field the console can show is in it, under
//! the key HubSoft used, and nothing the client does not model (the raw
//! body is never echoed). The PPPoE `senha` is not serializable at all.

use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use crate::api::{
    Address, ApiDate, City, ConnectionRecord, ConnectionStats, Customer, CustomerService,
    Equipment, Invoice, LastConnection, Pop, Prospect, ProspectPlan, ServiceOrder, ServiceZone,
    Speed, Ticket, Traffic,
};
use crate::br;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::mask;
use crate::sanitize;

mod record;

pub use record::RecordWriter;

/// How values are shown: language and privacy mode.
#[derive(Clone, Copy, Debug)]
pub struct Fmt {
    /// Output language.
    pub lang: Lang,
    /// Privacy mode: personal data masked in tables and JSON alike.
    pub privacy: bool,
}

impl Fmt {
    /// Server text made safe for a terminal cell.
    pub fn text(&self, s: Option<&str>) -> String {
        s.map(|s| sanitize::clean_line(s).trim().to_owned())
            .unwrap_or_default()
    }

    /// A CPF/CNPJ: punctuated, or masked in privacy mode.
    pub fn doc(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::document(s),
            Some(s) => sanitize::clean_line(&br::doc::display(s)).into_owned(),
            None => String::new(),
        }
    }

    /// A phone: `(37) 99911-2233`, or masked.
    pub fn phone(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::phone(s),
            Some(s) => sanitize::clean_line(&br::phone::display(s)).into_owned(),
            None => String::new(),
        }
    }

    /// An e-mail, or masked.
    pub fn email(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::email(s),
            Some(s) => self.text(Some(s)),
            None => String::new(),
        }
    }

    /// `R$ 1.234,56`.
    pub fn money(&self, d: Option<Decimal>) -> String {
        d.map(br::money::format_brl).unwrap_or_default()
    }

    /// `dd/mm/aaaa` or `dd/mm/aaaa HH:MM`.
    pub fn date(&self, d: Option<&ApiDate>) -> String {
        d.map(|d| self.text(Some(&d.to_br()))).unwrap_or_default()
    }

    /// A yes/no flag in the output language.
    pub fn yes_no(&self, b: Option<bool>) -> String {
        match b {
            Some(true) => tr(self.lang, Msg::ConfirmYes).to_owned(),
            Some(false) => tr(self.lang, Msg::ConfirmNo).to_owned(),
            None => String::new(),
        }
    }

    /// A localized header.
    pub fn h(&self, m: Msg) -> String {
        tr(self.lang, m).to_owned()
    }

    /// A one-line address, street number masked in privacy mode.
    pub fn address(&self, a: Option<&Address>) -> String {
        let Some(a) = a else { return String::new() };
        let number = a.numero.as_deref().map(|n| {
            if self.privacy {
                mask::street_number(n)
            } else {
                self.text(Some(n))
            }
        });
        let street: Vec<String> = [a.logradouro.as_deref(), a.endereco.as_deref()]
            .into_iter()
            .flatten()
            .map(|s| self.text(Some(s)))
            .filter(|s| !s.is_empty())
            .collect();
        let mut parts = Vec::new();
        if !street.is_empty() {
            parts.push(street.join(" "));
        }
        if let Some(n) = number.filter(|n| !n.is_empty()) {
            parts.push(n);
        }
        for s in [a.bairro.as_deref(), a.cidade.as_deref(), a.state_code()]
            .into_iter()
            .flatten()
        {
            let s = self.text(Some(s));
            if !s.is_empty() {
                parts.push(s);
            }
        }
        if parts.is_empty() && !self.privacy {
            // Only the server's one-line form exists; it embeds the number,
            // so it is shown only outside privacy mode.
            return self.text(a.completo.as_deref());
        }
        parts.join(", ")
    }
}

/// Columns separated by spaces, one rule under the header: readable in a
/// terminal, in a pager and when pasted into a ticket.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// A table for human output: header row, light borders, no colours (the
/// output may go to a file). On a terminal it wraps to the terminal's width.
pub fn table(headers: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE);
    t.set_header(headers);
    if std::io::IsTerminal::is_terminal(&std::io::stdout())
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t
}

// ---------------------------------------------------------------------------
// Human tables

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
            (Msg::LabelTechnology, s.tecnologia.clone()),
            (Msg::LabelSpeed, speeds),
            (Msg::KindMac, s.mac_addr.clone()),
            (Msg::LabelPhyAddr, s.phy_addr.clone()),
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
            (Msg::LabelReference, s.referencia.clone()),
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

fn last_seen(f: &Fmt, l: Option<&LastConnection>) -> String {
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
fn traffic(f: &Fmt, t: Traffic) -> String {
    match t {
        Traffic::Megabytes(v) => megabytes(Some(v)),
        Traffic::Unknown => String::new(),
        Traffic::Invalid => tr(f.lang, Msg::TrafficInvalid).to_owned(),
    }
}

/// `1.234,5` the Brazilian way, one decimal, under a "(MB)" header.
fn megabytes(v: Option<f64>) -> String {
    v.map(crate::br::size::decimal).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// JSON

/// Money as a JSON number (`119.9`), `null` when unknown.
pub fn money_json(d: Option<Decimal>) -> Value {
    d.and_then(|d| d.to_f64())
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// A date as the records serialize it (`ApiDate`'s `Serialize`, the one
/// definition): ISO 8601, or `{"texto": ...}` for text in no known format.
pub fn date_json(d: Option<&ApiDate>) -> Value {
    d.map_or(Value::Null, |d| {
        serde_json::to_value(d).unwrap_or(Value::Null)
    })
}

fn id_json(v: Option<u64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

fn text_json(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

/// What privacy mode shows instead of a text found under a key.
#[derive(Debug, PartialEq)]
enum Masked {
    Text(String),
    Null,
}

/// The privacy mask of the text `s` under `key` in an object (`in_address`:
/// an address), or `None` when it is shown as it is. The one rule set, for
/// [`redact`] and the export's [`RecordWriter`].
fn masked_entry(key: &str, in_address: bool, s: &str) -> Option<Masked> {
    if key == "cpf_cnpj" {
        Some(Masked::Text(mask::document(s)))
    } else if key.starts_with("telefone") || key == "celular" {
        Some(Masked::Text(mask::phone(s)))
    } else if key.starts_with("email") {
        Some(Masked::Text(mask::email(s)))
    } else if in_address && key == "numero" {
        Some(Masked::Text(mask::street_number(s)))
    } else if in_address && key == "complemento" {
        Some(Masked::Null)
    } else {
        None
    }
}

/// Whether the objects under `key` are addresses, for [`masked_entry`].
fn child_in_address(key: &str) -> bool {
    key.starts_with("endereco")
}

/// Keys whose values are personal data, masked in privacy mode wherever
/// they appear in a record (nested customers, contacts, addresses).
fn redact(v: &mut Value, in_address: bool) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                if let Value::String(s) = val {
                    match masked_entry(k, in_address, s) {
                        Some(Masked::Text(t)) => *val = Value::String(t),
                        Some(Masked::Null) => *val = Value::Null,
                        None => {}
                    }
                } else {
                    redact(val, child_in_address(k));
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact(i, in_address)),
        _ => {}
    }
}

/// Masks personal data in an already built JSON value (an action's answer
/// with its queued recipients) when privacy mode is on.
pub fn mask_json(f: &Fmt, v: &mut Value) {
    if f.privacy {
        redact(v, false);
    }
}

/// The speeds that get their kbit/s beside them, and the key it goes under.
const SPEED_KEYS: [(&str, &str); 2] = [
    ("velocidade_download", "velocidade_download_kbps"),
    ("velocidade_upload", "velocidade_upload_kbps"),
];

/// The kbit/s of a speed sent as text, `None` when it does not parse.
fn speed_kbps(text: &str) -> Option<u64> {
    crate::api::speed::parse_speed(text)
}

/// [`speed_kbps`] as JSON text, for the export's [`RecordWriter`].
fn speed_kbps_entry(text: Option<&str>) -> Vec<u8> {
    text.and_then(speed_kbps)
        .map_or_else(|| b"null".to_vec(), |k| k.to_string().into_bytes())
}

/// Beside every speed sent as text (`"30 Mbits"`), its parsed kbit/s as
/// `<key>_kbps`, so scripts get a number whatever the server wrote.
fn add_speed_numbers(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let mut extra = Vec::new();
            for (key, kbps_key) in SPEED_KEYS {
                match m.get(key) {
                    Some(Value::String(t)) => extra.push((
                        kbps_key.to_owned(),
                        speed_kbps(t).map_or(Value::Null, Value::from),
                    )),
                    Some(Value::Number(n)) => {
                        extra.push((kbps_key.to_owned(), Value::Number(n.clone())))
                    }
                    _ => {}
                }
            }
            for (k, val) in extra {
                m.insert(k, val);
            }
            m.values_mut().for_each(add_speed_numbers);
        }
        Value::Array(items) => items.iter_mut().for_each(add_speed_numbers),
        _ => {}
    }
}

/// Any decoded record as JSON under HubSoft's names: every field hubdesk
/// decoded (`null` when the server did not send it; a key HubSoft spells
/// two ways appears under each spelling the type models), speeds with
/// their kbit/s beside them, personal data masked in privacy mode.
pub fn record_json<T: serde::Serialize>(f: &Fmt, record: &T) -> Value {
    // Serializing plain data into a `Value` cannot fail (no maps with
    // non-string keys, no custom errors).
    let mut v = serde_json::to_value(record).unwrap_or(Value::Null);
    add_speed_numbers(&mut v);
    if f.privacy {
        redact(&mut v, false);
    }
    v
}

/// Sets `key` on a JSON object (a record's canonical value read through an
/// accessor that looks at every spelling HubSoft uses).
fn set(v: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = v {
        m.insert(key.to_owned(), value);
    }
}

/// A customer, with its services (and every field of each).
pub fn customer_json(f: &Fmt, c: &Customer) -> Value {
    record_json(f, c)
}

/// An invoice, with the canonical due date, payment date, paid flag and PIX
/// code filled from whichever spelling the server used.
pub fn invoice_json(f: &Fmt, i: &Invoice) -> Value {
    let mut v = record_json(f, i);
    set(&mut v, "data_vencimento", date_json(i.due_date()));
    set(&mut v, "data_pagamento", date_json(i.payment_date()));
    set(&mut v, "quitado", Value::Bool(i.is_paid()));
    set(&mut v, "pix_copia_cola", text_json(i.pix()));
    v
}

/// A ticket, with its own service's id (from the nested `servico` when the
/// server sent no top-level `id_cliente_servico`) and its canonical dates.
pub fn ticket_json(f: &Fmt, t: &Ticket) -> Value {
    let mut v = record_json(f, t);
    set(&mut v, "id_cliente_servico", id_json(t.service_id()));
    set(&mut v, "data_cadastro", date_json(t.opened_at()));
    set(&mut v, "data_fechamento", date_json(t.closed_at()));
    v
}

/// A service order, with its service's id and the protocol of the ticket
/// that opened it.
pub fn order_json(f: &Fmt, o: &ServiceOrder) -> Value {
    let mut v = record_json(f, o);
    set(
        &mut v,
        "id_cliente_servico",
        id_json(o.service().and_then(|s| s.id_cliente_servico)),
    );
    set(&mut v, "protocolo", text_json(o.protocol()));
    v
}

/// One RADIUS session, with canonical start and stop instants.
pub fn connection_json(r: &ConnectionRecord) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    set(&mut v, "acctstarttime", date_json(r.started_at()));
    set(&mut v, "acctstoptime", date_json(r.stopped_at()));
    v
}

/// The log's totals.
pub fn stats_json(s: Option<&ConnectionStats>) -> Value {
    s.map_or(Value::Null, |s| {
        serde_json::to_value(s).unwrap_or(Value::Null)
    })
}

// ---------------------------------------------------------------------------
// Issue 7: network, cities, prospects, plans, receivables

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
fn speed_text(f: &Fmt, v: Option<&Speed>, plan: Option<&str>) -> String {
    f.text(v.map(|v| crate::br::speed::show(v, plan)).as_deref())
}

fn id_text(v: Option<u64>) -> String {
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

fn equipment_line(f: &Fmt, e: &Equipment) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn megabytes_are_grouped_the_brazilian_way() {
        assert_eq!(megabytes(Some(1234.56)), "1.234,6");
        assert_eq!(megabytes(Some(12.0)), "12,0");
        assert_eq!(megabytes(Some(-1234567.0)), "-1.234.567,0");
        assert_eq!(megabytes(None), "");
    }

    #[test]
    fn json_money_and_dates() {
        assert_eq!(
            money_json(Some(Decimal::from_str("119.90").unwrap())),
            json!(119.9)
        );
        assert_eq!(money_json(None), Value::Null);
        let day = ApiDate::parse("10/05/2024").unwrap();
        assert_eq!(date_json(Some(&day)), json!("2024-05-10"));
        let t = ApiDate::parse("2019-12-15 18:22:24-03").unwrap();
        assert_eq!(date_json(Some(&t)), json!("2019-12-15T18:22:24-03:00"));
        let raw = ApiDate::parse("31/02/2026").unwrap();
        assert_eq!(date_json(Some(&raw)), json!({"texto": "31/02/2026"}));
        assert_eq!(date_json(None), Value::Null);
    }

    #[test]
    fn privacy_masks_documents_phones_emails_and_numbers() {
        let f = Fmt {
            lang: Lang::En,
            privacy: true,
        };
        assert_eq!(f.doc(Some("12345678909")), "***.456.789-**");
        assert_eq!(f.phone(Some("37999112233")), "(37) *****-2233");
        assert_eq!(f.email(Some("ana@x.com")), "a***@x.com");
        let a = Address {
            endereco: Some("Rua A".into()),
            numero: Some("123".into()),
            cidade: Some("Divinópolis".into()),
            ..Address::default()
        };
        assert_eq!(f.address(Some(&a)), "Rua A, ***, Divinópolis");
        let plain = Fmt {
            lang: Lang::En,
            privacy: false,
        };
        assert_eq!(plain.doc(Some("12345678909")), "123.456.789-09");
        assert_eq!(plain.phone(Some("37999112233")), "(37) 99911-2233");
    }

    #[test]
    fn service_json_never_has_the_password() {
        let s = CustomerService {
            id_cliente_servico: Some(5),
            senha: Some("pppoe-secret".into()),
            ..CustomerService::default()
        };
        let f = Fmt {
            lang: Lang::En,
            privacy: false,
        };
        let v = record_json(&f, &s);
        assert!(!v.to_string().contains("pppoe-secret"));
        assert_eq!(v["id_cliente_servico"], json!(5));
    }

    #[test]
    fn filters_ignore_case_and_accents() {
        assert!(matches(Some("sao jose"), &[None, Some("Padaria São José")]));
        assert!(matches(Some("  DIVINÓ "), &[Some("divinopolis")]));
        assert!(!matches(Some("itaúna"), &[Some("Divinópolis"), None]));
        assert!(matches(None, &[]));
        assert!(matches(Some(" "), &[]));
    }

    #[test]
    fn receivable_totals_count_overdue_unpaid_only() {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
        let inv = |valor: &str, due: &str, paid: Option<&str>| -> Invoice {
            let mut v = json!({"valor": valor, "data_vencimento": due});
            if let Some(p) = paid {
                v["data_pagamento"] = json!(p);
                v["quitado"] = json!(true);
            }
            serde_json::from_value(v).unwrap()
        };
        let list = vec![
            inv("100.00", "2025-01-10", None),
            inv("50.50", "2025-01-10", Some("2025-01-09")),
            inv("10", "2025-01-25", None),
            inv("1.5", "2025-01-20", None),
        ];
        let t = totals(&list, today);
        assert_eq!(t.count, 4);
        assert_eq!(t.sum, Decimal::from_str("162.00").unwrap());
        assert_eq!(t.overdue, Decimal::from_str("100.00").unwrap());
        assert_eq!(
            totals_json(&t),
            json!({"quantidade": 4, "valor_total": 162.0, "valor_vencido": 100.0})
        );
    }
}
