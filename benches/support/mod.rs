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
