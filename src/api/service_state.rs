//! A service's state, changed on current servers:
//! `POST /cliente/cliente_servico/habilitar/{id}` (re-enable a suspended
//! service), `suspender/{id}` and `ativar/{id}` (first activation).
//!
//! Not in the 2020 documentation: a server that predates them answers
//! [`ApiError::NotOffered`], and there is no older route to fall back to.
//! Each needs its own permission in HubSoft's panel; a 403 on one of them
//! names it ([`ApiError::missing_permission`]). They answer the updated
//! `cliente_servico`, so the new status can be shown at once. Never
//! retried.
#![warn(missing_docs)]

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::lenient as l;
use super::params::{check_id, check_length, path, required};
use super::{ApiError, Call, CallKind, Client};

/// Route name of `habilitar`.
pub const ENABLE_ROUTE: &str = "cliente/cliente_servico/habilitar";
/// Route name of `suspender`.
pub const SUSPEND_ROUTE: &str = "cliente/cliente_servico/suspender";
/// Route name of `ativar`.
pub const ACTIVATE_ROUTE: &str = "cliente/cliente_servico/ativar";

/// A HubSoft permission a service-state action needs. HubSoft's collection
/// says only that each route "needs permission" and names none, so the
/// permission is named by its action (the front ends word it through the
/// catalog).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Re-enabling a suspended service (`cliente_servico/habilitar`).
    EnableService,
    /// Suspending a service (`cliente_servico/suspender`).
    SuspendService,
    /// Activating a new service (`cliente_servico/ativar`).
    ActivateService,
}

impl Permission {
    /// The permission the route `route` needs, for the routes that need a
    /// permission of their own.
    pub fn for_route(route: &str) -> Option<Permission> {
        match route {
            ENABLE_ROUTE => Some(Permission::EnableService),
            SUSPEND_ROUTE => Some(Permission::SuspendService),
            ACTIVATE_ROUTE => Some(Permission::ActivateService),
            _ => None,
        }
    }

    /// The route the permission guards.
    pub fn route(self) -> &'static str {
        match self {
            Permission::EnableService => ENABLE_ROUTE,
            Permission::SuspendService => SUSPEND_ROUTE,
            Permission::ActivateService => ACTIVATE_ROUTE,
        }
    }
}

impl ApiError {
    /// For a 403 ([`ApiError::Forbidden`]) on a route that needs its own
    /// HubSoft permission, that permission: the error's words name it.
    pub fn missing_permission(&self) -> Option<Permission> {
        match self {
            ApiError::Forbidden { route, .. } => Permission::for_route(route),
            _ => None,
        }
    }
}

/// `tipo_suspensao` of `suspender`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuspensionKind {
    /// `suspenso_debito`: suspended for debt.
    Debt,
    /// `suspenso_pedido_cliente`: suspended at the customer's request.
    CustomerRequest,
}

impl SuspensionKind {
    /// The value sent as `tipo_suspensao`.
    pub fn as_param(self) -> &'static str {
        match self {
            SuspensionKind::Debt => "suspenso_debito",
            SuspensionKind::CustomerRequest => "suspenso_pedido_cliente",
        }
    }
}

fn service_call(route: &'static str, id: u64, body: serde_json::Value) -> Result<Call, ApiError> {
    check_id("id_cliente_servico", id)?;
    Ok(Call {
        route,
        method: Method::POST,
        path: path(&format!("{route}/{id}")),
        query: Vec::new(),
        body: Some(body),
        kind: CallKind::Action,
    })
}

/// `POST /cliente/cliente_servico/habilitar/{id}`: re-enables a service
/// suspended for debt, partially or at the customer's request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnableService {
    /// `id_cliente_servico` (path segment, > 0).
    pub id_cliente_servico: u64,
    /// `motivo_habilitacao`: why (required, recorded by HubSoft).
    pub motivo_habilitacao: String,
}

impl EnableService {
    /// Builds the request; the reason must not be blank.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let motivo = required("motivo_habilitacao", &self.motivo_habilitacao)?;
        check_length("motivo_habilitacao", &motivo)?;
        service_call(
            ENABLE_ROUTE,
            self.id_cliente_servico,
            json!({ "motivo_habilitacao": motivo }),
        )
    }
}

/// `POST /cliente/cliente_servico/suspender/{id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuspendService {
    /// `id_cliente_servico` (path segment, > 0).
    pub id_cliente_servico: u64,
    /// `tipo_suspensao` (required).
    pub tipo_suspensao: SuspensionKind,
}

impl SuspendService {
    /// Builds the request.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        service_call(
            SUSPEND_ROUTE,
            self.id_cliente_servico,
            json!({ "tipo_suspensao": self.tipo_suspensao.as_param() }),
        )
    }
}

/// `POST /cliente/cliente_servico/ativar/{id}`: activates a service that
/// was never enabled (no `data_habilitacao`, not awaiting migration).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivateService {
    /// `id_cliente_servico` (path segment, > 0).
    pub id_cliente_servico: u64,
}

impl ActivateService {
    /// Builds the request (an empty JSON body).
    pub fn to_call(&self) -> Result<Call, ApiError> {
        service_call(ACTIVATE_ROUTE, self.id_cliente_servico, json!({}))
    }
}

/// The answer of the three routes: the message and the updated service.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServiceStateResponse {
    /// `msg` as sent ("Serviço suspenso com sucesso").
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `cliente_servico`: the service as it is now.
    #[serde(deserialize_with = "l::object")]
    pub cliente_servico: Option<ServiceState>,
}

/// `cliente_servico` in a service-state answer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServiceState {
    /// `id_cliente_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico: Option<u64>,
    /// `numero_plano`.
    #[serde(deserialize_with = "l::int")]
    pub numero_plano: Option<i64>,
    /// `servico`: the plan.
    #[serde(deserialize_with = "l::object")]
    pub servico: Option<StatePlan>,
    /// `servico_status`: the new status.
    #[serde(deserialize_with = "l::object")]
    pub servico_status: Option<StateStatus>,
    /// `cliente`: whose service it is.
    #[serde(deserialize_with = "l::object")]
    pub cliente: Option<StateCustomer>,
}

impl ServiceState {
    /// The new status's text ("Serviço Habilitado"), when sent.
    pub fn status_text(&self) -> Option<&str> {
        self.servico_status.as_ref()?.descricao.as_deref()
    }
}

/// `servico` of a [`ServiceState`].
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct StatePlan {
    /// `id_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_servico: Option<u64>,
    /// `descricao`: the plan's name.
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
}

/// `servico_status` of a [`ServiceState`].
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct StateStatus {
    /// `id_servico_status`.
    #[serde(deserialize_with = "l::id")]
    pub id_servico_status: Option<u64>,
    /// `descricao`: "Serviço Habilitado", "Suspenso por Débito"...
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
}

/// `cliente` of a [`ServiceState`].
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct StateCustomer {
    /// `id_cliente`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente: Option<u64>,
    /// `codigo_cliente`.
    #[serde(deserialize_with = "l::id")]
    pub codigo_cliente: Option<u64>,
    /// `nome_razaosocial`.
    #[serde(deserialize_with = "l::text")]
    pub nome_razaosocial: Option<String>,
}

impl Client {
    /// `POST /cliente/cliente_servico/habilitar/{id}`: re-enables a
    /// suspended service. A refusal (wrong status) is [`ApiError::Refused`];
    /// a 403 names [`Permission::EnableService`]; an older server
    /// [`ApiError::NotOffered`]. Never retried.
    pub async fn enable_service(
        &self,
        params: &EnableService,
    ) -> Result<ServiceStateResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/cliente_servico/suspender/{id}`: suspends a service
    /// (for debt or at the customer's request). Errors as
    /// [`Client::enable_service`]'s.
    pub async fn suspend_service(
        &self,
        params: &SuspendService,
    ) -> Result<ServiceStateResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/cliente_servico/ativar/{id}`: first activation of a
    /// service. Errors as [`Client::enable_service`]'s.
    pub async fn activate_service(
        &self,
        params: &ActivateService,
    ) -> Result<ServiceStateResponse, ApiError> {
        self.call(params.to_call()?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_carry_the_id_in_the_path_and_their_one_field() {
        let c = EnableService {
            id_cliente_servico: 22668,
            motivo_habilitacao: " PAGO NA LOJA ".into(),
        }
        .to_call()
        .unwrap();
        assert_eq!(
            c.path,
            "/api/v1/integracao/cliente/cliente_servico/habilitar/22668"
        );
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(
            c.body.unwrap(),
            json!({"motivo_habilitacao": "PAGO NA LOJA"})
        );
        let c = SuspendService {
            id_cliente_servico: 7,
            tipo_suspensao: SuspensionKind::CustomerRequest,
        }
        .to_call()
        .unwrap();
        assert_eq!(c.route, SUSPEND_ROUTE);
        assert_eq!(
            c.body.unwrap(),
            json!({"tipo_suspensao": "suspenso_pedido_cliente"})
        );
        let c = ActivateService {
            id_cliente_servico: 9,
        }
        .to_call()
        .unwrap();
        assert_eq!(
            c.path,
            "/api/v1/integracao/cliente/cliente_servico/ativar/9"
        );
    }

    #[test]
    fn bad_input_is_refused_before_sending() {
        let blank = EnableService {
            id_cliente_servico: 1,
            motivo_habilitacao: "  ".into(),
        };
        assert!(matches!(
            blank.to_call(),
            Err(ApiError::InvalidRequest {
                field: "motivo_habilitacao",
                ..
            })
        ));
        assert!(ActivateService::default().to_call().is_err());
    }

    #[test]
    fn a_403_names_the_permission_of_its_route() {
        let forbidden = |route| ApiError::Forbidden { route, msg: None };
        assert_eq!(
            forbidden(ENABLE_ROUTE).missing_permission(),
            Some(Permission::EnableService)
        );
        assert_eq!(
            forbidden(SUSPEND_ROUTE).missing_permission(),
            Some(Permission::SuspendService)
        );
        assert_eq!(
            forbidden(ACTIVATE_ROUTE).missing_permission(),
            Some(Permission::ActivateService)
        );
        assert_eq!(forbidden("cliente").missing_permission(), None);
        for p in [
            Permission::EnableService,
            Permission::SuspendService,
            Permission::ActivateService,
        ] {
            assert_eq!(Permission::for_route(p.route()), Some(p));
        }
    }

    #[test]
    fn the_updated_service_decodes_from_the_collection_shape() {
        let r: ServiceStateResponse = serde_json::from_str(
            r#"{"status":"success","msg":"Serviço suspenso com sucesso",
            "cliente_servico":{"id_cliente_servico":"22683","numero_plano":37,
            "servico":{"id_servico":3522,"descricao":"100MB"},
            "servico_status":{"id_servico_status":4,"descricao":"Suspenso por Débito"},
            "cliente":{"id_cliente":26769,"codigo_cliente":2591,"nome_razaosocial":"CLIENTE"}}}"#,
        )
        .unwrap();
        let s = r.cliente_servico.unwrap();
        assert_eq!(s.id_cliente_servico, Some(22683));
        assert_eq!(s.status_text(), Some("Suspenso por Débito"));
        assert_eq!(s.cliente.unwrap().codigo_cliente, Some(2591));
    }
}
