//! `update()` sequences of the actions: keys in, overlays and effects out.
//! No sleeps, no network: answers are fed as `Msg::ActionDone`.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::actions::{ActionReply, Overlay};
use super::inflight::{ActionKey, ActionKind, Outcome};
use super::*;
use crate::api::service_actions::ResetMac;
use crate::api::{Customer, Ticket};

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
fn an_answer_arriving_after_the_customer_was_closed_is_still_reported() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('d'));
    let (submission, _) = actions(&yes(&mut app))[0].clone();
    // Its tab closed (Ctrl-W): nothing of it is left to read again.
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)),
    );
    assert!(app.view.is_none() && app.tabs.is_empty());
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

fn fetches_of(fx: &[Effect], slot: Slot) -> Vec<Request> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, request } if req.slot == slot => Some(request.clone()),
            _ => None,
        })
        .collect()
}

mod drafts_and_results;
mod selection;
