//! NOC commands (`[[commands]]`, issue 18 part 4) in the console: the
//! output window and the question on screen at 80x24 and 160x48, dark and
//! light; then the real binary in a pseudo-terminal running configured
//! programs on a customer of the simulator: streamed, stopped with Esc,
//! handed the terminal, and never started by a typed word.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Customer, CustomersResponse, LastConnection};
use hubdesk::app::actions::Overlay;
use hubdesk::app::keymap::Keymap;
use hubdesk::app::{App, Effect, Msg, Settings, update};
use hubdesk::config::CommandEntry;
use hubdesk::i18n::Lang;
use hubdesk::ops::commands::check_entry;
use hubdesk::ui::theme::{Role, Theme, ThemeKind};

use crate::screen_kit::{fixture, text};

fn customer() -> Customer {
    let mut c = serde_json::from_str::<CustomersResponse>(&fixture("cliente.response.json"))
        .unwrap()
        .clientes
        .remove(0);
    c.servicos[0].ultima_conexao = Some(LastConnection {
        conectado: Some(true),
        ultimo_ipv4: Some("189.90.0.9".into()),
        ..LastConnection::default()
    });
    c
}

fn app(kind: ThemeKind, lang: Lang) -> App {
    let commands = [
        CommandEntry {
            key: Some("alt-p".into()),
            name: Some("Ping".into()),
            command: Some("ping -c 5 {ipv4}".into()),
            ..CommandEntry::default()
        },
        CommandEntry {
            key: Some("alt-r".into()),
            name: Some("Reiniciar porta PON".into()),
            command: Some("olt-port --reset {login}".into()),
            writes: true,
            ..CommandEntry::default()
        },
    ]
    .iter()
    .map(|e| check_entry(e).unwrap())
    .collect();
    let settings = Settings {
        lang,
        theme: Theme::new(kind),
        demo: true,
        profile: "provedor-teste".into(),
        commands,
        ..Settings::default()
    };
    let (mut keymap, _) = Keymap::new(&BTreeMap::new(), false);
    assert!(keymap.bind_commands(&settings.commands).is_empty());
    let mut app = App::new(settings, keymap);
    app.now = chrono::DateTime::parse_from_rfc3339("2020-03-10T15:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    hubdesk::app::open_customer(&mut app, customer(), &mut Vec::new());
    app
}

fn alt(app: &mut App, c: char) -> Vec<Effect> {
    app.instant += Duration::from_millis(300);
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)),
    )
    .0
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

/// Ping running for 4 s with five lines out, one of them hostile.
fn pinging(kind: ThemeKind, lang: Lang) -> App {
    let mut app = app(kind, lang);
    let run = alt(&mut app, 'p')
        .into_iter()
        .find_map(|e| match e {
            Effect::RunCommand { run, argv, .. } => {
                assert_eq!(argv, ["ping", "-c", "5", "189.90.0.9"]);
                Some(run)
            }
            _ => None,
        })
        .expect("ping started");
    let mut lines = vec!["PING 189.90.0.9 (189.90.0.9) 56(84) bytes of data.".to_owned()];
    for i in 1..=3 {
        lines.push(format!(
            "64 bytes from 189.90.0.9: icmp_seq={i} ttl=58 time=1{i}.4 ms"
        ));
    }
    lines.push("\u{1b}]52;c;aGk=\u{7}\u{1b}[31mred\u{1b}[0m".into());
    update(&mut app, Msg::CommandOutput { run, lines });
    app.instant += Duration::from_secs(4);
    app
}

#[test]
fn the_output_window_streams_cleaned_lines_at_both_sizes_in_both_themes() {
    let mut app = pinging(ThemeKind::Dark, Lang::PtBr);
    let buf = screen(&mut app, 80, 24);
    assert!(!crate::screen_kit::has_control_chars(&buf));
    let t = text(&buf);
    assert!(t.contains("Ping · em execução há 0:04"), "{t}");
    assert!(t.contains("$ ping -c 5 189.90.0.9"), "{t}");
    assert!(t.contains("Esc interromper"), "{t}");
    snap("noc_running_dark", &mut app);

    let mut light = pinging(ThemeKind::Light, Lang::En);
    snap("noc_running_light_en", &mut light);
    let buf = screen(&mut light, 80, 24);
    let (x, y) = crate::screen_kit::find(&buf, "$ ping").expect("the command line");
    let muted = Theme::new(ThemeKind::Light).style(Role::Muted);
    assert_eq!(
        buf[(x, y)].fg,
        muted.fg.unwrap(),
        "the light theme's muted colour"
    );

    // Ended: the code and the time it took, and Esc closes.
    let run = match &app.overlay {
        Some(Overlay::Command(r)) => r.id,
        _ => unreachable!(),
    };
    update(
        &mut app,
        Msg::CommandEnded {
            run,
            end: hubdesk::app::noc::CommandEnd::Exited(Some(1)),
        },
    );
    let t = text(&screen(&mut app, 80, 24));
    assert!(t.contains("terminou com código 1 em 0:04"), "{t}");
    assert!(t.contains("Esc Fechar"), "{t}");
}

#[test]
fn a_command_that_writes_asks_first_and_names_what_runs_on_whose_data() {
    let mut app = app(ThemeKind::Dark, Lang::PtBr);
    assert!(alt(&mut app, 'r').is_empty());
    let t = text(&screen(&mut app, 80, 24));
    assert!(t.contains("Executa: olt-port --reset"), "{t}");
    assert!(t.contains("altera algo fora do hubdesk"), "{t}");
    snap("noc_confirm_dark", &mut app);
}

/// The real binary in a pseudo-terminal against the simulator, with
/// three commands in its config: the output of one streams into the
/// window, Esc stops a long one, and an interactive one gets the
/// terminal and the keys typed while it runs; a command that asks first
/// is not started by a word typed at full speed.
#[test]
fn in_a_terminal_commands_stream_stop_take_the_terminal_and_never_start_by_typing() {
    use crate::support::pty::Pty;
    use hubdesk::sim::DEMO_CREDENTIALS as D;
    const DEADLINE: Duration = Duration::from_secs(20);
    let sim = hubdesk::sim::start(hubdesk::sim::SimConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    let marker = p("started");
    let config = format!(
        r#"
[[commands]]
key = "alt-e"
name = "Eco"
command = "echo NOC-OUT {{codigo}} {{login}}"

[[commands]]
key = "alt-l"
name = "Longo"
command = "sleep 30"

[[commands]]
key = "alt-i"
name = "Pergunta"
command = "sh -c 'read x; echo got:$x'"
interactive = true

[[commands]]
key = "alt-c"
name = "Com pergunta"
command = "touch {marker}"
confirm = true
"#
    );
    std::fs::write(p("config.toml"), config).unwrap();
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

    // Streamed, with the customer's data in its own word.
    pty.send_keys(b"\x1be");
    pty.wait_for_text("NOC-OUT 1000", DEADLINE);
    pty.wait_for_text("Eco · terminou em", DEADLINE);
    pty.send_keys(b"\x1b");
    pty.wait_until(DEADLINE, |s| !s.contents().contains("NOC-OUT"))
        .unwrap_or_else(|screen| panic!("the window stayed:\n{screen}"));

    // A long one: Esc stops it, the window says so.
    pty.human_pause();
    pty.send_keys(b"\x1bl");
    pty.wait_for_text("Longo · em execução", DEADLINE);
    pty.human_pause();
    pty.send_keys(b"\x1b");
    pty.wait_for_text("Longo · interrompido", DEADLINE);
    pty.human_pause();
    pty.send_keys(b"\x1b");

    // Interactive: the line typed reaches the program, not the console.
    pty.human_pause();
    pty.send_keys(b"\x1bi");
    pty.wait_for_text("hubdesk: executando", DEADLINE);
    pty.send_keys(b"hello\r");
    pty.wait_for_text("Pergunta terminou", DEADLINE);
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(raw.contains("got:hello"), "the program read the line");
    assert!(pty.screen_text().contains("Serviço Habilitado"));

    // A word typed at full speed over the question never answers it.
    pty.human_pause();
    pty.send_keys(b"\x1bcsim\r");
    pty.human_pause();
    pty.human_pause();
    assert!(
        !std::path::Path::new(&marker).exists(),
        "a typed word ran the command"
    );
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("the console exits on q");
    assert!(status.success(), "exit status {status:?}");
}

/// Gives the test console `entries` as its NOC commands, bound.
fn with_commands(app: &mut App, entries: &[CommandEntry]) {
    app.settings.commands = entries.iter().map(|e| check_entry(e).unwrap()).collect();
    let commands = app.settings.commands.clone();
    assert!(app.keymap.bind_commands(&commands).is_empty());
}

fn touching(path: &std::path::Path) -> CommandEntry {
    CommandEntry {
        key: Some("alt-w".into()),
        name: Some("Marcar".into()),
        command: Some(format!("touch {}", path.display())),
        writes: true,
        ..CommandEntry::default()
    }
}

/// A command marked `writes = true` is an action: its attempt is on the
/// trail (customer, service, who) before the program starts, its outcome
/// after; and when the trail cannot take the attempt, the program does
/// not start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_that_writes_is_on_the_trail_before_it_runs_or_does_not_run() {
    use super::console_actions::Console;
    use hubdesk::audit::{self, Audit, Outcome, Phase};
    let dir = tempfile::tempdir().unwrap();
    let ran = dir.path().join("ran");
    let mut c = Console::with(hubdesk::sim::SimConfig::default(), None, false);
    with_commands(&mut c.app, &[touching(&ran)]);
    c.open("1000").await;
    c.apply(Msg::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::ALT,
    )));
    assert!(matches!(
        c.app.overlay,
        Some(Overlay::CommandConfirm { .. })
    ));
    c.yes();
    c.until(
        "the command's end",
        |app| matches!(&app.overlay, Some(Overlay::Command(r)) if !r.running()),
    )
    .await;
    assert!(ran.exists());
    let entries = c.audit();
    let got: Vec<_> = entries
        .iter()
        .map(|e| (e.phase, e.outcome, e.attempt.action.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Phase::Attempt, None, "noc:Marcar"),
            (Phase::Outcome, Some(Outcome::Ok), "noc:Marcar"),
        ]
    );
    assert_eq!(entries[0].attempt.customer, Some(1000));
    assert_eq!(entries[0].attempt.service, Some(100000));
    assert_eq!(entries[0].attempt.attendant.as_deref(), Some("ana.souza"));
    assert!(!entries[0].attempt.host.is_empty());

    // The journal it must also reach is down: refused, not run.
    let never = dir.path().join("never");
    let mut c = Console::with_trail(hubdesk::sim::SimConfig::default(), None, false, |file| {
        let socket = file.with_file_name("no-journal.sock");
        Audit::open_with(file, audit::Sink::Journald { socket }).unwrap()
    });
    with_commands(&mut c.app, &[touching(&never)]);
    c.open("1000").await;
    c.apply(Msg::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::ALT,
    )));
    c.yes();
    c.until(
        "the refusal",
        |app| matches!(&app.overlay, Some(Overlay::Command(r)) if !r.running()),
    )
    .await;
    let now = c.app.instant;
    let Some(Overlay::Command(run)) = &c.app.overlay else {
        unreachable!()
    };
    let state = hubdesk::app::noc::state_text(&c.app, run, now);
    assert!(state.contains("audit"), "{state}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!never.exists(), "the program ran without its audit line");
}
