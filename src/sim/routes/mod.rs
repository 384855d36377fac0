//! The HTTP surface: documented routes, auth, fault injection, admin routes.
//!
//! One file per API area, mirroring `src/api/` (an independent
//! implementation: nothing here imports the client's types). This module
//! holds the router and the helpers every area uses to read a request and
//! shape an answer.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Path, Query, RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::{Days, NaiveDate};
use futures::StreamExt as _;
use rand::Rng;
use serde_json::{Value, json};

use super::data::{self, Status};
use super::docs;
use super::render::{self, CustomerView};
use super::{Sim, lock};
use crate::sim::faults::Faults;
use crate::sim::state::{Disconnect, Prospect, Reconnect, Record, ServiceOrder, Ticket};

type S = State<Arc<Sim>>;
type Q = Query<HashMap<String, String>>;
type Reply = (StatusCode, axum::Json<Value>);

const PREFIX: &str = "/api/v1/integracao";

mod addresses;
mod admin;
mod bulk;
mod connections;
mod cpe;
mod customers;
mod invoices;
mod layers;
mod network;
mod oauth;
mod orders;
mod passwords;
mod pbx;
mod prospects;
mod receivables;
mod service_actions;
mod service_state;
mod tickets;

use addresses::*;
use admin::*;
use bulk::*;
use connections::*;
use cpe::*;
use customers::*;
use invoices::*;
use layers::*;
use network::*;
use oauth::*;
use orders::*;
use passwords::*;
use pbx::*;
use prospects::*;
use receivables::*;
use service_actions::*;
use service_state::*;
use tickets::*;

fn ok(v: Value) -> Reply {
    (StatusCode::OK, axum::Json(v))
}

/// A business refusal: HTTP 200 with the error envelope, as real servers do.
fn refuse(msg: impl Into<String>, errors: Vec<String>) -> Reply {
    ok(json!({"status": "error", "msg": msg.into(), "errors": errors}))
}

fn success(msg: &str, key: &str, data: Value) -> Reply {
    let mut v = json!({"status": "success", "msg": msg});
    v[key] = data;
    ok(v)
}

/// A success spelled `"suscess"`, as current servers answer their ticket,
/// order and invoice searches (HubSoft's own collection shows it); the
/// 2020 documentation spells it right.
fn success_as_sent(sim: &Sim, msg: &str, key: &str, data: Value) -> Reply {
    let word = match sim.cfg.generation {
        crate::sim::Generation::Current => "suscess",
        crate::sim::Generation::Documented2020 => "success",
    };
    let mut v = json!({"status": word, "msg": msg});
    v[key] = data;
    ok(v)
}

pub fn router(sim: Arc<Sim>) -> Router {
    let api = Router::new()
        .route(&format!("{PREFIX}/atendimento"), post(ticket_open))
        .route(&format!("{PREFIX}/atendimento/{{id}}"), put(ticket_edit))
        .route(&format!("{PREFIX}/cliente/all"), get(customers_all))
        .route(
            &format!("{PREFIX}/cliente/atendimento"),
            get(customer_tickets),
        )
        .route(&format!("{PREFIX}/cliente"), get(customer_search))
        .route(
            &format!("{PREFIX}/cliente/desbloqueio_confianca"),
            post(trust_unlock),
        )
        .route(
            &format!("{PREFIX}/cliente/solicitar_desconexao/{{id}}"),
            get(disconnect),
        )
        .route(
            &format!("{PREFIX}/cliente/extrato_conexao"),
            get(connection_log),
        )
        .route(
            &format!("{PREFIX}/cliente/financeiro"),
            get(customer_invoices),
        )
        .route(
            &format!("{PREFIX}/cliente/financeiro/enviar_email"),
            post(send_email),
        )
        .route(
            &format!("{PREFIX}/cliente/financeiro/enviar_sms"),
            post(send_sms),
        )
        .route(
            &format!("{PREFIX}/cliente/financeiro/enviar_push"),
            post(send_push),
        )
        .route(
            &format!("{PREFIX}/cliente/ordem_servico"),
            get(customer_orders),
        )
        .route(&format!("{PREFIX}/cliente/reset_mac_addr"), post(mac_reset))
        .route(&format!("{PREFIX}/endereco/cidade"), get(cities))
        .route(&format!("{PREFIX}/financeiro"), get(receivables))
        .route(&format!("{PREFIX}/pbx/ligacao/notificar"), post(pbx_notify))
        .route(&format!("{PREFIX}/pbx/ligacao/cancelar"), post(pbx_cancel))
        .route(&format!("{PREFIX}/prospecto/create"), get(prospect_plans))
        .route(
            &format!("{PREFIX}/prospecto"),
            get(prospect_search).post(prospect_create),
        )
        .route(&format!("{PREFIX}/rede/equipamento"), get(equipment))
        .route(&format!("{PREFIX}/rede/pop"), get(pops))
        .route(&format!("{PREFIX}/rede/zona_atendimento"), get(zones))
        // Routes of current servers (`crate::sim::NEWER_ROUTES`); a 2020
        // server answers them "no such route".
        .route(&format!("{PREFIX}/cliente/reset_phy_addr"), post(phy_reset))
        .route(
            &format!("{PREFIX}/cliente/cliente_servico/habilitar/{{id}}"),
            post(service_enable),
        )
        .route(
            &format!("{PREFIX}/cliente/cliente_servico/suspender/{{id}}"),
            post(service_suspend),
        )
        .route(
            &format!("{PREFIX}/cliente/cliente_servico/ativar/{{id}}"),
            post(service_activate),
        )
        .route(
            &format!("{PREFIX}/cliente/cliente_servico/{{id}}/senhas"),
            get(service_passwords),
        )
        .route(&format!("{PREFIX}/cliente/todos"), get(customers_paged))
        .route(&format!("{PREFIX}/financeiro/fatura"), get(invoices_paged))
        .route(
            &format!("{PREFIX}/configuracao/cidade"),
            get(cities_current),
        )
        .route(&format!("{PREFIX}/rede/cpe/todos"), get(cpe_list))
        .route(
            &format!("{PREFIX}/rede/reiniciar_cpe/{{phy_addr}}"),
            post(cpe_reboot),
        )
        .route(
            &format!("{PREFIX}/rede/restaurar_cpe/{{phy_addr}}"),
            post(cpe_restore),
        )
        .route_layer(middleware::from_fn_with_state(sim.clone(), auth));
    let documented = api
        .route("/oauth/token", post(token))
        .route_layer(middleware::from_fn_with_state(sim.clone(), faults_layer));
    let admin = Router::new()
        .route("/_sim/counters", get(admin_counters))
        .route("/_sim/faults", post(admin_faults).get(admin_get_faults))
        .route("/_sim/revoke", post(admin_revoke));
    documented.merge(admin).with_state(sim)
}

/// Route name of a matched path, as used by knobs and counters.
pub fn route_name(path: &str) -> String {
    path.strip_prefix(PREFIX)
        .unwrap_or(path)
        .trim_start_matches('/')
        .to_string()
}

fn is_action(route: &str, method: &Method) -> bool {
    matches!(
        route,
        "atendimento"
            | "atendimento/{id}"
            | "cliente/desbloqueio_confianca"
            | "cliente/solicitar_desconexao/{id}"
            | "cliente/financeiro/enviar_email"
            | "cliente/financeiro/enviar_sms"
            | "cliente/financeiro/enviar_push"
            | "cliente/reset_mac_addr"
            | "pbx/ligacao/notificar"
            | "pbx/ligacao/cancelar"
            | "cliente/reset_phy_addr"
            | "cliente/cliente_servico/habilitar/{id}"
            | "cliente/cliente_servico/suspender/{id}"
            | "cliente/cliente_servico/ativar/{id}"
            | "rede/reiniciar_cpe/{phy_addr}"
            | "rede/restaurar_cpe/{phy_addr}"
    ) || (route == "prospecto" && method == Method::POST)
}

/// On a 2020 server, the answer to a route it does not have: a `GET`
/// finds no route (404, the web server's HTML page); a `POST` meets the
/// catch-all `GET` route older servers register under `cliente/` and
/// `rede/`, and Laravel answers 405 in its JSON. Neither is HubSoft's
/// envelope. `None` on a current server.
fn not_offered(sim: &Sim, method: Method) -> Option<Response> {
    if sim.cfg.generation == crate::sim::Generation::Current {
        return None;
    }
    Some(if method == Method::GET {
        let mut r = (
            StatusCode::NOT_FOUND,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Not Found</title>\n</head>\n<body><div class=\"code\">404</div><div class=\"message\">Not Found</div></body>\n</html>\n",
        )
            .into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=UTF-8"),
        );
        r
    } else {
        let mut r = json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &json!({"message": "The POST method is not supported for this route. Supported methods: GET, HEAD."}),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    })
}

/// `pagina` (from 0) and `itens_por_pagina` (1..=500) of a paginated
/// route; both required unless `default_per` is given (then `pagina`
/// defaults to 0 too).
fn page_params(
    query: &HashMap<String, String>,
    default_per: Option<usize>,
) -> Result<(usize, usize), Reply> {
    let page = match (q(query, "pagina"), default_per) {
        (Some(p), _) => p.parse::<usize>().ok(),
        (None, Some(_)) => Some(0),
        (None, None) => None,
    };
    let per = match (q(query, "itens_por_pagina"), default_per) {
        (Some(p), _) => p.parse::<usize>().ok().filter(|n| (1..=500).contains(n)),
        (None, d) => d,
    };
    match (page, per) {
        (Some(page), Some(per)) => Ok((page, per)),
        _ => Err(refuse(
            "Os atributos (pagina) e (itens_por_pagina) são obrigatórios; itens_por_pagina: mínimo 1, máximo 500",
            vec!["pagina".into(), "itens_por_pagina".into()],
        )),
    }
}

/// `paginacao` of page `page` of `total` records, `per` a page.
fn paginacao(page: usize, per: usize, total: usize) -> Value {
    let last = total.div_ceil(per.max(1)).saturating_sub(1);
    json!({
        "primeira_pagina": 0,
        "ultima_pagina": last,
        "pagina_atual": page,
        "total_registros": total,
    })
}

/// JSON body, or form-encoded, or nothing: the documented curl examples
/// send JSON without a Content-Type, the JS/PHP samples send forms.
fn body_map(bytes: &Bytes) -> serde_json::Map<String, Value> {
    if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(bytes) {
        return m;
    }
    let mut m = serde_json::Map::new();
    if let Ok(pairs) = serde_urlencoded_pairs(bytes) {
        for (k, v) in pairs {
            m.insert(k, Value::String(v));
        }
    }
    m
}

fn serde_urlencoded_pairs(bytes: &Bytes) -> Result<Vec<(String, String)>, ()> {
    let text = std::str::from_utf8(bytes).map_err(|_| ())?;
    let decode = |s: &str| -> String {
        let s = s.replace('+', " ");
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%'
                && i + 2 < b.len()
                && let Ok(x) = u8::from_str_radix(&s[i + 1..i + 3], 16)
            {
                out.push(x);
                i += 3;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    Ok(text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect())
}

/// A field as text, whether sent as a JSON string or number.
fn text(m: &serde_json::Map<String, Value>, k: &str) -> Option<String> {
    match m.get(k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn int(m: &serde_json::Map<String, Value>, k: &str) -> Option<u64> {
    text(m, k)?.parse().ok()
}

fn boolish(m: &serde_json::Map<String, Value>, k: &str) -> bool {
    match m.get(k) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(s.as_str(), "true" | "1" | "sim"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    }
}

fn strings(m: &serde_json::Map<String, Value>, k: &str) -> Vec<String> {
    match m.get(k) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn q<'a>(q: &'a HashMap<String, String>, k: &str) -> Option<&'a str> {
    q.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// `limit` within 1..=max, `default` when absent.
fn limit(query: &HashMap<String, String>, default: usize, max: usize) -> Result<usize, Reply> {
    match q(query, "limit") {
        None => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(refuse(
                format!("O atributo (limit) deve ser um número entre 1 e {max}"),
                vec![format!("limit: mínimo 1, máximo {max}")],
            )),
        },
    }
}

fn date_param(query: &HashMap<String, String>, k: &str) -> Result<Option<NaiveDate>, Reply> {
    match q(query, k) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                refuse(
                    format!("O atributo ({k}) deve estar no formato AAAA-MM-DD"),
                    vec![format!("{k}: formato inválido")],
                )
            }),
    }
}

fn desc(query: &HashMap<String, String>, default_desc: bool) -> bool {
    match q(query, "order_type") {
        Some("desc") => true,
        Some("asc") => false,
        _ => default_desc,
    }
}

fn yes(query: &HashMap<String, String>, k: &str, default: bool) -> bool {
    match q(query, k) {
        Some("sim") => true,
        Some("nao") | Some("não") => false,
        _ => default,
    }
}

fn required_busca(query: &HashMap<String, String>) -> Result<(String, String), Reply> {
    match (q(query, "busca"), q(query, "termo_busca")) {
        (Some(b), Some(t)) => Ok((b.to_string(), t.to_string())),
        _ => Err(refuse(
            "Favor preencher o atributo (busca)",
            vec!["busca e termo_busca são obrigatórios".into()],
        )),
    }
}

fn bad_busca(busca: &str, allowed: &[&str]) -> Reply {
    refuse(
        format!(
            "O atributo (busca) deve ser um dos valores: {}",
            allowed.join(", ")
        ),
        vec![format!("busca inválida: {busca}")],
    )
}

fn record(sim: &Sim, kind: &str, target: impl std::fmt::Display, detail: Value) {
    let at = sim.now();
    let mut st = sim.state();
    st.counters.bump(kind, &target);
    st.records.push(Record {
        kind: kind.into(),
        target: target.to_string(),
        at,
        detail,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn refusal(r: Reply) -> Value {
        assert_eq!(r.0, StatusCode::OK, "refusals travel as HTTP 200");
        assert_eq!(r.1.0["status"], "error");
        r.1.0
    }

    #[test]
    fn route_names_drop_the_prefix() {
        assert_eq!(route_name("/api/v1/integracao/cliente/all"), "cliente/all");
        assert_eq!(route_name("/oauth/token"), "oauth/token");
    }

    #[test]
    fn only_writes_count_as_actions() {
        assert!(is_action("cliente/reset_mac_addr", &Method::POST));
        assert!(is_action("cliente/solicitar_desconexao/{id}", &Method::GET));
        assert!(is_action("prospecto", &Method::POST));
        assert!(!is_action("prospecto", &Method::GET));
        assert!(!is_action("cliente", &Method::GET));
    }

    #[test]
    fn bodies_are_json_or_a_form() {
        let json = body_map(&Bytes::from_static(br#"{"id_cliente_servico": 7}"#));
        assert_eq!(int(&json, "id_cliente_servico"), Some(7));
        let form = body_map(&Bytes::from_static(
            b"id_cliente_servico=7&dias_desbloqueio=2",
        ));
        assert_eq!(text(&form, "dias_desbloqueio").as_deref(), Some("2"));
        assert!(body_map(&Bytes::from_static(b"\xff\xfe")).is_empty());
    }

    #[test]
    fn limits_dates_and_busca_are_checked_as_the_docs_say() {
        assert_eq!(limit(&query(&[]), 5, 100).unwrap(), 5);
        assert_eq!(limit(&query(&[("limit", "100")]), 5, 100).unwrap(), 100);
        for bad in ["0", "101", "x"] {
            let e = refusal(limit(&query(&[("limit", bad)]), 5, 100).unwrap_err());
            assert!(e["msg"].as_str().unwrap().contains("100"), "{e}");
        }
        assert_eq!(
            date_param(&query(&[("data_inicio", "2026-02-10")]), "data_inicio").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 10)
        );
        refusal(date_param(&query(&[("data_inicio", "10/02/2026")]), "data_inicio").unwrap_err());
        let e = refusal(required_busca(&query(&[("busca", "cpf_cnpj")])).unwrap_err());
        assert_eq!(e["msg"], "Favor preencher o atributo (busca)");
        assert_eq!(
            required_busca(&query(&[("busca", "cpf_cnpj"), ("termo_busca", "1")])).unwrap(),
            ("cpf_cnpj".to_owned(), "1".to_owned())
        );
    }

    #[test]
    fn flags_read_sim_and_nao() {
        assert!(yes(&query(&[("cancelado", "sim")]), "cancelado", false));
        assert!(!yes(&query(&[("cancelado", "nao")]), "cancelado", true));
        assert!(yes(&query(&[]), "cancelado", true));
        let m = body_map(&Bytes::from_static(br#"{"abrir_os": "sim", "x": true}"#));
        assert!(boolish(&m, "abrir_os") && boolish(&m, "x") && !boolish(&m, "y"));
    }
}
