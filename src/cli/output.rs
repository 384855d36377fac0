//! Output of the read commands: human tables in Brazilian formats, and JSON
//! records under HubSoft's own field names, built field by field from the
//! typed values (never the raw body, so the PPPoE `senha` and anything the
//! client does not model can never leak through).

use chrono::SecondsFormat;
use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use crate::api::{
    Address, ApiDate, City, ConnectionRecord, ConnectionStats, Customer, CustomerService,
    Equipment, Invoice, LastConnection, Pop, Prospect, ProspectPlan, ServiceOrder, ServiceZone,
    Ticket,
};
use crate::br;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::mask;
use crate::sanitize;

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
        f.h(Msg::ColDescription),
    ]);
    for k in tickets {
        t.add_row(vec![
            k.id_atendimento.map(|i| i.to_string()).unwrap_or_default(),
            f.text(k.protocolo.as_deref()),
            f.date(k.opened_at()),
            f.text(k.status.as_deref()),
            f.text(k.tipo_atendimento.as_deref()),
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
        f.h(Msg::ColDescription),
    ]);
    for o in orders {
        t.add_row(vec![
            f.text(o.numero_ordem_servico.as_deref()),
            f.text(o.tipo.as_deref()),
            f.text(o.status.as_deref()),
            f.date(o.data_cadastro.as_ref()),
            f.date(o.data_inicio_programado.as_ref()),
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
            megabytes(r.download_megabytes),
            megabytes(r.upload_megabytes),
        ]);
    }
    t
}

/// `1.234,5` the Brazilian way, one decimal.
fn megabytes(v: Option<f64>) -> String {
    let Some(v) = v else { return String::new() };
    let plain = format!("{v:.1}");
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "0"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
}

// ---------------------------------------------------------------------------
// JSON

/// Money as a JSON number (`119.9`), `null` when unknown.
pub fn money_json(d: Option<Decimal>) -> Value {
    d.and_then(|d| d.to_f64())
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// A date as ISO 8601: `2024-05-10` for days, RFC 3339 with the offset for
/// instants; text in an unknown format is passed on as it came.
pub fn date_json(d: Option<&ApiDate>) -> Value {
    match d {
        Some(ApiDate::Day(day)) => Value::String(day.format("%Y-%m-%d").to_string()),
        Some(ApiDate::Instant(t)) => Value::String(t.to_rfc3339_opts(SecondsFormat::Secs, false)),
        Some(ApiDate::Raw(s)) => Value::String(s.clone()),
        None => Value::Null,
    }
}

fn id_json(v: Option<u64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

fn text_json(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

impl Fmt {
    fn doc_json(&self, v: Option<&str>) -> Value {
        match v {
            Some(s) if self.privacy => Value::String(mask::document(s)),
            other => text_json(other),
        }
    }

    fn phone_json(&self, v: Option<&str>) -> Value {
        match v {
            Some(s) if self.privacy => Value::String(mask::phone(s)),
            other => text_json(other),
        }
    }

    fn email_json(&self, v: Option<&str>) -> Value {
        match v {
            Some(s) if self.privacy => Value::String(mask::email(s)),
            other => text_json(other),
        }
    }
}

/// A customer, with its services.
pub fn customer_json(f: &Fmt, c: &Customer) -> Value {
    let services: Vec<Value> = c.servicos.iter().map(|s| service_json(f, s)).collect();
    let mut m = short_customer(f, c);
    let extra = json!({
        "id_cliente": id_json(c.id_cliente),
        "nome_fantasia": text_json(c.nome_fantasia.as_deref()),
        "tipo_pessoa": text_json(c.tipo_pessoa.as_deref()),
        "telefone_primario": f.phone_json(c.telefone_primario.as_deref()),
        "telefone_secundario": f.phone_json(c.telefone_secundario.as_deref()),
        "telefone_terciario": f.phone_json(c.telefone_terciario.as_deref()),
        "email_principal": f.email_json(c.email_principal.as_deref()),
        "email_secundario": f.email_json(c.email_secundario.as_deref()),
        "data_cadastro": date_json(c.data_cadastro.as_ref()),
        "ativo": c.ativo,
        "alerta": c.alerta,
        "alerta_mensagens": c.alerta_mensagens,
        "servicos": services,
    });
    if let Value::Object(extra) = extra {
        m.extend(extra);
    }
    Value::Object(m)
}

/// The short customer nested in invoices, tickets and orders.
fn short_customer(f: &Fmt, c: &Customer) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("codigo_cliente".into(), id_json(c.codigo_cliente));
    m.insert(
        "nome_razaosocial".into(),
        text_json(c.nome_razaosocial.as_deref()),
    );
    m.insert("cpf_cnpj".into(), f.doc_json(c.cpf_cnpj.as_deref()));
    m
}

/// A service. Never includes `senha`.
pub fn service_json(f: &Fmt, s: &CustomerService) -> Value {
    json!({
        "id_cliente_servico": id_json(s.id_cliente_servico),
        "numero_plano": s.numero_plano,
        "nome": text_json(s.nome.as_deref()),
        "valor": money_json(s.valor),
        "status": text_json(s.status.as_deref()),
        "status_prefixo": text_json(s.status_prefixo.as_deref()),
        "tecnologia": text_json(s.tecnologia.as_deref()),
        "login": text_json(s.login.as_deref()),
        "ipv4": text_json(s.ipv4.as_deref()),
        "ipv6": text_json(s.ipv6.as_deref()),
        "mac_addr": text_json(s.mac_addr.as_deref()),
        "ultima_conexao": s.ultima_conexao.as_ref().map(|l| json!({
            "conectado": l.conectado,
            "ultima_conexao": date_json(l.ultima_conexao_datetime.as_ref().or(l.ultima_conexao.as_ref())),
            "ultima_desconexao": date_json(l.ultima_desconexao_datetime.as_ref().or(l.ultima_desconexao.as_ref())),
            "ultimo_ipv4": text_json(l.ultimo_ipv4.as_deref()),
        })),
        "endereco_instalacao": s.endereco_instalacao.as_ref().map(|a| address_json(f, a)),
    })
}

fn address_json(f: &Fmt, a: &Address) -> Value {
    json!({
        "endereco": text_json(a.endereco.as_deref()),
        "numero": match a.numero.as_deref() {
            Some(n) if f.privacy => Value::String(mask::street_number(n)),
            other => text_json(other),
        },
        "complemento": if f.privacy { Value::Null } else { text_json(a.complemento.as_deref()) },
        "bairro": text_json(a.bairro.as_deref()),
        "cidade": text_json(a.cidade.as_deref()),
        "uf": text_json(a.state_code()),
        "cep": text_json(a.cep.as_deref()),
    })
}

/// An invoice.
pub fn invoice_json(_f: &Fmt, i: &Invoice) -> Value {
    json!({
        "id_fatura": id_json(i.id_fatura),
        "valor": money_json(i.valor),
        "valor_pago": money_json(i.valor_pago),
        "data_vencimento": date_json(i.due_date()),
        "data_pagamento": date_json(i.payment_date()),
        "quitado": i.is_paid(),
        "tipo_cobranca": text_json(i.tipo_cobranca.as_deref()),
        "linha_digitavel": text_json(i.linha_digitavel.as_deref()),
        "pix_copia_cola": text_json(i.pix()),
        "link": text_json(i.link.as_deref()),
    })
}

/// A ticket.
pub fn ticket_json(f: &Fmt, t: &Ticket) -> Value {
    json!({
        "id_atendimento": id_json(t.id_atendimento),
        "protocolo": text_json(t.protocolo.as_deref()),
        "id_cliente_servico": id_json(t.id_cliente_servico),
        "tipo_atendimento": text_json(t.tipo_atendimento.as_deref()),
        "status": text_json(t.status.as_deref()),
        "descricao_abertura": text_json(t.descricao_abertura.as_deref()),
        "descricao_fechamento": text_json(t.descricao_fechamento.as_deref()),
        "data_cadastro": date_json(t.opened_at()),
        "data_fechamento": date_json(t.closed_at()),
        "cliente": t.cliente.as_ref().map(|c| Value::Object(short_customer(f, c))),
        "ordens_servico": t.service_orders().iter().map(|o| json!({
            "id_ordem_servico": id_json(o.id_ordem_servico),
            "numero_ordem_servico": text_json(o.numero_ordem_servico.as_deref()),
        })).collect::<Vec<_>>(),
    })
}

/// A service order.
pub fn order_json(f: &Fmt, o: &ServiceOrder) -> Value {
    json!({
        "id_ordem_servico": id_json(o.id_ordem_servico),
        "numero_ordem_servico": text_json(o.numero_ordem_servico.as_deref()),
        "tipo": text_json(o.tipo.as_deref()),
        "status": text_json(o.status.as_deref()),
        "data_cadastro": date_json(o.data_cadastro.as_ref()),
        "data_inicio_programado": date_json(o.data_inicio_programado.as_ref()),
        "data_termino_programado": date_json(o.data_termino_programado.as_ref()),
        "descricao_abertura": text_json(o.descricao_abertura.as_deref()),
        "descricao_servico": text_json(o.descricao_servico.as_deref()),
        "id_cliente_servico": id_json(o.service().and_then(|s| s.id_cliente_servico)),
        "cliente": o.cliente.as_ref().map(|c| Value::Object(short_customer(f, c))),
    })
}

/// One RADIUS session.
pub fn connection_json(r: &ConnectionRecord) -> Value {
    json!({
        "acctstarttime": date_json(r.started_at()),
        "acctstoptime": date_json(r.stopped_at()),
        "username": text_json(r.username.as_deref()),
        "framedipaddress": text_json(r.framedipaddress.as_deref()),
        "nasipaddress": text_json(r.nasipaddress.as_deref()),
        "callingstationid": text_json(r.callingstationid.as_deref()),
        "download_megabytes": r.download_megabytes,
        "upload_megabytes": r.upload_megabytes,
    })
}

/// The log's totals.
pub fn stats_json(s: Option<&ConnectionStats>) -> Value {
    s.map_or(Value::Null, |s| {
        json!({
            "total_conexoes": s.total_conexoes,
            "download_total": s.download_total,
            "upload_total": s.upload_total,
            "trafego_total": s.trafego_total,
        })
    })
}

// ---------------------------------------------------------------------------
// Issue 7: network, cities, prospects, plans, receivables

/// Lowercase without accents, for filters that should find `São José`
/// when `sao jose` is typed.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// Whether one of `fields` contains `filter` (folded); no filter matches all.
pub fn matches(filter: Option<&str>, fields: &[Option<&str>]) -> bool {
    let Some(filter) = filter.map(fold).filter(|f| !f.trim().is_empty()) else {
        return true;
    };
    let filter = filter.trim();
    fields.iter().flatten().any(|v| fold(v).contains(filter))
}

/// `1.234` the Brazilian way.
fn group_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A speed given in kbps, shown in Mbps (1 Mbps = 1024 kbps, as HubSoft
/// counts): `102400` is `100 Mbps`; a fraction gets one decimal, `1,5 Mbps`.
pub fn mbps(kbps: Option<u64>) -> String {
    match kbps {
        None => String::new(),
        Some(k) if k % 1024 == 0 => format!("{} Mbps", group_int(k / 1024)),
        Some(k) => format!("{} Mbps", megabytes(Some(k as f64 / 1024.0))),
    }
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
        f.h(Msg::Cli7ColModel),
        f.h(Msg::Cli7ColMaker),
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
    json!({
        "id_equipamento": id_json(e.id_equipamento),
        "nome": text_json(e.nome.as_deref()),
        "ipv4": text_json(e.ipv4.as_deref()),
        "ipv6": text_json(e.ipv6.as_deref()),
        "modelo": text_json(e.modelo.as_deref()),
        "fabricante": text_json(e.fabricante.as_deref()),
    })
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
    json!({
        "id_pop": id_json(p.id_pop),
        "nome": text_json(p.nome.as_deref()),
        "equipamentos": p.equipamentos.iter().map(equipment_json).collect::<Vec<_>>(),
    })
}

/// `network zones`.
pub fn zones_table(f: &Fmt, list: &[ServiceZone]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColName),
        f.h(Msg::ColDescription),
        f.h(Msg::Cli7ColInterfaces),
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
    json!({
        "id_zona_atendimento": id_json(z.id_zona_atendimento),
        "nome": text_json(z.nome.as_deref()),
        "descricao": text_json(z.descricao.as_deref()),
        "interfaces": z.interfaces.iter().map(|i| json!({
            "id_interface_conexao": id_json(i.id_interface_conexao),
            "nome": text_json(i.nome.as_deref()),
            "descricao": text_json(i.descricao.as_deref()),
            "tipo": text_json(i.tipo.as_deref()),
            "equipamento_conexao": i.equipamento_conexao.as_ref().map(equipment_json),
        })).collect::<Vec<_>>(),
    })
}

/// `cities`.
pub fn cities_table(f: &Fmt, list: &[City]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::Cli7ColCity),
        f.h(Msg::Cli7ColUf),
        f.h(Msg::Cli7ColIbge),
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
    json!({
        "id_cidade": id_json(c.id_cidade),
        "nome": text_json(c.nome.as_deref()),
        "uf": text_json(c.state_code().or(c.uf.as_deref())),
        "ibge": text_json(c.ibge.as_deref()),
        "bairros": c.bairros.iter().map(|b| json!({"nome": text_json(b.nome.as_deref())})).collect::<Vec<_>>(),
    })
}

/// `plans`: speeds in Mbps, prices in R$.
pub fn plans_table(f: &Fmt, list: &[ProspectPlan]) -> Table {
    let mut t = table(vec![
        f.h(Msg::Cli7ColId),
        f.h(Msg::ColPlan),
        f.h(Msg::Cli7ColDownload),
        f.h(Msg::Cli7ColUpload),
        f.h(Msg::ColAmount),
    ]);
    for p in list {
        t.add_row(vec![
            id_text(p.id_servico),
            f.text(p.descricao.as_deref().or(p.display.as_deref())),
            mbps(p.velocidade_download),
            mbps(p.velocidade_upload),
            f.money(p.valor),
        ]);
    }
    t
}

/// A plan, with the API's numbers (speeds in kbps).
pub fn plan_json(p: &ProspectPlan) -> Value {
    json!({
        "id_servico": id_json(p.id_servico),
        "descricao": text_json(p.descricao.as_deref()),
        "valor": money_json(p.valor),
        "nome_radius": text_json(p.nome_radius.as_deref()),
        "display": text_json(p.display.as_deref()),
        "velocidade_download": id_json(p.velocidade_download),
        "velocidade_upload": id_json(p.velocidade_upload),
    })
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
    json!({
        "id_prospecto": id_json(p.id_prospecto),
        "nome_razaosocial": text_json(p.nome_razaosocial.as_deref()),
        "cpf_cnpj": f.doc_json(p.cpf_cnpj.as_deref()),
        "tipo_pessoa": text_json(p.tipo_pessoa.as_deref()),
        "telefone": f.phone_json(p.telefone.as_deref()),
        "email": f.email_json(p.email.as_deref()),
        "observacao": text_json(p.observacao.as_deref()),
        "id_cliente": id_json(p.id_cliente),
        "origem": text_json(p.origem.as_deref()),
        "created_at": date_json(p.created_at.as_ref().or(p.created_at_br.as_ref())),
    })
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
        f.h(Msg::Cli7ColCustomer),
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
    let mut v = invoice_json(f, i);
    if let Value::Object(m) = &mut v {
        m.insert(
            "cliente".into(),
            i.cliente
                .as_ref()
                .map_or(Value::Null, |c| Value::Object(short_customer(f, c))),
        );
    }
    v
}

/// The totals in JSON.
pub fn totals_json(t: &Totals) -> Value {
    json!({
        "quantidade": t.count,
        "valor_total": money_json(Some(t.sum)),
        "valor_vencido": money_json(Some(t.overdue)),
    })
}

/// A byte count for people: `812 B`, `4,2 KiB`, `1,3 MiB`, `2,0 GiB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{} {}", megabytes(Some(v)), UNITS[unit])
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
        let v = service_json(&f, &s);
        assert!(!v.to_string().contains("pppoe-secret"));
        assert_eq!(v["id_cliente_servico"], json!(5));
    }

    #[test]
    fn speeds_are_mbps_with_a_brazilian_decimal() {
        assert_eq!(mbps(Some(102_400)), "100 Mbps");
        assert_eq!(mbps(Some(1_024_000)), "1.000 Mbps");
        assert_eq!(mbps(Some(2_048)), "2 Mbps");
        assert_eq!(mbps(Some(1_536)), "1,5 Mbps");
        assert_eq!(mbps(Some(500)), "0,5 Mbps");
        assert_eq!(mbps(Some(0)), "0 Mbps");
        assert_eq!(mbps(None), "");
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

    #[test]
    fn sizes_read_well() {
        assert_eq!(size(812), "812 B");
        assert_eq!(size(4_300), "4,2 KiB");
        assert_eq!(size(5 * 1024 * 1024), "5,0 MiB");
        assert_eq!(size(3 * 1024 * 1024 * 1024), "3,0 GiB");
    }
}
