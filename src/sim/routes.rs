//! The HTTP surface: documented routes, auth, fault injection, admin routes.

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
use super::faults::Faults;
use super::render::{self, CustomerView};
use super::state::{Disconnect, Prospect, Record, ServiceOrder, Ticket};
use super::{Sim, lock};

type S = State<Arc<Sim>>;
type Q = Query<HashMap<String, String>>;
type Reply = (StatusCode, axum::Json<Value>);

const PREFIX: &str = "/api/v1/integracao";

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
    ) || (route == "prospecto" && method == Method::POST)
}

/// Waits until the simulator shuts down: a request that never answers.
async fn hang(sim: &Sim) -> Response {
    let mut rx = sim.shutdown.clone();
    while !*rx.borrow() {
        if rx.changed().await.is_err() {
            break;
        }
    }
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

fn roll(sim: &Sim, rate: f64) -> bool {
    rate > 0.0 && (rate >= 1.0 || lock(&sim.rng).random_bool(rate.clamp(0.0, 1.0)))
}

fn json_response(status: StatusCode, v: &Value) -> Response {
    let mut r = (status, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

async fn faults_layer(State(sim): S, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| route_name(m.as_str()))
        .unwrap_or_default();
    let method = req.method().clone();
    *sim.state()
        .counters
        .requests
        .entry(route.clone())
        .or_default() += 1;
    let f: Faults = lock(&sim.faults).clone();
    // Per-route latency holds whatever the route filter says.
    if let Some(ms) = f.route_latency_ms.get(&route).filter(|ms| **ms > 0) {
        tokio::time::sleep(Duration::from_millis(*ms)).await;
    }
    if !f.applies(&route) {
        return next.run(req).await;
    }
    let delay = f.latency_ms
        + if f.jitter_ms > 0 {
            lock(&sim.rng).random_range(0..=f.jitter_ms)
        } else {
            0
        };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if roll(&sim, f.hang_rate) {
        return hang(&sim).await;
    }
    if f.unauthorized {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"message": "Unauthenticated."}),
        );
    }
    if f.not_found {
        return json_response(
            StatusCode::NOT_FOUND,
            &json!({"status": "error", "msg": "Nenhum registro encontrado", "errors": []}),
        );
    }
    if f.status_error {
        return json_response(
            StatusCode::OK,
            &json!({"status": "error", "msg": "Favor preencher o atributo (busca)", "errors": ["busca"]}),
        );
    }
    if f.forbidden {
        return json_response(
            StatusCode::FORBIDDEN,
            &json!({"status": "error", "msg": "O Usuário não possui a permissão desejada!"}),
        );
    }
    if roll(&sim, f.rate_limit_rate) {
        let mut r = json_response(
            StatusCode::TOO_MANY_REQUESTS,
            &json!({"message": "Too Many Attempts."}),
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(f.retry_after_secs));
        return r;
    }
    if roll(&sim, f.error_500_rate) {
        return json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"message": "Server Error"}),
        );
    }
    if roll(&sim, f.html_502_rate) {
        let mut r = (
            StatusCode::BAD_GATEWAY,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        )
            .into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        return r;
    }
    let resp = next.run(req).await;
    if f.apply_then_stall && is_action(&route, &method) {
        return hang(&sim).await;
    }
    if f.apply_then_500 && is_action(&route, &method) {
        return json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"message": "Server Error"}),
        );
    }
    // The token grant carries no text for the screen, and a hostile
    // `access_token` would only stop every test at the door.
    let hostile = f.hostile_text && route != "oauth/token";
    let rewrites = hostile
        || f.suscess
        || f.not_found_on_empty
        || f.latin1
        || f.malformed_json_rate > 0.0
        || f.truncated_json_rate > 0.0;
    if !rewrites {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut bytes = bytes.to_vec();
    if parts.status == StatusCode::OK {
        if let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) {
            let mut changed = false;
            if f.not_found_on_empty && empty_search(&v) {
                parts.status = StatusCode::NOT_FOUND;
                v = json!({"status": "error", "msg": "Nenhum registro encontrado", "errors": []});
                changed = true;
            }
            if hostile {
                hostile_strings(&mut v, "");
                changed = true;
            }
            if f.suscess && v.get("status").and_then(Value::as_str) == Some("success") {
                v["status"] = json!("suscess");
                changed = true;
            }
            if changed {
                bytes = v.to_string().into_bytes();
            }
        }
        if roll(&sim, f.malformed_json_rate) {
            // A stray comma right after the opening brace: not JSON any more.
            bytes.insert(1.min(bytes.len()), b',');
        }
        if roll(&sim, f.truncated_json_rate) {
            bytes.truncate(bytes.len() / 2);
        }
    }
    if hostile && parts.status != StatusCode::OK {
        // Refusals and errors carry server text too (`msg`, `message`).
        if let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) {
            hostile_strings(&mut v, "");
            bytes = v.to_string().into_bytes();
        }
    }
    if f.latin1 {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (enc, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        bytes = enc.into_owned();
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Wraps every free-text string of `v` (see [`Faults::hostile_text`]) in
/// terminal control sequences; `key` is the member holding `v`.
fn hostile_strings(v: &mut Value, key: &str) {
    match v {
        Value::String(s)
            if super::faults::hostile_key(key) && s.chars().any(char::is_alphabetic) =>
        {
            *s = format!(
                "{}{s}{}",
                super::faults::HOSTILE_PREFIX,
                super::faults::HOSTILE_SUFFIX
            );
        }
        Value::Array(items) => items.iter_mut().for_each(|i| hostile_strings(i, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, i)| hostile_strings(i, k)),
        _ => {}
    }
}

/// A successful answer whose data list is empty.
fn empty_search(v: &Value) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    if obj.get("status").and_then(Value::as_str) != Some("success") {
        return false;
    }
    obj.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "status" | "msg" | "estatisticas"))
        .any(|(_, v)| v.as_array().is_some_and(Vec::is_empty))
}

async fn auth(State(sim): S, req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .map(str::to_string);
    let valid = token.is_some_and(|t| {
        let mut st = sim.state();
        match st.tokens.get(&t) {
            Some(exp) if *exp > Instant::now() => true,
            Some(_) => {
                st.tokens.remove(&t);
                false
            }
            None => false,
        }
    });
    if !valid {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"message": "Unauthenticated."}),
        );
    }
    next.run(req).await
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

// ---------------------------------------------------------------- oauth

async fn token(State(sim): S, body: Bytes) -> Response {
    let m = body_map(&body);
    let c = &sim.cfg.credentials;
    let field = |k: &str| text(&m, k).unwrap_or_default();
    if field("grant_type") != "password" {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "unsupported_grant_type", "message": "The authorization grant type is not supported by the authorization server."}),
        );
    }
    if field("client_id") != c.client_id || field("client_secret") != c.client_secret {
        return json_response(
            StatusCode::UNAUTHORIZED,
            // Real servers answer every credential mistake the same way.
            &json!({"error": "invalid_credentials", "message": "Client authentication failed"}),
        );
    }
    if field("username") != c.username || field("password") != c.password {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"error": "invalid_credentials", "message": "The user credentials were incorrect."}),
        );
    }
    let (access, refresh) = {
        let mut rng = lock(&sim.rng);
        let hex = |rng: &mut rand_chacha::ChaCha8Rng, n: usize| -> String {
            (0..n)
                .map(|_| format!("{:x}", rng.random_range(0..16u8)))
                .collect()
        };
        (
            format!("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{}", hex(&mut rng, 48)),
            format!("def50200{}", hex(&mut rng, 56)),
        )
    };
    let ttl = sim.cfg.token_ttl;
    {
        let mut st = sim.state();
        st.tokens.insert(access.clone(), Instant::now() + ttl);
        st.counters.bump("token", &sim.cfg.credentials.username);
    }
    json_response(
        StatusCode::OK,
        &json!({"access_token": access, "expires_in": ttl.as_secs(), "refresh_token": refresh, "token_type": "Bearer"}),
    )
}

// ---------------------------------------------------------------- customers

fn find_service(sim: &Sim, sid: u64) -> Option<(&data::Customer, usize)> {
    let sid = u32::try_from(sid).ok()?;
    let (cust, slot) = data::service_owner(sid)?;
    let c = sim.customer(cust)?;
    (slot < c.services.len()).then_some((c, slot))
}

fn mac_digits(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_ascii_uppercase()
}

async fn customer_search(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let lim = match limit(&query, 5, 100) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let include_cancelled = yes(&query, "cancelado", false);
    let view = CustomerView {
        consulta: true,
        ultima_conexao: yes(&query, "ultima_conexao", false),
        include_cancelled,
    };
    let folded = docs::fold(&termo);
    let digits = docs::digits(&termo);
    let doc_key = docs::doc_key(&termo);
    let mac = mac_digits(&termo);
    let matches = |c: &data::Customer| -> bool {
        match busca.as_str() {
            "nome_razaosocial" => c.name_folded.contains(&folded),
            "nome_fantasia" => c
                .fantasy_folded
                .as_deref()
                .is_some_and(|f| f.contains(&folded)),
            "cpf_cnpj" => !doc_key.is_empty() && c.doc == doc_key,
            "codigo_cliente" => termo.parse::<u32>().is_ok_and(|n| n == c.codigo()),
            // Digits only, no country code: a number still carrying 55 finds
            // nothing, as on real servers.
            "telefone" => !digits.is_empty() && c.phones.contains(&digits),
            "login_radius" => c.services.iter().any(|s| s.has_auth && s.login == termo),
            "ipv4" => c
                .services
                .iter()
                .any(|s| s.has_auth && s.ipv4_text() == termo),
            "mac" => {
                mac.len() == 12
                    && c.services
                        .iter()
                        .any(|s| s.has_auth && mac_digits(&s.mac_text()) == mac)
            }
            "id_cliente_servico" => termo
                .parse::<u32>()
                .is_ok_and(|id| c.services.iter().any(|s| s.id == id)),
            "id_cliente" => termo.parse::<u32>().is_ok_and(|id| id == c.id_cliente()),
            _ => false,
        }
    };
    // Current servers also search by service and internal customer id.
    const NEWER_KINDS: [&str; 2] = ["id_cliente_servico", "id_cliente"];
    let newer = sim.cfg.generation == crate::sim::Generation::Current
        && NEWER_KINDS.contains(&busca.as_str());
    const KINDS: [&str; 8] = [
        "nome_razaosocial",
        "nome_fantasia",
        "cpf_cnpj",
        "codigo_cliente",
        "telefone",
        "login_radius",
        "ipv4",
        "mac",
    ];
    if !KINDS.contains(&busca.as_str()) && !newer {
        return bad_busca(&busca, &KINDS);
    }
    let st = sim.state();
    let mut found: Vec<&data::Customer> = sim
        .customers
        .iter()
        .filter(|c| matches(c))
        .filter(|c| {
            include_cancelled
                || c.services
                    .iter()
                    .any(|s| render::effective_status(&sim, &st, s) != Status::Cancelled)
        })
        .collect();
    // The documented example orders by `codigo_cliente`, which the table
    // does not list; accept it.
    if q(&query, "order_by") == Some("codigo_cliente") {
        found.sort_by_key(|c| c.idx);
    } else {
        found.sort_by_key(|c| (c.registered, c.idx));
    }
    if desc(&query, false) {
        found.reverse();
    }
    let list: Vec<Value> = found
        .into_iter()
        .take(lim)
        .map(|c| render::customer_json(&sim, &st, c, &view))
        .collect();
    success(
        "Dados consultados com sucesso",
        "clientes",
        Value::Array(list),
    )
}

async fn customers_all(State(sim): S, Query(query): Q, RawQuery(raw): RawQuery) -> Response {
    let key = raw.unwrap_or_default();
    let ttl = sim.cfg.cache_ttl;
    let cached = sim
        .state()
        .all_cache
        .get(&key)
        .filter(|(at, _)| at.elapsed() < ttl)
        .map(|(_, snap)| snap.clone());
    let snapshot = match cached {
        Some(s) => s,
        None => {
            let (from, to) = match (
                date_param(&query, "data_inicio"),
                date_param(&query, "data_fim"),
            ) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => return e.into_response(),
            };
            let lim = match q(&query, "limit") {
                None => usize::MAX,
                Some(s) => match s.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return refuse(
                            "O atributo (limit) deve ser um número maior que 0",
                            vec!["limit".into()],
                        )
                        .into_response();
                    }
                },
            };
            let mut found: Vec<&data::Customer> = sim
                .customers
                .iter()
                .filter(|c| from.is_none_or(|f| c.registered.date() >= f))
                .filter(|c| to.is_none_or(|t| c.registered.date() <= t))
                .collect();
            found.sort_by_key(|c| (c.registered, c.idx));
            if desc(&query, false) {
                found.reverse();
            }
            found.truncate(lim);
            let mut st = sim.state();
            let snap = Arc::new(super::state::AllSnapshot {
                customers: found.iter().map(|c| c.idx).collect(),
                services: st.services.clone(),
            });
            st.all_cache.insert(key, (Instant::now(), snap.clone()));
            snap
        }
    };
    stream_all(sim, snapshot)
}

/// Streams a `cliente/all` answer, rendering a few hundred customers at a
/// time from `snapshot`: memory stays flat whatever the base's size, and
/// the first bytes leave at once (the client decodes as they arrive).
fn stream_all(sim: Arc<Sim>, snapshot: Arc<super::state::AllSnapshot>) -> Response {
    const CHUNK: usize = 256;
    let view = CustomerView {
        consulta: false,
        ultima_conexao: false,
        include_cancelled: true,
    };
    let head = Bytes::from_static(
        br#"{"status":"success","msg":"Dados consultados com sucesso","clientes":["#,
    );
    let total = snapshot.customers.len();
    let chunks = futures::stream::unfold(0usize, move |at| {
        let sim = sim.clone();
        let snapshot = snapshot.clone();
        async move {
            if at > total {
                return None;
            }
            if at == total {
                return Some((
                    Ok::<_, std::convert::Infallible>(Bytes::from_static(b"]}")),
                    at + 1,
                ));
            }
            let end = (at + CHUNK).min(total);
            let st = super::state::State {
                services: snapshot.services.clone(),
                ..Default::default()
            };
            let mut buf = Vec::with_capacity(CHUNK * 2048);
            for (i, idx) in snapshot.customers[at..end].iter().enumerate() {
                if at + i > 0 {
                    buf.push(b',');
                }
                let c = &sim.customers[*idx as usize];
                let v = render::customer_json(&sim, &st, c, &view);
                // Writing a `Value` into a `Vec` cannot fail.
                let _ = serde_json::to_writer(&mut buf, &v);
            }
            Some((Ok(Bytes::from(buf)), end))
        }
    });
    let body = Body::from_stream(
        futures::stream::once(async move { Ok::<_, std::convert::Infallible>(head) }).chain(chunks),
    );
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Customers selected by `busca` among the given kinds.
fn customers_by(sim: &Sim, busca: &str, termo: &str) -> Vec<u32> {
    let doc_key = docs::doc_key(termo);
    match busca {
        "codigo_cliente" => termo
            .parse::<u32>()
            .ok()
            .and_then(|n| n.checked_sub(data::CODIGO_BASE))
            .filter(|i| (*i as usize) < sim.customers.len())
            .into_iter()
            .collect(),
        "id_cliente" => termo
            .parse::<u32>()
            .ok()
            .and_then(|n| n.checked_sub(data::ID_CLIENTE_BASE))
            .filter(|i| (*i as usize) < sim.customers.len())
            .into_iter()
            .collect(),
        "cpf_cnpj" => sim
            .customers
            .iter()
            .filter(|c| !doc_key.is_empty() && c.doc == doc_key)
            .map(|c| c.idx)
            .collect(),
        "id_cliente_servico" => termo
            .parse::<u64>()
            .ok()
            .and_then(|sid| find_service(sim, sid))
            .map(|(c, _)| c.idx)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

async fn customer_tickets(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    const KINDS: [&str; 4] = [
        "codigo_cliente",
        "cpf_cnpj",
        "id_cliente_servico",
        "protocolo",
    ];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let pending_only = yes(&query, "apenas_pendente", true);
    let mut st = sim.state();
    let custs: Vec<u32> = if busca == "protocolo" {
        protocol_owner(&sim, &st, &termo).into_iter().collect()
    } else {
        customers_by(&sim, &busca, &termo)
    };
    for c in &custs {
        render::ensure_tickets(&sim, &mut st, *c);
    }
    let sid: Option<u32> = (busca == "id_cliente_servico").then(|| termo.parse().unwrap_or(0));
    let mut list: Vec<&Ticket> = custs
        .iter()
        .filter_map(|c| st.tickets.get(c))
        .flatten()
        .filter(|t| busca != "protocolo" || t.protocolo == termo)
        .filter(|t| sid.is_none_or(|s| t.service == s))
        .filter(|t| !pending_only || t.closed.is_none())
        .filter(|t| from.is_none_or(|f| t.created.date() >= f))
        .filter(|t| to.is_none_or(|d| t.created.date() <= d))
        .collect();
    let by_close = q(&query, "order_by") == Some("data_fechamento");
    list.sort_by_key(|t| (if by_close { t.closed } else { Some(t.created) }, t.id));
    if desc(&query, false) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .into_iter()
        .take(lim)
        .map(|t| render::ticket_json(&sim, &st, t))
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "atendimentos",
        Value::Array(out),
    )
}

fn protocol_owner(sim: &Sim, st: &super::state::State, p: &str) -> Option<u32> {
    if let Some(c) = st.protocol_owner.get(p) {
        return Some(*c);
    }
    if p.len() != 20 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let local: u32 = p[14..].parse().ok()?;
    let cust = local / 4;
    ((cust as usize) < sim.customers.len()).then_some(cust)
}

fn ticket_owner(sim: &Sim, st: &super::state::State, id: u32) -> Option<u32> {
    if let Some(c) = st.ticket_owner.get(&id) {
        return Some(*c);
    }
    let cust = id.checked_sub(data::TICKET_BASE)? / 4;
    ((cust as usize) < sim.customers.len() && id < 5_000_000).then_some(cust)
}

async fn customer_orders(State(sim): S, Query(query): Q) -> Reply {
    let Some(busca) = q(&query, "busca").map(str::to_string) else {
        return refuse(
            "Favor preencher o atributo (busca)",
            vec!["busca é obrigatório".into()],
        );
    };
    const KINDS: [&str; 4] = [
        "codigo_cliente",
        "cpf_cnpj",
        "id_cliente_servico",
        "numero_ordem_servico",
    ];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    // The document marks termo_busca optional here; without it there is
    // nothing to match, so the answer is an empty list.
    let termo = q(&query, "termo_busca").unwrap_or("").to_string();
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let status = q(&query, "status").map(str::to_string);
    let mut st = sim.state();
    let custs: Vec<u32> = if busca == "numero_ordem_servico" {
        termo
            .parse::<u32>()
            .ok()
            .and_then(|n| {
                let id = n + 20;
                st.os_owner.get(&id).copied().or_else(|| {
                    let cust = id.checked_sub(data::OS_BASE)? / 4;
                    ((cust as usize) < sim.customers.len() && id < 7_500_000).then_some(cust)
                })
            })
            .into_iter()
            .collect()
    } else {
        customers_by(&sim, &busca, &termo)
    };
    for c in &custs {
        render::ensure_tickets(&sim, &mut st, *c);
    }
    let sid: Option<u32> = (busca == "id_cliente_servico").then(|| termo.parse().unwrap_or(0));
    let mut list: Vec<&ServiceOrder> = custs
        .iter()
        .filter_map(|c| st.orders.get(c))
        .flatten()
        .filter(|o| busca != "numero_ordem_servico" || o.numero == termo)
        .filter(|o| sid.is_none_or(|s| o.service == s))
        .filter(|o| status.as_deref().is_none_or(|s| o.status == s))
        .filter(|o| from.is_none_or(|f| o.created.date() >= f))
        .filter(|o| to.is_none_or(|d| o.created.date() <= d))
        .collect();
    list.sort_by_key(|o| (o.created, o.id));
    if desc(&query, true) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .into_iter()
        .take(lim)
        .map(|o| render::order_json(&sim, &st, o, true))
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "ordens_servico",
        Value::Array(out),
    )
}

async fn connection_log(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if busca != "login" {
        return bad_busca(&busca, &["login"]);
    }
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let today = sim.now().date();
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a.unwrap_or(today - Days::new(30)), b.unwrap_or(today)),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let st = sim.state();
    let mut rows = Vec::new();
    for c in &sim.customers {
        for s in c.services.iter().filter(|s| s.has_auth && s.login == termo) {
            let status = render::effective_status(&sim, &st, s);
            for sess in render::effective_sessions(&sim, &st, c, s) {
                let d = sess.start.date();
                if d >= from && d <= to {
                    rows.push((sess.start, render::session_json(c, s, status, &sess), sess));
                }
            }
        }
    }
    // Newest first: what an attendant looks at.
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    rows.truncate(lim);
    let n = rows.len();
    let down: f64 = rows.iter().map(|r| r.2.down_mb).sum();
    let up: f64 = rows.iter().map(|r| r.2.up_mb).sum();
    let secs: i64 = rows
        .iter()
        .map(|r| {
            (r.2.stop.unwrap_or_else(|| sim.now()) - r.2.start)
                .num_seconds()
                .max(1)
        })
        .sum();
    let secs = secs.max(1) as f64;
    let list: Vec<Value> = rows.into_iter().map(|r| r.1).collect();
    ok(json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "registros": list,
        "estatisticas": {
            "total_conexoes": n,
            "download_total": render::money(down),
            "upload_total": render::money(up),
            "trafego_total": render::money(down + up),
            "media_download": render::money(down / secs),
            "media_upload": render::money(up / secs),
        }
    }))
}

// ---------------------------------------------------------------- invoices

async fn customer_invoices(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    const KINDS: [&str; 3] = ["cpf_cnpj", "codigo_cliente", "id_cliente_servico"];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let pending_only = yes(&query, "apenas_pendente", true);
    let mut list = Vec::new();
    for idx in customers_by(&sim, &busca, &termo) {
        let c = &sim.customers[idx as usize];
        for inv in data::invoices(sim.cfg.seed, c, sim.today) {
            if pending_only && inv.paid.is_some() {
                continue;
            }
            if from.is_some_and(|f| inv.due < f) || to.is_some_and(|t| inv.due > t) {
                continue;
            }
            list.push((c, inv));
        }
    }
    match q(&query, "order_by") {
        Some("data_pagamento") => list.sort_by_key(|(_, i)| (i.paid, i.id)),
        Some("valor") => {
            list.sort_by(|a, b| a.1.valor.total_cmp(&b.1.valor).then(a.1.id.cmp(&b.1.id)))
        }
        _ => list.sort_by_key(|(_, i)| (i.due, i.id)),
    }
    if desc(&query, false) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .iter()
        .take(lim)
        .map(|(c, i)| render::invoice_json(c, i))
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "faturas",
        Value::Array(out),
    )
}

async fn receivables(State(sim): S, Query(query): Q) -> Reply {
    let today = sim.now().date();
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let busca = q(&query, "busca");
    let termo = q(&query, "termo_busca");
    let by_payment = q(&query, "tipo_data") == Some("data_pagamento");
    let detailed = q(&query, "tipo_resultado") == Some("detalhado");
    let (mut from, mut to) = (from, to);
    let custs: Option<Vec<u32>> = match (busca, termo) {
        (Some(b), Some(t)) => {
            const KINDS: [&str; 4] = [
                "id_cliente",
                "codigo_cliente",
                "cpf_cnpj",
                "id_cliente_servico",
            ];
            if !KINDS.contains(&b) {
                return bad_busca(b, &KINDS);
            }
            Some(customers_by(&sim, b, t))
        }
        _ => {
            // Without a search the window is today-10..today, at most 30 days.
            let f = from.unwrap_or(today - Days::new(10));
            let t = to.unwrap_or(if from.is_some() {
                f + Days::new(30)
            } else {
                today
            });
            let t = t.min(f + Days::new(30));
            from = Some(f);
            to = Some(t);
            None
        }
    };
    let paid_filter = match q(&query, "apenas_quitado") {
        Some("sim") => Some(true),
        Some("nao") => Some(false),
        _ => None,
    };
    let mut list = Vec::new();
    let mut consider = |c: &data::Customer| {
        for inv in data::invoices(sim.cfg.seed, c, sim.today) {
            // Unpaid invoices have no payment date to filter on.
            let Some(d) = (if by_payment { inv.paid } else { Some(inv.due) }) else {
                continue;
            };
            if from.is_some_and(|f| d < f) || to.is_some_and(|t| d > t) {
                continue;
            }
            if paid_filter.is_some_and(|p| p != inv.paid.is_some()) {
                continue;
            }
            list.push((c.idx, inv));
        }
    };
    match &custs {
        Some(v) => v.iter().for_each(|i| consider(&sim.customers[*i as usize])),
        None => sim.customers.iter().for_each(&mut consider),
    }
    match q(&query, "order_by") {
        Some("data_pagamento") => list.sort_by_key(|(_, i)| (i.paid, i.id)),
        Some("valor") => {
            list.sort_by(|a, b| a.1.valor.total_cmp(&b.1.valor).then(a.1.id.cmp(&b.1.id)))
        }
        _ => list.sort_by_key(|(_, i)| (i.due, i.id)),
    }
    if desc(&query, false) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .iter()
        .take(lim)
        .map(|(c, i)| {
            let mut v = render::receivable_json(&sim.customers[*c as usize], i);
            if detailed {
                v["detalhamento"] = i
                    .lines
                    .iter()
                    .map(|(d, x)| json!({"descricao": d, "valor": render::money(*x)}))
                    .collect();
            }
            v
        })
        .collect();
    success(
        "Dados consultados com sucesso.",
        "faturas",
        Value::Array(out),
    )
}

fn find_invoice<'a>(
    sim: &'a Sim,
    m: &serde_json::Map<String, Value>,
) -> Result<(&'a data::Customer, data::Invoice), Reply> {
    let Some(id) = int(m, "id_fatura") else {
        return Err(refuse(
            "Favor preencher o atributo (id_fatura)",
            vec!["id_fatura é obrigatório".into()],
        ));
    };
    let found = u32::try_from(id)
        .ok()
        .and_then(data::invoice_owner)
        .and_then(|(cust, _)| sim.customer(cust))
        .and_then(|c| {
            data::invoices(sim.cfg.seed, c, sim.today)
                .into_iter()
                .find(|i| u64::from(i.id) == id)
                .map(|i| (c, i))
        });
    found.ok_or_else(|| {
        refuse(
            format!("Fatura {id} não encontrada"),
            vec!["id_fatura inválido".into()],
        )
    })
}

fn delay_json(sim: &Sim) -> Value {
    json!({
        "date": format!("{}.000000", render::iso(sim.now() + chrono::Duration::minutes(2))),
        "timezone_type": 3,
        "timezone": "America/Sao_Paulo",
    })
}

async fn send_email(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (c, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let contact = |email: &str, origem: &str| json!({"id_contato": null, "id_cliente": c.id_cliente(), "email": email, "nome": c.name, "name": c.name, "permite_enviar_email": true, "origem": origem});
    let mut emails: Vec<Value> = [&c.email, &c.email2]
        .into_iter()
        .flatten()
        .map(|e| contact(e, "cadastro_cliente"))
        .collect();
    emails.extend(
        strings(&m, "email_adicional")
            .iter()
            .map(|e| contact(e, "email_adicional")),
    );
    if emails.is_empty() {
        return refuse(
            "Nenhum e-mail válido encontrado para o envio da fatura",
            vec!["O cliente não possui e-mail cadastrado".into()],
        );
    }
    let job = json!({
        "tries": 1, "timeout": 172800, "memory": 2048,
        "faturas": [{"id_fatura": inv.id}],
        "emails": emails,
        "connection": null,
        "queue": "hubsoft-prioritario",
        "delay": delay_json(&sim),
    });
    record(&sim, "invoice_email", inv.id, job.clone());
    success(
        "As faturas foram adicionadas para serem disparadas por e-mail. Por se tratar de um processo de envio massivo, o sistema fará o agendamento do disparo. Dentro de alguns minutos o cliente irá receber os e-mails com as faturas. OBS: Para cada fatura selecionada será enviado um e-mail",
        "job",
        job,
    )
}

async fn send_sms(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (c, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let contact = |tel: &str, origem: &str| json!({"id_contato": null, "id_cliente": c.id_cliente(), "telefone": tel, "nome": c.name, "permite_enviar_sms": true, "origem": origem});
    // Only mobile numbers on file receive SMS.
    let mut phones: Vec<Value> = c
        .phones
        .iter()
        .filter(|p| p.len() == 11)
        .map(|p| contact(p, "cadastro_cliente"))
        .collect();
    // The documented JSON example sends the list as `email_adicional`.
    let mut extra = strings(&m, "telefone_adicional");
    if extra.is_empty() {
        extra = strings(&m, "email_adicional");
    }
    phones.extend(
        extra
            .iter()
            .map(|t| contact(&docs::digits(t), "telefone_adicional")),
    );
    let job = json!({
        "tries": 1, "timeout": 172800, "memory": 2048,
        "faturas": [{"id_fatura": inv.id}],
        "telefones": phones,
        "connection": null,
        "queue": "hubsoft-sms",
        "delay": delay_json(&sim),
    });
    record(&sim, "invoice_sms", inv.id, job.clone());
    success(
        "As faturas foram adicionadas para serem disparadas por SMS. Por se tratar de um processo de envio massivo, o sistema fará o agendamento do disparo. Dentro de alguns minutos o cliente irá receber as mensgens SMS com os dados das faturas. OBS: Para cada fatura selecionada será enviado um SMS",
        "job",
        job,
    )
}

async fn send_push(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (_, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    record(&sim, "invoice_push", inv.id, json!({"id_fatura": inv.id}));
    ok(json!({"status": "success", "msg": "Fatura enviada com sucesso via push notification"}))
}

// ---------------------------------------------------------------- actions

/// The required `id_cliente_servico` of an action body (string or number).
fn service_param(m: &serde_json::Map<String, Value>) -> Result<u32, Reply> {
    match int(m, "id_cliente_servico").and_then(|id| u32::try_from(id).ok()) {
        Some(id) if id > 0 => Ok(id),
        _ => Err(refuse(
            "Favor preencher o atributo (id_cliente_servico)",
            vec!["id_cliente_servico deve ser um número inteiro maior que 0".into()],
        )),
    }
}

fn service_not_found(id: u32) -> Reply {
    refuse(
        format!("Serviço do cliente {id} não encontrado"),
        vec!["id_cliente_servico inválido".into()],
    )
}

async fn trust_unlock(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let sid = match service_param(&m) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some((c, slot)) = find_service(&sim, u64::from(sid)) else {
        return service_not_found(sid);
    };
    let days = match m.get("dias_desbloqueio") {
        None | Some(Value::Null) => 1,
        Some(_) => match int(&m, "dias_desbloqueio") {
            Some(d) if d > 0 => d,
            _ => {
                return refuse(
                    "O atributo (dias_desbloqueio) deve ser um número inteiro maior que 0",
                    vec!["dias_desbloqueio inválido".into()],
                );
            }
        },
    };
    let max = u64::from(sim.cfg.unlock_max_days);
    if days > max {
        return refuse(
            format!(
                "A quantidade de dias de desbloqueio ({days}) excede o limite de {max} dias configurado no painel"
            ),
            vec![format!("dias_desbloqueio: máximo {max}")],
        );
    }
    let s = &c.services[slot];
    let until = sim.now().date() + Days::new(days);
    {
        let mut st = sim.state();
        if render::effective_status(&sim, &st, s) != Status::SuspendedDebt {
            return refuse(
                "O desbloqueio em confiança só pode ser realizado para serviços suspensos por débito",
                vec![format!(
                    "status atual: {}",
                    render::effective_status(&sim, &st, s).text().0
                )],
            );
        }
        st.services.entry(sid).or_default().unlocked_until = Some(until);
    }
    record(
        &sim,
        "unlock",
        sid,
        json!({"dias": days, "ate": until.to_string()}),
    );
    ok(
        json!({"status": "success", "msg": format!("Desbloqueio em confiança realizado com sucesso até a data {}", render::br_date(until))}),
    )
}

async fn disconnect(State(sim): S, Path(id): Path<String>) -> Reply {
    let Some((c, slot)) = id
        .parse::<u64>()
        .ok()
        .and_then(|sid| find_service(&sim, sid))
    else {
        return refuse(
            format!("Serviço do cliente {id} não encontrado"),
            vec!["id_cliente_servico inválido".into()],
        );
    };
    let s = &c.services[slot];
    let login = if s.has_auth {
        s.login.clone()
    } else {
        String::new()
    };
    let fail = || {
        ok(
            json!({"status": "error", "msg": format!("A desconexão não foi bem sucedida para o login {login}!"), "errors": []}),
        )
    };
    if !s.has_auth {
        return fail();
    }
    let now = sim.now();
    {
        let mut st = sim.state();
        let sessions = render::effective_sessions(&sim, &st, c, s);
        if !render::conn_online(&sessions, now) {
            return fail();
        }
        let delay = chrono::Duration::from_std(sim.cfg.reconnect_delay).unwrap_or_default();
        let n = st.services.get(&s.id).map_or(0, |o| o.disconnects.len()) as u32;
        // A new address from the public pool on every reconnection.
        let new_ip =
            u32::from(std::net::Ipv4Addr::new(189, 90, 0, 0)) + (s.id % 50_000) * 8 + n % 8 + 1;
        st.services
            .entry(s.id)
            .or_default()
            .disconnects
            .push(Disconnect {
                at: now,
                reconnect_at: now + delay,
                new_ip,
            });
    }
    record(&sim, "disconnect", s.id, json!({"login": login}));
    ok(
        json!({"status": "success", "msg": format!("A desconexão foi bem sucedida para o login {login}!"), "login": login}),
    )
}

async fn mac_reset(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let sid = match service_param(&m) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some((c, slot)) = find_service(&sim, u64::from(sid)) else {
        return service_not_found(sid);
    };
    if !c.services[slot].has_auth {
        return refuse(
            "O serviço não possui dados de autenticação, não é possível resetar o MAC",
            vec!["Serviço sem dados de autenticação".into()],
        );
    }
    sim.state().services.entry(sid).or_default().mac_reset = true;
    record(&sim, "mac_reset", sid, json!({}));
    ok(json!({"status": "success", "msg": "Endereço MAC resetado com sucesso!"}))
}

async fn ticket_open(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let mut missing = Vec::new();
    for k in ["id_cliente_servico", "descricao", "nome", "telefone"] {
        if text(&m, k).is_none() {
            missing.push(format!("O campo {k} é obrigatório."));
        }
    }
    if !missing.is_empty() {
        return refuse("Verifique os dados enviados", missing);
    }
    let sid = int(&m, "id_cliente_servico").unwrap_or(0);
    let Some((c, slot)) = find_service(&sim, sid) else {
        return service_not_found(sid as u32);
    };
    let s = &c.services[slot];
    let abrir_os = boolish(&m, "abrir_os");
    let now = sim.now();
    let descricao = format!(
        "{} | ATENDIMENTO ABERTO VIA API",
        text(&m, "descricao").unwrap_or_default()
    );
    let (ticket_id, protocolo, value) = {
        let mut st = sim.state();
        render::ensure_tickets(&sim, &mut st, c.idx);
        let n = st.next_ticket;
        st.next_ticket += 1;
        let id = n;
        let protocolo = format!(
            "{}{:06}",
            now.format("%Y%m%d%H%M%S"),
            900_000 + (n % 100_000)
        );
        let mut t = Ticket {
            id,
            protocolo: protocolo.clone(),
            cust: c.idx,
            service: s.id,
            created: now,
            closed: None,
            status: "Aguardando Análise".into(),
            tipo: "SAC".into(),
            descricao: descricao.clone(),
            descricao_fechamento: None,
            usuario: "API HUBDESK".into(),
            nome_contato: text(&m, "nome"),
            telefone_contato: text(&m, "telefone"),
            email_contato: text(&m, "email"),
            parametros: m.get("parametros").cloned(),
            os: Vec::new(),
        };
        if abrir_os {
            let os_id = st.next_os;
            st.next_os += 1;
            t.os.push(os_id);
            st.os_owner.insert(os_id, c.idx);
            st.orders.entry(c.idx).or_default().push(ServiceOrder {
                id: os_id,
                numero: (os_id - 20).to_string(),
                cust: c.idx,
                service: s.id,
                ticket: Some(id),
                created: now,
                tipo: "ABERTURA VIA API".into(),
                status: "aguardando_agendamento".into(),
                descricao: descricao.clone(),
                closed: None,
                usuario: "API HUBDESK".into(),
            });
        }
        st.ticket_owner.insert(id, c.idx);
        st.protocol_owner.insert(protocolo.clone(), c.idx);
        st.tickets.entry(c.idx).or_default().push(t);
        let t = st.tickets[&c.idx].last().expect("just pushed");
        let v = render::ticket_json(&sim, &st, t);
        (id, protocolo, v)
    };
    record(
        &sim,
        "ticket_open",
        s.id,
        json!({"id_atendimento": ticket_id, "protocolo": protocolo, "abrir_os": abrir_os,
               "parametros": m.get("parametros")}),
    );
    if abrir_os {
        record(&sim, "os_open", s.id, json!({"id_atendimento": ticket_id}));
    }
    let mut msg = format!("Atendimento aberto com sucesso. Anote o protocolo: {protocolo}.");
    if abrir_os {
        msg.push_str(" Foi aberto também uma ordem de serviço e encaminhada ao setor responsável");
    }
    success(&msg, "atendimento", value)
}

async fn ticket_edit(State(sim): S, Path(id): Path<String>, body: Bytes) -> Reply {
    let m = body_map(&body);
    let Ok(id) = id.parse::<u32>() else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id inválido: {id}")],
        );
    };
    if !m.contains_key("fechar_atendimento") || !m.contains_key("parametros") {
        return refuse(
            "Verifique os dados enviados",
            vec!["Os campos fechar_atendimento e parametros são obrigatórios.".into()],
        );
    }
    let close = boolish(&m, "fechar_atendimento");
    let now = sim.now();
    let mut st = sim.state();
    let Some(cust) = ticket_owner(&sim, &st, id) else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id_atendimento {id}")],
        );
    };
    render::ensure_tickets(&sim, &mut st, cust);
    let Some(t) = st
        .tickets
        .get_mut(&cust)
        .and_then(|v| v.iter_mut().find(|t| t.id == id))
    else {
        return refuse(
            "Atendimento não encontrado",
            vec![format!("id_atendimento {id}")],
        );
    };
    if t.closed.is_some() {
        return refuse(
            "Não é possível editar um atendimento fechado",
            vec![format!("O atendimento {} já está fechado", t.protocolo)],
        );
    }
    if let Some(d) = text(&m, "descricao") {
        t.descricao = d;
    }
    t.parametros = m.get("parametros").cloned();
    let os_ids = t.os.clone();
    if close {
        t.closed = Some(now);
        t.status = "Finalizado".into();
        t.descricao_fechamento = Some("Fechamento via API.".into());
    }
    let row = render::ticket_row_json(&sim, t);
    let mut closed_os = Vec::new();
    if close {
        for o in st.orders.get_mut(&cust).into_iter().flatten() {
            if os_ids.contains(&o.id) && o.closed.is_none() {
                o.closed = Some(now);
                o.status = "finalizado".into();
                closed_os.push(o.id);
            }
        }
    }
    drop(st);
    record(
        &sim,
        if close { "ticket_close" } else { "ticket_edit" },
        id,
        // Whether `descricao` (the opening description) was sent: a close
        // that sends it overwrites what the customer reported.
        json!({"parametros": m.get("parametros"), "descricao": m.get("descricao")}),
    );
    for o in closed_os {
        record(&sim, "os_close", o, json!({"id_atendimento": id}));
    }
    success("Atendimento atualizado com sucesso", "atendimento", row)
}

fn pbx(sim: &Sim, m: &serde_json::Map<String, Value>, kind: &str) -> Result<(), Reply> {
    let target = text(m, "ramal").or_else(|| text(m, "identificador_interno"));
    let Some(target) = target else {
        return Err(refuse(
            "Favor preencher o atributo (ramal) ou (identificador_interno)",
            vec!["ramal ou identificador_interno é obrigatório".into()],
        ));
    };
    if let Some(code) = int(m, "codigo_cliente")
        && customers_by(sim, "codigo_cliente", &code.to_string()).is_empty()
    {
        return Err(refuse(
            format!("Cliente com código {code} não encontrado"),
            vec!["codigo_cliente".into()],
        ));
    }
    if let Some(idc) = int(m, "id_cliente")
        && customers_by(sim, "id_cliente", &idc.to_string()).is_empty()
    {
        return Err(refuse(
            format!("Cliente {idc} não encontrado"),
            vec!["id_cliente".into()],
        ));
    }
    record(sim, kind, target, Value::Object(m.clone()));
    Ok(())
}

async fn pbx_notify(State(sim): S, body: Bytes) -> Reply {
    match pbx(&sim, &body_map(&body), "pbx_notify") {
        Ok(()) => ok(json!({"status": "success", "msg": "Ligação notificada com sucesso"})),
        Err(e) => e,
    }
}

async fn pbx_cancel(State(sim): S, body: Bytes) -> Reply {
    match pbx(&sim, &body_map(&body), "pbx_cancel") {
        Ok(()) => ok(json!({"status": "success", "msg": "Ligação cancelada com sucesso"})),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- prospects

fn city_of_cep(cep: &str) -> Option<&'static super::words::City> {
    let d = docs::digits(cep);
    if d.len() != 8 {
        return None;
    }
    let n: u32 = d.parse().ok()?;
    super::words::words()
        .cities
        .iter()
        .find(|c| (c.cep_first..=c.cep_last).contains(&n))
}

async fn prospect_plans(Query(query): Q) -> Reply {
    let Some(cep) = q(&query, "cep") else {
        return refuse("CEP não informado.", vec![]);
    };
    let Some(city) = city_of_cep(cep) else {
        return refuse("Nenhuma cidade foi encontrada com esse CEP.", vec![]);
    };
    let list: Vec<Value> = render::PROSPECT_PLANS
        .iter()
        .filter(|p| !city.business_unit || p.5)
        .map(render::prospect_plan_json)
        .collect();
    success(
        "Dados consultados com sucesso",
        "servicos",
        Value::Array(list),
    )
}

async fn prospect_search(State(sim): S, Query(query): Q) -> Reply {
    let Some(busca) = q(&query, "busca") else {
        return refuse("O campo busca é obrigatória", vec![]);
    };
    let f = docs::fold(busca);
    let st = sim.state();
    let list: Vec<Value> = st
        .prospects
        .iter()
        .filter(|p| docs::fold(&p.nome).contains(&f))
        .map(|p| render::prospect_json(p, false))
        .collect();
    success(
        "Dados consultados com sucesso",
        "prospectos",
        Value::Array(list),
    )
}

async fn prospect_create(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let servico = m
        .get("servico")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut missing = Vec::new();
    for k in [
        "cep",
        "nome_razaosocial",
        "cpf_cnpj",
        "telefone",
        "tipo_pessoa",
        "bairro",
        "endereco",
        "numero",
    ] {
        if text(&m, k).is_none() {
            missing.push(format!("O campo {k} é obrigatório."));
        }
    }
    for k in ["id_servico", "valor"] {
        if text(&servico, k).is_none() {
            missing.push(format!("O campo servico.{k} é obrigatório."));
        }
    }
    if !missing.is_empty() {
        return refuse("Verifique os dados enviados", missing);
    }
    let cep = text(&m, "cep").unwrap_or_default();
    if city_of_cep(&cep).is_none() {
        return refuse("Nenhuma cidade foi encontrada com esse CEP.", vec![]);
    }
    let tipo = text(&m, "tipo_pessoa").unwrap_or_default().to_lowercase();
    if tipo != "pf" && tipo != "pj" {
        return refuse(
            "O campo tipo_pessoa deve ser pf ou pj",
            vec!["tipo_pessoa".into()],
        );
    }
    let doc = docs::doc_key(&text(&m, "cpf_cnpj").unwrap_or_default());
    let now = sim.now();
    let p = {
        let mut st = sim.state();
        if let Some(prev) = st.prospects.iter().find(|p| p.doc == doc) {
            return refuse(
                format!(
                    "O CPF/CNPJ já foi cadastrado antes no prospecto {}",
                    prev.nome
                ),
                vec![],
            );
        }
        let p = Prospect {
            id: 100 + st.prospects.len() as u32 + 1000,
            nome: text(&m, "nome_razaosocial")
                .unwrap_or_default()
                .to_uppercase(),
            doc: doc.clone(),
            email: text(&m, "email"),
            telefone: docs::digits(&text(&m, "telefone").unwrap_or_default()),
            observacao: text(&m, "observacao"),
            tipo_pessoa: tipo,
            created: now,
            id_servico: int(&servico, "id_servico").unwrap_or(0) as u32,
            valor: text(&servico, "valor").unwrap_or_default(),
        };
        st.prospects.push(p.clone());
        p
    };
    record(&sim, "prospect_create", &doc, json!({"id_prospecto": p.id}));
    let mut v = render::prospect_json(&p, true);
    if let Some(o) = v.as_object_mut() {
        o.remove("id_cliente");
    }
    success("Prospecto adicionado com sucesso", "prospecto", v)
}

// ---------------------------------------------------------------- reference

async fn cities(State(sim): S) -> Reply {
    success(
        "Dados consultados com sucesso.",
        "cidades",
        Value::Array(render::cities(&sim)),
    )
}

async fn equipment() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "equipamentos",
        Value::Array(render::equipment_list()),
    )
}

async fn pops() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "pops",
        Value::Array(render::pops()),
    )
}

async fn zones() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "zonas_atendimento",
        Value::Array(render::zones()),
    )
}

// ---------------------------------------------------------------- admin

async fn admin_counters(State(sim): S) -> Response {
    let c = sim.state().counters.clone();
    json_response(StatusCode::OK, &serde_json::to_value(c).unwrap_or_default())
}

async fn admin_get_faults(State(sim): S) -> Response {
    let f = lock(&sim.faults).clone();
    json_response(StatusCode::OK, &serde_json::to_value(f).unwrap_or_default())
}

async fn admin_faults(State(sim): S, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            *lock(&sim.faults) = f;
            json_response(StatusCode::OK, &json!({"status": "success"}))
        }
        Err(e) => json_response(
            StatusCode::BAD_REQUEST,
            &json!({"status": "error", "msg": e.to_string()}),
        ),
    }
}

async fn admin_revoke(State(sim): S) -> Response {
    sim.state().tokens.clear();
    json_response(StatusCode::OK, &json!({"status": "success"}))
}
