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
