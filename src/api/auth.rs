//! OAuth password grant and the in-memory access token.
//!
//! HubSoft only documents the password grant; nobody uses its refresh token.
//! The token is kept in memory with its expiry and re-granted when it expired,
//! when it is older than 24 h (HubSoft's advice: revocations happen), and once
//! when a request is answered 401. A `tokio::sync::Mutex` held across the
//! grant makes it single-flight: callers that need a token while a grant is
//! running wait for that grant instead of starting their own.
//!
//! A long-running program can also keep a token ready ahead of need
//! ([`super::Client::keep_token_fresh`]): one grant at start, and each
//! token renewed in the background a little before it goes stale, without
//! holding the lock, so requests keep using the current token meanwhile.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;
use zeroize::Zeroizing;

use super::error::ApiError;
use super::response::{self, Outcome};
use super::secret::Secret;

/// Route name of the token grant, used in errors.
pub(crate) const TOKEN_ROUTE: &str = "oauth/token";

/// HubSoft suggests re-granting every 24 h even when the token lives 30 days.
const MAX_TOKEN_AGE: Duration = Duration::from_secs(24 * 3600);
/// Renew a little before the server's expiry so a request does not carry a
/// token that dies in flight.
const MAX_EXPIRY_MARGIN: Duration = Duration::from_secs(30);
/// Bounds the wall-clock expiry computed from absurd `expires_in` values.
const MAX_LIFETIME: Duration = Duration::from_secs(10 * 366 * 24 * 3600);

/// The API user's credentials for the OAuth password grant.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// OAuth client id supplied by the ISP or HubSoft (often a small number).
    pub client_id: String,
    /// OAuth client secret.
    pub client_secret: Secret,
    /// The API user, always an e-mail address.
    pub username: String,
    /// The API user's password.
    pub password: Secret,
}

/// What a successful grant yields, for a `login` command to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// Usually `"Bearer"`.
    pub token_type: String,
    /// When the server said the token expires (the client renews it earlier).
    pub expires_at: DateTime<Utc>,
}

/// A granted token. `generation` tells a token that was already replaced
/// from the current one, so that a late 401 does not cause a second grant.
pub(crate) struct Token {
    pub(crate) generation: u64,
    pub(crate) info: TokenInfo,
    access_token: Secret,
    granted_at: Instant,
    renew_at: Instant,
}

/// The background renewal of a token happens at the latest this long
/// before requests would stop using it (or at half its usable life, for
/// tokens that live less than twice this).
const RENEW_AHEAD: Duration = Duration::from_secs(300);
/// Tokens usable for less than this are renewed on demand only, never in
/// the background: a server handing out one-second tokens would otherwise
/// be asked for one every half second by an idle console.
const MIN_BACKGROUND_LIFE: Duration = Duration::from_secs(2);

/// When a token granted at `granted_at`, stale from `renew_at`, is renewed
/// in the background: `RENEW_AHEAD` before it goes stale, but not before
/// half its usable life; `None` for a token too short-lived for that.
pub(crate) fn background_renewal(granted_at: Instant, renew_at: Instant) -> Option<Instant> {
    let life = renew_at.saturating_duration_since(granted_at);
    if life < MIN_BACKGROUND_LIFE {
        return None;
    }
    let ahead = renew_at.checked_sub(RENEW_AHEAD).unwrap_or(granted_at);
    Some(ahead.max(granted_at + life / 2))
}

impl Token {
    fn is_fresh(&self, now: Instant) -> bool {
        now < self.renew_at
    }

    /// When this token is renewed in the background, if it is.
    pub(crate) fn background_renewal(&self) -> Option<Instant> {
        background_renewal(self.granted_at, self.renew_at)
    }

    /// The `Authorization` header value, marked sensitive so that hyper and
    /// reqwest never print it.
    pub(crate) fn authorization(&self) -> Result<HeaderValue, ApiError> {
        let text = Zeroizing::new(format!(
            "{} {}",
            self.info.token_type,
            self.access_token.expose()
        ));
        let mut value = HeaderValue::from_str(&text).map_err(|_| unusable_token())?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("generation", &self.generation)
            .field("info", &self.info)
            .field("access_token", &self.access_token)
            .finish_non_exhaustive()
    }
}

fn unusable_token() -> ApiError {
    ApiError::Decode {
        route: TOKEN_ROUTE,
        path: "access_token".to_owned(),
        detail: "the token cannot be sent in an HTTP header".to_owned(),
    }
}

#[derive(Default)]
struct Slot {
    current: Option<Arc<Token>>,
    generation: u64,
}

/// Owns the credentials and the current token.
pub(crate) struct Authenticator {
    credentials: Credentials,
    url: reqwest::Url,
    timeout: Duration,
    slot: Mutex<Slot>,
    /// The generation of the latest token granted, for the background
    /// renewal to learn of grants made by requests.
    granted: tokio::sync::watch::Sender<u64>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("username", &self.credentials.username)
            .finish_non_exhaustive()
    }
}

impl Authenticator {
    pub(crate) fn new(credentials: Credentials, url: reqwest::Url, timeout: Duration) -> Self {
        Self {
            credentials,
            url,
            timeout,
            slot: Mutex::new(Slot::default()),
            granted: tokio::sync::watch::Sender::new(0),
        }
    }

    /// Sees the generation of each new token.
    pub(crate) fn grants(&self) -> tokio::sync::watch::Receiver<u64> {
        self.granted.subscribe()
    }

    /// The current token, whatever its freshness, without granting one.
    pub(crate) async fn current(&self) -> Option<Arc<Token>> {
        self.slot.lock().await.current.clone()
    }

    /// Grants a successor of token `generation` while requests go on using
    /// it: the lock is not held during the grant. The new token is kept
    /// only if `generation` is still the current one (a request may have
    /// replaced it meanwhile). One attempt; the error is returned.
    pub(crate) async fn renew_ahead(
        &self,
        http: &reqwest::Client,
        generation: u64,
    ) -> Result<(), ApiError> {
        let token = self.grant(http, generation + 1).await?;
        let mut slot = self.slot.lock().await;
        if slot.generation == generation {
            slot.generation = token.generation;
            slot.current = Some(Arc::new(token));
            self.granted.send_replace(slot.generation);
        }
        Ok(())
    }

    pub(crate) fn username(&self) -> &str {
        &self.credentials.username
    }

    /// A token that is still fresh, granting one if needed.
    pub(crate) async fn token(&self, http: &reqwest::Client) -> Result<Arc<Token>, ApiError> {
        let mut slot = self.slot.lock().await;
        if let Some(token) = &slot.current
            && token.is_fresh(Instant::now())
        {
            return Ok(token.clone());
        }
        self.grant_into(&mut slot, http).await
    }

    /// Called after a 401 on `rejected`: grants again unless another caller
    /// already replaced that token, in which case the replacement is used.
    pub(crate) async fn replace_rejected(
        &self,
        http: &reqwest::Client,
        rejected: u64,
    ) -> Result<Arc<Token>, ApiError> {
        let mut slot = self.slot.lock().await;
        if let Some(token) = &slot.current
            && token.generation != rejected
            && token.is_fresh(Instant::now())
        {
            return Ok(token.clone());
        }
        self.grant_into(&mut slot, http).await
    }

    /// Grants a new token whatever the state of the current one.
    pub(crate) async fn force(&self, http: &reqwest::Client) -> Result<Arc<Token>, ApiError> {
        let mut slot = self.slot.lock().await;
        self.grant_into(&mut slot, http).await
    }

    async fn grant_into(
        &self,
        slot: &mut Slot,
        http: &reqwest::Client,
    ) -> Result<Arc<Token>, ApiError> {
        let token = Arc::new(self.grant(http, slot.generation + 1).await?);
        slot.generation = token.generation;
        slot.current = Some(token.clone());
        self.granted.send_replace(token.generation);
        Ok(token)
    }

    async fn grant(&self, http: &reqwest::Client, generation: u64) -> Result<Token, ApiError> {
        tracing::debug!(
            route = TOKEN_ROUTE,
            generation,
            "requesting an access token"
        );
        let response = http
            .post(self.url.clone())
            .timeout(self.timeout)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(grant_body(&self.credentials))
            .send()
            .await
            .map_err(|e| response::network_error(TOKEN_ROUTE, e))?;
        let status = response.status().as_u16();
        // Never re-sent: the client follows no redirect, and the grant's
        // body holds the password and the client secret.
        if let Some(redirect) = response::redirect(TOKEN_ROUTE, &response) {
            tracing::warn!(
                route = TOKEN_ROUTE,
                status,
                "token grant redirected; not followed"
            );
            return Err(redirect);
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| response::parse_retry_after(v, SystemTime::now()));
        let bytes = Zeroizing::new(
            response::read_body(
                TOKEN_ROUTE,
                response,
                super::routes::body_limit(TOKEN_ROUTE),
            )
            .await?,
        );
        let text = Zeroizing::new(response::decode_text(&bytes).into_owned());
        let token = parse_grant(
            status,
            retry_after,
            &text,
            generation,
            Instant::now(),
            Utc::now(),
        );
        match &token {
            Ok(t) => tracing::info!(
                route = TOKEN_ROUTE,
                generation,
                expires_at = %t.info.expires_at,
                "access token granted"
            ),
            Err(e) => tracing::warn!(route = TOKEN_ROUTE, status, error = %e, "token grant failed"),
        }
        token
    }
}

/// The grant's JSON body, serialised straight from the credentials.
#[derive(Serialize)]
struct GrantBody<'a> {
    grant_type: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    username: &'a str,
    password: &'a str,
}

/// Bytes zeroed when the last reference to them is dropped.
struct SecretBytes(Zeroizing<Vec<u8>>);

impl AsRef<[u8]> for SecretBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The grant's body in memory that is zeroed once the request is done
/// with it: it holds the password and the client secret. The buffer is
/// sized up front (every character escaped at worst) so that it never
/// grows, which would leave an unzeroed copy behind.
fn grant_body(credentials: &Credentials) -> reqwest::Body {
    let fields = GrantBody {
        grant_type: "password",
        client_id: &credentials.client_id,
        client_secret: credentials.client_secret.expose(),
        username: &credentials.username,
        password: credentials.password.expose(),
    };
    let text_len = fields.client_id.len()
        + fields.client_secret.len()
        + fields.username.len()
        + fields.password.len();
    let mut buf = Zeroizing::new(Vec::with_capacity(text_len * 6 + 128));
    // Writing JSON of plain strings into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *buf, &fields);
    reqwest::Body::from(bytes::Bytes::from_owner(SecretBytes(buf)))
}

/// The grant answer, every member optional and loosely typed: `expires_in`
/// has been seen as a number and as a string.
#[derive(Deserialize)]
struct GrantAnswer {
    #[serde(default)]
    access_token: Option<Value>,
    #[serde(default)]
    token_type: Option<Value>,
    #[serde(default)]
    expires_in: Option<Value>,
    #[serde(default)]
    msg: Option<Value>,
    #[serde(default)]
    message: Option<Value>,
}

fn nonempty_str(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn seconds(v: Option<&Value>) -> Option<Duration> {
    let secs = match v? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e12)))
}

/// The message of a credentials refusal (`{"error":"invalid_credentials","message":"..."}`,
/// Passport's `error_description`, or HubSoft's `msg`).
fn refusal_message(text: &str) -> String {
    serde_json::from_str::<serde_json::Map<String, Value>>(text)
        .ok()
        .and_then(|obj| {
            ["message", "error_description", "msg", "error"]
                .iter()
                .find_map(|k| nonempty_str(obj.get(*k)).map(str::to_owned))
        })
        .unwrap_or_else(|| super::error::AUTH_REFUSED_WITHOUT_REASON.to_owned())
}

/// Interprets the grant answer; pure so that its leniency is unit-tested.
pub(crate) fn parse_grant(
    status: u16,
    retry_after: Option<Duration>,
    text: &str,
    generation: u64,
    now: Instant,
    now_wall: DateTime<Utc>,
) -> Result<Token, ApiError> {
    if status == 400 || status == 401 {
        return Err(ApiError::Auth {
            msg: refusal_message(text),
        });
    }
    if !(200..300).contains(&status) {
        return Err(
            match response::classify(TOKEN_ROUTE, status, retry_after, text) {
                Outcome::Failed(e) => e,
                Outcome::Success | Outcome::Unauthorized(_) => ApiError::Http {
                    route: TOKEN_ROUTE,
                    status,
                    excerpt: response::excerpt(text),
                },
            },
        );
    }
    let answer: GrantAnswer = serde_json::from_str(text).map_err(|_| ApiError::Decode {
        route: TOKEN_ROUTE,
        path: ".".to_owned(),
        detail: "the token answer is not a JSON object".to_owned(),
    })?;
    let Some(access_token) = nonempty_str(answer.access_token.as_ref()) else {
        // Some servers answer HTTP 200 with an error envelope instead of a 401.
        return Err(
            match nonempty_str(answer.msg.as_ref()).or(nonempty_str(answer.message.as_ref())) {
                Some(msg) => ApiError::Auth {
                    msg: msg.to_owned(),
                },
                None => ApiError::Decode {
                    route: TOKEN_ROUTE,
                    path: "access_token".to_owned(),
                    detail: "missing".to_owned(),
                },
            },
        );
    };
    let token_type = nonempty_str(answer.token_type.as_ref())
        .unwrap_or("Bearer")
        .to_owned();
    let lifetime = seconds(answer.expires_in.as_ref())
        .unwrap_or(MAX_TOKEN_AGE)
        .min(MAX_LIFETIME);
    let margin = (lifetime / 10).min(MAX_EXPIRY_MARGIN);
    let renew_after = (lifetime - margin).min(MAX_TOKEN_AGE);
    let expires_at = chrono::Duration::from_std(lifetime)
        .ok()
        .and_then(|d| now_wall.checked_add_signed(d))
        .unwrap_or(now_wall);
    let token = Token {
        generation,
        info: TokenInfo {
            token_type,
            expires_at,
        },
        access_token: Secret::new(access_token),
        granted_at: now,
        renew_at: now + renew_after,
    };
    token.authorization()?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(status: u16, text: &str) -> Result<Token, ApiError> {
        let wall = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        parse_grant(status, None, text, 1, Instant::now(), wall)
    }

    #[test]
    fn documented_answer_is_accepted() {
        let t = grant(
            200,
            include_str!("../../tests/fixtures/hubsoft-examples/oauth_token.response.json"),
        )
        .unwrap();
        assert_eq!(t.info.token_type, "Bearer");
        assert_eq!(t.info.expires_at.timestamp(), 1_700_000_000 + 2_592_000);
        // A 30-day token is still renewed after 24 h.
        assert!(t.renew_at <= Instant::now() + MAX_TOKEN_AGE);
        assert!(t.is_fresh(Instant::now()));
        assert!(!format!("{t:?}").contains("eyJ0eX"));
    }

    #[test]
    fn expires_in_may_be_a_string_or_missing() {
        let t = grant(200, r#"{"access_token":"a","expires_in":"3600"}"#).unwrap();
        assert_eq!(t.info.expires_at.timestamp(), 1_700_000_000 + 3600);
        assert_eq!(t.info.token_type, "Bearer");
        let t = grant(200, r#"{"access_token":"a"}"#).unwrap();
        assert_eq!(t.info.expires_at.timestamp(), 1_700_000_000 + 24 * 3600);
        let t = grant(200, r#"{"access_token":"a","expires_in":0}"#).unwrap();
        assert!(!t.is_fresh(Instant::now()));
    }

    #[test]
    fn background_renewal_comes_before_the_token_goes_stale() {
        let t0 = Instant::now();
        let h = Duration::from_secs(3600);
        // HubSoft's 30-day token, used for 24 h: renewed 5 min before.
        let t = grant(200, r#"{"access_token":"a","expires_in":2592000}"#).unwrap();
        let at = t.background_renewal().unwrap();
        assert_eq!(t.renew_at - at, RENEW_AHEAD);
        assert!(at > t.granted_at);
        // An hour of usable life: 5 min before too; four seconds: at half.
        assert_eq!(
            background_renewal(t0, t0 + h),
            Some(t0 + Duration::from_secs(3300))
        );
        let t4 = t0 + Duration::from_secs(4);
        assert_eq!(
            background_renewal(t0, t4),
            Some(t0 + Duration::from_secs(2))
        );
        // Too short, or already stale: on demand only, never in a loop.
        assert_eq!(background_renewal(t0, t0 + Duration::from_secs(1)), None);
        assert_eq!(background_renewal(t0, t0), None);
        let t = grant(200, r#"{"access_token":"a","expires_in":0}"#).unwrap();
        assert_eq!(t.background_renewal(), None);
    }

    #[test]
    fn refusals_become_auth_errors() {
        let e = grant(
            401,
            r#"{"error":"invalid_credentials","message":"Usuário ou senha inválidos"}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            ApiError::Auth {
                msg: "Usuário ou senha inválidos".into()
            }
        );
        let e = grant(400, "<html>nope</html>").unwrap_err();
        assert!(matches!(e, ApiError::Auth { .. }));
        let e = grant(200, r#"{"status":"error","msg":"Cliente inválido"}"#).unwrap_err();
        assert_eq!(
            e,
            ApiError::Auth {
                msg: "Cliente inválido".into()
            }
        );
        let e = grant(502, "<title>Bad Gateway</title>").unwrap_err();
        assert!(matches!(e, ApiError::Http { status: 502, .. }));
        let e = grant(200, r#"{"access_token":"bad\nvalue"}"#).unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }));
    }
}
