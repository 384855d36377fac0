//! The HubSoft client: configuration, transport, retries.

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use tokio::time::Instant;

use super::auth::{self, Authenticator, Credentials, Token, TokenInfo};
use super::error::ApiError;
use super::response::{self, Outcome};
use super::{routes, tls};

/// Retry policy of one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// A read: retried with backoff on timeouts, 429 and 5xx, a bounded number of times.
    Read,
    /// Changes a subscriber's service or sends something: never retried automatically.
    Action,
    /// An action whose server side can be slow (e-mail sending): longer timeout, never retried.
    SlowAction,
}

/// One request to a HubSoft route.
#[derive(Clone, Debug)]
pub struct Call {
    /// Short route name used in error messages, e.g. `"cliente/financeiro"`.
    pub route: &'static str,
    /// HTTP method. Note that `GET cliente/solicitar_desconexao` is an action.
    pub method: reqwest::Method,
    /// Path below the base URL, e.g. `"/api/v1/integracao/cliente"`.
    pub path: String,
    /// Query-string parameters, sent in this order.
    pub query: Vec<(&'static str, String)>,
    /// JSON body of POST/PUT requests.
    pub body: Option<serde_json::Value>,
    /// Retry and timeout policy.
    pub kind: CallKind,
}

/// Everything needed to build a [`Client`]. Start from [`ClientConfig::new`],
/// which fills in the defaults, and change what you need.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Server address, e.g. `https://erp.provedor.com.br` (a path prefix is kept).
    pub base_url: String,
    /// API user and OAuth client.
    pub credentials: Credentials,
    /// Limit for establishing a connection (default 5 s).
    pub connect_timeout: Duration,
    /// Limit for a whole call of a read or an action (default 20 s): the
    /// token grant it may need, every attempt and every wait between
    /// retries together.
    pub request_timeout: Duration,
    /// The same limit for a [`CallKind::SlowAction`] (default 120 s).
    pub slow_timeout: Duration,
    /// How many times a [`CallKind::Read`] is retried after the first attempt (default 2).
    pub max_read_retries: u32,
    /// First backoff delay, doubled at each retry (default 250 ms).
    pub retry_base_delay: Duration,
    /// Upper bound of one backoff delay and of an honoured `Retry-After` (default 30 s).
    pub max_retry_delay: Duration,
    /// Accept any TLS certificate (self-signed ISP servers). Dangerous.
    pub accept_invalid_certs: bool,
    /// Allow `http://` to hosts other than loopback. Credentials then travel in clear.
    pub allow_insecure_http: bool,
    /// `User-Agent` header (default `hubdesk/<version>`).
    pub user_agent: String,
}

impl ClientConfig {
    /// A configuration with the default timeouts and retry policy.
    pub fn new(base_url: impl Into<String>, credentials: Credentials) -> Self {
        Self {
            base_url: base_url.into(),
            credentials,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            slow_timeout: Duration::from_secs(120),
            max_read_retries: 2,
            retry_base_delay: Duration::from_millis(250),
            max_retry_delay: Duration::from_secs(30),
            accept_invalid_certs: false,
            allow_insecure_http: false,
            user_agent: concat!("hubdesk/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// The HubSoft API client. Cheap to clone: clones share the connection pool
/// and the access token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Base URL without a trailing slash.
    base: String,
    auth: Authenticator,
    request_timeout: Duration,
    slow_timeout: Duration,
    retry: RetryPolicy,
    /// The newer routes this server answered "no such route" to in this
    /// session ([`ApiError::NotOffered`]): never asked again.
    lacking: std::sync::Mutex<std::collections::HashSet<&'static str>>,
}

/// When and how long to wait before trying a read again.
#[derive(Clone, Copy, Debug)]
struct RetryPolicy {
    max_read_retries: u32,
    base: Duration,
    cap: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("username", &self.inner.auth.username())
            .finish_non_exhaustive()
    }
}

/// What came back from one attempt, before interpretation.
struct Exchange {
    status: u16,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

/// The parsed `Retry-After` of an answer.
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| response::parse_retry_after(v, SystemTime::now()))
}

/// The error of a call whose whole time ran out.
fn out_of_time(route: &'static str) -> ApiError {
    ApiError::Network {
        route,
        timeout: true,
        sent: true,
        detail: "no answer within the time limit".to_owned(),
    }
}

/// Runs `step` (a grant, here) within the call's deadline.
async fn within<T>(
    deadline: Instant,
    route: &'static str,
    step: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    tokio::time::timeout_at(deadline, step)
        .await
        .unwrap_or_else(|_| Err(out_of_time(route)))
}

/// The server address for messages: any `user:password@` replaced, so an
/// address that (wrongly) holds a password never prints it.
fn redacted(base: &str) -> String {
    let Some(scheme_end) = base.find("://") else {
        return base.to_owned();
    };
    let rest = &base[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}***@{}", &base[..scheme_end + 3], &rest[at + 1..]),
        None => base.to_owned(),
    }
}

impl Client {
    /// Builds a client. Nothing is sent: the first request (or [`Client::login`])
    /// obtains the token.
    ///
    /// Fails with [`ApiError::Config`] when the URL is not `http(s)://host`,
    /// when it holds a user name or password (`https://user:pass@host`:
    /// they would go out as a second `Authorization` header, and into every
    /// message that names the server), when it is plain `http://` to a host
    /// other than loopback (127.0.0.0/8, `::1`, `localhost`) without
    /// `allow_insecure_http`, or when TLS cannot be set up. Never panics.
    ///
    /// The client follows no redirect, on any request: see
    /// [`ApiError::Redirected`].
    pub fn new(config: ClientConfig) -> Result<Client, ApiError> {
        let base = config.base_url.trim().trim_end_matches('/').to_owned();
        let url = Url::parse(&base).map_err(|e| ApiError::Config {
            reason: format!("server address {:?} is not a URL: {e}", redacted(&base)),
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ApiError::Config {
                reason: "the server address must not hold a user name or password \
                         (user:password@); the API credentials go in their own settings"
                    .to_owned(),
            });
        }
        let loopback = is_loopback(&url);
        match url.scheme() {
            "https" => {}
            "http" if loopback || config.allow_insecure_http => {}
            "http" => {
                return Err(ApiError::Config {
                    reason: format!(
                        "plain http:// to {} would send the password in clear; use https:// \
                         (or allow insecure HTTP explicitly)",
                        url.host_str().unwrap_or_default()
                    ),
                });
            }
            other => {
                return Err(ApiError::Config {
                    reason: format!("unsupported scheme {other:?}; use https://"),
                });
            }
        }
        if url.host_str().is_none_or(str::is_empty) || url.query().is_some() {
            return Err(ApiError::Config {
                reason: format!(
                    "server address {:?} must be https://host[/prefix]",
                    redacted(&base)
                ),
            });
        }

        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls::client_config(
                config.accept_invalid_certs,
                url.scheme() == "http",
            )?)
            .connect_timeout(config.connect_timeout)
            // Never follow a redirect: the grant would carry the password,
            // an action its body, to wherever the server points (even from
            // https to plain http), and a read would show another host's
            // data. A 3xx is an error naming where it pointed.
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .user_agent(config.user_agent.as_str());
        if loopback {
            // A system proxy has no business relaying requests to this machine.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| ApiError::Config {
            reason: format!("HTTP client set-up failed: {e}"),
        })?;
        let token_url =
            Url::parse(&format!("{base}/oauth/token")).map_err(|e| ApiError::Config {
                reason: format!("token URL: {e}"),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                auth: Authenticator::new(config.credentials, token_url, config.request_timeout),
                request_timeout: config.request_timeout,
                slow_timeout: config.slow_timeout,
                retry: RetryPolicy {
                    max_read_retries: config.max_read_retries,
                    base: config.retry_base_delay,
                    cap: config.max_retry_delay,
                },
                lacking: std::sync::Mutex::default(),
            }),
        })
    }

    /// The server address this client talks to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// How long one read may take before it fails as a timeout (the
    /// console names it in the "did not answer within N s" message).
    pub fn request_timeout(&self) -> Duration {
        self.inner.request_timeout
    }

    /// True when this server answered, earlier in this session, that it
    /// does not offer the newer `route` ([`ApiError::NotOffered`]): the
    /// client will not ask it again and fails (or falls back) at once.
    pub fn lacks(&self, route: &str) -> bool {
        self.lacking().contains(route)
    }

    fn lacking(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<&'static str>> {
        self.inner
            .lacking
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Fails at once, sending nothing, when `route` is already known to be
    /// missing on this server.
    fn check_offered(&self, route: &'static str) -> Result<(), ApiError> {
        if routes::is_newer(route) && self.lacks(route) {
            return Err(ApiError::NotOffered { route, status: 0 });
        }
        Ok(())
    }

    /// Remembers a route the server said it does not offer.
    fn note_outcome<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(ApiError::NotOffered { route, .. }) = &result
            && self.lacking().insert(route)
        {
            tracing::info!(
                route = *route,
                "this HubSoft server does not offer the route; not asking again this session"
            );
        }
        result
    }

    /// Runs the password grant now, replacing any token held, and reports the
    /// new token's type and expiry (for a `login` command that checks the
    /// credentials). Wrong credentials give [`ApiError::Auth`] with the
    /// server's message.
    pub async fn login(&self) -> Result<TokenInfo, ApiError> {
        let token = self.inner.auth.force(&self.inner.http).await?;
        Ok(token.info.clone())
    }

    /// Keeps a token ready ahead of need, for a program that runs for
    /// hours (the console): grants one now, so that the first request does
    /// not wait for it, then renews each token in the background a little
    /// before it goes stale (see [`super::auth`]), while requests go on
    /// using the current one.
    ///
    /// Never retries by itself and never reports: a failed grant (the first
    /// or a renewal) is logged and left to the next request, which grants
    /// as usual and reports its own error; the renewals resume from the
    /// token that request obtains. Runs until dropped (spawn it, abort it
    /// when done).
    pub async fn keep_token_fresh(&self) {
        let inner = &*self.inner;
        let mut grants = inner.auth.grants();
        if let Err(e) = inner.auth.token(&inner.http).await {
            tracing::info!(
                error = %e,
                "token grant ahead of need failed; the next request grants"
            );
        }
        loop {
            // Seen before the token is read: a grant made after this line
            // wakes the wait below.
            grants.borrow_and_update();
            let plan = inner
                .auth
                .current()
                .await
                .and_then(|t| Some((t.generation, t.background_renewal()?)));
            let Some((generation, at)) = plan else {
                // No token (the grant failed) or one too short-lived to
                // renew ahead: wait for a request to grant one.
                if grants.changed().await.is_err() {
                    return;
                }
                continue;
            };
            tokio::select! {
                changed = grants.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                () = tokio::time::sleep_until(at) => {
                    if let Err(e) = inner.auth.renew_ahead(&inner.http, generation).await {
                        tracing::info!(
                            error = %e,
                            "token renewal ahead of need failed; the next request grants"
                        );
                        if grants.changed().await.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// Sends `call` with a valid token and decodes the whole JSON body into `T`.
    ///
    /// This is also the extension point for routes this crate has no typed
    /// method for: describe the request in a [`Call`] and name the response type.
    ///
    /// - The whole call (a grant it needs, every attempt, every wait) takes
    ///   at most the request timeout ([`ClientConfig::request_timeout`], or
    ///   [`ClientConfig::slow_timeout`] for a [`CallKind::SlowAction`]).
    /// - No redirect is followed: a 3xx is [`ApiError::Redirected`].
    /// - A body larger than the route's limit ([`crate::api::body_limit`])
    ///   is [`ApiError::TooLarge`]; reading stops there.
    /// - A successful read without its data key, or with the key holding
    ///   something else than a list of records, is [`ApiError::Decode`]
    ///   naming the key: never an empty result.
    /// - A 401 causes one new grant and one resend, for every kind of call
    ///   (the server refused the token before doing anything); a second 401
    ///   is [`ApiError::Auth`].
    /// - [`CallKind::Read`] is retried with exponential backoff on network
    ///   failures, 429 (honouring `Retry-After`) and 5xx; actions never are.
    /// - An envelope with `status: "error"` (whatever the HTTP status) or an
    ///   HTTP 422 becomes [`ApiError::Refused`]; 403 [`ApiError::Forbidden`];
    ///   404 [`ApiError::NotFound`]; HTML error pages [`ApiError::Http`] with
    ///   the page title; decoding failures [`ApiError::Decode`] naming the JSON
    ///   path. Bodies that are not UTF-8 are read as Windows-1252 (Latin-1).
    pub async fn call<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        let text = self.execute(&call).await?;
        if call.kind == CallKind::Read {
            // A success without its data is not "nothing": say so.
            routes::check_data_key(call.route, &text)?;
        }
        response::decode_body(call.route, &text)
    }

    /// The whole time one call may take: the grant it may need, every
    /// attempt and every wait between them. A read that "did not answer
    /// within 20 s" has really been given 20 s, not three times that.
    fn budget(&self, kind: CallKind) -> Duration {
        match kind {
            CallKind::SlowAction => self.inner.slow_timeout,
            CallKind::Read | CallKind::Action => self.inner.request_timeout,
        }
    }

    /// Runs the attempts of one call; returns the body text of the success.
    /// A newer route the server is known to lack fails at once.
    async fn execute(&self, call: &Call) -> Result<String, ApiError> {
        self.check_offered(call.route)?;
        let result = self.execute_attempts(call).await;
        self.note_outcome(result)
    }

    async fn execute_attempts(&self, call: &Call) -> Result<String, ApiError> {
        let inner = &*self.inner;
        call.check_query()?;
        let url = self.url(&call.path)?;
        let deadline = Instant::now() + self.budget(call.kind);
        let limit = routes::body_limit(call.route);
        let mut retries = 0u32;
        let mut reauthorised = false;
        let mut next_token: Option<Arc<Token>> = None;
        loop {
            let token = match next_token.take() {
                Some(token) => Ok(token),
                None => within(deadline, auth::TOKEN_ROUTE, inner.auth.token(&inner.http)).await,
            };
            let error = match token {
                Err(e) => e,
                Ok(token) => match self.send_once(call, &url, deadline, limit, &token).await {
                    Err(e) => e,
                    Ok(exchange) => {
                        let text = response::into_text(exchange.body);
                        match response::classify(
                            call.route,
                            exchange.status,
                            exchange.retry_after,
                            &text,
                        ) {
                            Outcome::Success => return Ok(text),
                            Outcome::Unauthorized(msg) => {
                                if reauthorised {
                                    return Err(ApiError::Auth {
                                        msg: msg.unwrap_or_else(|| {
                                            super::error::AUTH_FRESH_TOKEN_REFUSED.to_owned()
                                        }),
                                    });
                                }
                                reauthorised = true;
                                tracing::info!(
                                    route = call.route,
                                    "access token refused (401); granting a new one"
                                );
                                next_token = Some(
                                    within(
                                        deadline,
                                        auth::TOKEN_ROUTE,
                                        inner.auth.replace_rejected(&inner.http, token.generation),
                                    )
                                    .await?,
                                );
                                continue;
                            }
                            Outcome::Failed(e) => e,
                        }
                    }
                },
            };
            match inner
                .retry
                .delay(call.kind, &error, retries, jitter_fraction())
                .filter(|delay| Instant::now() + *delay < deadline)
            {
                Some(delay) => {
                    retries += 1;
                    tracing::debug!(
                        route = call.route,
                        retry = retries,
                        delay_ms = delay.as_millis() as u64,
                        error = %error,
                        "retrying a read"
                    );
                    tokio::time::sleep(delay).await;
                }
                None => return Err(error),
            }
        }
    }

    async fn send_once(
        &self,
        call: &Call,
        url: &Url,
        deadline: Instant,
        limit: u64,
        token: &Token,
    ) -> Result<Exchange, ApiError> {
        let inner = &*self.inner;
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(out_of_time(call.route));
        }
        let mut request = inner
            .http
            .request(call.method.clone(), url.clone())
            .timeout(remaining)
            .header(AUTHORIZATION, token.authorization()?);
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| response::network_error(call.route, e))?;
        let status = response.status().as_u16();
        if let Some(redirect) = response::redirect(call.route, &response) {
            tracing::warn!(
                route = call.route,
                status,
                "HubSoft answered with a redirect; not followed"
            );
            return Err(redirect);
        }
        let retry_after = retry_after(&response);
        let body = response::read_body(call.route, response, limit).await?;
        // Route, status and size only: bodies and queries carry customer data.
        tracing::debug!(
            route = call.route,
            method = %call.method,
            status,
            bytes = body.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "HubSoft answered"
        );
        Ok(Exchange {
            status,
            retry_after,
            body,
        })
    }

    /// Sends a read like [`Client::call`] does (token, one new grant on 401,
    /// retries with backoff until an answer arrives, no redirect followed)
    /// but hands back a 2xx response with its body unread, for bodies too
    /// large to hold (`cliente/all`; see `export.rs`): such a body has no
    /// size limit, its reader holds one record at a time. Any other status
    /// is read and mapped as `call` maps it. Only the wait for the status
    /// line is bounded by the request timeout (all attempts together): the
    /// caller bounds each body read.
    pub(crate) async fn send_streaming(&self, call: &Call) -> Result<reqwest::Response, ApiError> {
        self.check_offered(call.route)?;
        let result = self.send_streaming_attempts(call).await;
        self.note_outcome(result)
    }

    async fn send_streaming_attempts(&self, call: &Call) -> Result<reqwest::Response, ApiError> {
        let inner = &*self.inner;
        call.check_query()?;
        let url = self.url(&call.path)?;
        let deadline = Instant::now() + inner.request_timeout;
        let mut retries = 0u32;
        let mut reauthorised = false;
        let mut next_token: Option<Arc<Token>> = None;
        loop {
            let token = match next_token.take() {
                Some(token) => Ok(token),
                None => within(deadline, auth::TOKEN_ROUTE, inner.auth.token(&inner.http)).await,
            };
            let error = match token {
                Err(e) => e,
                Ok(token) => {
                    let mut request = inner
                        .http
                        .request(call.method.clone(), url.clone())
                        .header(AUTHORIZATION, token.authorization()?);
                    if !call.query.is_empty() {
                        request = request.query(&call.query);
                    }
                    if let Some(body) = &call.body {
                        request = request.json(body);
                    }
                    match tokio::time::timeout_at(deadline, request.send()).await {
                        Err(_) => out_of_time(call.route),
                        Ok(Err(e)) => response::network_error(call.route, e),
                        Ok(Ok(r)) if r.status().is_success() => {
                            tracing::debug!(
                                route = call.route,
                                status = r.status().as_u16(),
                                "HubSoft answered; streaming the body"
                            );
                            return Ok(r);
                        }
                        Ok(Ok(r)) => {
                            let status = r.status().as_u16();
                            if let Some(redirect) = response::redirect(call.route, &r) {
                                return Err(redirect);
                            }
                            let retry_after = retry_after(&r);
                            let body = tokio::time::timeout_at(
                                deadline,
                                response::read_body(call.route, r, routes::ERROR_BODY_LIMIT),
                            )
                            .await
                            .ok()
                            .and_then(Result::ok)
                            .unwrap_or_default();
                            let text = response::into_text(body);
                            match response::classify(call.route, status, retry_after, &text) {
                                Outcome::Unauthorized(msg) => {
                                    if reauthorised {
                                        return Err(ApiError::Auth {
                                            msg: msg.unwrap_or_else(|| {
                                                super::error::AUTH_FRESH_TOKEN_REFUSED.to_owned()
                                            }),
                                        });
                                    }
                                    reauthorised = true;
                                    next_token = Some(
                                        within(
                                            deadline,
                                            auth::TOKEN_ROUTE,
                                            inner
                                                .auth
                                                .replace_rejected(&inner.http, token.generation),
                                        )
                                        .await?,
                                    );
                                    continue;
                                }
                                Outcome::Failed(e) => e,
                                // Not reachable for a non-2xx status.
                                Outcome::Success => ApiError::Http {
                                    route: call.route,
                                    status,
                                    excerpt: response::excerpt(&text),
                                },
                            }
                        }
                    }
                }
            };
            match inner
                .retry
                .delay(call.kind, &error, retries, jitter_fraction())
                .filter(|delay| Instant::now() + *delay < deadline)
            {
                Some(delay) => {
                    retries += 1;
                    tokio::time::sleep(delay).await;
                }
                None => return Err(error),
            }
        }
    }

    fn url(&self, path: &str) -> Result<Url, ApiError> {
        let joined = format!("{}/{}", self.inner.base, path.trim_start_matches('/'));
        Url::parse(&joined).map_err(|e| ApiError::InvalidRequest {
            field: "path",
            reason: e.to_string(),
        })
    }
}

impl RetryPolicy {
    /// How long to wait before retry number `retries + 1`, or `None` when the
    /// error is final: actions are never retried, and neither are refusals,
    /// 4xx or decode errors. `jitter` is a number in `[0, 1)`.
    fn delay(
        &self,
        kind: CallKind,
        error: &ApiError,
        retries: u32,
        jitter: f64,
    ) -> Option<Duration> {
        if kind != CallKind::Read || retries >= self.max_read_retries {
            return None;
        }
        let backoff = || backoff_delay(self.base, retries, self.cap, jitter);
        match error {
            ApiError::Network { .. } => Some(backoff()),
            ApiError::Http { status, .. } if *status >= 500 => Some(backoff()),
            ApiError::RateLimited { retry_after, .. } => {
                Some(retry_after.map(|d| d.min(self.cap)).unwrap_or_else(backoff))
            }
            _ => None,
        }
    }
}

/// `base · 2^retry`, capped, plus up to a quarter more of jitter so that
/// several consoles hit by the same outage do not retry in lockstep.
fn backoff_delay(base: Duration, retry: u32, cap: Duration, jitter: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << retry.min(16)).min(cap);
    (exp + exp.mul_f64(jitter.clamp(0.0, 1.0) / 4.0)).min(cap)
}

/// A number in `[0, 1)`. std's `RandomState` is seeded randomly per process
/// and per instance, which is plenty for jitter and needs no RNG crate.
fn jitter_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

impl Call {
    /// Fails with [`ApiError::InvalidRequest`] when a query value is longer
    /// than [`crate::api::params::MAX_TERM_CHARS`]: nothing is sent, not
    /// even the token grant. Every route's parameters pass through here.
    pub fn check_query(&self) -> Result<(), ApiError> {
        self.query
            .iter()
            .try_for_each(|(name, value)| super::params::check_length(name, value))
    }

    /// A [`CallKind::Read`] `GET` with no parameters; add them to `query`.
    pub fn get(route: &'static str, path: impl Into<String>) -> Self {
        Self {
            route,
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            body: None,
            kind: CallKind::Read,
        }
    }
}

#[cfg(test)]
mod tests;
