//! Watch until online (issue 18, part 1) in the console: keys into
//! `update()`, the real runner and the embedded simulator, whose sessions
//! come back on a counted read (`reconnect_after_reads`), and a clock the
//! test steps (`App::instant` and ticks): no sleeps. The simulator's
//! request counter pins one read per interval and no read twice. Then
//! the watch row on screen, at 80x24 and 160x48, dark and light.

use std::time::Duration;

use crossterm::event::KeyCode;
use hubdesk::app::inflight::{ActionKey, ActionKind};
use hubdesk::app::watch::State;
use hubdesk::app::{App, Effect, Msg, Slot};
use hubdesk::sim::SimConfig;

use super::console_actions::{Console, status};

const S: Duration = Duration::from_secs(1);

/// Customer 1000's only service: enabled, fibre, online, with an ONU.
const SERVICE: u64 = 100000;

fn console(reads: u32, read_only: bool) -> Console {
    Console::with(
        SimConfig {
            reconnect_after_reads: Some(reads),
            ..SimConfig::default()
        },
        None,
        read_only,
    )
}

fn reads(c: &Console) -> u64 {
    c.sim.counters().requests("cliente")
}

/// Steps the clock by `by`, ticks, runs the effects; returns the watch
/// reads the tick sent.
fn tick(c: &mut Console, by: Duration) -> usize {
    c.app.instant += by;
    c.apply(Msg::Tick)
        .iter()
        .filter(|e| matches!(e, Effect::Fetch { req, .. } if req.slot == Slot::Watch))
        .count()
}

/// Feeds the runner's messages until the watch read is answered; returns
/// every effect they caused (a bell, say).
async fn answered(c: &mut Console) -> Vec<Effect> {
    let mut fx = Vec::new();
    while c
        .app
        .view
        .as_ref()
        .is_some_and(|v| v.watch.in_flight.is_some())
    {
        let msg = c.recv("the watch read").await;
        fx.extend(c.apply(msg));
    }
    fx
}

fn watch_state(app: &App) -> Vec<State> {
    app.view
        .as_ref()
        .map(|v| v.watch.list.iter().map(|w| w.state.clone()).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_mac_reset_w_watches_until_the_new_session_and_rings_once() {
    // The reset's own re-read, then the watch's first read: offline; the
    // second: the new session.
    let mut c = console(3, false);
    c.open("1000").await;
    c.key(KeyCode::Char('m'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ResetMac, SERVICE))
        .await;
    c.until("the re-read", |a| {
        a.view.as_ref().is_some_and(|v| !v.loading())
    })
    .await;
    assert_eq!(
        c.app.view.as_ref().unwrap().watch.offer,
        Some(SERVICE),
        "offered: {}",
        status(&c.app)
    );
    c.key(KeyCode::Char('w'));
    assert_eq!(c.app.view.as_ref().unwrap().watch.offer, None, "taken");
    let before = reads(&c);

    // Nothing before the interval; one read at it.
    assert_eq!(tick(&mut c, 4 * S), 0);
    assert_eq!(tick(&mut c, S), 1);
    // Its slot comes again while it is still out: not sent twice.
    assert_eq!(tick(&mut c, 5 * S), 0);
    let fx = answered(&mut c).await;
    assert!(!fx.contains(&Effect::Bell), "still offline");
    assert_eq!(reads(&c), before + 1);
    assert_eq!(watch_state(&c.app), vec![State::Waiting]);

    assert_eq!(tick(&mut c, 5 * S), 1);
    let fx = answered(&mut c).await;
    assert_eq!(reads(&c), before + 2);
    assert_eq!(
        fx.iter().filter(|e| **e == Effect::Bell).count(),
        1,
        "one bell"
    );
    assert!(matches!(watch_state(&c.app)[..], [State::Online { .. }]));
    // The reset's re-read saw it offline: it came online.
    assert!(status(&c.app).contains("is online"), "{}", status(&c.app));
    // The Serviços pane's last connection is the watch's.
    let lc = c
        .app
        .view
        .as_ref()
        .and_then(|v| v.selected_service())
        .and_then(|s| s.ultima_conexao.clone())
        .unwrap();
    assert_eq!(lc.conectado, Some(true));

    // Done: the clock runs on, nothing more is read.
    for _ in 0..10 {
        assert_eq!(tick(&mut c, 5 * S), 0);
    }
    assert_eq!(reads(&c), before + 2);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_console_watches_and_w_twice_never_reads_twice() {
    let mut c = console(1000, true);
    c.open("1000").await;
    c.key(KeyCode::Char('w'));
    c.key(KeyCode::Char('w'));
    assert_eq!(c.app.view.as_ref().unwrap().watch.list.len(), 1);
    let before = reads(&c);
    let mut sent = 0;
    for _ in 0..30 {
        sent += tick(&mut c, S);
        answered(&mut c).await;
    }
    assert_eq!(sent, 6, "30 s at one read per 5 s");
    assert_eq!(reads(&c), before + 6);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_reads_back_off_and_leaving_the_customer_stops_the_watch() {
    let mut c = console(1000, false);
    c.open("1000").await;
    c.key(KeyCode::Char('w'));
    c.sim.set_faults(hubdesk::sim::Faults {
        routes: vec!["cliente".into()],
        error_500_rate: 1.0,
        ..hubdesk::sim::Faults::default()
    });
    let before = reads(&c);
    // The client's own retries happen inside one watch read.
    assert_eq!(tick(&mut c, 5 * S), 1);
    answered(&mut c).await;
    let v = c.app.view.as_ref().unwrap();
    assert_eq!(v.watch.failures, 1);
    assert!(v.watch.error.is_some());
    // The wait doubled: nothing at 5 s, the read at 10 s.
    assert_eq!(tick(&mut c, 5 * S), 0);
    assert_eq!(tick(&mut c, 5 * S), 1);
    answered(&mut c).await;
    assert_eq!(c.app.view.as_ref().unwrap().watch.failures, 2);
    assert_eq!(tick(&mut c, 10 * S), 0, "20 s now");
    let after_two = reads(&c);
    assert!(after_two > before);

    // Esc stops the watch, a second Esc leaves; no read after either.
    c.sim.set_faults(hubdesk::sim::Faults::default());
    c.key(KeyCode::Esc);
    assert!(c.app.view.as_ref().unwrap().watch.is_empty());
    c.key(KeyCode::Char('w'));
    c.key(KeyCode::Esc);
    c.key(KeyCode::Esc);
    assert!(c.app.view.is_none());
    for _ in 0..5 {
        assert_eq!(tick(&mut c, 10 * S), 0);
    }
    assert_eq!(reads(&c), after_two);
    c.sim.shutdown();
}

// ---- on screen ---------------------------------------------------------------

mod screens {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use hubdesk::api::{ApiDate, Customer, CustomersResponse, LastConnection};
    use hubdesk::app::keymap::Keymap;
    use hubdesk::app::{App, Effect, Msg, Reply, ReqId, Settings, Slot, update};
    use hubdesk::i18n::Lang;
    use hubdesk::ui::theme::{Theme, ThemeKind};

    use crate::screen_kit::{fixture, text};

    const S: Duration = Duration::from_secs(1);

    fn customer(online: bool) -> Customer {
        let mut c = serde_json::from_str::<CustomersResponse>(&fixture("cliente.response.json"))
            .unwrap()
            .clientes
            .remove(0);
        c.servicos[0].ultima_conexao = Some(LastConnection {
            conectado: Some(online),
            ultima_conexao_datetime: ApiDate::parse(if online {
                "2020-03-10 11:58:07-03"
            } else {
                "2020-03-09 20:01:00-03"
            }),
            ultimo_ipv4: Some("189.90.0.9".into()),
            ..LastConnection::default()
        });
        c
    }

    fn app(kind: ThemeKind, lang: Lang) -> App {
        let settings = Settings {
            lang,
            theme: Theme::new(kind),
            demo: true,
            profile: "provedor-teste".into(),
            ..Settings::default()
        };
        let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), false).0);
        app.now = chrono::DateTime::parse_from_rfc3339("2020-03-10T15:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut fx = Vec::new();
        hubdesk::app::open_customer(&mut app, customer(false), &mut fx);
        // The record, and empty lists for the other panes.
        for e in fx {
            let Effect::Fetch { req, .. } = e else {
                continue;
            };
            let reply = match req.slot {
                Slot::Customer => Reply::Customers(Ok(vec![customer(false)])),
                Slot::Invoices => Reply::Invoices(Ok(vec![])),
                Slot::Tickets => Reply::Tickets(Ok(vec![])),
                Slot::Orders => Reply::Orders(Ok(vec![])),
                Slot::Connections => Reply::Connections(Ok(Default::default())),
                _ => continue,
            };
            update(&mut app, Msg::Fetched { req, reply });
        }
        key(&mut app, KeyCode::Char('2'));
        app
    }

    fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
    }

    fn tick(app: &mut App, by: Duration) -> Option<ReqId> {
        app.instant += by;
        update(app, Msg::Tick).0.into_iter().find_map(|e| match e {
            Effect::Fetch { req, .. } if req.slot == Slot::Watch => Some(req),
            _ => None,
        })
    }

    fn screen(app: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
        crate::screen_kit::render_at_instant(app, w, h)
    }

    fn snap(name: &str, app: &mut App) {
        for (w, h) in [(80, 24), (160, 48)] {
            let t = text(&screen(app, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t);
        }
    }

    /// Watching, 7.2 s in: the countdown, the elapsed time, Esc.
    fn watching(kind: ThemeKind, lang: Lang) -> App {
        let mut app = app(kind, lang);
        key(&mut app, KeyCode::Char('w'));
        let req = tick(&mut app, 5 * S).expect("the first read");
        update(
            &mut app,
            Msg::Fetched {
                req,
                reply: Reply::Customers(Ok(vec![customer(false)])),
            },
        );
        app.instant += Duration::from_millis(2_200);
        app.status = None;
        app
    }

    #[test]
    fn the_watch_row_counts_down_at_both_sizes_in_both_themes() {
        let mut app = watching(ThemeKind::Dark, Lang::PtBr);
        let t = text(&screen(&mut app, 80, 24));
        assert!(t.contains("leitura em 3 s"), "{t}");
        assert!(t.contains("0:07 de 5:00 · Esc encerra"), "{t}");
        snap("watch_counting_down_dark", &mut app);
        let mut light = watching(ThemeKind::Light, Lang::En);
        snap("watch_counting_down_light_en", &mut light);
    }

    #[test]
    fn a_service_back_online_shows_its_badge_in_the_ok_colour() {
        let mut app = watching(ThemeKind::Dark, Lang::PtBr);
        let req = tick(&mut app, 3 * S).expect("the second read");
        let fx = update(
            &mut app,
            Msg::Fetched {
                req,
                reply: Reply::Customers(Ok(vec![customer(true)])),
            },
        )
        .0;
        assert_eq!(fx, vec![Effect::Bell]);
        app.status = None;
        snap("watch_online_dark", &mut app);
        let buf = screen(&mut app, 80, 24);
        let (x, y) = crate::screen_kit::find(&buf, "ONLINE").expect("the badge");
        let cell = &buf[(x, y)];
        let ok = Theme::new(ThemeKind::Dark).style(hubdesk::ui::theme::Role::Ok);
        assert_eq!(cell.fg, ok.fg.unwrap(), "the ok colour");
        assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    }

    #[test]
    fn failing_reads_say_so_and_the_longer_wait() {
        let mut app = app(ThemeKind::Dark, Lang::En);
        key(&mut app, KeyCode::Char('w'));
        let req = tick(&mut app, 5 * S).unwrap();
        update(
            &mut app,
            Msg::Fetched {
                req,
                reply: Reply::Customers(Err(hubdesk::api::ApiError::Http {
                    route: "cliente",
                    status: 502,
                    excerpt: "Bad Gateway".into(),
                })),
            },
        );
        app.status = None;
        let t = text(&screen(&mut app, 160, 48));
        assert!(t.contains("next in 10 s"), "{t}");
        snap("watch_failing_en", &mut app);
    }

    #[test]
    fn the_offer_after_an_action_names_the_service_and_puts_w_first_in_the_bar() {
        let mut app = app(ThemeKind::Dark, Lang::PtBr);
        // What a successful MAC reset leaves (see `after_a_mac_reset_…`).
        app.view.as_mut().unwrap().watch.offer = Some(11201);
        let t = text(&screen(&mut app, 80, 24));
        assert!(
            t.contains("guilhermesilva1068 deve voltar sozinho: w vigia até ficar online"),
            "{t}"
        );
        assert!(
            t.lines()
                .any(|l| l.starts_with(" w Vigiar até ficar online ")),
            "w leads the bar: {t}"
        );
        snap("watch_offered", &mut app);
    }
}

// ---- the real binary ---------------------------------------------------------

/// The real binary in a pseudo-terminal against a simulator whose
/// sessions come back on the second read, reading every second
/// (`[watch] interval_secs = 1`): a MAC reset offers the watch, `w`
/// starts it, the loop's own timer sends the read, the badge shows and
/// BEL reaches the terminal, between frames.
#[test]
fn in_a_terminal_a_mac_reset_then_w_rings_the_bell_when_the_session_is_back() {
    use crate::support::pty::Pty;
    use hubdesk::sim::DEMO_CREDENTIALS as D;
    const DEADLINE: Duration = Duration::from_secs(20);
    let sim = hubdesk::sim::start(SimConfig {
        reconnect_after_reads: Some(2),
        ..SimConfig::default()
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    std::fs::write(p("config.toml"), "[watch]\ninterval_secs = 1\n").unwrap();
    let env = [
        ("LANG", "pt_BR.UTF-8".to_owned()),
        ("HUBDESK_CONFIG", p("config.toml")),
        ("HUBDESK_DATA_DIR", p("data")),
        ("HUBDESK_STATE_DIR", p("state")),
        ("HUBSOFT_HOST", sim.base_url()),
        ("HUBSOFT_CLIENT_ID", D.client_id.to_owned()),
        ("HUBSOFT_CLIENT_SECRET", D.client_secret.to_owned()),
        ("HUBSOFT_USERNAME", D.username.to_owned()),
        ("HUBSOFT_PASSWORD", D.password.to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut pty = Pty::hubdesk(&[], &env, 80, 24);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    pty.send_keys(b"1000\r");
    pty.wait_for_text("Serviço Habilitado", DEADLINE);
    pty.send_keys(b"m");
    pty.confirm_yes(DEADLINE);
    pty.wait_for_text("deve voltar sozinho: w vigia", DEADLINE);
    let before = pty.raw_output().len();
    pty.send_keys(b"w");
    pty.wait_for_text("Vigiando", DEADLINE);
    pty.wait_for_text("ONLINE", DEADLINE);
    let after = pty.raw_output();
    assert!(
        after[before..].contains(&0x07),
        "BEL after the watch started"
    );
    assert_eq!(sim.counters().get_for("mac_reset", SERVICE), 1);
    // Esc clears the badge and stays on the customer; q leaves.
    pty.send_keys(b"\x1b");
    pty.wait_until(DEADLINE, |s| !s.contents().contains("ONLINE"))
        .unwrap_or_else(|screen| panic!("the badge stayed:\n{screen}"));
    assert!(pty.screen_text().contains("Serviço Habilitado"));
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("the console exits on q");
    assert!(status.success(), "exit status {status:?}");
}
