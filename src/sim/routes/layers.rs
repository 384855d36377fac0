//! Middleware: fault injection around every documented route, and bearer-token checks.

use super::*;

/// Waits until the simulator shuts down: a request that never answers.
pub(super) async fn hang(sim: &Sim) -> Response {
    let mut rx = sim.shutdown.clone();
    while !*rx.borrow() {
        if rx.changed().await.is_err() {
            break;
        }
    }
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

pub(super) fn roll(sim: &Sim, rate: f64) -> bool {
    rate > 0.0 && (rate >= 1.0 || lock(&sim.rng).random_bool(rate.clamp(0.0, 1.0)))
}

pub(super) fn json_response(status: StatusCode, v: &Value) -> Response {
    let mut r = (status, v.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

pub(super) async fn faults_layer(State(sim): S, req: Request, next: Next) -> Response {
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
pub(super) fn hostile_strings(v: &mut Value, key: &str) {
    match v {
        Value::String(s)
            if crate::sim::faults::hostile_key(key) && s.chars().any(char::is_alphabetic) =>
        {
            *s = format!(
                "{}{s}{}",
                crate::sim::faults::HOSTILE_PREFIX,
                crate::sim::faults::HOSTILE_SUFFIX
            );
        }
        Value::Array(items) => items.iter_mut().for_each(|i| hostile_strings(i, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, i)| hostile_strings(i, k)),
        _ => {}
    }
}

/// A successful answer whose data list is empty.
pub(super) fn empty_search(v: &Value) -> bool {
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

pub(super) async fn auth(State(sim): S, req: Request, next: Next) -> Response {
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
