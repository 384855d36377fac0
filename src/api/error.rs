//! CONTRACT SKELETON: owned by the api-core work. Variants may be added;
//! `InvalidRequest`, `Refused` and `NotFound` keep their shapes.

/// Every way a HubSoft request can fail, each with a message fit to show an attendant.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter failed its documented bounds; nothing was sent.
    #[error("invalid {field}: {reason}")]
    InvalidRequest { field: &'static str, reason: String },
    /// The server answered `status: "error"`; `msg` is shown verbatim.
    #[error("{msg}")]
    Refused {
        route: &'static str,
        msg: String,
        errors: Vec<String>,
    },
    /// HTTP 404: on a search route this means "nothing found".
    #[error("not found ({route})")]
    NotFound { route: &'static str, msg: Option<String> },
}
