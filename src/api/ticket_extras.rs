//! Tickets on current servers: the message threads read with
//! `cliente/atendimento?relacoes=atendimento_mensagem,ordem_servico_mensagem`,
//! and a ticket opened with its type (`id_tipo_atendimento`) and its
//! service order's parameters (`parametros_ordem_servico`).
//!
//! Adding a message to an open ticket: HubSoft's current collection has
//! no integration route for it (messages are only read, as a relation of
//! the ticket searches; `PUT atendimento/{id}` edits the description and
//! the parameters). A caller that must add text uses [`super::TicketUpdate`]
//! and keeps the customer's original description in it.
#![warn(missing_docs)]

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::lenient::{self as l, ApiDate};
use super::params::check_id;
use super::tickets::{NewTicket, Ticket, TicketResponse};
use super::{ApiError, Call, Client};

/// The `relacoes` value that asks for the message threads.
pub const MESSAGE_RELATIONS: &str = "atendimento_mensagem,ordem_servico_mensagem";

/// One message of a ticket's (or a service order's) thread.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct TicketMessage {
    /// `id_atendimento_mensagem` (a ticket's message).
    #[serde(deserialize_with = "l::id")]
    pub id_atendimento_mensagem: Option<u64>,
    /// `id_ordem_servico_mensagem` (a service order's message).
    #[serde(deserialize_with = "l::id")]
    pub id_ordem_servico_mensagem: Option<u64>,
    /// `id_atendimento`.
    #[serde(deserialize_with = "l::id")]
    pub id_atendimento: Option<u64>,
    /// `id_ordem_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_ordem_servico: Option<u64>,
    /// `mensagem`: the text (untrusted: sanitize before drawing).
    #[serde(deserialize_with = "l::text")]
    pub mensagem: Option<String>,
    /// `usuario`: who wrote it, when the server names them.
    #[serde(deserialize_with = "l::text")]
    pub usuario: Option<String>,
    /// `data_cadastro`.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `data_cadastro_br` (`10/02/2023 10:55`).
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro_br: Option<ApiDate>,
    /// `data_cadastro_timestamp` (epoch milliseconds).
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro_timestamp: Option<ApiDate>,
}

impl TicketMessage {
    /// When it was written, from whichever field carries it best.
    pub fn written_at(&self) -> Option<&ApiDate> {
        self.data_cadastro_timestamp
            .as_ref()
            .or(self.data_cadastro.as_ref())
            .or(self.data_cadastro_br.as_ref())
    }

    fn sort_key(&self) -> (Option<chrono::NaiveDate>, Option<String>) {
        let at = self.written_at();
        (
            at.and_then(ApiDate::date),
            at.and_then(ApiDate::instant).map(|i| i.to_rfc3339()),
        )
    }
}

/// Where a message of a thread was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessagePlace {
    /// On the ticket itself.
    Ticket,
    /// On one of its service orders (its `id_ordem_servico`, when known).
    Order(Option<u64>),
}

impl Ticket {
    /// The ticket's thread: its own messages and those of its service
    /// orders, oldest first (undated ones first, in the order sent); a
    /// message listed both beside the ticket and in its order is shown
    /// once.
    pub fn messages(&self) -> Vec<(MessagePlace, &TicketMessage)> {
        let mut out: Vec<(MessagePlace, &TicketMessage)> = self
            .atendimento_mensagem
            .iter()
            .map(|m| (MessagePlace::Ticket, m))
            .collect();
        let mut seen_order_ids: Vec<u64> = Vec::new();
        for order in self.service_orders() {
            for m in &order.ordem_servico_mensagem {
                if let Some(id) = m.id_ordem_servico_mensagem {
                    seen_order_ids.push(id);
                }
                out.push((
                    MessagePlace::Order(m.id_ordem_servico.or(order.id_ordem_servico)),
                    m,
                ));
            }
        }
        for m in &self.ordem_servico_mensagem {
            if m.id_ordem_servico_mensagem
                .is_some_and(|id| seen_order_ids.contains(&id))
            {
                continue;
            }
            out.push((MessagePlace::Order(m.id_ordem_servico), m));
        }
        out.sort_by_key(|(_, m)| m.sort_key());
        out
    }
}

/// `parametros_ordem_servico` of a ticket that opens a service order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderParams {
    /// `id_tipo_ordem_servico` (HubSoft's default: "ABERTURA VIA API").
    pub id_tipo_ordem_servico: Option<u64>,
    /// `status` (HubSoft's default: `aguardando_agendamento`; e.g. `pendente`).
    pub status: Option<String>,
    /// `ids_tecnicos` (HubSoft's default: the SAC technician).
    pub ids_tecnicos: Vec<u64>,
}

/// `POST /atendimento` with the current servers' fields: a [`NewTicket`]
/// plus the ticket type and the service order's parameters. An older
/// server ignores the extra fields (the ticket is then SAC, its order
/// HubSoft's defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketOpening {
    /// The ticket's documented fields.
    pub ticket: NewTicket,
    /// `id_tipo_atendimento` (HubSoft's default: SAC).
    pub id_tipo_atendimento: Option<u64>,
    /// `parametros_ordem_servico`, sent when the ticket opens an order
    /// (`abrir_os`).
    pub ordem_servico: Option<OrderParams>,
}

impl TicketOpening {
    /// Builds the request: [`NewTicket::to_call`]'s body plus the extra
    /// fields (ids sent as text, as HubSoft's collection does).
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut call = self.ticket.to_call()?;
        let Some(Value::Object(body)) = call.body.as_mut() else {
            unreachable!("a new ticket's body is an object");
        };
        if let Some(id) = self.id_tipo_atendimento {
            check_id("id_tipo_atendimento", id)?;
            body.insert("id_tipo_atendimento".into(), json!(id.to_string()));
        }
        if let Some(os) = &self.ordem_servico {
            if self.ticket.abrir_os != Some(true) {
                return Err(ApiError::InvalidRequest {
                    field: "parametros_ordem_servico",
                    reason: "only for a ticket that opens a service order (abrir_os)".into(),
                });
            }
            let mut p = serde_json::Map::new();
            if let Some(id) = os.id_tipo_ordem_servico {
                check_id("id_tipo_ordem_servico", id)?;
                p.insert("id_tipo_ordem_servico".into(), json!(id.to_string()));
            }
            if let Some(status) = os
                .status
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                super::params::check_length("status", status)?;
                p.insert("status".into(), json!(status));
            }
            if !os.ids_tecnicos.is_empty() {
                for id in &os.ids_tecnicos {
                    check_id("ids_tecnicos", *id)?;
                }
                let ids: Vec<String> = os.ids_tecnicos.iter().map(u64::to_string).collect();
                p.insert("ids_tecnicos".into(), json!(ids));
            }
            if !p.is_empty() {
                body.insert("parametros_ordem_servico".into(), Value::Object(p));
            }
        }
        Ok(call)
    }
}

impl Client {
    /// `POST /atendimento` with a ticket type and the order's parameters
    /// (see [`TicketOpening`]). Never retried.
    pub async fn open_ticket_with(
        &self,
        params: &TicketOpening,
    ) -> Result<TicketResponse, ApiError> {
        self.call(params.to_call()?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket() -> NewTicket {
        NewTicket {
            id_cliente_servico: 11000,
            descricao: "Sem acesso".into(),
            nome: "Ana".into(),
            telefone: "37999112233".into(),
            email: None,
            abrir_os: Some(true),
            parametros: serde_json::Map::new(),
        }
    }

    #[test]
    fn the_type_and_order_parameters_join_the_documented_body() {
        let c = TicketOpening {
            ticket: ticket(),
            id_tipo_atendimento: Some(125),
            ordem_servico: Some(OrderParams {
                id_tipo_ordem_servico: Some(1),
                status: Some("pendente".into()),
                ids_tecnicos: vec![1001, 935],
            }),
        }
        .to_call()
        .unwrap();
        let body = c.body.unwrap();
        assert_eq!(body["id_cliente_servico"], json!(11000));
        assert_eq!(body["id_tipo_atendimento"], json!("125"));
        assert_eq!(
            body["parametros_ordem_servico"],
            json!({"id_tipo_ordem_servico": "1", "status": "pendente", "ids_tecnicos": ["1001", "935"]})
        );
        let plain = TicketOpening {
            ticket: ticket(),
            id_tipo_atendimento: None,
            ordem_servico: None,
        }
        .to_call()
        .unwrap();
        assert_eq!(plain.body, ticket().to_call().unwrap().body);
    }

    #[test]
    fn order_parameters_need_an_order() {
        let mut t = ticket();
        t.abrir_os = None;
        let e = TicketOpening {
            ticket: t,
            id_tipo_atendimento: None,
            ordem_servico: Some(OrderParams::default()),
        }
        .to_call()
        .unwrap_err();
        assert!(matches!(
            e,
            ApiError::InvalidRequest {
                field: "parametros_ordem_servico",
                ..
            }
        ));
    }

    #[test]
    fn a_thread_merges_ticket_and_order_messages_in_time_order() {
        let t: Ticket = serde_json::from_str(
            r#"{"id_atendimento":5448,
            "atendimento_mensagem":[
              {"id_atendimento_mensagem":376,"id_atendimento":5448,"mensagem":"segunda","data_cadastro_br":"10/02/2023 10:56","data_cadastro_timestamp":1676037371000},
              {"id_atendimento_mensagem":375,"id_atendimento":5448,"mensagem":"primeira","data_cadastro_br":"10/02/2023 10:55","data_cadastro_timestamp":1676037311000}],
            "ordens_servico":[{"id_ordem_servico":9,"ordem_servico_mensagem":[
              {"id_ordem_servico_mensagem":1,"mensagem":"técnico a caminho","data_cadastro":"2023-02-11 08:00:00"}]}],
            "ordem_servico_mensagem":[{"id_ordem_servico_mensagem":1,"mensagem":"técnico a caminho"}]}"#,
        )
        .unwrap();
        let thread = t.messages();
        let texts: Vec<_> = thread
            .iter()
            .map(|(_, m)| m.mensagem.as_deref().unwrap())
            .collect();
        assert_eq!(texts, ["primeira", "segunda", "técnico a caminho"]);
        assert_eq!(thread[2].0, MessagePlace::Order(Some(9)));
    }
}
