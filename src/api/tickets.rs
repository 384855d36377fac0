//! Tickets (atendimentos): `GET /cliente/atendimento` (search),
//! `POST /atendimento` (open) and `PUT /atendimento/{id}` (edit or close).
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::customers::{Customer, CustomerService};
use super::envelope::empty_if_not_found;
use super::lenient::{self as l, ApiDate};
use super::orders::ServiceOrder;
use super::params::{
    OrderType, RecordOrderBy, check_id, check_limit, document_key, normalize_phone, path,
    push_range, required, yes_no,
};
use super::ticket_extras::TicketMessage;
use super::{ApiError, Call, CallKind, Client};

// ---------------------------------------------------------------------------
// Requests

/// The `busca` kinds of `GET /cliente/atendimento`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TicketSearchBy {
    /// `codigo_cliente`.
    CustomerCode,
    /// `cpf_cnpj` (sent as digits only).
    Document,
    /// `id_cliente_servico`.
    ServiceId,
    /// `protocolo`.
    Protocol,
}

impl TicketSearchBy {
    /// All kinds, in the order a key cycles through them.
    pub const ALL: [TicketSearchBy; 4] = [
        Self::CustomerCode,
        Self::Document,
        Self::ServiceId,
        Self::Protocol,
    ];

    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::CustomerCode => "codigo_cliente",
            Self::Document => "cpf_cnpj",
            Self::ServiceId => "id_cliente_servico",
            Self::Protocol => "protocolo",
        }
    }
}

/// Parameters of `GET /cliente/atendimento`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketSearch {
    /// `busca`.
    pub by: TicketSearchBy,
    /// `termo_busca` (CPF/CNPJ reduced to digits).
    pub term: String,
    /// `limit`: 1..=50, server default 20.
    pub limit: Option<u32>,
    /// `apenas_pendente`: only open tickets (server default: yes).
    pub only_open: Option<bool>,
    /// `order_by` (server default: registration date).
    pub order_by: Option<RecordOrderBy>,
    /// `order_type` (server default: asc).
    pub order_type: Option<OrderType>,
    /// `data_inicio`: registered on or after.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`: registered on or before.
    pub data_fim: Option<NaiveDate>,
    /// `relacoes=atendimento_mensagem,ordem_servico_mensagem`: each
    /// ticket's message thread ([`Ticket::messages`]). Current servers
    /// only; an older one ignores it and the threads come back empty.
    pub with_messages: bool,
}

impl TicketSearch {
    /// A search with only the required parameters set.
    pub fn new(by: TicketSearchBy, term: impl Into<String>) -> Self {
        Self {
            by,
            term: term.into(),
            limit: None,
            only_open: None,
            order_by: None,
            order_type: None,
            data_inicio: None,
            data_fim: None,
            with_messages: false,
        }
    }

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut term = required("termo_busca", &self.term)?;
        if self.by == TicketSearchBy::Document {
            term = required("termo_busca", &document_key(&term))?;
        }
        let mut query = vec![
            ("busca", self.by.as_param().to_owned()),
            ("termo_busca", term),
        ];
        if let Some(limit) = self.limit {
            check_limit("limit", limit, 1, Some(50))?;
            query.push(("limit", limit.to_string()));
        }
        if let Some(v) = self.only_open {
            query.push(("apenas_pendente", yes_no(v).to_owned()));
        }
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        if self.with_messages {
            query.push((
                "relacoes",
                super::ticket_extras::MESSAGE_RELATIONS.to_owned(),
            ));
        }
        Ok(Call {
            route: "cliente/atendimento",
            method: Method::GET,
            path: path("cliente/atendimento"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// Body of `POST /atendimento`: opens a ticket on a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTicket {
    /// `id_cliente_servico`: the service the ticket is about (> 0).
    pub id_cliente_servico: u64,
    /// `descricao`: what the customer reports.
    pub descricao: String,
    /// `nome`: who asked (the requester).
    pub nome: String,
    /// `telefone`: requester's phone, sent as `DDNNNNNNNNN` digits.
    pub telefone: String,
    /// `email`: requester's e-mail.
    pub email: Option<String>,
    /// `abrir_os`: also open a service order (server default: false).
    pub abrir_os: Option<bool>,
    /// `parametros`: free integration data, sent only when not empty. The
    /// console puts the attendant's identity here, since HubSoft records
    /// the shared API user as the author.
    pub parametros: Map<String, Value>,
}

impl NewTicket {
    /// Builds the request, checking required fields first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        let mut body = Map::new();
        body.insert("id_cliente_servico".into(), json!(self.id_cliente_servico));
        body.insert(
            "descricao".into(),
            json!(required("descricao", &self.descricao)?),
        );
        body.insert("nome".into(), json!(required("nome", &self.nome)?));
        let phone = normalize_phone(&self.telefone);
        body.insert("telefone".into(), json!(required("telefone", &phone)?));
        if let Some(email) = self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            body.insert("email".into(), json!(email));
        }
        if let Some(v) = self.abrir_os {
            body.insert("abrir_os".into(), json!(v));
        }
        if !self.parametros.is_empty() {
            body.insert("parametros".into(), Value::Object(self.parametros.clone()));
        }
        Ok(Call {
            route: "atendimento",
            method: Method::POST,
            path: path("atendimento"),
            query: Vec::new(),
            body: Some(Value::Object(body)),
            kind: CallKind::Action,
        })
    }
}

/// Body of `PUT /atendimento/{id}`: edits or closes an open ticket.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketUpdate {
    /// The ticket's `id_atendimento` (path segment, > 0).
    pub id_atendimento: u64,
    /// `descricao`: replaces the opening description.
    pub descricao: Option<String>,
    /// `fechar_atendimento`: close the ticket (and its service orders).
    pub fechar_atendimento: bool,
    /// `parametros`: free integration data. HubSoft records the shared API
    /// user as author, so put the attendant's identity here.
    pub parametros: Map<String, Value>,
}

impl TicketUpdate {
    /// Builds the request, checking the id first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_atendimento", self.id_atendimento)?;
        let mut body = Map::new();
        // Sent as given: an appended description starts with the
        // customer's text byte for byte, spaces included (the builders in
        // `ops::tickets` trim what the attendant typed).
        if let Some(d) = self.descricao.as_deref().filter(|d| !d.trim().is_empty()) {
            body.insert("descricao".into(), json!(d));
        }
        body.insert("parametros".into(), Value::Object(self.parametros.clone()));
        body.insert("fechar_atendimento".into(), json!(self.fechar_atendimento));
        Ok(Call {
            route: "atendimento/{id}",
            method: Method::PUT,
            path: path(&format!("atendimento/{}", self.id_atendimento)),
            query: Vec::new(),
            body: Some(Value::Object(body)),
            kind: CallKind::Action,
        })
    }
}

// ---------------------------------------------------------------------------
// Responses

/// Body of `GET /cliente/atendimento`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct TicketsResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `atendimentos`.
    #[serde(deserialize_with = "l::list")]
    pub atendimentos: Vec<Ticket>,
}

/// Body of `POST /atendimento` and `PUT /atendimento/{id}`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct TicketResponse {
    /// `msg`: repeats the protocol in words; read the protocol from the
    /// ticket, never from this text.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `atendimento`: the ticket as the server now holds it.
    #[serde(deserialize_with = "l::object")]
    pub atendimento: Option<Ticket>,
    /// `id_atendimento` at the top level, where some servers put it instead
    /// of (or beside) `atendimento`. Read through [`TicketResponse::ticket_id`].
    #[serde(deserialize_with = "l::id")]
    pub id_atendimento: Option<u64>,
    /// `protocolo` at the top level. Read through [`TicketResponse::protocol`].
    #[serde(deserialize_with = "l::text")]
    pub protocolo: Option<String>,
}

impl TicketResponse {
    /// The ticket's id: the nested ticket's, else the top-level one.
    pub fn ticket_id(&self) -> Option<u64> {
        self.atendimento
            .as_ref()
            .and_then(|t| t.id_atendimento)
            .or(self.id_atendimento)
    }

    /// The ticket's protocol, trimmed: the nested ticket's, else the
    /// top-level one. Never parsed out of `msg`.
    pub fn protocol(&self) -> Option<&str> {
        fn nonblank(p: &Option<String>) -> Option<&str> {
            p.as_deref().map(str::trim).filter(|p| !p.is_empty())
        }
        self.atendimento
            .as_ref()
            .and_then(|t| nonblank(&t.protocolo))
            .or_else(|| nonblank(&self.protocolo))
    }
}

/// A ticket (atendimento). Covers both shapes HubSoft sends: the
/// "presented" one (names, `dd/mm/yyyy`, nested `cliente` and service
/// orders) and the raw row of the PUT answer (`id_*` keys, ISO dates,
/// `*_br` and `*_timestamp` copies).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Ticket {
    /// `id_atendimento`.
    #[serde(deserialize_with = "l::id")]
    pub id_atendimento: Option<u64>,
    /// `protocolo`: kept as text (20 digits on current servers).
    #[serde(deserialize_with = "l::text")]
    pub protocolo: Option<String>,
    /// `id_cliente_servico` (raw shape). Read the ticket's service through
    /// [`Ticket::service_id`], which also looks at the nested `servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico: Option<u64>,
    /// `servico`: the service the ticket is about, nested by
    /// `cliente/atendimento` on current servers (`id_cliente_servico` often
    /// a string, `nome`, `status`).
    #[serde(deserialize_with = "l::object")]
    pub servico: Option<CustomerService>,
    /// `cliente_servico`: the same under the key some servers use.
    #[serde(deserialize_with = "l::object")]
    pub cliente_servico: Option<CustomerService>,
    /// `tipo_atendimento`: ticket type name.
    #[serde(deserialize_with = "l::text")]
    pub tipo_atendimento: Option<String>,
    /// `status`: display text ("Pendente", "Aguardando Análise"...).
    #[serde(deserialize_with = "l::text")]
    pub status: Option<String>,
    /// `descricao_abertura`: opening description.
    #[serde(deserialize_with = "l::text")]
    pub descricao_abertura: Option<String>,
    /// `descricao_fechamento`: closing description.
    #[serde(deserialize_with = "l::text")]
    pub descricao_fechamento: Option<String>,
    /// `usuario_abertura`.
    #[serde(deserialize_with = "l::text")]
    pub usuario_abertura: Option<String>,
    /// `usuario_responsavel`.
    #[serde(deserialize_with = "l::text")]
    pub usuario_responsavel: Option<String>,
    /// `usuario_fechamento`.
    #[serde(deserialize_with = "l::text")]
    pub usuario_fechamento: Option<String>,
    /// `setor_responsavel`.
    #[serde(deserialize_with = "l::text")]
    pub setor_responsavel: Option<String>,
    /// `status_fechamento` (`concluido`...).
    #[serde(deserialize_with = "l::text")]
    pub status_fechamento: Option<String>,
    /// `motivo_fechamento`.
    #[serde(deserialize_with = "l::text")]
    pub motivo_fechamento: Option<String>,
    /// `data_cadastro`: opened at (`dd/mm/yyyy` or ISO).
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `data_fechamento`: closed at.
    #[serde(deserialize_with = "l::date")]
    pub data_fechamento: Option<ApiDate>,
    /// `data_cadastro_br` (raw shape, `dd\mm\yyyy HH:MM`).
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro_br: Option<ApiDate>,
    /// `data_fechamento_br` (raw shape).
    #[serde(deserialize_with = "l::date")]
    pub data_fechamento_br: Option<ApiDate>,
    /// `data_cadastro_timestamp`: epoch milliseconds.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro_timestamp: Option<ApiDate>,
    /// `data_fechamento_timestamp`: epoch milliseconds.
    #[serde(deserialize_with = "l::date")]
    pub data_fechamento_timestamp: Option<ApiDate>,
    /// `nome_contato`: requester (raw shape).
    #[serde(deserialize_with = "l::text")]
    pub nome_contato: Option<String>,
    /// `telefone_contato`.
    #[serde(deserialize_with = "l::text")]
    pub telefone_contato: Option<String>,
    /// `email_contato`.
    #[serde(deserialize_with = "l::text")]
    pub email_contato: Option<String>,
    /// `minutos_em_aberto`: minutes the ticket has been open.
    #[serde(deserialize_with = "l::int")]
    pub minutos_em_aberto: Option<i64>,
    /// `tempo_restante`: SLA time left as text, may be negative (`-138h 4min`).
    #[serde(deserialize_with = "l::text")]
    pub tempo_restante: Option<String>,
    /// `percentual_tempo_restante`: SLA percentage left.
    #[serde(deserialize_with = "l::int")]
    pub percentual_tempo_restante: Option<i64>,
    /// `cliente`: short customer (code, name, CPF/CNPJ).
    #[serde(deserialize_with = "l::object")]
    pub cliente: Option<Customer>,
    /// `ordens_servico`: service orders opened from this ticket. Read them
    /// through [`Ticket::service_orders`], which also looks at `ordem_servico`.
    #[serde(deserialize_with = "l::list")]
    pub ordens_servico: Vec<ServiceOrder>,
    /// `ordem_servico`: the singular spelling some servers use (its own
    /// field: a serde alias would fail when both keys come).
    #[serde(deserialize_with = "l::list")]
    pub ordem_servico: Vec<ServiceOrder>,
    /// `atendimento_mensagem`: the ticket's messages, sent by current
    /// servers when asked ([`TicketSearch::with_messages`]).
    #[serde(deserialize_with = "l::list")]
    pub atendimento_mensagem: Vec<TicketMessage>,
    /// `ordem_servico_mensagem`: messages of the ticket's service orders,
    /// when a server lists them beside the ticket.
    #[serde(deserialize_with = "l::list")]
    pub ordem_servico_mensagem: Vec<TicketMessage>,
}

impl Ticket {
    /// The service the ticket is about, nested under either key.
    pub fn service(&self) -> Option<&CustomerService> {
        self.servico.as_ref().or(self.cliente_servico.as_ref())
    }

    /// The ticket's own `id_cliente_servico`: the raw field, else the
    /// nested service's. Every ticket action targets this service, never
    /// the customer's first one.
    pub fn service_id(&self) -> Option<u64> {
        self.id_cliente_servico
            .or_else(|| self.service().and_then(|s| s.id_cliente_servico))
    }

    /// The service orders under either spelling of the key.
    pub fn service_orders(&self) -> &[ServiceOrder] {
        if self.ordens_servico.is_empty() {
            &self.ordem_servico
        } else {
            &self.ordens_servico
        }
    }

    /// When the ticket was opened, from whichever field carries it best.
    pub fn opened_at(&self) -> Option<&ApiDate> {
        self.data_cadastro_timestamp
            .as_ref()
            .or(self.data_cadastro.as_ref())
            .or(self.data_cadastro_br.as_ref())
    }

    /// When the ticket was closed, from whichever field carries it best.
    pub fn closed_at(&self) -> Option<&ApiDate> {
        self.data_fechamento_timestamp
            .as_ref()
            .or(self.data_fechamento.as_ref())
            .or(self.data_fechamento_br.as_ref())
    }
}

// ---------------------------------------------------------------------------
// Routes

impl Client {
    /// `GET /cliente/atendimento`: a customer's tickets. 404 gives an empty list.
    pub async fn customer_tickets(&self, params: &TicketSearch) -> Result<Vec<Ticket>, ApiError> {
        let call = params.to_call()?;
        let r: Result<TicketsResponse, _> = self.call(call).await;
        empty_if_not_found(r.map(|r| r.atendimentos))
    }

    /// `POST /atendimento`: opens a ticket (and a service order if asked).
    /// Never retried.
    pub async fn open_ticket(&self, params: &NewTicket) -> Result<TicketResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `PUT /atendimento/{id}`: edits or closes a ticket. Never retried.
    pub async fn update_ticket(&self, params: &TicketUpdate) -> Result<TicketResponse, ApiError> {
        self.call(params.to_call()?).await
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
        let c = TicketSearch::new(TicketSearchBy::CustomerCode, "1099")
            .to_call()
            .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/atendimento");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        assert_eq!(
            q(&c),
            vec![("busca", "codigo_cliente"), ("termo_busca", "1099")]
        );
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = TicketSearch::new(TicketSearchBy::Document, "862.149.410-81");
        s.limit = Some(50);
        s.only_open = Some(false);
        s.order_by = Some(RecordOrderBy::Closing);
        s.order_type = Some(OrderType::Desc);
        s.data_inicio = Some(d("2018-01-01"));
        s.data_fim = Some(d("2018-12-31"));
        assert_eq!(
            q(&s.to_call().unwrap()),
            vec![
                ("busca", "cpf_cnpj"),
                ("termo_busca", "86214941081"),
                ("limit", "50"),
                ("apenas_pendente", "nao"),
                ("order_by", "data_fechamento"),
                ("order_type", "desc"),
                ("data_inicio", "2018-01-01"),
                ("data_fim", "2018-12-31"),
            ]
        );
    }

    #[test]
    fn search_bounds() {
        let mut s = TicketSearch::new(TicketSearchBy::Protocol, "20250128085356853228");
        assert_eq!(
            q(&s.to_call().unwrap())[1],
            ("termo_busca", "20250128085356853228")
        );
        s.limit = Some(51);
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
        s.limit = Some(0);
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
        let empty = TicketSearch::new(TicketSearchBy::CustomerCode, "");
        assert!(matches!(
            empty.to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
    }

    fn new_ticket() -> NewTicket {
        NewTicket {
            id_cliente_servico: 11000,
            descricao: "Abertura de atendimento de teste".into(),
            nome: "Nome do Usuário Solicitante".into(),
            telefone: "(37) 99911-2233".into(),
            email: Some("teste@teste.com.br".into()),
            abrir_os: Some(true),
            parametros: Map::new(),
        }
    }

    #[test]
    fn open_ticket_call() {
        let c = new_ticket().to_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/atendimento");
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert!(c.query.is_empty());
        assert_eq!(
            c.body.unwrap(),
            json!({"id_cliente_servico": 11000, "descricao": "Abertura de atendimento de teste",
                   "nome": "Nome do Usuário Solicitante", "telefone": "37999112233",
                   "email": "teste@teste.com.br", "abrir_os": true})
        );
        let minimal = NewTicket {
            email: None,
            abrir_os: None,
            ..new_ticket()
        };
        let body = minimal.to_call().unwrap().body.unwrap();
        assert!(body.get("email").is_none() && body.get("abrir_os").is_none());
    }

    #[test]
    fn open_ticket_rejects_missing_fields() {
        let cases: [(NewTicket, &str); 4] = [
            (
                NewTicket {
                    id_cliente_servico: 0,
                    ..new_ticket()
                },
                "id_cliente_servico",
            ),
            (
                NewTicket {
                    descricao: " ".into(),
                    ..new_ticket()
                },
                "descricao",
            ),
            (
                NewTicket {
                    nome: String::new(),
                    ..new_ticket()
                },
                "nome",
            ),
            (
                NewTicket {
                    telefone: "n/a".into(),
                    ..new_ticket()
                },
                "telefone",
            ),
        ];
        for (t, field) in cases {
            match t.to_call() {
                Err(ApiError::InvalidRequest { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    /// Issue 12.9d: some servers answer a ticket open with the id and the
    /// protocol at the top level instead of under `atendimento`.
    #[test]
    fn the_protocol_is_read_at_either_level() {
        let top: TicketResponse = serde_json::from_value(json!({
            "status": "success", "msg": "Atendimento aberto",
            "id_atendimento": "915", "protocolo": " 20260101120000123456 "
        }))
        .unwrap();
        assert_eq!(top.ticket_id(), Some(915));
        assert_eq!(top.protocol(), Some("20260101120000123456"));
        let nested: TicketResponse = serde_json::from_value(json!({
            "atendimento": {"id_atendimento": 7, "protocolo": "1"}, "protocolo": "2"
        }))
        .unwrap();
        assert_eq!(
            (nested.ticket_id(), nested.protocol()),
            (Some(7), Some("1"))
        );
        let none: TicketResponse = serde_json::from_value(json!({"msg": "ok"})).unwrap();
        assert_eq!((none.ticket_id(), none.protocol()), (None, None));
    }

    #[test]
    fn update_ticket_call() {
        let mut parametros = Map::new();
        parametros.insert("atendente".into(), json!("maria"));
        let u = TicketUpdate {
            id_atendimento: 1,
            descricao: None,
            fechar_atendimento: true,
            parametros,
        };
        let c = u.to_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/atendimento/1");
        assert_eq!((c.method.clone(), c.kind), (Method::PUT, CallKind::Action));
        assert_eq!(
            c.body.unwrap(),
            json!({"parametros": {"atendente": "maria"}, "fechar_atendimento": true})
        );
        let zero = TicketUpdate {
            id_atendimento: 0,
            ..u
        };
        assert!(matches!(
            zero.to_call(),
            Err(ApiError::InvalidRequest {
                field: "id_atendimento",
                ..
            })
        ));
    }
}
