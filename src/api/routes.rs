//! Per-route facts the transport enforces on every answer: how large a
//! body may be, and which data key a successful read must carry.
//!
//! Both exist because a hostile or broken server must never be able to
//! make hubdesk hold gigabytes, nor to make "nothing" out of an answer
//! that lost its data: an attendant would tell a debtor they owe nothing.

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::ApiError;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// The most a non-success answer (an error page, a refusal) is read:
/// only its first characters are ever shown.
pub(crate) const ERROR_BODY_LIMIT: u64 = 64 * KIB;

/// The largest body accepted from `route`, in bytes: several times what
/// the largest real HubSoft answer of that route holds, so a real answer
/// never meets it (a 100-customer `cliente` search with every service and
/// address is about 1 MB). Past it the read stops and fails with
/// [`ApiError::TooLarge`]. The streaming reads of `cliente/all`
/// ([`super::Client::stream_all_customers`]: `export`, the type-ahead
/// index) are not limited: their memory stays flat whatever the size.
pub fn body_limit(route: &str) -> u64 {
    match route {
        "oauth/token" => 64 * KIB,
        // Up to 100 customers, each with services, addresses and contacts.
        "cliente" => 32 * MIB,
        // Every customer at once, buffered (`Client::all_customers`): a
        // library convenience; the console and the CLI stream this route.
        "cliente/all" => 1024 * MIB,
        // Up to 50 records each.
        "cliente/atendimento" | "cliente/ordem_servico" | "cliente/financeiro" => 16 * MIB,
        "cliente/extrato_conexao" => 8 * MIB,
        // Receivables have no documented maximum `limit`: a 30-day window
        // of a large ISP holds tens of thousands of invoices.
        "financeiro" => 256 * MIB,
        "endereco/cidade" | "prospecto" | "prospecto/create" => 16 * MIB,
        "rede/equipamento" | "rede/pop" | "rede/zona_atendimento" => 32 * MIB,
        // One page of at most 500 records each.
        "cliente/todos" | "financeiro/fatura" | "rede/cpe/todos" => 64 * MIB,
        "configuracao/cidade" => 16 * MIB,
        "cliente/cliente_servico/senhas" => MIB,
        // Actions answer an envelope, a ticket or a queued job.
        _ => 4 * MIB,
    }
}

/// The data key(s) a successful answer of the read `route` must carry (any
/// one of them, when servers spell it two ways), always a list of records.
/// `None` for routes whose answer is the envelope alone.
pub(crate) fn data_keys(route: &str) -> Option<&'static [&'static str]> {
    Some(match route {
        "cliente" | "cliente/all" => &["clientes"],
        "cliente/atendimento" => &["atendimentos"],
        "cliente/extrato_conexao" => &["registros"],
        "cliente/financeiro" | "financeiro" => &["faturas"],
        "cliente/ordem_servico" => &["ordens_servico", "ordem_servico"],
        "endereco/cidade" => &["cidades"],
        "prospecto/create" => &["servicos"],
        "prospecto" => &["prospectos"],
        "rede/equipamento" => &["equipamentos"],
        "rede/pop" => &["pops"],
        "rede/zona_atendimento" => &["zonas_atendimento"],
        "cliente/todos" => &["clientes"],
        "financeiro/fatura" => &["faturas"],
        "rede/cpe/todos" => &["cpes"],
        "configuracao/cidade" => &["cidades"],
        "cliente/cliente_servico/senhas" => &["cliente_servico_senha"],
        _ => return None,
    })
}

/// Checks that the success answer `text` of the read `route` carries its
/// data key holding a list of objects. The documented empty answer is an
/// empty list (`[]`); PHP's list with gaps, an object of records
/// (`{"0": {...}}`), is accepted too. A missing key, a key of another
/// type (`"x"`, `null`, a number) or a record that is not an object is
/// [`ApiError::Decode`] naming the route and the key, never an empty
/// result. One pass over the body; records are skipped, not built.
pub(crate) fn check_data_key(route: &'static str, text: &str) -> Result<(), ApiError> {
    let Some(keys) = data_keys(route) else {
        return Ok(());
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let found = match de.deserialize_any(TopLevel { keys }) {
        Ok(found) => found,
        Err(e) => {
            // A problem the scan raised itself carries its path and detail.
            let text = e.to_string();
            let (path, detail) = match text.split_once(SEP) {
                Some((path, rest)) => (
                    path.to_owned(),
                    rest.split(" at line ").next().unwrap_or(rest).to_owned(),
                ),
                None => (".".to_owned(), "the body is not a JSON object".to_owned()),
            };
            return Err(ApiError::Decode {
                route,
                path,
                detail,
            });
        }
    };
    if found {
        Ok(())
    } else {
        Err(ApiError::Decode {
            route,
            path: keys[0].to_owned(),
            detail: "missing: the answer has no data".to_owned(),
        })
    }
}

/// The routes newer than the 2020 documentation (HubSoft's current
/// collection and servers of 2023 on): a server that predates one answers
/// it 404 or 405 without HubSoft's envelope, which the client reads as
/// [`ApiError::NotOffered`] and remembers for the session.
pub const NEWER_ROUTES: [&str; 11] = [
    "cliente/reset_phy_addr",
    "cliente/cliente_servico/habilitar",
    "cliente/cliente_servico/suspender",
    "cliente/cliente_servico/ativar",
    "cliente/cliente_servico/senhas",
    "cliente/todos",
    "financeiro/fatura",
    "configuracao/cidade",
    "rede/cpe/todos",
    "rede/reiniciar_cpe",
    "rede/restaurar_cpe",
];

/// True for a route of [`NEWER_ROUTES`].
pub fn is_newer(route: &str) -> bool {
    NEWER_ROUTES.contains(&route)
}

/// The 2020 route that does the same job as the newer `route`, which the
/// client uses when the server does not offer `route`; `None` when there
/// is none (the error then says the server does not offer it).
pub fn fallback_of(route: &str) -> Option<&'static str> {
    match route {
        "cliente/todos" => Some("cliente/all"),
        "financeiro/fatura" => Some("financeiro"),
        "configuracao/cidade" => Some("endereco/cidade"),
        _ => None,
    }
}

/// Separates the path from the detail inside a scan error's message.
const SEP: &str = "\u{1f}";

fn scan_error<E: de::Error>(path: &str, detail: &str) -> E {
    E::custom(format!("{path}{SEP}{detail}"))
}

/// The JSON type of a value, for messages.
fn kind_name(unexpected: de::Unexpected<'_>) -> &'static str {
    match unexpected {
        de::Unexpected::Bool(_) => "a boolean",
        de::Unexpected::Unsigned(_) | de::Unexpected::Signed(_) | de::Unexpected::Float(_) => {
            "a number"
        }
        de::Unexpected::Str(_) | de::Unexpected::Char(_) => "a string",
        de::Unexpected::Unit | de::Unexpected::Option => "null",
        de::Unexpected::Seq => "a list",
        de::Unexpected::Map => "an object",
        _ => "another type",
    }
}

/// The top-level object: finds one of `keys` and checks its value.
struct TopLevel {
    keys: &'static [&'static str],
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.keys.iter().find(|k| **k == key) {
                Some(name) => {
                    map.next_value_seed(Records { key: name })?;
                    found = true;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Err(scan_error(
            ".",
            &format!("a list instead of an object with {}", self.keys[0]),
        ))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Err(scan_error(".", "a string instead of an object"))
    }
}

/// The data key's value: a list (or PHP's object) of objects.
struct Records {
    key: &'static str,
}

impl Records {
    fn wrong<E: de::Error>(&self, found: de::Unexpected<'_>) -> E {
        scan_error(
            self.key,
            &format!("expected a list of records, found {}", kind_name(found)),
        )
    }
}

impl<'de> DeserializeSeed<'de> for Records {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Records {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq
            .next_element_seed(Record {
                key: self.key,
                index: &index.to_string(),
                list: true,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            map.next_value_seed(Record {
                key: self.key,
                index: &name,
                list: false,
            })?;
        }
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Signed(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unsigned(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Str(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unit))
    }
}

/// One record: must be an object; its content is skipped.
struct Record<'a> {
    key: &'static str,
    index: &'a str,
    /// Inside a list (`key[0]`) or PHP's object (`key.0`).
    list: bool,
}

impl Record<'_> {
    fn wrong<E: de::Error>(&self, found: de::Unexpected<'_>) -> E {
        let path = if self.list {
            format!("{}[{}]", self.key, self.index)
        } else {
            format!("{}.{}", self.key, self.index)
        };
        scan_error(
            &path,
            &format!("expected a record, found {}", kind_name(found)),
        )
    }
}

impl<'de> DeserializeSeed<'de> for Record<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Record<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        // Returning at once stops the parse: a list nested 100,000 deep is
        // never walked.
        Err(self.wrong(de::Unexpected::Seq))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Signed(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unsigned(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Str(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.wrong(de::Unexpected::Unit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(route: &'static str, text: &str) -> Result<(), (String, String)> {
        check_data_key(route, text).map_err(|e| match e {
            ApiError::Decode { path, detail, .. } => (path, detail),
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn documented_answers_and_empty_lists_pass() {
        assert_eq!(
            check(
                "cliente/financeiro",
                r#"{"status":"success","msg":"ok","faturas":[]}"#
            ),
            Ok(())
        );
        assert_eq!(
            check("cliente/financeiro", r#"{"faturas":[{"id_fatura":1},{}]}"#),
            Ok(())
        );
        // PHP's list with gaps.
        assert_eq!(
            check("rede/pop", r#"{"pops":{"0":{"id_pop":1},"3":{}}}"#),
            Ok(())
        );
        // Either spelling of the orders key.
        assert_eq!(
            check("cliente/ordem_servico", r#"{"ordem_servico":[]}"#),
            Ok(())
        );
        // Routes without a data key, and unknown keys around the data.
        assert_eq!(check("cliente/reset_mac_addr", "{}"), Ok(()));
        assert_eq!(
            check("cliente", r#"{"extra":[[[1]]],"clientes":[],"n":{"a":[]}}"#),
            Ok(())
        );
    }

    #[test]
    fn a_missing_or_renamed_key_is_named() {
        for body in [
            "{}",
            r#"{"status":"success"}"#,
            r#"{"status":"success","msg":"ok","fatura":[{"id_fatura":1}]}"#,
        ] {
            let (path, detail) = check("cliente/financeiro", body).unwrap_err();
            assert_eq!(path, "faturas", "{body}");
            assert!(detail.starts_with("missing"), "{detail}");
        }
        let (path, _) = check("cliente/ordem_servico", "{}").unwrap_err();
        assert_eq!(path, "ordens_servico");
    }

    #[test]
    fn a_key_of_another_type_is_named() {
        for (body, found) in [
            (r#"{"faturas":"x"}"#, "a string"),
            (r#"{"faturas":null}"#, "null"),
            (r#"{"faturas":3}"#, "a number"),
            (r#"{"faturas":true}"#, "a boolean"),
        ] {
            let (path, detail) = check("cliente/financeiro", body).unwrap_err();
            assert_eq!(path, "faturas");
            assert_eq!(detail, format!("expected a list of records, found {found}"));
        }
    }

    #[test]
    fn records_that_are_not_objects_are_named_and_deep_nesting_is_not_walked() {
        let (path, detail) = check("cliente/financeiro", r#"{"faturas":[{},"x"]}"#).unwrap_err();
        assert_eq!(path, "faturas[1]");
        assert_eq!(detail, "expected a record, found a string");
        let (path, _) = check("rede/pop", r#"{"pops":{"7":null}}"#).unwrap_err();
        assert_eq!(path, "pops.7");
        let depth = 100_000;
        let deep = format!(
            r#"{{"status":"success","faturas":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let (path, detail) = check("cliente/financeiro", &deep).unwrap_err();
        assert_eq!(path, "faturas[0]");
        assert_eq!(detail, "expected a record, found a list");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_reported() {
        let (path, detail) = check("cliente", "[]").unwrap_err();
        assert_eq!(path, ".");
        assert!(detail.contains("clientes"), "{detail}");
        let (path, _) = check("cliente", "\"x\"").unwrap_err();
        assert_eq!(path, ".");
    }

    #[test]
    fn newer_routes_have_limits_keys_and_known_fallbacks() {
        for route in NEWER_ROUTES {
            assert!(is_newer(route));
            assert!(body_limit(route) >= MIB, "{route}");
        }
        for read in [
            "cliente/todos",
            "financeiro/fatura",
            "rede/cpe/todos",
            "configuracao/cidade",
            "cliente/cliente_servico/senhas",
        ] {
            assert!(data_keys(read).is_some(), "{read}");
        }
        assert_eq!(fallback_of("cliente/todos"), Some("cliente/all"));
        assert_eq!(fallback_of("financeiro/fatura"), Some("financeiro"));
        assert_eq!(fallback_of("configuracao/cidade"), Some("endereco/cidade"));
        assert_eq!(fallback_of("cliente/reset_phy_addr"), None);
        assert!(!is_newer("cliente/all") && !is_newer("cliente/reset_mac_addr"));
    }

    #[test]
    fn limits_are_generous_and_known_for_every_read() {
        assert_eq!(body_limit("cliente"), 32 * MIB);
        assert!(body_limit("oauth/token") < MIB);
        for route in [
            "cliente/atendimento",
            "cliente/extrato_conexao",
            "cliente/financeiro",
            "cliente/ordem_servico",
            "endereco/cidade",
            "financeiro",
            "prospecto",
            "prospecto/create",
            "rede/equipamento",
            "rede/pop",
            "rede/zona_atendimento",
        ] {
            assert!(body_limit(route) >= 8 * MIB, "{route}");
            assert!(data_keys(route).is_some(), "{route}");
        }
    }
}
