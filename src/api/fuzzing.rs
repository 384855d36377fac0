//! The client's decode path as one pure function, for `fuzz/` and the
//! property tests: bytes as they come off the wire, through the charset
//! fallback, the status/envelope classification and the typed decoding of
//! every route, exactly as [`super::Client::call`] does after the exchange.
//!
//! Not part of the API: hidden from the docs and subject to change.

use std::time::Duration;

use serde::de::DeserializeOwned;

use super::response::{self, Outcome};
use super::{
    ActionResponse, ApiError, CitiesResponse, ConnectionLog, CustomersResponse, DisconnectResponse,
    EquipmentResponse, InvoicesResponse, PopsResponse, ProspectPlansResponse, ProspectResponse,
    ProspectsResponse, SendJobResponse, ServiceOrdersResponse, TicketResponse, TicketsResponse,
    ZonesResponse,
};

/// Every route the client decodes, by its short name; the index into this
/// list is what [`decode_for_fuzz`] takes. `oauth/token` goes through the
/// grant parser instead of `classify`.
pub const FUZZ_ROUTES: [&str; 25] = [
    "oauth/token",
    "cliente",
    "cliente/all",
    "cliente/atendimento",
    "atendimento",
    "atendimento/{id}",
    "cliente/desbloqueio_confianca",
    "cliente/solicitar_desconexao/{id}",
    "cliente/extrato_conexao",
    "cliente/financeiro",
    "cliente/financeiro/enviar_email",
    "cliente/financeiro/enviar_sms",
    "cliente/financeiro/enviar_push",
    "cliente/ordem_servico",
    "cliente/reset_mac_addr",
    "endereco/cidade",
    "financeiro",
    "pbx/ligacao/notificar",
    "pbx/ligacao/cancelar",
    "prospecto/create",
    "prospecto",
    "prospecto (create)",
    "rede/equipamento",
    "rede/pop",
    "rede/zona_atendimento",
];

/// What one decode amounted to, summarised so a caller can assert on it
/// without naming every response type.
#[derive(Debug)]
pub enum FuzzOutcome {
    /// Decoded; the `Debug` text of the value (also proves `Debug` does not
    /// panic on whatever was decoded).
    Decoded(String),
    /// The client would report this error.
    Failed(ApiError),
    /// HTTP 401: the client would ask for a new token.
    Unauthorized,
}

fn typed<T: DeserializeOwned + std::fmt::Debug>(route: &'static str, text: &str) -> FuzzOutcome {
    match response::decode_body::<T>(route, text) {
        Ok(v) => FuzzOutcome::Decoded(format!("{v:?}")),
        Err(e) => FuzzOutcome::Failed(e),
    }
}

/// Decodes `body` as the answer of route number `route` (modulo
/// [`FUZZ_ROUTES`]) with HTTP `status` and an optional `Retry-After`
/// header value, along the client's own path. Never panics, whatever the
/// bytes: that is the property the fuzzers check. Every error's `Display`
/// and [`ApiError::outcome_unknown`] are exercised too.
#[doc(hidden)]
pub fn decode_for_fuzz(
    route: usize,
    status: u16,
    retry_after: Option<&str>,
    body: &[u8],
) -> FuzzOutcome {
    let name = FUZZ_ROUTES[route % FUZZ_ROUTES.len()];
    let retry_after =
        retry_after.and_then(|v| response::parse_retry_after(v, std::time::SystemTime::now()));
    let text = response::decode_text(body);
    let outcome = if name == "oauth/token" {
        match super::auth::parse_grant(
            status,
            retry_after,
            &text,
            1,
            tokio::time::Instant::now(),
            chrono::Utc::now(),
        ) {
            Ok(token) => FuzzOutcome::Decoded(format!("{token:?}")),
            Err(e) => FuzzOutcome::Failed(e),
        }
    } else {
        let route: &'static str = match name {
            "prospecto (create)" => "prospecto",
            other => other,
        };
        match response::classify(route, status, retry_after, &text) {
            Outcome::Unauthorized(_) => FuzzOutcome::Unauthorized,
            Outcome::Failed(e) => FuzzOutcome::Failed(e),
            // A read's answer must carry its data (the create shares the
            // search's route name but is an action).
            Outcome::Success
                if name != "prospecto (create)"
                    && super::routes::check_data_key(route, &text).is_err() =>
            {
                FuzzOutcome::Failed(super::routes::check_data_key(route, &text).unwrap_err())
            }
            Outcome::Success => match name {
                "cliente" | "cliente/all" => typed::<CustomersResponse>(route, &text),
                "cliente/atendimento" => typed::<TicketsResponse>(route, &text),
                "atendimento" | "atendimento/{id}" => typed::<TicketResponse>(route, &text),
                "cliente/desbloqueio_confianca"
                | "cliente/financeiro/enviar_push"
                | "cliente/reset_mac_addr"
                | "pbx/ligacao/notificar"
                | "pbx/ligacao/cancelar" => typed::<ActionResponse>(route, &text),
                "cliente/solicitar_desconexao/{id}" => typed::<DisconnectResponse>(route, &text),
                "cliente/extrato_conexao" => typed::<ConnectionLog>(route, &text),
                "cliente/financeiro" | "financeiro" => typed::<InvoicesResponse>(route, &text),
                "cliente/financeiro/enviar_email" | "cliente/financeiro/enviar_sms" => {
                    typed::<SendJobResponse>(route, &text)
                }
                "cliente/ordem_servico" => typed::<ServiceOrdersResponse>(route, &text),
                "endereco/cidade" => typed::<CitiesResponse>(route, &text),
                "prospecto/create" => typed::<ProspectPlansResponse>(route, &text),
                "prospecto" => typed::<ProspectsResponse>(route, &text),
                "prospecto (create)" => typed::<ProspectResponse>(route, &text),
                "rede/equipamento" => typed::<EquipmentResponse>(route, &text),
                "rede/pop" => typed::<PopsResponse>(route, &text),
                "rede/zona_atendimento" => typed::<ZonesResponse>(route, &text),
                other => unreachable!("route {other} missing from decode_for_fuzz"),
            },
        }
    };
    if let FuzzOutcome::Failed(e) = &outcome {
        let _ = e.to_string();
        let _ = e.outcome_unknown();
        let _ = e.is_retryable();
    }
    outcome
}

/// Decodes `body`, answered with HTTP `status` on `route`, into `T` along
/// the client's own path (charset fallback, envelope and status
/// classification, typed decoding), for tests that need the typed value.
#[doc(hidden)]
pub fn decode_answer<T: DeserializeOwned>(
    route: &'static str,
    status: u16,
    body: &[u8],
) -> Result<T, ApiError> {
    let text = response::decode_text(body);
    match response::classify(route, status, None, &text) {
        Outcome::Success => response::decode_body::<T>(route, &text),
        Outcome::Failed(e) => Err(e),
        Outcome::Unauthorized(msg) => Err(ApiError::Auth {
            msg: msg.unwrap_or_default(),
        }),
    }
}

/// How long a `Retry-After` value asks to wait, as the client reads it.
#[doc(hidden)]
pub fn retry_after_for_fuzz(value: &str) -> Option<Duration> {
    response::parse_retry_after(value, std::time::SystemTime::now())
}
