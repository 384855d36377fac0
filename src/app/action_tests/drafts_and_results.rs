//! Drafts, the ticket form, results on the status line and in the log,
//! a ticket's own service, and outcomes the trail could not record.

use super::*;

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
    // Leaving for the search keeps them: the tab stays open (issue 18).
    key(&mut app, KeyCode::Esc);
    assert!(app.view.is_none());
    open(&mut app);
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(
        form_value(&app, forms::FieldId::Description).as_deref(),
        Some("Sem sinal desde ontem")
    );
    key(&mut app, KeyCode::Esc);
    // Closing the tab drops them.
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)),
    );
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
    assert_eq!(t.ticket.abrir_os, Some(true));
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
    assert_eq!(t.ticket.descricao, "Sem acesso");
    assert_eq!(
        t.ticket.parametros.get("atendente"),
        None,
        "{:?}",
        t.ticket.parametros
    );
    let sent = serde_json::to_string(&t.ticket.parametros).unwrap();
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
