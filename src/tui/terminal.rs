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
