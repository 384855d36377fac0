//! The paginated replacements of current servers, with their fallbacks:
//! `GET /cliente/todos` (since 2023-02) for `cliente/all`,
//! `GET /financeiro/fatura` for `financeiro`, and
//! `GET /configuracao/cidade` for `endereco/cidade`.
//!
//! Each is tried first; when the server answers that it does not offer it
//! ([`ApiError::NotOffered`], remembered by the [`Client`] for the
//! session) the 2020 route does the job instead, so the caller gets the
//! same records either way.
#![warn(missing_docs)]

use std::collections::VecDeque;

use chrono::NaiveDate;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::addresses::{CitiesResponse, City};
use super::customers::{AllCustomers, Customer};
use super::export::RecordStream;
use super::invoices::{Invoice, InvoicesResponse};
use super::lenient as l;
use super::pages::{PageBody, PagedQuery, Pager, Pagination, check_per_page};
use super::params::{document_key, path, push_range, required, yes_no};
use super::receivables::{DateKind, ReceivableSearchBy, ReceivablesQuery, ResultDetail};
use super::{ApiError, Call, CallKind, Client};

/// Route name of the paginated customers.
pub const CUSTOMERS_PAGED_ROUTE: &str = "cliente/todos";
/// Route name of the paginated invoices.
pub const INVOICES_PAGED_ROUTE: &str = "financeiro/fatura";
/// Route name of the current cities route.
pub const CITIES_ROUTE: &str = "configuracao/cidade";

// ---------------------------------------------------------------------------
// cliente/todos

/// Parameters of `GET /cliente/todos` (the page number is the pager's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerPagesQuery {
    /// `itens_por_pagina`: 1..=500 (required by the server).
    pub itens_por_pagina: u32,
    /// `data_inicio`: registered on or after.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`: registered on or before.
    pub data_fim: Option<NaiveDate>,
    /// `cancelado`: include cancelled services (server default: no).
    pub cancelado: Option<bool>,
    /// `relacoes`: the relations to load (`endereco_instalacao`,
    /// `pacotes`, ...), sent comma-separated when not empty.
    pub relacoes: Vec<String>,
}

impl Default for CustomerPagesQuery {
    fn default() -> Self {
        CustomerPagesQuery {
            itens_por_pagina: super::pages::MAX_PER_PAGE,
            data_inicio: None,
            data_fim: None,
            cancelado: None,
            relacoes: Vec::new(),
        }
    }
}

impl CustomerPagesQuery {
    /// The `cliente/all` request that reads the same customers on a server
    /// without `cliente/todos`.
    pub fn fallback(&self) -> AllCustomers {
        AllCustomers {
            data_inicio: self.data_inicio,
            data_fim: self.data_fim,
            ..AllCustomers::default()
        }
    }

    /// The request of page `pagina`, bounds checked.
    pub fn to_call(&self, pagina: u32) -> Result<Call, ApiError> {
        check_per_page(self.itens_por_pagina)?;
        let mut query = vec![
            ("pagina", pagina.to_string()),
            ("itens_por_pagina", self.itens_por_pagina.to_string()),
        ];
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        if let Some(v) = self.cancelado {
            query.push(("cancelado", yes_no(v).to_owned()));
        }
        let relacoes: Vec<&str> = self
            .relacoes
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .collect();
        if !relacoes.is_empty() {
            query.push(("relacoes", relacoes.join(",")));
        }
        Ok(Call {
            route: CUSTOMERS_PAGED_ROUTE,
            method: Method::GET,
            path: path(CUSTOMERS_PAGED_ROUTE),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// One page of `cliente/todos`, each customer decoded as a `T`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, bound(deserialize = "T: DeserializeOwned"))]
pub struct CustomersPage<T> {
    /// `paginacao`.
    #[serde(deserialize_with = "l::object")]
    pub paginacao: Option<Pagination>,
    /// `clientes`.
    #[serde(deserialize_with = "l::list")]
    pub clientes: Vec<T>,
}

impl<T> Default for CustomersPage<T> {
    fn default() -> Self {
        CustomersPage {
            paginacao: None,
            clientes: Vec::new(),
        }
    }
}

impl<T> PageBody for CustomersPage<T> {
    type Record = T;
    fn into_page(self, _: &'static str) -> Result<(Option<Pagination>, Vec<T>), ApiError> {
        Ok((self.paginacao, self.clientes))
    }
}

/// [`CustomerPagesQuery`] decoding each customer as a `T`.
#[derive(Clone, Debug)]
pub struct CustomerPagesAs<T> {
    /// The parameters.
    pub query: CustomerPagesQuery,
    record: std::marker::PhantomData<fn() -> T>,
}

impl<T> CustomerPagesAs<T> {
    /// Wraps `query`.
    pub fn new(query: CustomerPagesQuery) -> Self {
        CustomerPagesAs {
            query,
            record: std::marker::PhantomData,
        }
    }
}

impl<T: DeserializeOwned> PagedQuery for CustomerPagesAs<T> {
    type Body = CustomersPage<T>;
    fn page_call(&self, pagina: u32) -> Result<Call, ApiError> {
        self.query.to_call(pagina)
    }
    fn per_page(&self) -> u32 {
        self.query.itens_por_pagina
    }
}

/// Every customer, one at a time, from `cliente/todos` page by page or,
/// on a server without it, from the `cliente/all` stream; see
/// [`Client::customer_feed_as`].
#[derive(Debug)]
pub enum CustomerFeed<T: DeserializeOwned> {
    /// Page by page from `cliente/todos`; a failed page is asked again by
    /// the next call (resume).
    Paged {
        /// The pager.
        pager: Pager<CustomerPagesAs<T>>,
        /// The records of the current page not handed out yet.
        buffer: VecDeque<T>,
    },
    /// One `cliente/all` body read as a stream (a failure ends it).
    Bulk(Box<RecordStream<T>>),
}

impl<T: DeserializeOwned> CustomerFeed<T> {
    /// The next customer, `None` at the end. On the paged route an error
    /// keeps the position: calling again asks for the failed page again.
    pub async fn next_customer(&mut self) -> Option<Result<T, ApiError>> {
        match self {
            CustomerFeed::Bulk(stream) => stream.next_customer().await,
            CustomerFeed::Paged { pager, buffer } => loop {
                if let Some(c) = buffer.pop_front() {
                    return Some(Ok(c));
                }
                match pager.next_page().await? {
                    Ok(page) => buffer.extend(page),
                    Err(e) => return Some(Err(e)),
                }
            },
        }
    }

    /// The route the customers come from.
    pub fn route(&self) -> &'static str {
        match self {
            CustomerFeed::Paged { .. } => CUSTOMERS_PAGED_ROUTE,
            CustomerFeed::Bulk(_) => "cliente/all",
        }
    }

    /// Customers handed out so far, and the total when the server said.
    pub fn progress(&self) -> (u64, Option<u64>) {
        match self {
            CustomerFeed::Paged { pager, buffer } => (
                pager.records_read() - buffer.len() as u64,
                pager.total_records(),
            ),
            CustomerFeed::Bulk(stream) => (stream.count() as u64, None),
        }
    }

    /// On the paged route, the page the next fetch asks for (to resume in
    /// a later session with [`Pager::resume`]).
    pub fn next_page_number(&self) -> Option<u32> {
        match self {
            CustomerFeed::Paged { pager, .. } => Some(pager.next_page_number()),
            CustomerFeed::Bulk(_) => None,
        }
    }
}

// ---------------------------------------------------------------------------
// financeiro/fatura

/// Parameters of `GET /financeiro/fatura` (the page number is the pager's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoicePagesQuery {
    /// `itens_por_pagina`: 1..=500 (server default 50).
    pub itens_por_pagina: u32,
    /// `busca` and `termo_busca`, together or not at all.
    pub search: Option<(ReceivableSearchBy, String)>,
    /// `tipo_data` (server default: due date).
    pub tipo_data: Option<DateKind>,
    /// `tipo_resultado` (server default: simplified).
    pub tipo_resultado: Option<ResultDetail>,
    /// `data_inicio` (server default: 10 days ago).
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim` (server default: today).
    pub data_fim: Option<NaiveDate>,
    /// `apenas_quitado`: only paid invoices.
    pub apenas_quitado: Option<bool>,
    /// `apenas_em_aberto`: only open invoices (no 2020 equivalent: on the
    /// fallback the open ones are kept by hubdesk).
    pub apenas_em_aberto: Option<bool>,
}

impl Default for InvoicePagesQuery {
    fn default() -> Self {
        InvoicePagesQuery {
            itens_por_pagina: 100,
            search: None,
            tipo_data: None,
            tipo_resultado: None,
            data_inicio: None,
            data_fim: None,
            apenas_quitado: None,
            apenas_em_aberto: None,
        }
    }
}

impl InvoicePagesQuery {
    /// The `financeiro` request that reads the same window on a server
    /// without `financeiro/fatura`.
    pub fn fallback(&self) -> ReceivablesQuery {
        ReceivablesQuery {
            search: self.search.clone(),
            tipo_data: self.tipo_data,
            tipo_resultado: self.tipo_resultado,
            data_inicio: self.data_inicio,
            data_fim: self.data_fim,
            apenas_quitado: self.apenas_quitado,
            ..ReceivablesQuery::default()
        }
    }

    /// The request of page `pagina`, bounds checked.
    pub fn to_call(&self, pagina: u32) -> Result<Call, ApiError> {
        check_per_page(self.itens_por_pagina)?;
        let mut query = vec![
            ("pagina", pagina.to_string()),
            ("itens_por_pagina", self.itens_por_pagina.to_string()),
        ];
        if let Some((by, term)) = &self.search {
            let mut term = required("termo_busca", term)?;
            if *by == ReceivableSearchBy::Document {
                term = required("termo_busca", &document_key(&term))?;
            }
            query.push(("busca", by.as_param().to_owned()));
            query.push(("termo_busca", term));
        }
        if let Some(v) = self.tipo_data {
            query.push(("tipo_data", v.as_param().to_owned()));
        }
        if let Some(v) = self.tipo_resultado {
            query.push(("tipo_resultado", v.as_param().to_owned()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        if let Some(v) = self.apenas_quitado {
            query.push(("apenas_quitado", yes_no(v).to_owned()));
        }
        if let Some(v) = self.apenas_em_aberto {
            query.push(("apenas_em_aberto", yes_no(v).to_owned()));
        }
        Ok(Call {
            route: INVOICES_PAGED_ROUTE,
            method: Method::GET,
            path: path(INVOICES_PAGED_ROUTE),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// One page of `financeiro/fatura`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct InvoicesPage {
    /// `paginacao`.
    #[serde(deserialize_with = "l::object")]
    pub paginacao: Option<Pagination>,
    /// `msg` and `faturas`.
    #[serde(flatten)]
    pub body: InvoicesResponse,
}

impl PageBody for InvoicesPage {
    type Record = Invoice;
    fn into_page(
        self,
        route: &'static str,
    ) -> Result<(Option<Pagination>, Vec<Invoice>), ApiError> {
        Ok((self.paginacao, self.body.into_checked(route)?))
    }
}

impl PagedQuery for InvoicePagesQuery {
    type Body = InvoicesPage;
    fn page_call(&self, pagina: u32) -> Result<Call, ApiError> {
        self.to_call(pagina)
    }
    fn per_page(&self) -> u32 {
        self.itens_por_pagina
    }
}

/// Invoices page by page from `financeiro/fatura` or, on a server
/// without it, the one answer of `financeiro`; see [`Client::invoice_feed`].
#[derive(Debug)]
pub enum InvoiceFeed {
    /// Page by page; a failed page is asked again by the next call.
    Paged {
        /// The pager.
        pager: Pager<InvoicePagesQuery>,
        /// The first page, read when the feed was made, not handed out yet.
        pending: Option<Vec<Invoice>>,
    },
    /// The whole `financeiro` answer, handed out as one page.
    Fallback(Option<Vec<Invoice>>),
}

impl InvoiceFeed {
    /// The next page of invoices; `None` at the end.
    pub async fn next_page(&mut self) -> Option<Result<Vec<Invoice>, ApiError>> {
        match self {
            InvoiceFeed::Paged { pager, pending } => match pending.take() {
                Some(first) => Some(Ok(first)),
                None => pager.next_page().await,
            },
            InvoiceFeed::Fallback(all) => all.take().filter(|v| !v.is_empty()).map(Ok),
        }
    }

    /// The route the invoices come from.
    pub fn route(&self) -> &'static str {
        match self {
            InvoiceFeed::Paged { .. } => INVOICES_PAGED_ROUTE,
            InvoiceFeed::Fallback(_) => "financeiro",
        }
    }
}

/// True for an invoice still to be paid: no payment date, not marked paid.
fn is_open(invoice: &Invoice) -> bool {
    invoice.data_pagamento.is_none()
        && invoice.data_pagamento_br.is_none()
        && invoice.quitado != Some(true)
}

// ---------------------------------------------------------------------------
// The client

impl Client {
    /// Every customer, one at a time, decoded as [`Customer`]s; see
    /// [`Client::customer_feed_as`].
    pub async fn customer_feed(
        &self,
        query: &CustomerPagesQuery,
    ) -> Result<CustomerFeed<Customer>, ApiError> {
        self.customer_feed_as(query).await
    }

    /// Every customer, one at a time, each decoded as a `T`: from
    /// `cliente/todos` page by page (memory: one page), or, when the
    /// server does not offer it (now or earlier in the session), from the
    /// `cliente/all` stream ([`Client::stream_all_customers_as`]). The
    /// first page is read before this returns, so an error of the route
    /// itself comes back here.
    pub async fn customer_feed_as<T: DeserializeOwned>(
        &self,
        query: &CustomerPagesQuery,
    ) -> Result<CustomerFeed<T>, ApiError> {
        // Bad parameters fail here, before the fallback could hide them.
        query.to_call(0)?;
        if !self.lacks(CUSTOMERS_PAGED_ROUTE) {
            let mut pager = Pager::new(self.clone(), CustomerPagesAs::new(query.clone()));
            match pager.next_page().await {
                None => {
                    return Ok(CustomerFeed::Paged {
                        pager,
                        buffer: VecDeque::new(),
                    });
                }
                Some(Ok(page)) => {
                    return Ok(CustomerFeed::Paged {
                        pager,
                        buffer: page.into(),
                    });
                }
                Some(Err(ApiError::NotOffered { .. })) => {}
                Some(Err(e)) => return Err(e),
            }
        }
        let stream = self.stream_all_customers_as(&query.fallback()).await?;
        Ok(CustomerFeed::Bulk(Box::new(stream)))
    }

    /// Invoices of a window, page by page from `financeiro/fatura`, or,
    /// when the server does not offer it, from `financeiro` in one answer
    /// (where `apenas_em_aberto` is applied by hubdesk). The first page is
    /// read before this returns.
    pub async fn invoice_feed(&self, query: &InvoicePagesQuery) -> Result<InvoiceFeed, ApiError> {
        query.to_call(0)?;
        if !self.lacks(INVOICES_PAGED_ROUTE) {
            let mut pager = Pager::new(self.clone(), query.clone());
            match pager.next_page().await {
                None => {
                    return Ok(InvoiceFeed::Paged {
                        pager,
                        pending: None,
                    });
                }
                Some(Ok(first)) => {
                    return Ok(InvoiceFeed::Paged {
                        pager,
                        pending: Some(first),
                    });
                }
                Some(Err(ApiError::NotOffered { .. })) => {}
                Some(Err(e)) => return Err(e),
            }
        }
        let mut all = self.receivables(&query.fallback()).await?;
        if query.apenas_em_aberto == Some(true) {
            all.retain(is_open);
        }
        Ok(InvoiceFeed::Fallback(Some(all)))
    }

    /// Cities and neighbourhoods with active customers: from
    /// `configuracao/cidade`, or from `endereco/cidade` on a server
    /// without it (same shape).
    pub async fn list_cities(&self) -> Result<Vec<City>, ApiError> {
        if !self.lacks(CITIES_ROUTE) {
            let call = Call::get(CITIES_ROUTE, path(CITIES_ROUTE));
            match self.call::<CitiesResponse>(call).await {
                Ok(r) => return Ok(r.cidades),
                Err(ApiError::NotOffered { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        self.cities().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paged_customers_call() {
        let q = CustomerPagesQuery {
            itens_por_pagina: 100,
            cancelado: Some(false),
            relacoes: vec![
                "endereco_instalacao".into(),
                " pacotes ".into(),
                String::new(),
            ],
            ..CustomerPagesQuery::default()
        };
        let c = q.to_call(3).unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/todos");
        assert_eq!(
            c.query,
            vec![
                ("pagina", "3".to_owned()),
                ("itens_por_pagina", "100".to_owned()),
                ("cancelado", "nao".to_owned()),
                ("relacoes", "endereco_instalacao,pacotes".to_owned()),
            ]
        );
        let too_many = CustomerPagesQuery {
            itens_por_pagina: 501,
            ..CustomerPagesQuery::default()
        };
        assert!(too_many.to_call(0).is_err());
        assert_eq!(q.fallback(), AllCustomers::default());
    }

    #[test]
    fn paged_invoices_call_and_fallback() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let q = InvoicePagesQuery {
            itens_por_pagina: 50,
            search: Some((ReceivableSearchBy::Document, "411.072.966-17".into())),
            data_inicio: Some(d("2023-03-01")),
            data_fim: Some(d("2023-03-31")),
            apenas_em_aberto: Some(true),
            ..InvoicePagesQuery::default()
        };
        let c = q.to_call(0).unwrap();
        assert_eq!(c.route, "financeiro/fatura");
        assert!(c.query.contains(&("termo_busca", "41107296617".to_owned())));
        assert!(c.query.contains(&("apenas_em_aberto", "sim".to_owned())));
        let f = q.fallback();
        assert_eq!(f.data_inicio, q.data_inicio);
        assert_eq!(f.search, q.search);
    }

    #[test]
    fn pages_decode_from_the_collection_shape() {
        let p: CustomersPage<Customer> = serde_json::from_str(
            r#"{"status":"success","paginacao":{"primeira_pagina":0,"ultima_pagina":501,
            "pagina_atual":496,"total_registros":1506},"clientes":[{"id_cliente":25138}]}"#,
        )
        .unwrap();
        let (pagination, list) = p.into_page("cliente/todos").unwrap();
        assert_eq!(pagination.unwrap().total_registros, Some(1506));
        assert_eq!(list[0].id_cliente, Some(25138));
        let i: InvoicesPage = serde_json::from_str(
            r#"{"paginacao":{"ultima_pagina":6},"faturas":[{"id_fatura":62636,"valor":"119.9","data_vencimento":"2020-04-05"}]}"#,
        )
        .unwrap();
        let (_, invoices) = i.into_page("financeiro/fatura").unwrap();
        assert_eq!(invoices[0].id_fatura, Some(62636));
    }
}
