//! Service orders (ordens de serviço): `GET /cliente/ordem_servico`.
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::customers::{Customer, CustomerService};
use super::envelope::empty_if_not_found;
use super::lenient::{self as l, ApiDate};
use super::params::{OrderType, check_limit, document_key, path, push_range, required};
use super::tickets::Ticket;
use super::{ApiError, Call, CallKind, Client};

// ---------------------------------------------------------------------------
// Requests

/// The `busca` kinds of `GET /cliente/ordem_servico`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceOrderSearchBy {
    /// `codigo_cliente`.
    CustomerCode,
    /// `cpf_cnpj` (sent as digits only).
    Document,
    /// `id_cliente_servico`.
    ServiceId,
    /// `numero_ordem_servico`.
    OrderNumber,
}

impl ServiceOrderSearchBy {
    /// All kinds, in the order a key cycles through them.
    pub const ALL: [ServiceOrderSearchBy; 4] = [
        Self::CustomerCode,
        Self::Document,
        Self::ServiceId,
        Self::OrderNumber,
    ];

    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::CustomerCode => "codigo_cliente",
            Self::Document => "cpf_cnpj",
            Self::ServiceId => "id_cliente_servico",
            Self::OrderNumber => "numero_ordem_servico",
        }
    }
}

/// The `status` filter of `GET /cliente/ordem_servico`, also the machine
/// form of [`ServiceOrder::status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceOrderStatus {
    /// `pendente`.
    Pending,
    /// `aguardando_agendamento`: waiting to be scheduled.
    AwaitingScheduling,
    /// `finalizado`.
    Finished,
}

impl ServiceOrderStatus {
    /// The value sent as `status`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Pending => "pendente",
            Self::AwaitingScheduling => "aguardando_agendamento",
            Self::Finished => "finalizado",
        }
    }

    /// Reads a status as the server writes it; unknown values give `None`.
    pub fn from_param(s: &str) -> Option<Self> {
        match s.trim() {
            "pendente" => Some(Self::Pending),
            "aguardando_agendamento" => Some(Self::AwaitingScheduling),
            "finalizado" => Some(Self::Finished),
            _ => None,
        }
    }
}

/// `order_by` of `GET /cliente/ordem_servico`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServiceOrderOrderBy {
    /// `data_cadastro`: registration date.
    Registration,
    /// `data_inicio_programado`: scheduled start.
    ScheduledStart,
}

impl ServiceOrderOrderBy {
    /// The value sent as `order_by`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Registration => "data_cadastro",
            Self::ScheduledStart => "data_inicio_programado",
        }
    }
}

/// Parameters of `GET /cliente/ordem_servico`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceOrderSearch {
    /// `busca`.
    pub by: ServiceOrderSearchBy,
    /// `termo_busca`: documented as optional for this route; when given it
    /// must not be blank (CPF/CNPJ reduced to digits).
    pub term: Option<String>,
    /// `limit`: 1..=50, server default 20.
    pub limit: Option<u32>,
    /// `status` (server default: all).
    pub status: Option<ServiceOrderStatus>,
    /// `order_by` (server default: registration date).
    pub order_by: Option<ServiceOrderOrderBy>,
    /// `order_type` (server default: **desc** on this route).
    pub order_type: Option<OrderType>,
    /// `data_inicio`: registered on or after.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`: registered on or before.
    pub data_fim: Option<NaiveDate>,
}

impl ServiceOrderSearch {
    /// A search for `term` with nothing else set.
    pub fn new(by: ServiceOrderSearchBy, term: impl Into<String>) -> Self {
        Self {
            by,
            term: Some(term.into()),
            limit: None,
            status: None,
            order_by: None,
            order_type: None,
            data_inicio: None,
            data_fim: None,
        }
    }

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut query = vec![("busca", self.by.as_param().to_owned())];
        if let Some(term) = &self.term {
            let mut term = required("termo_busca", term)?;
            if self.by == ServiceOrderSearchBy::Document {
                term = required("termo_busca", &document_key(&term))?;
            }
            query.push(("termo_busca", term));
        }
        if let Some(limit) = self.limit {
            check_limit("limit", limit, 1, Some(50))?;
            query.push(("limit", limit.to_string()));
        }
        if let Some(v) = self.status {
            query.push(("status", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        Ok(Call {
            route: "cliente/ordem_servico",
            method: Method::GET,
            path: path("cliente/ordem_servico"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

// ---------------------------------------------------------------------------
// Responses

/// Body of `GET /cliente/ordem_servico`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ServiceOrdersResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `ordens_servico`.
    #[serde(deserialize_with = "l::list")]
    pub ordens_servico: Vec<ServiceOrder>,
    /// `ordem_servico`: the singular spelling some servers use (its own
    /// field: a serde alias would fail when both keys come).
    #[serde(deserialize_with = "l::list")]
    pub ordem_servico: Vec<ServiceOrder>,
}

impl ServiceOrdersResponse {
    /// The orders under either spelling of the key.
    pub fn into_orders(self) -> Vec<ServiceOrder> {
        if self.ordens_servico.is_empty() {
            self.ordem_servico
        } else {
            self.ordens_servico
        }
    }
}

/// A service order (a technician's visit or remote job).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ServiceOrder {
    /// `id_ordem_servico`: primary key.
    #[serde(deserialize_with = "l::id")]
    pub id_ordem_servico: Option<u64>,
    /// `numero_ordem_servico`: the number attendants quote, kept as text.
    #[serde(deserialize_with = "l::text")]
    pub numero_ordem_servico: Option<String>,
    /// `tipo`: order type (SUPORTE, INSTALAÇÃO...).
    #[serde(deserialize_with = "l::text")]
    pub tipo: Option<String>,
    /// `status`: `pendente`, `aguardando_agendamento`, `finalizado` (see
    /// [`ServiceOrder::status_kind`]).
    #[serde(deserialize_with = "l::text")]
    pub status: Option<String>,
    /// `status_fechamento` (`concluido`...).
    #[serde(deserialize_with = "l::text")]
    pub status_fechamento: Option<String>,
    /// `data_cadastro`: registered at.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `data_inicio_programado`: scheduled start.
    #[serde(deserialize_with = "l::date")]
    pub data_inicio_programado: Option<ApiDate>,
    /// `data_termino_programado`: scheduled end (may precede the start in
    /// real data: do not validate).
    #[serde(deserialize_with = "l::date")]
    pub data_termino_programado: Option<ApiDate>,
    /// `data_inicio_executado`: actual start.
    #[serde(deserialize_with = "l::date")]
    pub data_inicio_executado: Option<ApiDate>,
    /// `data_termino_executado`: actual end.
    #[serde(deserialize_with = "l::date")]
    pub data_termino_executado: Option<ApiDate>,
    /// `descricao_abertura`.
    #[serde(deserialize_with = "l::text")]
    pub descricao_abertura: Option<String>,
    /// `descricao_servico`: the work to do.
    #[serde(deserialize_with = "l::text")]
    pub descricao_servico: Option<String>,
    /// `descricao_fechamento`.
    #[serde(deserialize_with = "l::text")]
    pub descricao_fechamento: Option<String>,
    /// `usuario_abertura`.
    #[serde(deserialize_with = "l::text")]
    pub usuario_abertura: Option<String>,
    /// `usuario_fechamento`.
    #[serde(deserialize_with = "l::text")]
    pub usuario_fechamento: Option<String>,
    /// `tecnicos`: the technicians assigned (`name`, `display`).
    #[serde(deserialize_with = "l::list")]
    pub tecnicos: Vec<Technician>,
    /// `protocolo`: the linked ticket's protocol, on servers that put it
    /// on the order itself. Read it through [`ServiceOrder::protocol`].
    #[serde(deserialize_with = "l::text")]
    pub protocolo: Option<String>,
    /// `atendimento`: the ticket the order belongs to (`None` when `null`).
    #[serde(deserialize_with = "l::object")]
    pub atendimento: Option<Box<Ticket>>,
    /// `cliente`: short customer.
    #[serde(deserialize_with = "l::object")]
    pub cliente: Option<Customer>,
    /// `servico`: the service concerned. Read it through
    /// [`ServiceOrder::service`], which also looks at `cliente_servico`.
    #[serde(deserialize_with = "l::object")]
    pub servico: Option<CustomerService>,
    /// `cliente_servico`: the same under the key newer servers use.
    #[serde(deserialize_with = "l::object")]
    pub cliente_servico: Option<CustomerService>,
    /// `ordem_servico_mensagem`: the order's messages, sent by current
    /// servers when a ticket search asks for them.
    #[serde(deserialize_with = "l::list")]
    pub ordem_servico_mensagem: Vec<super::ticket_extras::TicketMessage>,
}

/// A technician on a service order (`tecnicos[]`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Technician {
    /// `id`: the HubSoft user.
    #[serde(deserialize_with = "l::id")]
    pub id: Option<u64>,
    /// `name`.
    #[serde(deserialize_with = "l::text")]
    pub name: Option<String>,
    /// `display`: the name as HubSoft shows it, when sent.
    #[serde(deserialize_with = "l::text")]
    pub display: Option<String>,
}

impl Technician {
    /// The name to show.
    pub fn label(&self) -> Option<&str> {
        self.display
            .as_deref()
            .or(self.name.as_deref())
            .filter(|n| !n.trim().is_empty())
    }
}

impl ServiceOrder {
    /// The protocol of the ticket the order belongs to: the order's own
    /// `protocolo`, else its nested ticket's.
    pub fn protocol(&self) -> Option<&str> {
        self.protocolo
            .as_deref()
            .or_else(|| {
                self.atendimento
                    .as_ref()
                    .and_then(|t| t.protocolo.as_deref())
            })
            .filter(|p| !p.trim().is_empty())
    }

    /// The technicians' names, in the order sent.
    pub fn technicians(&self) -> Vec<&str> {
        self.tecnicos.iter().filter_map(Technician::label).collect()
    }

    /// The service concerned under either key.
    pub fn service(&self) -> Option<&CustomerService> {
        self.servico.as_ref().or(self.cliente_servico.as_ref())
    }

    /// The status as an enum, when it is one of the documented values.
    pub fn status_kind(&self) -> Option<ServiceOrderStatus> {
        self.status
            .as_deref()
            .and_then(ServiceOrderStatus::from_param)
    }
}

impl Client {
    /// `GET /cliente/ordem_servico`: service orders. 404 gives an empty list.
    pub async fn service_orders(
        &self,
        params: &ServiceOrderSearch,
    ) -> Result<Vec<ServiceOrder>, ApiError> {
        let call = params.to_call()?;
        let r: Result<ServiceOrdersResponse, _> = self.call(call).await;
        empty_if_not_found(r.map(ServiceOrdersResponse::into_orders))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(call: &Call) -> Vec<(&'static str, &str)> {
        call.query.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    #[test]
    fn search_call() {
        let c = ServiceOrderSearch::new(ServiceOrderSearchBy::CustomerCode, "1188")
            .to_call()
            .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/ordem_servico");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        assert_eq!(
            q(&c),
            vec![("busca", "codigo_cliente"), ("termo_busca", "1188")]
        );
    }

    #[test]
    fn search_every_option() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = ServiceOrderSearch::new(ServiceOrderSearchBy::Document, "267.884.930-90");
        s.limit = Some(1);
        s.status = Some(ServiceOrderStatus::AwaitingScheduling);
        s.order_by = Some(ServiceOrderOrderBy::ScheduledStart);
        s.order_type = Some(OrderType::Asc);
        s.data_inicio = Some(d("2018-04-01"));
        assert_eq!(
            q(&s.to_call().unwrap()),
            vec![
                ("busca", "cpf_cnpj"),
                ("termo_busca", "26788493090"),
                ("limit", "1"),
                ("status", "aguardando_agendamento"),
                ("order_by", "data_inicio_programado"),
                ("order_type", "asc"),
                ("data_inicio", "2018-04-01"),
            ]
        );
    }

    #[test]
    fn term_is_optional_but_not_blank() {
        let mut s = ServiceOrderSearch::new(ServiceOrderSearchBy::OrderNumber, "320");
        s.term = None;
        assert_eq!(
            q(&s.to_call().unwrap()),
            vec![("busca", "numero_ordem_servico")]
        );
        s.term = Some("  ".into());
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
        s.term = Some("320".into());
        s.limit = Some(51);
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
    }

    #[test]
    fn status_round_trip() {
        for s in [
            ServiceOrderStatus::Pending,
            ServiceOrderStatus::AwaitingScheduling,
            ServiceOrderStatus::Finished,
        ] {
            assert_eq!(ServiceOrderStatus::from_param(s.as_param()), Some(s));
        }
        assert_eq!(ServiceOrderStatus::from_param("cancelado"), None);
    }
}
