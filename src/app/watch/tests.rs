//! The watch logic with a stepped clock: its pace, backoff, limit, Esc,
//! dedupe and what counts as "online", and the console's `update` around
//! it. No sleeps, no network.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::{ApiDate, CustomerService, LastConnection};
use crate::app::keymap::Keymap;
use crate::app::{App, Effect, Msg, Reply, ReqId, Request, Settings, Slot, update};

const S: Duration = Duration::from_secs(1);

fn cfg() -> WatchConfig {
    WatchConfig::default()
}

fn offline() -> Seen {
    Seen {
        online: Some(false),
        session: Some(("s1".into(), Some("10.0.0.1".into()))),
        since: None,
    }
}

fn online(session: &str, ip: &str) -> Seen {
    Seen {
        online: Some(true),
        session: Some((session.into(), Some(ip.into()))),
        since: Some("16/03/2026 09:10".into()),
    }
}

fn watching(t0: Instant, services: &[u64]) -> Watches {
    let mut w = Watches::default();
    for s in services {
        assert_eq!(
            w.start(*s, format!("login{s}"), offline(), t0, &cfg()),
            Started::New
        );
    }
    w
}

#[test]
fn online_means_online_after_offline_or_in_another_session() {
    let s1 = online("s1", "10.0.0.1");
    assert_eq!(s1.flip_from(&offline()), Some(Flip::CameOnline));
    assert_eq!(s1.flip_from(&Seen::default()), Some(Flip::CameOnline));
    assert_eq!(s1.flip_from(&s1), None, "the same session is no news");
    assert_eq!(offline().flip_from(&s1), None, "offline never flips");
    assert_eq!(Seen::default().flip_from(&offline()), None);
    assert_eq!(
        online("s2", "10.0.0.1").flip_from(&s1),
        Some(Flip::NewSession)
    );
    // Two sessions in one second: told apart by their address.
    assert_eq!(
        online("s1", "10.0.0.9").flip_from(&s1),
        Some(Flip::NewSession)
    );
}

#[test]
fn what_a_last_connection_says_is_read_to_the_second() {
    let lc = LastConnection {
        conectado: Some(true),
        ultima_conexao_datetime: ApiDate::parse("2026-03-16 09:10:09-03"),
        ultimo_ipv4: Some("189.90.0.1".into()),
        ..LastConnection::default()
    };
    let later = LastConnection {
        ultima_conexao_datetime: ApiDate::parse("2026-03-16 09:10:41-03"),
        ..lc.clone()
    };
    let (a, b) = (Seen::of(Some(&lc)), Seen::of(Some(&later)));
    assert_eq!(a.since.as_deref(), Some("16/03/2026 09:10"));
    assert_ne!(a.session, b.session, "same minute, another second");
    assert_eq!(b.flip_from(&a), Some(Flip::NewSession));
    assert_eq!(Seen::of(None), Seen::default());
}

#[test]
fn the_first_read_is_one_interval_after_the_start_then_one_per_interval() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    assert!(!w.tick(t0, &cfg()).poll);
    assert!(!w.tick(t0 + Duration::from_millis(4_999), &cfg()).poll);
    assert!(w.tick(t0 + 5 * S, &cfg()).poll);
    w.sent(7);
    assert_eq!(
        w.answered(7, t0 + 6 * S, Ok(vec![(1, offline())]), &cfg()),
        Some(vec![])
    );
    assert!(!w.tick(t0 + 6 * S, &cfg()).poll);
    assert!(!w.tick(t0 + Duration::from_millis(9_999), &cfg()).poll);
    assert!(w.tick(t0 + 10 * S, &cfg()).poll);
    assert_eq!(w.reads, 1, "sent() counts; the caller sends");
}

#[test]
fn a_read_in_flight_is_never_doubled_the_due_one_waits_for_the_next_slot() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    assert!(w.tick(t0 + 5 * S, &cfg()).poll);
    w.sent(1);
    // A slow server: the next slot comes while the read is out.
    for t in [10, 11, 14] {
        assert!(!w.tick(t0 + t * S, &cfg()).poll, "at {t} s");
    }
    assert_eq!(w.skipped, 1);
    assert!(w.answered(1, t0 + 14 * S, Ok(vec![]), &cfg()).is_some());
    assert!(
        w.tick(t0 + 15 * S, &cfg()).poll,
        "the next slot after the skip"
    );
}

#[test]
fn failures_double_the_wait_up_to_the_cap_and_a_success_resets_it() {
    let c = cfg();
    let waits: Vec<u64> = (0..7).map(|f| c.delay(f).as_secs()).collect();
    assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60]);
    let slow = WatchConfig {
        interval: Duration::from_secs(90),
        ..c
    };
    assert_eq!(
        slow.delay(3),
        Duration::from_secs(90),
        "never below the interval"
    );

    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    let mut t = t0 + 5 * S;
    for (seq, wait) in [(1, 10), (2, 20), (3, 40), (4, 60), (5, 60)] {
        assert!(w.tick(t, &c).poll);
        w.sent(seq);
        w.answered(seq, t, Err("timeout".into()), &c).unwrap();
        assert_eq!(w.failures, seq as u32);
        assert_eq!(w.error.as_deref(), Some("timeout"));
        assert_eq!(w.countdown(t), Some(wait), "after {seq} failures");
        assert!(!w.tick(t + Duration::from_secs(wait) - S, &c).poll);
        t += Duration::from_secs(wait);
    }
    assert!(w.tick(t, &c).poll);
    w.sent(6);
    w.answered(6, t, Ok(vec![]), &c).unwrap();
    assert_eq!((w.failures, w.error.clone()), (0, None));
    assert!(w.tick(t + 5 * S, &c).poll, "back to the interval");
}

#[test]
fn the_countdown_rounds_up_and_is_gone_while_a_read_is_out() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    assert_eq!(w.countdown(t0), Some(5));
    assert_eq!(w.countdown(t0 + Duration::from_millis(100)), Some(5));
    assert_eq!(w.countdown(t0 + Duration::from_millis(4_001)), Some(1));
    assert_eq!(w.countdown(t0 + 5 * S), Some(0));
    w.tick(t0 + 5 * S, &cfg());
    w.sent(1);
    assert_eq!(w.countdown(t0 + 5 * S), None);
}

#[test]
fn the_loop_wakes_when_the_shown_seconds_turn_and_when_a_read_falls_due() {
    let t0 = Instant::now();
    let w = watching(t0, &[1]);
    assert_eq!(w.wake_at(t0, &cfg()), Some(t0 + S));
    assert_eq!(
        w.wake_at(t0 + Duration::from_millis(1_500), &cfg()),
        Some(t0 + 2 * S)
    );
    assert_eq!(
        w.wake_at(t0 + Duration::from_millis(4_999), &cfg()),
        Some(t0 + 5 * S)
    );
    assert_eq!(Watches::default().wake_at(t0, &cfg()), None);
}

#[test]
fn a_watch_stops_by_itself_at_its_limit() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    w.start(2, "b".into(), offline(), t0 + 60 * S, &cfg());
    let tick = w.tick(t0 + 299 * S, &cfg());
    assert!(tick.expired.is_empty());
    let tick = w.tick(t0 + 300 * S, &cfg());
    assert_eq!(
        tick.expired.iter().map(|x| x.service).collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(w.list.len(), 1);
    let tick = w.tick(t0 + 360 * S, &cfg());
    assert_eq!(tick.expired.len(), 1);
    assert!(w.list.is_empty());
    assert_eq!(w.next_at, None, "nothing left to read");
    assert!(!w.tick(t0 + 400 * S, &cfg()).poll);
}

#[test]
fn a_service_is_watched_once_and_one_read_serves_every_watch() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1, 2]);
    assert_eq!(
        w.start(1, "again".into(), offline(), t0 + S, &cfg()),
        Started::Already
    );
    assert_eq!(w.list.len(), 2);
    let polls = (1..=20)
        .filter(|t| {
            let due = w.tick(t0 + *t * S, &cfg()).poll;
            if due {
                w.sent(*t as u64);
                w.answered(*t as u64, t0 + *t * S, Ok(vec![]), &cfg());
            }
            due
        })
        .count();
    assert_eq!(polls, 4, "one read per interval for both services");
}

#[test]
fn a_flip_marks_its_watch_and_the_others_keep_reading() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1, 2]);
    assert!(w.tick(t0 + 5 * S, &cfg()).poll);
    w.sent(1);
    let flipped = w
        .answered(
            1,
            t0 + 6 * S,
            Ok(vec![(1, online("s2", "1.1.1.1")), (2, offline())]),
            &cfg(),
        )
        .unwrap();
    assert_eq!(flipped.iter().map(|x| x.service).collect::<Vec<_>>(), [1]);
    assert!(matches!(
        w.list[0].state,
        State::Online {
            flip: Flip::CameOnline,
            ..
        }
    ));
    assert!(w.waiting());
    assert!(w.tick(t0 + 10 * S, &cfg()).poll);
    w.sent(2);
    w.answered(
        2,
        t0 + 11 * S,
        Ok(vec![(2, online("s3", "1.1.1.2"))]),
        &cfg(),
    )
    .unwrap();
    assert!(!w.waiting());
    assert_eq!(w.next_at, None, "all online: no more reads");
    assert!(!w.tick(t0 + 20 * S, &cfg()).poll);
    // A watch that came online can be started afresh.
    assert_eq!(
        w.start(
            1,
            "login1".into(),
            online("s2", "1.1.1.1"),
            t0 + 21 * S,
            &cfg()
        ),
        Started::New
    );
    assert_eq!(w.list.len(), 2);
}

#[test]
fn an_answer_after_esc_or_for_another_read_is_dropped() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    w.tick(t0 + 5 * S, &cfg());
    w.sent(3);
    assert_eq!(w.answered(2, t0 + 6 * S, Ok(vec![]), &cfg()), None);
    assert!(w.stop());
    assert_eq!(
        w.answered(3, t0 + 6 * S, Ok(vec![(1, online("s", "i"))]), &cfg()),
        None
    );
    assert!(!w.stop(), "nothing left");
}

// ---- the console around it ---------------------------------------------------

fn service(id: u64, login: &str, lc: LastConnection) -> CustomerService {
    CustomerService {
        id_cliente_servico: Some(id),
        login: Some(login.into()),
        ultima_conexao: Some(lc),
        ..CustomerService::default()
    }
}

fn record(lc: LastConnection) -> crate::api::Customer {
    crate::api::Customer {
        codigo_cliente: Some(1007),
        nome_razaosocial: Some("ANA".into()),
        servicos: vec![
            service(100028, "ana.fibra", lc),
            service(100029, "ana.radio", offline_lc()),
        ],
        ..Default::default()
    }
}

fn offline_lc() -> LastConnection {
    LastConnection {
        conectado: Some(false),
        ultima_conexao_datetime: ApiDate::parse("2026-03-16 08:00:00-03"),
        ..LastConnection::default()
    }
}

fn online_lc(at: &str) -> LastConnection {
    LastConnection {
        conectado: Some(true),
        ultima_conexao_datetime: ApiDate::parse(at),
        ultimo_ipv4: Some("189.90.0.1".into()),
        ..LastConnection::default()
    }
}

fn console(read_only: bool) -> App {
    let settings = Settings {
        read_only,
        ..Settings::default()
    };
    let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), read_only).0);
    let mut fx = Vec::new();
    crate::app::open_customer(&mut app, record(offline_lc()), &mut fx);
    // The full record arrives.
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
            reply: Reply::Customers(Ok(vec![record(offline_lc())])),
        },
    );
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))).0
}

/// Steps the clock by `by` and ticks; returns the tick's effects.
fn tick(app: &mut App, by: Duration) -> Vec<Effect> {
    app.instant += by;
    update(app, Msg::Tick).0
}

fn watch_reads(fx: &[Effect]) -> Vec<(ReqId, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, request } if req.slot == Slot::Watch => {
                Some((*req, request.clone()))
            }
            _ => None,
        })
        .collect()
}

fn answer(app: &mut App, req: ReqId, lc: LastConnection) -> Vec<Effect> {
    update(
        app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(vec![record(lc)])),
        },
    )
    .0
}

#[test]
fn w_watches_in_read_only_mode_reads_the_customer_record_and_rings_once_online() {
    let mut app = console(true);
    press(&mut app, KeyCode::Char('w'));
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.watch.list.len(), 1);
    assert_eq!(view.watch.list[0].service, 100028);
    assert!(tick(&mut app, 4 * S).is_empty(), "not due yet");
    let fx = tick(&mut app, S);
    let reads = watch_reads(&fx);
    assert_eq!(reads.len(), 1);
    let (req, request) = reads[0].clone();
    match request {
        Request::Customer(p) => {
            assert_eq!(p.term, "1007");
            assert_eq!(p.last_connection, Some(true));
        }
        other => panic!("{other:?}"),
    }
    // Still offline: no bell, the next read in one interval.
    assert!(answer(&mut app, req, offline_lc()).is_empty());
    let fx = tick(&mut app, 5 * S);
    let (req, _) = watch_reads(&fx)[0].clone();
    let fx = answer(&mut app, req, online_lc("2026-03-16 09:10:09-03"));
    assert_eq!(fx, vec![Effect::Bell]);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("ana.fibra") && status.contains("ANA"),
        "{status}"
    );
    // The pane shows the read's last connection too.
    let view = app.view.as_ref().unwrap();
    let shown = view.selected_service().unwrap().ultima_conexao.clone();
    assert_eq!(shown.and_then(|l| l.conectado), Some(true));
    // Done: nothing more is read.
    assert!(watch_reads(&tick(&mut app, 60 * S)).is_empty());
    assert_eq!(app.wake_at(), None);
}

#[test]
fn esc_stops_the_watches_first_and_leaves_the_customer_only_then() {
    let mut app = console(false);
    press(&mut app, KeyCode::Char('w'));
    let fx = tick(&mut app, 5 * S);
    let (req, _) = watch_reads(&fx)[0].clone();
    press(&mut app, KeyCode::Esc);
    let view = app.view.as_ref().expect("still on the customer");
    assert!(view.watch.is_empty());
    // The read that was out comes back: dropped, nothing rings.
    assert!(answer(&mut app, req, online_lc("2026-03-16 09:10:09-03")).is_empty());
    assert!(watch_reads(&tick(&mut app, 10 * S)).is_empty());
    press(&mut app, KeyCode::Esc);
    assert!(app.view.is_none(), "the second Esc leaves");
}

#[test]
fn leaving_the_customer_ends_its_watches_and_drops_their_late_read() {
    let mut app = console(false);
    press(&mut app, KeyCode::Char('w'));
    let fx = tick(&mut app, 5 * S);
    let (req, _) = watch_reads(&fx)[0].clone();
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.view.is_none());
    let (fx, changed) = update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Customers(Ok(vec![record(online_lc("2026-03-16 09:10:09-03"))])),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(changed, crate::app::Changed::No);
    assert!(watch_reads(&tick(&mut app, 10 * S)).is_empty());
}

#[test]
fn w_twice_and_w_on_another_service_still_read_once_per_interval() {
    let mut app = console(false);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('w'));
    assert!(
        app.status.as_ref().unwrap().text.contains("ana.fibra"),
        "already watched, said"
    );
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.view.as_ref().unwrap().watch.list.len(), 2);
    let mut reads = 0;
    for _ in 0..20 {
        let fx = tick(&mut app, S);
        for (req, _) in watch_reads(&fx) {
            reads += 1;
            answer(&mut app, req, offline_lc());
        }
    }
    assert_eq!(reads, 4, "20 s at 5 s, both services in each read");
}

#[test]
fn the_limit_ends_the_watch_with_a_message_that_stays() {
    let mut app = console(false);
    app.settings.watch = WatchConfig {
        interval: 5 * S,
        limit: 60 * S,
    };
    press(&mut app, KeyCode::Char('w'));
    for _ in 0..11 {
        for (req, _) in watch_reads(&tick(&mut app, 5 * S)) {
            answer(&mut app, req, offline_lc());
        }
    }
    assert_eq!(app.view.as_ref().unwrap().watch.list.len(), 1);
    tick(&mut app, 5 * S);
    assert!(app.view.as_ref().unwrap().watch.is_empty());
    let status = app.status.as_ref().unwrap();
    assert!(
        status.text.contains("ana.fibra") && status.text.contains("1:00"),
        "{}",
        status.text
    );
    assert_eq!(status.expires, None, "it stays until replaced");
}

#[test]
fn the_watch_key_is_in_the_palette_and_the_help_even_read_only() {
    let (ro, _) = Keymap::new(&BTreeMap::new(), true);
    let palette = crate::app::palette::Palette::new(&ro, true);
    assert!(
        palette
            .entries
            .iter()
            .any(|e| e.action == crate::app::keymap::Action::Watch && e.command == "watch")
    );
    let groups = ro.help_groups();
    assert!(
        groups
            .iter()
            .flat_map(|(_, rows)| rows)
            .any(|h| h.action == crate::app::keymap::Action::Watch && h.keys == "w")
    );
}

#[test]
fn the_actions_that_bring_the_connection_back_offer_a_watch() {
    use crate::ops::actions::ActionKind as K;
    let offering: Vec<K> = K::ALL.into_iter().filter(|k| k.offers_watch()).collect();
    assert_eq!(
        offering,
        [
            K::TrustUnlock,
            K::ResetMac,
            K::ResetPhy,
            K::Disconnect,
            K::RebootCpe,
            K::RestoreCpe
        ]
    );
}

#[test]
fn the_offer_follows_its_service_and_w_takes_it() {
    let mut app = console(false);
    let id = app.view.as_ref().unwrap().id;
    crate::app::watch::offer(&mut app, id, 100028);
    assert_eq!(app.view.as_ref().unwrap().watch.offer, Some(100028));
    // Another customer view's action offers nothing here.
    crate::app::watch::offer(&mut app, 999, 100029);
    assert_eq!(app.view.as_ref().unwrap().watch.offer, Some(100028));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    assert_eq!(
        app.view.as_ref().unwrap().watch.offer,
        None,
        "another service chosen"
    );
    press(&mut app, KeyCode::Up);
    crate::app::watch::offer(&mut app, id, 100028);
    press(&mut app, KeyCode::Char('w'));
    let view = app.view.as_ref().unwrap();
    assert_eq!(view.watch.offer, None, "taken");
    assert_eq!(view.watch.list[0].service, 100028);
}

/// Seen in tmux: the countdown's turn was computed in whole milliseconds,
/// so the loop woke up just before the read was due, sent nothing, and
/// its next wake-up (in the past by then) was dropped: the watch froze at
/// "read in 0 s". The turn is exact now (and the console wakes at once
/// for a watch deadline already past).
#[test]
fn the_countdown_turns_at_the_exact_instant_not_a_truncated_millisecond() {
    let t0 = Instant::now();
    let mut w = watching(t0, &[1]);
    w.next_at = Some(t0 + Duration::from_millis(5_500));
    let now = t0 + Duration::from_micros(4_499_300);
    assert_eq!(w.countdown(now), Some(2));
    let wake = w.wake_at(now, &cfg()).unwrap();
    assert_eq!(wake, t0 + Duration::from_millis(4_500));
    assert_eq!(w.countdown(wake), Some(1));
}
