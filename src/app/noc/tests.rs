//! NOC commands in the console's `update`: what a key starts, what stops
//! it, what read-only mode and a fast typist can and cannot do. The
//! process side is tested in `process.rs`; nothing here runs a program.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::{Customer, CustomerService, LastConnection};
use crate::app::keymap::{Action, Keymap, KeymapWarning};
use crate::app::{Msg, Settings, open_customer, update};
use crate::config::CommandEntry;
use crate::i18n::Lang;
use crate::ops::commands::check_entry;

fn entry(key: &str, name: &str, line: &str) -> CommandEntry {
    CommandEntry {
        key: Some(key.into()),
        name: Some(name.into()),
        command: Some(line.into()),
        ..CommandEntry::default()
    }
}

fn commands() -> Vec<NocCommand> {
    [
        entry("y", "Ping", "ping -c 5 {ipv4}"),
        CommandEntry {
            confirm: true,
            ..entry("alt-r", "Reboot OLT port", "olt-reset --port {login}")
        },
        CommandEntry {
            writes: true,
            ..entry("alt-w", "Provision", "provision {phy_addr}")
        },
        CommandEntry {
            interactive: true,
            ..entry("alt-s", "SSH OLT", "ssh noc@{equipamento_ip}")
        },
        entry("alt-v", "Ping6", "ping6 {ipv6}"),
    ]
    .iter()
    .map(|e| check_entry(e).unwrap())
    .collect()
}

fn console(read_only: bool) -> (App, Vec<KeymapWarning>) {
    let settings = Settings {
        lang: Lang::En,
        read_only,
        commands: commands(),
        ..Settings::default()
    };
    let (mut keymap, _) = Keymap::new(&BTreeMap::new(), read_only);
    let warnings = keymap.bind_commands(&settings.commands);
    let mut app = App::new(settings, keymap);
    let customer = Customer {
        codigo_cliente: Some(1006),
        nome_razaosocial: Some("Amanda".into()),
        servicos: vec![CustomerService {
            id_cliente_servico: Some(100024),
            login: Some("amanda".into()),
            ipv4: Some("10.0.0.9".into()),
            phy_addr: Some("AA:BB:CC:00:11:22".into()),
            ultima_conexao: Some(LastConnection {
                ultimo_ipv4: Some("189.90.0.1".into()),
                ..LastConnection::default()
            }),
            equipamento_conexao: Some(crate::api::Equipment {
                ipv4: Some("172.17.24.90".into()),
                ..Default::default()
            }),
            ..Default::default()
        }],
        ..Default::default()
    };
    open_customer(&mut app, customer, &mut Vec::new());
    (app, warnings)
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    app.instant += Duration::from_millis(200);
    update(app, Msg::Key(KeyEvent::new(code, mods))).0
}

fn key(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn alt(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::ALT)
}

fn started(fx: &[Effect]) -> Option<(u64, Vec<String>)> {
    fx.iter().find_map(|e| match e {
        Effect::RunCommand { run, argv, .. } => Some((*run, argv.clone())),
        _ => None,
    })
}

fn run_shown(app: &App) -> &Run {
    match app.overlay.as_ref() {
        Some(Overlay::Command(r)) => r,
        other => panic!("no run on screen: {other:?}"),
    }
}

#[test]
fn a_key_runs_its_command_on_the_selected_service_without_a_shell() {
    let (mut app, warnings) = console(false);
    assert!(warnings.is_empty(), "{warnings:?}");
    let (run, argv) = started(&key(&mut app, 'y')).expect("started");
    // The last session's address, not the one on record.
    assert_eq!(argv, ["ping", "-c", "5", "189.90.0.1"]);
    let shown = run_shown(&app);
    assert_eq!((shown.id, shown.name.as_str()), (run, "Ping"));
    assert!(shown.running());
}

#[test]
fn output_is_cleaned_kept_bounded_and_esc_stops_then_closes() {
    let (mut app, _) = console(false);
    let (run, _) = started(&key(&mut app, 'y')).unwrap();
    update(
        &mut app,
        Msg::CommandOutput {
            run,
            lines: vec!["64 bytes \u{1b}[2Jfrom x".into()],
        },
    );
    let line = &run_shown(&app).lines[0];
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.starts_with("64 bytes") && line.ends_with("from x"));
    let flood: Vec<String> = (0..KEPT_LINES + 10).map(|i| i.to_string()).collect();
    update(&mut app, Msg::CommandOutput { run, lines: flood });
    assert_eq!(run_shown(&app).lines.len(), KEPT_LINES);
    assert_eq!(run_shown(&app).dropped, 11);

    // Esc stops it and the output stays to read.
    let fx = press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(fx.contains(&Effect::CancelCommand { run }));
    assert_eq!(run_shown(&app).state, RunState::Cancelled);
    // Late lines and a late end change nothing.
    update(
        &mut app,
        Msg::CommandOutput {
            run,
            lines: vec!["late".into()],
        },
    );
    update(
        &mut app,
        Msg::CommandEnded {
            run,
            end: CommandEnd::Exited(Some(0)),
        },
    );
    assert_eq!(run_shown(&app).state, RunState::Cancelled);
    assert!(run_shown(&app).lines.iter().all(|l| l != "late"));
    // A second Esc closes it, with nothing more to stop.
    let fx = press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(fx.is_empty());
    assert!(app.overlay.is_none());
}

#[test]
fn an_ended_run_says_how() {
    let (mut app, _) = console(false);
    let (run, _) = started(&key(&mut app, 'y')).unwrap();
    update(
        &mut app,
        Msg::CommandEnded {
            run,
            end: CommandEnd::Exited(Some(1)),
        },
    );
    let now = app.instant;
    let state = state_text(&app, run_shown(&app), now);
    assert!(state.contains("code 1"), "{state}");
    // Esc now closes without stopping anything.
    assert!(press(&mut app, KeyCode::Esc, KeyModifiers::NONE).is_empty());
    assert!(app.overlay.is_none());
}

#[test]
fn a_missing_value_is_refused_on_the_status_line() {
    let (mut app, _) = console(false);
    let fx = alt(&mut app, 'v');
    assert!(started(&fx).is_none());
    assert!(app.overlay.is_none());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("{ipv6}"), "{status}");
}

#[test]
fn a_typed_word_never_confirms_a_command() {
    let (mut app, _) = console(false);
    assert!(alt(&mut app, 'r').is_empty());
    assert!(matches!(app.overlay, Some(Overlay::CommandConfirm { .. })));
    // "sim" and Enter typed at full speed: the dialog stays, nothing runs.
    app.instant += Duration::from_secs(1);
    for c in ['s', 'i', 'm'] {
        app.instant += Duration::from_millis(20);
        let fx = update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        )
        .0;
        assert!(started(&fx).is_none());
    }
    app.instant += Duration::from_millis(20);
    let fx = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    )
    .0;
    assert!(started(&fx).is_none());
    // That Enter landed on "No": the dialog is gone, nothing ran.
    assert!(app.overlay.is_none());

    // Read and answered: it runs once.
    alt(&mut app, 'r');
    app.instant += crate::app::confirm::ARM_AFTER;
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    let fx = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let (_, argv) = started(&fx).expect("confirmed");
    assert_eq!(argv, ["olt-reset", "--port", "amanda"]);
}

#[test]
fn read_only_keeps_the_commands_that_only_read() {
    let (mut app, _) = console(true);
    assert!(started(&key(&mut app, 'y')).is_some());
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    // `writes = true`: no key, no palette entry, and refused even if
    // asked for by its action.
    assert!(alt(&mut app, 'w').is_empty());
    assert!(app.overlay.is_none());
    assert!(!app.keymap.allows(Action::Noc(2)));
    let mut fx = Vec::new();
    let view = app.view.take().unwrap();
    start(&mut app, &view, 2, &mut fx);
    assert!(fx.is_empty());
    assert!(app.overlay.is_none());
    let palette =
        crate::app::palette::Palette::with_commands(&app.keymap, true, &app.settings.commands);
    assert!(palette.entries.iter().any(|e| e.action == Action::Noc(0)));
    assert!(palette.entries.iter().all(|e| e.action != Action::Noc(2)));
}

#[test]
fn an_interactive_command_hands_the_terminal_over_and_reports_its_end() {
    let (mut app, _) = console(false);
    let fx = alt(&mut app, 's');
    let (run, argv) = fx
        .iter()
        .find_map(|e| match e {
            Effect::Interactive { run, argv, .. } => Some((*run, argv.clone())),
            _ => None,
        })
        .expect("interactive");
    assert_eq!(argv, ["ssh", "noc@172.17.24.90"]);
    assert!(app.overlay.is_none());
    update(
        &mut app,
        Msg::CommandEnded {
            run,
            end: CommandEnd::Exited(Some(255)),
        },
    );
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("SSH OLT") && status.contains("255"),
        "{status}"
    );
}

#[test]
fn a_command_cannot_take_a_key_the_console_uses() {
    let settings_commands = vec![check_entry(&entry("d", "Dig", "dig {login}")).unwrap()];
    let (mut keymap, _) = Keymap::new(&BTreeMap::new(), false);
    let warnings = keymap.bind_commands(&settings_commands);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message(Lang::En).contains("Dig"));
    // `d` still disconnects.
    let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(
        keymap.dispatch(&ev, &[crate::app::keymap::Context::Subscriber], false),
        Some(Action::Disconnect)
    );
    // A key that does not parse is said too.
    let bad = vec![check_entry(&entry("ctrl-", "Bad", "true")).unwrap()];
    assert_eq!(keymap.bind_commands(&bad).len(), 1);
}

#[test]
fn the_palette_finds_a_command_by_its_name_and_runs_it() {
    let (mut app, _) = console(false);
    key(&mut app, ':');
    for c in "ping".chars() {
        key(&mut app, c);
    }
    let fx = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let (_, argv) = started(&fx).expect("run from the palette");
    assert_eq!(argv[0], "ping");
}

#[test]
fn leaving_the_customer_stops_its_command() {
    let (mut app, _) = console(false);
    let (run, _) = started(&key(&mut app, 'y')).unwrap();
    let mut fx = Vec::new();
    crate::app::park_view(&mut app, &mut fx);
    assert!(fx.contains(&Effect::CancelCommand { run }));
}

#[test]
fn only_a_command_that_writes_carries_an_audit_attempt() {
    let (mut app, _) = console(false);
    let fx = key(&mut app, 'y');
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::RunCommand { audit: None, .. }))
    );
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    alt(&mut app, 'w');
    app.instant += crate::app::confirm::ARM_AFTER;
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    let fx = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let audit = fx
        .iter()
        .find_map(|e| match e {
            Effect::RunCommand { audit, .. } => audit.clone(),
            _ => None,
        })
        .expect("an attempt");
    assert_eq!(audit.action, "noc:Provision");
    assert_eq!((audit.customer, audit.service), (Some(1006), Some(100024)));
    assert_eq!(
        crate::ops::actions::action_label(Lang::En, &audit.action),
        "Command: Provision"
    );
}
