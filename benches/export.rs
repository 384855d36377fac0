//! Bulk export (issues 7 and 16): `hubdesk export customers` against a
//! 100,000-customer base must keep its memory flat (it reads `cliente/all`
//! as a stream and decodes one customer at a time) and decode fast.
//!
//! The simulator runs as its own process (`hubdesk sim`), so that its data
//! does not count. It renders `cliente/all` while it streams it, so for
//! speed its body is captured once and answered from memory by a small
//! replay server in this process ("a warm server", as HubSoft serving its
//! cached answer). Reported, never asserted:
//!
//! - the simulator: time to stream all customers, its own peak RSS;
//! - the transfer alone from the warm server, and the real binary
//!   exporting from it into a pipe: MB/s of `cliente/all` body, CPU time,
//!   peak RSS (`wait4` rusage of the child);
//! - the stages on one core, from the body in memory: cutting the list,
//!   cutting + decoding, cutting + decoding + writing the JSON Lines;
//! - the real binary's peak RSS exporting 1,000 and then 100,000 customers
//!   from the simulator: flat means about equal;
//! - in this process, the growth of the peak RSS (`VmHWM`, reset through
//!   `/proc/self/clear_refs` before each run) while streaming all customers
//!   with `Client::stream_all_customers`, and then for contrast while
//!   fetching them with the buffered `Client::all_customers`;
//! - criterion timings of both paths on 10,000 customers.
//!
//! Run with `cargo bench --bench export` (add `-- --sample-size 10` to be
//! quick). Linux only for the memory figures.

use std::collections::VecDeque;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hubdesk::api::{AllCustomers, ArraySplitter, Client, Customer};
use hubdesk::cli::output::RecordWriter;
use hubdesk::index::{IndexBuilder, IndexCustomer};

use hubdesk::sim::DEMO_CREDENTIALS;

mod support;
use support::{
    SimProcess, capture_all, client_for, start_replay, start_sim, status_kib, transfer_only,
};

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

/// What one run of the real binary did.
struct Run {
    lines: u64,
    bytes: u64,
    /// Peak RSS, KiB.
    peak: Option<i64>,
    /// User + system CPU time.
    cpu: Duration,
    wall: Duration,
}

/// The real binary exporting from `base_url` to a pipe.
fn binary_export(base_url: &str, limit: Option<u32>) -> Run {
    export_with(env!("CARGO_BIN_EXE_hubdesk"), base_url, limit)
}

/// `binary` (a `hubdesk`) exporting from `base_url` to a pipe.
fn export_with(binary: &str, base_url: &str, limit: Option<u32>) -> Run {
    let state = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["export".to_owned(), "customers".to_owned()];
    if let Some(l) = limit {
        args.push("--limit".into());
        args.push(l.to_string());
    }
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(&args)
        .env_clear()
        .env("HOME", state.path())
        .env("LANG", "C.UTF-8")
        .env("HUBDESK_CONFIG", state.path().join("config.toml"))
        .env("HUBDESK_DATA_DIR", state.path().join("data"))
        .env("HUBDESK_STATE_DIR", state.path().join("state"))
        .env("HUBSOFT_HOST", base_url)
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
    // The child's own peak, read while it runs: `wait4`'s `ru_maxrss`
    // also counts the copy of this (large) process the child was forked
    // from before it exec'd. `VmHWM` only grows, so the last read is at
    // most a few milliseconds short of the peak.
    let pid = child.id() as libc::pid_t;
    let status_path = format!("/proc/{pid}/status");
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = None;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Some(kib) = std::fs::read_to_string(&status_path).ok().and_then(|s| {
                    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
                    line.split_whitespace().nth(1)?.parse::<i64>().ok()
                }) {
                    peak = Some(kib);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; both pointers are
    // valid for the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let peak = watcher
        .join()
        .expect("watcher thread")
        .filter(|_| reaped == pid);
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    let (lines, bytes) = reader.join().expect("reader thread");
    // Already reaped by wait4: std must not wait for it again.
    std::mem::forget(child);
    Run {
        lines,
        bytes,
        peak,
        cpu,
        wall,
    }
}

fn mb_per_s(bytes: usize, d: Duration) -> String {
    format!("{:.0} MB/s", bytes as f64 / 1e6 / d.as_secs_f64())
}

/// The export's stages on one core, from the body in memory: how long
/// cutting the list takes, then cutting and decoding, then cutting,
/// decoding and writing the JSON Lines (into a reused buffer).
fn stages(body: &[u8]) -> [(usize, Duration); 3] {
    const CHUNK: usize = 64 * 1024;
    let run = |decode: bool, write: bool| {
        let started = Instant::now();
        let mut splitter = ArraySplitter::new("clientes");
        let mut ready = VecDeque::new();
        let writer = RecordWriter::new(false);
        let mut line = Vec::with_capacity(1 << 16);
        let mut n = 0;
        for chunk in body.chunks(CHUNK) {
            splitter.feed(chunk, &mut ready).expect("a good body");
            while let Some(raw) = ready.pop_front() {
                if decode {
                    let text = std::str::from_utf8(&raw).expect("UTF-8");
                    let c: Customer = serde_json::from_str(text).expect("a customer");
                    if write {
                        line.clear();
                        writer.write(&mut line, &c).expect("written");
                        std::hint::black_box(&line);
                    }
                    std::hint::black_box(c);
                }
                splitter.recycle(raw);
                n += 1;
            }
        }
        splitter.finish().expect("a whole body");
        (n, started.elapsed())
    };
    [run(false, false), run(true, false), run(true, true)]
}

/// Peak RSS of the simulator process, KiB.
fn child_peak_kib(sim: &SimProcess) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", sim.pid())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
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

    // The simulator streaming every customer (it renders as it sends).
    let started = Instant::now();
    let warm = stream_count(&rt, &client, &all);
    assert_eq!(warm, CUSTOMERS as usize);
    let show = |p: Option<u64>| p.map_or_else(|| "unknown".to_owned(), mib);
    println!(
        "export: simulator, cliente/all of {warm} customers streamed and decoded through the client in {:.2?}; simulator peak RSS {}",
        started.elapsed(),
        show(child_peak_kib(&sim)),
    );

    // A warm server: the same body from memory.
    let started = Instant::now();
    let body = capture_all(&rt, &sim);
    println!(
        "export: simulator alone, cliente/all of {warm} customers rendered and sent in {:.2?} ({}), read raw",
        started.elapsed(),
        mb_per_s(body.len(), started.elapsed()),
    );
    let replay = start_replay(&rt, body);
    let size = replay.body.len();
    println!(
        "export: cliente/all body of {warm} customers: {:.1} MB",
        size as f64 / 1e6
    );
    for _ in 0..3 {
        let started = Instant::now();
        let n = transfer_only(&rt, &replay.base_url);
        assert_eq!(n as usize, size);
        println!(
            "export: warm server, transfer alone: {}",
            mb_per_s(size, started.elapsed())
        );
    }
    // Another build to compare with (an older commit's binary), when
    // given: `EXPORT_BASELINE_BIN=/path/to/hubdesk cargo bench ...`.
    let baseline = std::env::var("EXPORT_BASELINE_BIN").ok();
    let builds: Vec<(&str, &str)> = baseline
        .iter()
        .map(|b| ("baseline binary", b.as_str()))
        .chain([("this build", env!("CARGO_BIN_EXE_hubdesk"))])
        .collect();
    // Interleaved, so that load from elsewhere hits both alike.
    for &(who, binary) in builds.iter().cycle().take(3 * builds.len()) {
        let run = export_with(binary, &replay.base_url, None);
        assert_eq!(run.lines, CUSTOMERS as u64);
        println!(
            "export: warm server, {who}, `hubdesk export customers` into a pipe: {} ({:.2?} wall, {:.2?} CPU, {:.1} MB of JSON Lines, peak RSS {})",
            mb_per_s(size, run.wall),
            run.wall,
            run.cpu,
            run.bytes as f64 / 1e6,
            run.peak
                .map_or_else(|| "unknown".to_owned(), |k| mib(k as u64)),
        );
    }
    for _ in 0..3 {
        let started = Instant::now();
        let n = stream_count(&rt, &client_for(&replay.base_url), &all);
        assert_eq!(n, CUSTOMERS as usize);
        println!(
            "export: warm server, Client::stream_all_customers, whole customers decoded, nothing written: {} ({:.2?})",
            mb_per_s(size, started.elapsed()),
            started.elapsed()
        );
    }
    for _ in 0..3 {
        let started = Instant::now();
        let index = rt.block_on(async {
            let mut builder = IndexBuilder::default();
            // As the console loads it: only the index's fields decoded.
            let mut stream = client_for(&replay.base_url)
                .stream_all_customers_as::<IndexCustomer>(&all)
                .await
                .expect("stream opens");
            while let Some(c) = stream.next_customer().await {
                builder.push(&c.expect("customer decodes").0);
            }
            builder.finish()
        });
        assert_eq!(index.len(), CUSTOMERS as usize);
        println!(
            "export: warm server, type-ahead index of {} customers ready in {:.2?}",
            index.len(),
            started.elapsed()
        );
    }
    for _ in 0..2 {
        let [(n, split), (_, decode), (_, write)] = stages(&replay.body);
        assert_eq!(n, CUSTOMERS as usize);
        println!(
            "export: one core, body in memory: cut {} ({split:.2?}); cut + decode {} ({decode:.2?}); cut + decode + write {} ({write:.2?})",
            mb_per_s(size, split),
            mb_per_s(size, decode),
            mb_per_s(size, write),
        );
    }

    // The real binary, into a pipe, from the simulator: memory only.
    let small = binary_export(&sim.base_url, Some(1_000));
    let large = binary_export(&sim.base_url, None);
    let show = |p: Option<i64>| p.map_or_else(|| "unknown".to_owned(), |k| mib(k as u64));
    println!(
        "export: simulator, `hubdesk export customers` peak RSS: {} for {} customers, {} for {} customers ({:.1} MiB of JSON Lines in {:.2?})",
        show(small.peak),
        small.lines,
        show(large.peak),
        large.lines,
        large.bytes as f64 / 1048576.0,
        large.wall,
    );
    drop(replay);

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
