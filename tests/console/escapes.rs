//! Server text stays inert: with the simulator's `hostile_text` knob every
//! free-text value of every answer (names, addresses, alerts, ticket and
//! order descriptions, plan names, logins, e-mails, invoice fields, the
//! `msg` of successes and of refusals) is wrapped in ESC/CSI/OSC 52/OSC 0/
//! BEL/C1/bidi sequences. Two levels:
//! - the console's state machine and widgets: every cell of every screen
//!   the attendant reaches holds no control character;
//! - the real binary in a pseudo-terminal: its byte stream carries no
//!   injected sequence (no OSC at all, no BEL, no C1 control, no query),
//!   and the terminal never leaves the alternate screen.

use crate::support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, Msg, Settings, update};
use hubdesk::i18n::Lang;
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, HOSTILE_PREFIX, SimConfig, SimHandle, start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::pty::Pty;
use tokio::sync::mpsc;
use tokio::time::timeout;

const DEADLINE: Duration = Duration::from_secs(20);

fn hostile_sim() -> SimHandle {
    start(SimConfig {
        faults: Faults {
            hostile_text: true,
            ..Faults::default()
        },
        ..SimConfig::default()
    })
    .unwrap()
}

/// A character that must never reach a terminal cell.
fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

struct Console {
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
    /// Screens checked so far.
    screens: usize,
    /// Whether any screen showed the marker of a removed sequence (proves
    /// hostile text was drawn at all, cleaned).
    marked: bool,
}

impl Console {
    fn new(sim: &SimHandle) -> Console {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        let client = Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap();
        let (tx, rx) = mpsc::unbounded_channel();
        let dir = std::env::temp_dir().join(format!("hubdesk-escapes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let audit = hubdesk::audit::Audit::open(&dir.join("audit.jsonl")).unwrap();
        let runner = Runner::new(client, tx).with_audit(audit);
        let settings = Settings {
            lang: Lang::PtBr,
            profile: "demo".into(),
            attendant: Some("ana".into()),
            ..Settings::default()
        };
        Console {
            app: App::new(settings, Keymap::new(&BTreeMap::new(), false).0),
            runner,
            rx,
            screens: 0,
            marked: false,
        }
    }

    fn apply(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.apply(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Answers the dialog on screen with "Sim", deliberately.
    fn yes(&mut self) {
        self.app.instant += std::time::Duration::from_millis(400);
        self.key(KeyCode::Right);
        self.app.instant += std::time::Duration::from_millis(150);
        self.key(KeyCode::Enter);
    }

    fn text(&mut self, s: &str) {
        s.chars().for_each(|c| self.key(KeyCode::Char(c)));
    }

    async fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let end = tokio::time::Instant::now() + DEADLINE;
        while !done(&self.app) {
            let left = end.saturating_duration_since(tokio::time::Instant::now());
            let msg = timeout(left, self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
                .unwrap();
            self.apply(msg);
        }
    }

    async fn settled(&mut self) {
        self.until("every pane", |a| {
            !a.search.results.loading() && a.view.as_ref().is_none_or(|v| !v.loading())
        })
        .await;
    }

    /// Draws the console at 80x24 and at a wide size and checks every cell.
    fn check(&mut self, what: &str) {
        for (w, h) in [(80, 24), (170, 48)] {
            self.app.size = (w, h);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| hubdesk::ui::console::draw(f, &self.app, Instant::now()))
                .unwrap();
            let buf = term.backend().buffer();
            for y in 0..h {
                for x in 0..w {
                    let sym = buf[(x, y)].symbol();
                    if let Some(c) = sym.chars().find(|c| is_control(*c)) {
                        panic!("{what} at {w}x{h}: U+{:04X} in cell ({x},{y})", c as u32);
                    }
                    if sym.contains('\u{241B}') {
                        self.marked = true;
                    }
                }
            }
            self.screens += 1;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_server_text_never_puts_a_control_character_on_screen() {
    let sim = hostile_sim();
    let mut c = Console::new(&sim);
    // Search results: names, documents, addresses.
    c.text("silva");
    c.key(KeyCode::Enter);
    c.settled().await;
    c.check("search results");
    c.key(KeyCode::Esc);
    // 1000: alert, packages; 1001: tickets, invoices, orders; 1002: ESC in
    // the street; 1004: refusal of a MAC reset; 1007: its own alert.
    for code in ["1000", "1001", "1002", "1004", "1007"] {
        for _ in 0..8 {
            c.key(KeyCode::Backspace);
        }
        c.text(code);
        c.key(KeyCode::Enter);
        c.until("the customer", |a| {
            a.view.as_ref().is_some_and(|v| v.customer.data.is_some())
        })
        .await;
        c.settled().await;
        for pane in ['1', '2', '3', '4', '5', '6'] {
            c.key(KeyCode::Char(pane));
            c.check(&format!("{code} pane {pane}"));
            // The selected row's detail (ticket text, order text, invoice).
            c.key(KeyCode::Enter);
            c.check(&format!("{code} pane {pane} detail"));
            if c.app.overlay.is_some() {
                c.key(KeyCode::Esc);
            }
            assert!(
                c.app.view.is_some(),
                "{code}: the view closed on pane {pane}"
            );
        }
        c.key(KeyCode::Char('1'));
        c.key(KeyCode::Char('p'));
        c.check(&format!("{code} password revealed"));
        if code == "1004" {
            // The server refuses with its own (hostile) words.
            c.key(KeyCode::Char('m'));
            c.yes();
            c.until("the refusal", |a| !a.inflight.any_running()).await;
            c.check("refusal of a MAC reset");
        }
        if code == "1007" {
            // A success whose `msg` is hostile.
            c.key(KeyCode::Char('d'));
            c.yes();
            c.until("the disconnect", |a| !a.inflight.any_running())
                .await;
            c.check("disconnect done");
        }
        c.settled().await;
        // Its tab closed (Ctrl-W): the next search reads everything anew.
        for _ in 0..4 {
            if c.app.overlay.is_some() {
                c.key(KeyCode::Esc);
            } else if c.app.view.is_some() {
                c.apply(Msg::Key(KeyEvent::new(
                    KeyCode::Char('w'),
                    KeyModifiers::CONTROL,
                )));
            }
        }
        assert!(c.app.view.is_none(), "{code}: could not leave the customer");
    }
    // A refusal (HTTP 200, status error) in a pane's error text.
    sim.set_faults(Faults {
        hostile_text: true,
        status_error: true,
        routes: vec!["cliente/financeiro".into()],
        ..Faults::default()
    });
    for _ in 0..8 {
        c.key(KeyCode::Backspace);
    }
    c.text("1001");
    c.key(KeyCode::Enter);
    c.until("the customer", |a| {
        a.view.as_ref().is_some_and(|v| v.customer.data.is_some())
    })
    .await;
    c.settled().await;
    c.key(KeyCode::Char('3'));
    let error = c.app.view.as_ref().and_then(|v| v.invoices.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("Favor preencher")),
        "{error:?}"
    );
    c.check("refusal in a pane");
    assert!(c.screens >= 120, "only {} screens checked", c.screens);
    assert!(
        c.marked,
        "no cleaned sequence was ever drawn: the knob did nothing"
    );
    sim.shutdown();
}

/// What a stream must never carry once the console is drawing.
fn injected(raw: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    for (name, needle) in [
        ("OSC", "\x1b]"),
        ("BEL", "\x07"),
        ("C1 CSI", "\u{9b}"),
        ("C1 DCS", "\u{90}"),
        ("cursor position query", "\x1b[6n"),
        ("bidi override", "\u{202e}"),
        ("HIJACKED title", "HIJACKED"),
        ("clipboard payload", "SElKQUNLRUQ="),
    ] {
        if text.contains(needle) {
            found.push(name);
        }
    }
    found
}

#[test]
fn the_real_binary_writes_no_injected_sequence() {
    let sim = hostile_sim();
    // The raw knob really produces what is checked for.
    assert!(!injected(HOSTILE_PREFIX.as_bytes()).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    let url = sim.base_url();
    let env = [
        ("LANG", "pt_BR.UTF-8"),
        ("HUBDESK_CONFIG", cfg.to_str().unwrap()),
        ("HUBDESK_DATA_DIR", dir.path().to_str().unwrap()),
        ("HUBDESK_STATE_DIR", dir.path().to_str().unwrap()),
        ("HUBSOFT_HOST", url.as_str()),
        ("HUBSOFT_CLIENT_ID", DEMO_CREDENTIALS.client_id),
        ("HUBSOFT_CLIENT_SECRET", DEMO_CREDENTIALS.client_secret),
        ("HUBSOFT_USERNAME", DEMO_CREDENTIALS.username),
        ("HUBSOFT_PASSWORD", DEMO_CREDENTIALS.password),
    ];
    let mut pty = Pty::hubdesk(&[], &env, 100, 30);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    pty.send_keys(b"silva\r");
    pty.wait_for_text("clientes encontrados", DEADLINE);
    pty.send_keys(b"\x1b");
    for code in ["1000", "1001", "1002", "1007"] {
        pty.send_keys(b"\x7f\x7f\x7f\x7f\x7f\x7f");
        pty.send_keys(format!("{code}\r").as_bytes());
        pty.wait_for_text("1 Cliente", DEADLINE);
        for pane in [b"2", b"3", b"4", b"5", b"6", b"1"] {
            pty.send_keys(pane);
            pty.wait_quiet(Duration::from_millis(150), DEADLINE);
        }
        pty.send_keys(b"p");
        pty.wait_quiet(Duration::from_millis(150), DEADLINE);
        pty.with_screen(|s| assert!(s.alternate_screen(), "left the alternate screen"));
        pty.send_keys(b"\x1b\x1b");
        pty.wait_for_text("Buscar cliente", DEADLINE);
    }
    let found = injected(&pty.raw_output());
    assert!(
        found.is_empty(),
        "injected sequences reached the terminal: {found:?}"
    );
    // The cleaned text was drawn (the marker of a removed sequence).
    assert!(String::from_utf8_lossy(&pty.raw_output()).contains('\u{241B}'));
    pty.send_keys(b"\x03");
    pty.wait_exit(DEADLINE).expect("exits");
    sim.shutdown();
}
