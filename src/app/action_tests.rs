//! `update()` sequences of the actions: keys in, overlays and effects out.
//! No sleeps, no network: answers are fed as `Msg::ActionDone`.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::actions::{ActionReply, Overlay};
use super::inflight::{ActionKey, ActionKind, Outcome};
use super::*;
use crate::api::service_actions::ResetMac;

fn app_with(read_only: bool) -> App {
    let (keymap, _) = Keymap::new(&BTreeMap::new(), read_only);
    let settings = Settings {
        lang: Lang::En,
        read_only,
        attendant: Some("ana".into()),
        ..Settings::default()
    };
    let mut app = App::new(settings, keymap);
    app.now = chrono::DateTime::parse_from_rfc3339("2026-02-10T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
}

fn repeat(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let ev = KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Repeat,
        state: KeyEventState::NONE,
    };
    update(app, Msg::Key(ev)).0
}

/// Answers the dialog on screen as an attendant reading it would: waits
/// until it is armed, moves to "Sim", waits a human beat, presses Enter.
/// Returns the effects of the Enter.
fn yes(app: &mut App) -> Vec<Effect> {
    app.instant += confirm::ARM_AFTER;
    key(app, KeyCode::Right);
    app.instant += Duration::from_millis(120);
    key(app, KeyCode::Enter)
}

/// Moves the key clock on by `ms`.
fn wait(app: &mut App, ms: u64) {
    app.instant += Duration::from_millis(ms);
}

/// A customer view of code 1006 with service 100024 (login "amanda").
fn open(app: &mut App) {
    let c = Customer {
        codigo_cliente: Some(1006),
        nome_razaosocial: Some("Amanda".into()),
        servicos: vec![crate::api::CustomerService {
            id_cliente_servico: Some(100024),
            nome: Some("FIBRA 500M".into()),
            login: Some("amanda".into()),
            status: Some("Suspenso por Débito".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut fx = Vec::new();
    open_customer(app, c, &mut fx);
    assert!(app.view.is_some());
}

fn actions(fx: &[Effect]) -> Vec<(inflight::Submission, confirm::ActionRequest)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Action {
                submission,
                request,
                ..
            } => Some((*submission, (**request).clone())),
            _ => None,
        })
        .collect()
}

fn slots(fx: &[Effect]) -> Vec<Slot> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, .. } => Some(req.slot),
            _ => None,
        })
        .collect()
}

const MAC: ActionKey = ActionKey {
    kind: ActionKind::ResetMac,
    target: 100024,
};

fn timeout() -> crate::api::ApiError {
    crate::api::ApiError::Network {
        route: "cliente/reset_mac_addr",
        timeout: true,
        sent: true,
        detail: "timed out".into(),
    }
}

#[test]
fn trust_unlock_goes_form_then_confirmation_then_one_action_with_the_audit_ids() {
    let mut app = app_with(false);
    open(&mut app);
    assert!(actions(&key(&mut app, KeyCode::Char('u'))).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    // Enter validates the form; a confirmation comes before anything is sent.
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    let Some(Overlay::Confirm { confirmation, .. }) = &app.overlay else {
        panic!("expected the confirmation, got {:?}", app.overlay);
    };
    let text = confirmation.lines.join("\n");
    for needle in [
        "Amanda",
        "100024",
        "amanda",
        "Suspenso por Débito",
        "11/02/2026",
    ] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
    let fx = yes(&mut app);
    let sent = actions(&fx);
    assert_eq!(sent.len(), 1);
    let Effect::Action { audit, view, .. } = &fx[0] else {
        panic!("{fx:?}");
    };
    assert_eq!(audit.action, crate::audit::action::TRUST_UNLOCK);
    assert_eq!(
        (audit.customer, audit.service, audit.attendant.as_deref()),
        (Some(1006), Some(100024), Some("ana"))
    );
    assert_eq!(*view, app.view.as_ref().unwrap().id);
    // The form stays, busy: Enter again sends nothing.
    assert!(matches!(
        app.overlay,
        Some(Overlay::Form { busy: Some(_), .. })
    ));
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    assert!(app.animating(), "the spinner runs while it is in flight");
}

#[test]
fn a_second_submission_while_the_first_runs_is_refused() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(actions(&yes(&mut app)).len(), 1);
    // Same action again, as a double press would: confirmation, then refused.
    key(&mut app, KeyCode::Char('m'));
    let fx = yes(&mut app);
    assert!(actions(&fx).is_empty(), "{fx:?}");
    assert!(app.inflight.is_running(MAC));
    assert!(
        app.status.as_ref().unwrap().text.contains("in progress"),
        "{:?}",
        app.status
    );
}

#[test]
fn key_repeats_never_start_or_confirm_an_action() {
    let mut app = app_with(false);
    open(&mut app);
    assert!(repeat(&mut app, KeyCode::Char('d')).is_empty());
    assert!(app.overlay.is_none(), "a held d opens nothing");
    key(&mut app, KeyCode::Char('d'));
    wait(&mut app, 400);
    key(&mut app, KeyCode::Right);
    wait(&mut app, 400);
    assert!(actions(&repeat(&mut app, KeyCode::Enter)).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
}

#[test]
fn read_only_removes_the_keys_and_update_refuses_action_effects() {
    let mut app = app_with(true);
    open(&mut app);
    for c in ['u', 'm', 'd', 't'] {
        assert!(key(&mut app, KeyCode::Char(c)).is_empty());
        assert!(app.overlay.is_none(), "{c} opened something in read-only");
    }
    // Whatever path a request takes, the one producer of action effects
    // refuses it.
    let mut fx = Vec::new();
    actions::send(
        &mut app,
        confirm::ActionRequest::ResetMac(ResetMac {
            id_cliente_servico: 100024,
        }),
        confirm::ActionTarget::default(),
        None,
        &mut fx,
    );
    assert!(fx.is_empty());
    assert!(!app.inflight.any_running());
    assert!(app.status.as_ref().unwrap().text.contains("Read-only"));
}

#[test]
fn a_timeout_leaves_the_outcome_unknown_refreshes_and_needs_an_acknowledgement() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('m'));
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    let (fx, _) = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Err(timeout())),
        },
    );
    assert_eq!(app.inflight.outcome(MAC), Some(&Outcome::Unknown));
    assert!(app.status.as_ref().unwrap().text.contains("check"));
    assert_eq!(
        slots(&fx),
        [Slot::Customer],
        "the affected pane is read again"
    );
    assert!(actions(&fx).is_empty(), "never retried");
    // No form to hold the warning: a notice says it in full.
    assert!(matches!(app.overlay, Some(Overlay::Notice { .. })));
    key(&mut app, KeyCode::Esc);
    // Repeating needs the attendant to say they checked.
    key(&mut app, KeyCode::Char('m'));
    assert!(actions(&yes(&mut app)).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Acknowledge { .. })));
    assert_eq!(actions(&yes(&mut app)).len(), 1);
}

#[test]
fn an_answer_arriving_after_the_customer_was_left_is_still_reported() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('d'));
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    key(&mut app, KeyCode::Esc);
    assert!(app.view.is_none());
    let (fx, changed) = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Disconnect(Ok(Default::default())),
        },
    );
    assert_eq!(changed, Changed::Yes);
    assert!(fx.is_empty(), "no refresh of a view that is gone");
    let status = app.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Ok);
    assert!(status.text.contains("disconnection"), "{}", status.text);
}

#[test]
fn a_disconnect_refreshes_the_last_connection_later_and_never_repeats_itself() {
    let mut app = app_with(false);
    open(&mut app);
    let view = app.view.as_ref().unwrap().id;
    key(&mut app, KeyCode::Char('d'));
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    let (fx, _) = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Disconnect(Ok(Default::default())),
        },
    );
    assert_eq!(
        fx,
        [Slot::Customer, Slot::Connections].map(|slot| Effect::RefreshLater {
            view,
            slot,
            after: actions::DISCONNECT_REFRESH_AFTER,
        })
    );
    let (fx, _) = update(
        &mut app,
        Msg::RefreshSlot {
            view,
            slot: Slot::Customer,
        },
    );
    assert_eq!(slots(&fx), [Slot::Customer]);
    assert!(actions(&fx).is_empty());
}

#[test]
fn a_refusal_keeps_the_form_with_the_servers_words() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Enter);
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Err(crate::api::ApiError::Refused {
                route: "cliente/desbloqueio_confianca",
                msg: "Limite de desbloqueios atingido".into(),
                errors: Vec::new(),
            })),
        },
    );
    let Some(Overlay::Form { form, busy, .. }) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert!(busy.is_none());
    assert_eq!(form.form().value(forms::FieldId::Days), "5");
    assert!(
        form.form()
            .banner()
            .unwrap()
            .text
            .contains("Limite de desbloqueios atingido")
    );
}

#[test]
fn copy_with_several_values_opens_a_chooser_and_one_letter_copies() {
    let mut app = app_with(false);
    open(&mut app);
    if let Some(v) = app.view.as_mut() {
        v.customer.data.as_mut().unwrap().cpf_cnpj = Some("45903013937".into());
    }
    assert!(key(&mut app, KeyCode::Char('c')).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::CopyMenu { .. })));
    let fx = key(&mut app, KeyCode::Char('d'));
    assert_eq!(
        fx,
        [Effect::Copy {
            what: T::WhatDocument,
            text: "45903013937".into()
        }]
    );
    assert!(app.overlay.is_none());
}

/// The "Sim" button's focus, when a confirmation is up.
fn focused_yes(app: &App) -> Option<bool> {
    match &app.overlay {
        Some(Overlay::Confirm { choice, .. }) | Some(Overlay::Acknowledge { choice, .. }) => {
            Some(choice.yes)
        }
        _ => None,
    }
}

#[test]
fn a_confirmation_starts_on_no_and_no_letter_answers_it() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(focused_yes(&app), Some(false));
    // However slowly they come, letters (the old y/s included) only keep
    // the focus on "Não".
    for c in ['y', 's', 'Y', 'S', 'n', 'j', 'l', ' ', '1'] {
        wait(&mut app, 1000);
        assert!(actions(&key(&mut app, KeyCode::Char(c))).is_empty(), "{c}");
        assert_eq!(focused_yes(&app), Some(false), "{c}");
    }
    // Enter on "Não" answers no.
    wait(&mut app, 1000);
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    assert!(app.overlay.is_none());
    // Esc too, from "Sim".
    key(&mut app, KeyCode::Char('m'));
    wait(&mut app, 400);
    key(&mut app, KeyCode::Right);
    assert_eq!(focused_yes(&app), Some(true));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn keys_in_the_first_moments_or_in_a_burst_never_confirm() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('d'));
    // Before the dialog is armed: the move to "Sim" is refused.
    wait(&mut app, 200);
    key(&mut app, KeyCode::Right);
    assert_eq!(focused_yes(&app), Some(false));
    // Armed now; Tab reaches "Sim" as well as the arrow.
    wait(&mut app, 200);
    key(&mut app, KeyCode::Tab);
    assert_eq!(focused_yes(&app), Some(true));
    // Enter 10 ms later is a burst: nothing happens.
    wait(&mut app, 10);
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    assert_eq!(focused_yes(&app), Some(true));
    // A letter means typing, not reading: back to "Não", and re-armed.
    wait(&mut app, 200);
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(focused_yes(&app), Some(false));
    wait(&mut app, 100);
    key(&mut app, KeyCode::Right);
    assert_eq!(focused_yes(&app), Some(false), "re-armed by the letter");
    // A paste is text too.
    wait(&mut app, 400);
    key(&mut app, KeyCode::Right);
    assert_eq!(focused_yes(&app), Some(true));
    update(&mut app, Msg::Paste("maria\n".into()));
    assert_eq!(focused_yes(&app), Some(false));
    // Left goes back to "Não" at any time, even in a burst.
    wait(&mut app, 400);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Left);
    assert_eq!(focused_yes(&app), Some(false));
    // Read, choose, answer: sent once.
    assert_eq!(actions(&yes(&mut app)).len(), 1);
}

#[test]
fn the_unknown_outcome_acknowledgement_follows_the_same_rules() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('m'));
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Err(timeout())),
        },
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('m'));
    yes(&mut app);
    assert_eq!(
        focused_yes(&app),
        Some(false),
        "the acknowledgement starts on no"
    );
    for c in "yes sim".chars() {
        wait(&mut app, 500);
        assert!(actions(&key(&mut app, KeyCode::Char(c))).is_empty());
    }
    wait(&mut app, 10);
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    assert!(app.overlay.is_none(), "Enter on Não leaves it");
}

/// A customer of two services: 1001 "loja" (100.64.0.1, MAC ..:01) and
/// 1002 "casa" (no fixed IP, last session 189.90.1.2, MAC ..:02).
fn two_services() -> Customer {
    use crate::api::{CustomerService, LastConnection};
    Customer {
        codigo_cliente: Some(77),
        nome_razaosocial: Some("Padaria".into()),
        servicos: vec![
            CustomerService {
                id_cliente_servico: Some(1001),
                nome: Some("LOJA".into()),
                login: Some("padaria.loja".into()),
                ipv4: Some("100.64.0.1".into()),
                mac_addr: Some("AA:BB:CC:00:00:01".into()),
                ..Default::default()
            },
            CustomerService {
                id_cliente_servico: Some(1002),
                nome: Some("CASA".into()),
                login: Some("padaria.casa".into()),
                mac_addr: Some("AA:BB:CC:00:00:02".into()),
                ultima_conexao: Some(LastConnection {
                    ultimo_ipv4: Some("189.90.1.2".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

/// Types `text` in the search box, sends it, answers with `found`.
fn search_for(app: &mut App, text: &str, found: Vec<Customer>) -> Vec<Effect> {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
    let fx = key(app, KeyCode::Enter);
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == Slot::Search => Some(*req),
            _ => None,
        })
        .expect("a search");
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(found)),
        },
    )
    .0
}

/// The service id a disconnect would hit now, read from its dialog.
fn disconnect_target(app: &mut App) -> u64 {
    key(app, KeyCode::Char('d'));
    let Some(Overlay::Confirm { target, .. }) = &app.overlay else {
        panic!("no dialog: {:?}", app.overlay);
    };
    let id = target.service_id;
    key(app, KeyCode::Esc);
    id
}

#[test]
fn a_search_by_login_ip_or_mac_selects_the_service_it_matched() {
    for (text, want) in [
        ("padaria.casa", 1002),
        ("padaria.loja", 1001),
        ("189.90.1.2", 1002),
        ("100.64.0.1", 1001),
        ("aa-bb-cc-00-00-02", 1002),
    ] {
        let mut app = app_with(false);
        let fx = search_for(&mut app, text, vec![two_services()]);
        let view = app.view.as_ref().expect("one match opens");
        assert_eq!(
            view.selected_service().and_then(|s| s.id_cliente_servico),
            Some(want),
            "{text}"
        );
        // The connection history asked for is the matched service's.
        let login = match fetches_of(&fx, Slot::Connections).as_slice() {
            [Request::Connections(q)] => q.login.clone(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            Some(login),
            view.selected_service().and_then(|s| s.login.clone()),
            "{text}"
        );
        assert_eq!(disconnect_target(&mut app), want, "{text}");
    }
}

fn fetches_of(fx: &[Effect], slot: Slot) -> Vec<Request> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, request } if req.slot == slot => Some(request.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_match_survives_the_full_record_in_another_order_until_chosen_by_hand() {
    let mut app = app_with(false);
    let fx = search_for(&mut app, "padaria.casa", vec![two_services()]);
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == Slot::Customer => Some(*req),
            _ => None,
        })
        .unwrap();
    let mut full = two_services();
    full.servicos.reverse();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(vec![full.clone()])),
        },
    );
    assert_eq!(app.view.as_ref().unwrap().service, 0, "casa is first now");
    assert_eq!(disconnect_target(&mut app), 1002);
    // The attendant moves to the other service: a refresh keeps it.
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Down);
    assert_eq!(disconnect_target(&mut app), 1001);
    let fx = key(&mut app, KeyCode::Char('r'));
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == Slot::Customer => Some(*req),
            _ => None,
        })
        .unwrap();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(vec![two_services()])),
        },
    );
    assert_eq!(disconnect_target(&mut app), 1001);
}

#[test]
fn a_phone_that_is_a_tickets_contact_selects_that_service() {
    let mut app = app_with(false);
    let fx = search_for(&mut app, "(37) 98888-7777", vec![two_services()]);
    assert_eq!(
        disconnect_target(&mut app),
        1001,
        "no ticket yet: the first"
    );
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == Slot::Tickets => Some(*req),
            _ => None,
        })
        .unwrap();
    let ticket = crate::api::Ticket {
        id_atendimento: Some(5),
        id_cliente_servico: Some(1002),
        telefone_contato: Some("37988887777".into()),
        ..Default::default()
    };
    let (fx, _) = update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Ok(vec![ticket])),
        },
    );
    assert_eq!(disconnect_target(&mut app), 1002);
    assert_eq!(fetches_of(&fx, Slot::Connections).len(), 1, "its history");
}

#[test]
fn quitting_while_an_action_waits_asks_first_and_no_keeps_everything() {
    let mut app = app_with(false);
    open(&mut app);
    // Nothing in flight: q leaves at once.
    let leave = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        update(app, Msg::Key(KeyEvent::new(code, mods))).0
    };
    assert_eq!(
        leave(&mut app, KeyCode::Char('q'), KeyModifiers::NONE),
        [Effect::Quit]
    );
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(actions(&yes(&mut app)).len(), 1);
    // The unlock form stays up, busy. Ctrl-C from it asks.
    for (code, mods) in [
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
        (KeyCode::Char('q'), KeyModifiers::NONE),
    ] {
        if matches!(code, KeyCode::Char('q')) {
            key(&mut app, KeyCode::Esc); // out of the busy form: q is a key now
        }
        wait(&mut app, 500);
        assert!(leave(&mut app, code, mods).is_empty(), "{code:?}");
        assert!(
            matches!(app.overlay, Some(Overlay::Quit { .. })),
            "{code:?}"
        );
        // Letters, Ctrl-C again, a burst: still asking.
        for c in "yes sim".chars() {
            assert!(key(&mut app, KeyCode::Char(c)).is_empty());
        }
        assert!(leave(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL).is_empty());
        assert!(matches!(app.overlay, Some(Overlay::Quit { .. })));
        // Não: back to what was open.
        wait(&mut app, 500);
        assert!(key(&mut app, KeyCode::Enter).is_empty());
        if matches!(code, KeyCode::Char('c')) {
            assert!(matches!(
                app.overlay,
                Some(Overlay::Form { busy: Some(_), .. })
            ));
        } else {
            assert!(app.overlay.is_none());
        }
        assert!(app.inflight.any_running());
    }
    // Sim: leave, abandoning it.
    leave(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(yes(&mut app), [Effect::Quit]);
}

#[test]
fn the_palette_quit_asks_too_while_an_action_waits() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(actions(&yes(&mut app)).len(), 1);
    key(&mut app, KeyCode::Char(':'));
    for c in "quit".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Quit { .. })));
    assert_eq!(yes(&mut app), [Effect::Quit]);
}

/// The description field's text of the ticket form on screen.
fn form_value(app: &App, id: forms::FieldId) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Form { form, .. }) => Some(form.form().value(id).to_owned()),
        _ => None,
    }
}

#[test]
fn esc_on_a_filled_form_keeps_a_draft_until_the_customer_is_left() {
    let mut app = app_with(false);
    open(&mut app);
    // Untouched: Esc closes, nothing kept.
    key(&mut app, KeyCode::Char('t'));
    key(&mut app, KeyCode::Esc);
    assert!(app.view.as_ref().unwrap().drafts.is_empty());
    // Typed: Esc keeps it and says how to get it back.
    key(&mut app, KeyCode::Char('t'));
    for c in "Sem sinal desde ontem".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("Draft kept") && status.contains('t'),
        "{status}"
    );
    // The unlock form keeps its own.
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Esc);
    // Back as it was, under the same key.
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(
        form_value(&app, forms::FieldId::Description).as_deref(),
        Some("Sem sinal desde ontem")
    );
    assert!(app.status.as_ref().unwrap().text.contains("Draft restored"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(form_value(&app, forms::FieldId::Days).as_deref(), Some("3"));
    key(&mut app, KeyCode::Esc);
    // Leaving the customer drops them.
    key(&mut app, KeyCode::Esc);
    assert!(app.view.is_none());
    open(&mut app);
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(
        form_value(&app, forms::FieldId::Description).as_deref(),
        Some("")
    );
}

#[test]
fn a_sent_form_leaves_no_draft_behind() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Enter);
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Ok(Default::default())),
        },
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(
        form_value(&app, forms::FieldId::Days).as_deref(),
        Some("1"),
        "a fresh form"
    );
}

#[test]
fn the_service_keys_work_from_every_pane_on_the_selected_service() {
    let mut app = app_with(false);
    open_customer(&mut app, two_services(), &mut Vec::new());
    // Second service chosen on the Cliente pane with j.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.view.as_ref().unwrap().service, 1);
    for pane in ['1', '2', '3', '4', '5', '6'] {
        key(&mut app, KeyCode::Char(pane));
        for (c, kind) in [
            ('t', ActionKind::OpenTicket),
            ('u', ActionKind::TrustUnlock),
            ('m', ActionKind::ResetMac),
            ('d', ActionKind::Disconnect),
        ] {
            key(&mut app, KeyCode::Char(c));
            let (got_kind, service) = match &app.overlay {
                Some(Overlay::Form { form, target, .. }) => (form.kind(), target.service_id),
                Some(Overlay::Confirm {
                    confirmation,
                    target,
                    ..
                }) => (confirmation.kind, target.service_id),
                other => panic!("pane {pane}, {c}: {other:?}"),
            };
            assert_eq!((got_kind, service), (kind, 1002), "pane {pane}, {c}");
            key(&mut app, KeyCode::Esc);
            assert!(app.overlay.is_none());
        }
    }
    // k goes back up on the Cliente pane.
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(disconnect_target(&mut app), 1001);
}

#[test]
fn one_key_switches_the_service_order_on_and_the_confirmation_shows_the_description() {
    let mut app = app_with(false);
    open(&mut app);
    // In the form: Ctrl-O from the description field, no Tab needed.
    key(&mut app, KeyCode::Char('t'));
    for c in "Sem sinal".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
    );
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert!(form.form().switch(forms::FieldId::OpenOrder));
    assert_eq!(form.form().value(forms::FieldId::Description), "Sem sinal");
    // This customer has no phone on file: type the caller's.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    for c in "37999112233".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Confirm { confirmation, .. }) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert!(
        confirmation
            .lines
            .contains(&"Description: Sem sinal".to_owned()),
        "{:?}",
        confirmation.lines
    );
    assert!(
        confirmation
            .lines
            .contains(&"Also open a service order".to_owned())
    );
    let sent = actions(&yes(&mut app));
    let confirm::ActionRequest::OpenTicket(t) = &sent[0].1 else {
        panic!("{sent:?}");
    };
    assert_eq!(t.abrir_os, Some(true));
    // From the customer, T opens the form with it already on.
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('T'));
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert!(form.form().switch(forms::FieldId::OpenOrder));
    assert_eq!(form.form().focused(), forms::FieldId::Description);
}

#[test]
fn an_answer_while_the_quit_question_is_up_reaches_the_form_beneath() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Enter);
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(matches!(app.overlay, Some(Overlay::Quit { .. })));
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Err(crate::api::ApiError::Refused {
                route: "cliente/desbloqueio_confianca",
                msg: "Limite atingido".into(),
                errors: Vec::new(),
            })),
        },
    );
    // Still asking; beneath it the form is no longer busy and says why.
    let Some(Overlay::Quit {
        under: Some(under), ..
    }) = &app.overlay
    else {
        panic!("{:?}", app.overlay);
    };
    let Overlay::Form { form, busy, .. } = under.as_ref() else {
        panic!("{under:?}");
    };
    assert!(busy.is_none());
    assert!(
        form.form()
            .banner()
            .unwrap()
            .text
            .contains("Limite atingido")
    );
    // Nothing waits now: answering Não goes back to the form.
    wait(&mut app, 500);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Form { busy: None, .. })
    ));
}

/// Issue 13: a console without `attendant` (nor a system account, which
/// the console resolves at start through `ops::identity`) sends tickets
/// naming nobody, never the profile's name ("aberto por default").
#[test]
fn a_ticket_never_names_the_profile() {
    let (keymap, _) = Keymap::new(&BTreeMap::new(), false);
    let settings = Settings {
        lang: Lang::En,
        profile: "default".into(),
        attendant: None,
        ..Settings::default()
    };
    let mut app = App::new(settings, keymap);
    let c = Customer {
        codigo_cliente: Some(1006),
        nome_razaosocial: Some("Amanda".into()),
        telefone_primario: Some("37999112233".into()),
        servicos: vec![crate::api::CustomerService {
            id_cliente_servico: Some(100024),
            login: Some("amanda".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    open_customer(&mut app, c, &mut Vec::new());
    key(&mut app, KeyCode::Char('t'));
    for ch in "Sem acesso".chars() {
        key(&mut app, KeyCode::Char(ch));
    }
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Confirm {
        request: confirm::ActionRequest::OpenTicket(t),
        ..
    }) = &app.overlay
    else {
        panic!("expected the ticket's confirmation, got {:?}", app.overlay);
    };
    assert_eq!(t.descricao, "Sem acesso");
    assert_eq!(t.parametros.get("atendente"), None, "{:?}", t.parametros);
    let sent = serde_json::to_string(&t.parametros).unwrap();
    assert!(!sent.contains("default"), "{sent}");
}

/// Sends a MAC reset of service 100024 for "Amanda" the way a confirmed
/// dialog does, without depending on the dialog's keys.
fn send_mac_reset(app: &mut App) -> inflight::Submission {
    let target = confirm::ActionTarget {
        customer_name: "Amanda".into(),
        customer_code: Some("1006".into()),
        service_id: 100024,
        service_plan: "FIBRA 500M".into(),
        login: Some("amanda".into()),
        ..Default::default()
    };
    let mut fx = Vec::new();
    actions::send(
        app,
        confirm::ActionRequest::ResetMac(ResetMac {
            id_cliente_servico: 100024,
        }),
        target,
        None,
        &mut fx,
    );
    actions(&fx)[0].0
}

/// Issue 13: an action's result names the customer, keeps the server's
/// whole sentence, stays until something replaces it, and goes to the
/// session's message log with its time.
#[test]
fn an_action_result_names_the_customer_stays_and_is_logged() {
    let mut app = app_with(false);
    open(&mut app);
    let submission = send_mac_reset(&mut app);
    let long = "MAC do serviço FIBRA 500M resetado; o equipamento do assinante \
                precisa ser reiniciado para autenticar de novo no concentrador";
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Ok(crate::api::ActionResponse {
                msg: Some(long.into()),
            })),
        },
    );
    let status = app.status.clone().expect("a result");
    assert!(status.text.contains("Amanda"), "{}", status.text);
    assert!(status.text.contains(long), "{}", status.text);
    assert_eq!(status.kind, StatusKind::Ok);
    let later = std::time::Instant::now() + std::time::Duration::from_secs(3600);
    assert!(status.visible_at(later), "a result stays");
    // Both the sending and the result are in the log, with their time.
    let last = app.log.last().expect("logged");
    assert_eq!(last.text, status.text);
    assert_eq!(last.kind, StatusKind::Ok);
    assert_eq!(last.at, app.now);
    assert!(
        app.log
            .iter()
            .any(|e| e.text.contains("Amanda") && e.kind == StatusKind::Info),
        "{:?}",
        app.log
    );
    // An ordinary message replaces it, and clears itself again.
    app.set_status(StatusKind::Info, "copiado".into());
    let status = app.status.clone().unwrap();
    assert!(!status.visible_at(later));
    assert_eq!(app.log.last().unwrap().text, "copiado");
}

#[test]
fn the_message_log_opens_with_one_key_and_closes_with_esc() {
    let mut app = app_with(false);
    open(&mut app);
    app.set_status(StatusKind::Error, "Recusado pelo servidor: não".into());
    key(&mut app, KeyCode::Char('!'));
    assert!(
        matches!(app.overlay, Some(Overlay::Messages { .. })),
        "{:?}",
        app.overlay
    );
    // Keys there scroll; they never reach the customer underneath.
    assert!(actions(&key(&mut app, KeyCode::Char('m'))).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Messages { .. })));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    // The log holds at most LOG_LEN entries, the oldest dropped.
    for i in 0..status::LOG_LEN + 5 {
        app.set_status(StatusKind::Info, format!("m{i}"));
    }
    assert_eq!(app.log.len(), status::LOG_LEN);
    assert_eq!(
        app.log.last().unwrap().text,
        format!("m{}", status::LOG_LEN + 4)
    );
}

/// Issue 12: a ticket's own service (nested `servico`, string id) is the one
/// its close names, confirms and audits, not the customer's first service.
#[test]
fn closing_a_ticket_names_and_audits_the_tickets_own_service() {
    let mut app = app_with(false);
    let c = Customer {
        codigo_cliente: Some(1006),
        nome_razaosocial: Some("Amanda".into()),
        servicos: vec![
            crate::api::CustomerService {
                id_cliente_servico: Some(100024),
                nome: Some("FIBRA 500M".into()),
                login: Some("amanda".into()),
                ..Default::default()
            },
            crate::api::CustomerService {
                id_cliente_servico: Some(100031),
                nome: Some("LINK DEDICADO 50M".into()),
                login: Some("amanda.loja".into()),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    open_customer(&mut app, c, &mut Vec::new());
    let ticket: Ticket = serde_json::from_value(serde_json::json!({
        "id_atendimento": 812,
        "protocolo": "20250128085356853228",
        "descricao_abertura": "Loja sem sinal",
        "status": "Pendente",
        "servico": {"id_cliente_servico": "100031", "nome": "LINK DEDICADO 50M",
                    "status": "Serviço Habilitado"}
    }))
    .unwrap();
    assert_eq!(ticket.service_id(), Some(100031));
    let view = app.view.as_mut().unwrap();
    view.tickets.data = Some(vec![ticket]);
    view.focus = Pane::Tickets;
    key(&mut app, KeyCode::Char('x'));
    assert!(
        matches!(app.overlay, Some(Overlay::Form { .. })),
        "{:?}",
        app.overlay
    );
    for c in "Cabo trocado".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(actions(&key(&mut app, KeyCode::Enter)).is_empty());
    let Some(Overlay::Confirm { confirmation, .. }) = &app.overlay else {
        panic!("expected the confirmation, got {:?}", app.overlay);
    };
    let text = confirmation.lines.join("\n");
    assert!(
        text.contains("100031") && text.contains("LINK DEDICADO"),
        "{text}"
    );
    assert!(
        !text.contains("100024") && !text.contains("FIBRA 500M"),
        "{text}"
    );
    let fx = yes(&mut app);
    let Some(Effect::Action { audit, request, .. }) = fx.first() else {
        panic!("{fx:?}");
    };
    assert_eq!((audit.service, audit.ticket), (Some(100031), Some(812)));
    let confirm::ActionRequest::UpdateTicket(u) = &**request else {
        panic!("{request:?}");
    };
    assert_eq!(u.descricao, None, "the customer's description is kept");
    assert_eq!(u.parametros["texto_fechamento"], "Cabo trocado");
}

#[test]
fn an_outcome_the_trail_could_not_record_is_a_warning_after_the_outcome() {
    let mut app = app_with(false);
    open(&mut app);
    let submission = send_mac_reset(&mut app);
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Ok(crate::api::ActionResponse {
                msg: Some("MAC resetado".into()),
            })),
        },
    );
    assert_eq!(
        app.inflight.outcome(MAC),
        Some(&Outcome::Done {
            msg: Some("MAC resetado".into())
        })
    );
    // The runner sends this right after the answer when the outcome line
    // could not be written.
    let (_, changed) = update(
        &mut app,
        Msg::AuditNotRecorded("No space left on device".into()),
    );
    assert_eq!(changed, Changed::Yes);
    let status = app.status.as_ref().unwrap();
    assert_eq!(
        status.text,
        "Amanda: Done: MAC reset — MAC resetado — warning: outcome not written to the audit trail \
         (No space left on device); do not repeat the action because of this"
    );
    assert_eq!(status.kind, StatusKind::Error);
    assert!(!app.inflight.is_running(MAC));
}

#[test]
fn a_redirected_action_reads_not_applied_and_needs_no_acknowledgement() {
    let mut app = app_with(false);
    open(&mut app);
    let submission = send_mac_reset(&mut app);
    let e = crate::api::ApiError::Redirected {
        route: "cliente/reset_mac_addr",
        status: 307,
        location: Some("http://127.0.0.1:9/x".into()),
    };
    update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Plain(Err(e)),
        },
    );
    let Some(Outcome::Refused { msg }) = app.inflight.outcome(MAC) else {
        panic!("{:?}", app.inflight.outcome(MAC));
    };
    assert!(
        msg.starts_with("Not applied (redirected): MAC reset. The server answered"),
        "{msg}"
    );
    assert!(msg.contains("http://127.0.0.1:9/x"), "{msg}");
    // Not "unknown": sending it again (to a fixed host) asks nothing more.
    assert!(app.inflight.clone().begin(MAC).is_ok());
}
