//! Instant type-ahead (issue 8) through the real runner and the real UI:
//! the index is fetched from the embedded simulator (`cliente/all`) and
//! built by the runner, typing shows its matches, and the search screen is
//! snapshotted at 80x24 and 160x48.
//!
//! The simulator's data is deterministic (fixed seed and "today"), the
//! clock is fixed and no status message is set, so no insta filter is
//! needed.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{ApiError, Client, ClientConfig, Credentials, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::{ClientSource, Runner};
use hubdesk::app::typeahead::{self, IndexState};
use hubdesk::app::{App, Effect, Msg, SearchFocus, Settings, update};
use hubdesk::i18n::Lang;
use hubdesk::index::CustomerIndex;
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, SimConfig, SimHandle, start};
use hubdesk::ui::theme::{Theme, ThemeKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tokio::sync::mpsc;

const DEADLINE: Duration = Duration::from_secs(30);

fn sim(faults: Faults) -> SimHandle {
    start(SimConfig {
        customers: 400,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
        faults,
        ..SimConfig::default()
    })
    .unwrap()
}

fn client(sim: &SimHandle) -> Client {
    let creds = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.into(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.into(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap()
}

/// Runs `LoadIndex` through the real runner and returns its answer.
fn load_through_runner(source: ClientSource) -> Result<Arc<CustomerIndex>, ApiError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut runner = Runner::new(source, tx);
        runner.run(Effect::LoadIndex { generation: 7 });
        let msg = tokio::time::timeout(DEADLINE, rx.recv())
            .await
            .expect("the index arrives in time")
            .expect("a message");
        match msg {
            Msg::IndexLoaded { generation, result } => {
                assert_eq!(generation, 7, "the generation is echoed");
                result
            }
            other => panic!("expected the index, got {other:?}"),
        }
    })
}

fn app(lang: Lang) -> App {
    let settings = Settings {
        lang,
        theme: Theme::new(ThemeKind::Dark),
        demo: true,
        profile: "provedor-teste".into(),
        ..Settings::default()
    };
    let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), false).0);
    app.now = chrono::DateTime::parse_from_rfc3339("2026-11-28T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    app
}

/// An app whose index came from the simulator through the runner.
fn ready(lang: Lang, index: Arc<CustomerIndex>) -> App {
    let mut app = app(lang);
    let fx = typeahead::load(&mut app);
    assert_eq!(fx.len(), 1);
    let generation = app.typeahead.generation;
    update(
        &mut app,
        Msg::IndexLoaded {
            generation,
            result: Ok(index),
        },
    );
    app
}

fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(
            update(
                app,
                Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            )
            .0,
        );
    }
    fx
}

fn render(app: &mut App, w: u16, h: u16) -> Buffer {
    update(app, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| hubdesk::ui::console::draw(f, app, Instant::now()))
        .unwrap();
    term.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += hubdesk::text::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn sim_index() -> Arc<CustomerIndex> {
    let sim = sim(Faults::default());
    let index = load_through_runner(client(&sim).into()).expect("the index loads");
    sim.shutdown();
    index
}

#[test]
fn the_runner_fetches_every_customer_into_the_index() {
    let index = sim_index();
    assert_eq!(index.len(), 400);
    // Code 1000 is the simulator's first customer.
    assert!((0..index.len() as u32).any(|i| index.row(i).unwrap().code == 1000));
}

#[test]
fn a_refused_cliente_all_comes_back_as_the_error() {
    let sim = sim(Faults {
        forbidden: true,
        ..Faults::default()
    });
    let err = load_through_runner(client(&sim).into()).unwrap_err();
    sim.shutdown();
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err:?}");
    // In the console: said once, and the search works as without index.
    let mut app = app(Lang::PtBr);
    typeahead::load(&mut app);
    let generation = app.typeahead.generation;
    update(
        &mut app,
        Msg::IndexLoaded {
            generation,
            result: Err(err),
        },
    );
    assert!(matches!(app.typeahead.state, IndexState::Failed(_)));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Índice local indisponível")),
        "{:?}",
        app.status
    );
    assert!(type_text(&mut app, "silva").is_empty());
    assert!(app.typeahead.shown().is_none());
}

#[test]
fn typing_shows_local_matches_and_snapshots() {
    let index = sim_index();
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = ready(Lang::PtBr, index.clone());
        let fx = type_text(&mut app, "silva");
        assert!(fx.is_empty(), "typing sends nothing: {fx:?}");
        let shown = app.typeahead.shown().expect("local matches").clone();
        assert!(shown.total > 1, "{shown:?}");
        let screen = text(&render(&mut app, w, h));
        assert!(screen.contains("Índice local ·"), "{screen}");
        assert!(screen.contains("Índice local: 400 clientes"), "{screen}");
        insta::assert_snapshot!(format!("search_local_matches_{w}x{h}"), screen);
    }
}

#[test]
fn a_local_match_is_selected_and_the_list_snapshot_in_english() {
    let index = sim_index();
    let mut app = ready(Lang::En, index);
    type_text(&mut app, "10.");
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
    );
    assert_eq!(app.search.focus.0, SearchFocus::List);
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("Local index ·"), "{screen}");
    insta::assert_snapshot!("search_local_matches_ip_en_80x24", screen);
}
