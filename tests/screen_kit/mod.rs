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
