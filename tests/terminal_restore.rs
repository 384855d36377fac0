//! The real binary (`hubdesk --demo`) in a pseudo-terminal gives the
//! terminal back however it ends: `q`, a panic (the test-only switch
//! `HUBDESK_TEST_PANIC=f12`, honoured by debug builds only), SIGTERM,
//! SIGHUP (a dropped SSH session) and SIGINT. "Given back" means all of:
//! raw mode off (the pty's own termios, read with `stty`), the alternate
//! screen left and the cursor shown (the vt100 screen state, and the
//! leave sequences in the byte stream after the last frame), and the
//! process gone with the conventional exit status.

mod support;

use std::time::Duration;

use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(30);
/// F12 as xterm sends it.
const F12: &[u8] = b"\x1b[24~";

/// `hubdesk --demo` in pt-BR, with its files in a private directory.
fn start(dir: &tempfile::TempDir, extra_env: &[(&str, &str)]) -> Pty {
    let cfg = dir.path().join("config.toml");
    let data = dir.path().join("data");
    let state = dir.path().join("state");
    let mut env = vec![
        ("LANG", "pt_BR.UTF-8"),
        ("RUST_BACKTRACE", "0"),
        ("HUBDESK_CONFIG", cfg.to_str().unwrap()),
        ("HUBDESK_DATA_DIR", data.to_str().unwrap()),
        ("HUBDESK_STATE_DIR", state.to_str().unwrap()),
    ];
    env.extend_from_slice(extra_env);
    let pty = Pty::hubdesk(&["--demo"], &env, 80, 24);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    // The console is up: the terminal is raw, on the alternate screen.
    let stty = pty.stty();
    assert!(
        stty.contains("-icanon") && stty.contains("-echo "),
        "not raw while running: {stty}"
    );
    // (The cursor is visible: it blinks in the search field.)
    pty.with_screen(|s| assert!(s.alternate_screen()));
    pty
}

/// Every sign of a restored terminal.
fn assert_restored(pty: &Pty) {
    let stty = pty.stty();
    for flag in ["icanon", "echo", "icrnl", "opost", "isig"] {
        assert!(
            stty.split_whitespace().any(|w| w == flag),
            "{flag} still off after exit: {stty}"
        );
    }
    pty.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
    });
    let raw = pty.raw_output();
    let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let entered = last(b"\x1b[?1049h").expect("entered the alternate screen");
    let left = last(b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered, "the last alternate-screen switch enters it");
    let shown = last(b"\x1b[?25h").expect("showed the cursor");
    assert!(shown > left, "the cursor was not shown on leaving");
    if let Some(hidden) = last(b"\x1b[?25l") {
        assert!(
            shown > hidden,
            "the cursor was hidden again after showing it"
        );
    }
    // Nothing draws on the main screen after leaving: the last frame's
    // synchronized update ends before the leave sequence.
    if let Some(frame_end) = last(b"\x1b[?2026l") {
        assert!(frame_end < left, "a frame was written after leaving");
    }
}

/// Opens customer 1000 (so `q` is a command, not a letter in the search
/// field) and presses `q`.
fn open_customer_and_quit(pty: &mut Pty) {
    pty.send_keys(b"1000\r");
    pty.wait_for_text("1 Cliente", DEADLINE);
    pty.send_keys(b"q");
}

#[test]
fn quit_with_q_restores_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(&dir, &[]);
    open_customer_and_quit(&mut pty);
    let status = pty.wait_exit(DEADLINE).expect("exits on q");
    assert_eq!(status.exit_code(), 0);
    assert_restored(&pty);
}

#[test]
fn a_panic_restores_before_the_message_and_exits_101() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(&dir, &[("HUBDESK_TEST_PANIC", "f12")]);
    pty.send_keys(F12);
    let status = pty.wait_exit(DEADLINE).expect("exits on the panic");
    assert_eq!(status.exit_code(), 101);
    assert_restored(&pty);
    // The message is on the main screen, printed after leaving.
    let raw = pty.raw_output();
    let text = String::from_utf8_lossy(&raw);
    let left = text.rfind("\x1b[?1049l").unwrap();
    let msg = text.rfind("injected panic").expect("the panic message");
    assert!(left < msg, "the message went to the alternate screen");
    assert!(pty.screen_text().contains("injected panic"));
}

#[test]
fn the_panic_switch_is_inert_with_any_other_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(&dir, &[("HUBDESK_TEST_PANIC", "1")]);
    pty.send_keys(F12);
    open_customer_and_quit(&mut pty);
    let status = pty.wait_exit(DEADLINE).expect("exits on q");
    assert_eq!(status.exit_code(), 0);
    assert!(!String::from_utf8_lossy(&pty.raw_output()).contains("injected panic"));
}

fn by_signal(signal: &str, code: u32) {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(&dir, &[]);
    pty.signal(signal);
    let status = pty
        .wait_exit(DEADLINE)
        .unwrap_or_else(|| panic!("still running after SIG{signal}"));
    assert_eq!(status.exit_code(), code, "SIG{signal}");
    assert_restored(&pty);
}

#[test]
fn sigterm_restores_and_exits_143() {
    by_signal("TERM", 143);
}

#[test]
fn sighup_restores_and_exits_129() {
    by_signal("HUP", 129);
}

#[test]
fn sigint_restores_and_exits_130() {
    by_signal("INT", 130);
}
