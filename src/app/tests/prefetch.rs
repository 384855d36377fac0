//! Issue 16: a search by CPF/CNPJ or code sends the customer's lists with it.

use super::*;

const CPF: &str = "123.456.789-09";

fn with_doc(code: u64, doc: &str) -> Customer {
    Customer {
        cpf_cnpj: Some(doc.into()),
        ..customer(code, "ANA", &["ana"])
    }
}

/// A list answer whose records name customer `codes` (`None`: a record
/// without its `cliente`).
fn list_reply(slot: Slot, codes: &[Option<u64>]) -> Reply {
    let records: Vec<serde_json::Value> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Some(c) => serde_json::json!({"id_fatura": i + 1, "id_atendimento": i + 1,
                "id_ordem_servico": i + 1, "cliente": {"codigo_cliente": c}}),
            None => serde_json::json!({"id_fatura": i + 1}),
        })
        .collect();
    let v = serde_json::Value::Array(records);
    match slot {
        Slot::Invoices => Reply::Invoices(Ok(serde_json::from_value(v).unwrap())),
        Slot::Tickets => Reply::Tickets(Ok(serde_json::from_value(v).unwrap())),
        Slot::Orders => Reply::Orders(Ok(serde_json::from_value(v).unwrap())),
        other => panic!("{other:?}"),
    }
}

fn fetched(app: &mut App, req: ReqId, reply: Reply) -> (Vec<Effect>, Changed) {
    update(app, Msg::Fetched { req, reply })
}

/// Types `text` and presses Enter: the search's id and the lists' (slot,
/// id, request), in the order sent.
fn enter_keyed(app: &mut App, text: &str) -> (ReqId, Vec<(ReqId, Request)>) {
    type_text(app, text);
    let fx = press(app, KeyCode::Enter);
    let all = fetches(&fx);
    let (search, _) = all[0].clone();
    assert_eq!(search.view, SEARCH_VIEW);
    (search, all[1..].to_vec())
}

fn aborts(fx: &[Effect]) -> Vec<ViewId> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Abort { view } => Some(*view),
            _ => None,
        })
        .collect()
}

#[test]
fn a_cpf_search_sends_the_three_lists_with_it_keyed_by_the_cpf() {
    let mut app = app();
    type_text(&mut app, CPF);
    let fx = press(&mut app, KeyCode::Enter);
    let p = search_params(&fx);
    assert_eq!(p.by, CustomerSearchBy::Document);
    assert_eq!(p.last_connection, Some(true), "the record comes whole");
    let lists: Vec<_> = fetches(&fx)
        .into_iter()
        .filter(|(r, _)| r.view != SEARCH_VIEW)
        .collect();
    assert_eq!(lists.len(), 3, "{lists:?}");
    let view = lists[0].0.view;
    assert!(lists.iter().all(|(r, _)| r.view == view));
    for (req, request) in &lists {
        match (req.slot, request) {
            (Slot::Invoices, Request::Invoices(q)) => {
                assert_eq!(
                    (q.by.as_param(), q.term.as_str()),
                    ("cpf_cnpj", "12345678909")
                );
                assert_eq!((q.only_pending, q.limit), (Some(true), Some(LIST_LIMIT)));
            }
            (Slot::Tickets, Request::Tickets(q)) => {
                assert_eq!(
                    (q.by.as_param(), q.term.as_str()),
                    ("cpf_cnpj", "12345678909")
                );
                assert_eq!((q.only_open, q.limit), (Some(true), Some(LIST_LIMIT)));
            }
            (Slot::Orders, Request::Orders(q)) => {
                assert_eq!(
                    (q.by.as_param(), q.term.as_deref()),
                    ("cpf_cnpj", Some("12345678909"))
                );
                assert_eq!((q.status, q.limit), (None, Some(LIST_LIMIT)));
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(
        app.view.is_none(),
        "nothing opens before the search answers"
    );
}

#[test]
fn a_code_search_keys_the_lists_by_the_code() {
    let mut app = app();
    let (_, lists) = enter_keyed(&mut app, "1042");
    assert_eq!(lists.len(), 3);
    for (_, request) in &lists {
        let (busca, term) = match request {
            Request::Invoices(q) => (q.by.as_param(), q.term.clone()),
            Request::Tickets(q) => (q.by.as_param(), q.term.clone()),
            Request::Orders(q) => (q.by.as_param(), q.term.clone().unwrap()),
            other => panic!("{other:?}"),
        };
        assert_eq!((busca, term.as_str()), ("codigo_cliente", "1042"));
    }
}

#[test]
fn name_phone_and_login_searches_send_the_search_alone() {
    for text in ["silva", "(37) 99911-2233", "ana.silva"] {
        let mut app = app();
        type_text(&mut app, text);
        let fx = press(&mut app, KeyCode::Enter);
        assert_eq!(fetches(&fx).len(), 1, "{text}");
        assert_eq!(search_params(&fx).last_connection, None, "{text}");
        assert!(app.search.prefetch.is_none());
    }
    // One match still reads the whole record and the lists by code.
    let mut app = app();
    let fx = search_and_answer(&mut app, "silva", vec![with_doc(1042, "12345678909")]);
    let slots: Vec<_> = fetches(&fx).iter().map(|(r, _)| r.slot).collect();
    assert_eq!(
        slots,
        [
            Slot::Customer,
            Slot::Invoices,
            Slot::Tickets,
            Slot::Orders,
            Slot::Connections
        ]
    );
}

#[test]
fn one_match_opens_with_the_search_record_and_the_lists_already_asked() {
    let mut app = app();
    let (search, lists) = enter_keyed(&mut app, CPF);
    let view_id = lists[0].0.view;
    // Invoices answer before the search: held, nothing shown yet.
    let (fx, changed) = fetched(
        &mut app,
        lists[0].0,
        list_reply(Slot::Invoices, &[Some(1042), Some(1042)]),
    );
    assert!(fx.is_empty());
    assert_eq!(changed, Changed::No);
    assert!(app.view.is_none());
    // The search finds the one customer: it opens at once, under the view
    // the lists were asked for, with nothing read again.
    let (fx, _) = fetched(
        &mut app,
        search,
        Reply::Customers(Ok(vec![with_doc(1042, "123.456.789-09")])),
    );
    assert_eq!(app.screen, Screen::Customer);
    let sent = fetches(&fx);
    assert_eq!(sent.len(), 1, "only the connection history: {sent:?}");
    assert_eq!(sent[0].0.slot, Slot::Connections);
    assert_eq!(sent[0].0.view, view_id);
    assert!(aborts(&fx).iter().all(|v| *v != view_id));
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.id, view_id);
    assert!(
        !view.customer.loading(),
        "the search's record is the record"
    );
    assert_eq!(
        view.customer.data.as_ref().unwrap().codigo_cliente,
        Some(1042)
    );
    assert_eq!(view.invoices.data.as_ref().map(Vec::len), Some(2));
    assert!(view.tickets.loading() && view.orders.loading());
    assert!(app.search.prefetch.is_none());
    // The others land as they come.
    fetched(
        &mut app,
        lists[1].0,
        list_reply(Slot::Tickets, &[Some(1042)]),
    );
    fetched(&mut app, lists[2].0, list_reply(Slot::Orders, &[]));
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.tickets.data.as_ref().map(Vec::len), Some(1));
    assert_eq!(view.orders.data.as_ref().map(Vec::len), Some(0));
    assert!(!view.invoices.loading() && !view.tickets.loading() && !view.orders.loading());
}

#[test]
fn several_matches_none_or_an_error_abort_the_lists_and_drop_their_answers() {
    let answers = [
        Ok(vec![with_doc(1042, CPF), with_doc(1043, CPF)]),
        Ok(vec![]),
        Err(ApiError::NotFound {
            route: "cliente",
            msg: None,
        }),
    ];
    for answer in answers {
        let mut app = app();
        let (search, lists) = enter_keyed(&mut app, CPF);
        let view_id = lists[0].0.view;
        // One list answered before the search, the others after it.
        fetched(
            &mut app,
            lists[0].0,
            list_reply(Slot::Invoices, &[Some(1042)]),
        );
        let (fx, _) = fetched(&mut app, search, Reply::Customers(answer.clone()));
        assert_eq!(aborts(&fx), [view_id], "{answer:?}");
        assert!(app.view.is_none() && app.search.prefetch.is_none());
        for (req, _) in &lists[1..] {
            let (fx, changed) = fetched(&mut app, *req, list_reply(req.slot, &[Some(1042)]));
            assert!(fx.is_empty());
            assert_eq!(changed, Changed::No);
        }
        if answer.as_ref().is_ok_and(|v| v.len() == 2) {
            // The attendant picks one: a new view, everything read by code.
            let fx = press(&mut app, KeyCode::Enter);
            let view = app.view.as_ref().unwrap();
            assert_ne!(view.id, view_id);
            assert!(view.invoices.data.is_none() && view.invoices.loading());
            let slots: Vec<_> = fetches(&fx).iter().map(|(r, _)| r.slot).collect();
            assert_eq!(
                slots[..4],
                [Slot::Customer, Slot::Invoices, Slot::Tickets, Slot::Orders]
            );
            // A late answer of the aborted lists never reaches this view.
            let (_, changed) = fetched(&mut app, lists[0].0, list_reply(Slot::Invoices, &[]));
            assert_eq!(changed, Changed::No);
            assert!(app.view.as_ref().unwrap().invoices.loading());
        }
    }
}

#[test]
fn a_single_match_the_cpf_does_not_name_opens_the_usual_way() {
    let mut app = app();
    let (search, lists) = enter_keyed(&mut app, CPF);
    let view_id = lists[0].0.view;
    let (fx, _) = fetched(
        &mut app,
        search,
        Reply::Customers(Ok(vec![with_doc(1042, "98765432100")])),
    );
    assert_eq!(aborts(&fx), [view_id]);
    let view = app.view.as_ref().unwrap();
    assert_ne!(view.id, view_id);
    assert!(view.customer.loading(), "read again");
}

#[test]
fn editing_the_box_or_a_new_search_aborts_the_lists_of_the_last_one() {
    let mut app = app();
    let (_, lists) = enter_keyed(&mut app, CPF);
    let fx = press(&mut app, KeyCode::Backspace);
    assert_eq!(aborts(&fx), [SEARCH_VIEW, lists[0].0.view]);
    assert!(app.search.prefetch.is_none());
    // A search sent again (with cancelled services now) replaces the
    // lists of the one before.
    let mut app = self::app();
    let (_, first) = enter_keyed(&mut app, CPF);
    let fx = press(&mut app, KeyCode::F(3));
    assert_eq!(aborts(&fx), [first[0].0.view]);
    let second = fetches(&fx);
    assert_eq!(second.len(), 4);
    assert_ne!(first[0].0.view, second[1].0.view);
    assert_eq!(app.search.prefetch.as_ref().unwrap().view, second[1].0.view);
}

#[test]
fn a_cpf_keyed_list_naming_another_customer_or_refused_is_read_again_by_code() {
    // The CPF is also an old, cancelled record's (1043), which the search
    // leaves out but the invoice route does not.
    let mut app = app();
    let (search, lists) = enter_keyed(&mut app, CPF);
    fetched(
        &mut app,
        search,
        Reply::Customers(Ok(vec![with_doc(1042, CPF)])),
    );
    let (fx, _) = fetched(
        &mut app,
        lists[0].0,
        list_reply(Slot::Invoices, &[Some(1042), Some(1043)]),
    );
    let again = fetches(&fx);
    assert_eq!(again.len(), 1);
    match &again[0] {
        (req, Request::Invoices(q)) => {
            assert_eq!(req.slot, Slot::Invoices);
            assert_eq!(
                (q.by.as_param(), q.term.as_str()),
                ("codigo_cliente", "1042")
            );
        }
        other => panic!("{other:?}"),
    }
    let view = app.view.as_ref().unwrap();
    assert!(view.invoices.data.is_none() && view.invoices.loading());
    // The answer by code is shown as it is.
    fetched(
        &mut app,
        again[0].0,
        list_reply(Slot::Invoices, &[Some(1042)]),
    );
    assert_eq!(
        app.view
            .as_ref()
            .unwrap()
            .invoices
            .data
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
    // A record without its customer cannot be told apart: read again.
    let (fx, _) = fetched(&mut app, lists[1].0, list_reply(Slot::Tickets, &[None]));
    assert_eq!(fetches(&fx)[0].0.slot, Slot::Tickets);
    // A server that refuses the CPF key: by code; a timeout: shown.
    let refused = Reply::Orders(Err(ApiError::Refused {
        route: "cliente/ordem_servico",
        msg: "busca inválida".into(),
        errors: vec![],
    }));
    let (fx, _) = fetched(&mut app, lists[2].0, refused);
    let again = fetches(&fx);
    assert_eq!(again[0].0.slot, Slot::Orders);
    let timeout = Reply::Orders(Err(ApiError::Network {
        route: "cliente/ordem_servico",
        timeout: true,
        sent: true,
        detail: String::new(),
    }));
    let (fx, _) = fetched(&mut app, again[0].0, timeout);
    assert!(fetches(&fx).is_empty());
    assert!(app.view.as_ref().unwrap().orders.error.is_some());
}

#[test]
fn code_keyed_lists_are_shown_as_they_come() {
    let mut app = app();
    let (search, lists) = enter_keyed(&mut app, "1042");
    fetched(
        &mut app,
        search,
        Reply::Customers(Ok(vec![with_doc(1042, CPF)])),
    );
    let (fx, _) = fetched(&mut app, lists[0].0, list_reply(Slot::Invoices, &[None]));
    assert!(fetches(&fx).is_empty());
    assert_eq!(
        app.view
            .as_ref()
            .unwrap()
            .invoices
            .data
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
}
