//! The `--json` records: every decoded field kept, secrets masked, speeds
//! with their numeric `_kbps` twin.

use super::*;

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

pub(super) fn id_json(v: Option<u64>) -> Value {
    v.map_or(Value::Null, Value::from)
}

pub(super) fn text_json(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

/// What privacy mode shows instead of a text found under a key.
#[derive(Debug, PartialEq)]
pub(super) enum Masked {
    Text(String),
    Null,
}

/// The privacy mask of the text `s` under `key` in an object (`in_address`:
/// an address), or `None` when it is shown as it is. The one rule set, for
/// [`redact`] and the export's [`RecordWriter`].
pub(super) fn masked_entry(key: &str, in_address: bool, s: &str) -> Option<Masked> {
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
pub(super) fn child_in_address(key: &str) -> bool {
    key.starts_with("endereco")
}

/// Keys whose values are personal data, masked in privacy mode wherever
/// they appear in a record (nested customers, contacts, addresses).
pub(super) fn redact(v: &mut Value, in_address: bool) {
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
pub(super) const SPEED_KEYS: [(&str, &str); 2] = [
    ("velocidade_download", "velocidade_download_kbps"),
    ("velocidade_upload", "velocidade_upload_kbps"),
];

/// The kbit/s of a speed sent as text, `None` when it does not parse.
pub(super) fn speed_kbps(text: &str) -> Option<u64> {
    crate::api::speed::parse_speed(text)
}

/// [`speed_kbps`] as JSON text, for the export's [`RecordWriter`].
pub(super) fn speed_kbps_entry(text: Option<&str>) -> Vec<u8> {
    text.and_then(speed_kbps)
        .map_or_else(|| b"null".to_vec(), |k| k.to_string().into_bytes())
}

/// Beside every speed sent as text (`"30 Mbits"`), its parsed kbit/s as
/// `<key>_kbps`, so scripts get a number whatever the server wrote.
pub(super) fn add_speed_numbers(v: &mut Value) {
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
pub(super) fn set(v: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = v {
        m.insert(key.to_owned(), value);
    }
}

/// A customer, with its services (and every field of each).
pub fn customer_json(f: &Fmt, c: &Customer) -> Value {
    record_json(f, c)
}

/// [`customer_json`], each service whose server sent its trust-unlock
/// history (`desbloqueios`) also with `desbloqueios_em_30_dias`, counted
/// back from `today`.
pub fn customer_json_at(f: &Fmt, c: &Customer, today: chrono::NaiveDate) -> Value {
    let mut v = customer_json(f, c);
    if let Some(Value::Array(services)) = v.get_mut("servicos") {
        for (json, s) in services.iter_mut().zip(&c.servicos) {
            if let Some(h) = crate::ops::unlocks::UnlockHistory::of(s, today) {
                set(json, "desbloqueios_em_30_dias", Value::from(h.recent));
            }
        }
    }
    v
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
    // The thread, when asked (`tickets --messages`), oldest first.
    let thread = t.messages();
    if !thread.is_empty() {
        let list = thread
            .iter()
            .map(|(place, m)| {
                let order = match place {
                    crate::api::MessagePlace::Ticket => Value::Null,
                    crate::api::MessagePlace::Order(id) => id_json(*id),
                };
                serde_json::json!({
                    "id_ordem_servico": order,
                    "usuario": text_json(m.usuario.as_deref()),
                    "data": date_json(m.written_at()),
                    "mensagem": text_json(m.mensagem.as_deref()),
                })
            })
            .collect();
        set(&mut v, "mensagens", Value::Array(list));
    }
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
