//! A customer's invoices: `GET /cliente/financeiro`, and sending one by
//! e-mail, SMS or push (`POST /cliente/financeiro/enviar_*`).
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::customers::Customer;
use super::envelope::{ActionResponse, empty_if_not_found};
use super::lenient::{self as l, ApiDate};
use super::params::{
    InvoiceOrderBy, OrderType, check_id, check_limit, document_key, normalize_phone, path,
    push_range, required, yes_no,
};
use super::{ApiError, Call, CallKind, Client};

// ---------------------------------------------------------------------------
// Requests

/// The `busca` kinds of `GET /cliente/financeiro`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvoiceSearchBy {
    /// `cpf_cnpj` (sent as digits only).
    Document,
    /// `codigo_cliente`.
    CustomerCode,
    /// `id_cliente_servico`.
    ServiceId,
}

impl InvoiceSearchBy {
    /// All kinds, in the order a key cycles through them.
    pub const ALL: [InvoiceSearchBy; 3] = [Self::Document, Self::CustomerCode, Self::ServiceId];

    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Document => "cpf_cnpj",
            Self::CustomerCode => "codigo_cliente",
            Self::ServiceId => "id_cliente_servico",
        }
    }
}

/// Parameters of `GET /cliente/financeiro`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceSearch {
    /// `busca`.
    pub by: InvoiceSearchBy,
    /// `termo_busca` (CPF/CNPJ reduced to digits).
    pub term: String,
    /// `limit`: 1..=50, server default 20.
    pub limit: Option<u32>,
    /// `apenas_pendente`: only unpaid invoices (server default: **yes**;
    /// set `Some(false)` to see paid ones too).
    pub only_pending: Option<bool>,
    /// `order_by` (server default: due date).
    pub order_by: Option<InvoiceOrderBy>,
    /// `order_type` (server default: asc).
    pub order_type: Option<OrderType>,
    /// `data_inicio`: due on or after.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`: due on or before.
    pub data_fim: Option<NaiveDate>,
}

impl InvoiceSearch {
    /// A search with only the required parameters set.
    pub fn new(by: InvoiceSearchBy, term: impl Into<String>) -> Self {
        Self {
            by,
            term: term.into(),
            limit: None,
            only_pending: None,
            order_by: None,
            order_type: None,
            data_inicio: None,
            data_fim: None,
        }
    }

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut term = required("termo_busca", &self.term)?;
        if self.by == InvoiceSearchBy::Document {
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
        if let Some(v) = self.only_pending {
            query.push(("apenas_pendente", yes_no(v).to_owned()));
        }
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        Ok(Call {
            route: "cliente/financeiro",
            method: Method::GET,
            path: path("cliente/financeiro"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// Body of `POST /cliente/financeiro/enviar_email`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceEmail {
    /// `id_fatura` (> 0).
    pub id_fatura: u64,
    /// `email_adicional`: addresses in addition to those on file.
    pub email_adicional: Vec<String>,
}

impl InvoiceEmail {
    /// Builds the request. E-mail sending can be slow on the server, so the
    /// call is a [`CallKind::SlowAction`].
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_fatura", self.id_fatura)?;
        let mut body = json!({ "id_fatura": self.id_fatura });
        let extra: Vec<&str> = self
            .email_adicional
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if let Some(bad) = extra.iter().find(|e| !e.contains('@')) {
            return Err(ApiError::InvalidRequest {
                field: "email_adicional",
                reason: format!("{bad:?} is not an e-mail address"),
            });
        }
        if !extra.is_empty() {
            body["email_adicional"] = json!(extra);
        }
        Ok(Call {
            route: "cliente/financeiro/enviar_email",
            method: Method::POST,
            path: path("cliente/financeiro/enviar_email"),
            query: Vec::new(),
            body: Some(body),
            kind: CallKind::SlowAction,
        })
    }
}

/// Body of `POST /cliente/financeiro/enviar_sms`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceSms {
    /// `id_fatura` (> 0).
    pub id_fatura: u64,
    /// `telefone_adicional`: phones in addition to those on file, sent as
    /// `DDNNNNNNNN[N]` (punctuation and a leading `55` removed).
    pub telefone_adicional: Vec<String>,
}

impl InvoiceSms {
    /// Builds the request; every extra phone must have 10 or 11 digits.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_fatura", self.id_fatura)?;
        let mut body = json!({ "id_fatura": self.id_fatura });
        let mut phones = Vec::new();
        for raw in self
            .telefone_adicional
            .iter()
            .filter(|p| !p.trim().is_empty())
        {
            let p = normalize_phone(raw);
            if !(10..=11).contains(&p.len()) {
                return Err(ApiError::InvalidRequest {
                    field: "telefone_adicional",
                    reason: format!("{raw:?} is not DDNNNNNNNN or DDNNNNNNNNN"),
                });
            }
            phones.push(p);
        }
        if !phones.is_empty() {
            body["telefone_adicional"] = json!(phones);
        }
        Ok(Call {
            route: "cliente/financeiro/enviar_sms",
            method: Method::POST,
            path: path("cliente/financeiro/enviar_sms"),
            query: Vec::new(),
            body: Some(body),
            kind: CallKind::Action,
        })
    }
}

/// Body of `POST /cliente/financeiro/enviar_push`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoicePush {
    /// `id_fatura` (> 0).
    pub id_fatura: u64,
}

impl InvoicePush {
    /// Builds the request.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_fatura", self.id_fatura)?;
        Ok(Call {
            route: "cliente/financeiro/enviar_push",
            method: Method::POST,
            path: path("cliente/financeiro/enviar_push"),
            query: Vec::new(),
            body: Some(json!({ "id_fatura": self.id_fatura })),
            kind: CallKind::Action,
        })
    }
}

// ---------------------------------------------------------------------------
// Responses

/// Body of `GET /cliente/financeiro` and `GET /financeiro`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct InvoicesResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `faturas`.
    #[serde(deserialize_with = "l::list")]
    pub faturas: Vec<Invoice>,
}

/// An invoice. Covers the boleto shape of `/cliente/financeiro` and the
/// simplified shape of `/financeiro` (ISO dates plus `*_br`, full `cliente`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Invoice {
    /// `id_fatura`: what the send routes take.
    #[serde(deserialize_with = "l::id")]
    pub id_fatura: Option<u64>,
    /// `valor`: amount due.
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
    /// `valor_pago`: amount paid.
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor_pago: Option<Decimal>,
    /// `data_vencimento`: due date.
    #[serde(deserialize_with = "l::date")]
    pub data_vencimento: Option<ApiDate>,
    /// `data_pagamento`: payment date (`None` while unpaid).
    #[serde(deserialize_with = "l::date")]
    pub data_pagamento: Option<ApiDate>,
    /// `data_vencimento_br` (simplified shape).
    #[serde(deserialize_with = "l::date")]
    pub data_vencimento_br: Option<ApiDate>,
    /// `data_pagamento_br` (simplified shape).
    #[serde(deserialize_with = "l::date")]
    pub data_pagamento_br: Option<ApiDate>,
    /// `data_documento`.
    #[serde(deserialize_with = "l::date")]
    pub data_documento: Option<ApiDate>,
    /// `data_processamento`.
    #[serde(deserialize_with = "l::date")]
    pub data_processamento: Option<ApiDate>,
    /// `quitado`: paid off, sent by newer servers.
    #[serde(deserialize_with = "l::flag")]
    pub quitado: Option<bool>,
    /// `tipo_cobranca`: `boleto_bancario`, `debito_conta_corrente`, `pix`...
    #[serde(deserialize_with = "l::text")]
    pub tipo_cobranca: Option<String>,
    /// `linha_digitavel`: the boleto line attendants copy.
    #[serde(deserialize_with = "l::text")]
    pub linha_digitavel: Option<String>,
    /// `codigo_barras`: boleto barcode digits.
    #[serde(deserialize_with = "l::text")]
    pub codigo_barras: Option<String>,
    /// `link`: the invoice PDF.
    #[serde(deserialize_with = "l::text")]
    pub link: Option<String>,
    /// `pix_copia_cola`: PIX copy-and-paste code. Read it through
    /// [`Invoice::pix`], which also looks at `pix_copia_e_cola`.
    #[serde(deserialize_with = "l::text")]
    pub pix_copia_cola: Option<String>,
    /// `pix_copia_e_cola`: the other spelling (its own field: a serde alias
    /// would fail the invoice when a server sends both keys).
    #[serde(deserialize_with = "l::text")]
    pub pix_copia_e_cola: Option<String>,
    /// `nosso_numero`: bank's number, kept as text.
    #[serde(deserialize_with = "l::text")]
    pub nosso_numero: Option<String>,
    /// `nosso_numero_dv`.
    #[serde(deserialize_with = "l::text")]
    pub nosso_numero_dv: Option<String>,
    /// `numero_documento`, kept as text.
    #[serde(deserialize_with = "l::text")]
    pub numero_documento: Option<String>,
    /// `agencia_codigo_beneficiario`.
    #[serde(deserialize_with = "l::text")]
    pub agencia_codigo_beneficiario: Option<String>,
    /// `beneficiario`: the ISP as payee.
    #[serde(deserialize_with = "l::text")]
    pub beneficiario: Option<String>,
    /// `especie`.
    #[serde(deserialize_with = "l::text")]
    pub especie: Option<String>,
    /// `especie_dinheiro` (`R$`).
    #[serde(deserialize_with = "l::text")]
    pub especie_dinheiro: Option<String>,
    /// `aceite`.
    #[serde(deserialize_with = "l::text")]
    pub aceite: Option<String>,
    /// `local_pagamento`.
    #[serde(deserialize_with = "l::text")]
    pub local_pagamento: Option<String>,
    /// `carteira`, kept as text.
    #[serde(deserialize_with = "l::text")]
    pub carteira: Option<String>,
    /// `detalhamento`: the invoice's lines.
    #[serde(deserialize_with = "l::list")]
    pub detalhamento: Vec<InvoiceLine>,
    /// `cliente`.
    #[serde(deserialize_with = "l::object")]
    pub cliente: Option<Customer>,
    /// `data_cadastro`: when the invoice was issued.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `empresa`: which of the ISP's companies issued it (ISPs with several
    /// CNPJs bill from each); asked about when a customer sees an unknown
    /// name on the boleto.
    #[serde(deserialize_with = "l::object")]
    pub empresa: Option<IssuingCompany>,
}

impl Invoice {
    /// Due date from whichever field carries it.
    pub fn due_date(&self) -> Option<&ApiDate> {
        self.data_vencimento
            .as_ref()
            .or(self.data_vencimento_br.as_ref())
    }

    /// Payment date from whichever field carries it.
    pub fn payment_date(&self) -> Option<&ApiDate> {
        self.data_pagamento
            .as_ref()
            .or(self.data_pagamento_br.as_ref())
    }

    /// The PIX copy-and-paste code under either spelling of the key.
    pub fn pix(&self) -> Option<&str> {
        self.pix_copia_cola
            .as_deref()
            .or(self.pix_copia_e_cola.as_deref())
    }

    /// Paid when the server says `quitado`, else when a payment date exists.
    pub fn is_paid(&self) -> bool {
        self.quitado
            .unwrap_or_else(|| self.payment_date().is_some())
    }

    /// The first field that identifies an invoice and that this one lacks
    /// (or carries unreadable): `id_fatura` (what the send routes take),
    /// `data_vencimento` (a real calendar day, in either field) or
    /// `valor`. Such an invoice cannot be told "open" or "overdue", nor
    /// quoted to the subscriber: it is reported, never shown.
    pub fn missing_identity(&self) -> Option<&'static str> {
        if self.id_fatura.is_none() {
            Some("id_fatura")
        } else if ![&self.data_vencimento, &self.data_vencimento_br]
            .into_iter()
            .any(|d| d.as_ref().and_then(ApiDate::date).is_some())
        {
            Some("data_vencimento")
        } else if self.valor.is_none() {
            Some("valor")
        } else {
            None
        }
    }
}

impl InvoicesResponse {
    /// The invoices, after checking that each one carries what identifies
    /// it ([`Invoice::missing_identity`]); the first that does not fails
    /// the answer with [`ApiError::Decode`] naming the route and the field
    /// (`faturas[2].data_vencimento`), so a broken record is reported
    /// instead of being shown to the attendant as an open invoice.
    pub fn into_checked(self, route: &'static str) -> Result<Vec<Invoice>, ApiError> {
        if let Some((i, field)) = self
            .faturas
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.missing_identity().map(|field| (i, field)))
        {
            return Err(ApiError::Decode {
                route,
                path: format!("faturas[{i}].{field}"),
                detail: "missing or unreadable: the invoice cannot be identified".to_owned(),
            });
        }
        Ok(self.faturas)
    }
}

/// One line of an invoice's `detalhamento`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct InvoiceLine {
    /// `descricao`.
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
    /// `valor`.
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
}

/// Body of `enviar_email` and `enviar_sms`: success means **queued**, not
/// delivered.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct SendJobResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `job`: the queued job.
    #[serde(deserialize_with = "l::object")]
    pub job: Option<SendJob>,
}

/// The company that issued an invoice (`empresa`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct IssuingCompany {
    /// `nome_razaosocial`.
    #[serde(deserialize_with = "l::text")]
    pub nome_razaosocial: Option<String>,
    /// `nome_fantasia`.
    #[serde(deserialize_with = "l::text")]
    pub nome_fantasia: Option<String>,
    /// `documento`: its CNPJ.
    #[serde(deserialize_with = "l::text")]
    pub documento: Option<String>,
}

/// A queued sending job.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct SendJob {
    /// `queue`: queue name.
    #[serde(deserialize_with = "l::text")]
    pub queue: Option<String>,
    /// `delay`: when the job runs (a PHP DateTime dump).
    #[serde(deserialize_with = "l::date")]
    pub delay: Option<ApiDate>,
    /// `tries`.
    #[serde(deserialize_with = "l::int")]
    pub tries: Option<i64>,
    /// `timeout` in seconds.
    #[serde(deserialize_with = "l::int")]
    pub timeout: Option<i64>,
    /// `faturas`: the invoices sent (only `id_fatura` set).
    #[serde(deserialize_with = "l::list")]
    pub faturas: Vec<Invoice>,
    /// `emails`: e-mail recipients (may repeat an address).
    #[serde(deserialize_with = "l::list")]
    pub emails: Vec<Recipient>,
    /// `telefones`: SMS recipients.
    #[serde(deserialize_with = "l::list")]
    pub telefones: Vec<Recipient>,
}

/// One recipient of a sending job.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Recipient {
    /// `id_contato`: set when the address comes from a contact.
    #[serde(deserialize_with = "l::id")]
    pub id_contato: Option<u64>,
    /// `id_cliente`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente: Option<u64>,
    /// `email` (e-mail jobs).
    #[serde(deserialize_with = "l::text")]
    pub email: Option<String>,
    /// `telefone` (SMS jobs).
    #[serde(deserialize_with = "l::text")]
    pub telefone: Option<String>,
    /// `nome`. E-mail entries carry the same value twice, as `nome` and
    /// `name`: both are kept (an alias would reject the duplicate).
    #[serde(deserialize_with = "l::text")]
    pub nome: Option<String>,
    /// `name`: see `nome`.
    #[serde(deserialize_with = "l::text")]
    pub name: Option<String>,
    /// `permite_enviar_email` (`true` or `"sim"`).
    #[serde(deserialize_with = "l::flag")]
    pub permite_enviar_email: Option<bool>,
    /// `permite_enviar_sms`.
    #[serde(deserialize_with = "l::flag")]
    pub permite_enviar_sms: Option<bool>,
    /// `origem`: `cadastro_cliente` or `contato`.
    #[serde(deserialize_with = "l::text")]
    pub origem: Option<String>,
}

impl Recipient {
    /// The recipient's name from `nome` or `name`.
    pub fn display_name(&self) -> Option<&str> {
        self.nome.as_deref().or(self.name.as_deref())
    }

    /// The address or phone the job targets.
    pub fn target(&self) -> Option<&str> {
        self.email.as_deref().or(self.telefone.as_deref())
    }
}

// ---------------------------------------------------------------------------
// Routes

impl Client {
    /// `GET /cliente/financeiro`: a customer's invoices (unpaid only unless
    /// `only_pending = Some(false)`). 404 gives an empty list.
    pub async fn customer_invoices(
        &self,
        params: &InvoiceSearch,
    ) -> Result<Vec<Invoice>, ApiError> {
        let call = params.to_call()?;
        let route = call.route;
        let r: Result<InvoicesResponse, _> = self.call(call).await;
        empty_if_not_found(r.and_then(|r| r.into_checked(route)))
    }

    /// `POST /cliente/financeiro/enviar_email`: queues the invoice by e-mail
    /// (slow; never retried).
    pub async fn send_invoice_email(
        &self,
        params: &InvoiceEmail,
    ) -> Result<SendJobResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/financeiro/enviar_sms`: hands the invoice to the SMS
    /// platform (success does not mean delivered).
    pub async fn send_invoice_sms(&self, params: &InvoiceSms) -> Result<SendJobResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /cliente/financeiro/enviar_push`: push to the customer's app
    /// (reaches only customers logged into the ISP's app).
    pub async fn send_invoice_push(
        &self,
        params: &InvoicePush,
    ) -> Result<ActionResponse, ApiError> {
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
        let c = InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1099")
            .to_call()
            .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/financeiro");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        assert_eq!(
            q(&c),
            vec![("busca", "codigo_cliente"), ("termo_busca", "1099")]
        );
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = InvoiceSearch::new(InvoiceSearchBy::Document, "411.072.966-17");
        s.limit = Some(2);
        s.only_pending = Some(false);
        s.order_by = Some(InvoiceOrderBy::Amount);
        s.order_type = Some(OrderType::Desc);
        s.data_inicio = Some(d("2017-01-01"));
        s.data_fim = Some(d("2017-12-31"));
        assert_eq!(
            q(&s.to_call().unwrap()),
            vec![
                ("busca", "cpf_cnpj"),
                ("termo_busca", "41107296617"),
                ("limit", "2"),
                ("apenas_pendente", "nao"),
                ("order_by", "valor"),
                ("order_type", "desc"),
                ("data_inicio", "2017-01-01"),
                ("data_fim", "2017-12-31"),
            ]
        );
        s.data_fim = Some(d("2016-12-31"));
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest {
                field: "data_fim",
                ..
            })
        ));
        s.data_fim = None;
        s.limit = Some(51);
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
        let blank = InvoiceSearch::new(InvoiceSearchBy::ServiceId, " ");
        assert!(matches!(
            blank.to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
    }

    #[test]
    fn email_is_a_slow_action() {
        let c = InvoiceEmail {
            id_fatura: 11000,
            email_adicional: vec!["email1@email.com".into(), " ".into()],
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/financeiro/enviar_email");
        assert_eq!(
            (c.method.clone(), c.kind),
            (Method::POST, CallKind::SlowAction)
        );
        assert_eq!(
            c.body.unwrap(),
            json!({"id_fatura": 11000, "email_adicional": ["email1@email.com"]})
        );
        let plain = InvoiceEmail {
            id_fatura: 1,
            email_adicional: vec![],
        }
        .to_call()
        .unwrap();
        assert_eq!(plain.body.unwrap(), json!({"id_fatura": 1}));
        let bad = InvoiceEmail {
            id_fatura: 1,
            email_adicional: vec!["nope".into()],
        };
        assert!(matches!(
            bad.to_call(),
            Err(ApiError::InvalidRequest {
                field: "email_adicional",
                ..
            })
        ));
        let zero = InvoiceEmail::default();
        assert!(matches!(
            zero.to_call(),
            Err(ApiError::InvalidRequest {
                field: "id_fatura",
                ..
            })
        ));
    }

    #[test]
    fn sms_normalizes_phones() {
        let c = InvoiceSms {
            id_fatura: 11000,
            telefone_adicional: vec!["+55 11 98888-7777".into(), "1188887776".into()],
        }
        .to_call()
        .unwrap();
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(c.path, "/api/v1/integracao/cliente/financeiro/enviar_sms");
        assert_eq!(
            c.body.unwrap(),
            json!({"id_fatura": 11000, "telefone_adicional": ["11988887777", "1188887776"]})
        );
        let bad = InvoiceSms {
            id_fatura: 1,
            telefone_adicional: vec!["12345".into()],
        };
        assert!(matches!(
            bad.to_call(),
            Err(ApiError::InvalidRequest {
                field: "telefone_adicional",
                ..
            })
        ));
        assert!(matches!(
            InvoiceSms::default().to_call(),
            Err(ApiError::InvalidRequest {
                field: "id_fatura",
                ..
            })
        ));
    }

    #[test]
    fn push_call() {
        let c = InvoicePush { id_fatura: 11000 }.to_call().unwrap();
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(c.path, "/api/v1/integracao/cliente/financeiro/enviar_push");
        assert_eq!(c.body.unwrap(), json!({"id_fatura": 11000}));
        assert!(InvoicePush { id_fatura: 0 }.to_call().is_err());
    }
}
