//! Instant type-ahead over 100,000 customers (issue 8, figure 8).
//!
//! Builds the local index from the simulator's `cliente/all` with 100,000
//! customers, fetched and decoded through the real client, then:
//!
//! - build time and memory: the index's own heap bytes (counted from its
//!   capacities), and from `/proc/self/status` the resident set after the
//!   build (decoded customers dropped; the allocator may keep some) and
//!   its peak while `cliente/all` is decoded, both over the baseline
//!   taken before the fetch (the simulator's own data is in both);
//! - per-keystroke latency: typing realistic queries one character at a
//!   time through one `Searcher` (as the console does), each keystroke
//!   timed on its own, many rounds; p50, p99 and max computed here
//!   (criterion reports means) against the 5 ms goal.
//!
//! `cargo bench --bench typeahead` (release profile). Criterion's group is
//! kept small: `-- --sample-size 10` is plenty.

use std::time::{Duration, Instant};

use criterion::Criterion;
use hubdesk::api::{AllCustomers, Client, ClientConfig, Credentials, Secret};
use hubdesk::index::{CustomerIndex, Searcher};
use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig};

const CUSTOMERS: u32 = 100_000;
const ROUNDS: usize = 40;
const GOAL: Duration = Duration::from_millis(5);

fn client_for(base_url: String) -> Client {
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    let mut cc = ClientConfig::new(base_url, credentials);
    cc.request_timeout = Duration::from_secs(600);
    Client::new(cc).expect("client builds")
}

fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// What an attendant types, as typed: every prefix is one keystroke.
fn sequences(index: &CustomerIndex) -> Vec<String> {
    // Real values from the data, so the later keystrokes still match.
    let row = index
        .row(index.len() as u32 / 2)
        .expect("a middle customer");
    let doc = row.document.to_owned();
    let masked_cpf = if doc.len() == 11 {
        format!("{}.{}.{}-{}", &doc[..3], &doc[3..6], &doc[6..9], &doc[9..])
    } else {
        doc.clone()
    };
    vec![
        "maria silva".to_owned(),
        "jose de souza".to_owned(),
        masked_cpf,
        doc,
        "10.20.1".to_owned(),
        "silva.m".to_owned(),
        row.code.to_string(),
        "(37) 9991".to_owned(),
        "aa:bb:cc".to_owned(),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let handle = sim::start(SimConfig {
        customers: CUSTOMERS,
        ..SimConfig::default()
    })
    .expect("sim starts");
    let client = client_for(handle.base_url());

    let baseline = status_kib("VmRSS:");
    let started = Instant::now();
    let customers = runtime
        .block_on(client.all_customers(&AllCustomers::default()))
        .expect("cliente/all");
    let fetched = started.elapsed();
    assert_eq!(customers.len(), CUSTOMERS as usize);

    let started = Instant::now();
    let index = CustomerIndex::build(&customers);
    let built = started.elapsed();
    drop(customers);
    handle.shutdown();
    let after = status_kib("VmRSS:");
    let peak = status_kib("VmHWM:");
    let heap = index.heap_bytes();
    println!(
        "figure 8a: index of {} customers: fetched and decoded in {fetched:.2?}, built in \
         {built:.2?}; heap {:.1} MiB ({} B per customer){}",
        index.len(),
        heap as f64 / 1_048_576.0,
        heap / index.len().max(1),
        match (baseline, after, peak) {
            (Some(b), Some(a), Some(p)) => format!(
                "; resident set (simulator included) {:+.1} MiB after the build with the \
                 decoded customers dropped, peak {:+.1} MiB while decoding cliente/all",
                (a as f64 - b as f64) / 1024.0,
                (p as f64 - b as f64) / 1024.0
            ),
            _ => String::new(),
        }
    );

    // ---- per keystroke ------------------------------------------------------
    let seqs = sequences(&index);
    let mut all = Vec::new();
    let mut per_seq: Vec<(String, Vec<Duration>)> = Vec::new();
    for _ in 0..ROUNDS {
        for q in &seqs {
            // A new typing run: the search box was cleared.
            let mut searcher = Searcher::new(100);
            let mut times = Vec::with_capacity(q.len());
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let t = Instant::now();
                let m = searcher.search(&index, &q[..end]);
                times.push(t.elapsed());
                std::hint::black_box(m);
            }
            all.extend_from_slice(&times);
            match per_seq.iter_mut().find(|(s, _)| s == q) {
                Some((_, v)) => v.extend(times),
                None => per_seq.push((q.clone(), times)),
            }
        }
    }
    all.sort();
    let (p50, p99, max) = (
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        *all.last().unwrap(),
    );
    println!(
        "figure 8b: per keystroke over {} customers ({} keystrokes, {ROUNDS} rounds of {} \
         queries): p50 {p50:.2?}, p99 {p99:.2?}, max {max:.2?} (goal p99 <= {GOAL:?}: {})",
        index.len(),
        all.len(),
        seqs.len(),
        if p99 <= GOAL { "met" } else { "MISSED" }
    );
    for (q, mut v) in per_seq {
        v.sort();
        let mut searcher = Searcher::new(100);
        let total = searcher.search(&index, &q).map_or(0, |m| m.total);
        println!(
            "  {q:<16} p50 {:>9.2?}  p99 {:>9.2?}  ({total} matches for the whole query)",
            percentile(&v, 0.5),
            percentile(&v, 0.99)
        );
    }

    // Criterion's view of the same work: one whole typing run of a name.
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    c.bench_function("typeahead/type_maria_silva", |b| {
        b.iter(|| {
            let mut searcher = Searcher::new(100);
            let q = "maria silva";
            for end in 1..=q.len() {
                std::hint::black_box(searcher.search(&index, &q[..end]));
            }
        })
    });
    c.bench_function("typeahead/first_two_letters", |b| {
        b.iter(|| std::hint::black_box(Searcher::new(100).search(&index, "ma")))
    });
    c.final_summary();
}
