//! A pseudo-terminal harness for end-to-end tests.
//!
//! The program under test runs in a real PTY (portable-pty) with
//! `TERM=xterm-256color`; a background thread feeds everything it writes
//! into a `vt100::Parser`, so tests read the *screen* as a user would see
//! it, not the raw byte stream (ratatui rewrites only the cells that
//! changed, so matching raw output does not work).
//!
//! Every wait has a deadline and wakes up on new output (a condition
//! variable signalled by the reader thread), never on a fixed sleep.
//! "No new bytes for N ms" ([`Pty::wait_quiet`]) tells that a frame has
//! been fully written.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Default size of the terminal: the smallest size the console promises.
pub const COLS: u16 = 80;
/// See [`COLS`].
pub const ROWS: u16 = 24;

/// What the reader thread shares with the test.
struct Shared {
    parser: vt100::Parser,
    /// Every byte received, for assertions on escape sequences.
    raw: Vec<u8>,
    /// When the last chunk arrived.
    last_output: Instant,
    /// The PTY reported end of file (all writers closed).
    eof: bool,
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("max(1) is non-zero")
}

impl Pty {
    /// Spawns `cmd` in a new `cols`×`rows` PTY with
    /// `TERM=xterm-256color` (the command inherits the test's environment,
    /// whose `TERM` may be anything or absent).
    pub fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        cmd.env("TERM", "xterm-256color");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Close our copy of the slave so EOF arrives when the child exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(nz(rows), nz(cols), 0),
                raw: Vec::new(),
                last_output: Instant::now(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let thread_shared = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => 0,
                    Ok(n) => n,
                };
                let (lock, cvar) = &*thread_shared;
                let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    s.eof = true;
                    cvar.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.raw.extend_from_slice(&buf[..n]);
                s.last_output = Instant::now();
                cvar.notify_all();
            }
        });
        Pty {
            shared,
            writer,
            master: pair.master,
            child,
            reader: Some(reader),
        }
    }

    /// Spawns the `hubdesk` binary built for this test run with `args`
    /// and extra environment (`NO_COLOR` and friends).
    pub fn hubdesk(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hubdesk"));
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Pty::spawn(cmd, cols, rows)
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes key bytes as a user would type them: `b"q"`, `b"\x1b[B"`
    /// (Down), `b"\r"` (Enter), `b"\x03"` (Ctrl-C), `b"\t"`, `b"\x1b[Z"`
    /// (Shift-Tab), `b"\x1bOQ"` (F2).
    pub fn send_keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys to the pty");
        self.writer.flush().expect("flush keys");
    }

    /// The screen as text, rows joined by newlines (trailing blanks cut).
    pub fn screen_text(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// Runs `f` on the parsed screen (cells, colours, modes).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.lock().parser.screen())
    }

    /// All bytes received so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    /// Waits until `cond(screen)` holds or `deadline` passes. Wakes on
    /// each chunk of output. On timeout returns the screen text, for the
    /// assertion message.
    pub fn wait_until(
        &self,
        deadline: Duration,
        mut cond: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let end = Instant::now() + deadline;
        let (lock, cvar) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if cond(s.parser.screen()) {
                return Ok(());
            }
            let now = Instant::now();
            if now >= end {
                return Err(s.parser.screen().contents());
            }
            s = cvar
                .wait_timeout(s, end - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until `text` is on screen. Panics with the screen on timeout.
    pub fn wait_for_text(&self, text: &str, deadline: Duration) {
        if let Err(screen) = self.wait_until(deadline, |s| s.contents().contains(text)) {
            panic!("{text:?} not on screen within {deadline:?}; screen:\n{screen}");
        }
    }

    /// Answers the confirmation on screen with "Sim"/"Yes" as someone
    /// reading it would: waits until the dialog is armed (its "Sim" is no
    /// longer dim), moves the focus with → and waits for it to show, lets
    /// a person's beat pass, presses Enter. Panics after `deadline`.
    pub fn confirm_yes(&mut self, deadline: Duration) {
        if let Err(screen) = self.wait_until(deadline, |s| yes_button(s).is_some_and(|dim| !dim)) {
            panic!("no armed confirmation on screen; screen:\n{screen}");
        }
        self.send_keys(b"\x1b[C");
        let yes = |s: &vt100::Screen| {
            let t = s.contents();
            t.contains("▶ Sim ◀") || t.contains("▶ Yes ◀")
        };
        if let Err(screen) = self.wait_until(deadline, yes) {
            panic!("the focus did not reach yes; screen:\n{screen}");
        }
        self.human_pause();
        self.send_keys(b"\r");
    }

    /// A person's pause between two keys (150 ms). The console tells a
    /// deliberate key from a burst by the time between keys, so a test of
    /// that rule lets real time pass here on purpose; it never waits for
    /// the program this way.
    pub fn human_pause(&self) {
        let end = Instant::now() + Duration::from_millis(150);
        let (lock, cvar) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        while Instant::now() < end {
            s = cvar
                .wait_timeout(s, end.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until no byte has arrived for `quiet` (a frame is complete),
    /// or the output ended. Returns false if `deadline` passed first.
    pub fn wait_quiet(&self, quiet: Duration, deadline: Duration) -> bool {
        let end = Instant::now() + deadline;
        let (lock, cvar) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = Instant::now();
            let quiet_until = s.last_output + quiet;
            if s.eof || now >= quiet_until {
                return true;
            }
            if now >= end {
                return false;
            }
            s = cvar
                .wait_timeout(s, quiet_until.min(end) - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits for the process to exit and returns its status, or `None`
    /// if `deadline` passed. Polls `try_wait`, waking on output (a program
    /// usually writes its restore sequences just before exiting) or at
    /// most every 20 ms.
    pub fn wait_exit(&mut self, deadline: Duration) -> Option<ExitStatus> {
        let end = Instant::now() + deadline;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader catch the last bytes before returning.
                self.wait_eof(Duration::from_secs(2));
                return Some(status);
            }
            let now = Instant::now();
            if now >= end {
                return None;
            }
            let (lock, cvar) = &*self.shared;
            let s = lock.lock().unwrap_or_else(|e| e.into_inner());
            let step = (end - now).min(Duration::from_millis(20));
            drop(cvar.wait_timeout(s, step));
        }
    }

    fn wait_eof(&self, deadline: Duration) {
        let end = Instant::now() + deadline;
        let (lock, cvar) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !s.eof {
            let now = Instant::now();
            if now >= end {
                return;
            }
            s = cvar
                .wait_timeout(s, end - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// The terminal's settings as `stty -a` prints them (`-icanon` and
    /// `-echo` mean raw mode), read through the slave device while the
    /// master is open, so it works after the child has exited too.
    pub fn stty(&self) -> String {
        let tty = self.master.tty_name().expect("the pty's slave device");
        let out = std::process::Command::new("stty")
            .arg("-F")
            .arg(&tty)
            .arg("-a")
            .output()
            .expect("run stty");
        assert!(out.status.success(), "stty -F {}: {out:?}", tty.display());
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The child's process id (to send it signals).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child has a pid")
    }

    /// Sends `signal` (a name such as `"TERM"`, `"HUP"`, `"CONT"`) to the
    /// child with `kill(1)`.
    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the parser.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.lock().parser.set_size(nz(rows), nz(cols));
    }
}

/// The "Sim"/"Yes" button of a confirmation on `screen` (the last one on
/// the row that holds "Não"/"No" too), and whether it is drawn dim.
pub fn yes_button(screen: &vt100::Screen) -> Option<bool> {
    let (rows, cols) = screen.size();
    (0..rows.get()).find_map(|r| {
        let cells: Vec<&str> = (0..cols.get())
            .map(|c| screen.cell(r, c).map_or(" ", |c| c.contents()))
            .collect();
        let row: String = cells.concat();
        if !(row.contains("Não") || row.contains(" No ")) {
            return None;
        }
        let label = if row.contains("Sim") { "Sim" } else { "Yes" };
        // Cells hold one character each here (no wide ones in the row).
        let at = cells.windows(3).rposition(|w| w.concat() == label)? as u16;
        screen.cell(r, at).map(|c| c.dim())
    })
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave a child behind, even when an assertion failed.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(reader) = self.reader.take() {
            // The reader ends at EOF, which follows the child's exit; do not
            // hang a failing test if a grandchild keeps the PTY open.
            if reader.is_finished() {
                let _ = reader.join();
            }
        }
    }
}
