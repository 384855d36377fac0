//! PBX call pop-ups: `POST /pbx/ligacao/notificar` and `/pbx/ligacao/cancelar`.
#![warn(missing_docs)]

use reqwest::Method;
use serde_json::{Map, Value, json};

use super::envelope::ActionResponse;
use super::params::{digits_only, path};
use super::{ApiError, Call, CallKind, Client};

/// Body of both PBX routes. `ramal` or `identificador_interno` is required.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PbxCall {
    /// `ramal`: the target user's extension (numeric).
    pub ramal: Option<String>,
    /// `identificador_interno`: the target user's internal id (alphanumeric).
    pub identificador_interno: Option<String>,
    /// `codigo_cliente`: the caller's customer code, if identified.
    pub codigo_cliente: Option<u64>,
    /// `id_cliente`: the caller's customer id, if identified.
    pub id_cliente: Option<u64>,
    /// `telefone`: the external caller number.
    pub telefone: Option<String>,
}

/// A numeric text as a JSON number when it fits (the documented type),
/// else as a string, so nothing is lost.
fn numeric(s: &str) -> Value {
    s.parse::<u64>().map_or_else(|_| json!(s), |n| json!(n))
}

impl PbxCall {
    fn body(&self) -> Result<Value, ApiError> {
        let ramal = self
            .ramal
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let ident = self
            .identificador_interno
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if ramal.is_none() && ident.is_none() {
            return Err(ApiError::InvalidRequest {
                field: "ramal",
                reason: "ramal or identificador_interno is required".into(),
            });
        }
        let mut body = Map::new();
        if let Some(r) = ramal {
            if !r.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::InvalidRequest {
                    field: "ramal",
                    reason: format!("{r:?} is not numeric"),
                });
            }
            body.insert("ramal".into(), numeric(r));
        }
        if let Some(i) = ident {
            body.insert("identificador_interno".into(), json!(i));
        }
        for (field, v) in [
            ("codigo_cliente", self.codigo_cliente),
            ("id_cliente", self.id_cliente),
        ] {
            match v {
                Some(0) => {
                    return Err(ApiError::InvalidRequest {
                        field,
                        reason: "must be greater than zero".into(),
                    });
                }
                Some(v) => {
                    body.insert(field.into(), json!(v));
                }
                None => {}
            }
        }
        if let Some(t) = self
            .telefone
            .as_deref()
            .map(digits_only)
            .filter(|t| !t.is_empty())
        {
            body.insert("telefone".into(), numeric(&t));
        }
        Ok(Value::Object(body))
    }

    /// The request of `POST /pbx/ligacao/notificar` (opens the pop-up).
    pub fn notify_call(&self) -> Result<Call, ApiError> {
        Ok(Call {
            route: "pbx/ligacao/notificar",
            method: Method::POST,
            path: path("pbx/ligacao/notificar"),
            query: Vec::new(),
            body: Some(self.body()?),
            kind: CallKind::Action,
        })
    }

    /// The request of `POST /pbx/ligacao/cancelar` (missed call: closes the pop-up).
    pub fn cancel_call(&self) -> Result<Call, ApiError> {
        Ok(Call {
            route: "pbx/ligacao/cancelar",
            method: Method::POST,
            path: path("pbx/ligacao/cancelar"),
            query: Vec::new(),
            body: Some(self.body()?),
            kind: CallKind::Action,
        })
    }
}

impl Client {
    /// `POST /pbx/ligacao/notificar`: shows an incoming-call pop-up to a user.
    pub async fn pbx_notify(&self, params: &PbxCall) -> Result<ActionResponse, ApiError> {
        self.call(params.notify_call()?).await
    }

    /// `POST /pbx/ligacao/cancelar`: closes the pop-up of a missed call.
    pub async fn pbx_cancel(&self, params: &PbxCall) -> Result<ActionResponse, ApiError> {
        self.call(params.cancel_call()?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        let p = PbxCall {
            ramal: Some("111".into()),
            telefone: Some("(37) 99991-2222".into()),
            ..PbxCall::default()
        };
        let n = p.notify_call().unwrap();
        assert_eq!(n.path, "/api/v1/integracao/pbx/ligacao/notificar");
        assert_eq!((n.method.clone(), n.kind), (Method::POST, CallKind::Action));
        assert_eq!(
            n.body.unwrap(),
            json!({"ramal": 111, "telefone": 37999912222u64})
        );
        let c = p.cancel_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/pbx/ligacao/cancelar");
        assert_eq!((c.method, c.kind), (Method::POST, CallKind::Action));
        let full = PbxCall {
            ramal: None,
            identificador_interno: Some("ATD-7".into()),
            codigo_cliente: Some(421),
            id_cliente: Some(11201),
            telefone: None,
        };
        assert_eq!(
            full.notify_call().unwrap().body.unwrap(),
            json!({"identificador_interno": "ATD-7", "codigo_cliente": 421, "id_cliente": 11201})
        );
    }

    #[test]
    fn needs_a_target() {
        let none = PbxCall {
            telefone: Some("37999912222".into()),
            ..PbxCall::default()
        };
        assert!(matches!(
            none.notify_call(),
            Err(ApiError::InvalidRequest { field: "ramal", .. })
        ));
        assert!(matches!(
            none.cancel_call(),
            Err(ApiError::InvalidRequest { field: "ramal", .. })
        ));
        let bad = PbxCall {
            ramal: Some("12a".into()),
            ..PbxCall::default()
        };
        assert!(matches!(
            bad.notify_call(),
            Err(ApiError::InvalidRequest { field: "ramal", .. })
        ));
        let zero = PbxCall {
            ramal: Some("1".into()),
            codigo_cliente: Some(0),
            ..PbxCall::default()
        };
        assert!(matches!(
            zero.notify_call(),
            Err(ApiError::InvalidRequest {
                field: "codigo_cliente",
                ..
            })
        ));
    }
}
