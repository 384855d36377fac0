//! One async stream of everything the terminal and the OS tell the console.
//!
//! [`EventSource`] merges crossterm's `EventStream` with the Unix signals
//! the console must react to, so the loop `select!`s on a single source.
//! [`EventSource::drain`] collects every event that is already waiting, so
//! a burst of keys (tmux and SSH deliver several at once) is handled as one
//! batch followed by one draw, not one draw per key.

use std::io;

use crossterm::event::{Event, EventStream, KeyEvent, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{Signal as UnixSignal, SignalKind, signal};

/// A signal the console reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM: asked to stop (shutdown, `kill`). Quit cleanly.
    Terminate,
    /// SIGHUP: the SSH session or terminal went away. Quit without
    /// waiting for anything that needs the screen.
    Hangup,
    /// SIGINT from outside (raw mode turns Ctrl-C into a key, which the
    /// keymap maps to [`crate::app::keymap::Action::Interrupt`]).
    Interrupt,
    /// SIGTSTP from outside (`kill -TSTP`): suspend like Ctrl-Z.
    Suspend,
    /// SIGCONT: resumed after a stop; the screen must be set up and
    /// redrawn in full.
    Continue,
    /// Another signal whose default action would end the process, sent
    /// from outside (one of [`OTHER_EXIT_SIGNALS`]: SIGQUIT, SIGUSR1,
    /// SIGALRM...): quit cleanly like SIGTERM, with 128 + its number.
    Other(i32),
}

impl Signal {
    /// Whether the console should exit on this signal.
    pub fn is_exit(self) -> bool {
        matches!(
            self,
            Signal::Terminate | Signal::Hangup | Signal::Interrupt | Signal::Other(_)
        )
    }
}

/// Every other signal whose default action ends the process and that
/// arrives from outside rather than from a fault: left at their default,
/// each would kill the console with the terminal raw, on the alternate
/// screen, the cursor hidden (SIGQUIT, the first of them, with a core
/// dump). Handled, each ends the loop like SIGTERM.
///
/// Not here: SIGPIPE (ignored by the Rust runtime), SIGXFSZ (ignored, see
/// [`crate::tui::terminal`]: a write past a file size limit then fails
/// with an error the audit trail reports), and the crash signals
/// (SIGSEGV, SIGABRT...), which the terminal module restores from a
/// last-resort handler before the process dies of them.
pub const OTHER_EXIT_SIGNALS: &[i32] = &[
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGIO,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];

/// What the loop receives from the terminal side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermEvent {
    /// A key press (or repeat). Releases are filtered out.
    Key(KeyEvent),
    /// Bracketed paste: the whole pasted text at once, so pasting a CPF
    /// into the search field is one edit, not a storm of key bindings.
    Paste(String),
    /// The terminal was resized to columns × rows; redraw.
    Resize(u16, u16),
    /// The terminal window gained focus (if the terminal reports it).
    FocusGained,
    /// The terminal window lost focus.
    FocusLost,
    /// A Unix signal.
    Signal(Signal),
    /// Input ended or failed: the terminal is gone. The loop should quit.
    Closed,
}

/// Turns a crossterm event into a [`TermEvent`]; `None` for events the
/// console ignores (key releases, mouse events while capture is off).
pub fn translate(event: Event) -> Option<TermEvent> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) => Some(TermEvent::Key(key)),
        Event::Paste(text) => Some(TermEvent::Paste(text)),
        Event::Resize(w, h) => Some(TermEvent::Resize(w, h)),
        Event::FocusGained => Some(TermEvent::FocusGained),
        Event::FocusLost => Some(TermEvent::FocusLost),
        Event::Mouse(_) => None,
    }
}

struct Signals {
    term: UnixSignal,
    hup: UnixSignal,
    int: UnixSignal,
    tstp: UnixSignal,
    cont: UnixSignal,
    /// [`OTHER_EXIT_SIGNALS`], each with its number.
    others: Vec<(i32, UnixSignal)>,
}

impl Signals {
    fn new() -> io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
            tstp: signal(SignalKind::from_raw(signal_hook::consts::SIGTSTP))?,
            cont: signal(SignalKind::from_raw(signal_hook::consts::SIGCONT))?,
            others: OTHER_EXIT_SIGNALS
                .iter()
                .map(|&n| Ok((n, signal(SignalKind::from_raw(n))?)))
                .collect::<io::Result<_>>()?,
        })
    }

    async fn recv(&mut self) -> Signal {
        // A tokio Signal stream only ends when the runtime shuts down;
        // treating that as "terminate" ends the loop in that case too.
        tokio::select! {
            _ = self.term.recv() => Signal::Terminate,
            _ = self.hup.recv() => Signal::Hangup,
            _ = self.int.recv() => Signal::Interrupt,
            _ = self.tstp.recv() => Signal::Suspend,
            _ = self.cont.recv() => Signal::Continue,
            n = other(&mut self.others) => Signal::Other(n),
        }
    }
}

/// The number of the first of `signals` that arrived.
async fn other(signals: &mut [(i32, UnixSignal)]) -> i32 {
    std::future::poll_fn(|cx| {
        for (n, s) in signals.iter_mut() {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*n);
            }
        }
        std::task::Poll::Pending
    })
    .await
}

/// A second handle on the terminal crossterm reads (standard input when
/// it is one, else `/dev/tty`, as crossterm chooses), registered with the
/// runtime only to learn when the terminal hangs up. It is never read.
fn watch_tty() -> Option<tokio::io::unix::AsyncFd<std::os::fd::OwnedFd>> {
    use std::io::IsTerminal;
    use std::os::fd::{AsFd, OwnedFd};
    let fd: OwnedFd = if io::stdin().is_terminal() {
        io::stdin().as_fd().try_clone_to_owned().ok()?
    } else {
        std::fs::File::open("/dev/tty").ok()?.into()
    };
    // SAFETY: `fd` is an owned descriptor the `AsyncFd` keeps open until
    // it is dropped, and nothing replaces or closes it meanwhile.
    unsafe { tokio::io::unix::AsyncFd::register_with_interest(fd, tokio::io::Interest::READABLE) }
        .ok()
}

/// Whether the terminal `fd` has hung up (its SSH session, tmux pane or
/// window closed). crossterm 0.29 cannot tell: its reader retries a read
/// that returns 0 or fails with `EIO` forever, holding its lock, so the
/// thread that called it spins at 100% CPU and never returns, and a
/// console caught there outlives its terminal (crossterm issue 793). The
/// console therefore asks the kernel itself, without reading: `poll` with
/// no events still reports `POLLHUP`/`POLLERR`/`POLLNVAL`.
fn hung_up(fd: &impl std::os::fd::AsRawFd) -> bool {
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid `pollfd`, a count of 1 and no timeout.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Resolves when the watched terminal hangs up; never without one. Woken
/// by every key as well (the descriptor turns readable), it checks and
/// waits again.
async fn hang_up(tty: Option<&tokio::io::unix::AsyncFd<std::os::fd::OwnedFd>>) {
    let Some(tty) = tty else {
        return std::future::pending().await;
    };
    loop {
        let Ok(mut ready) = tty.readable().await else {
            return std::future::pending().await;
        };
        if hung_up(tty.get_ref()) {
            return;
        }
        ready.clear_ready();
    }
}

/// The merged source of terminal events and signals. Create it inside the
/// tokio runtime (signal registration needs the runtime's driver).
pub struct EventSource {
    input: Option<EventStream>,
    /// The terminal crossterm reads, watched for a hang-up; see
    /// [`hung_up`].
    tty: Option<tokio::io::unix::AsyncFd<std::os::fd::OwnedFd>>,
    /// Input was stopped by [`EventSource::pause`] (not closed).
    paused: bool,
    signals: Signals,
}

impl std::fmt::Debug for EventSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventSource")
            .field("input_open", &self.input.is_some())
            .finish()
    }
}

impl EventSource {
    /// Registers the signal handlers and starts reading terminal input.
    /// Installing a SIGINT/SIGTERM/SIGHUP handler replaces the default
    /// "die at once" action, which is the point: the loop exits and the
    /// terminal guard restores the screen.
    pub fn new() -> io::Result<EventSource> {
        Ok(EventSource {
            input: Some(EventStream::new()),
            tty: watch_tty(),
            paused: false,
            signals: Signals::new()?,
        })
    }

    /// Stops reading the terminal while another program has it (an
    /// interactive NOC command). Dropping crossterm's stream wakes and
    /// ends the thread it parks on the terminal, which would otherwise
    /// read the first key meant for that program. Signals still arrive.
    pub fn pause(&mut self) {
        if self.input.take().is_some() {
            self.paused = true;
        }
    }

    /// Reads the terminal again after [`EventSource::pause`]. A Ctrl-C,
    /// Ctrl-Z or Ctrl-\\ typed while the other program had the terminal
    /// was that program's (the terminal sends the signal to the whole
    /// foreground group): its pending delivery here is dropped, so it
    /// neither quits nor suspends the console afterwards.
    pub fn resume(&mut self) {
        use futures::FutureExt;
        if !std::mem::take(&mut self.paused) {
            return;
        }
        let s = &mut self.signals;
        while s.int.recv().now_or_never().is_some() {}
        while s.tstp.recv().now_or_never().is_some() {}
        while s.cont.recv().now_or_never().is_some() {}
        for (n, sig) in s.others.iter_mut() {
            if *n == libc::SIGQUIT {
                while sig.recv().now_or_never().is_some() {}
            }
        }
        self.input = Some(EventStream::new());
    }

    /// Waits for the next event. Returns [`TermEvent::Closed`] once, when
    /// terminal input ends or fails; after that only signals arrive.
    pub async fn next(&mut self) -> TermEvent {
        enum Got {
            Signal(Signal),
            HungUp,
            Input(Option<io::Result<Event>>),
        }
        loop {
            // Checked before crossterm is asked: on a hung-up terminal its
            // reader would never return (see `hung_up`).
            if self.input.is_some() && self.tty.as_ref().is_some_and(|t| hung_up(t.get_ref())) {
                self.input = None;
                return TermEvent::Closed;
            }
            let EventSource {
                input,
                signals,
                tty,
                ..
            } = self;
            let got = match input.as_mut() {
                Some(stream) => tokio::select! {
                    // Signals first: a SIGHUP must win over a flood of input.
                    biased;
                    sig = signals.recv() => Got::Signal(sig),
                    () = hang_up(tty.as_ref()) => Got::HungUp,
                    item = stream.next() => Got::Input(item),
                },
                None => Got::Signal(signals.recv().await),
            };
            match got {
                Got::Signal(sig) => return TermEvent::Signal(sig),
                Got::HungUp => {
                    self.input = None;
                    return TermEvent::Closed;
                }
                Got::Input(Some(Ok(event))) => {
                    if let Some(ev) = translate(event) {
                        return ev;
                    }
                }
                Got::Input(Some(Err(_)) | None) => {
                    self.input = None;
                    return TermEvent::Closed;
                }
            }
        }
    }

    /// Every event that is ready right now, without waiting. Call after
    /// [`EventSource::next`] returned, to handle a burst as one batch.
    ///
    /// This is async although it never waits: it must poll with the
    /// calling task's waker. crossterm's `EventStream`, when it has nothing,
    /// parks a thread that wakes *the waker of that poll* on the next
    /// input and spawns no second one; a throw-away waker (as
    /// `now_or_never` uses) would swallow that wake-up and delay every
    /// burst's last key until the next one arrives.
    pub async fn drain(&mut self) -> Vec<TermEvent> {
        let mut out = Vec::new();
        // Bounded so a stuck-key flood cannot starve drawing forever.
        while out.len() < 1024 {
            let next = std::pin::pin!(self.next());
            match futures::poll!(next) {
                std::task::Poll::Ready(ev) => {
                    let closed = ev == TermEvent::Closed;
                    out.push(ev);
                    if closed {
                        break;
                    }
                }
                std::task::Poll::Pending => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEventState, KeyModifiers, MouseEvent, MouseEventKind};

    /// A pseudo-terminal whose other end closes, as sshd or tmux close
    /// it: the console's own check sees the hang-up that crossterm's
    /// reader would spin on, and a live one is not taken for it.
    #[test]
    fn a_closed_pseudo_terminal_reads_as_hung_up_and_a_live_one_does_not() {
        use std::os::fd::{FromRawFd, OwnedFd};
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
        assert_eq!(rc, 0, "openpty: {}", io::Error::last_os_error());
        // SAFETY: openpty returned two open descriptors we now own.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        assert!(!hung_up(&slave), "a live terminal");
        // Typed input pending is not a hang-up either.
        let mut m = std::fs::File::from(master);
        use std::io::Write as _;
        m.write_all(b"q").unwrap();
        assert!(!hung_up(&slave), "input waiting");
        drop(m);
        assert!(hung_up(&slave), "the other end closed");
    }

    #[test]
    fn releases_and_mouse_are_dropped() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(translate(Event::Key(release)), None);
        let mouse = MouseEvent {
            kind: MouseEventKind::Moved,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(translate(Event::Mouse(mouse)), None);
    }

    #[test]
    fn keys_paste_and_resize_pass_through() {
        let key = KeyEvent::new_with_kind_and_state(
            KeyCode::Down,
            KeyModifiers::NONE,
            KeyEventKind::Repeat,
            KeyEventState::NONE,
        );
        assert_eq!(translate(Event::Key(key)), Some(TermEvent::Key(key)));
        assert_eq!(
            translate(Event::Paste("123.456.789-09".into())),
            Some(TermEvent::Paste("123.456.789-09".into()))
        );
        assert_eq!(
            translate(Event::Resize(80, 24)),
            Some(TermEvent::Resize(80, 24))
        );
    }

    #[test]
    fn exit_signals() {
        assert!(Signal::Terminate.is_exit());
        assert!(Signal::Hangup.is_exit());
        assert!(Signal::Interrupt.is_exit());
        assert!(!Signal::Suspend.is_exit());
        assert!(!Signal::Continue.is_exit());
        assert!(Signal::Other(libc::SIGQUIT).is_exit());
    }
}
