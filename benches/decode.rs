//! Typed decode of a large `cliente/all` body against a generic parse.
//!
//! Goal (issue 8): decoding a 10,000-customer `cliente/all` body into the
//! client's typed `CustomersResponse` is at least as fast as parsing the
//! same bytes into a `serde_json::Value`. The typed path is what the
//! client runs (`serde_path_to_error` over the lenient field decoders);
//! the plain `from_slice` typed decode is shown too, to price the error
//! path tracking.
//!
//! The body comes from the simulator with 10,000 customers through the
//! real client (as a `Value`, re-serialised once), so both parsers read
//! exactly the same bytes.
//!
//! Run with `cargo bench --bench decode`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hubdesk::api::{AllCustomers, Client, ClientConfig, Credentials, CustomersResponse, Secret};
use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig};
use serde_json::Value;

const CUSTOMERS: u32 = 10_000;

fn body() -> Vec<u8> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let handle = sim::start(SimConfig {
        customers: CUSTOMERS,
        ..SimConfig::default()
    })
    .expect("sim starts");
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    let client = Client::new(ClientConfig::new(handle.base_url(), credentials)).expect("client");
    let call = AllCustomers::default().to_call().expect("call");
    let value: Value = runtime
        .block_on(client.call(call))
        .expect("cliente/all answers");
    handle.shutdown();
    serde_json::to_vec(&value).expect("serialise")
}

/// What the client does with a body once classified as a success.
fn typed(bytes: &[u8]) -> CustomersResponse {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).expect("typed decode")
}

fn typed_plain(bytes: &[u8]) -> CustomersResponse {
    serde_json::from_slice(bytes).expect("typed decode")
}

fn generic(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("value parse")
}

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let bytes = body();
    let decoded = typed(&bytes);
    assert_eq!(decoded.clientes.len(), CUSTOMERS as usize);

    let mut group = c.benchmark_group("decode_cliente_all_10k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("typed_client_path", |b| b.iter(|| typed(black_box(&bytes))));
    group.bench_function("typed_from_slice", |b| {
        b.iter(|| typed_plain(black_box(&bytes)))
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| generic(black_box(&bytes)))
    });
    group.finish();

    // The figure: interleaved best-of runs, so load on the shared machine
    // hits both sides alike.
    let (mut t_typed, mut t_plain, mut t_value) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        t_typed = t_typed.min(best_of(2, || drop(black_box(typed(&bytes)))));
        t_plain = t_plain.min(best_of(2, || drop(black_box(typed_plain(&bytes)))));
        t_value = t_value.min(best_of(2, || drop(black_box(generic(&bytes)))));
    }
    println!(
        "figure 1: cliente/all with {CUSTOMERS} customers ({:.1} MB): typed (client path) {t_typed:?}, \
         typed (plain) {t_plain:?}, serde_json::Value {t_value:?}; \
         typed/Value = {:.2} (goal <= 1.00), plain typed/Value = {:.2}",
        bytes.len() as f64 / 1e6,
        t_typed.as_secs_f64() / t_value.as_secs_f64(),
        t_plain.as_secs_f64() / t_value.as_secs_f64(),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
