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
    Address, ApiDate, ConnectionRecord, ConnectionStats, Customer, CustomerService, Invoice,
    LastConnection, ServiceOrder, Ticket,
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
}
