//! The effect runner and the state machine together against the embedded
//! simulator: real requests, real answers, cancellation of a closed view.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, CustomerSearch, CustomerSearchBy, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{
    App, Effect, Msg, Reply, ReqId, Request, SEARCH_VIEW, Screen, Settings, Slot, update,
};
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, SimConfig, SimHandle, start};
use tokio::sync::mpsc;
use tokio::time::timeout;

const DEADLINE: Duration = Duration::from_secs(15);

fn client(sim: &SimHandle) -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let creds = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.into(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.into(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap()
}

fn search(term: &str) -> Request {
    let mut p = CustomerSearch::new(CustomerSearchBy::Name, term);
    p.limit = Some(100);
    Request::Search(p)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_console_loads_a_customer_from_the_simulator() {
    let sim = start(SimConfig::default()).unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
    let run = |app: &mut App, msg: Msg, runner: &mut Runner| {
        for e in update(app, msg).0 {
            runner.run(e);
        }
    };
    for c in "silva".chars() {
        run(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            &mut runner,
        );
    }
    run(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        &mut runner,
    );
    let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
    run(&mut app, msg, &mut runner);
    let found = app.search.results.data.as_ref().expect("results");
    assert!(found.len() > 1, "the demo data has many Silvas");
    run(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        &mut runner,
    );
    assert_eq!(app.screen, Screen::Customer);
    while app.view.as_ref().unwrap().loading() {
        let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
        run(&mut app, msg, &mut runner);
    }
    let view = app.view.as_ref().unwrap();
    for (name, error) in [
        ("customer", &view.customer.error),
        ("invoices", &view.invoices.error),
        ("tickets", &view.tickets.error),
        ("orders", &view.orders.error),
        ("connections", &view.connections.error),
    ] {
        assert_eq!(error, &None, "{name}");
    }
    let customer = view.customer.data.as_ref().unwrap();
    assert!(!customer.servicos.is_empty());
    // The full record carries the last connection (ultima_conexao=sim).
    assert!(customer.servicos.iter().any(|s| s.ultima_conexao.is_some()));
    assert!(view.invoices.data.is_some());
    assert!(view.connections.data.is_some());
    sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aborting_a_view_stops_its_requests_and_spares_the_others() {
    let sim = start(SimConfig::default()).unwrap();
    sim.set_faults(Faults {
        latency_ms: 600,
        ..Faults::default()
    });
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let closed = ReqId {
        view: 7,
        slot: Slot::Customer,
        seq: 1,
    };
    let kept = ReqId {
        view: SEARCH_VIEW,
        slot: Slot::Search,
        seq: 2,
    };
    runner.run(Effect::Fetch {
        req: closed,
        request: search("silva"),
    });
    runner.run(Effect::Fetch {
        req: kept,
        request: search("silva"),
    });
    assert_eq!(runner.in_flight(), 2);
    runner.run(Effect::Abort { view: 7 });
    assert_eq!(runner.in_flight(), 1);
    // The surviving request answers; the aborted one never does, although
    // both were sent at the same time to the same slow server.
    match timeout(DEADLINE, rx.recv()).await.unwrap().unwrap() {
        Msg::Fetched { req, reply } => {
            assert_eq!(req, kept);
            assert!(matches!(reply, Reply::Customers(Ok(ref v)) if !v.is_empty()));
        }
        other => panic!("{other:?}"),
    }
    let late = timeout(Duration::from_millis(1500), rx.recv()).await;
    assert!(late.is_err(), "an aborted request answered: {late:?}");
    sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_fetch_for_the_same_slot_replaces_the_old_one() {
    let sim = start(SimConfig::default()).unwrap();
    sim.set_faults(Faults {
        latency_ms: 400,
        ..Faults::default()
    });
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let first = ReqId {
        view: SEARCH_VIEW,
        slot: Slot::Search,
        seq: 1,
    };
    let second = ReqId { seq: 2, ..first };
    runner.run(Effect::Fetch {
        req: first,
        request: search("silva"),
    });
    runner.run(Effect::Fetch {
        req: second,
        request: search("souza"),
    });
    assert_eq!(runner.in_flight(), 1);
    match timeout(DEADLINE, rx.recv()).await.unwrap().unwrap() {
        Msg::Fetched { req, .. } => assert_eq!(req, second),
        other => panic!("{other:?}"),
    }
    assert!(
        timeout(Duration::from_millis(1000), rx.recv())
            .await
            .is_err()
    );
    sim.shutdown();
}

/// Polls `cond` until it holds, within [`DEADLINE`].
async fn until(what: &str, mut cond: impl FnMut() -> bool) {
    let end = tokio::time::Instant::now() + DEADLINE;
    while !cond() {
        assert!(
            tokio::time::Instant::now() < end,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn grants(sim: &SimHandle) -> u64 {
    sim.counters().requests("oauth/token")
}

/// Sends one search through `runner` and returns its answer.
async fn one_search(runner: &mut Runner, rx: &mut mpsc::UnboundedReceiver<Msg>) -> Reply {
    let req = ReqId {
        view: SEARCH_VIEW,
        slot: Slot::Search,
        seq: 1,
    };
    runner.run(Effect::Fetch {
        req,
        request: search("silva"),
    });
    match timeout(DEADLINE, rx.recv()).await.unwrap().unwrap() {
        Msg::Fetched { req: r, reply } if r == req => reply,
        other => panic!("{other:?}"),
    }
}

fn console_options(client: Client) -> hubdesk::console::ConsoleOptions {
    hubdesk::console::ConsoleOptions {
        client: client.into(),
        settings: Settings {
            demo: true,
            profile: "demo".into(),
            ..Settings::default()
        },
        key_overrides: BTreeMap::new(),
        first_frame: None,
        typeahead: false,
        screen_pop: None,
        warnings: Vec::new(),
        audit_file: None,
        audit_sink: Default::default(),
    }
}

// Issue 16: the token is granted while the attendant types, not at the
// first search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_obtains_its_token_at_start_up() {
    let sim = start(SimConfig::default()).unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let console = hubdesk::console::Console::new(console_options(client(&sim)), tx);
    // The request is counted when it arrives, the grant when it is
    // answered: wait for both.
    until("the grant at start-up", || {
        grants(&sim) == 1 && sim.counters().get("token") == 1
    })
    .await;
    assert_eq!(grants(&sim), 1, "one grant");
    assert_eq!(sim.counters().requests("cliente"), 0, "no key was pressed");
    assert!(rx.try_recv().is_err(), "the grant shows nothing");
    drop(console);
    sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_search_uses_the_token_granted_ahead_and_renewals_run_in_the_background() {
    // Four-second tokens: each is renewed at half its usable life (1.8 s),
    // in the background, while nothing else is sent.
    let sim = start(SimConfig {
        token_ttl: Duration::from_secs(4),
        ..SimConfig::default()
    })
    .unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    runner.keep_token_fresh();
    until("the grant ahead of need", || grants(&sim) == 1).await;
    assert_eq!(runner.in_flight(), 0, "the keeper is not a request");
    let reply = one_search(&mut runner, &mut rx).await;
    assert!(matches!(reply, Reply::Customers(Ok(ref v)) if !v.is_empty()));
    assert_eq!(grants(&sim), 1, "the search sent no grant of its own");
    until("two renewals ahead of need", || grants(&sim) >= 3).await;
    assert_eq!(
        sim.counters().get("token"),
        grants(&sim),
        "every grant granted"
    );
    assert_eq!(sim.counters().requests("cliente"), 1, "only the one search");
    assert!(rx.try_recv().is_err(), "renewals show nothing");
    // The renewed token is the one requests use, and it is accepted.
    let reply = one_search(&mut runner, &mut rx).await;
    assert!(matches!(reply, Reply::Customers(Ok(ref v)) if !v.is_empty()));
    runner.abort_all();
    sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_grant_ahead_of_need_is_tried_once_and_then_by_the_next_request() {
    let sim = start(SimConfig::default()).unwrap();
    sim.set_faults(Faults {
        routes: vec!["oauth/token".into()],
        error_500_rate: 1.0,
        ..Faults::default()
    });
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    runner.keep_token_fresh();
    until("the grant ahead of need", || grants(&sim) == 1).await;
    assert_eq!(sim.counters().get("token"), 0, "refused");
    assert!(rx.try_recv().is_err(), "no error before the attendant asks");
    sim.set_faults(Faults::default());
    // Not tried again by the keeper: the search grants, once, and the keeper
    // goes on from that token.
    let reply = one_search(&mut runner, &mut rx).await;
    assert!(matches!(reply, Reply::Customers(Ok(ref v)) if !v.is_empty()));
    assert_eq!(grants(&sim), 2, "one attempt ahead, one by the search");
    assert_eq!(sim.counters().get("token"), 1);
    runner.abort_all();
    sim.shutdown();
}

/// The CPF/CNPJ of a simulator customer who is alone with it and has a
/// login (looked up with a client of its own).
async fn a_lone_document(sim: &SimHandle) -> (u64, String) {
    let c = client(sim);
    for code in 1010u64.. {
        let found = c
            .search_customers(&CustomerSearch::new(
                CustomerSearchBy::Code,
                code.to_string(),
            ))
            .await
            .unwrap();
        let Some(doc) = found.first().and_then(|c| c.cpf_cnpj.clone()) else {
            continue;
        };
        let has_login = found[0]
            .servicos
            .iter()
            .any(|s| s.login.as_deref().is_some_and(|l| !l.is_empty()));
        let by_doc = c
            .search_customers(&CustomerSearch::new(CustomerSearchBy::Document, &doc))
            .await
            .unwrap();
        if has_login && by_doc.len() == 1 {
            return (code, doc);
        }
    }
    unreachable!()
}

/// `update()` plus the runner, fed until nothing the screen waits for is
/// pending.
async fn settle(app: &mut App, runner: &mut Runner, rx: &mut mpsc::UnboundedReceiver<Msg>) {
    while app.search.results.loading() || app.view.as_ref().is_some_and(|v| v.loading()) {
        let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
        for e in update(app, msg).0 {
            runner.run(e);
        }
    }
}

fn type_and_enter(app: &mut App, runner: &mut Runner, text: &str) {
    let keys = text
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Enter])
        .map(|k| Msg::Key(KeyEvent::new(k, KeyModifiers::NONE)));
    for msg in keys {
        for e in update(app, msg).0 {
            runner.run(e);
        }
    }
}

/// Requests per route since `before`.
fn sent_since(sim: &SimHandle, before: &BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    sim.counters()
        .requests
        .into_iter()
        .map(|(route, n)| {
            let was = before.get(&route).copied().unwrap_or(0);
            (route, n - was)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

// Issue 16: Enter on a CPF that one customer has sends exactly one search,
// the three lists keyed by that CPF, and the connection history of the
// login the search brought; the token was granted at start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_on_a_cpf_sends_one_search_three_lists_and_one_history_and_nothing_twice() {
    let sim = start(SimConfig::default()).unwrap();
    let (code, doc) = a_lone_document(&sim).await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let before = sim.counters().requests;
    runner.keep_token_fresh();
    until("the grant at start", || {
        grants(&sim) == before["oauth/token"] + 1
    })
    .await;
    let before = sim.counters().requests;
    let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
    type_and_enter(&mut app, &mut runner, &doc);
    settle(&mut app, &mut runner, &mut rx).await;
    assert_eq!(app.screen, Screen::Customer, "one match opens by itself");
    let expected: BTreeMap<String, u64> = [
        "cliente",
        "cliente/financeiro",
        "cliente/atendimento",
        "cliente/ordem_servico",
        "cliente/extrato_conexao",
    ]
    .into_iter()
    .map(|r| (r.to_owned(), 1))
    .collect();
    assert_eq!(sent_since(&sim, &before), expected);
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.code, code);
    for (pane, error) in [
        ("customer", &view.customer.error),
        ("invoices", &view.invoices.error),
        ("tickets", &view.tickets.error),
        ("orders", &view.orders.error),
        ("connections", &view.connections.error),
    ] {
        assert_eq!(error, &None, "{pane}");
    }
    let customer = view.customer.data.as_ref().unwrap();
    assert!(
        customer.servicos.iter().any(|s| s.ultima_conexao.is_some()),
        "the search brought the last connection"
    );
    assert!(view.invoices.data.is_some() && view.tickets.data.is_some());
    assert!(view.orders.data.is_some() && view.connections.data.is_some());
    // Every list is this customer's, as the key promised.
    let owners = view
        .invoices
        .data
        .iter()
        .flatten()
        .map(|i| i.cliente.as_ref().and_then(|c| c.codigo_cliente))
        .chain(
            view.tickets
                .data
                .iter()
                .flatten()
                .map(|t| t.cliente.as_ref().and_then(|c| c.codigo_cliente)),
        );
    for owner in owners {
        assert_eq!(owner, Some(code));
    }

    // The same by customer code, from the same console (the token held),
    // its tab closed first (Ctrl-W): an open tab would just come back.
    for e in update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)),
    )
    .0
    {
        runner.run(e);
    }
    let before = sim.counters().requests;
    type_and_enter(&mut app, &mut runner, &code.to_string());
    settle(&mut app, &mut runner, &mut rx).await;
    assert_eq!(app.view.as_ref().map(|v| v.code), Some(code));
    assert_eq!(sent_since(&sim, &before), expected);
    runner.abort_all();
    sim.shutdown();
}

// The simulator takes the record routes keyed by CPF/CNPJ as HubSoft does
// (ENDPOINTS.md §5, §10, §14): the same records as by code for a customer
// alone with the CPF, the CPF masked or bare; a CPF nobody has finds none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_simulator_answers_the_record_routes_by_cpf_as_by_code() {
    use hubdesk::api::CustomerKey;
    let sim = start(SimConfig::default()).unwrap();
    let (code, doc) = a_lone_document(&sim).await;
    let c = client(&sim);
    let lists = |key: CustomerKey| {
        let c = c.clone();
        async move {
            let mut i = key.invoices();
            i.only_pending = Some(false);
            let mut t = key.tickets();
            t.only_open = Some(false);
            let o = key.orders();
            (
                format!("{:?}", c.customer_invoices(&i).await.unwrap()),
                format!("{:?}", c.customer_tickets(&t).await.unwrap()),
                format!("{:?}", c.service_orders(&o).await.unwrap()),
            )
        }
    };
    let by_code = lists(CustomerKey::Code(code)).await;
    assert!(by_code.0.len() > 2, "the customer has invoices");
    assert_eq!(lists(CustomerKey::Document(doc.clone())).await, by_code);
    let masked = match doc.len() {
        11 => format!("{}.{}.{}-{}", &doc[..3], &doc[3..6], &doc[6..9], &doc[9..]),
        _ => doc.clone(),
    };
    assert_eq!(lists(CustomerKey::Document(masked)).await, by_code);
    let nobody = "12345678909";
    assert!(
        c.search_customers(&CustomerSearch::new(CustomerSearchBy::Document, nobody))
            .await
            .unwrap()
            .is_empty()
    );
    let none = lists(CustomerKey::Document(nobody.into())).await;
    assert_eq!(none, ("[]".into(), "[]".into(), "[]".into()));
    sim.shutdown();
}

// A CPF nobody has: the search answers first and empty; the lists asked
// with it, still on their way, are aborted and never reach the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cpf_nobody_has_aborts_the_lists_sent_with_the_search() {
    let sim = start(SimConfig::default()).unwrap();
    let slow: BTreeMap<String, u64> = [
        "cliente/financeiro",
        "cliente/atendimento",
        "cliente/ordem_servico",
    ]
    .into_iter()
    .map(|r| (r.to_owned(), 800))
    .collect();
    let mut faults = Faults {
        route_latency_ms: slow,
        ..Faults::default()
    };
    // Asked after the lists and held twice as long: once it is answered,
    // a list that was not aborted would have answered too.
    faults.route_latency_ms.insert("rede/pop".into(), 1600);
    sim.set_faults(faults);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = Runner::new(client(&sim), tx);
    let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
    type_and_enter(&mut app, &mut runner, "123.456.789-09");
    // The search may already be back; its three lists are on their way.
    let sent = runner.in_flight();
    assert!(
        (3..=4).contains(&sent),
        "the search and its three lists: {sent}"
    );
    let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
    assert!(
        matches!(&msg, Msg::Fetched { req, reply: Reply::Customers(Ok(v)) }
            if req.view == SEARCH_VIEW && v.is_empty()),
        "{msg:?}"
    );
    // The search's task ends just after sending its answer.
    until("the search's task to end", || runner.in_flight() == 3).await;
    for e in update(&mut app, msg).0 {
        runner.run(e);
    }
    assert_eq!(runner.in_flight(), 0, "the lists were aborted");
    assert!(app.view.is_none() && app.search.prefetch.is_none());
    client(&sim).network_pops().await.unwrap();
    let late = rx.try_recv();
    assert!(late.is_err(), "an aborted list answered: {late:?}");
    sim.shutdown();
}
