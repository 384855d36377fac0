//! `update()` sequences: messages in, state and effects out. No sleeps, no
//! network, no terminal.

use std::collections::BTreeMap;

use super::*;
use crate::api::{Customer, CustomerSearch, CustomerSearchBy, Invoice, ServiceOrderStatus};
use crate::api::{CustomersResponse, InvoicesResponse};
use crate::i18n::tr;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let mut app = App::new(Settings::default(), Keymap::default());
    app.now = chrono::DateTime::parse_from_rfc3339("2026-02-10T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
    .0
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn customers() -> Vec<Customer> {
    let r: CustomersResponse = serde_json::from_str(include_str!(
        "../../tests/fixtures/hubsoft-examples/cliente.response.json"
    ))
    .unwrap();
    r.clientes
}

fn customer(code: u64, name: &str, logins: &[&str]) -> Customer {
    Customer {
        codigo_cliente: Some(code),
        nome_razaosocial: Some(name.into()),
        servicos: logins
            .iter()
            .map(|l| crate::api::CustomerService {
                login: Some((*l).into()),
                senha: Some("s3cret".into()),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// The single fetch in `fx`, as (req, request).
fn fetches(fx: &[Effect]) -> Vec<(ReqId, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, request } => Some((*req, request.clone())),
            _ => None,
        })
        .collect()
}

/// The one search in `fx` (a search by CPF/CNPJ or code goes out with
/// the customer's lists, issue 16).
fn search_params(fx: &[Effect]) -> CustomerSearch {
    let searches: Vec<_> = fetches(fx)
        .into_iter()
        .filter_map(|(_, r)| match r {
            Request::Search(p) => Some(p),
            _ => None,
        })
        .collect();
    match searches.as_slice() {
        [p] => p.clone(),
        other => panic!("expected one search, got {other:?}"),
    }
}

/// Types `text`, presses Enter, answers with `found`; returns the effects
/// of the answer (an automatic open when there is one match).
fn search_and_answer(app: &mut App, text: &str, found: Vec<Customer>) -> Vec<Effect> {
    type_text(app, text);
    let fx = press(app, KeyCode::Enter);
    let (req, _) = fetches(&fx)[0].clone();
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(found)),
        },
    )
    .0
}

fn open_first(app: &mut App, found: Vec<Customer>) -> Vec<Effect> {
    let fx = search_and_answer(app, "silva", found);
    if app.view.is_some() {
        return fx;
    }
    press(app, KeyCode::Enter)
}

#[test]
fn a_search_asks_for_100_with_the_detected_kind_and_normalised_term() {
    let mut app = app();
    type_text(&mut app, "+55 (37) 3281-8000");
    let fx = press(&mut app, KeyCode::Enter);
    let p = search_params(&fx);
    assert_eq!(p.by, CustomerSearchBy::Phone);
    assert_eq!(p.term, "3732818000");
    assert_eq!(
        p.limit,
        Some(100),
        "the server default is 5: ask explicitly"
    );
    assert_eq!(p.include_cancelled, Some(false));
    assert!(app.search.results.loading());
    assert!(app.animating());
}

#[test]
fn cpf_that_is_also_a_phone_searches_as_cpf_and_offers_the_phone_with_one_key() {
    let mut app = app();
    type_text(&mut app, "37999112275");
    let p = search_params(&press(&mut app, KeyCode::Enter));
    assert_eq!(p.by, CustomerSearchBy::Document);
    assert_eq!(p.term, "37999112275");
    let p = search_params(&ctrl(&mut app, 'o'));
    assert_eq!(p.by, CustomerSearchBy::Phone);
    assert_eq!(p.term, "37999112275");
}

#[test]
fn a_cpf_with_bad_check_digits_is_flagged_and_nothing_is_sent() {
    let mut app = app();
    type_text(&mut app, "123.456.789-00");
    let fx = press(&mut app, KeyCode::Enter);
    assert!(fx.is_empty(), "{fx:?}");
    let status = app.status.as_ref().expect("a status message");
    assert_eq!(status.kind, StatusKind::Error);
    assert_eq!(status.text, tr(Lang::PtBr, T::SearchInvalidCpf));
    assert!(!app.search.results.loading());
}

#[test]
fn the_kind_key_cycles_all_8_kinds_and_overrides_detection() {
    let mut app = app();
    type_text(&mut app, "silva");
    assert_eq!(app.search.effective().0, CustomerSearchBy::Name);
    let mut seen = vec![app.search.effective().0];
    for _ in 0..7 {
        ctrl(&mut app, 'k');
        seen.push(app.search.effective().0);
    }
    let mut unique = seen.clone();
    unique.sort_by_key(|k| k.as_param());
    unique.dedup();
    assert_eq!(unique.len(), 8, "{seen:?}");
    // One more press comes back to the detected kind: automatic again.
    ctrl(&mut app, 'k');
    assert_eq!(app.search.forced, None);
    // Force "login" and search: the override wins.
    while app.search.effective().0 != CustomerSearchBy::Login {
        ctrl(&mut app, 'k');
    }
    let p = search_params(&press(&mut app, KeyCode::Enter));
    assert_eq!((p.by, p.term.as_str()), (CustomerSearchBy::Login, "silva"));
}

#[test]
fn a_forced_kind_can_send_what_detection_would_refuse() {
    let mut app = app();
    type_text(&mut app, "123.456.789-00");
    while app.search.effective().0 != CustomerSearchBy::Name {
        ctrl(&mut app, 'k');
    }
    let p = search_params(&press(&mut app, KeyCode::Enter));
    assert_eq!(p.by, CustomerSearchBy::Name);
}

#[test]
fn the_cancelled_toggle_rides_along_and_reruns_the_last_search() {
    let mut app = app();
    type_text(&mut app, "silva");
    press(&mut app, KeyCode::Enter);
    let p = search_params(&ctrl(&mut app, 'x'));
    assert_eq!(p.include_cancelled, Some(true));
    assert_eq!(p.term, "silva");
}

#[test]
fn one_match_opens_the_customer_and_fetches_every_pane_concurrently() {
    let mut app = app();
    let found = vec![customers().remove(0)];
    let fx = search_and_answer(&mut app, "guilherme", found);
    assert_eq!(app.screen, Screen::Customer);
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.code, 421);
    let got = fetches(&fx);
    let slots: Vec<Slot> = got.iter().map(|(r, _)| r.slot).collect();
    assert_eq!(
        slots,
        vec![
            Slot::Customer,
            Slot::Invoices,
            Slot::Tickets,
            Slot::Orders,
            Slot::Connections
        ]
    );
    assert!(got.iter().all(|(r, _)| r.view == view.id));
    match &got[0].1 {
        Request::Customer(p) => {
            assert_eq!(p.by, CustomerSearchBy::Code);
            assert_eq!(p.term, "421");
            assert_eq!(p.last_connection, Some(true));
        }
        other => panic!("{other:?}"),
    }
    match &got[1].1 {
        Request::Invoices(p) => assert_eq!(p.only_pending, Some(true)),
        other => panic!("{other:?}"),
    }
    match &got[4].1 {
        Request::Connections(p) => assert_eq!(p.login, "guilhermesilva1068"),
        other => panic!("{other:?}"),
    }
    // The summary shows while the full record loads.
    assert!(view.customer.data.is_some() && view.customer.loading());
}

#[test]
fn several_matches_list_them_and_enter_opens_the_selected_one() {
    let mut app = app();
    let fx = search_and_answer(
        &mut app,
        "silva",
        vec![
            customer(1, "ANA SILVA", &["ana"]),
            customer(2, "BIA SILVA", &["bia"]),
        ],
    );
    assert!(fx.is_empty());
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.focus.0, SearchFocus::List);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view.as_ref().unwrap().code, 2);
}

#[test]
fn closing_a_customer_tab_aborts_its_reads_and_drops_its_late_answers() {
    let mut app = app();
    open_first(
        &mut app,
        vec![customer(1, "ANA", &["ana"]), customer(2, "BIA", &["bia"])],
    );
    let first = app.view.as_ref().unwrap().id;
    let fx = ctrl(&mut app, 'w');
    assert_eq!(fx, vec![Effect::Abort { view: first }]);
    assert_eq!(app.screen, Screen::Search);
    assert!(app.view.is_none() && app.tabs.is_empty());
    // Open the other customer; then the first one's invoices arrive late.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    let fx = press(&mut app, KeyCode::Enter);
    let second = app.view.as_ref().unwrap().id;
    assert_ne!(first, second);
    let (inv_req, _) = fetches(&fx)
        .into_iter()
        .find(|(r, _)| r.slot == Slot::Invoices)
        .unwrap();
    let stale = ReqId {
        view: first,
        ..inv_req
    };
    let (fx, changed) = update(
        &mut app,
        Msg::Fetched {
            req: stale,
            reply: Reply::Invoices(Ok(vec![Invoice::default()])),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(changed, Changed::No);
    let view = app.view.as_ref().unwrap();
    assert!(view.invoices.data.is_none() && view.invoices.loading());
    // The right answer is taken.
    update(
        &mut app,
        Msg::Fetched {
            req: inv_req,
            reply: Reply::Invoices(Ok(vec![Invoice::default()])),
        },
    );
    assert_eq!(
        app.view
            .as_ref()
            .unwrap()
            .invoices
            .data
            .as_ref()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_customer_from_history_comes_back_in_its_tab_or_opens_anew_once_closed() {
    let mut app = app();
    open_first(&mut app, vec![customer(7, "ANA", &["ana"])]);
    let first = app.view.as_ref().unwrap().id;
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'p');
    assert!(app.search.show_history);
    // Newest first: the customer, then the search.
    assert!(matches!(
        app.history[0],
        HistoryEntry::Customer { code: 7, .. }
    ));
    // Still open in its tab (issue 18): it comes back as it was.
    let fx = press(&mut app, KeyCode::Enter);
    let view = app.view.as_ref().unwrap();
    assert_eq!((view.code, view.id), (7, first));
    assert!(fetches(&fx).is_empty());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("já estava aberto")
    );
    // Its tab closed, it opens afresh.
    ctrl(&mut app, 'w');
    ctrl(&mut app, 'p');
    let fx = press(&mut app, KeyCode::Enter);
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.code, 7);
    assert_ne!(view.id, first);
    assert!(!fetches(&fx).is_empty());
    assert!(fetches(&fx).iter().all(|(r, _)| r.view == view.id));
}

#[test]
fn a_refresh_replaces_the_request_and_ignores_the_old_answer() {
    let mut app = app();
    let fx = open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    let (old, _) = fetches(&fx)
        .into_iter()
        .find(|(r, _)| r.slot == Slot::Invoices)
        .unwrap();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.view.as_ref().unwrap().focus, Pane::Invoices);
    let fx = press(&mut app, KeyCode::Char('r'));
    let got = fetches(&fx);
    assert_eq!(got.len(), 1);
    let new = got[0].0;
    assert_eq!(new.slot, Slot::Invoices);
    assert_ne!(new.seq, old.seq);
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: old,
            reply: Reply::Invoices(Ok(vec![])),
        },
    );
    assert_eq!(changed, Changed::No);
    assert!(app.view.as_ref().unwrap().invoices.loading());
    // R reloads every pane.
    let slots: Vec<Slot> = fetches(&press(&mut app, KeyCode::Char('R')))
        .iter()
        .map(|(r, _)| r.slot)
        .collect();
    assert_eq!(slots.len(), 5, "{slots:?}");
}

#[test]
fn toggles_refetch_with_the_new_filter() {
    let mut app = app();
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    press(&mut app, KeyCode::Char('3'));
    match &fetches(&press(&mut app, KeyCode::Char('a')))[0].1 {
        Request::Invoices(p) => assert_eq!(p.only_pending, Some(false)),
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Char('4'));
    match &fetches(&press(&mut app, KeyCode::Char('a')))[0].1 {
        Request::Tickets(p) => assert_eq!(p.only_open, Some(false)),
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Char('5'));
    let mut filters = Vec::new();
    for _ in 0..4 {
        match &fetches(&press(&mut app, KeyCode::Char('f')))[0].1 {
            Request::Orders(p) => filters.push(p.status),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        filters,
        vec![
            Some(ServiceOrderStatus::Pending),
            Some(ServiceOrderStatus::AwaitingScheduling),
            Some(ServiceOrderStatus::Finished),
            None
        ]
    );
}

#[test]
fn selecting_another_service_refetches_the_connection_history() {
    let mut app = app();
    open_first(
        &mut app,
        vec![customer(1, "ANA", &["ana.fibra", "ana.radio"])],
    );
    press(&mut app, KeyCode::Char('2'));
    let fx = press(&mut app, KeyCode::Down);
    match fetches(&fx).as_slice() {
        [(req, Request::Connections(p))] => {
            assert_eq!(req.slot, Slot::Connections);
            assert_eq!(p.login, "ana.radio");
        }
        other => panic!("{other:?}"),
    }
    // Same service again: nothing new to fetch.
    assert!(fetches(&press(&mut app, KeyCode::Down)).is_empty());
}

#[test]
fn esc_from_a_customer_lands_in_the_box_with_its_text_selected() {
    let mut app = app();
    let fx = search_and_answer(&mut app, "guilherme", vec![customers().remove(0)]);
    assert!(app.view.is_some(), "{fx:?}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.focus.0, SearchFocus::Input);
    assert!(app.search.selected_all);
    // Typing replaces it.
    type_text(&mut app, "maria");
    assert_eq!(app.search.input.value(), "maria");
    assert!(!app.search.selected_all);
    // Again, and Enter runs the same search once more.
    let (req, _) = searches(&press(&mut app, KeyCode::Enter))[0].clone();
    answer(&mut app, req, vec![customers().remove(0)]);
    press(&mut app, KeyCode::Esc);
    let sent = searches(&press(&mut app, KeyCode::Enter));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1.term, "maria");
    // A cursor key keeps the text and deselects it; Backspace on a
    // selection clears it.
    answer(&mut app, sent[0].0, vec![customers().remove(0)]);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::End);
    assert!(!app.search.selected_all);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.search.input.value(), "marias");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc); // clears the box
    type_text(&mut app, "ana");
    let (req, _) = searches(&press(&mut app, KeyCode::Enter))[0].clone();
    answer(&mut app, req, vec![customers().remove(0)]);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.search.input.value(), "");
    // A paste replaces it too.
    type_text(&mut app, "ana");
    let (req, _) = searches(&press(&mut app, KeyCode::Enter))[0].clone();
    answer(&mut app, req, vec![customers().remove(0)]);
    press(&mut app, KeyCode::Esc);
    update(&mut app, Msg::Paste("10.0.0.1".into()));
    assert_eq!(app.search.input.value(), "10.0.0.1");
}

#[test]
fn errors_are_localized_per_pane() {
    let mut app = app();
    let fx = open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    let (req, _) = fetches(&fx)
        .into_iter()
        .find(|(r, _)| r.slot == Slot::Tickets)
        .unwrap();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Err(ApiError::Network {
                route: "cliente/atendimento",
                timeout: true,
                sent: true,
                detail: "timed out".into(),
            })),
        },
    );
    let view = app.view.as_ref().unwrap();
    assert_eq!(
        view.tickets.error.as_deref(),
        Some("O servidor HubSoft não respondeu em 20 s (cliente/atendimento)")
    );
    assert!(view.pane_failed(Pane::Tickets));
    assert!(!view.pane_failed(Pane::Invoices));
}

/// Issue 13: the message log holds every error of the session, the
/// failed reads too (a pane shows its error only while it is on screen):
/// with its time, the pane and the customer, without taking the status
/// line. An answer nobody waits for any more is not logged.
#[test]
fn failed_reads_go_to_the_message_log_with_the_pane_and_the_customer() {
    let mut app = app();
    let fx = open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    let logged = app.log.len();
    let (req, _) = fetches(&fx)
        .into_iter()
        .find(|(r, _)| r.slot == Slot::Tickets)
        .unwrap();
    let timeout = || ApiError::Network {
        route: "cliente/atendimento",
        timeout: true,
        sent: true,
        detail: "timed out".into(),
    };
    let status = app.status.clone();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Err(timeout())),
        },
    );
    assert_eq!(app.log.len(), logged + 1, "{:?}", app.log);
    let entry = app.log.last().unwrap();
    assert_eq!(entry.kind, status::StatusKind::Error);
    assert_eq!(entry.at, app.now);
    assert_eq!(
        entry.text,
        "ANA · Atendimentos: O servidor HubSoft não respondeu em 20 s (cliente/atendimento)"
    );
    assert_eq!(
        app.status, status,
        "the pane says it; the status line is left"
    );
    // The same answer again is nobody's: not logged twice.
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Err(timeout())),
        },
    );
    assert_eq!(app.log.len(), logged + 1);
    // A failed search is logged under the results.
    press(&mut app, KeyCode::Esc);
    app.search.input.reset();
    app.search.focus.0 = SearchFocus::Input;
    type_text(&mut app, "maria");
    let fx = press(&mut app, KeyCode::Enter);
    let (req, _) = fetches(&fx)[0].clone();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Err(timeout())),
        },
    );
    assert_eq!(
        app.log.last().unwrap().text,
        "Resultados: O servidor HubSoft não respondeu em 20 s (cliente/atendimento)"
    );
}

#[test]
fn fixture_invoices_are_accepted_for_the_open_customer() {
    let mut app = app();
    let fx = open_first(&mut app, vec![customers().remove(0)]);
    let (req, _) = fetches(&fx)
        .into_iter()
        .find(|(r, _)| r.slot == Slot::Invoices)
        .unwrap();
    let r: InvoicesResponse = serde_json::from_str(include_str!(
        "../../tests/fixtures/hubsoft-examples/cliente_financeiro.response.json"
    ))
    .unwrap();
    let n = r.faturas.len();
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Invoices(Ok(r.faturas)),
        },
    );
    assert_eq!(
        app.view
            .as_ref()
            .unwrap()
            .invoices
            .data
            .as_ref()
            .unwrap()
            .len(),
        n
    );
}

#[test]
fn history_keeps_the_last_20_searches_and_20_customers_newest_first() {
    let mut app = app();
    for i in 0..25 {
        app.push_history(HistoryEntry::Search {
            kind: CustomerSearchBy::Name,
            text: format!("nome {i}"),
        });
        app.push_history(HistoryEntry::Customer {
            code: i,
            name: format!("C{i}"),
        });
    }
    let searches = app
        .history
        .iter()
        .filter(|e| matches!(e, HistoryEntry::Search { .. }))
        .count();
    assert_eq!(searches, HISTORY_LEN);
    assert_eq!(app.history.len(), 2 * HISTORY_LEN);
    assert!(matches!(
        &app.history[0],
        HistoryEntry::Customer { code: 24, .. }
    ));
    // Repeating a search moves it to the top instead of duplicating it.
    app.push_history(HistoryEntry::Search {
        kind: CustomerSearchBy::Name,
        text: "nome 10".into(),
    });
    assert_eq!(app.history.len(), 2 * HISTORY_LEN);
    assert!(matches!(&app.history[0], HistoryEntry::Search { text, .. } if text == "nome 10"));
}

#[test]
fn letters_type_into_the_search_field_but_quit_works_from_lists() {
    let mut app = app();
    type_text(&mut app, "qr?");
    assert_eq!(app.search.input.value(), "qr?");
    assert!(app.help.is_none());
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    assert_eq!(ctrl(&mut app, 'z'), vec![Effect::Suspend]);
}

#[test]
fn tab_and_digits_move_between_panes() {
    let mut app = app();
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    let focus = |app: &App| app.view.as_ref().unwrap().focus;
    assert_eq!(focus(&app), Pane::Customer);
    press(&mut app, KeyCode::Tab);
    assert_eq!(focus(&app), Pane::Services);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(focus(&app), Pane::Connections);
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(focus(&app), Pane::Tickets);
    // No pane 9: nothing happens.
    let (_, changed) = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('9'), KeyModifiers::NONE)),
    );
    assert_eq!(changed, Changed::No);
}

#[test]
fn read_only_refuses_writing_actions_at_dispatch() {
    let (keymap, _) = Keymap::new(&BTreeMap::new(), true);
    let mut app = App::new(Settings::default(), keymap);
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    let (fx, changed) = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE)),
    );
    assert!(fx.is_empty());
    assert_eq!(changed, Changed::No);
}

#[test]
fn the_quit_key_named_by_the_too_small_screen_works_over_the_search_field() {
    let mut app = app();
    update(&mut app, Msg::Resize(50, 10));
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    assert_eq!(app.search.input.value(), "");
    update(&mut app, Msg::Resize(80, 24));
    assert!(press(&mut app, KeyCode::Char('q')).is_empty());
    assert_eq!(app.search.input.value(), "q");
}

#[test]
fn editing_the_text_drops_a_chosen_kind() {
    let mut app = app();
    type_text(&mut app, "silva");
    ctrl(&mut app, 'k');
    assert!(app.search.forced.is_some());
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.search.forced, None);
    assert_eq!(app.search.effective().0, CustomerSearchBy::Name);
}

#[test]
fn page_keys_scroll_long_ticket_texts_and_moving_resets_them() {
    let mut app = app();
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::PageDown);
    let scrolled = app.view.as_ref().unwrap().detail_scroll.offset();
    assert!(scrolled > 0);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.view.as_ref().unwrap().detail_scroll.offset(), 0);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.view.as_ref().unwrap().detail_scroll.offset(), 0);
}

/// Draws the console at its size, as the loop does after each batch.
fn draw(app: &App) -> String {
    let (w, h) = app.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::ui::console::draw(f, app, std::time::Instant::now()))
        .unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn help_scrolls_with_j_k_and_end_and_comes_back_up_at_once() {
    let mut app = app();
    press(&mut app, KeyCode::F(1));
    draw(&app);
    let offset = |app: &App| app.help.as_ref().map(|s| s.offset());
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(offset(&app), Some(1));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(offset(&app), Some(0));
    press(&mut app, KeyCode::Char('G'));
    let end = offset(&app).unwrap();
    assert!(end > 0 && end < 100, "{end}");
    assert!(!draw(&app).contains("↓ mais"));
    // Past the end nothing moves, and one k is one line up.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(offset(&app), Some(end));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(offset(&app), Some(end - 1));
    assert!(draw(&app).contains("↓ mais"));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(offset(&app), Some(0));
}

/// The search requests among `fx`.
fn searches(fx: &[Effect]) -> Vec<(ReqId, CustomerSearch)> {
    fetches(fx)
        .into_iter()
        .filter_map(|(r, q)| match q {
            Request::Search(p) => Some((r, p)),
            _ => None,
        })
        .collect()
}

fn answer(app: &mut App, req: ReqId, found: Vec<Customer>) -> Vec<Effect> {
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(found)),
        },
    )
    .0
}

mod cancel;
mod prefetch;
mod secrets;
