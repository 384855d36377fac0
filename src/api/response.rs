//! Turning an HTTP answer into a result: charset fallback, the HubSoft
//! envelope, status codes, HTML error pages and path-naming decode errors.
//! Pure functions, so that every real-world quirk has a unit test here.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;

use super::error::ApiError;

/// Longest excerpt of a body kept in an error, in characters.
const EXCERPT_CHARS: usize = 160;

/// What one HTTP exchange amounted to, before decoding into the caller's type.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// 2xx and the envelope is not `status: "error"`: decode the body.
    Success,
    /// HTTP 401: the token was refused; the server's message if it gave one.
    Unauthorized(Option<String>),
    /// Anything else, already mapped.
    Failed(ApiError),
}

/// Decodes a body as UTF-8, falling back to Windows-1252 (a superset of the
/// printable Latin-1 range) because some servers send Latin-1 on bulk routes.
pub(crate) fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The body as text, without copying it when it is UTF-8.
pub(crate) fn into_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => decode_text(e.as_bytes()).into_owned(),
    }
}

/// Reads the body of `response`, at most `limit` bytes. For a success
/// (2xx) a longer body is [`ApiError::TooLarge`], detected from
/// `Content-Length` before anything is read, or as soon as the bytes
/// received pass the limit; for any other status the body is cut at the
/// limit (only its start is ever shown). Memory never holds more than the
/// limit plus one chunk.
pub(crate) async fn read_body(
    route: &'static str,
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Vec<u8>, ApiError> {
    let success = response.status().is_success();
    let too_large = || ApiError::TooLarge { route, limit };
    let announced = response.content_length();
    if success && announced.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let capacity = announced.unwrap_or(0).min(limit).min(64 * 1024 * 1024);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| network_error(route, e))?
    {
        let room = usize::try_from(limit.saturating_sub(body.len() as u64)).unwrap_or(usize::MAX);
        if chunk.len() > room {
            if success {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk[..room]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A 3xx answer as [`ApiError::Redirected`], or `None` for any other
/// status. The `Location` is resolved against the request's URL and cut
/// to `scheme://host[:port]/path`: its query or user info may hold a CPF
/// or a password, and the error reaches the screen and the logs.
pub(crate) fn redirect(route: &'static str, response: &reqwest::Response) -> Option<ApiError> {
    let status = response.status();
    if !status.is_redirection() {
        return None;
    }
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| redirect_target(response.url(), v));
    Some(ApiError::Redirected {
        route,
        status: status.as_u16(),
        location,
    })
}

/// Where a `Location` points, resolved against `base` and reduced to
/// `scheme://host[:port]/path` (at most [`EXCERPT_CHARS`] characters).
pub(crate) fn redirect_target(base: &reqwest::Url, location: &str) -> Option<String> {
    let mut url = base.join(location.trim()).ok()?;
    url.set_query(None);
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Some(shorten(url.as_str()))
}

/// The envelope members the client looks at; everything else is skipped
/// without being built, so checking a large body costs one scan.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    status: Option<Value>,
    #[serde(default)]
    msg: Option<Value>,
    #[serde(default)]
    message: Option<Value>,
    #[serde(default)]
    errors: Option<Value>,
}

impl Envelope {
    /// Decide by "status is not error": some servers spell success `"suscess"`.
    fn is_error(&self) -> bool {
        self.status
            .as_ref()
            .and_then(Value::as_str)
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("error"))
    }

    /// `msg` (or Laravel's `message`); a list or map there is flattened,
    /// since some validation answers put their messages in `msg` itself.
    fn message(&self) -> Option<String> {
        [self.msg.as_ref(), self.message.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|v| {
                text_of(v).or_else(|| {
                    let parts = flatten_errors(v);
                    (!parts.is_empty()).then(|| parts.join("; "))
                })
            })
    }

    fn into_refused(self, route: &'static str) -> ApiError {
        let errors = self.errors.as_ref().map(flatten_errors).unwrap_or_default();
        let msg = self
            .message()
            .or_else(|| errors.first().cloned())
            .unwrap_or_else(|| "the server refused the request".to_owned());
        ApiError::Refused { route, msg, errors }
    }
}

/// A non-empty string value, trimmed.
fn text_of(v: &Value) -> Option<String> {
    v.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Maps status and body to an [`Outcome`]. `retry_after` is the parsed
/// `Retry-After` header, kept on 429.
pub(crate) fn classify(
    route: &'static str,
    status: u16,
    retry_after: Option<Duration>,
    text: &str,
) -> Outcome {
    match status {
        200..=299 => match serde_json::from_str::<Envelope>(text) {
            Ok(env) if env.is_error() => Outcome::Failed(env.into_refused(route)),
            Ok(_) => Outcome::Success,
            // Valid JSON that is not an object (a bare list): let the caller's type decide.
            Err(_) if serde_json::from_str::<IgnoredAny>(text).is_ok() => Outcome::Success,
            Err(_) => Outcome::Failed(ApiError::Decode {
                route,
                path: ".".to_owned(),
                detail: not_json_detail(text),
            }),
        },
        401 => Outcome::Unauthorized(json_message(text)),
        403 => Outcome::Failed(ApiError::Forbidden {
            route,
            msg: json_message(text),
        }),
        404 | 405 if super::routes::is_newer(route) && !is_envelope(text) => {
            Outcome::Failed(ApiError::NotOffered { route, status })
        }
        404 => Outcome::Failed(ApiError::NotFound {
            route,
            msg: json_message(text),
        }),
        429 => Outcome::Failed(ApiError::RateLimited { route, retry_after }),
        500..=599 => Outcome::Failed(ApiError::Http {
            route,
            status,
            excerpt: excerpt(text),
        }),
        _ => match serde_json::from_str::<Envelope>(text) {
            // 422 is Laravel's validation error, with `message`/`errors` and no `status`.
            Ok(env) if env.is_error() || status == 422 => Outcome::Failed(env.into_refused(route)),
            _ => Outcome::Failed(ApiError::Http {
                route,
                status,
                excerpt: excerpt(text),
            }),
        },
    }
}

/// True when `text` is HubSoft's JSON envelope: an object carrying
/// `status` or `msg`. HubSoft's own "record not found" always does; the
/// "no such route" answers of a server that predates a route do not (an
/// HTML page from the web server, or the framework's `{"message": "..."}`).
pub(crate) fn is_envelope(text: &str) -> bool {
    serde_json::from_str::<Envelope>(text)
        .is_ok_and(|env| env.status.is_some() || env.msg.is_some())
}

/// Maps a transport failure. The URL is stripped (its query may hold a
/// CPF or a phone number) and `sent` is false only when the connection was
/// never established, so nothing can have reached the server.
pub(crate) fn network_error(route: &'static str, err: reqwest::Error) -> ApiError {
    let timeout = err.is_timeout();
    let sent = !err.is_connect();
    let err = err.without_url();
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        source = cause.source();
    }
    ApiError::Network {
        route,
        timeout,
        sent,
        detail,
    }
}

/// Decodes the whole body into `T`, naming the JSON path that failed.
///
/// Tracking the path costs about as much again as the decode itself, so a
/// body is decoded plainly first and only a failing one is decoded again
/// with the tracking, for the error (decoding is deterministic: the second
/// pass fails at the same place).
pub(crate) fn decode_body<T: DeserializeOwned>(
    route: &'static str,
    text: &str,
) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(value) = T::deserialize(&mut de) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| ApiError::Decode {
        route,
        path: e.path().to_string(),
        detail: elide_strings(&e.inner().to_string()),
    })
}

/// The `msg` (or `message`) of a JSON object body, if any.
pub(crate) fn json_message(text: &str) -> Option<String> {
    serde_json::from_str::<Envelope>(text)
        .ok()
        .and_then(|env| env.message())
}

/// A short, single-line description of a body for an error message.
pub(crate) fn excerpt(text: &str) -> String {
    if looks_like_html(text) {
        return html_title(text).unwrap_or_else(|| "HTML page".to_owned());
    }
    if let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(text)
        && let Some(msg) = ["msg", "message", "error"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of))
    {
        return shorten(&msg);
    }
    shorten(text)
}

/// [`ApiError::Decode`]'s detail when the body is JSON cut before its end
/// (a proxy or a server that stopped writing; two bodies of HubSoft's own
/// collection look like this).
pub const DETAIL_CUT_SHORT: &str = "the body ends before its JSON is complete";
/// The detail when the body is empty.
pub const DETAIL_EMPTY: &str = "the body is empty";
/// The detail when the body is not JSON at all.
pub const DETAIL_NOT_JSON: &str = "the body is not JSON";

fn not_json_detail(text: &str) -> String {
    let parsed = serde_json::from_str::<IgnoredAny>(text);
    // A number cut at its very last byte is a cut too: serde calls `254.`
    // at the end an invalid number, not an end of input (an unbalanced
    // `}` at the end stays "not JSON").
    let at_end = |e: &serde_json::Error| {
        let body = text.trim_end();
        let last = body.lines().last().unwrap_or("");
        body.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
            && e.line() == body.lines().count()
            && e.column() >= last.len()
    };
    let cut_short = parsed.as_ref().is_err_and(|e| e.is_eof() || at_end(e));
    if text.trim().is_empty() {
        DETAIL_EMPTY.to_owned()
    } else if cut_short && !looks_like_html(text) {
        DETAIL_CUT_SHORT.to_owned()
    } else if looks_like_html(text) {
        match html_title(text) {
            Some(title) => format!("an HTML page (\"{title}\") instead of JSON"),
            None => "an HTML page instead of JSON".to_owned(),
        }
    } else {
        match parsed {
            // Where the JSON breaks, so whoever fixes the server can look.
            Err(e) if e.line() > 0 => format!(
                "{DETAIL_NOT_JSON} (line {}, column {})",
                e.line(),
                e.column()
            ),
            _ => DETAIL_NOT_JSON.to_owned(),
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(64).collect();
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<body")
        || head.starts_with("<?xml")
        || head.starts_with("<title")
        || head.starts_with("<h1")
        || head.starts_with("<center")
}

/// The text of the first `<title>` element, entity-decoded and on one line.
pub(crate) fn html_title(html: &str) -> Option<String> {
    // ASCII lowercasing keeps byte offsets, so indices map back onto `html`.
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = decode_entities(&collapse_ws(&html[start..end]));
    (!title.is_empty()).then(|| shorten(&title))
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(s: &str) -> String {
    let s = collapse_ws(s);
    match s.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s,
    }
}

/// Flattens HubSoft's `errors`, seen as a list of strings, a list of objects
/// or a map of field to message(s), into one string per message.
pub(crate) fn flatten_errors(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    push_errors(value, None, &mut out);
    out
}

fn push_errors(value: &Value, field: Option<&str>, out: &mut Vec<String>) {
    let mut push = |text: String| {
        let text = text.trim().to_owned();
        if !text.is_empty() {
            out.push(match field {
                Some(f) => format!("{f}: {text}"),
                None => text,
            });
        }
    };
    match value {
        Value::Null => {}
        Value::String(s) => push(s.clone()),
        Value::Bool(_) | Value::Number(_) => push(value.to_string()),
        Value::Array(items) => items.iter().for_each(|v| push_errors(v, field, out)),
        Value::Object(map) => {
            let own = ["msg", "message", "mensagem", "error", "erro"]
                .iter()
                .find_map(|k| map.get(*k).and_then(text_of));
            match own {
                Some(msg) => push(msg),
                None => map
                    .iter()
                    .for_each(|(k, v)| push_errors(v, Some(field.unwrap_or(k)), out)),
            }
        }
    }
}

/// Parses `Retry-After`: delay seconds or an HTTP date (relative to `now`).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(at.timestamp()).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Replaces the contents of double-quoted strings in a serde message with
/// `…`: `invalid type: string "123.456.789-09"` must not carry customer data
/// into an error that may end up in a log.
fn elide_strings(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut chars = detail.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            out.push('…');
            while let Some(inner) = chars.next() {
                match inner {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        out.push('"');
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_body_cut_inside_a_number_is_cut_short() {
        // serde calls `254.` at the end an invalid number, not an EOF.
        assert_eq!(
            super::not_json_detail(r#"{"servicos":[{"valor":254."#),
            super::DETAIL_CUT_SHORT
        );
        assert_eq!(
            super::not_json_detail(r#"{"valor":254.x}"#),
            "the body is not JSON (line 1, column 14)"
        );
        assert_eq!(
            super::not_json_detail(r#"{"valor":254}}"#),
            "the body is not JSON (line 1, column 14)"
        );
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn utf8_passes_and_latin1_falls_back() {
        assert_eq!(decode_text("JOSÉ".as_bytes()), "JOSÉ");
        assert!(matches!(decode_text(b"abc"), Cow::Borrowed(_)));
        assert_eq!(decode_text(b"JOS\xC9 \xE7\xE3o"), "JOSÉ ção");
        // Windows-1252 specials, seen in texts pasted from office software.
        assert_eq!(decode_text(b"\x93ok\x94"), "\u{201c}ok\u{201d}");
    }

    #[test]
    fn html_title_extraction() {
        let page =
            "<html><HEAD><Title>\n 502  Bad Gateway\n</TITLE></head><body>nginx</body></html>";
        assert_eq!(html_title(page).as_deref(), Some("502 Bad Gateway"));
        assert_eq!(
            html_title("<title>A &amp; B</title>").as_deref(),
            Some("A & B")
        );
        assert_eq!(html_title("<html><body>no title</body></html>"), None);
        assert_eq!(html_title("<title></title>"), None);
        assert_eq!(
            excerpt("<!DOCTYPE html><html><body>x</body></html>"),
            "HTML page"
        );
        assert_eq!(excerpt("<html><title>Oops</title></html>"), "Oops");
    }

    #[test]
    fn excerpt_prefers_json_message_and_is_short() {
        assert_eq!(excerpt(r#"{"message":"Server Error"}"#), "Server Error");
        let long = "x".repeat(500);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("  a\n  b "), "a b");
    }

    #[test]
    fn errors_are_flattened_from_every_shape() {
        assert_eq!(flatten_errors(&json!([])), Vec::<String>::new());
        assert_eq!(flatten_errors(&json!(["a", " b "])), ["a", "b"]);
        assert_eq!(
            flatten_errors(&json!({"cep": ["obrigatório", "inválido"], "numero": "falta"})),
            ["cep: obrigatório", "cep: inválido", "numero: falta"]
        );
        assert_eq!(
            flatten_errors(&json!([{"campo": "cep", "mensagem": "CEP inválido"}, {"codigo": 7}])),
            ["CEP inválido", "codigo: 7"]
        );
        assert_eq!(flatten_errors(&json!("só um")), ["só um"]);
        assert_eq!(flatten_errors(&Value::Null), Vec::<String>::new());
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            parse_retry_after(" 12 ", now),
            Some(Duration::from_secs(12))
        );
        // 2023-11-14T22:13:20Z is 1_700_000_000; ten seconds later:
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:30 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn a_newer_route_without_an_envelope_is_not_offered() {
        let html = "<html><head><title>404 Not Found</title></head></html>";
        let laravel_405 = r#"{"message":"The POST method is not supported for this route."}"#;
        for (route, status, body) in [
            ("cliente/todos", 404, html),
            ("cliente/todos", 404, ""),
            ("cliente/reset_phy_addr", 405, laravel_405),
            ("rede/cpe/todos", 404, r#"{"message":""}"#),
        ] {
            match classify(route, status, None, body) {
                Outcome::Failed(ApiError::NotOffered {
                    route: r,
                    status: s,
                }) => {
                    assert_eq!((r, s), (route, status));
                }
                other => panic!("{route} {status}: {other:?}"),
            }
        }
        // HubSoft's own "not found" on a newer route is a missing record.
        let envelope = r#"{"status":"error","msg":"Nenhum registro encontrado"}"#;
        assert!(matches!(
            classify("cliente/todos", 404, None, envelope),
            Outcome::Failed(ApiError::NotFound { .. })
        ));
        // A 2020 route's 404 stays "nothing found", whatever its body.
        assert!(matches!(
            classify("cliente/all", 404, None, html),
            Outcome::Failed(ApiError::NotFound { .. })
        ));
        // A 405 on a 2020 route is an unexpected status, not a version gap.
        assert!(matches!(
            classify("cliente", 405, None, laravel_405),
            Outcome::Failed(ApiError::Http { status: 405, .. })
        ));
        assert!(is_envelope(r#"{"msg":"x"}"#) && !is_envelope(r#"{"message":"x"}"#));
    }

    #[test]
    fn classify_envelopes_and_statuses() {
        let ok = classify("r", 200, None, r#"{"status":"suscess","msg":"ok"}"#);
        assert!(matches!(ok, Outcome::Success));
        assert!(matches!(
            classify("r", 200, None, "[1,2]"),
            Outcome::Success
        ));
        match classify(
            "r",
            200,
            None,
            r#"{"status":"error","msg":"Não pode","errors":[]}"#,
        ) {
            Outcome::Failed(ApiError::Refused { msg, errors, .. }) => {
                assert_eq!(msg, "Não pode");
                assert!(errors.is_empty());
            }
            other => panic!("{other:?}"),
        }
        match classify(
            "r",
            422,
            None,
            r#"{"message":"Dados inválidos","errors":{"cep":["x"]}}"#,
        ) {
            Outcome::Failed(ApiError::Refused { msg, errors, .. }) => {
                assert_eq!(msg, "Dados inválidos");
                assert_eq!(errors, ["cep: x"]);
            }
            other => panic!("{other:?}"),
        }
        match classify("r", 200, None, r#"{"status":"error","msg":["a","b"]}"#) {
            Outcome::Failed(ApiError::Refused { msg, .. }) => assert_eq!(msg, "a; b"),
            other => panic!("{other:?}"),
        }
        match classify("r", 200, None, r#"{"status":"error","errors":["só isto"]}"#) {
            Outcome::Failed(ApiError::Refused { msg, .. }) => assert_eq!(msg, "só isto"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            classify("r", 401, None, r#"{"message":"Unauthenticated."}"#),
            Outcome::Unauthorized(Some(m)) if m == "Unauthenticated."
        ));
        assert!(matches!(
            classify("r", 200, None, "<html><title>Login</title></html>"),
            Outcome::Failed(ApiError::Decode { detail, .. }) if detail.contains("\"Login\"")
        ));
        assert!(matches!(
            classify("r", 400, None, "bad"),
            Outcome::Failed(ApiError::Http { status: 400, .. })
        ));
        assert!(matches!(
            classify("r", 429, Some(Duration::from_secs(3)), ""),
            Outcome::Failed(ApiError::RateLimited { retry_after: Some(d), .. }) if d.as_secs() == 3
        ));
    }

    #[test]
    fn redirect_targets_are_resolved_and_stripped() {
        let base =
            reqwest::Url::parse("https://erp.isp.com.br/api/v1/integracao/cliente?termo_busca=123")
                .unwrap();
        assert_eq!(
            redirect_target(
                &base,
                "http://evil.example:8080/oauth/token?cpf=12345678909#x"
            )
            .as_deref(),
            Some("http://evil.example:8080/oauth/token")
        );
        assert_eq!(
            redirect_target(&base, "https://u:p@other.example/x").as_deref(),
            Some("https://other.example/x")
        );
        // Relative to the request: a missing path prefix shows.
        assert_eq!(
            redirect_target(&base, "/hubsoft/api/v1/integracao/cliente").as_deref(),
            Some("https://erp.isp.com.br/hubsoft/api/v1/integracao/cliente")
        );
        let long = format!("https://x.example/{}", "a".repeat(500));
        assert!(redirect_target(&base, &long).unwrap().chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn into_text_keeps_utf8_and_reads_latin1() {
        assert_eq!(into_text("JOSÉ".as_bytes().to_vec()), "JOSÉ");
        assert_eq!(into_text(b"JOS\xC9".to_vec()), "JOSÉ");
    }

    #[test]
    fn decode_errors_name_the_path_and_hide_values() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Body {
            clientes: Vec<Cliente>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Cliente {
            codigo_cliente: u64,
        }
        let text = r#"{"clientes":[{"codigo_cliente":"123.456.789-09"}]}"#;
        match decode_body::<Body>("cliente", text) {
            Err(ApiError::Decode { path, detail, .. }) => {
                assert_eq!(path, "clientes[0].codigo_cliente");
                assert!(!detail.contains("123.456"), "{detail}");
                assert!(detail.contains("expected u64"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(elide_strings(r#"a "b\"c" d "e""#), r#"a "…" d "…""#);
    }

    /// The path-tracking decode alone, as `decode_body` was before it
    /// tried a plain decode first.
    fn tracked_only<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de)
            .map_err(|e| (e.path().to_string(), elide_strings(&e.inner().to_string())))
    }

    #[test]
    fn the_plain_first_decode_accepts_and_rejects_what_the_tracked_one_did() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Body {
            clientes: Vec<Cliente>,
        }
        #[derive(Debug, Deserialize, PartialEq)]
        struct Cliente {
            codigo_cliente: u64,
            #[serde(default)]
            nome: Option<String>,
        }
        for text in [
            r#"{"clientes":[{"codigo_cliente":1,"nome":"Sé"}]}"#,
            r#"{"clientes":[{"codigo_cliente":1},{"codigo_cliente":"x"}]}"#,
            r#"{"clientes":[{"nome":"sem código"}]}"#,
            r#"{"clientes":[{"codigo_cliente":1}"#,
            r#"{"clientes":[{"codigo_cliente":1}]} trailing"#,
            r#"{"clientes":[{"codigo_cliente":1}]}}"#,
            r#"{"clientes":[{"codigo_cliente":1}]}  "#,
            "",
            "[]",
        ] {
            let now = decode_body::<Body>("cliente", text).map_err(|e| match e {
                ApiError::Decode { path, detail, .. } => (path, detail),
                other => panic!("{other:?}"),
            });
            assert_eq!(now, tracked_only::<Body>(text), "{text:?}");
        }
    }

    #[test]
    fn data_after_the_body_is_refused_before_the_typed_decode() {
        // `decode_body` never looked past the value (neither decode calls
        // `Deserializer::end`): the envelope check every success goes
        // through first refuses a body with anything after its JSON.
        for text in [r#"{"clientes":[]} x"#, r#"{"clientes":[]}}"#, "[] []"] {
            assert!(
                matches!(
                    classify("cliente", 200, None, text),
                    Outcome::Failed(ApiError::Decode { .. })
                ),
                "{text:?}"
            );
        }
        assert!(matches!(
            classify("cliente", 200, None, "{\"clientes\":[]} \n"),
            Outcome::Success
        ));
    }
}
