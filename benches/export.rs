//! Bulk export memory (issue 7): `hubdesk export customers` against a
//! 100,000-customer simulator must keep its memory flat, because it reads
//! `cliente/all` as a stream and decodes one customer at a time.
//!
//! The simulator runs as its own process (`hubdesk sim`), so that its data
//! and its cached answer do not count. Reported, never asserted:
//!
//! - the real binary's peak RSS (`wait4` rusage of the child) exporting
//!   1,000 and then 100,000 customers to a pipe: flat means about equal;
//! - in this process, the growth of the peak RSS (`VmHWM`, reset through
//!   `/proc/self/clear_refs` before each run) while streaming all customers
//!   with `Client::stream_all_customers`, and then for contrast while
//!   fetching them with the buffered `Client::all_customers`;
//! - criterion timings of both paths on 10,000 customers.
//!
//! Run with `cargo bench --bench export` (add `-- --sample-size 10` to be
//! quick). Linux only for the memory figures.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use hubdesk::api::{AllCustomers, Client};

use hubdesk::sim::DEMO_CREDENTIALS;

mod support;
use support::{SimProcess, client_for, start_sim, status_kib};

const CUSTOMERS: u32 = 100_000;

/// Runs `f` and returns how far the peak RSS rose above the RSS before
/// it, in KiB. The peak is reset first when the kernel allows it.
fn peak_growth_kib(f: impl FnOnce() -> usize) -> (usize, Option<u64>) {
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let n = f();
    let peak = status_kib("VmHWM:");
    let growth = match (reset, before, peak) {
        (true, Some(b), Some(p)) => Some(p.saturating_sub(b)),
        _ => None,
    };
    (n, growth)
}

/// The real binary exporting to a pipe: (lines, stdout bytes, peak RSS KiB).
fn binary_export(sim: &SimProcess, limit: Option<u32>) -> (u64, u64, Option<i64>) {
    let state = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["export".to_owned(), "customers".to_owned()];
    if let Some(l) = limit {
        args.push("--limit".into());
        args.push(l.to_string());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args(&args)
        .env_clear()
        .env("HOME", state.path())
        .env("LANG", "C.UTF-8")
        .env("HUBDESK_CONFIG", state.path().join("config.toml"))
        .env("HUBDESK_DATA_DIR", state.path().join("data"))
        .env("HUBDESK_STATE_DIR", state.path().join("state"))
        .env("HUBSOFT_HOST", &sim.base_url)
        .env("HUBSOFT_CLIENT_ID", DEMO_CREDENTIALS.client_id)
        .env("HUBSOFT_CLIENT_SECRET", DEMO_CREDENTIALS.client_secret)
        .env("HUBSOFT_USERNAME", DEMO_CREDENTIALS.username)
        .env("HUBSOFT_PASSWORD", DEMO_CREDENTIALS.password)
        .args(["--timeout", "300"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hubdesk export starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let (mut lines, mut bytes) = (0u64, 0u64);
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes += n as u64;
            lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        }
        (lines, bytes)
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; both pointers are
    // valid for the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let peak = (reaped == pid).then_some(usage.ru_maxrss);
    let (lines, bytes) = reader.join().expect("reader thread");
    // Already reaped by wait4: std must not wait for it again.
    std::mem::forget(child);
    (lines, bytes, peak)
}

fn stream_count(rt: &tokio::runtime::Runtime, client: &Client, params: &AllCustomers) -> usize {
    rt.block_on(async {
        let mut stream = client
            .stream_all_customers(params)
            .await
            .expect("stream opens");
        let mut n = 0;
        while let Some(c) = stream.next_customer().await {
            std::hint::black_box(c.expect("customer decodes"));
            n += 1;
        }
        n
    })
}

fn buffered_count(rt: &tokio::runtime::Runtime, client: &Client, params: &AllCustomers) -> usize {
    let all = rt
        .block_on(client.all_customers(params))
        .expect("all customers");
    all.len()
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = start_sim(&rt, CUSTOMERS);
    let client = client_for(&sim.base_url);
    let all = AllCustomers::default();

    // Warm the simulator's cache so that its rendering is not measured.
    let started = Instant::now();
    let warm = stream_count(&rt, &client, &all);
    assert_eq!(warm, CUSTOMERS as usize);
    println!(
        "export: first streamed export of {warm} customers (simulator rendering included): {:?}",
        started.elapsed()
    );

    // The real binary, into a pipe.
    let (small_lines, _, small_peak) = binary_export(&sim, Some(1_000));
    let started = Instant::now();
    let (lines, bytes, peak) = binary_export(&sim, None);
    let took = started.elapsed();
    let show = |p: Option<i64>| p.map_or_else(|| "unknown".to_owned(), |k| mib(k as u64));
    println!(
        "export: `hubdesk export customers` peak RSS: {} for {small_lines} customers, {} for {lines} customers ({:.1} MiB of JSON Lines in {took:?})",
        show(small_peak),
        show(peak),
        bytes as f64 / 1048576.0,
    );

    // In this process: streaming first, then the buffered call (whose
    // freed memory the allocator may keep) for contrast.
    let (n, streamed) = peak_growth_kib(|| stream_count(&rt, &client, &all));
    let (m, buffered) = peak_growth_kib(|| buffered_count(&rt, &client, &all));
    let show = |g: Option<u64>| g.map_or_else(|| "unknown".to_owned(), mib);
    println!(
        "export: peak RSS growth in process: streaming {n} customers {}, buffered all_customers of {m} customers {}",
        show(streamed),
        show(buffered),
    );

    let ten_k = AllCustomers {
        limit: Some(10_000),
        ..AllCustomers::default()
    };
    // Warm the cache of this query too.
    stream_count(&rt, &client, &ten_k);
    let mut group = c.benchmark_group("export_10000_customers");
    group.sample_size(10);
    group.bench_function("stream_all_customers", |b| {
        b.iter(|| stream_count(&rt, &client, &ten_k))
    });
    group.bench_function("all_customers_buffered", |b| {
        b.iter(|| buffered_count(&rt, &client, &ten_k))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
