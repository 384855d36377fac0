//! Cities and neighbourhoods with active customers: `GET /endereco/cidade`.
#![warn(missing_docs)]

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::params::path;
use super::{ApiError, Call, CallKind, Client};

/// The request of `GET /endereco/cidade` (no parameters).
pub fn cities_call() -> Call {
    Call {
        route: "endereco/cidade",
        method: Method::GET,
        path: path("endereco/cidade"),
        query: Vec::new(),
        body: None,
        kind: CallKind::Read,
    }
}

/// Body of `GET /endereco/cidade`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct CitiesResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `cidades`.
    #[serde(deserialize_with = "l::list")]
    pub cidades: Vec<City>,
}

/// A city that has active customers.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct City {
    /// `id_cidade`.
    #[serde(deserialize_with = "l::id")]
    pub id_cidade: Option<u64>,
    /// `nome`.
    #[serde(deserialize_with = "l::text")]
    pub nome: Option<String>,
    /// `uf`: state code (some servers send the name).
    #[serde(deserialize_with = "l::text")]
    pub uf: Option<String>,
    /// `estado`: sent instead of (or besides) `uf` by some servers.
    #[serde(deserialize_with = "l::text")]
    pub estado: Option<String>,
    /// `ibge`: the city's IBGE code, kept as text.
    #[serde(deserialize_with = "l::text")]
    pub ibge: Option<String>,
    /// `bairros`: neighbourhoods with active customers.
    #[serde(deserialize_with = "l::list")]
    pub bairros: Vec<Neighbourhood>,
}

impl City {
    /// The two-letter state code, whichever of `uf`/`estado` holds it.
    pub fn state_code(&self) -> Option<&str> {
        [&self.uf, &self.estado]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|s| s.len() == 2)
    }
}

/// A neighbourhood (bairro).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Neighbourhood {
    /// `nome`.
    #[serde(deserialize_with = "l::text")]
    pub nome: Option<String>,
}

impl Client {
    /// `GET /endereco/cidade`: cities and neighbourhoods with active customers.
    pub async fn cities(&self) -> Result<Vec<City>, ApiError> {
        let r: CitiesResponse = self.call(cities_call()).await?;
        Ok(r.cidades)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call() {
        let c = cities_call();
        assert_eq!(c.path, "/api/v1/integracao/endereco/cidade");
        assert_eq!((c.method, c.kind), (Method::GET, CallKind::Read));
        assert!(c.query.is_empty() && c.body.is_none());
    }
}
