//! How fast the demo is ready, and what the simulator's data costs.
//!
//! Goal (issue 3): `hubdesk --demo` with 2,000 customers is ready in under
//! 0.5 s: data generated, the server listening on loopback, and the first
//! token granted through the real client. The 100,000-customer run reports
//! the resident memory the generated data takes (Linux `/proc/self/status`).
//!
//! Run with `cargo bench --bench sim_startup`.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig};

fn client_for(base_url: String) -> Client {
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    Client::new(ClientConfig::new(base_url, credentials)).expect("client builds")
}

/// Starts a simulator with `customers`, grants the first token, shuts down.
fn demo_ready(runtime: &tokio::runtime::Runtime, customers: u32) -> Duration {
    let started = Instant::now();
    let handle = sim::start(SimConfig {
        customers,
        ..SimConfig::default()
    })
    .expect("sim starts");
    let client = client_for(handle.base_url());
    runtime.block_on(client.login()).expect("first token");
    let ready = started.elapsed();
    handle.shutdown();
    ready
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut group = c.benchmark_group("demo_ready");
    group.sample_size(10);
    group.bench_function("2000_customers", |b| b.iter(|| demo_ready(&runtime, 2_000)));
    group.finish();

    // One explicit figure against the goal, so the ratio is printed plainly.
    let runs: Vec<Duration> = (0..5).map(|_| demo_ready(&runtime, 2_000)).collect();
    let worst = runs.iter().max().copied().unwrap_or_default();
    println!(
        "demo ready with 2,000 customers: worst of 5 = {worst:?} ({:.0}% of the 0.5 s goal)",
        worst.as_secs_f64() / 0.5 * 100.0
    );

    let before = rss_kib();
    let started = Instant::now();
    let handle = sim::start(SimConfig {
        customers: 100_000,
        ..SimConfig::default()
    })
    .expect("sim starts with 100,000 customers");
    let generated = started.elapsed();
    let after = rss_kib();
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "100,000 customers: generated and listening in {generated:?}, resident memory +{} MiB",
            after.saturating_sub(before) / 1024
        );
    }
    handle.shutdown();
}

criterion_group!(benches, bench);
criterion_main!(benches);
