//! End-to-end tests of the terminal layer in a real pseudo-terminal.
//!
//! The `hubdesk` binary belongs to the console work and has no screens
//! yet, so this test binary plays both roles: each test re-runs the test
//! executable itself in a PTY, selecting the ignored `e2e_child_console`
//! test with `HUBDESK_E2E_CHILD` set. That child drives the real
//! `tui::` stack (terminal guard, event source with signals, frame writer,
//! run loop, keymap, widgets) with a minimal program, and the parent
//! checks the screen through vt100: full-screen mode entered, keys
//! handled, and the terminal given back on quit, Ctrl-C, SIGTERM, SIGHUP,
//! panic and Ctrl-Z.

use crate::support;

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use hubdesk::app::keymap::{Action, Context, Keymap};
use hubdesk::i18n::Lang;
use hubdesk::tui::events::{EventSource, TermEvent};
use hubdesk::tui::render::FrameWriter;
use hubdesk::tui::run::{Control, Program, Screen, run};
use hubdesk::tui::terminal::{TerminalGuard, TerminalOptions, install_panic_hook};
use hubdesk::ui::help::HelpOverlay;
use hubdesk::ui::theme::Theme;
use hubdesk::ui::widgets::{TooSmall, is_too_small, keys_label};
use portable_pty::CommandBuilder;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use support::pty::{COLS, Pty, ROWS};

const CHILD_ENV: &str = "HUBDESK_E2E_CHILD";
const DEADLINE: Duration = Duration::from_secs(15);

/// The minimal program the child runs.
struct Console {
    keymap: Keymap,
    theme: Theme,
    typed: String,
    help: bool,
}

impl Program for Console {
    type Msg = ();

    fn on_event(&mut self, event: TermEvent) -> Control {
        let TermEvent::Key(key) = event else {
            return Control::Redraw;
        };
        // The panic key is checked before the keymap: `!` is bound globally
        // (message log), and the test must not depend on which keys are free.
        if key.code == KeyCode::Char('!') {
            panic!("e2e panic requested");
        }
        match self.keymap.dispatch(&key, &[Context::Navigation], false) {
            Some(Action::Quit | Action::Interrupt) => Control::Quit,
            Some(Action::Suspend) => Control::Suspend,
            Some(Action::Help) => {
                self.help = !self.help;
                Control::Redraw
            }
            Some(Action::Back) => {
                self.help = false;
                Control::Redraw
            }
            Some(_) => Control::Unchanged,
            None => match key.code {
                KeyCode::Char(c) => {
                    self.typed.push(c);
                    Control::Redraw
                }
                _ => Control::Unchanged,
            },
        }
    }

    fn update(&mut self, (): ()) -> Control {
        Control::Unchanged
    }

    fn on_tick(&mut self) -> Control {
        Control::Unchanged
    }

    fn animating(&self) -> bool {
        false
    }

    fn next_deadline(&self) -> Option<Instant> {
        None
    }

    fn draw(&self, frame: &mut Frame<'_>, _now: Instant) {
        let area = frame.area();
        if is_too_small(area) {
            let quit = keys_label(&self.keymap, Action::Quit);
            TooSmall {
                lang: Lang::En,
                theme: &self.theme,
                quit_keys: &quit,
            }
            .render(area, frame.buffer_mut());
            return;
        }
        Line::raw(format!("hubdesk-e2e ready typed=[{}]", self.typed))
            .render(area, frame.buffer_mut());
        if self.help {
            HelpOverlay {
                keymap: &self.keymap,
                lang: Lang::En,
                theme: &self.theme,
                scroll: 0,
                typing: false,
                commands: &[],
            }
            .render(area, frame.buffer_mut());
        }
    }
}

/// The child side. Ignored so a plain `cargo test` does not run it; the
/// parent selects it explicitly. Without the variable it is not a child
/// and does nothing.
#[test]
#[ignore = "entry point of the PTY child, run by the other tests"]
fn e2e_child_console() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    install_panic_hook();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let code = runtime.block_on(async {
        let mut guard = TerminalGuard::enter(TerminalOptions::default()).expect("enter");
        let mut frames = FrameWriter::stdout().expect("frames");
        let mut events = EventSource::new().expect("events");
        let (_tx, mut inbox) = tokio::sync::mpsc::unbounded_channel::<()>();
        let mut console = Console {
            keymap: Keymap::default(),
            theme: Theme::default(),
            typed: String::new(),
            help: false,
        };
        let screen = Screen {
            frames: &mut frames,
            guard: Some(&mut guard),
        };
        let exit = run(&mut console, &mut events, &mut inbox, screen)
            .await
            .expect("loop");
        drop(guard);
        println!("exit: {exit:?}");
        exit.code()
    });
    std::process::exit(code);
}

fn spawn_child(cols: u16, rows: u16) -> Pty {
    let exe = std::env::current_exe().expect("test executable");
    let mut cmd = CommandBuilder::new(exe);
    cmd.args([
        // The full test path: this file is a module of the `console` binary.
        "terminal_e2e::e2e_child_console",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    cmd.env(CHILD_ENV, "1");
    cmd.env("RUST_BACKTRACE", "0");
    let pty = Pty::spawn(cmd, cols, rows);
    pty.wait_for_text("hubdesk-e2e ready", DEADLINE);
    pty
}

/// The terminal is back to normal: main screen, cursor visible.
fn assert_restored(pty: &Pty) {
    pty.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
    });
}

#[test]
fn enters_full_screen_handles_keys_and_restores_on_quit() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.with_screen(|s| {
        assert!(s.alternate_screen());
        assert!(s.hide_cursor());
        assert!(s.bracketed_paste());
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture must be off by default"
        );
    });
    // Three keys in one write, as tmux delivers them; "c" is bound (copy)
    // so it must not type.
    pty.send_keys(b"wco");
    pty.wait_for_text("typed=[wo]", DEADLINE);
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("exits on q");
    assert_eq!(status.exit_code(), 0);
    assert_restored(&pty);
    assert!(pty.screen_text().contains("exit: Quit"));
    // Nothing queried the terminal (a parser never answers such queries).
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(!raw.contains("\x1b[6n"), "cursor position query sent");
    assert!(!raw.contains("\x1b[?u"), "keyboard enhancement query sent");
    assert!(
        raw.contains("\x1b[?2026h"),
        "frames use synchronized updates"
    );
}

#[test]
fn help_overlay_is_drawn_from_the_keymap() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.send_keys(b"?");
    pty.wait_for_text("Trust unlock", DEADLINE);
    pty.wait_for_text("Esc closes help", DEADLINE);
    pty.send_keys(b"\x1b");
    pty.wait_until(DEADLINE, |s| !s.contents().contains("Trust unlock"))
        .expect("Esc closes help");
    pty.send_keys(b"q");
    pty.wait_exit(DEADLINE).expect("exits");
}

#[test]
fn ctrl_c_key_quits_and_restores() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.send_keys(b"\x03");
    let status = pty.wait_exit(DEADLINE).expect("exits on Ctrl-C");
    assert_eq!(status.exit_code(), 0);
    assert_restored(&pty);
}

#[test]
fn sigterm_restores_and_exits_143() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.signal("TERM");
    let status = pty.wait_exit(DEADLINE).expect("exits on SIGTERM");
    assert_eq!(status.exit_code(), 143);
    assert_restored(&pty);
    assert!(pty.screen_text().contains("exit: Signal(Terminate)"));
}

#[test]
fn sighup_exits_129() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.signal("HUP");
    let status = pty.wait_exit(DEADLINE).expect("exits on SIGHUP");
    assert_eq!(status.exit_code(), 129);
    assert_restored(&pty);
}

#[test]
fn sigint_from_outside_exits_130() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.signal("INT");
    let status = pty.wait_exit(DEADLINE).expect("exits on SIGINT");
    assert_eq!(status.exit_code(), 130);
    assert_restored(&pty);
}

#[test]
fn panic_restores_the_terminal_before_the_message() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.send_keys(b"!");
    let status = pty.wait_exit(DEADLINE).expect("exits on panic");
    assert!(!status.success());
    assert_restored(&pty);
    // The message is on the main screen, i.e. printed after leaving the
    // alternate screen.
    assert!(
        pty.screen_text().contains("e2e panic requested"),
        "{}",
        pty.screen_text()
    );
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    let left = raw.rfind("\x1b[?1049l").expect("left alternate screen");
    let msg = raw.rfind("e2e panic requested").expect("panic message");
    assert!(left < msg, "terminal restored before the panic message");
}

fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
    // The state follows the parenthesised command name.
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    after.chars().next().expect("state")
}

#[test]
fn ctrl_z_suspends_with_terminal_restored_and_redraws_after_continue() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.send_keys(b"xy");
    pty.wait_for_text("typed=[xy]", DEADLINE);
    pty.send_keys(b"\x1a");
    pty.wait_until(DEADLINE, |s| !s.alternate_screen())
        .expect("left the alternate screen before stopping");
    assert_restored(&pty);
    let stopped_by = Instant::now() + DEADLINE;
    while process_state(pty.pid()) != 'T' {
        assert!(Instant::now() < stopped_by, "process did not stop");
        pty.wait_quiet(Duration::from_millis(20), Duration::from_millis(20));
    }
    pty.signal("CONT");
    pty.wait_until(DEADLINE, |s| {
        s.alternate_screen() && s.hide_cursor() && s.contents().contains("typed=[xy]")
    })
    .expect("back in full screen with the state redrawn");
    pty.send_keys(b"z");
    pty.wait_for_text("typed=[xyz]", DEADLINE);
    pty.send_keys(b"q");
    assert_eq!(pty.wait_exit(DEADLINE).expect("exits").exit_code(), 0);
}

#[test]
fn resize_below_minimum_shows_the_too_small_screen_and_back() {
    let mut pty = spawn_child(COLS, ROWS);
    pty.resize(50, 12);
    pty.wait_for_text("Terminal too small (50×12)", DEADLINE);
    pty.resize(COLS, ROWS);
    pty.wait_for_text("hubdesk-e2e ready", DEADLINE);
    pty.wait_until(DEADLINE, |s| !s.contents().contains("too small"))
        .expect("too-small text gone after growing");
    pty.send_keys(b"q");
    pty.wait_exit(DEADLINE).expect("exits");
}
