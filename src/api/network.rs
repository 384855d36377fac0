//! Network inventory: `GET /rede/equipamento`, `/rede/pop`,
//! `/rede/zona_atendimento`.
#![warn(missing_docs)]

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::customers::{Equipment, NetInterface};
use super::lenient as l;
use super::params::path;
use super::{ApiError, Call, CallKind, Client};

fn read(route: &'static str) -> Call {
    Call {
        route,
        method: Method::GET,
        path: path(route),
        query: Vec::new(),
        body: None,
        kind: CallKind::Read,
    }
}

/// The request of `GET /rede/equipamento` (no parameters).
pub fn equipment_call() -> Call {
    read("rede/equipamento")
}

/// The request of `GET /rede/pop` (no parameters).
pub fn pops_call() -> Call {
    read("rede/pop")
}

/// The request of `GET /rede/zona_atendimento` (no parameters).
pub fn zones_call() -> Call {
    read("rede/zona_atendimento")
}

/// Body of `GET /rede/equipamento`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct EquipmentResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `equipamentos`.
    #[serde(deserialize_with = "l::list")]
    pub equipamentos: Vec<Equipment>,
}

/// Body of `GET /rede/pop`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct PopsResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `pops`.
    #[serde(deserialize_with = "l::list")]
    pub pops: Vec<Pop>,
}

/// A point of presence.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Pop {
    /// `id_pop`.
    #[serde(deserialize_with = "l::id")]
    pub id_pop: Option<u64>,
    /// `nome`.
    #[serde(deserialize_with = "l::text")]
    pub nome: Option<String>,
    /// `equipamentos`: zero or more connection equipments.
    #[serde(deserialize_with = "l::list")]
    pub equipamentos: Vec<Equipment>,
}

/// Body of `GET /rede/zona_atendimento`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ZonesResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `zonas_atendimento`.
    #[serde(deserialize_with = "l::list")]
    pub zonas_atendimento: Vec<ServiceZone>,
}

/// A service zone (zona de atendimento) and its connection interfaces.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServiceZone {
    /// `id_zona_atendimento`.
    #[serde(deserialize_with = "l::id")]
    pub id_zona_atendimento: Option<u64>,
    /// `nome`.
    #[serde(deserialize_with = "l::text")]
    pub nome: Option<String>,
    /// `descricao`.
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
    /// `interfaces`: each with its `equipamento_conexao`.
    #[serde(deserialize_with = "l::list")]
    pub interfaces: Vec<NetInterface>,
}

impl Client {
    /// `GET /rede/equipamento`: connection equipment.
    pub async fn network_equipment(&self) -> Result<Vec<Equipment>, ApiError> {
        let r: EquipmentResponse = self.call(equipment_call()).await?;
        Ok(r.equipamentos)
    }

    /// `GET /rede/pop`: POPs with their equipment.
    pub async fn network_pops(&self) -> Result<Vec<Pop>, ApiError> {
        let r: PopsResponse = self.call(pops_call()).await?;
        Ok(r.pops)
    }

    /// `GET /rede/zona_atendimento`: service zones with their interfaces.
    pub async fn service_zones(&self) -> Result<Vec<ServiceZone>, ApiError> {
        let r: ZonesResponse = self.call(zones_call()).await?;
        Ok(r.zonas_atendimento)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        for (c, p) in [
            (equipment_call(), "/api/v1/integracao/rede/equipamento"),
            (pops_call(), "/api/v1/integracao/rede/pop"),
            (zones_call(), "/api/v1/integracao/rede/zona_atendimento"),
        ] {
            assert_eq!(c.path, p);
            assert_eq!((c.method, c.kind), (Method::GET, CallKind::Read));
            assert!(c.query.is_empty() && c.body.is_none());
        }
    }
}
