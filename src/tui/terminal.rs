//! Entering and leaving the full-screen mode, whatever way the program ends.
//!
//! [`TerminalGuard::enter`] switches to raw mode and the alternate screen and
//! hides the cursor; the terminal is given back (alternate screen left,
//! cursor shown, raw mode off) when the guard drops, when the program panics
//! (see [`install_panic_hook`]), and when the loop stops on SIGTERM, SIGHUP
//! or SIGINT (see [`crate::tui::events`]). Ctrl-Z is handled by
//! [`TerminalGuard::suspend`]: the terminal is restored before the process
//! stops and set up again after `fg`.
//!
//! A crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, `abort()`'s SIGABRT, and
//! SIGTRAP/SIGSYS) cannot go through the loop: a last-resort handler,
//! installed by the first [`TerminalGuard::enter`], writes the leave sequences and puts the
//! saved terminal settings back with plain system calls, then lets the
//! signal take its course (see [`crate::hardening`] for core dumps).
//!
//! Mouse capture stays off unless asked for: a help-desk user selects text
//! with the mouse to paste it elsewhere, which capture would break.
//!
//! Nothing here queries the terminal (cursor position, keyboard
//! enhancement flags): a terminal or test parser that never answers would
//! make crossterm wait two seconds.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::queue;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Whether the terminal is currently in full-screen mode. Read by the panic
/// hook and [`restore`] so that restoring is idempotent and never writes
/// escape codes to a terminal that was never set up.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on, so restoring turns it off again.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Serialises enter/restore between the main task and the panic hook.
static LOCK: Mutex<()> = Mutex::new(());

/// How to set the terminal up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TerminalOptions {
    /// Capture the mouse (off by default: it breaks text selection).
    pub mouse: bool,
}

/// Writes the escape sequences that enter full-screen mode to `out`.
/// Separate from the raw-mode switch so tests can check the exact bytes.
pub fn write_enter(out: &mut impl Write, options: TerminalOptions) -> io::Result<()> {
    queue!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    if options.mouse {
        queue!(out, EnableMouseCapture)?;
    }
    out.flush()
}

/// Writes the escape sequences that leave full-screen mode to `out`.
pub fn write_leave(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    if mouse {
        queue!(out, DisableMouseCapture)?;
    }
    queue!(out, DisableBracketedPaste, LeaveAlternateScreen, Show)?;
    out.flush()
}

fn enter_raw(options: TerminalOptions) -> io::Result<()> {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    #[cfg(unix)]
    crash::prepare();
    enable_raw_mode()?;
    MOUSE.store(options.mouse, Ordering::SeqCst);
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    write_enter(&mut out, options)
}

/// Gives the terminal back: leaves the alternate screen, shows the cursor,
/// turns raw mode off. Idempotent, and a no-op when the terminal was not
/// set up. Errors are ignored on purpose: after SIGHUP the terminal is
/// gone and writes fail, yet the process must still exit cleanly.
pub fn restore() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = write_leave(&mut out, MOUSE.load(Ordering::SeqCst));
    let _ = disable_raw_mode();
}

/// Whether the terminal is in full-screen mode right now.
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Installs a panic hook that restores the terminal *before* the previous
/// hook prints the message, so the message and backtrace land on the
/// normal screen in cooked mode instead of vanishing with the alternate
/// screen. Chains the hook that was installed before (the default one or
/// a test harness's). Call once, before [`TerminalGuard::enter`].
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The crash signals' last resort. Everything the handler touches is
/// prepared beforehand: the terminal's descriptor, its settings before
/// raw mode and the exact leave bytes; in the handler itself only
/// atomics, `write(2)`, `tcsetattr(3)`, `sigaction(2)` and `raise(3)`
/// run, all async-signal-safe.
#[cfg(unix)]
mod crash {
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::{Once, OnceLock};

    use super::{ACTIVE, MOUSE, write_leave};

    /// Signals after which the process cannot go on.
    const SIGNALS: [libc::c_int; 7] = [
        libc::SIGSEGV,
        libc::SIGBUS,
        libc::SIGILL,
        libc::SIGFPE,
        libc::SIGABRT,
        libc::SIGTRAP,
        libc::SIGSYS,
    ];

    /// The handlers that were there before ours (the Rust runtime's stack
    /// overflow report on SIGSEGV/SIGBUS), for a real fault to reach.
    static PREVIOUS: [OnceLock<libc::sigaction>; 7] = [const { OnceLock::new() }; 7];
    /// The descriptor crossterm switches to raw mode (stdin when it is a
    /// terminal, else `/dev/tty`, kept open).
    static TTY_FD: AtomicI32 = AtomicI32::new(-1);
    /// Its settings before raw mode.
    static COOKED: OnceLock<libc::termios> = OnceLock::new();
    /// The leave sequences, without and with mouse capture to undo; each
    /// ends any synchronized update a crash may have cut in half.
    static LEAVE: OnceLock<[Vec<u8>; 2]> = OnceLock::new();

    /// Records the terminal's settings before the first switch to raw
    /// mode, and installs the handlers.
    pub(super) fn prepare() {
        install();
        if COOKED.get().is_some() {
            return;
        }
        // SAFETY: isatty and open take a descriptor / a C string.
        let fd = unsafe {
            if libc::isatty(libc::STDIN_FILENO) == 1 {
                libc::STDIN_FILENO
            } else {
                libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC)
            }
        };
        if fd < 0 {
            return;
        }
        // SAFETY: an all-zero termios is a valid value to overwrite.
        let mut cooked: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is open; tcgetattr writes into `cooked`.
        if unsafe { libc::tcgetattr(fd, &mut cooked) } == 0 {
            TTY_FD.store(fd, Ordering::SeqCst);
            let _ = COOKED.set(cooked);
        }
    }

    fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let leave = |mouse| {
                let mut bytes = b"\x1b[?2026l".to_vec();
                let _ = write_leave(&mut bytes, mouse);
                bytes
            };
            let _ = LEAVE.set([leave(false), leave(true)]);
            for (i, &sig) in SIGNALS.iter().enumerate() {
                // SAFETY: zeroed sigaction structs are valid; the handler
                // has the SA_SIGINFO signature; `old` receives the
                // previous action.
                unsafe {
                    let mut new: libc::sigaction = std::mem::zeroed();
                    new.sa_sigaction = on_crash as *const () as libc::sighandler_t;
                    // On the alternate stack the runtime sets up, so a
                    // stack overflow can still run it.
                    new.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                    libc::sigemptyset(&mut new.sa_mask);
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(sig, &new, &mut old) == 0 {
                        let _ = PREVIOUS[i].set(old);
                    }
                }
            }
        });
    }

    /// Gives the terminal back with plain system calls, once.
    fn restore() {
        if !ACTIVE.swap(false, Ordering::SeqCst) {
            return;
        }
        if let Some(leave) = LEAVE.get() {
            let bytes = &leave[usize::from(MOUSE.load(Ordering::SeqCst))];
            // SAFETY: writing a byte slice to stdout.
            unsafe { libc::write(libc::STDOUT_FILENO, bytes.as_ptr().cast(), bytes.len()) };
        }
        let fd = TTY_FD.load(Ordering::SeqCst);
        if let (true, Some(cooked)) = (fd >= 0, COOKED.get()) {
            // SAFETY: fd stays open for the life of the process.
            unsafe { libc::tcsetattr(fd, libc::TCSANOW, cooked) };
        }
    }

    extern "C" fn on_crash(sig: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
        restore();
        // SAFETY: `info` is the kernel's siginfo for this delivery (or
        // null); sigaction and raise are async-signal-safe.
        unsafe {
            let sent = info.is_null() || (*info).si_code <= 0;
            let previous = SIGNALS
                .iter()
                .position(|&s| s == sig)
                .and_then(|i| PREVIOUS[i].get());
            match previous {
                // A real fault: back to the previous handler, and return;
                // the faulting instruction runs again and reaches it.
                Some(prev) if !sent => {
                    libc::sigaction(sig, prev, std::ptr::null_mut());
                }
                // Sent (kill, abort): die of it, as by default.
                _ => {
                    let mut dfl: libc::sigaction = std::mem::zeroed();
                    dfl.sa_sigaction = libc::SIG_DFL;
                    libc::sigaction(sig, &dfl, std::ptr::null_mut());
                    if sent {
                        libc::raise(sig);
                    }
                }
            }
        }
    }
}

/// Holds the terminal in full-screen mode; restores it on drop.
#[derive(Debug)]
pub struct TerminalGuard {
    options: TerminalOptions,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen and hides the cursor.
    /// If a step fails, what was done is undone before the error returns.
    pub fn enter(options: TerminalOptions) -> io::Result<TerminalGuard> {
        if let Err(e) = enter_raw(options) {
            restore();
            return Err(e);
        }
        Ok(TerminalGuard { options })
    }

    /// The options the guard was created with.
    pub fn options(&self) -> TerminalOptions {
        self.options
    }

    /// Ctrl-Z: restores the terminal, stops the process as the shell's job
    /// control expects, and after `fg` (SIGCONT) sets the terminal up
    /// again. Returns once the process runs again; the caller must then
    /// force a full redraw (the shell has drawn over the screen), e.g.
    /// with [`crate::tui::render::FrameWriter::force_full_redraw`].
    ///
    /// Raw mode turns Ctrl-Z into a key, so the kernel sends no SIGTSTP by
    /// itself; the process stops itself with SIGSTOP (which cannot be
    /// caught, so it stops even if SIGTSTP has a handler installed).
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        // Execution continues here after SIGCONT.
        self.resume()
    }

    /// Sets the terminal up again after something else used it (a
    /// suspend, an external editor or pager). Forces nothing on screen;
    /// the caller redraws.
    pub fn resume(&mut self) -> io::Result<()> {
        if is_active() {
            return Ok(());
        }
        enter_raw(self.options)
    }

    /// Restores the terminal temporarily (e.g. to run `$EDITOR`); undo
    /// with [`TerminalGuard::resume`].
    pub fn release(&mut self) {
        restore();
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn enter_uses_alternate_screen_hides_cursor_and_leaves_mouse_alone() {
        let mut out = Vec::new();
        write_enter(&mut out, TerminalOptions::default()).unwrap();
        let out = s(out);
        assert!(out.contains("\x1b[?1049h"), "{out:?}");
        assert!(out.contains("\x1b[?25l"), "{out:?}");
        assert!(!out.contains("\x1b[?1000h"), "mouse must stay off: {out:?}");
        // No terminal queries (cursor position report, keyboard flags).
        assert!(
            !out.contains("\x1b[6n") && !out.contains("\x1b[?u"),
            "{out:?}"
        );
    }

    #[test]
    fn mouse_capture_is_opt_in_and_undone() {
        let mut out = Vec::new();
        write_enter(&mut out, TerminalOptions { mouse: true }).unwrap();
        assert!(s(out).contains("\x1b[?1000h"));
        let mut out = Vec::new();
        write_leave(&mut out, true).unwrap();
        assert!(s(out).contains("\x1b[?1000l"));
    }

    #[test]
    fn leave_shows_cursor_and_leaves_alternate_screen() {
        let mut out = Vec::new();
        write_leave(&mut out, false).unwrap();
        let out = s(out);
        assert!(out.contains("\x1b[?1049l"), "{out:?}");
        assert!(out.contains("\x1b[?25h"), "{out:?}");
        assert!(!out.contains("\x1b[?1000l"), "{out:?}");
    }

    #[test]
    fn restore_without_enter_is_a_no_op() {
        // Would write escape codes into the test output otherwise.
        assert!(!is_active());
        restore();
        assert!(!is_active());
    }
}
