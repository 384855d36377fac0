//! Fault knobs: ways real servers misbehave, switchable at run time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which misbehaviours are active. `Default` is a well-behaved server.
///
/// Every knob applies to the routes in `routes` (route names as in
/// [`super::ROUTES`], e.g. `"cliente"`, `"cliente/financeiro"`,
/// `"atendimento/{id}"`, `"oauth/token"`); an empty list means all routes.
/// Rates are probabilities in 0..=1 (1 = every request).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// A misspelt knob posted to `/_sim/faults` must fail loudly, not be ignored.
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    pub routes: Vec<String>,
    /// Fixed delay before answering, in milliseconds.
    pub latency_ms: u64,
    /// Extra random delay, uniformly 0..=jitter_ms.
    pub jitter_ms: u64,
    /// Fixed delay per route name, added to the above; applies to the named
    /// routes even when `routes` does not list them.
    pub route_latency_ms: BTreeMap<String, u64>,
    /// Rate of HTTP 500 with a JSON body.
    pub error_500_rate: f64,
    /// Rate of HTTP 502 with an HTML page (a reverse proxy's).
    pub html_502_rate: f64,
    /// Rate of requests that never get an answer.
    pub hang_rate: f64,
    /// Rate of HTTP 200 bodies that are not valid JSON.
    pub malformed_json_rate: f64,
    /// Rate of HTTP 200 bodies cut in the middle.
    pub truncated_json_rate: f64,
    /// Bodies encoded as Latin-1 (Windows-1252) instead of UTF-8.
    pub latin1: bool,
    /// HTTP 403 `O Usuário não possui a permissão desejada!`.
    pub forbidden: bool,
    /// Rate of HTTP 429 answers.
    pub rate_limit_rate: f64,
    /// `Retry-After` seconds sent with 429.
    pub retry_after_secs: u64,
    /// `"status": "suscess"` instead of `"success"`.
    pub suscess: bool,
    /// HTTP 404 when a search finds nothing (instead of 200 with an empty list).
    pub not_found_on_empty: bool,
    /// For actions: the side effect happens, then the answer never comes.
    pub apply_then_stall: bool,
    /// For actions: the side effect happens, then HTTP 500 (a server that
    /// fails after writing, e.g. in a notification hook).
    pub apply_then_500: bool,
    /// Terminal control sequences (ESC, CSI, OSC 52 clipboard and OSC 0
    /// title writes, BEL, C1 CSI, a bidi override) around every free-text
    /// string of the answers: names, addresses, descriptions, messages,
    /// plan names, logins, `msg` of successes and refusals. Ids, codes,
    /// dates, amounts and `status` are left alone so the data still links.
    pub hostile_text: bool,
    /// HTTP 401 `Unauthenticated.` on every request to the routes, even
    /// with a fresh token (a token the route's guard keeps refusing).
    pub unauthorized: bool,
    /// HTTP 404 `Nenhum registro encontrado` on every request, whatever
    /// the data (as HubSoft answers a search that finds nothing).
    pub not_found: bool,
    /// HTTP 200 with `"status": "error"` and a validation message.
    pub status_error: bool,
}

/// What [`Faults::hostile_text`] puts before each free-text value.
pub const HOSTILE_PREFIX: &str =
    "\u{1b}]52;c;SElKQUNLRUQ=\u{7}\u{1b}]0;HIJACKED\u{7}\u{1b}[2J\u{9b}6n";
/// What [`Faults::hostile_text`] puts after each free-text value.
pub const HOSTILE_SUFFIX: &str = "\u{7}\u{202e}\u{1b}[?1049l\u{1b}[31m\u{90}";

/// Whether [`Faults::hostile_text`] rewrites the string under `key`.
pub fn hostile_key(key: &str) -> bool {
    const KEEP: [&str; 16] = [
        "id",
        "codigo",
        "data",
        "hora",
        "valor",
        "tipo",
        "dias",
        "ativo",
        "status",
        "protocolo",
        "latitude",
        "longitude",
        "cpf_cnpj",
        "cep",
        "vencimento",
        "numero",
    ];
    !KEEP.iter().any(|k| key.starts_with(k))
}

impl Faults {
    /// Whether the knobs apply to `route`.
    pub fn applies(&self, route: &str) -> bool {
        self.routes.is_empty() || self.routes.iter().any(|r| r == route)
    }
}
