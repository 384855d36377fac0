//! The real binary with `--demo` in a pseudo-terminal: a trust unlock from
//! the keyboard, its result on the status line, the audit overlay, and the
//! audit file the console wrote in the data directory.

use crate::support;

use std::time::Duration;

use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(20);

#[test]
fn a_trust_unlock_from_the_keyboard_is_done_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let mut pty = Pty::hubdesk(
        &["--demo"],
        &[
            ("LANG", "en_US.UTF-8"),
            ("HUBDESK_DATA_DIR", data),
            ("HUBDESK_STATE_DIR", data),
            ("USER", "ana.souza"),
        ],
        80,
        24,
    );
    pty.wait_for_text("DEMO", DEADLINE);
    pty.send_keys(b"1006\r");
    pty.wait_for_text("Suspenso por D", DEADLINE);
    pty.send_keys(b"u");
    pty.wait_for_text("Days unlocked", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("Confirm: Trust unlock?", DEADLINE);
    pty.confirm_yes(DEADLINE);
    // The result names the customer and wraps (the badges share its first
    // row): read the rows as one sentence.
    pty.wait_until(DEADLINE, |screen| {
        let words = screen
            .contents()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" DEMO — fictitious data demo", "");
        words.contains("AMANDA NASCIMENTO BRANDÃO: Done: trust unlock — Desbloqueio")
    })
    .unwrap_or_else(|screen| panic!("no result on the status line:\n{screen}"));
    pty.wait_for_text("Serviço Habilitado", DEADLINE);
    pty.send_keys(b"A");
    pty.wait_for_text("Audit — audit.jsonl", DEADLINE);
    pty.wait_for_text("cli 1006 svc 100024", DEADLINE);
    pty.send_keys(b"\x1b");
    // Esc and q sent together would read as Alt-q: wait for the view.
    pty.wait_for_text("Trust unlock  m", DEADLINE);
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("the console exits on q");
    assert!(status.success(), "exit status {status:?}");

    let entries = hubdesk::audit::read_latest(&dir.path().join("audit.jsonl"), 10).unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (attempt, outcome) = (&entries[0], &entries[1]);
    assert_eq!(attempt.phase, hubdesk::audit::Phase::Attempt);
    assert_eq!(outcome.phase, hubdesk::audit::Phase::Outcome);
    for e in &entries {
        assert_eq!(e.attempt.action, "trust_unlock");
        assert_eq!(e.attempt.customer, Some(1006));
        assert_eq!(e.attempt.service, Some(100024));
        assert_eq!(e.attempt.attendant.as_deref(), Some("ana.souza"));
    }
    assert_eq!(outcome.outcome, Some(hubdesk::audit::Outcome::Ok));
    assert!(outcome.msg.as_deref().is_some_and(|m| !m.is_empty()));
}

/// The environment of a console against `url` with the simulator's demo
/// credentials and private files under `dir`.
fn env_for(dir: &std::path::Path, url: &str) -> Vec<(String, String)> {
    use hubdesk::sim::DEMO_CREDENTIALS as D;
    let p = |s: &str| dir.join(s).to_string_lossy().into_owned();
    [
        ("LANG", "pt_BR.UTF-8".to_owned()),
        ("HUBDESK_CONFIG", p("config.toml")),
        ("HUBDESK_DATA_DIR", p("data")),
        ("HUBDESK_STATE_DIR", p("state")),
        ("HUBSOFT_HOST", url.to_owned()),
        ("HUBSOFT_CLIENT_ID", D.client_id.to_owned()),
        ("HUBSOFT_CLIENT_SECRET", D.client_secret.to_owned()),
        ("HUBSOFT_USERNAME", D.username.to_owned()),
        ("HUBSOFT_PASSWORD", D.password.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// Issue 13, in a real terminal: words and names typed over every pane of
/// an open customer and the screens reached from it (in a burst, at a
/// typist's pace, and slower than a dialog takes to arm, each followed by
/// Enter) never reach the server as an action.
#[test]
fn typed_words_in_a_terminal_never_send_an_action() {
    let sim = hubdesk::sim::start(hubdesk::sim::SimConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = env_for(dir.path(), &sim.base_url());
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut pty = Pty::hubdesk(&[], &env, 80, 24);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    // No "q" here: outside a text field q quits (and asks first only
    // while an action waits for the server); `update()`-level tests type
    // "desbloquear" too.
    let words = [
        "mylena",
        "sim",
        "yes",
        "liberar",
        "maria",
        "daniel",
        "Maria",
        "Luana",
        "Mendes",
        "ok",
        "confirmar",
        "s",
        "y",
        "Tiago",
        "Ubiratan",
        "joão",
    ];
    let quiet = |pty: &Pty, ms: u64| {
        assert!(pty.wait_quiet(Duration::from_millis(ms), DEADLINE));
    };
    // (pane key, pause after each key in ms; 0 sends each word at once)
    let rounds: [(&[u8], u64); 9] = [
        (b"1", 0),
        (b"2", 80),
        (b"3", 0),
        (b"4", 80),
        (b"5", 0),
        (b"6", 80),
        (b"1", 350),
        (b"N", 0),
        (b"X", 80),
    ];
    for (pane, pause) in rounds {
        pty.send_keys(b"1006\r");
        pty.wait_for_text("Código 1006", DEADLINE);
        quiet(&pty, 150);
        pty.send_keys(pane);
        quiet(&pty, 150);
        let words: &[&str] = if pause > 300 { &words[..5] } else { &words };
        for w in words {
            if let Some(st) = pty.wait_exit(Duration::from_millis(1)) {
                let raw = pty.raw_output();
                let tail =
                    String::from_utf8_lossy(&raw[raw.len().saturating_sub(3000)..]).into_owned();
                panic!(
                    "exited {st:?} before {w:?} in round {:?}: {tail}",
                    String::from_utf8_lossy(pane)
                );
            }
            if pause == 0 {
                pty.send_keys(format!("{w}\r").as_bytes());
                quiet(&pty, 60);
            } else {
                for b in format!("{w}\r").bytes() {
                    pty.send_keys(&[b]);
                    quiet(&pty, pause);
                }
            }
        }
        // Out of whatever is open, back to an empty search box (its
        // placeholder shows), one Esc at a time.
        let empty = "Buscar cliente: nome";
        for _ in 0..30 {
            if pty.screen_text().contains(empty) {
                break;
            }
            // Each Esc alone, once drawn: an Esc read together with the
            // next key is Alt and that key.
            let before = pty.with_screen(|s| s.contents_formatted());
            pty.send_keys(b"\x1b");
            let _ = pty.wait_until(Duration::from_secs(2), |s| s.contents_formatted() != before);
            quiet(&pty, 100);
        }
        pty.wait_for_text(empty, DEADLINE);
        let side: Vec<_> = sim
            .counters()
            .actions
            .into_iter()
            .filter(|(k, n)| k != "token" && *n > 0)
            .collect();
        assert_eq!(
            side,
            vec![],
            "after pane {:?}",
            String::from_utf8_lossy(pane)
        );
    }
    pty.send_keys(b"\x03");
    pty.wait_exit(DEADLINE).expect("the console exits");
    assert!(
        !dir.path().join("data/audit.jsonl").exists()
            || std::fs::read_to_string(dir.path().join("data/audit.jsonl"))
                .unwrap()
                .is_empty(),
        "an action was attempted"
    );
    sim.shutdown();
}

/// How the console is left while a MAC reset waits for a stalled server.
#[derive(Debug, Clone, Copy)]
enum Exit {
    /// `q`, then "Sim" on the question.
    Q,
    /// Ctrl-C, then "Sim".
    CtrlC,
    /// The palette's `:quit`, then "Sim".
    Palette,
    /// A signal from outside.
    Signal(&'static str),
    /// A panic (the debug build's test switch, F12).
    Panic,
}

/// Issue 13: every way out of the console while an action waits for the
/// server leaves an outcome line (`unknown`) after its attempt line; the
/// keys ask first, and "Não" keeps the console running.
#[test]
fn every_exit_while_an_action_waits_writes_its_outcome() {
    let sim = hubdesk::sim::start(hubdesk::sim::SimConfig::default()).unwrap();
    sim.set_faults(hubdesk::sim::Faults {
        routes: vec!["cliente/reset_mac_addr".into()],
        apply_then_stall: true,
        ..hubdesk::sim::Faults::default()
    });
    for (n, exit) in [
        Exit::Q,
        Exit::CtrlC,
        Exit::Palette,
        Exit::Signal("TERM"),
        Exit::Signal("HUP"),
        Exit::Signal("INT"),
        Exit::Panic,
    ]
    .into_iter()
    .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let mut env = env_for(dir.path(), &sim.base_url());
        env.push(("HUBDESK_TEST_PANIC".into(), "f12".into()));
        env.push(("RUST_BACKTRACE".into(), "0".into()));
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut pty = Pty::hubdesk(&[], &env, 80, 24);
        pty.wait_for_text("Buscar cliente", DEADLINE);
        pty.send_keys(b"1000\r");
        pty.wait_for_text("Código 1000", DEADLINE);
        pty.send_keys(b"m");
        pty.confirm_yes(DEADLINE);
        let resets = n as u64 + 1;
        let end = std::time::Instant::now() + DEADLINE;
        while sim.counters().get("mac_reset") < resets {
            assert!(std::time::Instant::now() < end, "{exit:?}: not sent");
            // Wakes on the spinner's frames while the request runs.
            let _ = pty.wait_until(Duration::from_millis(100), |_| false);
        }
        let ask = |pty: &mut Pty, keys: &[u8]| {
            pty.send_keys(keys);
            pty.wait_for_text("Aguardando o servidor", DEADLINE);
        };
        match exit {
            Exit::Q | Exit::CtrlC => {
                let key: &[u8] = if matches!(exit, Exit::Q) {
                    b"q"
                } else {
                    b"\x03"
                };
                // "Não" keeps the console, and the action, going.
                ask(&mut pty, key);
                pty.send_keys(b"\x1b");
                pty.wait_until(DEADLINE, |s| {
                    !s.contents().contains("Aguardando o servidor")
                })
                .unwrap();
                assert!(pty.wait_exit(Duration::from_millis(300)).is_none());
                ask(&mut pty, key);
                pty.confirm_yes(DEADLINE);
            }
            Exit::Palette => {
                pty.send_keys(b":");
                pty.wait_for_text("Comandos", DEADLINE);
                pty.send_keys(b"quit");
                pty.wait_for_text(" quit ", DEADLINE);
                ask(&mut pty, b"\r");
                pty.confirm_yes(DEADLINE);
            }
            Exit::Signal(sig) => pty.signal(sig),
            Exit::Panic => pty.send_keys(b"\x1b[24~"),
        }
        let status = pty.wait_exit(DEADLINE).expect("the console exits");
        let want = match exit {
            Exit::Signal("TERM") => 143,
            Exit::Signal("HUP") => 129,
            Exit::Signal(_) => 130,
            Exit::Panic => 101,
            _ => 0,
        };
        assert_eq!(status.exit_code(), want, "{exit:?}");
        let entries =
            hubdesk::audit::read_latest(&dir.path().join("data/audit.jsonl"), 10).unwrap();
        let phases: Vec<_> = entries.iter().map(|e| (e.phase, e.outcome)).collect();
        use hubdesk::audit::{Outcome, Phase};
        assert_eq!(
            phases,
            vec![
                (Phase::Attempt, None),
                (Phase::Outcome, Some(Outcome::Unknown))
            ],
            "{exit:?}"
        );
        assert_eq!(entries[0].id, entries[1].id);
        assert_eq!(
            entries[1].msg.as_deref(),
            Some(hubdesk::audit::INTERRUPTED),
            "{exit:?}"
        );
    }
    sim.shutdown();
}

/// Counts the keys of a call after the identifier. Typed text (the
/// identifier, a ticket's description) is not counted; every other key is.
struct Call {
    name: &'static str,
    keys: usize,
}

impl Call {
    fn key(&mut self, pty: &mut Pty, bytes: &[u8]) {
        self.keys += 1;
        pty.send_keys(bytes);
    }

    /// "Sim" on the dialog on screen: two keys, → and Enter.
    fn yes(&mut self, pty: &mut Pty) {
        self.keys += 2;
        pty.confirm_yes(DEADLINE);
    }

    fn done(self) -> usize {
        println!("{}: {} keys after the identifier", self.name, self.keys);
        self.keys
    }
}

/// Issue 13, done when: the five standard calls take at most six keys
/// each after the identifier, in a real terminal against the simulator.
/// The test prints each count.
#[test]
fn the_five_standard_calls_take_at_most_six_keys_each() {
    let sim = hubdesk::sim::start(hubdesk::sim::SimConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut env = env_for(dir.path(), &sim.base_url());
    // No graphical session: the copy goes out as OSC 52, visible here.
    for k in [
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "TMUX",
        "STY",
        "SSH_TTY",
        "SSH_CONNECTION",
    ] {
        env.push((k.into(), String::new()));
    }
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut pty = Pty::hubdesk(&[], &env, 80, 24);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    let counters = |kind: &str, target: u64| sim.counters().get_for(kind, target);
    // Back to an empty search box between calls.
    let reset = |pty: &mut Pty| {
        for _ in 0..30 {
            if pty.screen_text().contains("Buscar cliente: nome") {
                return;
            }
            // Each Esc alone, once drawn: an Esc read together with the
            // next key is Alt and that key.
            let before = pty.with_screen(|s| s.contents_formatted());
            pty.send_keys(b"\x1b");
            let _ = pty.wait_until(Duration::from_secs(2), |s| s.contents_formatted() != before);
            pty.wait_quiet(Duration::from_millis(150), DEADLINE);
        }
        pty.wait_for_text("Buscar cliente: nome", DEADLINE);
    };
    let mut counts = Vec::new();

    // 1. Find by CPF, see online/offline (and the alert, when there is
    //    one), trust-unlock for 1 day.
    let mut call = Call {
        name: "CPF, status and trust unlock for 1 day",
        keys: 0,
    };
    pty.send_keys(b"459.030.139-37");
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Código 1006", DEADLINE);
    pty.wait_for_text("Online", DEADLINE);
    call.key(&mut pty, b"u");
    pty.wait_for_text("Dias", DEADLINE);
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Desbloqueado até", DEADLINE);
    call.yes(&mut pty);
    let end = std::time::Instant::now() + DEADLINE;
    while counters("unlock", 100024) < 1 {
        assert!(std::time::Instant::now() < end, "the unlock never arrived");
        let _ = pty.wait_until(Duration::from_millis(100), |_| false);
    }
    counts.push(call.done());
    reset(&mut pty);

    // 2. Copy the boleto line.
    let mut call = Call {
        name: "copy the boleto line",
        keys: 0,
    };
    pty.send_keys(b"459.030.139-37");
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Código 1006", DEADLINE);
    call.key(&mut pty, b"3");
    pty.wait_for_text("Linha digitável", DEADLINE);
    call.key(&mut pty, b"c");
    // An invoice has several things to copy: a menu, `l` the line.
    pty.wait_for_text("[l] linha digitável", DEADLINE);
    call.key(&mut pty, b"l");
    let end = std::time::Instant::now() + DEADLINE;
    while !String::from_utf8_lossy(&pty.raw_output()).contains("\x1b]52;c;") {
        assert!(
            std::time::Instant::now() < end,
            "no OSC 52 copy:\n{}",
            pty.screen_text()
        );
        let _ = pty.wait_until(Duration::from_millis(100), |_| false);
    }
    counts.push(call.done());
    reset(&mut pty);

    // 3. MAC reset.
    let mut call = Call {
        name: "MAC reset",
        keys: 0,
    };
    pty.send_keys(b"1000");
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Código 1000", DEADLINE);
    call.key(&mut pty, b"m");
    call.yes(&mut pty);
    let end = std::time::Instant::now() + DEADLINE;
    while counters("mac_reset", 100000) < 1 {
        assert!(
            std::time::Instant::now() < end,
            "the MAC reset never arrived"
        );
        let _ = pty.wait_until(Duration::from_millis(100), |_| false);
    }
    counts.push(call.done());
    reset(&mut pty);

    // 4. Connection history, then a ticket with a service order.
    let mut call = Call {
        name: "history, then a ticket with a service order",
        keys: 0,
    };
    pty.send_keys(b"1000");
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Código 1000", DEADLINE);
    call.key(&mut pty, b"6");
    pty.wait_for_text("sessões", DEADLINE);
    call.key(&mut pty, b"T");
    pty.wait_for_text("[x]", DEADLINE);
    pty.send_keys("Sem sinal à noite".as_bytes());
    pty.wait_for_text("Sem sinal à noite", DEADLINE);
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Descrição: Sem sinal à noite", DEADLINE);
    pty.wait_for_text("Abrir também ordem de serviço", DEADLINE);
    call.yes(&mut pty);
    let end = std::time::Instant::now() + DEADLINE;
    while sim.counters().get("os_open") < 1 {
        assert!(std::time::Instant::now() < end, "no ticket with an order");
        let _ = pty.wait_until(Duration::from_millis(100), |_| false);
    }
    assert_eq!(sim.counters().get("ticket_open"), 1);
    pty.wait_for_text("Protocolo", DEADLINE);
    counts.push(call.done());
    reset(&mut pty);

    // 5. Find by IP and disconnect (1007 carries an alert: it shows).
    let mut call = Call {
        name: "find by IP and disconnect",
        keys: 0,
    };
    pty.send_keys(b"10.64.0.30");
    call.key(&mut pty, b"\r");
    pty.wait_for_text("Código 1007", DEADLINE);
    pty.wait_for_text("ALERTA", DEADLINE);
    call.key(&mut pty, b"d");
    call.yes(&mut pty);
    let end = std::time::Instant::now() + DEADLINE;
    while counters("disconnect", 100028) < 1 {
        assert!(
            std::time::Instant::now() < end,
            "the disconnect never arrived"
        );
        let _ = pty.wait_until(Duration::from_millis(100), |_| false);
    }
    counts.push(call.done());

    // The IP of a second service opens on it: d names that service.
    reset(&mut pty);
    pty.send_keys(b"10.64.0.7\r");
    pty.wait_for_text("Código 1001", DEADLINE);
    pty.send_keys(b"d");
    pty.wait_for_text("(id 100005)", DEADLINE);

    pty.send_keys(b"\x03");
    pty.wait_exit(DEADLINE).expect("the console exits");
    println!("keys per call: {counts:?}");
    assert!(counts.iter().all(|n| *n <= 6), "{counts:?}");
    sim.shutdown();
}
