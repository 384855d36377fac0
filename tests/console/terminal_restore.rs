//! The real binary (`hubdesk --demo`) in a pseudo-terminal gives the
//! terminal back however it ends: `q`, a panic (the test-only switch
//! `HUBDESK_TEST_PANIC=f12`, honoured by debug builds only), SIGTERM,
//! SIGHUP (a dropped SSH session) and SIGINT. "Given back" means all of:
//! raw mode off (the pty's own termios, read with `stty`), the alternate
//! screen left and the cursor shown (the vt100 screen state, and the
//! leave sequences in the byte stream after the last frame), and the
//! process gone with the conventional exit status.

use crate::support;

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

// ---------------------------------------------------------------------------
// Issue 14: every other signal that would end the process.

/// Signals whose default action ends the process, sent from outside (a
/// `kill`, a timer, a CPU limit): the console quits through its normal
/// exit path, terminal restored, exit status 128 + the signal's number.
#[test]
fn sigquit_restores_and_exits_131() {
    by_signal("QUIT", 128 + libc::SIGQUIT as u32);
}

#[test]
fn sigusr1_restores_and_exits_138() {
    by_signal("USR1", 128 + libc::SIGUSR1 as u32);
}

#[test]
fn sigalrm_restores_and_exits_142() {
    by_signal("ALRM", 128 + libc::SIGALRM as u32);
}

#[test]
fn the_other_terminating_signals_restore_too() {
    let mut signals = vec![
        ("USR2", libc::SIGUSR2),
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("XCPU", libc::SIGXCPU),
        ("IO", libc::SIGIO),
    ];
    #[cfg(target_os = "linux")]
    signals.push(("PWR", libc::SIGPWR));
    for (name, number) in signals {
        by_signal(name, 128 + number as u32);
    }
}

/// Signals that mean a crash (a fault, `abort()`), or that a debugger or
/// seccomp sends: the process cannot go on, but the terminal is given
/// back before it dies of the signal (with a core dump only where core
/// dumps are allowed).
#[test]
fn crash_signals_restore_the_terminal_before_dying() {
    for name in ["SEGV", "ABRT", "BUS", "ILL", "FPE", "TRAP", "SYS"] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = start(&dir, &[]);
        // Idle first: a frame another thread is still writing when the
        // signal lands on a worker can finish after the handler's leave
        // sequence (a handler cannot stop other threads); what is tested
        // here is that the terminal is given back.
        pty.wait_quiet(Duration::from_millis(300), DEADLINE);
        pty.signal(name);
        let status = pty
            .wait_exit(DEADLINE)
            .unwrap_or_else(|| panic!("still running after SIG{name}"));
        assert!(
            status.signal().is_some(),
            "SIG{name}: died of the signal, not an exit: {status:?}"
        );
        assert_restored(&pty);
    }
}

/// SIGXFSZ (a file size limit reached) is ignored: the write that passed
/// the limit fails with an error the audit trail reports, instead of the
/// process dying with the terminal raw.
#[test]
fn sigxfsz_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(&dir, &[]);
    pty.signal("XFSZ");
    // Still running and answering keys after it.
    open_customer_and_quit(&mut pty);
    let status = pty.wait_exit(DEADLINE).expect("exits on q");
    assert_eq!(status.exit_code(), 0);
    assert_restored(&pty);
}

/// The soft `RLIMIT_CORE` of a running process, from `/proc/PID/limits`.
fn core_limit(pid: u32) -> String {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap_or_else(|| panic!("{limits}"));
    line.split_whitespace().nth(4).unwrap().to_owned()
}

/// Core dumps hold the password, the client secret, the token and
/// customer names: hubdesk turns them off at start (`RLIMIT_CORE` 0, not
/// dumpable), unless `--allow-core-dump` asks for one. The console runs
/// with the core limit raised to its hard limit and dies of SIGABRT (which
/// dumps core by default); where `core_pattern` writes a plain file in the
/// working directory, the file's presence is checked too.
#[cfg(target_os = "linux")]
#[test]
fn core_dumps_are_off_unless_allowed() {
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    let pattern = pattern.trim();
    let hard = std::process::Command::new("sh")
        .args(["-c", "ulimit -H -c"])
        .output()
        .unwrap();
    let hard = String::from_utf8_lossy(&hard.stdout).trim().to_owned();
    let file_in_cwd =
        !pattern.is_empty() && !pattern.starts_with('|') && !pattern.contains('/') && hard != "0";
    for allow in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("cwd");
        std::fs::create_dir(&work).unwrap();
        let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
        let mut cmd = portable_pty::CommandBuilder::new("sh");
        cmd.args([
            "-c",
            r#"ulimit -c "$(ulimit -H -c)" && exec "$0" "$@""#,
            env!("CARGO_BIN_EXE_hubdesk"),
            "--demo",
        ]);
        if allow {
            cmd.arg("--allow-core-dump");
        }
        cmd.cwd(&work);
        for (k, v) in [
            ("LANG", "pt_BR.UTF-8".to_owned()),
            ("HUBDESK_CONFIG", p("config.toml")),
            ("HUBDESK_DATA_DIR", p("data")),
            ("HUBDESK_STATE_DIR", p("state")),
        ] {
            cmd.env(k, v);
        }
        let mut pty = Pty::spawn(cmd, 80, 24);
        pty.wait_for_text("Buscar cliente", DEADLINE);
        let limit = core_limit(pty.pid());
        if allow {
            let want = if hard == "unlimited" {
                "unlimited"
            } else {
                hard.as_str()
            };
            assert_eq!(limit, want, "--allow-core-dump keeps the core limit");
        } else {
            assert_eq!(limit, "0", "core dumps are off");
        }
        pty.signal("ABRT");
        let status = pty.wait_exit(DEADLINE).expect("dies of SIGABRT");
        assert!(status.signal().is_some(), "{status:?}");
        assert_restored(&pty);
        if file_in_cwd {
            let cores: Vec<_> = std::fs::read_dir(&work)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("core"))
                .collect();
            assert_eq!(!cores.is_empty(), allow, "allow={allow}: {cores:?}");
        } else {
            eprintln!("core_pattern {pattern:?}, hard limit {hard}: core file not checked");
        }
    }
}

/// A terminal that goes away without a SIGHUP reaching the console (the
/// console not its session's leader, as under some SSH and multiplexer
/// setups): its other end closes, and the console must notice and end
/// (exit 1, input closed) instead of waiting forever on a reader that
/// spins at 100% CPU on the dead terminal (crossterm issue 793, seen
/// here as an orphan left by a test whose tmux server was killed).
#[test]
fn a_terminal_closed_without_sighup_ends_the_console() {
    use std::io::Read as _;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt as _;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: out-pointers to two ints; no name, termios or size.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: openpty returned two open descriptors we now own.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    // Our end only: a copy inherited by the console would keep the
    // terminal alive. SAFETY: a valid descriptor.
    unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: a valid descriptor and a valid winsize.
    unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hubdesk"));
    cmd.arg("--demo")
        .env("LANG", "pt_BR.UTF-8")
        .env("TERM", "xterm-256color")
        .env("HUBDESK_CONFIG", dir.path().join("config.toml"))
        .env("HUBDESK_DATA_DIR", dir.path().join("data"))
        .env("HUBDESK_STATE_DIR", dir.path().join("state"))
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: setsid is async-signal-safe. A new session without a
    // controlling terminal: closing the pty sends this process no SIGHUP.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("hubdesk starts");
    drop(cmd);
    // The first frame, read from our end without blocking.
    // SAFETY: a valid descriptor.
    unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
    let mut term = std::fs::File::from(master);
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen).contains("Buscar") {
        let mut buf = [0u8; 4096];
        match term.read(&mut buf) {
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("reading the terminal: {e}"),
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("no first frame: {}", String::from_utf8_lossy(&seen));
        }
    }
    // The terminal goes away.
    drop(term);
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the console outlived its terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1), "input closed: {status:?}");
}
