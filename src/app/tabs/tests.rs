//! The tabs state machine, driven through `update` like the console does:
//! opening, dedupe, the cap and who goes, switching, replies reaching
//! parked tabs or dropped for closed ones, watches ticking while parked,
//! and Alt-digit typed fast in a text field. No sleeps, no network.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::{ApiDate, Customer, CustomerService, Invoice, LastConnection};
use crate::app::keymap::Keymap;
use crate::app::{Msg, Reply, ReqId, SearchFocus, Settings, Slot, open_customer, update};
use crate::i18n::Lang;

fn app() -> App {
    let settings = Settings {
        lang: Lang::En,
        ..Settings::default()
    };
    App::new(settings, Keymap::new(&BTreeMap::new(), false).0)
}

fn customer(code: u64, name: &str) -> Customer {
    Customer {
        codigo_cliente: Some(code),
        nome_razaosocial: Some(name.into()),
        servicos: vec![CustomerService {
            id_cliente_servico: Some(code * 100),
            login: Some(format!("login{code}").into()),
            ultima_conexao: Some(LastConnection {
                conectado: Some(false),
                ultima_conexao_datetime: ApiDate::parse("2026-03-16 08:00:00-03"),
                ..LastConnection::default()
            }),
            ..CustomerService::default()
        }],
        ..Customer::default()
    }
}

/// Opens customer `code` as Enter on a search row does; its effects.
fn open(app: &mut App, code: u64) -> Vec<Effect> {
    let mut fx = Vec::new();
    open_customer(app, customer(code, &format!("CLIENTE {code}")), &mut fx);
    fx
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, mods))).0
}

fn alt(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c), KeyModifiers::ALT)
}

fn on_screen(app: &App) -> Option<u64> {
    app.view
        .as_ref()
        .filter(|_| app.screen == Screen::Customer)
        .map(|v| v.code)
}

fn codes(app: &App) -> Vec<u64> {
    views(app).map(|v| v.code).collect()
}

fn fetch_of(fx: &[Effect], slot: Slot) -> Option<ReqId> {
    fx.iter().find_map(|e| match e {
        Effect::Fetch { req, .. } if req.slot == slot => Some(*req),
        _ => None,
    })
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn each_customer_opens_a_tab_and_the_one_on_screen_is_parked_whole() {
    let mut app = app();
    open(&mut app, 1);
    let first = app.view.as_ref().unwrap().id;
    // A selection and a revealed password on the first customer.
    app.view.as_mut().unwrap().focus = crate::app::Pane::Invoices;
    app.view.as_mut().unwrap().revealed = Some(0);
    open(&mut app, 2);
    assert_eq!(codes(&app), vec![1, 2]);
    assert_eq!(on_screen(&app), Some(2));
    let parked = view(&app, first).unwrap();
    assert_eq!(parked.focus, crate::app::Pane::Invoices, "kept as it was");
    assert_eq!(parked.revealed, None, "a password is shown only on screen");
    let labels = labels(&app);
    assert_eq!(
        labels,
        vec![
            TabLabel {
                name: "CLIENTE 1".into(),
                active: false,
                online: false
            },
            TabLabel {
                name: "CLIENTE 2".into(),
                active: true,
                online: false
            },
        ]
    );
}

#[test]
fn a_customer_already_open_comes_back_in_its_tab_without_a_read() {
    let mut app = app();
    open(&mut app, 1);
    let first = app.view.as_ref().unwrap().id;
    open(&mut app, 2);
    let fx = open(&mut app, 1);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.view.as_ref().unwrap().id, first);
    assert_eq!(codes(&app), vec![1, 2]);
    assert!(
        status(&app).contains("already open (tab 1)"),
        "{}",
        status(&app)
    );
}

#[test]
fn alt_digits_and_ctrl_arrows_switch_and_wrap_round() {
    let mut app = app();
    for code in 1..=3 {
        open(&mut app, code);
    }
    alt(&mut app, '1');
    assert_eq!(on_screen(&app), Some(1));
    key(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(on_screen(&app), Some(2));
    key(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    assert_eq!(on_screen(&app), Some(3), "wraps round");
    key(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(on_screen(&app), Some(1));
    alt(&mut app, '7');
    assert_eq!(on_screen(&app), Some(1));
    assert_eq!(status(&app), "No customer in tab 7");
    // Esc leaves for the search; the tabs stay and Alt-N brings one back
    // from the result list.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.tabs.len(), 3);
    app.search.focus.0 = SearchFocus::List;
    alt(&mut app, '3');
    assert_eq!(on_screen(&app), Some(3));
    // From the search screen Ctrl-→ brings back the customer left last.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    app.search.focus.0 = SearchFocus::List;
    key(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(on_screen(&app), Some(3));
}

#[test]
fn alt_digit_in_the_search_box_is_esc_then_the_digit_never_a_switch() {
    let mut app = app();
    open(&mut app, 1);
    open(&mut app, 2);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.search.focus.0, SearchFocus::Input);
    for c in "joao".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    // Esc and "1" typed within tmux's escape-time: Esc hides the history
    // list under the box, as it would alone, and the digit types.
    alt(&mut app, '1');
    assert_eq!(app.screen, Screen::Search, "no switch while typing");
    assert_eq!(app.search.input.value(), "joao1");
    // Again: this time Esc clears the box.
    alt(&mut app, '2');
    assert_eq!(app.search.input.value(), "2");
    for c in "34".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    assert_eq!(app.search.input.value(), "234");
    // Ctrl-arrows and Ctrl-W keep their editing meaning there.
    key(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!((app.screen, app.tabs.len()), (Screen::Search, 2));
}

#[test]
fn the_untouched_search_box_lets_the_tab_keys_switch() {
    let mut app = app();
    open(&mut app, 1);
    open(&mut app, 2);
    // Esc from a customer: the box is empty, nothing typed yet.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.search.focus.0, SearchFocus::Input);
    alt(&mut app, '1');
    assert_eq!(on_screen(&app), Some(1));
    // Its text selected, as Esc leaves it after a search: still untouched.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    app.search.input = "silva".into();
    app.search.selected_all = true;
    key(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(on_screen(&app), Some(1), "the customer left last");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    app.search.input = "silva".into();
    app.search.selected_all = true;
    alt(&mut app, '2');
    assert_eq!(on_screen(&app), Some(2));
    assert_eq!(app.search.input.value(), "silva", "nothing typed");
}

#[test]
fn ctrl_w_closes_the_tab_on_screen_and_the_one_left_last_comes_back() {
    let mut app = app();
    open(&mut app, 1);
    let one = app.view.as_ref().unwrap().id;
    open(&mut app, 2);
    open(&mut app, 3);
    alt(&mut app, '1');
    let fx = key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(fx, vec![Effect::Abort { view: one }]);
    assert_eq!(codes(&app), vec![2, 3]);
    assert_eq!(on_screen(&app), Some(3), "3 was left last");
    assert!(status(&app).contains("CLIENTE 1"), "{}", status(&app));
    key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert!(app.tabs.is_empty() && app.view.is_none());
    assert_eq!(app.screen, Screen::Search);
    assert_eq!(app.search.focus.0, SearchFocus::Input);
}

#[test]
fn the_tenth_customer_closes_the_tab_left_longest_ago_without_an_action_in_flight() {
    let mut app = app();
    for code in 1..=MAX_TABS as u64 {
        open(&mut app, code);
    }
    // Tab 1 was left longest ago, but an action waits on it.
    let busy = view(&app, app.tabs.ids()[0]).unwrap().id;
    app.pending.insert(
        crate::app::inflight::ActionKey {
            kind: crate::ops::actions::ActionKind::Disconnect,
            target: 100,
        },
        crate::app::actions::Pending {
            view: busy,
            target: Default::default(),
            opens_order: false,
        },
    );
    let second = app.tabs.ids()[1];
    let fx = open(&mut app, 10);
    assert!(fx.contains(&Effect::Abort { view: second }), "{fx:?}");
    assert_eq!(codes(&app), vec![1, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert_eq!(on_screen(&app), Some(10));
    let log: Vec<&str> = app.log.iter().map(|l| l.text.as_str()).collect();
    assert!(
        log.iter().any(|t| t.contains("closed CLIENTE 2's")),
        "{log:?}"
    );
    // Visiting tab 3 makes tab 4 the one left longest ago.
    alt(&mut app, '2');
    alt(&mut app, '9');
    open(&mut app, 11);
    assert_eq!(codes(&app), vec![1, 3, 5, 6, 7, 8, 9, 10, 11]);
}

#[test]
fn with_an_action_in_flight_on_every_tab_nothing_closes_and_it_says_why() {
    let mut app = app();
    for code in 1..=MAX_TABS as u64 {
        open(&mut app, code);
    }
    for (n, id) in app.tabs.ids().into_iter().enumerate() {
        app.pending.insert(
            crate::app::inflight::ActionKey {
                kind: crate::ops::actions::ActionKind::Disconnect,
                target: n as u64,
            },
            crate::app::actions::Pending {
                view: id,
                target: Default::default(),
                opens_order: false,
            },
        );
    }
    let fx = open(&mut app, 10);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.tabs.len(), MAX_TABS);
    assert_eq!(on_screen(&app), Some(9));
    assert!(status(&app).contains("Ctrl-W"), "{}", status(&app));
}

#[test]
fn reads_answer_their_own_tab_even_parked_and_a_closed_tab_drops_them() {
    let mut app = app();
    let fx = open(&mut app, 1);
    let first = app.view.as_ref().unwrap().id;
    let invoices_1 = fetch_of(&fx, Slot::Invoices).unwrap();
    let tickets_1 = fetch_of(&fx, Slot::Tickets).unwrap();
    // Esc parks it: nothing is aborted.
    let fx = key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(fx.is_empty(), "{fx:?}");
    let fx = open(&mut app, 2);
    let invoices_2 = fetch_of(&fx, Slot::Invoices).unwrap();
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: invoices_1,
            reply: Reply::Invoices(Ok(vec![Invoice::default(); 3])),
        },
    );
    assert_eq!(changed, Changed::Yes);
    let parked = view(&app, first).unwrap();
    assert_eq!(parked.invoices.data.as_ref().map(Vec::len), Some(3));
    let shown = app.view.as_ref().unwrap();
    assert!(shown.invoices.data.is_none() && shown.invoices.loading());
    update(
        &mut app,
        Msg::Fetched {
            req: invoices_2,
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
            .map(Vec::len),
        Some(1)
    );
    // Tab 1 closed: its late answer is dropped.
    alt(&mut app, '1');
    key(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    let (fx, changed) = update(
        &mut app,
        Msg::Fetched {
            req: tickets_1,
            reply: Reply::Tickets(Ok(vec![])),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(changed, Changed::No);
    assert_eq!(codes(&app), vec![2]);
}

#[test]
fn a_parked_tabs_watch_keeps_reading_and_rings_with_a_badge_on_its_tab() {
    let mut app = app();
    let fx = open(&mut app, 1);
    // The full record arrives, then `w` on its service.
    update(
        &mut app,
        Msg::Fetched {
            req: fetch_of(&fx, Slot::Customer).unwrap(),
            reply: Reply::Customers(Ok(vec![customer(1, "ANA")])),
        },
    );
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let first = app.view.as_ref().unwrap().id;
    assert!(!view(&app, first).unwrap().watch.is_empty());
    open(&mut app, 2);
    // Parked, its read still falls due.
    assert!(app.wake_at().is_some());
    app.instant += Duration::from_secs(5);
    let (fx, _) = update(&mut app, Msg::Tick);
    let read = fetch_of(&fx, Slot::Watch).expect("the parked tab's watch reads");
    assert_eq!(read.view, first);
    let mut online = customer(1, "ANA");
    online.servicos[0].ultima_conexao = Some(LastConnection {
        conectado: Some(true),
        ultima_conexao_datetime: ApiDate::parse("2026-03-16 09:10:09-03"),
        ultimo_ipv4: Some("189.90.0.1".into()),
        ..LastConnection::default()
    });
    let (fx, _) = update(
        &mut app,
        Msg::Fetched {
            req: read,
            reply: Reply::Customers(Ok(vec![online])),
        },
    );
    assert_eq!(fx, vec![Effect::Bell]);
    assert!(status(&app).starts_with("ANA:"), "{}", status(&app));
    let labels = labels(&app);
    assert!(labels[0].online && !labels[1].online);
    assert_eq!(
        on_screen(&app),
        Some(2),
        "the attendant stays where they are"
    );
}

#[test]
fn an_action_on_a_parked_customer_reads_its_tab_again() {
    let mut app = app();
    open(&mut app, 1);
    let first = app.view.as_ref().unwrap().id;
    open(&mut app, 2);
    let mut fx = Vec::new();
    crate::app::refresh_slot(&mut app, first, Slot::Tickets, &mut fx);
    let req = fetch_of(&fx, Slot::Tickets).unwrap();
    assert_eq!(req.view, first);
    assert!(view(&app, first).unwrap().tickets.loading());
}

#[test]
fn the_tab_keys_are_listed_in_the_help_and_rebindable() {
    let km = Keymap::default();
    let groups = km.help_groups();
    let global = &groups
        .iter()
        .find(|(c, _)| *c == Context::Global)
        .unwrap()
        .1;
    let keys: Vec<&str> = global.iter().map(|h| h.keys.as_str()).collect();
    for k in ["Alt-1…9", "Ctrl-→", "Ctrl-←", "Ctrl-W"] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    let overrides = BTreeMap::from([("close-tab".to_string(), vec!["F8".to_string()])]);
    let (km, warnings) = Keymap::new(&overrides, false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        super::super::keymap::keys_label(&km, Action::CloseTab),
        "F8"
    );
    let overrides = BTreeMap::from([("tab-2".to_string(), vec!["F9".to_string()])]);
    let (km, warnings) = Keymap::new(&overrides, false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(super::super::keymap::keys_label(&km, Action::Tab(2)), "F9");
}

#[test]
fn an_action_finishing_on_a_parked_customer_names_it_and_reads_its_tab_again() {
    let mut app = app();
    open(&mut app, 1);
    let first = app.view.as_ref().unwrap().id;
    // `d` on customer 1's service, confirmed deliberately.
    key(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    app.instant += crate::app::confirm::ARM_AFTER;
    key(&mut app, KeyCode::Right, KeyModifiers::NONE);
    app.instant += Duration::from_millis(120);
    let fx = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let submission = fx
        .iter()
        .find_map(|e| match e {
            Effect::Action { submission, .. } => Some(*submission),
            _ => None,
        })
        .expect("the disconnect is sent");
    // A chat: customer 2 opens; 1 is parked with its action in flight,
    // so the cap would never close it.
    open(&mut app, 2);
    let (fx, _) = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: crate::app::actions::ActionReply::Disconnect(Ok(Default::default())),
        },
    );
    assert!(status(&app).starts_with("CLIENTE 1:"), "{}", status(&app));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::RefreshLater { view, .. } if *view == first)),
        "{fx:?}"
    );
    assert_eq!(
        on_screen(&app),
        Some(2),
        "the attendant stays where they are"
    );
    assert!(app.overlay.is_none());
}
