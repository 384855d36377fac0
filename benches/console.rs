//! The console's own costs, in-process against the embedded simulator:
//! what it writes to the terminal, when it writes nothing, how long a
//! customer takes to open on a slow server, and how fast a key reaches
//! the screen while requests are pending (issue 8, figures 2 to 5).
//!
//! Everything drives the real code: `update()`, the effect [`Runner`],
//! `ui::console::draw` through ratatui's `CrosstermBackend` inside the
//! [`FrameWriter`], and for figures 3 and 5 the real loop
//! (`tui::run::run` over [`Console`]) with scripted terminal events and a
//! writer that records every write. Figures are ratios within one run.
//!
//! Run with `cargo bench --bench console`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, Msg, Screen as AppScreen, Settings, update};
use hubdesk::console::{Console, ConsoleOptions};
use hubdesk::i18n::Lang;
use hubdesk::sim::{self, DEMO_CREDENTIALS, Faults, SimConfig, SimHandle};
use hubdesk::tui::events::TermEvent;
use hubdesk::tui::render::FrameWriter;
use hubdesk::tui::run::{self, Events, Screen};
use hubdesk::ui::theme::Theme;
use ratatui::Viewport;
use ratatui::layout::Rect;
use tokio::sync::mpsc;

const W: u16 = 160;
const H: u16 = 48;
const DEADLINE: Duration = Duration::from_secs(20);

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

fn new_app() -> App {
    let mut app = App::new(
        Settings {
            demo: true,
            profile: "demo".into(),
            ..Settings::default()
        },
        Keymap::new(&BTreeMap::new(), false).0,
    );
    update(&mut app, Msg::Resize(W, H));
    app
}

/// `update()` plus the runner, as `console.rs` wires them.
struct Driver {
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
}

impl Driver {
    fn new(sim: &SimHandle) -> Driver {
        let (tx, rx) = mpsc::unbounded_channel();
        Driver {
            app: new_app(),
            runner: Runner::new(client(sim), tx),
            rx,
        }
    }

    fn send(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.send(Msg::Key(key(KeyCode::Char(c))));
        }
    }

    /// Applies results until nothing is loading any more.
    async fn settle(&mut self) {
        while self.app.search.results.loading()
            || self.app.view.as_ref().is_some_and(|v| v.loading())
        {
            let msg = tokio::time::timeout(DEADLINE, self.rx.recv())
                .await
                .expect("a reply within the deadline")
                .expect("runner alive");
            self.send(msg);
        }
    }
}

// ---------------------------------------------------------------------------
// Figure 2: bytes for one row of selection movement vs. a full redraw.

fn figure_2(rt: &tokio::runtime::Runtime, sim: &SimHandle, c: &mut Criterion) {
    let mut d = rt.block_on(async {
        let mut d = Driver::new(sim);
        d.keys("silva");
        d.send(Msg::Key(key(KeyCode::Enter)));
        d.settle().await;
        d
    });
    let found = d.app.search.results.data.as_ref().map_or(0, Vec::len);
    let now = Instant::now();
    let mut fw = FrameWriter::with_viewport(Vec::new(), Viewport::Fixed(Rect::new(0, 0, W, H)))
        .expect("frame writer");
    fw.draw(|f| hubdesk::ui::console::draw(f, &d.app, now))
        .expect("draw");
    let full = fw.with_writer(Vec::len);
    // One Down in the results list.
    d.send(Msg::Key(key(KeyCode::Down)));
    fw.mark_dirty();
    fw.draw(|f| hubdesk::ui::console::draw(f, &d.app, now))
        .expect("draw");
    let moved = fw.with_writer(Vec::len) - full;
    println!(
        "figure 2: {W}x{H}, {found} results: full redraw {full} B, one row down {moved} B = {:.1}% \
         (goal <= 6%, floor 4.2%)",
        moved as f64 / full as f64 * 100.0
    );

    // Criterion: the CPU cost of that frame (update + draw + diff).
    let mut group = c.benchmark_group("frame_160x48");
    group.sample_size(20);
    group.bench_function("full_redraw", |b| {
        b.iter(|| {
            fw.force_full_redraw();
            fw.draw(|f| hubdesk::ui::console::draw(f, &d.app, now))
                .expect("draw")
        })
    });
    let mut down = true;
    group.bench_function("one_row_move", |b| {
        b.iter(|| {
            let code = if down { KeyCode::Down } else { KeyCode::Up };
            down = !down;
            d.send(Msg::Key(key(code)));
            fw.mark_dirty();
            fw.draw(|f| hubdesk::ui::console::draw(f, &d.app, now))
                .expect("draw")
        })
    });
    group.finish();
}

// ---------------------------------------------------------------------------
// Figure 4: a customer opens in about one round trip.

fn figure_4(rt: &tokio::runtime::Runtime, sim: &SimHandle) {
    const LATENCY_MS: u64 = 300;
    let mut d = Driver::new(sim);
    rt.block_on(async {
        d.keys("silva");
        d.send(Msg::Key(key(KeyCode::Enter)));
        d.settle().await;
    });
    sim.set_faults(Faults {
        latency_ms: LATENCY_MS,
        ..Faults::default()
    });
    let mut ratios = Vec::new();
    for i in 0..5 {
        let t = rt.block_on(async {
            // Back to the list, next customer, open.
            if d.app.screen == AppScreen::Customer {
                d.send(Msg::Key(key(KeyCode::Esc)));
            }
            for _ in 0..i {
                d.send(Msg::Key(key(KeyCode::Down)));
            }
            let started = Instant::now();
            d.send(Msg::Key(key(KeyCode::Enter)));
            assert_eq!(d.app.screen, AppScreen::Customer, "Enter opens a customer");
            d.settle().await;
            started.elapsed()
        });
        let view = d.app.view.as_ref().expect("a customer view");
        assert!(view.customer.error.is_none() && view.invoices.error.is_none());
        ratios.push(t.as_secs_f64() / (LATENCY_MS as f64 / 1000.0));
    }
    sim.set_faults(Faults::default());
    ratios.sort_by(f64::total_cmp);
    println!(
        "figure 4: customer open, all five panes, {LATENCY_MS} ms per request: \
         median {:.2}x, worst {:.2}x the latency over 5 opens (goal <= 1.2)",
        ratios[2], ratios[4]
    );
}

// ---------------------------------------------------------------------------
// The real loop, with scripted events and a recording writer.

/// Every write the loop makes (one per frame), with its time.
#[derive(Clone, Default)]
struct Probe(Arc<Mutex<Vec<(Instant, usize)>>>);

impl Probe {
    fn writes(&self) -> Vec<(Instant, usize)> {
        self.0.lock().unwrap().clone()
    }
    fn totals(&self) -> (usize, usize) {
        let w = self.0.lock().unwrap();
        (w.len(), w.iter().map(|(_, n)| n).sum())
    }
    fn last(&self) -> Option<Instant> {
        self.0.lock().unwrap().last().map(|(t, _)| *t)
    }
}

impl Write for Probe {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().push((Instant::now(), data.len()));
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Terminal events from a channel; records when each is handed over.
struct Scripted {
    rx: mpsc::UnboundedReceiver<TermEvent>,
    delivered: Arc<Mutex<Vec<Instant>>>,
}

impl Events for Scripted {
    async fn next(&mut self) -> TermEvent {
        match self.rx.recv().await {
            Some(ev) => {
                self.delivered.lock().unwrap().push(Instant::now());
                ev
            }
            None => std::future::pending().await,
        }
    }
    async fn drain(&mut self) -> Vec<TermEvent> {
        let mut out = Vec::new();
        while let Ok(ev) = self.rx.try_recv() {
            self.delivered.lock().unwrap().push(Instant::now());
            out.push(ev);
        }
        out
    }
}

struct Harness {
    keys: mpsc::UnboundedSender<TermEvent>,
    probe: Probe,
    delivered: Arc<Mutex<Vec<Instant>>>,
}

impl Harness {
    fn key(&self, code: KeyCode) -> Instant {
        let t = Instant::now();
        self.keys
            .send(TermEvent::Key(key(code)))
            .expect("loop alive");
        t
    }
    fn text(&self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }
    /// Waits until nothing has been written for `quiet` (bounded).
    async fn quiet(&self, quiet: Duration) {
        let end = Instant::now() + DEADLINE;
        loop {
            tokio::time::sleep(quiet / 4).await;
            let last = self.probe.last().unwrap_or_else(Instant::now);
            if last.elapsed() >= quiet || Instant::now() > end {
                return;
            }
        }
    }
}

/// Runs the real console loop on `sim` while `script` drives it.
fn with_loop<F, Fut>(rt: &tokio::runtime::Runtime, sim: &SimHandle, script: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    rt.block_on(async {
        let (tx, mut inbox) = mpsc::unbounded_channel();
        let options = ConsoleOptions {
            client: client(sim).into(),
            settings: hubdesk::app::Settings {
                lang: Lang::PtBr,
                theme: Theme::default(),
                demo: true,
                profile: "demo".into(),
                ..Default::default()
            },
            key_overrides: BTreeMap::new(),
            first_frame: None,
            typeahead: false,
            screen_pop: None,
            warnings: Vec::new(),
            audit_file: hubdesk::config::Paths::resolve(None, &hubdesk::config::process_env)
                .ok()
                .map(|p| p.audit_file()),
            audit_sink: Default::default(),
        };
        let mut console = Console::new(options, tx);
        console.app.size = (W, H);
        let probe = Probe::default();
        let mut frames =
            FrameWriter::with_viewport(probe.clone(), Viewport::Fixed(Rect::new(0, 0, W, H)))
                .expect("frame writer");
        let (ktx, krx) = mpsc::unbounded_channel();
        let delivered = Arc::new(Mutex::new(Vec::new()));
        let mut events = Scripted {
            rx: krx,
            delivered: Arc::clone(&delivered),
        };
        let harness = Harness {
            keys: ktx,
            probe,
            delivered,
        };
        let screen = Screen {
            frames: &mut frames,
            guard: None,
        };
        tokio::select! {
            exit = run::run(&mut console, &mut events, &mut inbox, screen) => {
                panic!("the loop ended early: {exit:?}");
            }
            () = script(harness) => {}
        }
    });
}

// ---------------------------------------------------------------------------
// Figure 3: nothing changes, nothing is written.

fn figure_3(rt: &tokio::runtime::Runtime, sim: &SimHandle) {
    const IDLE: Duration = Duration::from_secs(3);
    with_loop(rt, sim, |h| async move {
        h.text("silva");
        h.key(KeyCode::Enter);
        // Results in, and the status message (5 s) expired and redrawn.
        h.quiet(Duration::from_secs(6)).await;
        let before = h.probe.totals();
        tokio::time::sleep(IDLE).await;
        let idle = h.probe.totals();

        // A pending request: the spinner ticks.
        sim.set_faults(Faults {
            latency_ms: 2000,
            ..Faults::default()
        });
        h.key(KeyCode::Enter);
        tokio::time::sleep(Duration::from_millis(200)).await;
        let p0 = h.probe.totals();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let p1 = h.probe.totals();
        sim.set_faults(Faults::default());
        // Completed: settle (status expiry included), then idle again.
        h.quiet(Duration::from_secs(6)).await;
        let after0 = h.probe.totals();
        tokio::time::sleep(IDLE).await;
        let after1 = h.probe.totals();
        println!(
            "figure 3: idle {IDLE:?} on results: {} frames, {} B (goal 0); \
             while 5 requests pend (1 s): {} frames, {} B (spinner); \
             idle {IDLE:?} after they completed: {} frames, {} B (goal 0)",
            idle.0 - before.0,
            idle.1 - before.1,
            p1.0 - p0.0,
            p1.1 - p0.1,
            after1.0 - after0.0,
            after1.1 - after0.1,
        );
    });
}

// ---------------------------------------------------------------------------
// Figure 5: key to frame while five requests are pending on a slow server.

fn figure_5(rt: &tokio::runtime::Runtime, sim: &SimHandle) {
    with_loop(rt, sim, |h| async move {
        h.text("silva");
        h.key(KeyCode::Enter);
        h.quiet(Duration::from_millis(500)).await;
        sim.set_faults(Faults {
            latency_ms: 2000,
            ..Faults::default()
        });
        let mut lat = Vec::new();
        for round in 0..4 {
            if round > 0 {
                h.key(KeyCode::Esc);
                h.key(KeyCode::Down);
            }
            // Open: five reads go out and take 2 s each.
            let opened = h.key(KeyCode::Enter);
            tokio::time::sleep(Duration::from_millis(50)).await;
            while opened.elapsed() < Duration::from_millis(1800) {
                let n_del = h.delivered.lock().unwrap().len();
                let sent = h.key(KeyCode::Tab);
                // Wait for the frame that follows this key's hand-over.
                let end = Instant::now() + Duration::from_secs(2);
                let frame = loop {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    let del = h.delivered.lock().unwrap().get(n_del).copied();
                    if let Some(del) = del
                        && let Some((t, _)) = h.probe.writes().into_iter().find(|(t, _)| *t >= del)
                    {
                        break Some(t);
                    }
                    if Instant::now() > end {
                        break None;
                    }
                };
                lat.push(frame.map_or(Duration::from_secs(2), |t| t - sent));
                tokio::time::sleep(Duration::from_millis(15)).await;
            }
            // Let this round's reads finish before the next one.
            h.quiet(Duration::from_millis(400)).await;
        }
        sim.set_faults(Faults::default());
        lat.sort();
        let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
        println!(
            "figure 5: key to frame with 5 requests pending on a 2 s server, {} keys: \
             p50 {:?}, p99 {:?}, max {:?} (goal p99 <= 16 ms)",
            lat.len(),
            pct(0.50),
            pct(0.99),
            lat[lat.len() - 1]
        );
    });
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = sim::start(SimConfig::default()).expect("sim starts");
    figure_2(&rt, &sim, c);
    figure_3(&rt, &sim);
    figure_4(&rt, &sim);
    figure_5(&rt, &sim);
    sim.shutdown();
}

criterion_group!(benches, bench);
criterion_main!(benches);
