//! What the memory benches share: a `hubdesk sim` child process (so the
//! simulator's own data never counts in the figures), a client for it,
//! and reading this process's RSS.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::sim::DEMO_CREDENTIALS;

/// The simulator child; killed and reaped on drop.
pub struct SimProcess {
    child: Child,
    /// Where it listens.
    pub base_url: String,
}

impl SimProcess {
    /// The simulator's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn client_for(base_url: &str) -> Client {
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    let mut cc = ClientConfig::new(base_url, credentials);
    // The simulator renders 100,000 customers before its first byte.
    cc.request_timeout = Duration::from_secs(300);
    Client::new(cc).expect("client builds")
}

pub fn start_sim(rt: &tokio::runtime::Runtime, customers: u32) -> SimProcess {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args([
            "sim",
            "--port",
            &port.to_string(),
            "--customers",
            &customers.to_string(),
            // One rendering for the whole run, as a real server's cache.
            "--cache-ttl-secs",
            "3600",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("hubdesk sim starts");
    let sim = SimProcess {
        child,
        base_url: format!("http://127.0.0.1:{port}"),
    };
    let client = client_for(&sim.base_url);
    let deadline = Instant::now() + Duration::from_secs(180);
    while rt.block_on(client.login()).is_err() {
        assert!(Instant::now() < deadline, "the simulator did not come up");
        std::thread::sleep(Duration::from_millis(200));
    }
    sim
}

pub fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A warm server: `cliente/all` answered from memory, as a HubSoft that
/// serves its cached answer (the simulator renders each answer as it
/// streams it, so it cannot tell the client's speed from its own).
/// Runs on `rt` until dropped with it.
pub struct Replay {
    pub base_url: String,
    /// The body it answers `cliente/all` with.
    pub body: bytes::Bytes,
}

/// A bare HTTP client (loopback, plain HTTP; reqwest wants a TLS provider
/// installed all the same).
fn plain_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// The raw `cliente/all` body of `sim` (all customers), read once.
pub fn capture_all(rt: &tokio::runtime::Runtime, sim: &SimProcess) -> bytes::Bytes {
    rt.block_on(async {
        let http = plain_http();
        let token: serde_json::Value = http
            .post(format!("{}/oauth/token", sim.base_url))
            .json(&serde_json::json!({
                "grant_type": "password",
                "client_id": DEMO_CREDENTIALS.client_id,
                "client_secret": DEMO_CREDENTIALS.client_secret,
                "username": DEMO_CREDENTIALS.username,
                "password": DEMO_CREDENTIALS.password,
            }))
            .send()
            .await
            .expect("token request")
            .json()
            .await
            .expect("token answer");
        let token = token["access_token"].as_str().expect("access_token");
        http.get(format!("{}/api/v1/integracao/cliente/all", sim.base_url))
            .bearer_auth(token)
            .send()
            .await
            .expect("cliente/all")
            .bytes()
            .await
            .expect("cliente/all body")
    })
}

pub fn start_replay(rt: &tokio::runtime::Runtime, body: bytes::Bytes) -> Replay {
    use axum::routing::{get, post};
    let served = body.clone();
    let app = axum::Router::new()
        .route(
            "/oauth/token",
            post(|| async {
                axum::Json(serde_json::json!({
                    "access_token": "replay", "expires_in": 2_592_000,
                    "refresh_token": "replay", "token_type": "Bearer",
                }))
            }),
        )
        .route(
            "/api/v1/integracao/cliente/all",
            get(move || {
                let body = served.clone();
                async move { ([("content-type", "application/json")], body) }
            }),
        );
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("replay listens");
    let addr = listener.local_addr().expect("replay address");
    rt.spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Replay {
        base_url: format!("http://{addr}"),
        body,
    }
}

/// Reads `cliente/all` from `base_url` without decoding it: the transfer
/// alone. Returns the bytes read.
pub fn transfer_only(rt: &tokio::runtime::Runtime, base_url: &str) -> u64 {
    rt.block_on(async {
        let http = plain_http();
        let mut response = http
            .get(format!("{base_url}/api/v1/integracao/cliente/all"))
            .bearer_auth("replay")
            .send()
            .await
            .expect("cliente/all");
        let mut n = 0u64;
        while let Some(chunk) = response.chunk().await.expect("a chunk") {
            n += chunk.len() as u64;
        }
        n
    })
}
