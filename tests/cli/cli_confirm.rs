//! Actions asked on a real terminal: the `hubdesk` binary in a
//! pseudo-terminal, against a simulator started in the test. "No" sends
//! nothing; "yes" performs the action exactly once.

use crate::support;

use std::time::Duration;

use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig};
use portable_pty::CommandBuilder;
use support::pty::Pty;

pub(super) fn spawn(sim: &sim::SimHandle, dir: &std::path::Path, args: &[&str], lang: &str) -> Pty {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hubdesk"));
    cmd.env_clear();
    // portable-pty starts the child in HOME, so it must exist.
    std::fs::create_dir_all(dir.join("home")).unwrap();
    cmd.cwd(dir.join("home"));
    cmd.args(args);
    for (k, v) in [
        ("HOME", dir.join("home").to_string_lossy().into_owned()),
        ("TERM", "xterm-256color".into()),
        ("LANG", lang.into()),
        (
            "HUBDESK_CONFIG",
            dir.join("config.toml").to_string_lossy().into_owned(),
        ),
        (
            "HUBDESK_DATA_DIR",
            dir.join("data").to_string_lossy().into_owned(),
        ),
        (
            "HUBDESK_STATE_DIR",
            dir.join("state").to_string_lossy().into_owned(),
        ),
        ("HUBSOFT_HOST", sim.base_url()),
        ("HUBSOFT_CLIENT_ID", DEMO_CREDENTIALS.client_id.into()),
        (
            "HUBSOFT_CLIENT_SECRET",
            DEMO_CREDENTIALS.client_secret.into(),
        ),
        ("HUBSOFT_USERNAME", DEMO_CREDENTIALS.username.into()),
        ("HUBSOFT_PASSWORD", DEMO_CREDENTIALS.password.into()),
    ] {
        cmd.env(k, v);
    }
    Pty::spawn(cmd, 120, 30)
}

#[test]
fn a_terminal_asks_and_only_yes_acts() {
    let sim = sim::start(SimConfig {
        customers: 20,
        ..SimConfig::default()
    })
    .expect("simulator");
    let dir = tempfile::tempdir().unwrap();
    // Service ids are arithmetic: customer 1001 (index 1) has 100004.
    let service = "100004";

    let mut pty = spawn(&sim, dir.path(), &["reset-mac", service], "C.UTF-8");
    pty.wait_for_text("[y/N]", Duration::from_secs(20));
    assert!(pty.screen_text().contains("MAC reset (service 100004)"));
    pty.send_keys(b"n\r");
    let status = pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(status.exit_code(), 2);
    assert_eq!(sim.counters().get("mac_reset"), 0);

    let mut pty = spawn(&sim, dir.path(), &["reset-mac", service], "pt_BR.UTF-8");
    pty.wait_for_text("[s/N]", Duration::from_secs(20));
    pty.send_keys(b"s\r");
    let status = pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(status.exit_code(), 0, "{}", pty.screen_text());
    assert_eq!(sim.counters().get_for("mac_reset", service), 1);
    assert!(pty.screen_text().contains("Concluído"));
}

/// Issue 17: `unlock` asked at a terminal says, as the console's
/// confirmation does, how many unlocks the service had in 30 days and
/// when the last ends; with `--yes` nothing is read first; a 2020 server
/// sends no history and nothing is said about it.
#[test]
fn the_unlock_question_tells_the_recent_unlocks() {
    let sim = sim::start(SimConfig {
        customers: 20,
        ..SimConfig::default()
    })
    .expect("simulator");
    let dir = tempfile::tempdir().unwrap();
    // Customer 1006 (index 6): its service is suspended for debt.
    let service = "100024";
    let mut pty = spawn(&sim, dir.path(), &["--yes", "unlock", service], "C.UTF-8");
    let status = pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(status.exit_code(), 0, "{}", pty.screen_text());
    assert_eq!(sim.counters().get_for("unlock", service), 1);
    assert_eq!(
        sim.counters().requests("cliente"),
        0,
        "--yes reads nothing first"
    );

    let mut pty = spawn(&sim, dir.path(), &["unlock", service], "C.UTF-8");
    pty.wait_for_text("[y/N]", Duration::from_secs(20));
    let screen = pty.screen_text();
    assert!(screen.contains("unlock in 30 days"), "{screen}");
    assert!(screen.contains("the last ends on"), "{screen}");
    pty.send_keys(b"n\r");
    pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(sim.counters().get_for("unlock", service), 1);
    sim.shutdown();

    let old = sim::start(SimConfig {
        customers: 20,
        generation: sim::Generation::Documented2020,
        ..SimConfig::default()
    })
    .expect("simulator");
    let mut pty = spawn(&old, dir.path(), &["unlock", service], "C.UTF-8");
    pty.wait_for_text("[y/N]", Duration::from_secs(20));
    let screen = pty.screen_text();
    assert!(!screen.contains("30 days"), "{screen}");
    pty.send_keys(b"n\r");
    pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(old.counters().get("unlock"), 0);
    old.shutdown();
}
