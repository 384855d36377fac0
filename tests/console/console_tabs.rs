//! Several customers at once (issue 18, part 2) on screen: the tab strip
//! on the customer's title row and above the search box, at 80x24 and
//! 160x48, in pt-BR and English, the light theme's cells readable; then
//! the real binary in a pseudo-terminal against the demo simulator opening
//! two customers and switching between them with Alt-2 and Alt-1.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{ApiDate, Customer, LastConnection};
use hubdesk::app::{App, Msg, Reply, Slot, update};
use hubdesk::i18n::Lang;
use hubdesk::ui::theme::{Role, Theme, ThemeKind};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::console_screens::{app_with, customers, fetch_ids, key, render, replies, search, text};
use crate::support::pty::Pty;

/// The fixture's two customers, then a third whose name is long, wide
/// and hostile (escape sequences must come out inert).
fn three() -> Vec<Customer> {
    let mut all = customers();
    let mut third = all[0].clone();
    third.codigo_cliente = Some(423);
    third.nome_razaosocial =
        Some("MARIA \u{1b}]0;pwned\u{7}\u{1b}[2J JOSÉ 漢字 DE OLIVEIRA E SOUZA DOS SANTOS".into());
    if let Some(s) = third.servicos.first_mut() {
        s.id_cliente_servico = Some(4230);
    }
    all.push(third);
    all
}

/// Opens `c` from a search, every pane answered (its own record for the
/// Cliente pane, the fixture's lists for the others).
fn open(app: &mut App, c: &Customer) {
    // `/` from a customer: to the box, the customer parked as it is.
    if app.screen == hubdesk::app::Screen::Customer {
        key(app, KeyCode::Char('/'));
    }
    let fx = search(app, "guilherme", Ok(vec![c.clone()]));
    let ids = fetch_ids(&fx);
    for (slot, reply) in replies() {
        let reply = match slot {
            Slot::Customer => Reply::Customers(Ok(vec![c.clone()])),
            _ => reply,
        };
        if let Some(req) = ids.iter().find(|r| r.slot == slot) {
            update(app, Msg::Fetched { req: *req, reply });
        }
    }
}

fn alt(app: &mut App, c: char) {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)),
    );
}

/// Three customers open, the third's watch on its service came online
/// while the attendant was on the second.
fn juggling(theme: Theme, lang: Lang) -> App {
    let mut app = app_with(theme, false);
    app.settings.lang = lang;
    let all = three();
    open(&mut app, &all[0]);
    open(&mut app, &all[1]);
    open(&mut app, &all[2]);
    key(&mut app, KeyCode::Char('w'));
    alt(&mut app, '2');
    app.instant += Duration::from_secs(5);
    let (fx, _) = update(&mut app, Msg::Tick);
    let req = fx
        .iter()
        .find_map(|e| match e {
            hubdesk::app::Effect::Fetch { req, .. } if req.slot == Slot::Watch => Some(*req),
            _ => None,
        })
        .expect("the parked tab's watch reads");
    let mut online = all[2].clone();
    online.servicos[0].ultima_conexao = Some(LastConnection {
        conectado: Some(true),
        ultima_conexao_datetime: ApiDate::parse("2020-03-10 11:58:00-03"),
        ultimo_ipv4: Some("189.90.0.1".into()),
        ..LastConnection::default()
    });
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(vec![online])),
        },
    );
    // No status line: the snapshots show the strip, not the message.
    app.status = None;
    app
}

fn snap(name: &str, app: &mut App, w: u16, h: u16) {
    let screen = text(&render(app, w, h));
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
}

fn row(buf: &Buffer, y: u16) -> String {
    text(buf)
        .lines()
        .nth(y as usize)
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_strip_on_the_customer_screen_and_the_search_screen() {
    for (lang, name) in [
        (Lang::PtBr, "tabs_customer"),
        (Lang::En, "tabs_customer_en"),
    ] {
        let mut app = juggling(Theme::new(ThemeKind::Dark), lang);
        snap(name, &mut app, 80, 24);
        snap(name, &mut app, 160, 48);
    }
    // The light theme: the same text (its colours are checked cell by
    // cell below).
    let mut app = juggling(Theme::new(ThemeKind::Light), Lang::PtBr);
    snap("tabs_customer_light", &mut app, 80, 24);
    let mut app = juggling(Theme::new(ThemeKind::Dark), Lang::PtBr);
    key(&mut app, KeyCode::Esc);
    snap("tabs_search", &mut app, 80, 24);
    snap("tabs_search", &mut app, 160, 48);
    // The hostile name came out inert.
    let screen = text(&render(&mut app, 160, 48));
    assert!(!screen.contains('\u{1b}') && !screen.contains("pwned\u{7}"));
}

#[test]
fn one_customer_keeps_the_title_row_as_it_was() {
    let mut app = app_with(Theme::new(ThemeKind::Dark), false);
    open(&mut app, &customers()[0]);
    let buf = render(&mut app, 80, 24);
    assert!(
        row(&buf, 0).starts_with(" GUILHERME SILVA · Código 421"),
        "{}",
        row(&buf, 0)
    );
}

#[test]
fn the_tab_on_screen_is_highlighted_and_the_badge_is_green_in_every_theme() {
    for kind in [ThemeKind::Dark, ThemeKind::Light, ThemeKind::Mono] {
        let theme = Theme::new(kind);
        let mut app = juggling(theme, Lang::PtBr);
        for (w, h) in [(80, 24), (160, 48)] {
            let buf = render(&mut app, w, h);
            let top = row(&buf, 0);
            let at = |needle: &str| {
                let col = top
                    .find(needle)
                    .unwrap_or_else(|| panic!("{needle} in {top}"));
                hubdesk::text::width(&top[..col]) as u16
            };
            let active = &buf[(at(" 2 ") + 1, 0)];
            let expected = theme.style(Role::TabActive);
            assert_eq!(
                (active.fg, active.bg, active.modifier),
                (
                    expected.fg.unwrap_or_default(),
                    expected.bg.unwrap_or_default(),
                    expected.add_modifier
                ),
                "{kind:?} {w}x{h}: tab 2 drawn as the active one\n{top}"
            );
            let badge = &buf[(at("✔"), 0)];
            let ok = theme.style(Role::Ok);
            assert_eq!(
                badge.fg,
                ok.fg.unwrap_or_default(),
                "{kind:?}: the badge's colour"
            );
            if kind == ThemeKind::Mono {
                assert!(!badge.modifier.contains(Modifier::REVERSED));
            }
        }
    }
}

/// The strip's rows in the light and dark themes: every glyph reads at a
/// WCAG contrast of 4.5:1 (lines 3:1), as the rest of the screens
/// (`console_screens::every_drawn_cell_is_readable_in_the_light_and_dark_themes`).
#[test]
fn the_strip_is_readable_in_the_light_and_dark_themes() {
    use hubdesk::ui::theme::{contrast_ratio, rgb};
    for kind in [ThemeKind::Light, ThemeKind::Dark] {
        let theme = Theme::new(kind);
        let mut app = juggling(theme, Lang::PtBr);
        for search_screen in [false, true] {
            if search_screen {
                key(&mut app, KeyCode::Esc);
            }
            for (w, h) in [(80, 24), (160, 48)] {
                let buf = render(&mut app, w, h);
                for x in 0..w {
                    let cell = &buf[(x, 0)];
                    let symbol = cell.symbol();
                    if symbol.trim().is_empty() {
                        continue;
                    }
                    let mut fg = rgb(cell.fg, theme.foreground());
                    let mut bg = rgb(cell.bg, theme.background());
                    if cell.modifier.contains(Modifier::REVERSED) {
                        std::mem::swap(&mut fg, &mut bg);
                    }
                    assert!(!cell.modifier.contains(Modifier::DIM), "{kind:?} dimmed");
                    let line = symbol
                        .chars()
                        .all(|c| ('\u{2500}'..='\u{259f}').contains(&c));
                    let min = if line { 3.0 } else { 4.5 };
                    let ratio = contrast_ratio(fg, bg);
                    assert!(
                        ratio >= min,
                        "{kind:?} {w}x{h}: {symbol:?} at ({x},0) contrast {ratio:.2}\n{}",
                        row(&buf, 0)
                    );
                }
            }
        }
    }
}

#[test]
fn nine_tabs_fit_at_80_columns_with_every_number() {
    let mut app = app_with(Theme::new(ThemeKind::Dark), false);
    app.settings.lang = Lang::En;
    for code in 1..=9 {
        let mut c = customers()[code % 2].clone();
        c.codigo_cliente = Some(500 + code as u64);
        c.nome_razaosocial = Some(format!("CUSTOMER NUMBER {code} WITH A LONG NAME"));
        open(&mut app, &c);
    }
    let top = row(&render(&mut app, 80, 24), 0);
    for n in 1..=9 {
        assert!(top.contains(&format!(" {n} ")), "{n} in {top}");
    }
    assert!(hubdesk::text::width(&top) <= 80);
    assert!(top.contains(" 9 CUSTOMER…"), "the one on screen: {top}");
    snap("tabs_nine", &mut app, 80, 24);
}

const DEADLINE: Duration = Duration::from_secs(20);

/// The real binary with `--demo`: open two customers from one search,
/// switch with Alt-2 and Alt-1, leave with Esc and come back with Alt-2,
/// close one with Ctrl-W; typing in the search box never switches.
#[test]
fn hubdesk_demo_two_customers_switch_with_alt_digits() {
    let mut pty = Pty::hubdesk(&["--demo"], &[("LANG", "pt_BR.UTF-8")], 80, 24);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    pty.send_keys(b"silva");
    pty.wait_for_text("Buscar por Nome", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("clientes encontrados", DEADLINE);
    // The first result.
    pty.send_keys(b"\r");
    pty.wait_for_text("Visto por último", DEADLINE);
    let first = title(&pty);
    // Back to the list, the second result: a second tab.
    pty.send_keys(b"\x1b");
    pty.wait_for_text("Abas:", DEADLINE);
    pty.human_pause();
    pty.send_keys(b"\x1b[B");
    pty.human_pause();
    pty.send_keys(b"\x1b[B");
    pty.human_pause();
    pty.send_keys(b"\r");
    pty.wait_until(DEADLINE, |s| {
        s.contents()
            .lines()
            .next()
            .is_some_and(|l| l.starts_with(" 1 "))
    })
    .unwrap_or_else(|s| panic!("no strip:\n{}", s));
    pty.wait_for_text("Visto por último", DEADLINE);
    let second = code_in_title(&pty);
    assert_ne!(code_in_title_of(&first), second, "two customers");
    // Alt-1, Alt-2: the title row follows.
    pty.send_keys(b"\x1b1");
    wait_code(&pty, &code_in_title_of(&first));
    pty.send_keys(b"\x1b2");
    wait_code(&pty, &second);
    // Esc to the search screen; Alt-1 from the untouched box.
    pty.send_keys(b"\x1b");
    pty.wait_for_text("Abas:", DEADLINE);
    pty.human_pause();
    pty.send_keys(b"\x1b1");
    wait_code(&pty, &code_in_title_of(&first));
    // Typed text in the box: Esc-then-digit as tmux sends it types.
    pty.send_keys(b"\x1b");
    pty.wait_for_text("Abas:", DEADLINE);
    pty.human_pause();
    pty.send_keys(b"ana");
    pty.wait_for_text("┃ana", DEADLINE);
    pty.send_keys(b"\x1b1");
    pty.wait_for_text("┃1 ", DEADLINE);
    assert!(pty.screen_text().contains("Abas:"), "still on the search");
    // Esc clears the box; untouched again, Ctrl-→ brings back the
    // customer left last. Closing it leaves the second.
    pty.human_pause();
    pty.send_keys(b"\x1b");
    pty.wait_until(DEADLINE, |s| !s.contents().contains("┃1 "))
        .unwrap_or_else(|s| panic!("the box cleared:\n{}", s));
    pty.human_pause();
    pty.send_keys(b"\x1b[1;5C");
    pty.wait_for_text("Visto por último", DEADLINE);
    pty.send_keys(b"\x17");
    pty.wait_for_text("fechada", DEADLINE);
    pty.wait_until(DEADLINE, |s| {
        s.contents()
            .lines()
            .next()
            .is_some_and(|l| !l.starts_with(" 1 ") && l.contains("Código"))
    })
    .unwrap_or_else(|s| panic!("one customer left:\n{}", s));
    pty.send_keys(b"\x03");
    let status = pty
        .wait_exit(DEADLINE)
        .expect("the console exits on Ctrl-C");
    assert!(status.success(), "exit status {status:?}");
}

fn title(pty: &Pty) -> String {
    pty.screen_text()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The "Código N" of a title row.
fn code_in_title_of(title: &str) -> String {
    title
        .split("Código ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_default()
        .to_owned()
}

fn code_in_title(pty: &Pty) -> String {
    code_in_title_of(&title(pty))
}

fn wait_code(pty: &Pty, code: &str) {
    let wanted = format!("Código {code} ");
    pty.wait_until(DEADLINE, |s| {
        s.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains(&wanted))
    })
    .unwrap_or_else(|s| panic!("{wanted} not on the title row:\n{}", s));
}
