//! Helpers shared by the simulator's integration tests: a started simulator
//! plus a small HTTP client that logs in with the demo credentials.
#![allow(dead_code)]

use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig, SimHandle};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub const API: &str = "/api/v1/integracao";

pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("client")
}

pub fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A config small enough to start fast, with a pinned date.
pub fn small() -> SimConfig {
    SimConfig {
        customers: 300,
        today: Some(day("2026-03-16")),
        ..SimConfig::default()
    }
}

pub struct Api {
    pub sim: SimHandle,
    pub http: reqwest::Client,
    pub token: String,
}

pub async fn token(http: &reqwest::Client, base: &str) -> String {
    let r = http
        .post(format!("{base}/oauth/token"))
        .json(&json!({
            "grant_type": "password",
            "client_id": DEMO_CREDENTIALS.client_id,
            "client_secret": DEMO_CREDENTIALS.client_secret,
            "username": DEMO_CREDENTIALS.username,
            "password": DEMO_CREDENTIALS.password,
        }))
        .send()
        .await
        .expect("token request");
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.expect("token json");
    v["access_token"]
        .as_str()
        .expect("access_token")
        .to_string()
}

impl Api {
    pub async fn start(cfg: SimConfig) -> Api {
        let sim = sim::start(cfg).expect("start simulator");
        let http = http();
        let token = token(&http, &sim.base_url()).await;
        Api { sim, http, token }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.sim.base_url())
        } else {
            format!("{}{API}/{path}", self.sim.base_url())
        }
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let r = req
            .bearer_auth(&self.token)
            .header("Accept", "application/json")
            .send()
            .await
            .expect("request");
        let status = r.status();
        let bytes = r.bytes().await.expect("body");
        let v = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
        (status, v)
    }

    /// GET `path` (under the integration prefix unless it starts with `/`).
    pub async fn get(&self, path: &str) -> Value {
        let (s, v) = self.send(self.http.get(self.url(path))).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let (s, v) = self.send(self.http.post(self.url(path)).json(&body)).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    pub async fn put(&self, path: &str, body: Value) -> Value {
        let (s, v) = self.send(self.http.put(self.url(path)).json(&body)).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        v
    }

    /// The first customer found by `busca`/`termo_busca`.
    pub async fn customer(&self, busca: &str, termo: &str) -> Value {
        let v = self
            .get(&format!(
                "cliente?busca={busca}&termo_busca={termo}&cancelado=sim&ultima_conexao=sim"
            ))
            .await;
        v["clientes"][0].clone()
    }
}

/// A success envelope, in either spelling real servers use (`"suscess"`
/// on the ticket, order and invoice searches of current servers).
pub fn assert_success(v: &Value) {
    assert!(v["status"] == "success" || v["status"] == "suscess", "{v}");
}

pub fn assert_refused(v: &Value) -> String {
    assert_eq!(v["status"], "error", "{v}");
    assert!(v["errors"].is_array(), "{v}");
    v["msg"].as_str().expect("msg").to_string()
}

/// How long [`eventually`] waits before it gives up.
pub const DEADLINE: std::time::Duration = std::time::Duration::from_secs(30);

/// Polls `done` every 20 ms until it holds; panics, naming `what`, after
/// [`DEADLINE`]. For what becomes true with time (a TTL running out, a
/// handler finishing in the background) instead of a fixed sleep: fast on
/// a quiet machine, and still right on a loaded one.
pub async fn eventually(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    while !done().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not within {DEADLINE:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
