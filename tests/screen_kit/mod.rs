//! Shared helpers for the screen tests of the tool screens (issue 7): a
//! console `App` with a fixed clock, keys, answering tool reads with
//! documented examples, and rendering to text at a given size.
//!
//! Each test file includes it with `mod screen_kit;` and uses what it needs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::tools::{ToolReply, ToolRequest};
use hubdesk::app::{App, Effect, Msg, Reply, ReqId, Request, Settings, update};
use hubdesk::i18n::Lang;
use hubdesk::ui::theme::{Theme, ThemeKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// A documented example from `tests/fixtures/hubsoft-examples`.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hubsoft-examples")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// A console in `lang`, demo badge on, fixed clock (2020-03-10 15:00 UTC).
pub fn app_in(lang: Lang) -> App {
    app_with(lang, false)
}

/// Like [`app_in`], optionally read-only.
pub fn app_with(lang: Lang, read_only: bool) -> App {
    let settings = Settings {
        lang,
        theme: Theme::new(ThemeKind::Dark),
        demo: true,
        read_only,
        profile: "provedor-teste".into(),
        ..Settings::default()
    };
    let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), read_only).0);
    app.now = chrono::DateTime::parse_from_rfc3339("2020-03-10T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    app
}

/// Presses one key; returns its effects.
pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
}

/// Presses a key with modifiers.
pub fn key_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, mods))).0
}

/// Types `text` one character at a time; returns every effect.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| key(app, KeyCode::Char(c)))
        .collect()
}

/// Answers the dialog on screen with "Sim" as someone reading it would:
/// waits until it is armed, moves to "Sim", a human beat, Enter. Returns
/// the Enter's effects.
pub fn yes(app: &mut App) -> Vec<Effect> {
    app.instant += std::time::Duration::from_millis(400);
    key(app, KeyCode::Right);
    app.instant += std::time::Duration::from_millis(150);
    key(app, KeyCode::Enter)
}

/// Leaves the search field (where letters type) so global letter keys act.
pub fn leave_search_field(app: &mut App) {
    app.search.focus.0 = hubdesk::app::SearchFocus::List;
}

/// The tool reads among `fx`.
pub fn tool_fetches(fx: &[Effect]) -> Vec<(ReqId, ToolRequest)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                req,
                request: Request::Tool(r),
            } => Some((*req, r.clone())),
            _ => None,
        })
        .collect()
}

/// Answers the read `req` with `reply`; returns the answer's effects.
pub fn answer(app: &mut App, req: ReqId, reply: ToolReply) -> Vec<Effect> {
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Tool(reply),
        },
    )
    .0
}

/// Draws the whole console at `w`x`h`.
pub fn render(app: &mut App, w: u16, h: u16) -> Buffer {
    update(app, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| hubdesk::ui::console::draw(f, app, Instant::now()))
        .unwrap();
    term.backend().buffer().clone()
}

/// [`render`] at the app's own key clock (`App::instant`), for screens
/// that show elapsed time (a watch's countdown, a command's run time)
/// which the test steps.
pub fn render_at_instant(app: &mut App, w: u16, h: u16) -> Buffer {
    update(app, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let now = app.instant;
    term.draw(|f| hubdesk::ui::console::draw(f, app, now))
        .unwrap();
    term.backend().buffer().clone()
}

/// The buffer as text, one line per row, trailing blanks trimmed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += hubdesk::text::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The console drawn at `w`x`h`, as text.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    text(&render(app, w, h))
}

/// Whether any cell of the screen holds a control character.
pub fn has_control_chars(buf: &Buffer) -> bool {
    buf.content()
        .iter()
        .any(|c| c.symbol().chars().any(char::is_control))
}

// ---- issue 7: receivables and PBX ------------------------------------------

/// Keys `code` with the repeat flag a held key carries.
pub fn key_repeat(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let mut k = KeyEvent::new(code, KeyModifiers::NONE);
    k.kind = crossterm::event::KeyEventKind::Repeat;
    update(app, Msg::Key(k)).0
}

/// The customer searches among `fx` (search box or screen pop).
pub fn search_fetches(fx: &[Effect]) -> Vec<(ReqId, hubdesk::api::CustomerSearch)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                req,
                request: Request::Search(p),
            } => Some((*req, p.clone())),
            _ => None,
        })
        .collect()
}

/// The action requests among `fx`.
pub fn action_requests(fx: &[Effect]) -> Vec<hubdesk::app::confirm::ActionRequest> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Action { request, .. } => Some((**request).clone()),
            _ => None,
        })
        .collect()
}

/// The customers of the documented `cliente` example.
pub fn fixture_customers() -> Vec<hubdesk::api::Customer> {
    serde_json::from_str::<hubdesk::api::CustomersResponse>(&fixture("cliente.response.json"))
        .unwrap()
        .clientes
}

/// The status line's text ("" when there is none).
pub fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// A console wired to the real runner and the embedded simulator, with an
/// audit file in a temporary directory.
pub struct SimConsole {
    /// The simulator.
    pub sim: hubdesk::sim::SimHandle,
    /// The state.
    pub app: App,
    runner: hubdesk::app::runner::Runner,
    rx: tokio::sync::mpsc::UnboundedReceiver<Msg>,
    /// The audit file.
    pub audit: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl SimConsole {
    /// A console in English on a fresh simulator; `tune` adjusts the
    /// settings (extension, read-only...).
    pub fn new(tune: impl FnOnce(&mut Settings)) -> SimConsole {
        SimConsole::on(hubdesk::sim::SimConfig::default(), tune)
    }

    /// [`SimConsole::new`] on a simulator started with `cfg` (a 2020
    /// server, faults...).
    pub fn on(cfg: hubdesk::sim::SimConfig, tune: impl FnOnce(&mut Settings)) -> SimConsole {
        use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
        use hubdesk::sim::{DEMO_CREDENTIALS, start};
        let _ = rustls::crypto::ring::default_provider().install_default();
        let sim = start(cfg).unwrap();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        let client = Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let audit = dir.path().join("audit.jsonl");
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = hubdesk::app::runner::Runner::new(client, tx)
            .with_audit(hubdesk::audit::Audit::open(&audit).unwrap());
        let mut settings = Settings {
            lang: Lang::En,
            profile: "demo".into(),
            attendant: Some("ana.souza".into()),
            ..Settings::default()
        };
        tune(&mut settings);
        let read_only = settings.read_only;
        let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), read_only).0);
        app.now = chrono::Utc::now();
        SimConsole {
            sim,
            app,
            runner,
            rx,
            audit,
            _dir: dir,
        }
    }

    /// Applies `msg` and runs its effects.
    pub fn apply(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    /// Presses a key.
    pub fn key(&mut self, code: KeyCode) {
        self.apply(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Types text.
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Answers the dialog on screen with "Sim", deliberately (see [`yes`]).
    pub fn yes(&mut self) {
        self.app.instant += std::time::Duration::from_millis(400);
        self.key(KeyCode::Right);
        self.app.instant += std::time::Duration::from_millis(150);
        self.key(KeyCode::Enter);
    }

    /// Feeds answers until `done` holds (15 s at most).
    pub async fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let end = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
        while !done(&self.app) {
            let left = end.saturating_duration_since(tokio::time::Instant::now());
            let msg = tokio::time::timeout(left, self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
                .unwrap();
            self.apply(msg);
        }
    }

    /// Opens customer `code` from the search box and waits for its panes.
    pub async fn open(&mut self, code: &str) {
        self.text(code);
        self.key(KeyCode::Enter);
        self.until("the customer", |a| {
            a.view
                .as_ref()
                .is_some_and(|v| !v.loading() && v.customer.data.is_some())
        })
        .await;
    }
}

/// The position of the first cell where `needle` starts on one row.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in 0..buf.area.width {
            starts.push((line.len(), x));
            line.push_str(buf[(x, y)].symbol());
        }
        if let Some(at) = line.find(needle) {
            let x = starts
                .iter()
                .rev()
                .find(|(b, _)| *b <= at)
                .map_or(0, |s| s.1);
            return Some((x, y));
        }
    }
    None
}
