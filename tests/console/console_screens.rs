//! Screen snapshots of the console at 80x24 and 160x48, built from the
//! vendored HubSoft examples decoded with the real types and driven through
//! `update()`, plus per-cell style checks (colour and modifiers carry
//! meaning that text snapshots miss).
//!
//! Nothing volatile reaches the screen: the clock is fixed (`App::now`),
//! spinners stay at tick 0 and no status message is set unless a test sets
//! one, so no insta filter is needed.

use std::collections::BTreeMap;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{
    ApiError, ConnectionLog, Customer, CustomersResponse, InvoicesResponse, ServiceOrdersResponse,
    TicketsResponse,
};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::{App, Effect, Msg, Reply, ReqId, SearchFocus, Settings, Slot, update};
use hubdesk::i18n::Lang;
use hubdesk::ui::theme::{Role, Theme, ThemeKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hubsoft-examples")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

pub(super) fn customers() -> Vec<Customer> {
    serde_json::from_str::<CustomersResponse>(&fixture("cliente.response.json"))
        .unwrap()
        .clientes
}

pub(super) fn replies() -> Vec<(Slot, Reply)> {
    let invoices: InvoicesResponse =
        serde_json::from_str(&fixture("cliente_financeiro.response.json")).unwrap();
    let tickets: TicketsResponse =
        serde_json::from_str(&fixture("cliente_atendimento.response.json")).unwrap();
    let orders: ServiceOrdersResponse =
        serde_json::from_str(&fixture("cliente_ordem_servico.response.json")).unwrap();
    let log: ConnectionLog =
        serde_json::from_str(&fixture("cliente_extrato_conexao.response.json")).unwrap();
    vec![
        (
            Slot::Customer,
            Reply::Customers(Ok(vec![customers().remove(0)])),
        ),
        (Slot::Invoices, Reply::Invoices(Ok(invoices.faturas))),
        (Slot::Tickets, Reply::Tickets(Ok(tickets.atendimentos))),
        (Slot::Orders, Reply::Orders(Ok(orders.into_orders()))),
        (Slot::Connections, Reply::Connections(Ok(log))),
    ]
}

pub(super) fn app_with(theme: Theme, privacy: bool) -> App {
    let settings = Settings {
        lang: Lang::PtBr,
        theme,
        demo: true,
        profile: "provedor-teste".into(),
        privacy,
        ..Settings::default()
    };
    let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), false).0);
    // The fixtures' invoices fall due in 2017-2018; "today" is fixed after them.
    app.now = chrono::DateTime::parse_from_rfc3339("2020-03-10T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    app
}

fn app() -> App {
    app_with(Theme::new(ThemeKind::Dark), false)
}

pub(super) fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub(super) fn fetch_ids(fx: &[Effect]) -> Vec<ReqId> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, .. } => Some(*req),
            _ => None,
        })
        .collect()
}

/// Searches and answers with `found`; returns the effects of the answer.
pub(super) fn search(
    app: &mut App,
    text: &str,
    found: Result<Vec<Customer>, ApiError>,
) -> Vec<Effect> {
    app.search.input.reset();
    app.search.focus.0 = SearchFocus::Input;
    type_text(app, text);
    let req = fetch_ids(&key(app, KeyCode::Enter))[0];
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(found),
        },
    )
    .0
}

/// Opens the fixture customer and answers the slots in `answer` with the
/// fixtures (or with `error` for the slots in `fail`); the others stay
/// loading.
pub(super) fn open(app: &mut App, answer: &[Slot], fail: &[Slot]) {
    let fx = search(app, "guilherme", Ok(vec![customers().remove(0)]));
    let ids = fetch_ids(&fx);
    for (slot, reply) in replies() {
        let Some(req) = ids.iter().find(|r| r.slot == slot) else {
            continue;
        };
        let reply = if fail.contains(&slot) {
            let err = ApiError::Http {
                route: "x",
                status: 502,
                excerpt: "Bad Gateway".into(),
            };
            match slot {
                Slot::Customer | Slot::Search | Slot::Watch => Reply::Customers(Err(err)),
                Slot::Invoices => Reply::Invoices(Err(err)),
                Slot::Tickets => Reply::Tickets(Err(err)),
                Slot::Orders => Reply::Orders(Err(err)),
                Slot::Connections => Reply::Connections(Err(err)),
                Slot::Passwords => Reply::Passwords(Err(err)),
                Slot::Tool(_) => continue,
            }
        } else if answer.contains(&slot) {
            reply
        } else {
            continue;
        };
        update(app, Msg::Fetched { req: *req, reply });
    }
}

pub(super) const ALL: [Slot; 5] = [
    Slot::Customer,
    Slot::Invoices,
    Slot::Tickets,
    Slot::Orders,
    Slot::Connections,
];

pub(super) fn render(app: &mut App, w: u16, h: u16) -> Buffer {
    update(app, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let now = Instant::now();
    term.draw(|f| hubdesk::ui::console::draw(f, app, now))
        .unwrap();
    term.backend().buffer().clone()
}

pub(super) fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too.
            x += hubdesk::text::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn snap(name: &str, app: &mut App, w: u16, h: u16) {
    let screen = text(&render(app, w, h));
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
}

fn both(name: &str, app: &mut App) {
    snap(name, app, 80, 24);
    snap(name, app, 160, 48);
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            for _ in 0..s.len() {
                xs.push(x);
            }
            line.push_str(s);
        }
        if let Some(i) = line.find(needle) {
            return Some((xs[i], y));
        }
    }
    None
}

// ---- search ------------------------------------------------------------------

#[test]
fn search_screen_before_any_search() {
    both("search_intro", &mut app());
}

#[test]
fn search_results_from_the_fixture() {
    let mut app = app();
    let mut found = customers();
    // A hostile name: escape sequences must come out inert.
    found[1].nome_razaosocial = Some("MARIA \u{1b}]0;pwned\u{7}\u{1b}[2J JOSÉ 漢字".into());
    search(&mut app, "silva", Ok(found));
    both("search_results", &mut app);
}

#[test]
fn search_states_loading_empty_error() {
    let mut app = app();
    type_text(&mut app, "37999112275");
    key(&mut app, KeyCode::Enter);
    both("search_loading", &mut app);

    let mut app = self::app();
    search(&mut app, "ninguem", Ok(vec![]));
    snap("search_empty", &mut app, 80, 24);

    let mut app = self::app();
    search(
        &mut app,
        "silva",
        Err(ApiError::Network {
            route: "cliente",
            timeout: true,
            sent: true,
            detail: "timeout".into(),
        }),
    );
    snap("search_error", &mut app, 80, 24);
    // The hint names a key that works from the box (r types there): Enter
    // sends the same search again.
    assert!(text(&render(&mut app, 80, 24)).contains("tecle Enter para tentar de novo"));
    let fx = key(&mut app, KeyCode::Enter);
    let again: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                request: hubdesk::app::Request::Search(p),
                ..
            } => Some(p.term.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(again, ["silva"]);
}

#[test]
fn a_bad_cpf_is_flagged_before_sending() {
    let mut app = app();
    type_text(&mut app, "123.456.789-00");
    let buf = render(&mut app, 80, 24);
    assert!(text(&buf).contains("CPF com dígitos verificadores inválidos"));
    snap("search_bad_cpf", &mut app, 80, 24);
}

#[test]
fn a_full_answer_of_100_says_to_refine() {
    let mut app = app();
    let one = customers().remove(0);
    let many: Vec<Customer> = (0..100)
        .map(|i| Customer {
            codigo_cliente: Some(1000 + i),
            ..one.clone()
        })
        .collect();
    search(&mut app, "silva", Ok(many));
    let screen = text(&render(&mut app, 80, 24));
    assert!(
        screen.contains("Refine a busca: o servidor devolveu o máximo de 100"),
        "{screen}"
    );
}

// ---- customer ------------------------------------------------------------------

#[test]
fn customer_every_pane_with_data() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    both("customer_header", &mut app);
    for (digit, name) in [
        ('2', "customer_services"),
        ('3', "customer_invoices"),
        ('4', "customer_tickets"),
        ('5', "customer_orders"),
        ('6', "customer_connections"),
    ] {
        key(&mut app, KeyCode::Char(digit));
        both(name, &mut app);
    }
}

#[test]
fn customer_panes_loading() {
    let mut app = app();
    open(&mut app, &[], &[]);
    both("customer_loading_header", &mut app);
    key(&mut app, KeyCode::Char('3'));
    both("customer_loading_invoices", &mut app);
}

#[test]
fn customer_panes_empty() {
    let mut app = app();
    let fx = search(&mut app, "guilherme", Ok(vec![customers().remove(0)]));
    for req in fetch_ids(&fx) {
        let reply = match req.slot {
            Slot::Customer | Slot::Search | Slot::Watch => {
                Reply::Customers(Ok(vec![customers().remove(0)]))
            }
            Slot::Invoices => Reply::Invoices(Ok(vec![])),
            Slot::Tickets => Reply::Tickets(Ok(vec![])),
            Slot::Orders => Reply::Orders(Ok(vec![])),
            Slot::Connections => Reply::Connections(Ok(ConnectionLog::default())),
            Slot::Passwords => Reply::Passwords(Ok(vec![])),
            Slot::Tool(_) => continue,
        };
        update(&mut app, Msg::Fetched { req, reply });
    }
    for (digit, name) in [
        ('3', "customer_empty_invoices"),
        ('4', "customer_empty_tickets"),
        ('5', "customer_empty_orders"),
        ('6', "customer_empty_connections"),
    ] {
        key(&mut app, KeyCode::Char(digit));
        snap(name, &mut app, 80, 24);
    }
    snap("customer_empty_connections", &mut app, 160, 48);
}

#[test]
fn customer_panes_error() {
    let mut app = app();
    open(&mut app, &[], &ALL);
    both("customer_error_header", &mut app);
    for (digit, name) in [
        ('3', "customer_error_invoices"),
        ('4', "customer_error_tickets"),
        ('5', "customer_error_orders"),
        ('6', "customer_error_connections"),
    ] {
        key(&mut app, KeyCode::Char(digit));
        snap(name, &mut app, 80, 24);
    }
}

#[test]
fn a_long_ticket_text_scrolls_with_the_page_keys() {
    let mut app = app();
    let fx = search(&mut app, "guilherme", Ok(vec![customers().remove(0)]));
    let req = fetch_ids(&fx)
        .into_iter()
        .find(|r| r.slot == Slot::Tickets)
        .unwrap();
    let mut tickets =
        serde_json::from_str::<TicketsResponse>(&fixture("cliente_atendimento.response.json"))
            .unwrap()
            .atendimentos;
    let long: Vec<String> = (1..=40).map(|i| format!("linha {i} do relato")).collect();
    tickets[0].descricao_abertura = Some(long.join("\n"));
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Ok(tickets)),
        },
    );
    key(&mut app, KeyCode::Char('4'));
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("linha 1 do relato"), "{screen}");
    assert!(!screen.contains("linha 40 do relato"), "{screen}");
    assert!(screen.contains('↓'), "a mark says more text follows");
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
    }
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("linha 40 do relato"), "{screen}");
    assert!(!screen.contains("linha 1 do relato"), "{screen}");
}

#[test]
fn the_customer_in_english() {
    let mut app = app();
    app.settings.lang = Lang::En;
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('3'));
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("Invoices · pending"), "{screen}");
    assert!(screen.contains("overdue by"), "{screen}");
    assert!(screen.contains("DEMO — fictitious data"), "{screen}");
    snap("customer_invoices_english", &mut app, 80, 24);
}

#[test]
fn privacy_mode_masks_documents_phones_and_emails() {
    let mut app = app_with(Theme::new(ThemeKind::Dark), true);
    open(&mut app, &ALL, &[]);
    let screen = text(&render(&mut app, 80, 24));
    assert!(!screen.contains("106.820.836-81"), "{screen}");
    assert!(!screen.contains("guilherme@silva.com.br"), "{screen}");
    assert!(!screen.contains("98824-2968"), "{screen}");
    snap("customer_privacy", &mut app, 80, 24);
}

#[test]
fn too_small_and_help() {
    let mut app = app();
    snap("too_small", &mut app, 50, 12);
    update(&mut app, Msg::Resize(80, 24));
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('?'));
    snap("help_over_customer", &mut app, 80, 24);
}

// ---- what must never / always be drawn ------------------------------------------

#[test]
fn the_password_is_drawn_only_after_reveal() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    let password = customers()[0].servicos[0].senha.clone().unwrap();
    key(&mut app, KeyCode::Char('2'));
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        assert!(!screen.contains(&format!("Senha: {password}")), "{screen}");
        assert!(screen.contains("•••••• (tecle p para mostrar)"), "{screen}");
    }
    key(&mut app, KeyCode::Char('p'));
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains(&format!("Senha: {password}")), "{screen}");
    // Leaving hides it again.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('2'));
    let screen = text(&render(&mut app, 80, 24));
    assert!(!screen.contains(&format!("Senha: {password}")), "{screen}");
}

#[test]
fn server_text_cannot_carry_escape_sequences_to_the_screen() {
    let mut app = app();
    let mut c = customers().remove(0);
    c.nome_razaosocial = Some("EVIL\u{1b}]0;title\u{7}\u{1b}[2J\u{1b}[H NAME\r\nX".into());
    c.nome_fantasia = None;
    c.alerta_mensagens = vec!["corte\u{1b}[31m de fibra\u{9b}2J".into()];
    search(&mut app, "evil", Ok(vec![c]));
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = render(&mut app, w, h);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(hubdesk::sanitize::is_forbidden),
                "control character drawn: {:?}",
                cell.symbol()
            );
        }
        let screen = text(&buf);
        assert!(screen.contains("EVIL"), "{screen}");
    }
}

#[test]
fn the_demo_banner_and_profile_are_always_visible() {
    let mut app = app();
    for (w, h) in [(60, 15), (80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        assert!(screen.contains("DEMONSTRAÇÃO"), "{w}x{h}\n{screen}");
    }
    open(&mut app, &ALL, &[]);
    let screen = text(&render(&mut app, 80, 24));
    assert!(
        screen.contains("DEMONSTRAÇÃO — dados fictícios"),
        "{screen}"
    );
    assert!(screen.contains("provedor-teste"), "{screen}");
}

#[test]
fn the_alert_banner_is_in_the_danger_role() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    let theme = Theme::new(ThemeKind::Dark);
    let buf = render(&mut app, 80, 24);
    let (x, y) = find(&buf, "ALERTA").expect("alert banner");
    let style = buf[(x, y)].style();
    let banner = theme.style(Role::AlertBanner);
    assert_eq!(style.bg, banner.bg);
    assert!(style.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn an_overdue_invoice_is_drawn_in_the_danger_colour() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('3'));
    // In the header pane nothing is selected: look at the wide layout,
    // where the invoices show beside the header without focus.
    key(&mut app, KeyCode::Char('1'));
    let danger = Theme::new(ThemeKind::Dark).style(Role::Danger);
    let buf = render(&mut app, 160, 48);
    let (x, y) = find(&buf, "vencida há").expect("an overdue invoice");
    assert_eq!(buf[(x, y)].style().fg, danger.fg, "overdue must be red");
    assert!(buf[(x, y)].style().add_modifier.contains(Modifier::BOLD));
}

#[test]
fn the_selection_is_visible_in_the_mono_theme() {
    let mut app = app_with(Theme::new(ThemeKind::Mono), false);
    let found = customers();
    search(&mut app, "silva", Ok(found));
    key(&mut app, KeyCode::Char('j'));
    let buf = render(&mut app, 80, 24);
    let name = customers()[1].nome_razaosocial.clone().unwrap();
    let (x, y) = find(&buf, &name).expect("second row");
    assert!(
        buf[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED),
        "selected row must be reversed in mono"
    );
    // Row markers are blank without an alert: no stray underline in mono.
    let (_, y2) = find(&buf, &name).unwrap();
    assert!(
        !buf[(1, y2)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED),
        "blank marker cell underlined"
    );
    let first = customers()[0].nome_razaosocial.clone().unwrap();
    let (x, y) = find(&buf, &first).expect("first row");
    assert!(
        !buf[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    // No cell anywhere has a colour in mono.
    open(&mut app, &ALL, &[]);
    for digit in ['1', '2', '3', '4', '5', '6'] {
        key(&mut app, KeyCode::Char(digit));
        let buf = render(&mut app, 160, 48);
        for cell in buf.content() {
            assert!(
                cell.fg == ratatui::style::Color::Reset && cell.bg == ratatui::style::Color::Reset,
                "mono drew a colour on pane {digit}"
            );
        }
    }
}

/// Issue 13: the light theme drew labels, headers, inactive tabs and hints
/// in ANSI grey, unreadable on white. The theme's roles are checked one by
/// one in `ui::theme`; this checks what is actually drawn: on the main
/// screens, in the light and the dark theme, every cell with a glyph has
/// a WCAG contrast of at least 4.5:1 between its colour and its background
/// (3:1 for lines and chart bars, which are not text), the terminal's
/// default colours read as the theme assumes them.
#[test]
fn every_drawn_cell_is_readable_in_the_light_and_dark_themes() {
    use hubdesk::app::status::StatusKind;
    use hubdesk::ui::theme::{contrast_ratio, rgb};
    fn check(app: &mut App, what: &str, w: u16, h: u16) {
        let theme = app.settings.theme;
        // Drawn a second later: a confirmation's "Sim" is dimmed while it
        // cannot be chosen yet (an inactive control, which WCAG exempts);
        // armed, it must read like the rest.
        update(app, Msg::Resize(w, h));
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let later = Instant::now() + std::time::Duration::from_secs(1);
        term.draw(|f| hubdesk::ui::console::draw(f, app, later))
            .unwrap();
        let buf = term.backend().buffer().clone();
        for y in 0..h {
            for x in 0..w {
                let cell = &buf[(x, y)];
                let symbol = cell.symbol();
                if symbol.trim().is_empty() {
                    continue;
                }
                let mut fg = rgb(cell.fg, theme.foreground());
                let mut bg = rgb(cell.bg, theme.background());
                if cell.modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut fg, &mut bg);
                }
                assert!(
                    !cell.modifier.contains(Modifier::DIM),
                    "{:?} {what} {w}x{h}: dimmed {symbol:?} at ({x},{y})",
                    theme.kind()
                );
                let line = symbol
                    .chars()
                    .all(|c| ('\u{2500}'..='\u{259f}').contains(&c));
                let min = if line { 3.0 } else { 4.5 };
                let ratio = contrast_ratio(fg, bg);
                assert!(
                    ratio >= min,
                    "{:?} {what} {w}x{h}: {symbol:?} at ({x},{y}) has contrast \
                     {ratio:.2} < {min} ({:?} on {:?})\n{}",
                    theme.kind(),
                    cell.fg,
                    cell.bg,
                    text(&buf)
                );
            }
        }
    }
    for kind in [ThemeKind::Light, ThemeKind::Dark] {
        let mut app = app_with(Theme::new(kind), false);
        check(&mut app, "search", 80, 24);
        search(&mut app, "silva", Ok(customers()));
        key(&mut app, KeyCode::Char('j'));
        check(&mut app, "results", 80, 24);
        open(&mut app, &ALL, &[]);
        app.set_status(StatusKind::Ok, "Copiado: linha digitável".into());
        for digit in ['1', '2', '3', '4', '5', '6'] {
            key(&mut app, KeyCode::Char(digit));
            check(&mut app, &format!("pane {digit}"), 80, 24);
            check(&mut app, &format!("pane {digit}"), 160, 48);
        }
        app.set_status(StatusKind::Error, "Recusado pelo servidor: não".into());
        key(&mut app, KeyCode::Char('1'));
        key(&mut app, KeyCode::Char('u'));
        check(&mut app, "form", 80, 24);
        key(&mut app, KeyCode::Enter);
        check(&mut app, "confirmation", 80, 24);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('c'));
        check(&mut app, "copy menu", 80, 24);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('!'));
        check(&mut app, "message log", 80, 24);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('?'));
        check(&mut app, "help", 80, 24);
        key(&mut app, KeyCode::Esc);
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char(':'), KeyModifiers::NONE)),
        );
        check(&mut app, "palette", 80, 24);
    }
}

// ---- Action dialogs in context (issue 5) ------------------------------------

fn press_char(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

/// Answers the dialog on screen with "Sim" as someone reading it would
/// (armed, a human beat between the arrow and Enter); the Enter's effects.
fn yes(app: &mut App) -> Vec<Effect> {
    app.instant += std::time::Duration::from_millis(400);
    key(app, KeyCode::Right);
    app.instant += std::time::Duration::from_millis(150);
    key(app, KeyCode::Enter)
}

fn sent(fx: &[Effect]) -> hubdesk::app::inflight::Submission {
    fx.iter()
        .find_map(|e| match e {
            Effect::Action { submission, .. } => Some(*submission),
            _ => None,
        })
        .expect("an action effect")
}

fn opened() -> App {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    app
}

#[test]
fn trust_unlock_form_and_confirmation() {
    let mut app = opened();
    press_char(&mut app, 'u');
    snap("action_unlock_form", &mut app, 80, 24);
    key(&mut app, KeyCode::Enter);
    snap("action_unlock_confirm", &mut app, 80, 24);
}

#[test]
fn mac_reset_and_disconnect_confirmations() {
    let mut app = opened();
    press_char(&mut app, 'm');
    snap("action_mac_reset_confirm", &mut app, 80, 24);
    key(&mut app, KeyCode::Esc);
    press_char(&mut app, 'd');
    snap("action_disconnect_confirm", &mut app, 80, 24);
}

#[test]
fn open_ticket_form_confirmation_and_protocol() {
    let mut app = opened();
    press_char(&mut app, 't');
    type_text(&mut app, "Sem internet desde ontem");
    snap("action_ticket_form", &mut app, 80, 24);
    key(&mut app, KeyCode::Enter);
    snap("action_ticket_confirm", &mut app, 80, 24);
    let submission = sent(&yes(&mut app));
    let response: hubdesk::api::tickets::TicketResponse =
        serde_json::from_value(serde_json::json!({
            "status": "success",
            "msg": "Atendimento aberto",
            "atendimento": {"id_atendimento": 812, "protocolo": "20250128085356853228"}
        }))
        .unwrap();
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: hubdesk::app::actions::ActionReply::Ticket(Box::new(Ok(response))),
        },
    );
    snap("action_ticket_opened", &mut app, 80, 24);
}

#[test]
fn invoice_form_and_queued_result() {
    let mut app = opened();
    press_char(&mut app, '3');
    press_char(&mut app, 'e');
    snap("action_invoice_form", &mut app, 80, 24);
    key(&mut app, KeyCode::Enter);
    let submission = sent(&yes(&mut app));
    let response: hubdesk::api::invoices::SendJobResponse =
        serde_json::from_value(serde_json::json!({
            "status": "success",
            "msg": "As faturas foram adicionadas para serem disparadas por e-mail.",
            "job": {"emails": [{"email": "cliente@exemplo.com.br", "nome": "Guilherme"}]}
        }))
        .unwrap();
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: hubdesk::app::actions::ActionReply::Job(Ok(response)),
        },
    );
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("cliente@exemplo.com.br"), "{screen}");
    assert!(
        !screen.to_lowercase().contains("entregue"),
        "queued, never delivered"
    );
    snap("action_invoice_queued", &mut app, 80, 24);
}

#[test]
fn close_ticket_form_and_confirmation() {
    let mut app = opened();
    press_char(&mut app, '4');
    press_char(&mut app, 'x');
    type_text(&mut app, "Resolvido por telefone");
    snap("action_close_ticket_form", &mut app, 80, 24);
    key(&mut app, KeyCode::Enter);
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("ordens de serviço"), "{screen}");
    snap("action_close_ticket_confirm", &mut app, 80, 24);
}

/// `opened()` with an equipment address on the service, as current
/// servers send it (`phy_addr`; synthetic).
fn opened_with_onu() -> App {
    let mut app = opened();
    let view = app.view.as_mut().unwrap();
    let customer = view.customer.data.as_mut().unwrap();
    customer.servicos[0].phy_addr = Some("48:57:02:AB:CD:EF".into());
    customer.servicos[0].mac_addr = Some("00:1A:2B:3C:4D:5E".into());
    app
}

#[test]
fn onu_mac_reset_and_cpe_confirmations_name_their_mac() {
    let mut app = opened_with_onu();
    press_char(&mut app, 'o');
    both("action_phy_reset_confirm", &mut app);
    key(&mut app, KeyCode::Esc);
    press_char(&mut app, 'b');
    both("action_cpe_reboot_confirm", &mut app);
}

#[test]
fn factory_reset_typed_confirmation_wrong_then_right() {
    let mut app = opened_with_onu();
    press_char(&mut app, 'Z');
    type_text(&mut app, "cdee");
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("[cdee]"), "{screen}");
    both("action_cpe_restore_confirm_wrong", &mut app);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('f'));
    app.instant += std::time::Duration::from_millis(400);
    both("action_cpe_restore_confirm_right", &mut app);
    // Light theme: the dialog keeps its roles.
    app.settings.theme = Theme::new(ThemeKind::Light);
    snap("action_cpe_restore_confirm_light", &mut app, 80, 24);
}

#[test]
fn service_state_forms_and_confirmations() {
    let mut app = opened();
    press_char(&mut app, 'S');
    both("action_suspend_form", &mut app);
    key(&mut app, KeyCode::Enter);
    both("action_suspend_confirm", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    press_char(&mut app, 'H');
    type_text(&mut app, "Pagamento confirmado");
    both("action_enable_form", &mut app);
}

#[test]
fn ticket_form_with_order_fields_and_append_to_a_ticket() {
    let mut app = opened();
    press_char(&mut app, 'T');
    type_text(&mut app, "Sem sinal");
    snap("action_ticket_with_order_form", &mut app, 160, 48);
    key(&mut app, KeyCode::Esc);
    press_char(&mut app, '4');
    press_char(&mut app, 'i');
    type_text(&mut app, "Cliente ligou de novo");
    both("action_append_form", &mut app);
    key(&mut app, KeyCode::Enter);
    both("action_append_confirm", &mut app);
}

#[test]
fn copy_chooser_on_an_invoice() {
    let mut app = opened();
    press_char(&mut app, '3');
    press_char(&mut app, 'c');
    snap("action_copy_menu", &mut app, 80, 24);
}

#[test]
fn audit_overlay_lists_the_latest_entries_newest_first() {
    let mut app = opened();
    press_char(&mut app, 'A');
    let entry = |phase: &str, outcome: Option<&str>, msg: Option<&str>| {
        serde_json::from_value::<hubdesk::audit::AuditEntry>(serde_json::json!({
            "time": "2020-03-10T14:00:00Z",
            "id": "a-1",
            "phase": phase,
            "action": "trust_unlock",
            "attendant": "ana.souza",
            "profile": "provedor-teste",
            "host": "https://h",
            "customer": 421,
            "service": 11201,
            "outcome": outcome,
            "msg": msg
        }))
        .unwrap()
    };
    update(
        &mut app,
        Msg::AuditLoaded(Ok(vec![
            entry("attempt", None, None),
            entry("outcome", Some("ok"), Some("Desbloqueado até 11/03/2020")),
        ])),
    );
    snap("action_audit_overlay", &mut app, 80, 24);
}

#[test]
fn a_refused_mac_reset_shows_the_servers_sentence_in_full() {
    let mut app = opened();
    press_char(&mut app, 'm');
    let submission = sent(&yes(&mut app));
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: hubdesk::app::actions::ActionReply::Plain(Err(ApiError::Refused {
                route: "cliente/reset_mac_addr",
                msg: "O serviço não possui dados de autenticação para resetar o MAC".into(),
                errors: Vec::new(),
            })),
        },
    );
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("para resetar o MAC"), "{screen}");
    snap("action_mac_reset_refused", &mut app, 80, 24);
}

/// Issue 14: a negative traffic figure (a RADIUS counter that wrapped, a
/// server bug) and `total_conexoes: -1` are not figures: the pane says
/// "inválido" for the session's traffic, counts the sessions it got, and
/// sums only what is possible.
#[test]
fn negative_traffic_and_session_counts_are_never_shown_as_figures() {
    let mut app = app();
    let fx = search(&mut app, "guilherme", Ok(vec![customers().remove(0)]));
    let mut log: serde_json::Value =
        serde_json::from_str(&fixture("cliente_extrato_conexao.response.json")).unwrap();
    let mut second = log["registros"][0].clone();
    second["download_megabytes"] = serde_json::json!(-12.5);
    second["upload_megabytes"] = serde_json::json!(-3);
    log["registros"].as_array_mut().unwrap().push(second);
    log["estatisticas"]["total_conexoes"] = serde_json::json!(-1);
    log["estatisticas"]["download_total"] = serde_json::json!(-12.5);
    log["estatisticas"]["upload_total"] = serde_json::json!(-2);
    let log: ConnectionLog = serde_json::from_value(log).unwrap();
    for req in fetch_ids(&fx) {
        let reply = match req.slot {
            Slot::Customer | Slot::Search | Slot::Watch => {
                Reply::Customers(Ok(vec![customers().remove(0)]))
            }
            Slot::Connections => Reply::Connections(Ok(log.clone())),
            _ => continue,
        };
        update(&mut app, Msg::Fetched { req, reply });
    }
    key(&mut app, KeyCode::Char('6'));
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        // The valid session's figures, the count of sessions received.
        assert!(
            screen.contains("2 sessões · ↓ 4,5 GB · ↑ 156,1 MB"),
            "{screen}"
        );
        assert!(screen.contains("inválido"), "{screen}");
        for bad in ["-1 sess", "-12,5", "-3,0", "-2,0", "−"] {
            assert!(!screen.contains(bad), "{bad} on screen:\n{screen}");
        }
    }
}

// ---- issue 13: readable at 80x24 --------------------------------------------------

/// Columns are sized by what they hold: "Boleto bancario" is never cut
/// while "Situação" is padded to the edge.
#[test]
fn invoice_columns_fit_their_content() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('3'));
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        assert!(screen.contains("Boleto bancario"), "{screen}");
        assert!(screen.contains("Debito conta corrente"), "{screen}");
        assert!(!screen.contains("bancar…"), "{screen}");
        let header = screen
            .lines()
            .find(|l| l.contains("Vencimento"))
            .expect("header row");
        let state = header.find("Situação").unwrap();
        let kind = header.find("Tipo").unwrap();
        // The longest state is "✖ vencida há 609 dias" (21 columns).
        assert!(kind - state < 30, "{w}x{h}: {header}");
    }
}

/// An invoice's detail lines are the server's whole sentence: wrapped
/// under their own column, the amount on the first row, never cut
/// ("…até (0…" with blanks before the amount).
#[test]
fn invoice_detail_lines_wrap_instead_of_being_cut() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('3'));
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        // The invoice pane's part of the screen, from the detail lines'
        // column on (at 160 the Cliente pane is on the left).
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("(+) Serviço de Comunicação"))
            .unwrap_or_else(|| panic!("{w}x{h}:\n{screen}"));
        let col = lines[at]
            .split("(+) Serviço")
            .next()
            .unwrap()
            .chars()
            .count();
        // The amount (with a comma; the server's text has a dot) is on the
        // first row, after the text's own column.
        let words = lines[at..at + 3]
            .iter()
            .map(|l| l.chars().skip(col).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
            .replacen("R$ 21,62", "", 1)
            .replace(['┃', '│'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains(
                "(+) Serviço de Comunicação e Multimídia (26/09/2017) até \
                 (09/10/2017) - 13 dias (proporcional) | R$ 21.62"
            ),
            "{w}x{h}: {words}\n{screen}"
        );
        let first = lines[at];
        assert!(first.contains("R$ 21,62"), "{w}x{h}: {first}");
        assert!(!first.contains('…'), "{w}x{h}: {first}");
    }
}

/// The alert banner is the most important line during an outage: it wraps
/// instead of being cut ("…na cidade Divinópo…"), in the banner's style.
#[test]
fn the_alert_banner_wraps_instead_of_being_cut() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    let buf = render(&mut app, 80, 24);
    let screen = text(&buf);
    let banner: Vec<&str> = screen
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("1 Cliente"))
        .collect();
    let joined = banner
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains(
            "ALERTA: Existe um rompimento de fibra no bairro Centro, na cidade Divinópolis que está afetando esse cliente"
        ),
        "{screen}"
    );
    assert!(
        joined.contains("A equipe técnica já está a caminho para resolver o rompimento de fibra"),
        "{screen}"
    );
    assert!(!joined.contains('…'), "{screen}");
    // Every banner row is painted as the banner, edge to edge.
    let alert = app.settings.theme.style(Role::AlertBanner);
    for y in 1..=banner.len() as u16 {
        for x in [0, 40, 79] {
            assert_eq!(buf[(x, y)].bg, alert.bg.unwrap(), "({x},{y})");
        }
    }
}

/// Beyond a quarter of the screen the banner stops, and its last row says
/// where the rest is: the Cliente pane then lists every alert in full.
#[test]
fn alerts_too_long_for_the_banner_are_whole_in_the_cliente_pane() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    let alerts = [
        "Rompimento de fibra no bairro Centro, na cidade Divinópolis, afetando \
         todos os clientes da caixa CTO-A7R3C3 desde as 14h",
        "Cliente com duas faturas vencidas: oferecer o desbloqueio em confiança \
         apenas uma vez por mês, conforme a política comercial",
        "Visita técnica agendada para amanhã entre 8h e 12h para troca da ONU \
         e reposicionamento do roteador na sala",
        "Cliente pediu para ser chamado pelo nome social Alex; não ligar após as 20h",
    ];
    let c = app.view.as_mut().unwrap().customer.data.as_mut().unwrap();
    c.alerta_mensagens = alerts.iter().map(|a| a.to_string()).collect();
    let screen = text(&render(&mut app, 80, 24));
    let banner: Vec<&str> = screen
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("1 Cliente"))
        .collect();
    assert_eq!(banner.len(), 5, "a quarter of the 22 rows:\n{screen}");
    assert!(
        banner[4]
            .trim_end()
            .ends_with("… (íntegra no painel Cliente)"),
        "{screen}"
    );
    let words = |s: &str| {
        s.replace(['┃', '│'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let pane: String = screen
        .lines()
        .skip_while(|l| !l.contains("1 Cliente"))
        .collect::<Vec<_>>()
        .join("\n");
    let pane = words(&pane);
    for alert in alerts {
        assert!(pane.contains(&words(alert)), "{alert}\n{screen}");
    }
    // With room for the whole banner the pane does not repeat it.
    let wide = text(&render(&mut app, 160, 48));
    let pane: String = wide
        .lines()
        .skip_while(|l| !l.contains("1 Cliente"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!words(&pane).contains("nome social Alex"), "{wide}");
    assert!(!wide.contains("íntegra no painel"), "{wide}");
    both("customer_alerts_cut", &mut app);
}

/// The Serviços pane at 80x24 hides the last connection below the fold:
/// PgDn, Ctrl-D, End and G scroll to it, a marker says when more is below,
/// and Home/g come back.
#[test]
fn page_keys_scroll_the_services_pane_with_a_marker_when_more_is_below() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    key(&mut app, KeyCode::Char('2'));
    let buf = render(&mut app, 80, 24);
    let top = text(&buf);
    assert!(!top.contains("Visto por último"), "{top}");
    assert!(top.contains("↓ mais: PgDn/Ctrl-D"), "{top}");
    // The marker sits in the pane's bottom border, in the accent colour.
    let (x, y) = find(&buf, "↓ mais").unwrap();
    assert_eq!(y, 21, "the bottom border, above the hints\n{top}");
    assert_eq!(
        buf[(x, y)].fg,
        app.settings.theme.style(Role::Accent).fg.unwrap()
    );
    let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    for keys in [
        vec![KeyEvent::new(KeyCode::End, KeyModifiers::NONE)],
        vec![KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE)],
        vec![KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE); 4],
        vec![ctrl_d; 4],
    ] {
        key(&mut app, KeyCode::Home);
        render(&mut app, 80, 24);
        for k in &keys {
            update(&mut app, Msg::Key(*k));
            render(&mut app, 80, 24);
        }
        let end = text(&render(&mut app, 80, 24));
        assert!(end.contains("Visto por último"), "{keys:?}\n{end}");
        assert!(end.contains("Último IP: 189.90.210.100"), "{keys:?}\n{end}");
        assert!(!end.contains("↓ mais"), "{keys:?}\n{end}");
        assert!(end.contains("↑ início: g/PgUp"), "{keys:?}\n{end}");
    }
    // One PgUp from the end moves at once; g goes back to the top.
    key(&mut app, KeyCode::PageUp);
    assert!(text(&render(&mut app, 80, 24)).contains("↓ mais"));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(text(&render(&mut app, 80, 24)), top);
    // The services list still moves with the arrows.
    assert_eq!(app.view.as_ref().unwrap().service, 0);
}

/// Every long pane scrolls the same way: the customer header, the
/// selected invoice's details and a ticket's text.
#[test]
fn every_long_pane_shows_the_marker_and_scrolls() {
    let mut app = app();
    open(&mut app, &ALL, &[]);
    for pane in ['1', '3', '4'] {
        key(&mut app, KeyCode::Char(pane));
        // 60x15 is the smallest screen: every pane is long there.
        let top = text(&render(&mut app, 60, 15));
        assert!(top.contains("↓ mais"), "pane {pane}\n{top}");
        key(&mut app, KeyCode::End);
        let end = text(&render(&mut app, 60, 15));
        assert_ne!(top, end, "pane {pane}");
        assert!(!end.contains("↓ mais"), "pane {pane}\n{end}");
        key(&mut app, KeyCode::Home);
    }
}

/// The hint bar's row at 80x24.
fn hints(app: &mut App, w: u16, h: u16) -> String {
    text(&render(app, w, h))
        .lines()
        .nth(h as usize - 2)
        .unwrap()
        .to_owned()
}

/// The hint bar always keeps help, Esc and quit (at the right), ranks the
/// rest for the pane, and says "…" when it had to drop some.
#[test]
fn the_hint_bar_keeps_help_esc_and_quit_and_ranks_the_rest() {
    let mut app = app();
    // The start screen: letters type, so F1 and Ctrl-C; history first.
    let row = hints(&mut app, 80, 24);
    for want in ["F1 Ajuda", "Esc Voltar", "Ctrl-C Sair", "Ctrl-P", "…"] {
        assert!(row.contains(want), "{want}: {row}");
    }
    assert!(row.trim_end().ends_with("Ctrl-C Sair"), "{row}");
    let mut app = opened();
    let row = hints(&mut app, 80, 24);
    for want in [
        "?/F1 Ajuda",
        "Esc Voltar",
        "q Sair",
        "u Desbloqueio em confiança",
        "…",
    ] {
        assert!(row.contains(want), "{want}: {row}");
    }
    assert!(row.trim_end().ends_with("q Sair"), "{row}");
    // On the invoices the copy key (the boleto line) comes first.
    key(&mut app, KeyCode::Char('3'));
    let row = hints(&mut app, 80, 24);
    assert!(row.trim_start().starts_with("c Copiar"), "{row}");
    for want in ["Ajuda", "Esc Voltar", "q Sair"] {
        assert!(row.contains(want), "{want}: {row}");
    }
    // Wide, more fits: the first ranked hints keep all their keys.
    let row = hints(&mut app, 160, 48);
    assert!(row.contains("e Enviar fatura"), "{row}");
    assert!(row.contains("?/F1 Ajuda"), "{row}");
}

/// A form's hints say what Enter and Esc do there: send, cancel.
#[test]
fn a_form_hints_enter_to_send_and_esc_to_cancel() {
    let mut app = opened();
    press_char(&mut app, 'u');
    let row = hints(&mut app, 80, 24);
    for want in ["Enter Enviar", "Esc Cancelar", "Ctrl-C Sair"] {
        assert!(row.contains(want), "{want}: {row}");
    }
    assert!(!row.contains("Não"), "{row}");
    // Per cell: the key names in the key role, the words muted.
    let buf = render(&mut app, 80, 24);
    let (x, y) = find(&buf, "Enter Enviar").unwrap();
    let theme = app.settings.theme;
    assert_eq!(buf[(x, y)].fg, theme.style(Role::Key).fg.unwrap());
    assert_eq!(buf[(x + 6, y)].fg, theme.style(Role::Muted).fg.unwrap());
}

/// A confirmed trust unlock of the fixture customer's service, sent the
/// way the dialog sends it (without depending on the dialog's keys).
fn unlock_sent(app: &mut App) -> hubdesk::app::inflight::Submission {
    let target = hubdesk::app::confirm::ActionTarget {
        customer_name: "GUILHERME SILVA".into(),
        customer_code: Some("421".into()),
        service_id: 11201,
        service_plan: "4M".into(),
        login: Some("guilhermesilva1068".into()),
        ..Default::default()
    };
    let mut fx = Vec::new();
    hubdesk::app::actions::send(
        app,
        hubdesk::app::confirm::ActionRequest::TrustUnlock(
            hubdesk::api::service_actions::TrustUnlock {
                id_cliente_servico: 11201,
                dias_desbloqueio: Some(1),
            },
        ),
        target,
        None,
        &mut fx,
    );
    sent(&fx)
}

const UNLOCK_REFUSED: &str = "O desbloqueio em confiança só pode ser realizado para serviços \
                              suspensos por débito e uma única vez a cada 30 dias";

/// An action's result is read whole: it wraps on the status line, names
/// the customer and stays; the message log (one key away) keeps every
/// result, refusal and error of the session with its time, wrapped.
#[test]
fn results_wrap_name_the_customer_and_are_kept_in_the_message_log() {
    let mut app = opened();
    // The attendant moved on to the invoices while it was in flight.
    press_char(&mut app, '3');
    let submission = unlock_sent(&mut app);
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: hubdesk::app::actions::ActionReply::Plain(Err(ApiError::Refused {
                route: "cliente/desbloqueio_confianca",
                msg: UNLOCK_REFUSED.into(),
                errors: Vec::new(),
            })),
        },
    );
    key(&mut app, KeyCode::Esc); // the notice
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = text(&render(&mut app, w, h));
        // The status rows, badges aside, read as one sentence.
        let joined = screen
            .replace("DEMONSTRAÇÃO — dados fictícios", "")
            .replace("provedor-teste", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let want = format!("GUILHERME SILVA: Recusado pelo servidor: {UNLOCK_REFUSED}");
        let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&want), "{w}x{h}\n{screen}");
    }
    both("action_result_wrapped", &mut app);
    // Many keys later it is still there.
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('3'));
    assert!(text(&render(&mut app, 80, 24)).contains("GUILHERME SILVA: Recusado"));
    // The log: newest first, with the time (15:00 UTC is 12:00 in Brazil).
    app.set_status(
        hubdesk::app::status::StatusKind::Ok,
        "Copiado: linha digitável".into(),
    );
    press_char(&mut app, '!');
    let screen = text(&render(&mut app, 80, 24));
    let log = screen.find("12:00:00 ✔ Copiado").expect(&screen);
    let refused = screen
        .find("12:00:00 ✖ GUILHERME SILVA: Recusado")
        .expect(&screen);
    let sending = screen
        .find("12:00:00 · GUILHERME SILVA: Enviando")
        .expect(&screen);
    assert!(log < refused && refused < sending, "{screen}");
    assert!(screen.contains("30 dias"), "wrapped, not cut:\n{screen}");
    both("message_log", &mut app);
    // Per cell: a refusal reads in the danger colour, a copy in the ok one,
    // the time muted.
    let buf = render(&mut app, 80, 24);
    let theme = app.settings.theme;
    let (x, y) = find(&buf, "✖ GUILHERME").unwrap();
    assert_eq!(buf[(x + 2, y)].fg, theme.style(Role::Danger).fg.unwrap());
    let (x, y) = find(&buf, "✔ Copiado").unwrap();
    assert_eq!(buf[(x + 2, y)].fg, theme.style(Role::Ok).fg.unwrap());
    assert_eq!(buf[(x - 3, y)].fg, theme.style(Role::Muted).fg.unwrap());
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

/// The audit view wraps the server's message instead of cutting it.
#[test]
fn the_audit_view_wraps() {
    let mut app = opened();
    press_char(&mut app, 'A');
    let entry = serde_json::from_value::<hubdesk::audit::AuditEntry>(serde_json::json!({
        "time": "2020-03-10T14:00:00Z",
        "id": "a-1",
        "phase": "outcome",
        "action": "trust_unlock",
        "attendant": "ana.souza",
        "profile": "provedor-teste",
        "host": "https://h",
        "customer": 421,
        "service": 11201,
        "outcome": "refused",
        "msg": UNLOCK_REFUSED
    }))
    .unwrap();
    update(&mut app, Msg::AuditLoaded(Ok(vec![entry])));
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("30 dias"), "{screen}");
    assert!(!screen.contains('…'), "{screen}");
    both("audit_wrapped", &mut app);
}
