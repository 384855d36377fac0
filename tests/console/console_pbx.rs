//! The PBX (issue 7): notify and missed-call keys (sent once, audited,
//! refused without an extension and in read-only mode), the PBX screen,
//! and screen pops (one match opens, several list, none says so, a pop
//! never destroys a form being typed). `update()` tests, snapshots at
//! 80x24 and 160x48, and the real runner against the simulator.

use crate::screen_kit;

use crossterm::event::KeyCode;
use hubdesk::api::{Customer, CustomerSearchBy, PbxCall};
use hubdesk::app::actions::{ActionReply, Overlay};
use hubdesk::app::confirm::ActionRequest;
use hubdesk::app::inflight::{ActionKey, ActionKind};
use hubdesk::app::tools::Tool;
use hubdesk::app::tools::pbx::PopOutcome;
use hubdesk::app::{App, Effect, Msg, Reply, Screen, SearchFocus, update};
use hubdesk::i18n::Lang;
use screen_kit::*;

fn with_ramal(lang: Lang) -> App {
    let mut app = app_in(lang);
    app.settings.ramal = Some("201".into());
    app
}

/// The documented customer, opened in the customer view.
fn open_customer(app: &mut App) -> Customer {
    let c = fixture_customers()[0].clone();
    hubdesk::app::open_customer(app, c.clone(), &mut Vec::new());
    assert_eq!(app.screen, Screen::Customer);
    c
}

fn pbx_calls(fx: &[Effect]) -> Vec<(ActionKind, PbxCall)> {
    action_requests(fx)
        .into_iter()
        .filter_map(|r| match r {
            ActionRequest::PbxNotify(c) => Some((ActionKind::PbxNotify, c)),
            ActionRequest::PbxMissed(c) => Some((ActionKind::PbxMissed, c)),
            _ => None,
        })
        .collect()
}

/// Answers the pending search with `list`.
fn answer_search(app: &mut App, req: hubdesk::app::ReqId, list: Vec<Customer>) -> Vec<Effect> {
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(list)),
        },
    )
    .0
}

/// A PBX key, then "Sim" on its confirmation: every write waits for a
/// deliberate answer (issue 13). Returns every effect.
fn confirmed(app: &mut App, c: char) -> Vec<Effect> {
    let mut fx = key(app, KeyCode::Char(c));
    fx.extend(yes(app));
    fx
}

fn customer(code: u64, name: &str) -> Customer {
    let mut c = fixture_customers()[0].clone();
    c.codigo_cliente = Some(code);
    c.nome_razaosocial = Some(name.into());
    c.nome_fantasia = None;
    c
}

#[test]
fn notify_sends_once_with_the_extension_code_and_a_mobile_phone() {
    let mut app = with_ramal(Lang::En);
    let c = open_customer(&mut app);
    // The key alone only asks: L starts many names.
    assert!(pbx_calls(&key(&mut app, KeyCode::Char('L'))).is_empty());
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Confirm: Call notification?"), "{shown}");
    let fx = yes(&mut app);
    let calls = pbx_calls(&fx);
    assert_eq!(calls.len(), 1, "{fx:?}");
    let (kind, call) = &calls[0];
    assert_eq!(*kind, ActionKind::PbxNotify);
    assert_eq!(call.ramal.as_deref(), Some("201"));
    assert_eq!(call.identificador_interno, None);
    assert_eq!(call.codigo_cliente, c.codigo_cliente);
    let mobile = c
        .phones()
        .into_iter()
        .find(|p| hubdesk::br::phone::parse(p).is_ok_and(|p| p.is_mobile()))
        .map(hubdesk::br::phone::normalize);
    assert!(mobile.is_some());
    assert_eq!(call.telefone, mobile);
    let body = call.notify_call().unwrap().body.unwrap();
    assert_eq!(body["ramal"], 201);
    // A second press while the first runs sends nothing; so does a held key.
    assert!(pbx_calls(&confirmed(&mut app, 'L')).is_empty());
    assert!(
        status_text(&app)
            .to_lowercase()
            .contains("call notification"),
        "{}",
        status_text(&app)
    );
    assert!(pbx_calls(&key_repeat(&mut app, KeyCode::Char('L'))).is_empty());
    let key_of = ActionKey::new(ActionKind::PbxNotify, c.codigo_cliente.unwrap());
    assert!(app.inflight.is_running(key_of));
}

#[test]
fn the_answer_is_shown_verbatim_and_another_call_can_be_notified_after_it() {
    let mut app = with_ramal(Lang::PtBr);
    open_customer(&mut app);
    let fx = confirmed(&mut app, 'L');
    let Some(Effect::Action { submission, .. }) =
        fx.iter().find(|e| matches!(e, Effect::Action { .. }))
    else {
        panic!("{fx:?}");
    };
    let ok = hubdesk::api::ActionResponse {
        msg: Some("Ligação notificada com sucesso".into()),
    };
    update(
        &mut app,
        Msg::ActionDone {
            submission: *submission,
            reply: ActionReply::Plain(Ok(ok)),
        },
    );
    assert!(status_text(&app).contains("Ligação notificada com sucesso"));
    // Done: the next call of the same customer is a new notification.
    assert_eq!(pbx_calls(&confirmed(&mut app, 'L')).len(), 1);
}

#[test]
fn a_refusal_shows_the_server_message_verbatim() {
    let mut app = with_ramal(Lang::PtBr);
    open_customer(&mut app);
    let fx = confirmed(&mut app, 'M');
    let Some(Effect::Action { submission, .. }) =
        fx.iter().find(|e| matches!(e, Effect::Action { .. }))
    else {
        panic!("{fx:?}");
    };
    assert_eq!(pbx_calls(&fx)[0].0, ActionKind::PbxMissed);
    update(
        &mut app,
        Msg::ActionDone {
            submission: *submission,
            reply: ActionReply::Plain(Err(hubdesk::api::ApiError::Refused {
                route: "pbx/ligacao/cancelar",
                msg: "Ramal 201 não encontrado".into(),
                errors: vec![],
            })),
        },
    );
    assert!(
        status_text(&app).contains("Ramal 201 não encontrado"),
        "{}",
        status_text(&app)
    );
}

#[test]
fn an_internal_id_works_without_an_extension() {
    let mut app = app_in(Lang::En);
    app.settings.internal_id = Some("ATD-7".into());
    open_customer(&mut app);
    let calls = pbx_calls(&confirmed(&mut app, 'M'));
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].1.identificador_interno.as_deref(), Some("ATD-7"));
    assert_eq!(calls[0].1.ramal, None);
}

#[test]
fn without_an_extension_the_keys_say_how_to_configure_one() {
    let mut app = app_in(Lang::En);
    open_customer(&mut app);
    for k in ['L', 'M'] {
        let fx = key(&mut app, KeyCode::Char(k));
        assert!(pbx_calls(&fx).is_empty(), "{fx:?}");
        let s = status_text(&app);
        assert!(
            s.contains("ramal = ") && s.contains("internal_id = "),
            "{s}"
        );
        assert!(s.contains("[profiles.provedor-teste]"), "{s}");
        // The whole sentence, which the status line would cut, in a notice.
        assert!(matches!(&app.overlay, Some(Overlay::Notice { text, .. }) if *text == s));
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("internal_id"), "{shown}");
        key(&mut app, KeyCode::Esc);
        assert!(app.overlay.is_none());
    }
    assert!(!app.inflight.any_running());
}

#[test]
fn read_only_refuses_the_pbx_keys() {
    let mut app = app_with(Lang::En, true);
    app.settings.ramal = Some("201".into());
    open_customer(&mut app);
    assert!(pbx_calls(&key(&mut app, KeyCode::Char('L'))).is_empty());
    assert!(pbx_calls(&key(&mut app, KeyCode::Char('M'))).is_empty());
    // Reached by another path, the send is refused too.
    hubdesk::app::tools::pbx::send(&mut app, hubdesk::app::keymap::Action::PbxNotify);
    assert!(app.overlay.is_none());
    // The same sentence as the command line's (one core, pinned there too).
    assert!(
        status_text(&app).contains(hubdesk::ops::actions::read_only_refusal(Lang::En)),
        "{}",
        status_text(&app)
    );
    // And the PBX screen offers no notify key.
    key(&mut app, KeyCode::Char('X'));
    assert!(pbx_calls(&key(&mut app, KeyCode::Char('L'))).is_empty());
    assert!(!screen(&mut app, 80, 24).contains("notifies"));
}

#[test]
fn the_pbx_screen_notifies_for_the_customer_behind_it() {
    let mut app = with_ramal(Lang::En);
    open_customer(&mut app);
    key(&mut app, KeyCode::Char('X'));
    assert_eq!(app.screen, Screen::Tool(Tool::Pbx));
    let fx = confirmed(&mut app, 'L');
    assert_eq!(pbx_calls(&fx).len(), 1);
    assert!(pbx_calls(&key_repeat(&mut app, KeyCode::Char('M'))).is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Customer);
}

#[test]
fn without_a_customer_notify_asks_for_one() {
    let mut app = with_ramal(Lang::En);
    leave_search_field(&mut app);
    key(&mut app, KeyCode::Char('X'));
    let fx = key(&mut app, KeyCode::Char('L'));
    assert!(pbx_calls(&fx).is_empty());
    assert!(status_text(&app).contains("Open a customer"));
}

#[test]
fn pbx_screen_snapshots() {
    let mut app = with_ramal(Lang::PtBr);
    app.settings.screen_pop = Some("/run/user/1000/hubdesk/provedor-teste.sock".into());
    open_customer(&mut app);
    // Three calls: one opened a customer, one found several, one nobody.
    for (phone, list) in [
        ("3732222222", vec![]),
        (
            "37988887777",
            vec![customer(10, "ANA"), customer(11, "BRUNO")],
        ),
        ("+55 (37) 99909-1234", vec![fixture_customers()[0].clone()]),
    ] {
        app.now += chrono::Duration::seconds(75);
        let fx = update(&mut app, Msg::ScreenPop(phone.into())).0;
        let (req, _) = search_fetches(&fx)[0].clone();
        answer_search(&mut app, req, list);
    }
    key(&mut app, KeyCode::Char('X'));
    insta::assert_snapshot!("pbx_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("pbx_160x48", screen(&mut app, 160, 48));
    // Nothing configured, nothing listening, no customer, no call.
    let mut app = app_in(Lang::PtBr);
    leave_search_field(&mut app);
    key(&mut app, KeyCode::Char('X'));
    insta::assert_snapshot!("pbx_unconfigured_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_pop_with_one_match_opens_the_customer() {
    let mut app = with_ramal(Lang::En);
    leave_search_field(&mut app);
    key(&mut app, KeyCode::Char('F')); // on another screen
    let fx = update(&mut app, Msg::ScreenPop("+55 (37) 99909-1234".into())).0;
    let searches = search_fetches(&fx);
    assert_eq!(searches.len(), 1, "{fx:?}");
    let (req, params) = searches[0].clone();
    assert_eq!(params.by, CustomerSearchBy::Phone);
    assert_eq!(params.term, "37999091234");
    let c = fixture_customers()[0].clone();
    answer_search(&mut app, req, vec![c.clone()]);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().code, c.codigo_cliente.unwrap());
    let pop = &app.tools.pbx.pops[0];
    assert!(
        matches!(pop.outcome, PopOutcome::Opened { code, .. } if Some(code) == c.codigo_cliente)
    );
    assert!(
        status_text(&app).contains("(37) 99909-1234"),
        "{}",
        status_text(&app)
    );
    // Notify now sends the phone that called.
    let calls = pbx_calls(&confirmed(&mut app, 'L'));
    assert_eq!(calls[0].1.telefone.as_deref(), Some("37999091234"));
}

#[test]
fn a_pop_from_a_tickets_contact_selects_that_service() {
    let mut app = with_ramal(Lang::En);
    leave_search_field(&mut app);
    let fx = update(&mut app, Msg::ScreenPop("(37) 98888-7777".into())).0;
    let (req, _) = search_fetches(&fx)[0].clone();
    // A company with two services; the caller is the contact of an open
    // ticket about the second one.
    let mut c = fixture_customers()[0].clone();
    let mut second = c.servicos[0].clone();
    second.id_cliente_servico = Some(99_002);
    second.login = Some("filial.centro".into());
    c.servicos.push(second);
    let fx = answer_search(&mut app, req, vec![c]);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().service, 0);
    let req = fx
        .iter()
        .find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == hubdesk::app::Slot::Tickets => Some(*req),
            _ => None,
        })
        .expect("the tickets are read");
    let ticket = hubdesk::api::Ticket {
        id_atendimento: Some(1),
        id_cliente_servico: Some(99_002),
        telefone_contato: Some("37988887777".into()),
        ..Default::default()
    };
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Tickets(Ok(vec![ticket])),
        },
    );
    let view = app.view.as_ref().unwrap();
    assert_eq!(
        view.selected_service().and_then(|s| s.id_cliente_servico),
        Some(99_002)
    );
}

#[test]
fn a_pop_with_several_matches_lists_them_in_the_search() {
    let mut app = with_ramal(Lang::En);
    open_customer(&mut app);
    let fx = update(&mut app, Msg::ScreenPop("37988887777".into())).0;
    let (req, _) = search_fetches(&fx)[0].clone();
    let fx = answer_search(
        &mut app,
        req,
        vec![customer(10, "ANA"), customer(11, "BRUNO")],
    );
    // The customer on screen keeps its tab, reads and all (issue 18).
    assert!(!fx.iter().any(|e| matches!(e, Effect::Abort { .. })));
    assert_eq!(app.screen, Screen::Search);
    assert!(app.view.is_none());
    assert_eq!(app.tabs.len(), 1);
    assert_eq!(app.search.focus.0, SearchFocus::List);
    assert_eq!(app.search.results.data.as_ref().unwrap().len(), 2);
    assert_eq!(app.tools.pbx.pops[0].outcome, PopOutcome::Matches(2));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("ANA") && s.contains("BRUNO"), "{s}");
    assert!(s.contains("(37) 98888-7777"), "{s}");
}

#[test]
fn a_pop_with_no_match_says_so_and_stays_put() {
    let mut app = with_ramal(Lang::En);
    let c = open_customer(&mut app);
    let fx = update(&mut app, Msg::ScreenPop("3732222222".into())).0;
    let (req, _) = search_fetches(&fx)[0].clone();
    answer_search(&mut app, req, vec![]);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().code, c.codigo_cliente.unwrap());
    assert_eq!(app.tools.pbx.pops[0].outcome, PopOutcome::NoMatch);
    assert!(
        status_text(&app).contains("no customer"),
        "{}",
        status_text(&app)
    );
}

#[test]
fn a_pop_during_a_form_waits_and_keeps_what_was_typed() {
    let mut app = with_ramal(Lang::En);
    open_customer(&mut app);
    key(&mut app, KeyCode::Char('t'));
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    type_text(&mut app, "Sem internet desde ontem");
    let fx = update(&mut app, Msg::ScreenPop("37988887777".into())).0;
    assert!(fx.is_empty(), "{fx:?}");
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the form is gone");
    };
    let typed: Vec<String> = form
        .form()
        .fields()
        .iter()
        .map(|f| f.value().to_owned())
        .collect();
    assert!(
        typed.iter().any(|v| v == "Sem internet desde ontem"),
        "{typed:?}"
    );
    assert_eq!(app.tools.pbx.pops[0].outcome, PopOutcome::Waiting);
    assert!(
        status_text(&app).contains("X then Enter"),
        "{}",
        status_text(&app)
    );
    // Keys still go to the form.
    type_text(&mut app, "!");
    // Done with the form: X shows the waiting call, Enter runs it.
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    key(&mut app, KeyCode::Char('X'));
    assert!(screen(&mut app, 80, 24).contains("waiting"));
    let fx = key(&mut app, KeyCode::Enter);
    let (req, params) = search_fetches(&fx)[0].clone();
    assert_eq!(params.term, "37988887777");
    answer_search(&mut app, req, vec![customer(10, "ANA")]);
    assert_eq!(app.view.as_ref().unwrap().code, 10);
}

#[test]
fn an_answer_that_arrives_over_a_form_waits_too() {
    let mut app = with_ramal(Lang::En);
    let c = open_customer(&mut app);
    let fx = update(&mut app, Msg::ScreenPop("37988887777".into())).0;
    let (req, _) = search_fetches(&fx)[0].clone();
    // The pop's search went out while the customer view was on screen;
    // the attendant reopens the customer and starts a ticket.
    hubdesk::app::open_customer(&mut app, c, &mut Vec::new());
    key(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "abc");
    answer_search(&mut app, req, vec![customer(10, "ANA")]);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    assert_ne!(app.view.as_ref().unwrap().code, 10);
    assert_eq!(app.tools.pbx.pops[0].outcome, PopOutcome::Waiting);
}

#[test]
fn a_search_typed_before_the_pop_answers_replaces_it() {
    let mut app = with_ramal(Lang::En);
    let fx = update(&mut app, Msg::ScreenPop("37988887777".into())).0;
    let (pop_req, _) = search_fetches(&fx)[0].clone();
    app.search.focus.0 = SearchFocus::Input;
    app.search.input = tui_input::Input::default();
    type_text(&mut app, "maria");
    let fx = key(&mut app, KeyCode::Enter);
    let (own, _) = search_fetches(&fx)[0].clone();
    // The pop's late answer is dropped; the attendant's search wins.
    answer_search(&mut app, pop_req, vec![customer(10, "ANA")]);
    answer_search(
        &mut app,
        own,
        vec![customer(20, "MARIA"), customer(21, "MARIANA")],
    );
    assert_eq!(app.tools.pbx.pops[0].outcome, PopOutcome::Replaced);
    assert!(app.view.is_none());
}

#[test]
fn a_pop_without_digits_is_ignored() {
    let mut app = with_ramal(Lang::En);
    let (fx, changed) = update(&mut app, Msg::ScreenPop("anonymous".into()));
    assert!(fx.is_empty());
    assert_eq!(changed, hubdesk::app::Changed::No);
    assert!(app.tools.pbx.pops.is_empty());
}

#[test]
fn the_palette_opens_the_pbx_screen() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    type_text(&mut app, "pbx");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Tool(Tool::Pbx));
}

// ---- against the simulator ------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_and_missed_reach_the_simulator_exactly_once_and_are_audited() {
    let mut c = SimConsole::new(|s| s.ramal = Some("201".into()));
    c.open("1000").await;
    let code = c.app.view.as_ref().unwrap().code;
    // A double press and a held key: one request each.
    c.key(KeyCode::Char('L'));
    c.yes();
    c.key(KeyCode::Char('L'));
    c.yes();
    c.apply(Msg::Key({
        let mut k = crossterm::event::KeyEvent::from(KeyCode::Char('L'));
        k.kind = crossterm::event::KeyEventKind::Repeat;
        k
    }));
    let notify = ActionKey::new(ActionKind::PbxNotify, code);
    c.until("the notification", |a| !a.inflight.is_running(notify))
        .await;
    assert!(
        status_text(&c.app).contains("Ligação notificada com sucesso"),
        "{}",
        status_text(&c.app)
    );
    c.key(KeyCode::Char('M'));
    c.yes();
    let missed = ActionKey::new(ActionKind::PbxMissed, code);
    c.until("the missed call", |a| !a.inflight.is_running(missed))
        .await;
    let counters = c.sim.counters();
    assert_eq!(counters.get_for("pbx_notify", 201), 1);
    assert_eq!(counters.get_for("pbx_cancel", 201), 1);
    assert_eq!(counters.requests("pbx/ligacao/notificar"), 1);
    let audit = hubdesk::audit::read_latest(&c.audit, 20).unwrap();
    let actions: Vec<(&str, hubdesk::audit::Phase)> = audit
        .iter()
        .map(|e| (e.attempt.action.as_str(), e.phase))
        .collect();
    use hubdesk::audit::Phase::{Attempt, Outcome};
    assert_eq!(
        actions,
        vec![
            ("pbx_notify", Attempt),
            ("pbx_notify", Outcome),
            ("pbx_cancel", Attempt),
            ("pbx_cancel", Outcome)
        ]
    );
    assert!(audit.iter().all(|e| e.attempt.customer == Some(code)));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screen_pop_opens_the_simulator_customer_with_that_phone() {
    let mut c = SimConsole::new(|s| s.ramal = Some("201".into()));
    // Find a customer whose mobile no one else has.
    let mut found = None;
    for code in 1000..1020u64 {
        c.app.search.input = tui_input::Input::default();
        c.app.search.focus.0 = SearchFocus::Input;
        c.app.search.forced = None;
        c.open(&code.to_string()).await;
        let phone = c
            .app
            .view
            .as_ref()
            .unwrap()
            .customer
            .data
            .as_ref()
            .unwrap()
            .phones()
            .first()
            .map(|p| hubdesk::br::phone::normalize(p))
            .unwrap();
        c.key(KeyCode::Esc);
        c.apply(Msg::ScreenPop(format!("+55{phone}")));
        c.until("the pop's answer", |a| {
            !matches!(a.tools.pbx.pops[0].outcome, PopOutcome::Searching)
        })
        .await;
        if matches!(c.app.tools.pbx.pops[0].outcome, PopOutcome::Opened { .. }) {
            found = Some((code, phone));
            break;
        }
        // A shared phone lists its customers instead.
        assert!(
            matches!(c.app.tools.pbx.pops[0].outcome, PopOutcome::Matches(n) if n > 1),
            "{:?}",
            c.app.tools.pbx.pops[0]
        );
        assert_eq!(c.app.screen, Screen::Search);
    }
    let (code, phone) = found.expect("a customer with a phone of their own");
    assert_eq!(c.app.screen, Screen::Customer);
    assert_eq!(c.app.view.as_ref().unwrap().code, code);
    assert!(
        matches!(c.app.tools.pbx.pops[0].outcome, PopOutcome::Opened { code: opened, .. } if opened == code)
    );
    // Notify sends the phone that called.
    c.key(KeyCode::Char('L'));
    c.yes();
    let key = ActionKey::new(ActionKind::PbxNotify, code);
    c.until("the notification", |a| !a.inflight.is_running(key))
        .await;
    let records = c.sim.records();
    let last = records.last().unwrap();
    assert_eq!(last.kind, "pbx_notify");
    assert_eq!(last.detail["telefone"], phone.parse::<u64>().unwrap());
    assert_eq!(last.detail["codigo_cliente"], code);
    c.sim.shutdown();
}
