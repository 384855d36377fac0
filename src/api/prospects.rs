//! Prospects (would-be customers): available plans by CEP, creation and
//! search by name.
#![warn(missing_docs)]

use reqwest::Method;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::envelope::empty_if_not_found;
use super::lenient::{self as l, ApiDate};
use super::params::{
    check_id, digits_only, document_key, normalize_phone, path, required, search_term,
};
use super::speed::Speed;
use super::{ApiError, Call, CallKind, Client};

// ---------------------------------------------------------------------------
// Requests

fn cep_digits(cep: &str) -> Result<String, ApiError> {
    let d = digits_only(cep);
    if d.len() != 8 {
        return Err(ApiError::InvalidRequest {
            field: "cep",
            reason: format!("{cep:?} is not an 8-digit CEP"),
        });
    }
    Ok(d)
}

/// Parameters of `GET /prospecto/create?cep=`: plans offered at a CEP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProspectPlansQuery {
    /// `cep`: 8 digits (a dash is removed).
    pub cep: String,
}

impl ProspectPlansQuery {
    /// Builds the request, checking the CEP first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        Ok(Call {
            route: "prospecto/create",
            method: Method::GET,
            path: path("prospecto/create"),
            query: vec![("cep", cep_digits(&self.cep)?)],
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// Person or company (`tipo_pessoa`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonKind {
    /// `pf`: a person (CPF, 11 digits).
    Individual,
    /// `pj`: a company (CNPJ, 14 digits).
    Company,
}

impl PersonKind {
    /// The value sent as `tipo_pessoa`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Individual => "pf",
            Self::Company => "pj",
        }
    }
}

/// Body of `POST /prospecto`: registers a prospect for a chosen plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProspect {
    /// `cep` of the installation address.
    pub cep: String,
    /// `servico.id_servico`: a plan from [`Client::prospect_plans`].
    pub id_servico: u64,
    /// `servico.valor`: the plan's price.
    pub valor: Decimal,
    /// `nome_razaosocial`.
    pub nome_razaosocial: String,
    /// `cpf_cnpj` (sent as digits).
    pub cpf_cnpj: String,
    /// `telefone` (sent as digits, no country code).
    pub telefone: String,
    /// `email`.
    pub email: Option<String>,
    /// `observacao`.
    pub observacao: Option<String>,
    /// `tipo_pessoa`.
    pub tipo_pessoa: PersonKind,
    /// `bairro`.
    pub bairro: String,
    /// `endereco`: street.
    pub endereco: String,
    /// `numero`: house number (sent as a number when it is one).
    pub numero: String,
}

impl NewProspect {
    /// Builds the request, checking required fields first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        check_id("id_servico", self.id_servico)?;
        if self.valor.is_sign_negative() {
            return Err(ApiError::InvalidRequest {
                field: "valor",
                reason: "must not be negative".into(),
            });
        }
        let doc = document_key(&self.cpf_cnpj);
        let expected = match self.tipo_pessoa {
            PersonKind::Individual => 11,
            PersonKind::Company => 14,
        };
        if doc.len() != expected {
            return Err(ApiError::InvalidRequest {
                field: "cpf_cnpj",
                reason: format!("{} needs {expected} digits", self.tipo_pessoa.as_param()),
            });
        }
        let numero = required("numero", &self.numero)?;
        // The documented type is numeric and the example sends 77; keep text
        // such as "S/N" as text rather than refuse it.
        let numero = numero
            .parse::<u64>()
            .map_or_else(|_| json!(numero), |n| json!(n));
        // Integral prices go as integers (the example sends 100), others as floats.
        let valor = match self.valor.normalize() {
            v if v.scale() == 0 => v.to_i64().map(|i| json!(i)),
            v => v.to_f64().map(|f| json!(f)),
        }
        .ok_or_else(|| ApiError::InvalidRequest {
            field: "valor",
            reason: "out of range".into(),
        })?;
        let mut body = Map::new();
        body.insert("cep".into(), json!(cep_digits(&self.cep)?));
        body.insert(
            "servico".into(),
            json!({ "id_servico": self.id_servico, "valor": valor }),
        );
        body.insert("cpf_cnpj".into(), json!(doc));
        body.insert(
            "telefone".into(),
            json!(required("telefone", &normalize_phone(&self.telefone))?),
        );
        body.insert(
            "nome_razaosocial".into(),
            json!(required("nome_razaosocial", &self.nome_razaosocial)?),
        );
        body.insert("tipo_pessoa".into(), json!(self.tipo_pessoa.as_param()));
        body.insert("bairro".into(), json!(required("bairro", &self.bairro)?));
        body.insert(
            "endereco".into(),
            json!(required("endereco", &self.endereco)?),
        );
        body.insert("numero".into(), numero);
        for (k, v) in [("email", &self.email), ("observacao", &self.observacao)] {
            if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                body.insert(k.into(), json!(v));
            }
        }
        Ok(Call {
            route: "prospecto",
            method: Method::POST,
            path: path("prospecto"),
            query: Vec::new(),
            body: Some(Value::Object(body)),
            kind: CallKind::Action,
        })
    }
}

/// Parameters of `GET /prospecto?busca=`: matches name/company name only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProspectSearch {
    /// `busca`: part of the name.
    pub busca: String,
}

impl ProspectSearch {
    /// Builds the request, checking the term first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        Ok(Call {
            route: "prospecto",
            method: Method::GET,
            path: path("prospecto"),
            query: vec![("busca", search_term("busca", &self.busca)?)],
            body: None,
            kind: CallKind::Read,
        })
    }
}

// ---------------------------------------------------------------------------
// Responses

/// Body of `GET /prospecto/create`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ProspectPlansResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `servicos`: plans enabled for prospects.
    #[serde(deserialize_with = "l::list")]
    pub servicos: Vec<ProspectPlan>,
}

/// A plan offered to prospects.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ProspectPlan {
    /// `id_servico`: what [`NewProspect::id_servico`] takes.
    #[serde(deserialize_with = "l::id")]
    pub id_servico: Option<u64>,
    /// `descricao`.
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
    /// `valor`: monthly price.
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
    /// `nome_radius`.
    #[serde(deserialize_with = "l::text")]
    pub nome_radius: Option<String>,
    /// `display`: server-composed label.
    #[serde(deserialize_with = "l::text")]
    pub display: Option<String>,
    /// `velocidade_download`: kbit/s, or text with a unit (see [`Speed`]).
    #[serde(deserialize_with = "super::speed::speed")]
    pub velocidade_download: Option<Speed>,
    /// `velocidade_upload`, like `velocidade_download`.
    #[serde(deserialize_with = "super::speed::speed")]
    pub velocidade_upload: Option<Speed>,
}

/// Body of `POST /prospecto`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ProspectResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `prospecto`: the created prospect.
    #[serde(deserialize_with = "l::object")]
    pub prospecto: Option<Prospect>,
}

/// Body of `GET /prospecto?busca=`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ProspectsResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `prospectos`.
    #[serde(deserialize_with = "l::list")]
    pub prospectos: Vec<Prospect>,
}

/// A prospect.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Prospect {
    /// `id_prospecto`.
    #[serde(deserialize_with = "l::id")]
    pub id_prospecto: Option<u64>,
    /// `nome_razaosocial`.
    #[serde(deserialize_with = "l::text")]
    pub nome_razaosocial: Option<String>,
    /// `cpf_cnpj`.
    #[serde(deserialize_with = "l::text")]
    pub cpf_cnpj: Option<String>,
    /// `tipo_pessoa`: `pf` or `pj`.
    #[serde(deserialize_with = "l::text")]
    pub tipo_pessoa: Option<String>,
    /// `telefone`.
    #[serde(deserialize_with = "l::text")]
    pub telefone: Option<String>,
    /// `email`.
    #[serde(deserialize_with = "l::text")]
    pub email: Option<String>,
    /// `observacao`.
    #[serde(deserialize_with = "l::text")]
    pub observacao: Option<String>,
    /// `id_cliente`: set once the prospect became a customer.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente: Option<u64>,
    /// `id_endereco_numero`.
    #[serde(deserialize_with = "l::id")]
    pub id_endereco_numero: Option<u64>,
    /// `id_usuario`: who registered it.
    #[serde(deserialize_with = "l::id")]
    pub id_usuario: Option<u64>,
    /// `origem` (`API`...).
    #[serde(deserialize_with = "l::text")]
    pub origem: Option<String>,
    /// `created_at`.
    #[serde(deserialize_with = "l::date")]
    pub created_at: Option<ApiDate>,
    /// `updated_at`.
    #[serde(deserialize_with = "l::date")]
    pub updated_at: Option<ApiDate>,
    /// `created_at_br` (`dd\mm\yyyy`).
    #[serde(deserialize_with = "l::date")]
    pub created_at_br: Option<ApiDate>,
    /// `prospecto_servico`: the chosen plan (POST answer).
    #[serde(deserialize_with = "l::object")]
    pub prospecto_servico: Option<ProspectService>,
}

/// The plan attached to a prospect.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct ProspectService {
    /// `id_prospecto_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_prospecto_servico: Option<u64>,
    /// `id_prospecto`.
    #[serde(deserialize_with = "l::id")]
    pub id_prospecto: Option<u64>,
    /// `id_servico`.
    #[serde(deserialize_with = "l::id")]
    pub id_servico: Option<u64>,
    /// `valor` (comes back as text, `"100"`).
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
}

// ---------------------------------------------------------------------------
// Routes

impl Client {
    /// `GET /prospecto/create?cep=`: plans for a CEP (all prospect plans when
    /// the CEP has no business unit). An unknown CEP is [`ApiError::Refused`].
    pub async fn prospect_plans(
        &self,
        params: &ProspectPlansQuery,
    ) -> Result<Vec<ProspectPlan>, ApiError> {
        let r: ProspectPlansResponse = self.call(params.to_call()?).await?;
        Ok(r.servicos)
    }

    /// `POST /prospecto`: registers a prospect. Refused when the CPF/CNPJ
    /// is already registered as a prospect.
    pub async fn create_prospect(
        &self,
        params: &NewProspect,
    ) -> Result<ProspectResponse, ApiError> {
        self.call(params.to_call()?).await
    }

    /// `GET /prospecto?busca=`: prospects by name. 404 gives an empty list.
    pub async fn search_prospects(
        &self,
        params: &ProspectSearch,
    ) -> Result<Vec<Prospect>, ApiError> {
        let call = params.to_call()?;
        let r: Result<ProspectsResponse, _> = self.call(call).await;
        empty_if_not_found(r.map(|r| r.prospectos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn example() -> NewProspect {
        NewProspect {
            cep: "35560-000".into(),
            id_servico: 1,
            valor: Decimal::from(100),
            nome_razaosocial: "Empresa XPTO LTDA".into(),
            cpf_cnpj: "68.346.567/0001-58".into(),
            telefone: "(37) 3281-8000".into(),
            email: None,
            observacao: None,
            tipo_pessoa: PersonKind::Company,
            bairro: "Centro".into(),
            endereco: "Praça Getúlio Vargas".into(),
            numero: "77".into(),
        }
    }

    #[test]
    fn plans_call() {
        let c = ProspectPlansQuery {
            cep: "35560-000".into(),
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/prospecto/create");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        assert_eq!(c.query, vec![("cep", "35560000".to_owned())]);
        for bad in ["", "3556000", "abc"] {
            let r = ProspectPlansQuery { cep: bad.into() }.to_call();
            assert!(matches!(
                r,
                Err(ApiError::InvalidRequest { field: "cep", .. })
            ));
        }
    }

    #[test]
    fn create_call() {
        let c = example().to_call().unwrap();
        assert_eq!(c.path, "/api/v1/integracao/prospecto");
        assert_eq!((c.method.clone(), c.kind), (Method::POST, CallKind::Action));
        assert_eq!(
            c.body.unwrap(),
            json!({"cep": "35560000", "servico": {"id_servico": 1, "valor": 100},
                   "cpf_cnpj": "68346567000158", "telefone": "3732818000",
                   "nome_razaosocial": "Empresa XPTO LTDA", "tipo_pessoa": "pj",
                   "bairro": "Centro", "endereco": "Praça Getúlio Vargas", "numero": 77})
        );
        let cents = NewProspect {
            valor: Decimal::from_str("129.90").unwrap(),
            numero: "S/N".into(),
            ..example()
        };
        let body = cents.to_call().unwrap().body.unwrap();
        assert_eq!(body["servico"]["valor"], json!(129.9));
        assert_eq!(body["numero"], json!("S/N"));
    }

    #[test]
    fn create_rejects_bad_fields() {
        let cases: Vec<(NewProspect, &str)> = vec![
            (
                NewProspect {
                    id_servico: 0,
                    ..example()
                },
                "id_servico",
            ),
            (
                NewProspect {
                    valor: Decimal::from(-1),
                    ..example()
                },
                "valor",
            ),
            (
                NewProspect {
                    cpf_cnpj: "123".into(),
                    ..example()
                },
                "cpf_cnpj",
            ),
            (
                NewProspect {
                    tipo_pessoa: PersonKind::Individual,
                    ..example()
                },
                "cpf_cnpj",
            ),
            (
                NewProspect {
                    cep: "1".into(),
                    ..example()
                },
                "cep",
            ),
            (
                NewProspect {
                    telefone: " ".into(),
                    ..example()
                },
                "telefone",
            ),
            (
                NewProspect {
                    nome_razaosocial: " ".into(),
                    ..example()
                },
                "nome_razaosocial",
            ),
            (
                NewProspect {
                    bairro: String::new(),
                    ..example()
                },
                "bairro",
            ),
            (
                NewProspect {
                    endereco: String::new(),
                    ..example()
                },
                "endereco",
            ),
            (
                NewProspect {
                    numero: String::new(),
                    ..example()
                },
                "numero",
            ),
        ];
        for (p, field) in cases {
            match p.to_call() {
                Err(ApiError::InvalidRequest { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn search_call() {
        let c = ProspectSearch {
            busca: " xpto ".into(),
        }
        .to_call()
        .unwrap();
        assert_eq!(c.path, "/api/v1/integracao/prospecto");
        assert_eq!((c.method.clone(), c.kind), (Method::GET, CallKind::Read));
        assert_eq!(c.query, vec![("busca", "xpto".to_owned())]);
        let blank = ProspectSearch {
            busca: String::new(),
        };
        assert!(matches!(
            blank.to_call(),
            Err(ApiError::InvalidRequest { field: "busca", .. })
        ));
    }
}
