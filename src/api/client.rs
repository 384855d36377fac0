//! CONTRACT SKELETON: owned by the api-core work; signatures are fixed.
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// Retry policy of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// A read: retried with backoff on timeouts, 429 and 5xx, a bounded number of times.
    Read,
    /// Changes a subscriber's service or sends something: never retried automatically.
    Action,
    /// An action whose server side can be slow (e-mail sending): longer timeout, never retried.
    SlowAction,
}

/// One request to a HubSoft route.
#[derive(Clone, Debug)]
pub struct Call {
    /// Short route name used in error messages, e.g. `"cliente/financeiro"`.
    pub route: &'static str,
    pub method: reqwest::Method,
    /// Path below the base URL, e.g. `"/api/v1/integracao/cliente"`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    pub kind: CallKind,
}

/// The HubSoft API client. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {}

impl Client {
    /// Sends `call` with a valid token and decodes the whole JSON body into `T`.
    ///
    /// An envelope with `status: "error"` (whatever the HTTP status) becomes
    /// [`ApiError::Refused`]; decoding failures name the route and JSON path.
    pub(crate) async fn call<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        let _ = call;
        todo!("api-core")
    }
}
