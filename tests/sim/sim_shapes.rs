//! Every documented response/error example against the matching simulator
//! route: the simulator must produce every key the example shows, with the
//! same JSON type, recursively. Type variation is allowed only where the
//! documentation itself shows it (see `Schema`).

use crate::support;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use serde_json::{Value, json};
use support::*;

fn fixture(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hubsoft-examples")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).expect("fixture")).expect("fixture json")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The two documented spellings are one key.
fn canon(k: &str) -> &str {
    if k == "equipamentoroteamento" {
        "equipamento_roteamento"
    } else {
        k
    }
}

/// What one example file says: per path (array indices collapsed), the JSON
/// types seen and the keys every object there has.
#[derive(Default)]
struct Schema {
    types: BTreeMap<String, BTreeSet<&'static str>>,
    required: BTreeMap<String, BTreeSet<String>>,
}

impl Schema {
    fn learn(&mut self, v: &Value, path: &str) {
        self.types
            .entry(path.to_string())
            .or_default()
            .insert(kind(v));
        match v {
            Value::Object(m) => {
                let keys: BTreeSet<String> = m.keys().map(|k| canon(k).to_string()).collect();
                self.required
                    .entry(path.to_string())
                    .and_modify(|r| *r = r.intersection(&keys).cloned().collect())
                    .or_insert(keys);
                for (k, c) in m {
                    self.learn(c, &format!("{path}.{}", canon(k)));
                }
            }
            Value::Array(a) => a.iter().for_each(|c| self.learn(c, &format!("{path}[]"))),
            _ => {}
        }
    }
}

/// Keys the documentation shows as null somewhere: null is a legal value
/// for them everywhere.
fn nullable_keys() -> HashSet<String> {
    fn walk(v: &Value, out: &mut HashSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    if c.is_null() {
                        out.insert(k.clone());
                    }
                    walk(c, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hubsoft-examples");
    for e in std::fs::read_dir(dir).expect("fixtures dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "json") {
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
            walk(&v, &mut out);
        }
    }
    // Documented as possibly empty, though the examples happen to show values:
    // services without authentication data have no login, password or IP
    // (ENDPOINTS.md §15); companies have no RG; unknown birth dates.
    for k in [
        "login",
        "senha",
        "ipv4",
        "rg",
        "data_nascimento",
        "data_nascimento_br",
    ] {
        out.insert(k.to_string());
    }
    out
}

struct Checker<'a> {
    schema: &'a Schema,
    nullable: &'a HashSet<String>,
    visited: BTreeSet<String>,
    errors: Vec<String>,
}

impl Checker<'_> {
    fn check(&mut self, v: &Value, path: &str, key: &str) {
        let Some(allowed) = self.schema.types.get(path) else {
            return;
        };
        self.visited.insert(path.to_string());
        let k = kind(v);
        let unknown = allowed.len() == 1 && allowed.contains("null");
        if !(allowed.contains(k) || unknown || (k == "null" && self.nullable.contains(key))) {
            self.errors
                .push(format!("{path}: {k}, documented {allowed:?}"));
            return;
        }
        match v {
            Value::Object(m) => {
                if let Some(req) = self.schema.required.get(path) {
                    for r in req {
                        let present = m.keys().any(|mk| canon(mk) == r);
                        if !present {
                            self.errors.push(format!("{path}: missing key {r}"));
                        }
                    }
                }
                for (ck, cv) in m {
                    self.check(cv, &format!("{path}.{}", canon(ck)), ck);
                }
            }
            Value::Array(a) => a
                .iter()
                .for_each(|c| self.check(c, &format!("{path}[]"), key)),
            _ => {}
        }
    }
}

/// Compares `actual` against the example `name`; every documented path must
/// also be exercised at least once (so empty lists cannot pass vacuously).
fn compare(name: &str, actual: &Value) {
    let example = fixture(name);
    let mut schema = Schema::default();
    schema.learn(&example, "$");
    let nullable = nullable_keys();
    let mut c = Checker {
        schema: &schema,
        nullable: &nullable,
        visited: BTreeSet::new(),
        errors: Vec::new(),
    };
    c.check(actual, "$", "");
    for p in schema.types.keys() {
        // Paths below a value the example shows only as null or [] carry no shape.
        if !c.visited.contains(p) {
            c.errors.push(format!("{p}: never produced"));
        }
    }
    assert!(
        c.errors.is_empty(),
        "{name} mismatches:\n{}\nactual: {actual:#}",
        c.errors.join("\n")
    );
}

#[test]
fn the_checker_catches_missing_keys_and_wrong_types() {
    let mut schema = Schema::default();
    schema.learn(&json!({"a": 1, "b": [{"c": "x"}], "u": [1]}), "$");
    schema.learn(&json!({"a": 2, "b": [], "u": {"k": 1}}), "$");
    let nullable = HashSet::new();
    let mut c = Checker {
        schema: &schema,
        nullable: &nullable,
        visited: BTreeSet::new(),
        errors: Vec::new(),
    };
    c.check(&json!({"a": "1", "b": [{"d": 1}], "u": {"k": 2}}), "$", "");
    assert!(
        c.errors.iter().any(|e| e.contains("$.a: string")),
        "{:?}",
        c.errors
    );
    assert!(
        c.errors.iter().any(|e| e.contains("missing key c")),
        "{:?}",
        c.errors
    );
    assert_eq!(c.errors.len(), 2, "{:?}", c.errors);
}

#[tokio::test]
async fn every_documented_example_matches_the_simulator() {
    let api = Api::start(small()).await;
    let base = api.sim.base_url();

    // oauth: the documented request with the demo credentials.
    let mut body = fixture("oauth_token.request.json");
    body["client_id"] = json!("demo");
    body["client_secret"] = json!("demo-secret");
    body["username"] = json!("demo@hubdesk.local");
    body["password"] = json!("demo");
    let r: Value = api
        .http
        .post(format!("{base}/oauth/token"))
        .json(&body)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    compare("oauth_token.response.json", &r);

    // Customers.
    let v = api.get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100&ultima_conexao=sim&cancelado=sim").await;
    assert!(v["clientes"].as_array().expect("list").len() > 50);
    compare("cliente.response.json", &v);
    let v = api.get("cliente/all").await;
    compare("cliente_all.response.json", &v);

    // A ticket with a service order for customer 1000 (service 100000).
    let mut body = fixture("atendimento_post.request.json");
    body["id_cliente_servico"] = json!("100000");
    let opened = api.post("atendimento", body).await;
    compare("atendimento_post.response.json", &opened);
    let v = api
        .get("cliente/atendimento?busca=codigo_cliente&termo_busca=1000&apenas_pendente=nao")
        .await;
    compare("cliente_atendimento.response.json", &v);
    let v = api
        .get("cliente/ordem_servico?busca=codigo_cliente&termo_busca=1000")
        .await;
    compare("cliente_ordem_servico.response.json", &v);
    let id = opened["atendimento"]["id_atendimento"]
        .as_u64()
        .expect("id");
    let v = api
        .put(
            &format!("atendimento/{id}"),
            fixture("atendimento_put.request.json"),
        )
        .await;
    compare("atendimento_put.response.json", &v);

    // Service actions.
    let v = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100024", "dias_desbloqueio": "1"}),
        )
        .await;
    compare("cliente_desbloqueio_confianca.response.json", &v);
    let v = api.get("cliente/solicitar_desconexao/100028").await;
    compare("cliente_solicitar_desconexao.success.json", &v);
    let v = api.get("cliente/solicitar_desconexao/100004").await;
    compare("cliente_solicitar_desconexao.error.json", &v);
    let v = api
        .post(
            "cliente/reset_mac_addr",
            json!({"id_cliente_servico": "100000"}),
        )
        .await;
    compare("cliente_reset_mac_addr.response.json", &v);

    // Connection log of customer 1000's login.
    let c = api.customer("codigo_cliente", "1000").await;
    let login = c["servicos"][0]["login"]
        .as_str()
        .expect("login")
        .to_string();
    let v = api
        .get(&format!(
            "cliente/extrato_conexao?busca=login&termo_busca={login}&limit=5"
        ))
        .await;
    compare("cliente_extrato_conexao.response.json", &v);

    // Invoices: both boleto and direct-debit ones among a few customers.
    let mut faturas = Vec::new();
    for code in 1000..1040 {
        let v = api.get(&format!("cliente/financeiro?busca=codigo_cliente&termo_busca={code}&apenas_pendente=nao&limit=50")).await;
        faturas.extend(v["faturas"].as_array().expect("faturas").iter().cloned());
    }
    let v =
        json!({"status": "success", "msg": "Dados consultados com sucesso", "faturas": faturas});
    compare("cliente_financeiro.response.json", &v);
    let id_fatura = faturas
        .iter()
        .find(|f| f["cliente"]["codigo_cliente"] == 1000)
        .expect("invoice of 1000")["id_fatura"]
        .to_string();
    let mut b = fixture("cliente_financeiro_enviar_email.request.json");
    b["id_fatura"] = json!(id_fatura);
    compare(
        "cliente_financeiro_enviar_email.response.json",
        &api.post("cliente/financeiro/enviar_email", b).await,
    );
    let mut b = fixture("cliente_financeiro_enviar_sms.request_curl.json");
    b["id_fatura"] = json!(id_fatura);
    compare(
        "cliente_financeiro_enviar_sms.response.json",
        &api.post("cliente/financeiro/enviar_sms", b).await,
    );
    let mut b = fixture("cliente_financeiro_enviar_push.request.json");
    b["id_fatura"] = json!(id_fatura);
    compare(
        "cliente_financeiro_enviar_push.response.json",
        &api.post("cliente/financeiro/enviar_push", b).await,
    );
    let v = api.get("financeiro").await;
    compare("financeiro.response.json", &v);

    // PBX.
    compare(
        "pbx_notificar.response.json",
        &api.post(
            "pbx/ligacao/notificar",
            fixture("pbx_notificar.request.json"),
        )
        .await,
    );
    compare(
        "pbx_cancelar.response.json",
        &api.post("pbx/ligacao/cancelar", fixture("pbx_cancelar.request.json"))
            .await,
    );

    // Prospects.
    compare(
        "prospecto_create.error_cep_missing.json",
        &api.get("prospecto/create").await,
    );
    compare(
        "prospecto_create.error_cep_invalid.json",
        &api.get("prospecto/create?cep=01001000").await,
    );
    compare(
        "prospecto_create.response.json",
        &api.get("prospecto/create?cep=35500000").await,
    );
    compare(
        "prospecto_create.response.no_business_unit.json",
        &api.get("prospecto/create?cep=35660000").await,
    );
    let created = api
        .post("prospecto", fixture("prospecto_post.request.json"))
        .await;
    compare("prospecto_post.response.json", &created);
    let mut dup = fixture("prospecto_post.request.json");
    dup["cpf_cnpj"] = json!("41483316000169");
    compare(
        "prospecto_post.error.json",
        &api.post("prospecto", dup).await,
    );
    compare("prospecto_busca.error.json", &api.get("prospecto").await);
    compare(
        "prospecto_busca.response.json",
        &api.get("prospecto?busca=xpto").await,
    );

    // Reference data.
    compare(
        "endereco_cidade.response.json",
        &api.get("endereco/cidade").await,
    );
    compare(
        "rede_equipamento.response.json",
        &api.get("rede/equipamento").await,
    );
    compare("rede_pop.response.json", &api.get("rede/pop").await);
    compare(
        "rede_zona_atendimento.response.json",
        &api.get("rede/zona_atendimento").await,
    );
    api.sim.shutdown();
}

#[test]
fn every_response_fixture_is_exercised_above() {
    // Guards against a new fixture being vendored without a shape check.
    // Whitespace removed: rustfmt may break a call over several lines.
    let src: String = include_str!("sim_shapes.rs").split_whitespace().collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hubsoft-examples");
    for e in std::fs::read_dir(dir).expect("dir") {
        let name = e.expect("entry").file_name().to_string_lossy().into_owned();
        let is_answer = name.ends_with(".json") && !name.contains(".request");
        if is_answer {
            assert!(
                src.contains(&format!("compare(\"{name}\"")),
                "{name} has no shape check"
            );
        }
    }
}
