//! Memory per customer tab (issue 18, part 2): the console opens demo
//! customers one after another, each in a new tab (search by code, the
//! customer opens by itself, every pane read), and after each one prints
//! the heap in use (a counting global allocator: bytes allocated and not
//! yet freed) and the resident set (`VmRSS`), and their growth per tab.
//! Then it opens as many again: the tenth and later close the tab left
//! longest ago, so the heap must stay flat.
//!
//! In process, through the real `update()` and effect [`Runner`] as
//! `console.rs` wires them, against a `hubdesk sim` child process (so the
//! simulator's own data never counts). Nothing is drawn: drawing holds no
//! state between frames. Run with `cargo bench --bench tabs`; no figure is
//! asserted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::tabs::MAX_TABS;
use hubdesk::app::{App, Msg, Screen, Settings, update};
use tokio::sync::mpsc;

mod support;

/// Counts the bytes allocated and not yet freed.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only a counter
// is updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System::alloc`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const DEADLINE: Duration = Duration::from_secs(30);
/// Demo customers (the simulator numbers them from 1000).
const FIRST_CODE: u64 = 1000;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

struct Driver {
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
}

impl Driver {
    fn send(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    /// Types `code` in the search box and waits until that customer's tab
    /// is on screen with nothing loading; false when no customer has it.
    async fn open(&mut self, code: u64) -> bool {
        if self.app.screen == Screen::Customer {
            // `/`: to the box, the customer parked as it is.
            self.send(Msg::Key(key(KeyCode::Char('/'))));
        }
        for c in code.to_string().chars() {
            self.send(Msg::Key(key(KeyCode::Char(c))));
        }
        self.send(Msg::Key(key(KeyCode::Enter)));
        loop {
            let settled = self
                .app
                .view
                .as_ref()
                .is_some_and(|v| v.code == code && v.customer.data.is_some() && !v.loading())
                && !self.app.search.results.loading();
            if settled {
                return true;
            }
            let none = self.app.screen == Screen::Search
                && !self.app.search.results.loading()
                && self
                    .app
                    .search
                    .results
                    .data
                    .as_ref()
                    .is_some_and(Vec::is_empty);
            if none {
                return false;
            }
            let msg = tokio::time::timeout(DEADLINE, self.rx.recv())
                .await
                .expect("a reply within the deadline")
                .expect("runner alive");
            self.send(msg);
        }
    }
}

fn kib(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = support::start_sim(&rt, 2_000);
    let _guard = rt.enter();
    let (tx, rx) = mpsc::unbounded_channel();
    let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
    update(&mut app, Msg::Resize(160, 48));
    // Customers whose services are all cancelled open too.
    app.search.include_cancelled = true;
    let mut d = Driver {
        app,
        runner: Runner::new(support::client_for(&sim.base_url), tx),
        rx,
    };
    // A customer opened and closed first: the client's connection pool,
    // the token and the runtime's buffers are then in place.
    assert!(rt.block_on(d.open(FIRST_CODE + 100)));
    d.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::CONTROL,
    )));
    let heap0 = LIVE.load(Ordering::Relaxed);
    let rss0 = support::status_kib("VmRSS:").unwrap_or(0);
    println!("baseline: heap {:.0} KiB, RSS {} KiB", kib(heap0), rss0);
    println!(
        "{:>5} {:>6} {:>12} {:>14} {:>10} {:>12}",
        "open", "tabs", "heap KiB", "heap/tab KiB", "RSS KiB", "RSS/tab KiB"
    );
    let rounds = 2 * MAX_TABS as u64;
    let mut per_tab = Vec::new();
    for n in 1..=rounds {
        assert!(
            rt.block_on(d.open(FIRST_CODE + n)),
            "customer {}",
            FIRST_CODE + n
        );
        let heap = LIVE.load(Ordering::Relaxed).saturating_sub(heap0);
        let rss = support::status_kib("VmRSS:")
            .unwrap_or(0)
            .saturating_sub(rss0);
        let tabs = d.app.tabs.len();
        println!(
            "{n:>5} {tabs:>6} {:>12.0} {:>14.1} {rss:>10} {:>12.1}",
            kib(heap),
            kib(heap) / tabs as f64,
            rss as f64 / tabs as f64
        );
        if n as usize == MAX_TABS {
            per_tab.push(kib(heap) / tabs as f64);
        }
        if n == rounds {
            per_tab.push(kib(heap) / tabs as f64);
        }
    }
    // Every tab closed: what stays is the session's (history, message
    // log, search results, the client's pool), not the customers'.
    let open_heap = LIVE.load(Ordering::Relaxed).saturating_sub(heap0);
    while !d.app.tabs.is_empty() {
        d.send(Msg::Key(KeyEvent::new(
            KeyCode::Char('w'),
            KeyModifiers::CONTROL,
        )));
    }
    let closed = LIVE.load(Ordering::Relaxed).saturating_sub(heap0);
    let rss = support::status_kib("VmRSS:")
        .unwrap_or(0)
        .saturating_sub(rss0);
    println!(
        "{:>5} {:>6} {:>12.0} {:>14} {rss:>10} {:>12}",
        "close",
        0,
        kib(closed),
        "-",
        "-"
    );
    println!(
        "heap per tab, the session's own left out: {:.1} KiB with the first {MAX_TABS}, \
         {:.1} KiB with the next {MAX_TABS} (cap reached; heap over the baseline {:.0} KiB \
         with them open, {:.0} KiB with every tab closed)",
        per_tab[0] - kib(closed) / MAX_TABS as f64,
        (kib(open_heap) - kib(closed)) / MAX_TABS as f64,
        kib(open_heap),
        kib(closed),
    );
    d.runner.abort_all();
    drop(sim);
}
