//! `update()` sequences of the actions: keys in, overlays and effects out.
//! No sleeps, no network: answers are fed as `Msg::ActionDone`.

use std::collections::BTreeMap;

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
    let fx = key(&mut app, KeyCode::Char('y'));
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
    assert_eq!(actions(&key(&mut app, KeyCode::Char('y'))).len(), 1);
    // Same action again, as a double press would: confirmation, then refused.
    key(&mut app, KeyCode::Char('m'));
    let fx = key(&mut app, KeyCode::Char('y'));
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
    assert!(actions(&repeat(&mut app, KeyCode::Char('y'))).is_empty());
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
    let (submission, _) = actions(&key(&mut app, KeyCode::Char('y')))[0].clone();
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
    assert!(actions(&key(&mut app, KeyCode::Char('y'))).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Acknowledge { .. })));
    assert_eq!(actions(&key(&mut app, KeyCode::Char('y'))).len(), 1);
}

#[test]
fn an_answer_arriving_after_the_customer_was_left_is_still_reported() {
    let mut app = app_with(false);
    open(&mut app);
    key(&mut app, KeyCode::Char('d'));
    let (submission, _) = actions(&key(&mut app, KeyCode::Char('y')))[0].clone();
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
    let (submission, _) = actions(&key(&mut app, KeyCode::Char('y')))[0].clone();
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
    let (submission, _) = actions(&key(&mut app, KeyCode::Char('y')))[0].clone();
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
    let fx = key(&mut app, KeyCode::Char('y'));
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
