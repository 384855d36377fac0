//! The RADIUS connection log: `GET /cliente/extrato_conexao`.
//!
//! Connection logs (IP plus session times) are confidential under the Marco
//! Civil da Internet: show them, never export or log them.
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::customers::{Customer, CustomerService};
use super::envelope::empty_if_not_found;
use super::lenient::{self as l, ApiDate};
use super::params::{check_limit, path, push_range, required};
use super::{ApiError, Call, CallKind, Client};

/// `busca` of `GET /cliente/extrato_conexao`. The 2020 documentation has
/// `login` only; current servers also find who held an address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ConnectionLogBy {
    /// `login`: the PPPoE/RADIUS login.
    #[default]
    Login,
    /// `ipv4`: the address a session was given (current servers).
    Ipv4,
    /// `mac`: the CPE's MAC (current servers).
    Mac,
    /// `ipv6_wan` (current servers).
    Ipv6Wan,
    /// `ipv6_lan`: the delegated prefix (current servers).
    Ipv6Lan,
}

impl ConnectionLogBy {
    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Ipv4 => "ipv4",
            Self::Mac => "mac",
            Self::Ipv6Wan => "ipv6_wan",
            Self::Ipv6Lan => "ipv6_lan",
        }
    }
}

/// Parameters of `GET /cliente/extrato_conexao`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionLogQuery {
    /// `busca`: what `login` holds (a login unless set otherwise).
    pub by: ConnectionLogBy,
    /// `termo_busca`: the PPPoE/RADIUS login, or the address of `by`.
    pub login: String,
    /// `limit`: 1..=50, server default 20.
    pub limit: Option<u32>,
    /// `data_inicio` (server default: today minus 30 days).
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim` (server default: today).
    pub data_fim: Option<NaiveDate>,
}

impl ConnectionLogQuery {
    /// A query for `login` with the server's defaults.
    pub fn new(login: impl Into<String>) -> Self {
        Self::by(ConnectionLogBy::Login, login)
    }

    /// A query by `by` (an IP, a MAC...) with the server's defaults: who
    /// held it, and when.
    pub fn by(by: ConnectionLogBy, term: impl Into<String>) -> Self {
        Self {
            by,
            login: term.into(),
            limit: None,
            data_inicio: None,
            data_fim: None,
        }
    }

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut query = vec![
            ("busca", self.by.as_param().to_owned()),
            ("termo_busca", required("termo_busca", &self.login)?),
        ];
        if let Some(limit) = self.limit {
            check_limit("limit", limit, 1, Some(50))?;
            query.push(("limit", limit.to_string()));
        }
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        Ok(Call {
            route: "cliente/extrato_conexao",
            method: Method::GET,
            path: path("cliente/extrato_conexao"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// Body of `GET /cliente/extrato_conexao`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ConnectionLog {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `registros`: sessions, newest first as the server sorts them.
    #[serde(deserialize_with = "l::list")]
    pub registros: Vec<ConnectionRecord>,
    /// `estatisticas`: totals over the returned sessions.
    #[serde(deserialize_with = "l::object")]
    pub estatisticas: Option<ConnectionStats>,
}

/// One RADIUS accounting session.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ConnectionRecord {
    /// `acctstarttime`: session start (`2017-09-27 18:14:08-03`).
    #[serde(deserialize_with = "l::date")]
    pub acctstarttime: Option<ApiDate>,
    /// `acctstoptime`: session end (`None` while online).
    #[serde(deserialize_with = "l::date")]
    pub acctstoptime: Option<ApiDate>,
    /// `acctstarttimebr`: the start in `dd/mm/yyyy HH:MM:SS`.
    #[serde(deserialize_with = "l::date")]
    pub acctstarttimebr: Option<ApiDate>,
    /// `acctstoptimebr`.
    #[serde(deserialize_with = "l::date")]
    pub acctstoptimebr: Option<ApiDate>,
    /// `username`: the login.
    #[serde(deserialize_with = "l::text")]
    pub username: Option<String>,
    /// `framedipaddress`: the address given to the customer.
    #[serde(deserialize_with = "l::text")]
    pub framedipaddress: Option<String>,
    /// `nasipaddress`: the concentrator.
    #[serde(deserialize_with = "l::text")]
    pub nasipaddress: Option<String>,
    /// `nasportid`.
    #[serde(deserialize_with = "l::text")]
    pub nasportid: Option<String>,
    /// `nasporttype`.
    #[serde(deserialize_with = "l::text")]
    pub nasporttype: Option<String>,
    /// `calledstationid`.
    #[serde(deserialize_with = "l::text")]
    pub calledstationid: Option<String>,
    /// `callingstationid`: usually the CPE's MAC.
    #[serde(deserialize_with = "l::text")]
    pub callingstationid: Option<String>,
    /// `download_megabytes`.
    #[serde(deserialize_with = "l::float")]
    pub download_megabytes: Option<f64>,
    /// `upload_megabytes`.
    #[serde(deserialize_with = "l::float")]
    pub upload_megabytes: Option<f64>,
    /// `servico`: the service summary.
    #[serde(deserialize_with = "l::object")]
    pub servico: Option<CustomerService>,
    /// `cliente`: short customer.
    #[serde(deserialize_with = "l::object")]
    pub cliente: Option<Customer>,
}

impl ConnectionRecord {
    /// Session start from whichever field carries it.
    pub fn started_at(&self) -> Option<&ApiDate> {
        self.acctstarttime
            .as_ref()
            .or(self.acctstarttimebr.as_ref())
    }

    /// Session end from whichever field carries it.
    pub fn stopped_at(&self) -> Option<&ApiDate> {
        self.acctstoptime.as_ref().or(self.acctstoptimebr.as_ref())
    }

    /// Megabytes downloaded: see [`Traffic`].
    pub fn download(&self) -> Traffic {
        Traffic::of(self.download_megabytes)
    }

    /// Megabytes uploaded: see [`Traffic`].
    pub fn upload(&self) -> Traffic {
        Traffic::of(self.upload_megabytes)
    }
}

/// A traffic figure as the server sent it, checked: a count of megabytes
/// is never negative (a RADIUS counter that wrapped, a server bug) nor
/// infinite, and such a value is no figure to show or add up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Traffic {
    /// Not sent.
    Unknown,
    /// A possible value, in megabytes.
    Megabytes(f64),
    /// Sent, but impossible.
    Invalid,
}

impl Traffic {
    fn of(value: Option<f64>) -> Traffic {
        match value {
            None => Traffic::Unknown,
            Some(v) if v.is_finite() && v >= 0.0 => Traffic::Megabytes(v),
            Some(_) => Traffic::Invalid,
        }
    }

    /// The value, when it is one.
    pub fn megabytes(self) -> Option<f64> {
        match self {
            Traffic::Megabytes(v) => Some(v),
            _ => None,
        }
    }
}

/// The totals of a connection log, as the console and the CLI show them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConnectionTotals {
    /// Sessions: the server's `total_conexoes` when it is a possible count
    /// (not below the sessions received), else the sessions received.
    pub sessions: u64,
    /// Megabytes down: the server's `download_total` when possible, else
    /// the sum of the sessions' possible values.
    pub download: f64,
    /// Megabytes up, likewise.
    pub upload: f64,
}

impl ConnectionLog {
    /// The totals to show: the server's statistics where they are
    /// possible, else counted and summed here from what is.
    pub fn totals(&self) -> ConnectionTotals {
        let stats = self.estatisticas.as_ref();
        let received = self.registros.len() as u64;
        let sum = |each: fn(&ConnectionRecord) -> Traffic| -> f64 {
            self.registros
                .iter()
                .filter_map(|r| each(r).megabytes())
                .sum()
        };
        ConnectionTotals {
            sessions: stats
                .and_then(|s| s.total_conexoes)
                .and_then(|n| u64::try_from(n).ok())
                .filter(|&n| n >= received)
                .unwrap_or(received),
            download: Traffic::of(stats.and_then(|s| s.download_total))
                .megabytes()
                .unwrap_or_else(|| sum(ConnectionRecord::download)),
            upload: Traffic::of(stats.and_then(|s| s.upload_total))
                .megabytes()
                .unwrap_or_else(|| sum(ConnectionRecord::upload)),
        }
    }
}

/// `estatisticas` of the connection log (megabytes).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ConnectionStats {
    /// `total_conexoes`.
    #[serde(deserialize_with = "l::int")]
    pub total_conexoes: Option<i64>,
    /// `download_total`.
    #[serde(deserialize_with = "l::float")]
    pub download_total: Option<f64>,
    /// `upload_total`.
    #[serde(deserialize_with = "l::float")]
    pub upload_total: Option<f64>,
    /// `trafego_total`.
    #[serde(deserialize_with = "l::float")]
    pub trafego_total: Option<f64>,
    /// `media_download`.
    #[serde(deserialize_with = "l::float")]
    pub media_download: Option<f64>,
    /// `media_upload`.
    #[serde(deserialize_with = "l::float")]
    pub media_upload: Option<f64>,
}

impl Client {
    /// `GET /cliente/extrato_conexao`: a login's sessions. 404 gives an
    /// empty log.
    pub async fn connection_log(
        &self,
        params: &ConnectionLogQuery,
    ) -> Result<ConnectionLog, ApiError> {
        let call = params.to_call()?;
        empty_if_not_found(self.call(call).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_figures_are_not_added_up_or_counted() {
        let log: ConnectionLog = serde_json::from_value(serde_json::json!({
            "registros": [
                {"download_megabytes": 10.5, "upload_megabytes": 1},
                {"download_megabytes": -12.5, "upload_megabytes": "2.5"},
                {"download_megabytes": null}
            ],
            "estatisticas": {"total_conexoes": -1, "download_total": -2, "upload_total": 3.5}
        }))
        .unwrap();
        let r = &log.registros;
        assert_eq!(r[0].download(), Traffic::Megabytes(10.5));
        assert_eq!(r[1].download(), Traffic::Invalid);
        assert_eq!(r[2].download(), Traffic::Unknown);
        assert_eq!(
            log.totals(),
            ConnectionTotals {
                sessions: 3,
                download: 10.5,
                upload: 3.5
            }
        );
        // The server's count stands when it is possible (a limit may
        // have cut the list).
        let mut more = log.clone();
        more.estatisticas.as_mut().unwrap().total_conexoes = Some(40);
        assert_eq!(more.totals().sessions, 40);
        more.estatisticas = None;
        assert_eq!(more.totals().upload, 3.5);
    }

    #[test]
    fn call_and_bounds() {
        let c = ConnectionLogQuery::new("antonionomas").to_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/cliente/extrato_conexao");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        let q: Vec<_> = c.query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(q, vec![("busca", "login"), ("termo_busca", "antonionomas")]);
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let full = ConnectionLogQuery {
            by: ConnectionLogBy::Login,
            login: "x".into(),
            limit: Some(2),
            data_inicio: Some(d("2017-09-01")),
            data_fim: Some(d("2017-09-30")),
        };
        let q: Vec<_> = full
            .to_call()
            .unwrap()
            .query
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            q,
            vec!["busca", "termo_busca", "limit", "data_inicio", "data_fim"]
        );
        for (by, busca) in [
            (ConnectionLogBy::Ipv4, "ipv4"),
            (ConnectionLogBy::Mac, "mac"),
            (ConnectionLogBy::Ipv6Wan, "ipv6_wan"),
            (ConnectionLogBy::Ipv6Lan, "ipv6_lan"),
        ] {
            let c = ConnectionLogQuery::by(by, "2804:14c::1").to_call().unwrap();
            assert_eq!(c.query[0], ("busca", busca.to_owned()));
            assert_eq!(c.query[1], ("termo_busca", "2804:14c::1".to_owned()));
        }
        for bad in [0, 51] {
            let p = ConnectionLogQuery {
                limit: Some(bad),
                ..ConnectionLogQuery::new("x")
            };
            assert!(matches!(
                p.to_call(),
                Err(ApiError::InvalidRequest { field: "limit", .. })
            ));
        }
        assert!(matches!(
            ConnectionLogQuery::new(" ").to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
    }
}
