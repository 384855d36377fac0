//! Peak memory under the per-route body caps (issue 14, point 3).
//!
//! Before the caps, a 1 GB answer peaked at about 2 GB RSS, a 200 MB one at
//! 421 MB, and 150 MB on each of the console's five panes at 1.06 GB. Now
//! a read stops at its route's cap (`hubdesk::api::body_limit`). Reported,
//! never asserted (figure 10 of `docs/PERFORMANCE.md`):
//!
//! - the real binary, `hubdesk --json search ana` (route `cliente`, cap
//!   32 MiB), peak RSS sampled from `/proc/PID/status` (`VmHWM`; `wait4`'s `ru_maxrss` would
//!   include this bench's own size at the fork): a normal answer; a valid answer just
//!   under the cap (customers in the documented shape, printed as JSON);
//!   200 MB and 1 GB bodies, with and without `Content-Length`;
//! - in this process, the five reads of an open customer in the console
//!   (`cliente`, `cliente/financeiro`, `cliente/atendimento`,
//!   `cliente/ordem_servico`, `cliente/extrato_conexao`) at once, each
//!   answered with 150 MB: the growth of the peak RSS (`VmHWM`, reset
//!   through `/proc/self/clear_refs`).
//!
//! The server is the scripted stand-in of the tests (`tests/support`),
//! which sends a huge body in 64 KiB chunks without holding it.
//!
//! Run with `cargo bench --bench body_cap`. Linux only for the figures;
//! without `--bench` (e.g. `cargo test --benches`) it only says so.

use std::process::{Command, Stdio};

use hubdesk::api::ConnectionLogQuery;
use hubdesk::api::{
    CustomerSearch, CustomerSearchBy, InvoiceSearch, InvoiceSearchBy, ServiceOrderSearch,
    ServiceOrderSearchBy, TicketSearch, TicketSearchBy, body_limit,
};

#[path = "../tests/support/mod.rs"]
mod scripted;
mod support;

use scripted::{Reply, Server};
use support::status_kib;

const MB: u64 = 1_000_000;

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A `cliente` answer of about `bytes` bytes: the documented example's
/// first customer, repeated.
fn near_cap_answer(bytes: u64) -> (Reply, usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hubsoft-examples/cliente.response.json");
    let example: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let one = example["clientes"][0].clone();
    let each = one.to_string().len() as u64 + 1;
    let n = (bytes / each) as usize;
    let body = serde_json::json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "clientes": vec![one; n],
    });
    (Reply::json(200, body), n)
}

/// `hubdesk --json search ana` against `server`: (exit code, stdout
/// bytes, peak RSS in KiB).
fn binary_search(server: &Server) -> (i32, u64, Option<i64>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args([
            "--json",
            "--log-level",
            "off",
            "--timeout",
            "120",
            "search",
            "ana",
        ])
        .env_clear()
        .env("HOME", dir.path())
        .env("LANG", "C.UTF-8")
        .env("HUBDESK_CONFIG", dir.path().join("config.toml"))
        .env("HUBDESK_DATA_DIR", dir.path().join("data"))
        .env("HUBDESK_STATE_DIR", dir.path().join("state"))
        .env("HUBSOFT_HOST", server.url())
        .env("HUBSOFT_CLIENT_ID", "3")
        .env("HUBSOFT_CLIENT_SECRET", scripted::CLIENT_SECRET)
        .env("HUBSOFT_USERNAME", "api@provedor.com.br")
        .env("HUBSOFT_PASSWORD", scripted::PASSWORD)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hubdesk starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader =
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()).unwrap_or(0));
    let pid = child.id() as libc::pid_t;
    // The child's own high-water mark, sampled from /proc while it runs:
    // wait4's ru_maxrss also counts the RSS this (large) bench process had
    // when it forked, which Linux carries across exec.
    let sampler = std::thread::spawn(move || {
        let path = format!("/proc/{pid}/status");
        let mut peak: Option<i64> = None;
        while let Ok(status) = std::fs::read_to_string(&path) {
            let Some(kib) = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<i64>().ok())
            else {
                break; // exited (a zombie has no memory left)
            };
            peak = Some(peak.map_or(kib, |p| p.max(kib)));
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        peak
    });
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; both pointers are
    // valid for the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let sampled = sampler.join().expect("sampler thread");
    let peak = (reaped == pid).then_some(sampled).flatten();
    let bytes = reader.join().expect("reader thread");
    // Already reaped by wait4: std must not wait for it again.
    std::mem::forget(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, bytes, peak)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("body_cap: run with `cargo bench --bench body_cap`");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let show = |p: Option<i64>| p.map_or_else(|| "unknown".to_owned(), |k| mib(k as u64));
    let cap = body_limit("cliente");
    println!("figure 10: cap of `cliente`: {}", mib(cap / 1024));

    let normal = rt.block_on(Server::start(vec![near_cap_answer(20_000).0]));
    let (code, out, peak) = binary_search(&normal);
    println!(
        "figure 10: binary, normal answer: exit {code}, {out} bytes out, peak RSS {}",
        show(peak)
    );
    let (reply, n) = near_cap_answer(cap - cap / 16);
    let under = rt.block_on(Server::start(vec![reply]));
    let (code, out, peak) = binary_search(&under);
    println!(
        "figure 10: binary, valid answer just under the cap ({n} customers, {:.1} MiB): exit {code}, {:.1} MiB of JSON out, peak RSS {}",
        (cap - cap / 16) as f64 / 1048576.0,
        out as f64 / 1048576.0,
        show(peak)
    );
    for (size, announce) in [(200 * MB, true), (1000 * MB, true), (1000 * MB, false)] {
        let server = rt.block_on(Server::start(vec![Reply::huge(size, announce)]));
        let (code, _, peak) = binary_search(&server);
        println!(
            "figure 10: binary, {} MB body {}: exit {code}, peak RSS {}",
            size / MB,
            if announce {
                "with Content-Length"
            } else {
                "chunked"
            },
            show(peak)
        );
    }

    // The console's client: five panes at once, 150 MB each.
    let server = rt.block_on(Server::start(vec![Reply::huge(150 * MB, false)]));
    let client = server.client(|c| c.request_timeout = std::time::Duration::from_secs(120));
    rt.block_on(client.login()).expect("grant");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS:");
    let results = rt.block_on(async {
        let search = CustomerSearch::new(CustomerSearchBy::Name, "ana");
        let invoices = InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1000");
        let tickets = TicketSearch::new(TicketSearchBy::CustomerCode, "1000");
        let orders = ServiceOrderSearch::new(ServiceOrderSearchBy::CustomerCode, "1000");
        let log = ConnectionLogQuery::new("ana");
        let (a, b, c, d, e) = tokio::join!(
            client.search_customers(&search),
            client.customer_invoices(&invoices),
            client.customer_tickets(&tickets),
            client.service_orders(&orders),
            client.connection_log(&log),
        );
        [
            a.err().map(|e| e.to_string()),
            b.err().map(|e| e.to_string()),
            c.err().map(|e| e.to_string()),
            d.err().map(|e| e.to_string()),
            e.err().map(|e| e.to_string()),
        ]
    });
    let peak = status_kib("VmHWM:");
    for r in &results {
        println!("figure 10: five panes: {}", r.as_deref().unwrap_or("ok?"));
    }
    match (reset, before, peak) {
        (true, Some(b), Some(p)) => println!(
            "figure 10: five panes at 150 MB each: peak RSS growth {} (sum of the caps {})",
            mib(p.saturating_sub(b)),
            mib([
                "cliente",
                "cliente/financeiro",
                "cliente/atendimento",
                "cliente/ordem_servico",
                "cliente/extrato_conexao"
            ]
            .iter()
            .map(|r| body_limit(r))
            .sum::<u64>()
                / 1024)
        ),
        _ => println!("figure 10: five panes: peak RSS unavailable"),
    }
}
