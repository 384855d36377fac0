//! The response envelope shared by every route, and the plain
//! `{status, msg}` answer of the action routes.
#![warn(missing_docs)]

use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::lenient as l;

/// The envelope alone: what an error body (or an action's answer) carries.
///
/// `status` is kept as sent (`"success"`, `"suscess"`, `"error"`...): only
/// `"error"` means failure, as HubSoft's own clients decide.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Envelope {
    /// `status` as sent.
    #[serde(deserialize_with = "l::text")]
    pub status: Option<String>,
    /// `msg`: readable Portuguese, to be shown verbatim.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `errors`: extra messages (flattened when they come per field).
    #[serde(deserialize_with = "l::text_list")]
    pub errors: Vec<String>,
}

impl Envelope {
    /// True unless `status` says `error` (any case); a misspelt
    /// `"suscess"` or a missing status count as success.
    pub fn is_success(&self) -> bool {
        !self
            .status
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("error"))
    }
}

/// The answer of an action route that returns only `{status, msg}` (trust
/// unlock, push, MAC reset, PBX): the message is what the attendant reads
/// (e.g. the date until which a trust unlock holds).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ActionResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
}

/// On search routes HTTP 404 means "nothing found": turn it into an empty
/// result and let every other error through.
pub(crate) fn empty_if_not_found<T: Default>(r: Result<T, ApiError>) -> Result<T, ApiError> {
    match r {
        Err(ApiError::NotFound { .. }) => Ok(T::default()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_is_empty_on_searches() {
        let r: Result<Vec<u8>, _> = empty_if_not_found(Err(ApiError::NotFound {
            route: "cliente",
            msg: None,
        }));
        assert_eq!(r.unwrap(), Vec::<u8>::new());
        let refused: Result<Vec<u8>, _> = empty_if_not_found(Err(ApiError::Refused {
            route: "cliente",
            msg: "x".into(),
            errors: vec![],
        }));
        assert!(refused.is_err());
    }

    #[test]
    fn status_spellings() {
        let e: Envelope = serde_json::from_str(r#"{"status":"suscess","msg":"ok"}"#).unwrap();
        assert!(e.is_success());
        let e: Envelope =
            serde_json::from_str(r#"{"status":"ERROR","msg":"x","errors":[]}"#).unwrap();
        assert!(!e.is_success());
    }
}
