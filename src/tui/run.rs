//! The event loop, generic over the application.
//!
//! One task owns the state. It waits on terminal events (and signals), on
//! the channel through which effect tasks send their results back, on a
//! tick only while something animates, and on the next deadline the state
//! asks for (a status message expiring). Each wake-up handles everything
//! that is ready as one batch, then draws once if anything changed.
//!
//! The application plugs in by implementing [`Program`]; it never sees the
//! terminal. Terminal-level concerns (signals, suspend, resize, a dead
//! terminal) are handled here.

use std::future::Future;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::Frame;
use tokio::sync::mpsc;
use tokio::time::{Interval, MissedTickBehavior};

use crate::tui::events::{EventSource, Signal, TermEvent};
use crate::tui::external::External;
use crate::tui::render::FrameWriter;
use crate::tui::terminal::TerminalGuard;

/// What `update` asks the loop to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Something visible changed: draw after this batch.
    Redraw,
    /// Nothing visible changed: skip drawing.
    Unchanged,
    /// Leave the loop (quit action).
    Quit,
    /// Suspend to the shell (Ctrl-Z); the loop restores the terminal,
    /// stops, and redraws in full after `fg`.
    Suspend,
    /// Hand the terminal to the program's [`Program::take_external`]: the
    /// loop restores the terminal, stops reading keys, runs it, takes the
    /// terminal back and reports with [`Program::external_done`].
    External,
}

/// Why [`run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The program asked to quit.
    Quit,
    /// An exit signal arrived (SIGTERM, SIGHUP, SIGINT, and the others of
    /// [`crate::tui::events::OTHER_EXIT_SIGNALS`]).
    Signal(Signal),
    /// Terminal input ended (the terminal is gone).
    InputClosed,
}

impl Exit {
    /// The conventional process exit code: 0 for a quit, 128 + signal
    /// number for a signal, 1 when the terminal went away.
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(Signal::Hangup) => 128 + signal_hook::consts::SIGHUP,
            Exit::Signal(Signal::Interrupt) => 128 + signal_hook::consts::SIGINT,
            Exit::Signal(Signal::Other(n)) => 128 + n,
            Exit::Signal(_) => 128 + signal_hook::consts::SIGTERM,
            Exit::InputClosed => 1,
        }
    }
}

/// An application the loop can run. `App` implements this in `app/` or
/// in a thin adapter next to `main`; nothing here knows its types.
pub trait Program {
    /// The application's message type; effect tasks send these back
    /// through the channel given to [`run`].
    type Msg;

    /// A key, paste, resize or focus event. Key dispatch through the
    /// [`crate::app::keymap::Keymap`] happens here.
    fn on_event(&mut self, event: TermEvent) -> Control;

    /// A message from an effect task.
    fn update(&mut self, msg: Self::Msg) -> Control;

    /// One animation step (spinner). Only called while
    /// [`Program::animating`] is true.
    fn on_tick(&mut self) -> Control;

    /// Whether something animates; the loop ticks only then, never at a
    /// fixed frame rate.
    fn animating(&self) -> bool;

    /// The next instant at which the screen changes by itself (a status
    /// message expiring), so the loop wakes up to redraw then.
    fn next_deadline(&self) -> Option<Instant>;

    /// [`Program::next_deadline`] passed: a program with timers (the
    /// console's watches) advances them here. By default it only redraws.
    fn on_deadline(&mut self) -> Control {
        Control::Redraw
    }

    /// Draws the whole screen. `now` is read once by the loop per frame,
    /// so drawing reads no clock.
    fn draw(&self, frame: &mut Frame<'_>, now: Instant);

    /// Bytes for the terminal other than frames (an OSC 52 clipboard
    /// sequence), taken after each batch. The loop writes them between
    /// frames: it is the only writer of the terminal, so nothing lands in
    /// the middle of a frame.
    fn take_output(&mut self) -> Vec<u8> {
        Vec::new()
    }

    /// The program to run in the terminal after [`Control::External`].
    fn take_external(&mut self) -> Option<External> {
        None
    }

    /// The program run after [`Control::External`] ended: its exit code
    /// (`None`: a signal), or why it could not run.
    fn external_done(&mut self, _result: io::Result<Option<i32>>) -> Control {
        Control::Redraw
    }
}

/// Where terminal events come from: the real [`EventSource`], or a script
/// in tests.
pub trait Events {
    /// Waits for the next event.
    fn next(&mut self) -> impl Future<Output = TermEvent>;
    /// Every event ready now, without waiting (async only so that it
    /// polls with the task's own waker; see [`EventSource::drain`]).
    fn drain(&mut self) -> impl Future<Output = Vec<TermEvent>>;
    /// Stops reading the terminal while another program has it.
    fn pause(&mut self) {}
    /// Reads the terminal again after [`Events::pause`].
    fn resume(&mut self) {}
}

impl Events for EventSource {
    fn next(&mut self) -> impl Future<Output = TermEvent> {
        EventSource::next(self)
    }
    fn drain(&mut self) -> impl Future<Output = Vec<TermEvent>> {
        EventSource::drain(self)
    }
    fn pause(&mut self) {
        EventSource::pause(self);
    }
    fn resume(&mut self) {
        EventSource::resume(self);
    }
}

/// The loop's terminal side: the frame writer, and the guard for
/// suspend/resume (absent in tests, where suspend only forces a redraw).
pub struct Screen<'a, W: Write> {
    /// Where frames go.
    pub frames: &'a mut FrameWriter<W>,
    /// The full-screen guard.
    pub guard: Option<&'a mut TerminalGuard>,
}

impl<W: Write> std::fmt::Debug for Screen<'_, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screen")
            .field("frames", &self.frames)
            .field("guard", &self.guard)
            .finish()
    }
}

impl<W: Write> Screen<'_, W> {
    fn suspend(&mut self) -> io::Result<()> {
        if let Some(guard) = self.guard.as_deref_mut() {
            guard.suspend()?;
        }
        self.frames.force_full_redraw();
        Ok(())
    }

    fn release(&mut self) {
        if let Some(guard) = self.guard.as_deref_mut() {
            guard.release();
        }
    }

    fn resumed(&mut self) -> io::Result<()> {
        if let Some(guard) = self.guard.as_deref_mut() {
            guard.resume()?;
        }
        self.frames.force_full_redraw();
        Ok(())
    }
}

/// Spinner period while [`Program::animating`].
pub const TICK: Duration = Duration::from_millis(100);

enum Step {
    Continue,
    /// Hand the terminal over ([`Control::External`]).
    External,
    Exit(Exit),
}

/// Runs `program` until it quits, an exit signal arrives, or the terminal
/// goes away. Draws the first frame at once.
pub async fn run<P, E, W>(
    program: &mut P,
    events: &mut E,
    inbox: &mut mpsc::UnboundedReceiver<P::Msg>,
    mut screen: Screen<'_, W>,
) -> io::Result<Exit>
where
    P: Program,
    E: Events,
    W: Write,
{
    screen.frames.mark_dirty();
    let mut ticker: Option<Interval> = None;
    let mut inbox_open = true;
    loop {
        if screen.frames.is_dirty() {
            let now = Instant::now();
            screen.frames.draw(|f| program.draw(f, now))?;
        }
        if program.animating() {
            ticker.get_or_insert_with(|| {
                let mut t = tokio::time::interval_at(tokio::time::Instant::now() + TICK, TICK);
                t.set_missed_tick_behavior(MissedTickBehavior::Skip);
                t
            });
        } else {
            ticker = None;
        }
        let deadline = program.next_deadline().map(tokio::time::Instant::from_std);

        let step = tokio::select! {
            ev = events.next() => {
                let mut batch = vec![ev];
                batch.extend(events.drain().await);
                let mut step = Step::Continue;
                for ev in batch {
                    step = handle_event(program, &mut screen, ev)?;
                    // Keys typed after the one that hands the terminal
                    // over were meant for the console as it was: dropped.
                    if !matches!(step, Step::Continue) {
                        break;
                    }
                }
                step
            }
            msg = inbox.recv(), if inbox_open => {
                match msg {
                    Some(msg) => {
                        let mut step = apply(&mut screen, program.update(msg))?;
                        while let (Step::Continue, Ok(msg)) = (&step, inbox.try_recv()) {
                            step = apply(&mut screen, program.update(msg))?;
                        }
                        step
                    }
                    None => {
                        inbox_open = false;
                        Step::Continue
                    }
                }
            }
            _ = async { ticker.as_mut().expect("guarded").tick().await }, if ticker.is_some() => {
                apply(&mut screen, program.on_tick())?
            }
            _ = async { tokio::time::sleep_until(deadline.expect("guarded")).await }, if deadline.is_some() => {
                screen.frames.mark_dirty();
                apply(&mut screen, program.on_deadline())?
            }
        };
        let step = match step {
            Step::External => {
                let control = hand_over(program, events, &mut screen).await?;
                apply(&mut screen, control)?
            }
            other => other,
        };
        // Before leaving too: a copy asked for just before quitting still
        // reaches the terminal.
        let out = program.take_output();
        if !out.is_empty() {
            screen.frames.write_raw(&out)?;
        }
        if let Step::Exit(exit) = step {
            return Ok(exit);
        }
    }
}

/// Runs the program's external command with the terminal restored, then
/// takes the terminal back (raw mode, full screen, a full redraw) and
/// reports the result to the program.
async fn hand_over<P, E, W>(
    program: &mut P,
    events: &mut E,
    screen: &mut Screen<'_, W>,
) -> io::Result<Control>
where
    P: Program,
    E: Events,
    W: Write,
{
    let Some(external) = program.take_external() else {
        return Ok(Control::Unchanged);
    };
    // Keys must reach the program, not a reader parked on the terminal.
    events.pause();
    screen.release();
    let result = crate::tui::external::run_in_terminal(&external).await;
    screen.resumed()?;
    events.resume();
    Ok(program.external_done(result))
}

fn apply<W: Write>(screen: &mut Screen<'_, W>, control: Control) -> io::Result<Step> {
    match control {
        Control::Redraw => {
            screen.frames.mark_dirty();
            Ok(Step::Continue)
        }
        Control::Unchanged => Ok(Step::Continue),
        Control::Quit => Ok(Step::Exit(Exit::Quit)),
        Control::Suspend => {
            screen.suspend()?;
            Ok(Step::Continue)
        }
        Control::External => Ok(Step::External),
    }
}

fn handle_event<P: Program, W: Write>(
    program: &mut P,
    screen: &mut Screen<'_, W>,
    ev: TermEvent,
) -> io::Result<Step> {
    match ev {
        TermEvent::Signal(sig) if sig.is_exit() => Ok(Step::Exit(Exit::Signal(sig))),
        TermEvent::Signal(Signal::Suspend) => {
            screen.suspend()?;
            Ok(Step::Continue)
        }
        TermEvent::Signal(_continue) => {
            screen.resumed()?;
            Ok(Step::Continue)
        }
        TermEvent::Closed => Ok(Step::Exit(Exit::InputClosed)),
        TermEvent::Resize(..) => {
            // The whole layout depends on the size: always redraw.
            screen.frames.mark_dirty();
            apply(screen, program.on_event(ev))
        }
        other => apply(screen, program.on_event(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::{Viewport, widgets::Widget};
    use std::collections::VecDeque;

    /// Events in batches: `next` yields the first of a batch, `drain` the
    /// rest, as a burst from tmux would arrive. Then waits forever.
    struct Script(VecDeque<Vec<TermEvent>>, Vec<TermEvent>);

    impl Events for Script {
        async fn next(&mut self) -> TermEvent {
            match self.0.pop_front() {
                Some(mut batch) => {
                    let first = batch.remove(0);
                    self.1 = batch;
                    first
                }
                None => std::future::pending().await,
            }
        }
        async fn drain(&mut self) -> Vec<TermEvent> {
            std::mem::take(&mut self.1)
        }
    }

    #[derive(Default)]
    struct Counter {
        keys: Vec<char>,
        msgs: Vec<u32>,
        ticks: u32,
        animate_until: u32,
        draws: std::cell::Cell<u32>,
        /// Bytes for the terminal (an OSC 52 copy), taken by the loop.
        out: Vec<u8>,
    }

    impl Program for Counter {
        type Msg = u32;
        fn on_event(&mut self, event: TermEvent) -> Control {
            match event {
                TermEvent::Key(KeyEvent {
                    code: KeyCode::Char('q'),
                    ..
                }) => Control::Quit,
                TermEvent::Key(KeyEvent {
                    code: KeyCode::Char('.'),
                    ..
                }) => Control::Unchanged,
                TermEvent::Key(KeyEvent {
                    code: KeyCode::Char(c),
                    ..
                }) => {
                    self.keys.push(c);
                    Control::Redraw
                }
                _ => Control::Unchanged,
            }
        }
        fn update(&mut self, msg: u32) -> Control {
            self.msgs.push(msg);
            if msg == 52 {
                self.out.extend_from_slice(b"\x1b]52;c;aGk=\x07");
            }
            if msg == 0 {
                Control::Quit
            } else {
                Control::Redraw
            }
        }
        fn take_output(&mut self) -> Vec<u8> {
            std::mem::take(&mut self.out)
        }
        fn on_tick(&mut self) -> Control {
            self.ticks += 1;
            if self.ticks >= self.animate_until {
                Control::Quit
            } else {
                Control::Redraw
            }
        }
        fn animating(&self) -> bool {
            self.ticks < self.animate_until
        }
        fn next_deadline(&self) -> Option<Instant> {
            None
        }
        fn draw(&self, frame: &mut Frame<'_>, _now: Instant) {
            self.draws.set(self.draws.get() + 1);
            let text: String = self.keys.iter().collect();
            Line::raw(format!("{text} {:?}", self.msgs)).render(frame.area(), frame.buffer_mut());
        }
    }

    fn key(c: char) -> TermEvent {
        TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn frames() -> FrameWriter<Vec<u8>> {
        FrameWriter::with_viewport(Vec::new(), Viewport::Fixed(Rect::new(0, 0, 40, 5))).unwrap()
    }

    async fn go(
        program: &mut Counter,
        script: Vec<Vec<TermEvent>>,
        inbox: &mut mpsc::UnboundedReceiver<u32>,
        frames: &mut FrameWriter<Vec<u8>>,
    ) -> Exit {
        let mut events = Script(script.into(), Vec::new());
        let screen = Screen {
            frames,
            guard: None,
        };
        run(program, &mut events, inbox, screen).await.unwrap()
    }

    #[tokio::test]
    async fn a_burst_of_keys_is_one_batch_and_one_draw() {
        let mut p = Counter::default();
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let mut fw = frames();
        let exit = go(
            &mut p,
            vec![vec![key('a'), key('b'), key('c'), key('d')], vec![key('q')]],
            &mut rx,
            &mut fw,
        )
        .await;
        assert_eq!(exit, Exit::Quit);
        assert_eq!(p.keys, vec!['a', 'b', 'c', 'd']);
        // First frame, then one for the whole burst; quitting draws nothing.
        assert_eq!(p.draws.get(), 2);
        assert_eq!(fw.frames_drawn(), 2);
    }

    #[tokio::test]
    async fn unchanged_state_is_not_redrawn() {
        let mut p = Counter::default();
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let mut fw = frames();
        go(
            &mut p,
            vec![vec![key('.')], vec![key('.')], vec![key('q')]],
            &mut rx,
            &mut fw,
        )
        .await;
        assert_eq!(p.draws.get(), 1);
    }

    #[tokio::test]
    async fn resize_always_redraws() {
        let mut p = Counter::default();
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let mut fw = frames();
        go(
            &mut p,
            vec![vec![TermEvent::Resize(40, 5)], vec![key('q')]],
            &mut rx,
            &mut fw,
        )
        .await;
        assert_eq!(p.draws.get(), 2);
    }

    #[tokio::test]
    async fn exit_signals_end_the_loop_with_their_code() {
        for (sig, code) in [
            (Signal::Hangup, 129),
            (Signal::Terminate, 143),
            (Signal::Interrupt, 130),
            (Signal::Other(libc::SIGQUIT), 131),
            (Signal::Other(libc::SIGUSR1), 138),
            (Signal::Other(libc::SIGALRM), 142),
        ] {
            let mut p = Counter::default();
            let (_tx, mut rx) = mpsc::unbounded_channel();
            let mut fw = frames();
            // Keys queued behind the signal in the same burst are not handled.
            let exit = go(
                &mut p,
                vec![vec![TermEvent::Signal(sig), key('z')]],
                &mut rx,
                &mut fw,
            )
            .await;
            assert_eq!(exit, Exit::Signal(sig));
            assert_eq!(exit.code(), code);
            assert!(p.keys.is_empty());
        }
        let mut p = Counter::default();
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let exit = go(
            &mut p,
            vec![vec![TermEvent::Closed]],
            &mut rx,
            &mut frames(),
        )
        .await;
        assert_eq!(exit, Exit::InputClosed);
    }

    #[tokio::test]
    async fn continue_signal_forces_a_full_redraw() {
        let mut p = Counter::default();
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let mut fw = frames();
        go(
            &mut p,
            vec![vec![TermEvent::Signal(Signal::Continue)], vec![key('q')]],
            &mut rx,
            &mut fw,
        )
        .await;
        assert_eq!(fw.frames_drawn(), 2);
        let out = fw.with_writer(|w| String::from_utf8_lossy(w).into_owned());
        // The fixed 40x5 test viewport is cleared row by row; nothing but
        // the clear after SIGCONT touches the last row.
        assert_eq!(
            out.matches("\x1b[5;1H").count(),
            1,
            "one clear, after SIGCONT: {out:?}"
        );
    }

    #[tokio::test]
    async fn effect_results_are_applied_in_order_and_drawn_once_per_batch() {
        let mut p = Counter::default();
        let (tx, mut rx) = mpsc::unbounded_channel();
        for m in [3, 1, 2, 0] {
            tx.send(m).unwrap();
        }
        let exit = go(&mut p, vec![], &mut rx, &mut frames()).await;
        assert_eq!(exit, Exit::Quit);
        assert_eq!(p.msgs, vec![3, 1, 2, 0]);
        assert_eq!(
            p.draws.get(),
            1,
            "only the first frame; the batch ended in quit"
        );
    }

    /// Issue 15's finding, fixed with issue 13: bytes a program has for
    /// the terminal (an OSC 52 copy) are written by the loop, between
    /// frames, never from a task behind its back.
    #[tokio::test]
    async fn program_output_is_written_by_the_loop_between_frames() {
        let mut p = Counter::default();
        let (tx, mut rx) = mpsc::unbounded_channel();
        for m in [7, 52, 0] {
            tx.send(m).unwrap();
        }
        let mut fw = frames();
        let exit = go(&mut p, vec![], &mut rx, &mut fw).await;
        assert_eq!(exit, Exit::Quit);
        assert_eq!(p.msgs, vec![7, 52, 0]);
        let out = fw.with_writer(|w| String::from_utf8_lossy(w).into_owned());
        let at = out.find("\x1b]52;c;aGk=\x07").expect("written");
        assert_eq!(out.matches("\x1b]52;").count(), 1, "once");
        // Outside every synchronized update: after an end, before a begin.
        let before = &out[..at];
        assert_eq!(
            before.matches("\x1b[?2026h").count(),
            before.matches("\x1b[?2026l").count(),
            "inside a frame: {out:?}"
        );
    }

    #[tokio::test]
    async fn ticks_arrive_only_while_animating() {
        let mut p = Counter {
            animate_until: 3,
            ..Counter::default()
        };
        let (_tx, mut rx) = mpsc::unbounded_channel();
        let exit = go(&mut p, vec![], &mut rx, &mut frames()).await;
        assert_eq!(exit, Exit::Quit);
        assert_eq!(p.ticks, 3);
        // Each tick but the last (which quit) redrew.
        assert_eq!(p.draws.get(), 3);
    }
}
