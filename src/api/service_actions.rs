//! Actions on a service: trust unlock, disconnect, MAC reset, and the
//! layer-2 (ONU/CPE) address reset of current servers.
//!
//! Every action targets a service (`id_cliente_servico`), never a customer,
//! and none is ever retried automatically.
#![warn(missing_docs)]

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::envelope::ActionResponse;
use super::lenient as l;
use super::params::{check_id, path};
use super::{ApiError, Call, CallKind, Client};

/// Body of `POST /cliente/desbloqueio_confianca`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustUnlock {
    /// `id_cliente_servico` (> 0).
    pub id_cliente_servico: u64,
    /// `dias_desbloqueio`: days the service stays unlocked (> 0); the server
    /// uses 1 when omitted and refuses more than its panel rule allows.
    pub dias_desbloqueio: Option<u32>,
}

impl TrustUnlock {
    /// Builds the request, checking the bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        let mut body = json!({ "id_cliente_servico": self.id_cliente_servico });
        if let Some(days) = self.dias_desbloqueio {
            if days == 0 {
                return Err(ApiError::InvalidRequest {
                    field: "dias_desbloqueio",
                    reason: "must be greater than zero".into(),
                });
            }
            body["dias_desbloqueio"] = json!(days);
        }
        Ok(Call {
            route: "cliente/desbloqueio_confianca",
            method: Method::POST,
            path: path("cliente/desbloqueio_confianca"),
            query: Vec::new(),
            body: Some(body),
            kind: CallKind::Action,
        })
    }
}

/// `GET /cliente/solicitar_desconexao/{id}`: drops the subscriber's session.
/// A GET with a side effect: never prefetch, retry or refresh it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disconnect {
    /// `id_cliente_servico` (path segment, > 0).
    pub id_cliente_servico: u64,
}

impl Disconnect {
    /// Builds the request: a GET, but a [`CallKind::Action`].
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        Ok(Call {
            route: "cliente/solicitar_desconexao",
            method: Method::GET,
            path: path(&format!(
                "cliente/solicitar_desconexao/{}",
                self.id_cliente_servico
            )),
            query: Vec::new(),
            body: None,
            kind: CallKind::Action,
        })
    }
}

/// Body of `POST /cliente/reset_mac_addr`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetMac {
    /// `id_cliente_servico` (> 0); the service needs authentication data.
    pub id_cliente_servico: u64,
}

impl ResetMac {
    /// Builds the request.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        Ok(Call {
            route: "cliente/reset_mac_addr",
            method: Method::POST,
            path: path("cliente/reset_mac_addr"),
            query: Vec::new(),
            body: Some(json!({ "id_cliente_servico": self.id_cliente_servico })),
            kind: CallKind::Action,
        })
    }
}

/// Body of `POST /cliente/reset_phy_addr` (current servers; not in the
/// 2020 documentation, no older route does it): clears the layer-2
/// address (`phy_addr`, the ONU/CPE's MAC or GPON serial) bound to the
/// service, after an equipment swap. [`ResetMac`] clears the other one,
/// the MAC bound to the PPPoE/RADIUS login (`mac_addr`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetPhy {
    /// `id_cliente_servico` (> 0); the service needs authentication data.
    pub id_cliente_servico: u64,
}

impl ResetPhy {
    /// Builds the request.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        Ok(Call {
            route: "cliente/reset_phy_addr",
            method: Method::POST,
            path: path("cliente/reset_phy_addr"),
            query: Vec::new(),
            body: Some(json!({ "id_cliente_servico": self.id_cliente_servico })),
            kind: CallKind::Action,
        })
    }
}

/// Body of a successful disconnect.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct DisconnectResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `login`: the session that was dropped.
    #[serde(deserialize_with = "l::text")]
    pub login: Option<String>,
}

impl Client {
    /// `POST /cliente/desbloqueio_confianca`: trust unlock. `msg` tells
    /// until when; a refusal (panel rule) is [`ApiError::Refused`].
    pub async fn trust_unlock(&self, params: &TrustUnlock) -> Result<ActionResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `GET /cliente/solicitar_desconexao/{id}`: disconnects the subscriber
    /// (needs the concentrator's INCOMING port). Never retried.
    pub async fn request_disconnect(
        &self,
        params: &Disconnect,
    ) -> Result<DisconnectResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/reset_mac_addr`: clears the MAC bound to the service.
    pub async fn reset_mac(&self, params: &ResetMac) -> Result<ActionResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/reset_phy_addr`: clears the layer-2 (ONU/CPE)
    /// address bound to the service ("Endereço MAC Layer2 resetado com
    /// sucesso!"). A service without authentication data is
    /// [`ApiError::Refused`]; an older server [`ApiError::NotOffered`].
    pub async fn reset_phy(&self, params: &ResetPhy) -> Result<ActionResponse, ApiError> {
        self.call(params.to_call()?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_unlock_call() {
        let c = TrustUnlock {
            id_cliente_servico: 11000,
            dias_desbloqueio: Some(1),
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/desbloqueio_confianca");
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(
            c.body.unwrap(),
            json!({"id_cliente_servico": 11000, "dias_desbloqueio": 1})
        );
        let default_days = TrustUnlock {
            id_cliente_servico: 5,
            dias_desbloqueio: None,
        }
        .to_call()
        .unwrap();
        assert_eq!(default_days.body.unwrap(), json!({"id_cliente_servico": 5}));
        let zero_days = TrustUnlock {
            id_cliente_servico: 5,
            dias_desbloqueio: Some(0),
        };
        assert!(matches!(
            zero_days.to_call(),
            Err(ApiError::InvalidRequest {
                field: "dias_desbloqueio",
                ..
            })
        ));
        assert!(matches!(
            TrustUnlock::default().to_call(),
            Err(ApiError::InvalidRequest {
                field: "id_cliente_servico",
                ..
            })
        ));
    }

    #[test]
    fn disconnect_is_a_get_action() {
        let c = Disconnect {
            id_cliente_servico: 11000,
        }
        .to_call()
        .unwrap();
        assert_eq!(
            c.path,
            "/api/v1/integracao/cliente/solicitar_desconexao/11000"
        );
        assert_eq!(c.method, Method::GET);
        assert_eq!(c.kind, CallKind::Action);
        assert!(c.body.is_none() && c.query.is_empty());
        assert!(
            Disconnect {
                id_cliente_servico: 0
            }
            .to_call()
            .is_err()
        );
    }

    #[test]
    fn reset_phy_call() {
        let c = ResetPhy {
            id_cliente_servico: 11000,
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/reset_phy_addr");
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(c.body.unwrap(), json!({"id_cliente_servico": 11000}));
        assert!(ResetPhy::default().to_call().is_err());
    }

    #[test]
    fn reset_mac_call() {
        let c = ResetMac {
            id_cliente_servico: 11000,
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/reset_mac_addr");
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(c.body.unwrap(), json!({"id_cliente_servico": 11000}));
        assert!(matches!(
            ResetMac {
                id_cliente_servico: 0
            }
            .to_call(),
            Err(ApiError::InvalidRequest {
                field: "id_cliente_servico",
                ..
            })
        ));
    }
}
