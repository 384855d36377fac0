//! Paginated reads of current servers (`cliente/todos`, `financeiro/fatura`,
//! `rede/cpe/todos`): `pagina` and `itens_por_pagina` in, `paginacao` and
//! one page of records out.
//!
//! A [`Pager`] asks for one page at a time and hands it out, so memory
//! holds one page (at most 500 records) whatever the size of the base. A
//! failed page (after the client's own retries of a read) comes back as
//! the error and leaves the pager where it was: the next
//! [`Pager::next_page`] asks for the same page again, so a long export
//! resumes from the page that failed instead of starting over, and a
//! pager can also be rebuilt at a saved page with [`Pager::resume`].
#![warn(missing_docs)]

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::params::check_limit;
use super::{ApiError, Call, Client};

/// The most records a page may hold (`itens_por_pagina`), as documented.
pub const MAX_PER_PAGE: u32 = 500;

/// `paginacao` of a paginated answer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Pagination {
    /// `primeira_pagina` (0 on the documented routes).
    #[serde(deserialize_with = "l::int")]
    pub primeira_pagina: Option<i64>,
    /// `ultima_pagina`: the number of the last page.
    #[serde(deserialize_with = "l::int")]
    pub ultima_pagina: Option<i64>,
    /// `pagina_atual`: the page this answer is (servers differ on whether
    /// it counts from 0 or 1, so the pager does not rely on it).
    #[serde(deserialize_with = "l::int")]
    pub pagina_atual: Option<i64>,
    /// `total_registros`: records over all pages.
    #[serde(deserialize_with = "l::int")]
    pub total_registros: Option<i64>,
}

/// Checks `itens_por_pagina` (1..=[`MAX_PER_PAGE`]).
pub fn check_per_page(per_page: u32) -> Result<(), ApiError> {
    check_limit("itens_por_pagina", per_page, 1, Some(MAX_PER_PAGE))
}

/// The decoded body of one page.
pub trait PageBody {
    /// One record of the page.
    type Record;
    /// The pagination and the records, or an error naming `route` when a
    /// record is unusable.
    fn into_page(
        self,
        route: &'static str,
    ) -> Result<(Option<Pagination>, Vec<Self::Record>), ApiError>;
}

/// A paginated read: how to ask for page `n`, and how large a page is.
pub trait PagedQuery {
    /// The body of one page.
    type Body: PageBody + DeserializeOwned;
    /// The request of page `pagina`, bounds checked.
    fn page_call(&self, pagina: u32) -> Result<Call, ApiError>;
    /// `itens_por_pagina`.
    fn per_page(&self) -> u32;
}

/// Reads a [`PagedQuery`] page after page; see the module documentation.
pub struct Pager<Q: PagedQuery> {
    client: Client,
    query: Q,
    next: u32,
    last_page: Option<u32>,
    total: Option<u64>,
    read: u64,
    done: bool,
}

impl<Q: PagedQuery> std::fmt::Debug for Pager<Q> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("next", &self.next)
            .field("last_page", &self.last_page)
            .field("total", &self.total)
            .field("read", &self.read)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<Q: PagedQuery> Pager<Q> {
    /// A pager from the first page (0).
    pub fn new(client: Client, query: Q) -> Pager<Q> {
        Pager::resume(client, query, 0)
    }

    /// A pager that starts at page `pagina`: to go on after a session
    /// that stopped there.
    pub fn resume(client: Client, query: Q, pagina: u32) -> Pager<Q> {
        Pager {
            client,
            query,
            next: pagina,
            last_page: None,
            total: None,
            read: 0,
            done: false,
        }
    }

    /// The page the next [`Pager::next_page`] asks for.
    pub fn next_page_number(&self) -> u32 {
        self.next
    }

    /// `total_registros` of the last page read, when the server sent it.
    pub fn total_records(&self) -> Option<u64> {
        self.total
    }

    /// `ultima_pagina` of the last page read, when the server sent it.
    pub fn last_page(&self) -> Option<u32> {
        self.last_page
    }

    /// Records handed out so far by this pager.
    pub fn records_read(&self) -> u64 {
        self.read
    }

    /// True once the last page has been handed out.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The next page's records; `None` after the last one. An error leaves
    /// the pager on the same page (see the module documentation). The
    /// pager stops after `ultima_pagina`, at an empty page, at a page
    /// shorter than `itens_por_pagina` when the server sends no
    /// pagination, or once `total_registros` records were read.
    pub async fn next_page(
        &mut self,
    ) -> Option<Result<Vec<<Q::Body as PageBody>::Record>, ApiError>> {
        if self.done {
            return None;
        }
        let page = self.next;
        let call = match self.query.page_call(page) {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        let route = call.route;
        let body: Q::Body = match self.client.call(call).await {
            Ok(b) => b,
            // HubSoft answers 404 for a page past the end on some servers.
            Err(ApiError::NotFound { .. }) => {
                self.done = true;
                return None;
            }
            Err(e) => return Some(Err(e)),
        };
        let (pagination, records) = match body.into_page(route) {
            Ok(p) => p,
            Err(e) => return Some(Err(e)),
        };
        self.next = page.saturating_add(1);
        if let Some(p) = &pagination {
            self.last_page = p.ultima_pagina.and_then(|n| u32::try_from(n).ok());
            self.total = p.total_registros.and_then(|n| u64::try_from(n).ok());
        }
        self.read += records.len() as u64;
        let short = (records.len() as u64) < u64::from(self.query.per_page());
        self.done = records.is_empty()
            || match self.last_page {
                Some(last) => page >= last,
                None => short,
            }
            || self.total.is_some_and(|t| self.read >= t);
        if records.is_empty() {
            return None;
        }
        Some(Ok(records))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_decodes_leniently() {
        let p: Pagination = serde_json::from_str(
            r#"{"primeira_pagina":0,"ultima_pagina":"501","pagina_atual":496,"total_registros":1506}"#,
        )
        .unwrap();
        assert_eq!(p.ultima_pagina, Some(501));
        assert_eq!(p.total_registros, Some(1506));
        let odd: Pagination = serde_json::from_str(r#"{"ultima_pagina":null,"x":[]}"#).unwrap();
        assert_eq!(odd, Pagination::default());
    }

    #[test]
    fn per_page_is_bounded() {
        assert!(check_per_page(1).is_ok() && check_per_page(500).is_ok());
        for bad in [0, 501] {
            assert!(matches!(
                check_per_page(bad),
                Err(ApiError::InvalidRequest {
                    field: "itens_por_pagina",
                    ..
                })
            ));
        }
    }
}
