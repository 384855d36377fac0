//! The call-centre path (issue 16, goal 1): the attendant types a CPF/CNPJ
//! and presses Enter; one customer matches and opens by itself. Printed:
//! the time from that Enter to each pane filled (customer, invoices,
//! tickets, orders, connection history), as a multiple of one request's
//! latency, on a fresh console and on a warm one.
//!
//! In process against the embedded simulator answering every request
//! (the token grant included) after 300 ms, through the real `update()`
//! and effect [`Runner`], as `console.rs` wires them. "Fresh" is a new
//! client and runner, as at start-up, with the CPF typed in one second
//! (and, for the worst case, Enter at the very start); "warm" is the same
//! console searching the next customer. A pane counts as filled when its
//! data is in and no request for it is pending (the customer pane: the
//! record with its last connection, not the search row alone).
//!
//! Run with `cargo bench --bench cpf_path`. No timing is asserted.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, CustomerSearch, CustomerSearchBy, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, Msg, Screen, Settings, update};
use hubdesk::sim::{self, DEMO_CREDENTIALS, Faults, SimConfig, SimHandle};
use tokio::sync::mpsc;

const LATENCY_MS: u64 = 300;
const DEADLINE: Duration = Duration::from_secs(20);
/// How long the attendant takes to type a CPF on a fresh console.
const TYPING: Duration = Duration::from_secs(1);
/// Customers opened, one per run.
const RUNS: usize = 5;
const PANES: [&str; 5] = ["customer", "invoices", "tickets", "orders", "connections"];

fn client(sim: &SimHandle) -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let creds = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.into(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.into(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    Client::new(ClientConfig::new(sim.base_url(), creds)).expect("client")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// `update()` plus the runner (with its token keeper), as `console.rs`
/// wires them.
struct Driver {
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
}

impl Driver {
    /// A console as it starts.
    fn start(sim: &SimHandle) -> Driver {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
        update(&mut app, Msg::Resize(160, 48));
        let mut runner = Runner::new(client(sim), tx);
        // As `Console::new` does: the token is granted at start.
        runner.keep_token_fresh();
        Driver { app, runner, rx }
    }

    fn send(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(Msg::Key(key(KeyCode::Char(c))));
        }
    }

    /// Which panes are filled now, in [`PANES`] order.
    fn filled(&self) -> [bool; 5] {
        let Some(v) = self.app.view.as_ref() else {
            return [false; 5];
        };
        [
            v.customer.data.is_some() && !v.customer.loading(),
            v.invoices.data.is_some() && !v.invoices.loading(),
            v.tickets.data.is_some() && !v.tickets.loading(),
            v.orders.data.is_some() && !v.orders.loading(),
            v.connections.data.is_some() && !v.connections.loading(),
        ]
    }

    /// Presses Enter on the typed document and waits until every pane is
    /// filled; returns when each was, from the Enter.
    async fn enter_and_time(&mut self) -> [Duration; 5] {
        let started = Instant::now();
        let mut at = [None; 5];
        self.send(Msg::Key(key(KeyCode::Enter)));
        loop {
            for (i, f) in self.filled().into_iter().enumerate() {
                if f && at[i].is_none() {
                    at[i] = Some(started.elapsed());
                }
            }
            if at.iter().all(Option::is_some) {
                break;
            }
            let msg = tokio::time::timeout(DEADLINE, self.rx.recv())
                .await
                .expect("a reply within the deadline")
                .expect("runner alive");
            self.send(msg);
        }
        assert_eq!(
            self.app.screen,
            Screen::Customer,
            "one match opens by itself"
        );
        let v = self.app.view.as_ref().expect("a customer view");
        for e in [
            &v.customer.error,
            &v.invoices.error,
            &v.tickets.error,
            &v.orders.error,
            &v.connections.error,
        ] {
            assert_eq!(e, &None);
        }
        at.map(|t| t.expect("filled"))
    }
}

/// Documents of customers that are alone with their CPF/CNPJ and have a
/// login (so the connection history has something to read).
fn documents(rt: &tokio::runtime::Runtime, sim: &SimHandle) -> Vec<String> {
    let client = client(sim);
    rt.block_on(async {
        let mut docs = Vec::new();
        for code in (1010u64..).step_by(7) {
            let mut q = CustomerSearch::new(CustomerSearchBy::Code, code.to_string());
            q.limit = Some(5);
            let found = client.search_customers(&q).await.expect("search by code");
            let Some(c) = found.first() else { continue };
            let has_login = c
                .servicos
                .iter()
                .any(|s| s.login.as_deref().is_some_and(|l| !l.is_empty()));
            let Some(doc) = c.cpf_cnpj.clone() else {
                continue;
            };
            let by_doc = client
                .search_customers(&CustomerSearch::new(CustomerSearchBy::Document, &doc))
                .await
                .expect("search by document");
            if has_login && by_doc.len() == 1 {
                docs.push(doc);
            }
            if docs.len() == RUNS * 2 {
                return docs;
            }
        }
        unreachable!()
    })
}

fn ratio(d: Duration) -> f64 {
    d.as_secs_f64() / (LATENCY_MS as f64 / 1000.0)
}

fn report(label: &str, runs: &[[Duration; 5]]) {
    let mut line = format!("{label}:");
    for (i, pane) in PANES.iter().enumerate() {
        let mut r: Vec<f64> = runs.iter().map(|t| ratio(t[i])).collect();
        r.sort_by(f64::total_cmp);
        line.push_str(&format!(
            " {pane} {:.2}x (worst {:.2}x);",
            r[r.len() / 2],
            r[r.len() - 1]
        ));
    }
    println!("{}", line.trim_end_matches(';'));
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it too:
    // then only check that it builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = sim::start(SimConfig::default()).expect("sim starts");
    let docs = documents(&rt, &sim);
    sim.set_faults(Faults {
        latency_ms: LATENCY_MS,
        ..Faults::default()
    });

    // One request alone, for reference: a search on a client that holds a
    // token already.
    let one = rt.block_on(async {
        let c = client(&sim);
        c.login().await.expect("login");
        let q = CustomerSearch::new(CustomerSearchBy::Document, &docs[0]);
        let started = Instant::now();
        c.search_customers(&q).await.expect("search");
        started.elapsed()
    });
    println!(
        "one request at {LATENCY_MS} ms per request: {:.0} ms ({:.2}x)",
        one.as_secs_f64() * 1000.0,
        ratio(one)
    );

    let mut fresh = Vec::new();
    let mut fresh_at_once = Vec::new();
    let mut warm = Vec::new();
    for run in 0..RUNS {
        let (a, b) = (&docs[2 * run], &docs[2 * run + 1]);
        rt.block_on(async {
            // Enter the moment the console starts: the worst case.
            let mut d = Driver::start(&sim);
            d.type_text(a);
            fresh_at_once.push(d.enter_and_time().await);
            d.runner.abort_all();

            // A fresh console, the CPF typed in one second.
            let mut d = Driver::start(&sim);
            let typed = Instant::now();
            d.type_text(a);
            tokio::time::sleep(TYPING.saturating_sub(typed.elapsed())).await;
            // Whatever arrived while typing (a background token grant
            // sends nothing to the loop, but be exact).
            while let Ok(msg) = d.rx.try_recv() {
                d.send(msg);
            }
            fresh.push(d.enter_and_time().await);

            // The same console, the next caller.
            d.send(Msg::Key(key(KeyCode::Esc)));
            d.type_text(b);
            warm.push(d.enter_and_time().await);
            d.runner.abort_all();
        });
    }
    sim.shutdown();
    println!("Enter on a CPF, one match, {LATENCY_MS} ms per request, median of {RUNS} customers:");
    report("fresh console, CPF typed in 1 s", &fresh);
    report("fresh console, Enter at start (worst case)", &fresh_at_once);
    report("warm console", &warm);
    println!("goal: customer, invoices, tickets and orders <= 1.2x; connection history <= 2.2x");
}
