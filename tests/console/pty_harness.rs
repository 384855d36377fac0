//! Self-tests of the PTY harness in `support/pty.rs`, against `/bin/sh`,
//! so a broken harness is caught here rather than as a mysterious
//! end-to-end failure. (The `hubdesk` binary has no CLI yet; once it
//! does, `Pty::hubdesk(&["--version"], ...)` belongs here too.)

use crate::support;

use std::time::Duration;

use portable_pty::CommandBuilder;
use support::pty::{COLS, Pty, ROWS};

const DEADLINE: Duration = Duration::from_secs(10);

fn sh(script: &str) -> Pty {
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", script]);
    Pty::spawn(cmd, COLS, ROWS)
}

#[test]
fn reads_output_into_a_screen_and_reports_the_exit_status() {
    let mut pty = sh("printf 'linha um\\r\\nlinha dois'; exit 3");
    pty.wait_for_text("linha dois", DEADLINE);
    let status = pty.wait_exit(DEADLINE).expect("sh exits");
    assert_eq!(status.exit_code(), 3);
    assert_eq!(pty.screen_text().lines().next(), Some("linha um"));
}

#[test]
fn keys_reach_the_program_and_term_is_set() {
    let mut pty =
        sh("printf 'pronto\\r\\n'; read line; printf 'got:%s term:%s\\r\\n' \"$line\" \"$TERM\"");
    pty.wait_for_text("pronto", DEADLINE);
    pty.send_keys(b"hello\r");
    pty.wait_for_text("got:hello term:xterm-256color", DEADLINE);
    assert!(pty.wait_exit(DEADLINE).expect("exits").success());
}

#[test]
fn screen_reflects_cursor_moves_and_modes_not_just_bytes() {
    // Write "abc", then go back and overwrite the middle cell, as ratatui
    // does when only one cell changed: the raw stream never contains "aXc".
    let mut pty = sh("printf '\\033[?1049h\\033[?25labc\\033[1;2HX'; read _");
    pty.wait_for_text("aXc", DEADLINE);
    assert!(!String::from_utf8_lossy(&pty.raw_output()).contains("aXc"));
    pty.with_screen(|s| {
        assert!(s.alternate_screen());
        assert!(s.hide_cursor());
    });
    pty.send_keys(b"\r");
    pty.wait_exit(DEADLINE).expect("exits");
}

#[test]
fn wait_for_missing_text_times_out_with_the_screen() {
    let pty = sh("printf 'algo'; read _");
    pty.wait_for_text("algo", DEADLINE);
    let err = pty
        .wait_until(Duration::from_millis(200), |s| {
            s.contents().contains("nunca")
        })
        .unwrap_err();
    assert!(err.contains("algo"), "{err}");
}

#[test]
fn quiet_means_no_new_bytes_for_the_given_time() {
    // Output in two bursts separated by a pause the shell controls.
    let pty = sh("printf 'um'; sleep 0.3; printf 'dois'; read _");
    pty.wait_for_text("um", DEADLINE);
    assert!(pty.wait_quiet(Duration::from_millis(100), DEADLINE));
    pty.wait_for_text("dois", DEADLINE);
}

#[test]
fn signals_and_resize_reach_the_child() {
    let mut pty = sh(
        "trap 'printf \"size:%s\\r\\n\" \"$(stty size)\"' WINCH; printf 'ready\\r\\n'; while :; do sleep 0.05; done",
    );
    pty.wait_for_text("ready", DEADLINE);
    pty.resize(100, 30);
    pty.wait_for_text("size:30 100", DEADLINE);
    pty.signal("TERM");
    let status = pty.wait_exit(DEADLINE).expect("TERM ends sh");
    assert!(!status.success());
}
