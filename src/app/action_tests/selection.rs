//! The service an action lands on: the one the search matched, the one
//! chosen by hand, from every pane; quitting while an action waits.

use super::*;

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
            view.selected_service()
                .and_then(|s| s.login.as_deref().map(str::to_owned)),
            "{text}"
        );
        assert_eq!(disconnect_target(&mut app), want, "{text}");
    }
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
