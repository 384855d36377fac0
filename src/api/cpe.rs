//! Customer premises equipment (ONUs, routers) on current servers:
//! `POST /rede/reiniciar_cpe/{phy_addr}` (reboot),
//! `POST /rede/restaurar_cpe/{phy_addr}` (factory reset) and the paginated
//! `GET /rede/cpe/todos`. None is in the 2020 documentation and none has
//! an older route to fall back to ([`ApiError::NotOffered`]).
//!
//! Only a CPE the ISP's system has already found once can be rebooted or
//! restored; otherwise HubSoft refuses with "Equipamento não encontrado!".
#![warn(missing_docs)]

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::envelope::ActionResponse;
use super::lenient::{self as l, ApiDate};
use super::pages::{PageBody, PagedQuery, Pager, Pagination, check_per_page};
use super::params::{check_length, path, required};
use super::{ApiError, Call, CallKind, Client};

/// Route name of the reboot.
pub const REBOOT_ROUTE: &str = "rede/reiniciar_cpe";
/// Route name of the factory reset.
pub const RESTORE_ROUTE: &str = "rede/restaurar_cpe";
/// Route name of the CPE list.
pub const LIST_ROUTE: &str = "rede/cpe/todos";

/// The `phy_addr` of a path: the ONU's MAC (`48:57:02:AB:CD:EF`) or GPON
/// serial (`485754437D38A19E`). Only letters, digits, `:`, `-` and `.`
/// pass: it goes into the URL path, where `/`, `?`, `#` or `%` would
/// reach another route.
fn phy_segment(phy_addr: &str) -> Result<String, ApiError> {
    let phy = required("phy_addr", phy_addr)?;
    check_length("phy_addr", &phy)?;
    if let Some(bad) = phy
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '.')))
    {
        return Err(ApiError::InvalidRequest {
            field: "phy_addr",
            reason: format!("{bad:?} is not allowed in a MAC or serial"),
        });
    }
    Ok(phy)
}

fn cpe_call(route: &'static str, phy_addr: &str) -> Result<Call, ApiError> {
    let phy = phy_segment(phy_addr)?;
    Ok(Call {
        route,
        method: Method::POST,
        path: path(&format!("{route}/{phy}")),
        query: Vec::new(),
        body: Some(json!({})),
        kind: CallKind::Action,
    })
}

/// `POST /rede/reiniciar_cpe/{phy_addr}`: reboots the CPE.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RebootCpe {
    /// The CPE's MAC or GPON serial.
    pub phy_addr: String,
}

impl RebootCpe {
    /// Builds the request; `phy_addr` must be a plain MAC or serial.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        cpe_call(REBOOT_ROUTE, &self.phy_addr)
    }
}

/// `POST /rede/restaurar_cpe/{phy_addr}`: restores the CPE's factory
/// settings (the subscriber's Wi-Fi name and password are lost).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactoryResetCpe {
    /// The CPE's MAC or GPON serial.
    pub phy_addr: String,
}

impl FactoryResetCpe {
    /// Builds the request; `phy_addr` must be a plain MAC or serial.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        cpe_call(RESTORE_ROUTE, &self.phy_addr)
    }
}

/// Parameters of `GET /rede/cpe/todos` (the page number is the pager's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpeQuery {
    /// `itens_por_pagina`: 1..=500.
    pub itens_por_pagina: u32,
}

impl Default for CpeQuery {
    fn default() -> Self {
        CpeQuery {
            itens_por_pagina: 100,
        }
    }
}

impl CpeQuery {
    /// The request of page `pagina`.
    pub fn to_call(&self, pagina: u32) -> Result<Call, ApiError> {
        check_per_page(self.itens_por_pagina)?;
        Ok(Call {
            route: LIST_ROUTE,
            method: Method::GET,
            path: path(LIST_ROUTE),
            query: vec![
                ("pagina", pagina.to_string()),
                ("itens_por_pagina", self.itens_por_pagina.to_string()),
            ],
            body: None,
            kind: CallKind::Read,
        })
    }
}

impl PagedQuery for CpeQuery {
    type Body = CpePage;
    fn page_call(&self, pagina: u32) -> Result<Call, ApiError> {
        self.to_call(pagina)
    }
    fn per_page(&self) -> u32 {
        self.itens_por_pagina
    }
}

/// One page of `rede/cpe/todos`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct CpePage {
    /// `paginacao`.
    #[serde(deserialize_with = "l::object")]
    pub paginacao: Option<Pagination>,
    /// `cpes`: only CPEs with subscribers come back.
    #[serde(deserialize_with = "l::list")]
    pub cpes: Vec<Cpe>,
}

impl PageBody for CpePage {
    type Record = Cpe;
    fn into_page(self, _: &'static str) -> Result<(Option<Pagination>, Vec<Cpe>), ApiError> {
        Ok((self.paginacao, self.cpes))
    }
}

/// A CPE known to the ISP's system.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Cpe {
    /// `id_cpe`.
    #[serde(deserialize_with = "l::id")]
    pub id_cpe: Option<u64>,
    /// `phy_addr`: its MAC or GPON serial (what reboot/restore take).
    #[serde(deserialize_with = "l::text")]
    pub phy_addr: Option<String>,
    /// `data_ultima_atualizacao`: when the system last heard of it.
    #[serde(deserialize_with = "l::date")]
    pub data_ultima_atualizacao: Option<ApiDate>,
    /// `historico_parametros`: up to 5 readings (signal levels...).
    #[serde(deserialize_with = "l::list")]
    pub historico_parametros: Vec<CpeReading>,
    /// `servicos`: the subscribers' services behind it.
    #[serde(deserialize_with = "l::list")]
    pub servicos: Vec<CpeService>,
}

/// One reading of a CPE's parameters.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct CpeReading {
    /// `parametros`: e.g. `tx_signal`, `rx_signal`.
    #[serde(deserialize_with = "l::object")]
    pub parametros: Option<CpeSignals>,
    /// `created_at`.
    #[serde(deserialize_with = "l::date")]
    pub created_at: Option<ApiDate>,
    /// `data_cadastro_br`.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro_br: Option<ApiDate>,
}

/// The signal levels of a reading.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct CpeSignals {
    /// `tx_signal`.
    #[serde(deserialize_with = "l::float")]
    pub tx_signal: Option<f64>,
    /// `rx_signal`.
    #[serde(deserialize_with = "l::float")]
    pub rx_signal: Option<f64>,
}

/// A service behind a CPE.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct CpeService {
    /// `id_cliente`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente: Option<u64>,
    /// `id_servico`: the plan's id.
    #[serde(deserialize_with = "l::id")]
    pub id_servico: Option<u64>,
    /// `id_cliente_servico`, when the server sends it.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico: Option<u64>,
    /// `codigo_cliente`.
    #[serde(deserialize_with = "l::id")]
    pub codigo_cliente: Option<u64>,
    /// `nome_razaosocial`.
    #[serde(deserialize_with = "l::text")]
    pub nome_razaosocial: Option<String>,
    /// `cpf_cnpj`.
    #[serde(deserialize_with = "l::text")]
    pub cpf_cnpj: Option<String>,
    /// `servico`: the plan's name.
    #[serde(deserialize_with = "l::text")]
    pub servico: Option<String>,
    /// `status`: the service's status prefix (`servico_habilitado`).
    #[serde(deserialize_with = "l::text")]
    pub status: Option<String>,
}

impl Client {
    /// `POST /rede/reiniciar_cpe/{phy_addr}`: reboots the CPE ("Comando de
    /// reinicialização executado com sucesso!"); an unknown CPE is
    /// [`ApiError::Refused`] ("Equipamento não encontrado!"). Never retried.
    pub async fn reboot_cpe(&self, params: &RebootCpe) -> Result<ActionResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `POST /rede/restaurar_cpe/{phy_addr}`: factory reset of the CPE.
    /// Errors as [`Client::reboot_cpe`]'s. Never retried.
    pub async fn factory_reset_cpe(
        &self,
        params: &FactoryResetCpe,
    ) -> Result<ActionResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `GET /rede/cpe/todos`, page by page (see [`Pager`]).
    pub fn cpe_pages(&self, query: CpeQuery) -> Pager<CpeQuery> {
        Pager::new(self.clone(), query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phy_addr_goes_into_the_path_and_nothing_else_does() {
        let c = RebootCpe {
            phy_addr: " 485754437D38A19E ".into(),
        }
        .to_call()
        .unwrap();
        assert_eq!(
            c.path,
            "/api/v1/integracao/rede/reiniciar_cpe/485754437D38A19E"
        );
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        let c = FactoryResetCpe {
            phy_addr: "48:57:02:AB:CD:EF".into(),
        }
        .to_call()
        .unwrap();
        assert_eq!(c.route, RESTORE_ROUTE);
        assert!(c.path.ends_with("/restaurar_cpe/48:57:02:AB:CD:EF"));
        for bad in ["", "../../cliente", "AB?x=1", "AB#", "AB%2F", "AB CD"] {
            assert!(
                RebootCpe {
                    phy_addr: bad.into()
                }
                .to_call()
                .is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_list_decodes_from_the_collection_shape() {
        let p: CpePage = serde_json::from_str(
            r#"{"status":"success","paginacao":{"primeira_pagina":0,"ultima_pagina":0,"pagina_atual":1,"total_registros":1},
            "cpes":[{"id_cpe":71524,"phy_addr":"485754437D38A19E","data_ultima_atualizacao":"2023-07-06 14:48:59",
            "historico_parametros":[{"id_cpe":71524,"parametros":{"tx_signal":23.5,"rx_signal":24},"created_at":"2023-07-06 14:48:59"}],
            "servicos":[{"id_cliente":11942,"id_servico":1394,"codigo_cliente":1161,"servico":"100MB","status":"servico_habilitado"}]}]}"#,
        )
        .unwrap();
        let cpe = &p.cpes[0];
        assert_eq!(cpe.phy_addr.as_deref(), Some("485754437D38A19E"));
        let signals = cpe.historico_parametros[0].parametros.as_ref().unwrap();
        assert_eq!(signals.rx_signal, Some(24.0));
        assert_eq!(cpe.servicos[0].codigo_cliente, Some(1161));
        assert!(
            CpeQuery {
                itens_por_pagina: 0
            }
            .to_call(0)
            .is_err()
        );
    }
}
