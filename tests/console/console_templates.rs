//! Canned texts in the console (issue 18, part 3): `Ctrl-T` in the ticket
//! form, the closing text and the description edit, end to end against the
//! simulator (what reaches HubSoft is the filled text, as edited), and the
//! list on screen at 80x24 and 160x48.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::app::actions::Overlay;
use hubdesk::app::forms::FieldId;
use hubdesk::app::inflight::{ActionKey, ActionKind};
use hubdesk::app::{App, Msg, update};
use hubdesk::ops::templates::{Context, Template, fill};
use hubdesk::ui::theme::{Theme, ThemeKind};

use super::console_actions::{Console, status};
use super::console_screens::{ALL, app_with, open, render, snap, text};

fn ctrl_t() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL))
}

fn form_value(app: &App, id: FieldId) -> String {
    match &app.overlay {
        Some(Overlay::Form { form, .. }) => form.form().value(id).to_owned(),
        other => panic!("no form: {other:?}"),
    }
}

/// The filled text the console must offer for `template` on this
/// customer view (the same core the CLI calls).
fn expected(app: &App, template: &Template, protocol: Option<String>) -> String {
    let view = app.view.as_ref().unwrap();
    let customer = view.customer.data.as_ref().unwrap();
    let service = view.selected_service();
    let ctx = Context {
        protocolo: protocol,
        atendente: app.settings.attendant.clone(),
        data: Some(hubdesk::br::dates::today(app.now)),
        ..Context::of_service(customer, service)
    };
    fill(template, &ctx).text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_t_in_the_ticket_form_fills_the_description_that_is_sent() {
    let mut c = Console::with(Default::default(), None, false);
    c.open("1000").await;
    c.key(KeyCode::Char('t'));
    c.apply(ctrl_t());
    // "lentidão": typed to filter, accents aside.
    c.text("lentid");
    c.key(KeyCode::Enter);
    let template = hubdesk::ops::templates::find(&c.app.settings.templates, "lentidão")
        .unwrap()
        .clone();
    let filled = expected(&c.app, &template, None);
    assert!(
        filled.contains("código 1000") && filled.contains("ana.souza"),
        "{filled}"
    );
    assert!(!filled.contains('{'), "{filled}");
    assert_eq!(form_value(&c.app, FieldId::Description), filled);
    // Edited before sending.
    c.text(" Velocidade medida: 12 Mbps.");
    c.key(KeyCode::Enter);
    assert!(
        matches!(c.app.overlay, Some(Overlay::Confirm { .. })),
        "{}",
        status(&c.app)
    );
    c.yes();
    c.settle(ActionKey::new(ActionKind::OpenTicket, 100000))
        .await;
    assert_eq!(c.sim.counters().get_for("ticket_open", 100000), 1);
    let Some(Overlay::TicketOpened { result, .. }) = &c.app.overlay else {
        panic!("{:?} / {}", c.app.overlay, status(&c.app));
    };
    let protocol = result.protocol.clone().expect("a protocol");
    c.until("the new ticket listed", |a| {
        a.view.as_ref().is_some_and(|v| {
            !v.loading()
                && v.tickets.data.as_ref().is_some_and(|t| {
                    t.iter()
                        .any(|t| t.protocolo.as_deref() == Some(protocol.as_str()))
                })
        })
    })
    .await;
    let view = c.app.view.as_ref().unwrap();
    let ticket = view
        .tickets
        .data
        .as_ref()
        .unwrap()
        .iter()
        .find(|t| t.protocolo.as_deref() == Some(protocol.as_str()))
        .unwrap();
    // As sent (HubSoft appends its own note after it).
    let sent = ticket.descricao_abertura.as_deref().unwrap();
    assert!(
        sent.starts_with(&format!("{filled} Velocidade medida: 12 Mbps.")),
        "{sent}"
    );
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_t_in_the_closing_text_fills_the_tickets_protocol() {
    let mut c = Console::with(Default::default(), None, false);
    c.app.settings.templates = vec![Template {
        name: "resolvido".into(),
        text: "Protocolo {protocolo} resolvido por {atendente} em {data}.".into(),
    }];
    c.open("1001").await;
    c.key(KeyCode::Char('4'));
    let (ticket, protocol) = {
        let t = c.app.view.as_ref().unwrap().selected_ticket().unwrap();
        (t.id_atendimento.unwrap(), t.protocolo.clone().unwrap())
    };
    c.key(KeyCode::Char('x'));
    c.apply(ctrl_t());
    c.key(KeyCode::Enter);
    let text = form_value(&c.app, FieldId::ClosingText);
    let today = hubdesk::br::dates::format_date(hubdesk::br::dates::today(c.app.now));
    assert_eq!(
        text,
        format!("Protocolo {protocol} resolvido por ana.souza em {today}.")
    );
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.overlay, Some(Overlay::Confirm { .. })));
    c.yes();
    c.settle(ActionKey::new(ActionKind::CloseTicket, ticket))
        .await;
    assert_eq!(c.sim.counters().get_for("ticket_close", ticket), 1);
    let closed = c
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_close")
        .expect("recorded");
    assert_eq!(closed.detail["parametros"]["texto_fechamento"], text);
    // The customer's opening description is never sent by a close.
    assert!(closed.detail["descricao"].is_null());
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_t_in_the_description_edit_adds_the_text_after_it() {
    let mut c = Console::with(Default::default(), None, false);
    c.open("1001").await;
    c.key(KeyCode::Char('4'));
    let ticket = c
        .app
        .view
        .as_ref()
        .unwrap()
        .selected_ticket()
        .and_then(|t| t.id_atendimento)
        .unwrap();
    c.key(KeyCode::Char('e'));
    let before = form_value(&c.app, FieldId::Description);
    c.apply(ctrl_t());
    c.text("segunda");
    c.key(KeyCode::Enter);
    let after = form_value(&c.app, FieldId::Description);
    assert!(after.starts_with(&format!("{before} Cliente ")), "{after}");
    assert!(after.contains("segunda via da fatura"), "{after}");
    c.key(KeyCode::Enter);
    c.yes();
    c.settle(ActionKey::new(ActionKind::EditTicket, ticket))
        .await;
    let edited = c
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_edit")
        .expect("recorded");
    assert_eq!(edited.detail["descricao"], after.trim());
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_protocol_unknown_while_opening_is_never_sent_and_the_form_keeps_its_text() {
    let mut c = Console::with(Default::default(), None, false);
    c.app.settings.templates = vec![Template {
        name: "retorno".into(),
        text: "Retorno do protocolo {protocolo} para {cliente}.".into(),
    }];
    c.open("1000").await;
    c.key(KeyCode::Char('t'));
    c.apply(ctrl_t());
    c.key(KeyCode::Enter);
    let text = form_value(&c.app, FieldId::Description);
    assert!(
        text.starts_with("Retorno do protocolo {protocolo} para "),
        "{text}"
    );
    // Enter refuses: no confirmation, nothing sent, the text kept.
    c.key(KeyCode::Enter);
    let Some(Overlay::Form { form, .. }) = &c.app.overlay else {
        panic!("{:?}", c.app.overlay);
    };
    let msg = form.form().errors();
    let msg = msg
        .get(FieldId::Description)
        .expect("a message at the field");
    assert!(msg.text(c.app.lang()).contains("{protocolo}"));
    assert_eq!(form.form().value(FieldId::Description), text);
    assert_eq!(c.sim.counters().get_for("ticket_open", 100000), 0);
    // The attendant writes it in; then it goes.
    let left = text.chars().count() - "Retorno do protocolo ".chars().count();
    for _ in 0..left {
        c.key(KeyCode::Backspace);
    }
    c.text("anterior.");
    assert_eq!(
        form_value(&c.app, FieldId::Description),
        "Retorno do protocolo anterior."
    );
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.overlay, Some(Overlay::Confirm { .. })));
    c.sim.shutdown();
}

/// The fixture customer's ticket form with the canned list open.
fn list_over(theme: ThemeKind, key: char) -> App {
    let mut app = app_with(Theme::new(theme), false);
    app.settings.attendant = Some("Ana Lima".into());
    app.settings.templates.push(Template {
        name: "retorno de protocolo".into(),
        text: "Retorno do protocolo {protocolo} para {cliente}, por {atendente}.".into(),
    });
    open(&mut app, &ALL, &[]);
    if key == 'x' {
        update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char('4'))));
    }
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char(key))));
    update(&mut app, ctrl_t());
    app
}

#[test]
fn the_canned_list_over_the_ticket_form() {
    let mut app = list_over(ThemeKind::Dark, 't');
    snap("canned_list_ticket", &mut app, 80, 24);
    snap("canned_list_ticket", &mut app, 160, 48);
    // A text with a value unknown here says so before it is chosen.
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char('r'))));
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char('e'))));
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Char('t'))));
    snap("canned_list_ticket_unknown_value", &mut app, 80, 24);
    // Chosen: in the field, with the message at it; the list is gone.
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("{protocolo}"), "{screen}");
    assert!(!screen.contains("Enter insere"), "{screen}");
    snap("canned_text_unfilled_in_the_form", &mut app, 80, 24);
}

#[test]
fn the_canned_list_over_the_closing_text_in_the_light_theme() {
    let mut app = list_over(ThemeKind::Light, 'x');
    update(&mut app, Msg::Key(KeyEvent::from(KeyCode::Down)));
    snap("canned_list_closing_light", &mut app, 80, 24);
    // The selected row is drawn with the selection role's colours.
    let buf = render(&mut app, 80, 24);
    let (x, y) = super::screen_kit::find(&buf, "▸ lentidão").expect("the selected row");
    let selection = app
        .settings
        .theme
        .style(hubdesk::ui::theme::Role::Selection);
    assert_eq!(Some(buf[(x + 2, y)].bg), selection.bg);
    let (x, y) = super::screen_kit::find(&buf, "  sem conexão").expect("another row");
    assert_ne!(Some(buf[(x + 2, y)].bg), selection.bg);
}

/// The real binary with `--demo` in a pseudo-terminal: a canned text from
/// the config, chosen with `Ctrl-T`, edited, confirmed and sent.
#[test]
fn a_canned_text_from_the_config_goes_out_with_the_ticket_in_a_pty() {
    use std::time::Duration;
    const DEADLINE: Duration = Duration::from_secs(20);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.p]\nattendant = \"Ana Lima\"\n[templates]\n\
         retorno = \"Cliente {cliente} ligou de novo; codigo {codigo}, por {atendente}.\"\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let mut pty = super::support::pty::Pty::hubdesk(
        &["--demo"],
        &[
            ("LANG", "en_US.UTF-8"),
            ("HUBDESK_CONFIG", config.to_str().unwrap()),
            ("HUBDESK_DATA_DIR", data),
            ("HUBDESK_STATE_DIR", data),
        ],
        80,
        24,
    );
    pty.wait_for_text("DEMO", DEADLINE);
    pty.send_keys(b"1000\r");
    pty.wait_for_text("Code 1000", DEADLINE);
    pty.send_keys(b"t");
    pty.wait_for_text("Ctrl-T Canned texts", DEADLINE);
    // Ctrl-T is byte 0x14.
    pty.send_keys(b"\x14");
    pty.wait_for_text("Enter inserts", DEADLINE);
    pty.wait_for_text("▸ retorno", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("por Ana Lima.", DEADLINE);
    pty.send_keys(b" Ok.\r");
    // The confirmation repeats the text as filled and edited (wrapped).
    pty.wait_for_text(
        "Description: Cliente JOSÉ DA CONCEIÇÃO ARAÚJO ligou de novo; codigo",
        DEADLINE,
    );
    pty.wait_for_text("1000, por Ana Lima. Ok.", DEADLINE);
    pty.confirm_yes(DEADLINE);
    pty.wait_for_text("Protocol", DEADLINE);
    let entries = hubdesk::audit::read_latest(&dir.path().join("audit.jsonl"), 10).unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].attempt.attendant.as_deref(), Some("Ana Lima"));
}
