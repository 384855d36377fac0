//! Receivables across customers: `GET /financeiro`.
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;

use super::envelope::empty_if_not_found;
use super::invoices::{Invoice, InvoicesResponse};
use super::params::{
    InvoiceOrderBy, OrderType, check_limit, check_range, document_key, path, push_range, required,
    yes_no,
};
use super::{ApiError, Call, CallKind, Client};

/// The `busca` kinds of `GET /financeiro`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReceivableSearchBy {
    /// `id_cliente`.
    CustomerId,
    /// `codigo_cliente`.
    CustomerCode,
    /// `cpf_cnpj` (sent as digits only).
    Document,
    /// `id_cliente_servico`.
    ServiceId,
}

impl ReceivableSearchBy {
    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::CustomerId => "id_cliente",
            Self::CustomerCode => "codigo_cliente",
            Self::Document => "cpf_cnpj",
            Self::ServiceId => "id_cliente_servico",
        }
    }
}

/// `tipo_data`: which date the window filters on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// `data_vencimento` (server default).
    DueDate,
    /// `data_pagamento`.
    PaymentDate,
}

impl DateKind {
    /// The value sent as `tipo_data`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::DueDate => "data_vencimento",
            Self::PaymentDate => "data_pagamento",
        }
    }
}

/// `tipo_resultado`: how much of each invoice comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResultDetail {
    /// `simplificado` (server default).
    Simplified,
    /// `detalhado`.
    Detailed,
}

impl ResultDetail {
    /// The value sent as `tipo_resultado`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Simplified => "simplificado",
            Self::Detailed => "detalhado",
        }
    }
}

/// Parameters of `GET /financeiro`. With nothing set the server covers
/// today minus 10 days to today.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceivablesQuery {
    /// `busca` and `termo_busca`, sent together or not at all.
    pub search: Option<(ReceivableSearchBy, String)>,
    /// `tipo_data`.
    pub tipo_data: Option<DateKind>,
    /// `tipo_resultado`.
    pub tipo_resultado: Option<ResultDetail>,
    /// `data_inicio`.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`; without a search the window may span at most 30 days.
    pub data_fim: Option<NaiveDate>,
    /// `order_by`.
    pub order_by: Option<InvoiceOrderBy>,
    /// `order_type`.
    pub order_type: Option<OrderType>,
    /// `limit`: greater than zero, no documented maximum.
    pub limit: Option<u32>,
    /// `apenas_quitado`: only paid invoices.
    pub apenas_quitado: Option<bool>,
}

impl ReceivablesQuery {
    /// Longest window the server accepts without a search term.
    pub const MAX_DAYS_WITHOUT_SEARCH: i64 = 30;

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut query = Vec::new();
        if let Some((by, term)) = &self.search {
            let mut term = required("termo_busca", term)?;
            if *by == ReceivableSearchBy::Document {
                term = required("termo_busca", &document_key(&term))?;
            }
            query.push(("busca", by.as_param().to_owned()));
            query.push(("termo_busca", term));
        } else if let (Some(s), Some(e)) = (self.data_inicio, self.data_fim) {
            check_range(Some(s), Some(e))?;
            if (e - s).num_days() > Self::MAX_DAYS_WITHOUT_SEARCH {
                return Err(ApiError::InvalidRequest {
                    field: "data_fim",
                    reason: format!(
                        "without busca the window is at most {} days ({} asked)",
                        Self::MAX_DAYS_WITHOUT_SEARCH,
                        (e - s).num_days()
                    ),
                });
            }
        }
        if let Some(v) = self.tipo_data {
            query.push(("tipo_data", v.as_param().to_owned()));
        }
        if let Some(v) = self.tipo_resultado {
            query.push(("tipo_resultado", v.as_param().to_owned()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        if let Some(limit) = self.limit {
            check_limit("limit", limit, 1, None)?;
            query.push(("limit", limit.to_string()));
        }
        if let Some(v) = self.apenas_quitado {
            query.push(("apenas_quitado", yes_no(v).to_owned()));
        }
        Ok(Call {
            route: "financeiro",
            method: Method::GET,
            path: path("financeiro"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

impl Client {
    /// `GET /financeiro`: receivables in a window. 404 gives an empty list.
    pub async fn receivables(&self, params: &ReceivablesQuery) -> Result<Vec<Invoice>, ApiError> {
        let call = params.to_call()?;
        let route = call.route;
        let r: Result<InvoicesResponse, _> = self.call(call).await;
        empty_if_not_found(r.and_then(|r| r.into_checked(route)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn documented_example_query() {
        let p = ReceivablesQuery {
            data_inicio: Some(d("2020-03-05")),
            data_fim: Some(d("2020-03-10")),
            apenas_quitado: Some(true),
            tipo_data: Some(DateKind::PaymentDate),
            order_by: Some(InvoiceOrderBy::PaymentDate),
            order_type: Some(OrderType::Desc),
            ..ReceivablesQuery::default()
        };
        let c = p.to_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/financeiro");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        let mut q: Vec<_> = c.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        q.sort();
        let mut expected: Vec<String> =
            "data_inicio=2020-03-05&data_fim=2020-03-10&apenas_quitado=sim&tipo_data=data_pagamento&order_by=data_pagamento&order_type=desc"
                .split('&')
                .map(String::from)
                .collect();
        expected.sort();
        assert_eq!(q, expected);
        assert!(
            ReceivablesQuery::default()
                .to_call()
                .unwrap()
                .query
                .is_empty()
        );
    }

    #[test]
    fn window_capped_without_search() {
        let ok = ReceivablesQuery {
            data_inicio: Some(d("2020-01-01")),
            data_fim: Some(d("2020-01-31")),
            ..ReceivablesQuery::default()
        };
        assert!(ok.to_call().is_ok());
        let too_long = ReceivablesQuery {
            data_fim: Some(d("2020-02-01")),
            ..ok.clone()
        };
        assert!(matches!(
            too_long.to_call(),
            Err(ApiError::InvalidRequest {
                field: "data_fim",
                ..
            })
        ));
        let searched = ReceivablesQuery {
            search: Some((ReceivableSearchBy::Document, "411.072.966-17".into())),
            data_fim: Some(d("2020-12-31")),
            ..ok.clone()
        };
        let q = searched.to_call().unwrap().query;
        assert_eq!(q[0], ("busca", "cpf_cnpj".to_owned()));
        assert_eq!(q[1], ("termo_busca", "41107296617".to_owned()));
        let reversed = ReceivablesQuery {
            data_fim: Some(d("2019-12-31")),
            ..ok.clone()
        };
        assert!(matches!(
            reversed.to_call(),
            Err(ApiError::InvalidRequest {
                field: "data_fim",
                ..
            })
        ));
        let blank = ReceivablesQuery {
            search: Some((ReceivableSearchBy::CustomerId, " ".into())),
            ..ok.clone()
        };
        assert!(matches!(
            blank.to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
        let zero = ReceivablesQuery {
            limit: Some(0),
            ..ok
        };
        assert!(matches!(
            zero.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
    }

    #[test]
    fn enums_render() {
        assert_eq!(ResultDetail::Detailed.as_param(), "detalhado");
        assert_eq!(ResultDetail::Simplified.as_param(), "simplificado");
        assert_eq!(DateKind::DueDate.as_param(), "data_vencimento");
        assert_eq!(ReceivableSearchBy::CustomerId.as_param(), "id_cliente");
        assert_eq!(
            ReceivableSearchBy::ServiceId.as_param(),
            "id_cliente_servico"
        );
        assert_eq!(
            ReceivableSearchBy::CustomerCode.as_param(),
            "codigo_cliente"
        );
    }
}
