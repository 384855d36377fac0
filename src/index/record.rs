//! The customer as the index reads it from `cliente/all`: only the fields
//! [`super::IndexBuilder::push`] uses, decoded with the same lenient field
//! decoders as [`Customer`], everything else skipped without being built.
//!
//! A whole `Customer` allocates a `String` for each of dozens of fields
//! (services, four addresses each, equipment...); the index keeps a dozen.
//! Skipping the rest makes loading the index of a large base several
//! times faster, with the same index (pinned by the tests below).

use serde::{Deserialize, Deserializer};

use crate::api::lenient as l;
use crate::api::{Address, Customer, CustomerService};

/// A customer holding only what the index uses, the other fields left
/// empty: read `cliente/all` as these
/// ([`crate::api::Client::stream_all_customers_as`]) to build an index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexCustomer(pub Customer);

impl<'de> Deserialize<'de> for IndexCustomer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lean = LeanCustomer::deserialize(d)?;
        Ok(IndexCustomer(Customer {
            codigo_cliente: lean.codigo_cliente,
            nome_razaosocial: lean.nome_razaosocial,
            nome_fantasia: lean.nome_fantasia,
            cpf_cnpj: lean.cpf_cnpj,
            telefone_primario: lean.telefone_primario,
            telefone_secundario: lean.telefone_secundario,
            telefone_terciario: lean.telefone_terciario,
            servicos: lean
                .servicos
                .into_iter()
                .map(|s| CustomerService {
                    login: s.login.map(Into::into),
                    ipv4: s.ipv4.map(Into::into),
                    mac_addr: s.mac_addr.map(Into::into),
                    endereco_instalacao: s.endereco_instalacao.map(LeanAddress::into_address),
                    endereco_cadastral: s.endereco_cadastral.map(LeanAddress::into_address),
                    ..CustomerService::default()
                })
                .collect(),
            ..Customer::default()
        }))
    }
}

/// The index's fields of [`Customer`], declared as it declares them.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LeanCustomer {
    #[serde(deserialize_with = "l::id")]
    codigo_cliente: Option<u64>,
    #[serde(deserialize_with = "l::text")]
    nome_razaosocial: Option<String>,
    #[serde(deserialize_with = "l::text")]
    nome_fantasia: Option<String>,
    #[serde(deserialize_with = "l::text")]
    cpf_cnpj: Option<String>,
    #[serde(deserialize_with = "l::text")]
    telefone_primario: Option<String>,
    #[serde(deserialize_with = "l::text")]
    telefone_secundario: Option<String>,
    #[serde(deserialize_with = "l::text")]
    telefone_terciario: Option<String>,
    #[serde(deserialize_with = "l::list")]
    servicos: Vec<LeanService>,
}

/// The index's fields of [`CustomerService`].
#[derive(Deserialize, Default)]
#[serde(default)]
struct LeanService {
    #[serde(deserialize_with = "l::text")]
    login: Option<String>,
    #[serde(deserialize_with = "l::text")]
    ipv4: Option<String>,
    #[serde(deserialize_with = "l::text")]
    mac_addr: Option<String>,
    #[serde(deserialize_with = "l::object")]
    endereco_instalacao: Option<LeanAddress>,
    #[serde(deserialize_with = "l::object")]
    endereco_cadastral: Option<LeanAddress>,
}

/// The index's field of [`Address`]: the city.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LeanAddress {
    #[serde(deserialize_with = "l::short_text")]
    cidade: Option<crate::api::ShortText>,
}

impl LeanAddress {
    fn into_address(self) -> Address {
        Address {
            cidade: self.cidade,
            ..Address::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::CustomersResponse;
    use crate::index::{CustomerIndex, IndexBuilder, Searcher};

    /// Everything an index shows and matches, to compare two of them.
    fn contents(index: &CustomerIndex, queries: &[&str]) -> Vec<String> {
        let mut out = vec![format!(
            "{} customers, {} B",
            index.len(),
            index.heap_bytes()
        )];
        for i in 0..index.len() as u32 {
            out.push(format!("{:?}", index.row(i)));
        }
        for q in queries {
            let mut s = Searcher::new(1_000);
            out.push(format!("{q}: {:?}", s.search(index, q)));
        }
        out
    }

    fn both_ways(bodies: &[String], queries: &[&str]) {
        let (mut full, mut lean) = (IndexBuilder::default(), IndexBuilder::default());
        let mut n = 0;
        for body in bodies {
            let whole: CustomersResponse = serde_json::from_str(body).expect("decodes whole");
            #[derive(Deserialize)]
            struct Lean {
                #[serde(deserialize_with = "l::list")]
                clientes: Vec<IndexCustomer>,
            }
            let few: Lean = serde_json::from_str(body).expect("decodes lean");
            assert_eq!(whole.clientes.len(), few.clientes.len());
            for (c, i) in whole.clientes.iter().zip(&few.clientes) {
                full.push(c);
                lean.push(&i.0);
                n += 1;
            }
        }
        assert!(n > 0);
        assert_eq!(
            contents(&full.finish(), queries),
            contents(&lean.finish(), queries)
        );
    }

    #[test]
    fn the_hubsoft_examples_index_the_same_read_lean() {
        let bodies = [
            include_str!("../../tests/fixtures/hubsoft-examples/cliente_all.response.json"),
            include_str!("../../tests/fixtures/hubsoft-examples/cliente.response.json"),
            include_str!("../../tests/fixtures/hubsoft-collection/cliente.success.json"),
        ]
        .map(str::to_owned);
        both_ways(&bodies, &["silva", "37", "10", "guilherme", "aa:bb"]);
    }

    #[test]
    fn the_simulator_base_indexes_the_same_read_lean() {
        let sim = crate::sim::start(crate::sim::SimConfig {
            customers: 1_500,
            ..crate::sim::SimConfig::default()
        })
        .expect("simulator starts");
        let creds = crate::sim::DEMO_CREDENTIALS;
        let client = crate::api::Client::new(crate::api::ClientConfig::new(
            sim.base_url(),
            crate::api::Credentials {
                client_id: creds.client_id.to_owned(),
                client_secret: crate::api::Secret::new(creds.client_secret),
                username: creds.username.to_owned(),
                password: crate::api::Secret::new(creds.password),
            },
        ))
        .expect("client");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let all = crate::api::AllCustomers::default();
        let (full, lean) = rt.block_on(async {
            let mut full = IndexBuilder::default();
            let mut stream = client.stream_all_customers(&all).await.expect("stream");
            while let Some(c) = stream.next_customer().await {
                full.push(&c.expect("customer"));
            }
            let mut lean = IndexBuilder::default();
            let mut stream = client
                .stream_all_customers_as::<IndexCustomer>(&all)
                .await
                .expect("stream");
            while let Some(c) = stream.next_customer().await {
                lean.push(&c.expect("customer").0);
            }
            (full.finish(), lean.finish())
        });
        sim.shutdown();
        assert_eq!(full.len(), 1_500);
        let queries = ["maria", "silva", "37", "10.", "aa", "jose de", "1001"];
        assert_eq!(contents(&full, &queries), contents(&lean, &queries));
    }

    #[test]
    fn a_lean_customer_keeps_what_the_index_uses_and_nothing_else() {
        let body = r#"{"codigo_cliente":"42","nome_razaosocial":"ANA","nome_fantasia":null,
            "cpf_cnpj":12345678909,"telefone_primario":"(37) 9999-1111","email_principal":"a@b.c",
            "rg":"MG1","telefone_terciario":"","servicos":[{"login":"ana","ipv4":"10.0.0.1",
            "mac_addr":"AA:BB:CC:DD:EE:FF","senha":"x","nome":"PLANO",
            "endereco_instalacao":{"cidade":"Divinópolis","numero":"12"},
            "endereco_cadastral":[],"endereco_fiscal":{"cidade":"X"}}]}"#;
        let lean: IndexCustomer = serde_json::from_str(body).unwrap();
        let whole: Customer = serde_json::from_str(body).unwrap();
        let c = &lean.0;
        assert_eq!(c.codigo_cliente, Some(42));
        assert_eq!(c.cpf_cnpj, whole.cpf_cnpj);
        assert_eq!(c.phones(), whole.phones());
        assert_eq!(c.display_name(), whole.display_name());
        assert_eq!(c.email_principal, None);
        assert_eq!(c.rg, None);
        let (s, w) = (&c.servicos[0], &whole.servicos[0]);
        assert_eq!(
            (&s.login, &s.ipv4, &s.mac_addr),
            (&w.login, &w.ipv4, &w.mac_addr)
        );
        assert_eq!(s.nome, None);
        assert_eq!(s.endereco_fiscal, None);
        assert_eq!(
            s.endereco_instalacao.as_ref().unwrap().cidade.as_deref(),
            Some("Divinópolis")
        );
        assert_eq!(s.endereco_instalacao.as_ref().unwrap().numero, None);
        assert_eq!(
            s.endereco_cadastral,
            w.endereco_cadastral.as_ref().map(|_| Address::default())
        );
    }
}
