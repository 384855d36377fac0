//! A service's documented passwords (router admin, Wi-Fi, ONU) on current
//! servers: `GET /cliente/cliente_servico/{id}/senhas`. Not in the 2020
//! documentation; an older server answers [`ApiError::NotOffered`].
//!
//! The passwords are [`Secret`]s: `Debug` and `Display` print `***` and
//! serializing leaves them out, so they reach neither logs, nor `--json`,
//! nor the audit; only [`Secret::expose`] gives the value, for an explicit
//! reveal.
#![warn(missing_docs)]

use serde::{Deserialize, Deserializer, Serialize};

use super::lenient as l;
use super::params::{check_id, path};
use super::{ApiError, Call, Client, Secret};

/// Route name of the passwords.
pub const PASSWORDS_ROUTE: &str = "cliente/cliente_servico/senhas";

/// Parameters of `GET /cliente/cliente_servico/{id}/senhas`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServicePasswordsQuery {
    /// `id_cliente_servico` (path segment, > 0).
    pub id_cliente_servico: u64,
}

impl ServicePasswordsQuery {
    /// Builds the request.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_cliente_servico", self.id_cliente_servico)?;
        Ok(Call::get(
            PASSWORDS_ROUTE,
            path(&format!(
                "cliente/cliente_servico/{}/senhas",
                self.id_cliente_servico
            )),
        ))
    }
}

/// Body of `GET /cliente/cliente_servico/{id}/senhas`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServicePasswordsResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `cliente_servico_senha`.
    #[serde(deserialize_with = "l::list")]
    pub cliente_servico_senha: Vec<ServicePassword>,
}

/// One documented password of a service.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServicePassword {
    /// `id_cliente_servico_senha`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico_senha: Option<u64>,
    /// `id_cliente_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico: Option<u64>,
    /// `descricao`: what it opens ("SENHA ROTEADOR", "WI-FI").
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
    /// `usuario`: the user name, when there is one.
    #[serde(deserialize_with = "l::text")]
    pub usuario: Option<String>,
    /// `senha`: hidden; never serialized, `***` in `Debug`.
    #[serde(deserialize_with = "secret", skip_serializing)]
    pub senha: Option<Secret>,
}

/// A password as a [`Secret`], decoded as leniently as any text.
fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(l::text(d)?.map(Secret::new))
}

impl Client {
    /// `GET /cliente/cliente_servico/{id}/senhas`: the service's documented
    /// passwords. 404 "nothing found" is an empty list; an older server
    /// [`ApiError::NotOffered`].
    pub async fn service_passwords(
        &self,
        params: &ServicePasswordsQuery,
    ) -> Result<Vec<ServicePassword>, ApiError> {
        let r: Result<ServicePasswordsResponse, _> = self.call(params.to_call()?).await;
        super::envelope::empty_if_not_found(r.map(|r| r.cliente_servico_senha))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"status":"success","msg":"Senhas do cliente serviço recuperada com sucesso",
        "cliente_servico_senha":[{"id_cliente_servico_senha":967,"id_cliente_servico":22390,
        "descricao":"SENHA ROTEADOR","usuario":"admin","senha":"s3gr3d0-rot"},
        {"id_cliente_servico_senha":"966","descricao":"WI-FI","usuario":null,"senha":12345678}]}"#;

    #[test]
    fn passwords_decode_and_never_show() {
        let r: ServicePasswordsResponse = serde_json::from_str(BODY).unwrap();
        let p = &r.cliente_servico_senha;
        assert_eq!(p[0].senha.as_ref().unwrap().expose(), "s3gr3d0-rot");
        assert_eq!(p[1].senha.as_ref().unwrap().expose(), "12345678");
        assert_eq!(p[1].id_cliente_servico_senha, Some(966));
        let debug = format!("{r:?} {:#?}", p[0]);
        assert!(
            !debug.contains("s3gr3d0-rot") && !debug.contains("12345678"),
            "{debug}"
        );
        assert!(debug.contains("***"));
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            !json.contains("s3gr3d0-rot") && !json.contains("\"senha\""),
            "{json}"
        );
        assert!(json.contains("SENHA ROTEADOR"));
    }

    #[test]
    fn the_id_goes_into_the_path() {
        let c = ServicePasswordsQuery {
            id_cliente_servico: 22390,
        }
        .to_call()
        .unwrap();
        assert_eq!(
            c.path,
            "/api/v1/integracao/cliente/cliente_servico/22390/senhas"
        );
        assert_eq!(c.route, PASSWORDS_ROUTE);
        assert!(ServicePasswordsQuery::default().to_call().is_err());
    }
}
