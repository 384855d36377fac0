//! Writing frames: one write per frame, inside a synchronized update, and
//! only when something changed.
//!
//! Over SSH every write is a packet and every half-drawn frame is visible
//! tearing. So ratatui's output goes into a [`FrameBuf`] that holds the
//! whole frame (ratatui flushes after each draw; the buffer ignores that),
//! and [`FrameWriter::draw`] sends it with a single `write_all`, wrapped in
//! `BeginSynchronizedUpdate`/`EndSynchronizedUpdate` (DEC mode 2026) so
//! terminals that support it show the frame atomically; others ignore the
//! mode. This is the job a large `BufWriter` does, with the flush under
//! our control instead of ratatui's.

use std::io::{self, Stdout, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use crossterm::queue;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

/// Initial capacity of the frame buffer: a full 200×60 redraw with colours
/// fits without reallocating.
const FRAME_CAPACITY: usize = 64 * 1024;

/// A writer that collects a frame and only passes it on in
/// [`FrameBuf::commit`]. `flush` is deliberately a no-op. Cloning gives a
/// second handle on the same buffer: ratatui's backend owns one, the
/// [`FrameWriter`] keeps the other to commit (the backend's own accessors
/// are unstable API in ratatui 0.30).
#[derive(Debug)]
pub struct FrameBuf<W: Write> {
    inner: Arc<Mutex<Inner<W>>>,
}

#[derive(Debug)]
struct Inner<W> {
    buf: Vec<u8>,
    out: W,
    /// Writes only while the terminal is in full-screen mode: set for the
    /// real terminal, so that a frame finished after a signal or a crash
    /// restored the terminal is dropped instead of drawn on the main screen.
    only_while_active: bool,
}

impl<W: Write> Clone for FrameBuf<W> {
    fn clone(&self) -> Self {
        FrameBuf {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<W: Write> FrameBuf<W> {
    /// Wraps `out`.
    pub fn new(out: W) -> FrameBuf<W> {
        FrameBuf {
            inner: Arc::new(Mutex::new(Inner {
                buf: Vec::with_capacity(FRAME_CAPACITY),
                out,
                only_while_active: false,
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<W>> {
        // A panic while holding the lock cannot leave the bytes in an
        // invalid state; keep going.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends everything collected in one `write_all` and flushes `out`.
    /// Returns the number of bytes sent.
    pub fn commit(&self) -> io::Result<usize> {
        let mut inner = self.lock();
        let Inner {
            buf,
            out,
            only_while_active,
        } = &mut *inner;
        if *only_while_active && !super::terminal::is_active() {
            // The terminal was restored behind the loop's back (SIGTERM,
            // SIGABRT, a panic): this frame would land on the main screen.
            buf.clear();
            return Ok(0);
        }
        let n = buf.len();
        if n > 0 {
            let result = out.write_all(buf).and_then(|()| out.flush());
            // Drop the frame even on error: after a failed write the next
            // frame is a full redraw anyway, and a dead terminal (SIGHUP)
            // must not make the buffer grow without bound.
            buf.clear();
            result?;
        }
        Ok(n)
    }

    /// Runs `f` on the underlying writer (tests inspect what was sent).
    pub fn with_out<R>(&self, f: impl FnOnce(&W) -> R) -> R {
        f(&self.lock().out)
    }
}

impl<W: Write> Write for FrameBuf<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.lock().buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The ratatui terminal type the console draws with.
pub type Term<W> = Terminal<CrosstermBackend<FrameBuf<W>>>;

/// Draws frames when, and only when, they are dirty.
pub struct FrameWriter<W: Write = Stdout> {
    terminal: Term<W>,
    buf: FrameBuf<W>,
    dirty: bool,
    full_redraw: bool,
    fixed: Option<Rect>,
    frames: u64,
}

impl<W: Write> std::fmt::Debug for FrameWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameWriter")
            .field("dirty", &self.dirty)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl FrameWriter<Stdout> {
    /// A full-screen writer on stdout. Call after
    /// [`crate::tui::terminal::TerminalGuard::enter`]. The first draw is
    /// pending (the writer starts dirty).
    pub fn stdout() -> io::Result<FrameWriter<Stdout>> {
        let writer = FrameWriter::with_viewport(io::stdout(), Viewport::Fullscreen)?;
        writer.buf.lock().only_while_active = true;
        Ok(writer)
    }
}

impl<W: Write> FrameWriter<W> {
    /// A writer on `out`. [`Viewport::Fixed`] draws into a given area and
    /// never asks the OS for the terminal size, which is what tests use.
    pub fn with_viewport(out: W, viewport: Viewport) -> io::Result<FrameWriter<W>> {
        let fixed = match viewport {
            Viewport::Fixed(area) => Some(area),
            _ => None,
        };
        let buf = FrameBuf::new(out);
        let terminal = Terminal::with_options(
            CrosstermBackend::new(buf.clone()),
            TerminalOptions { viewport },
        )?;
        Ok(FrameWriter {
            terminal,
            buf,
            dirty: true,
            full_redraw: false,
            fixed,
            frames: 0,
        })
    }

    /// Something visible changed: the next [`FrameWriter::draw`] draws.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Whether a draw is pending.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The screen may have been drawn over (after a suspend, or by a
    /// program run in between): clear it and redraw every cell, not just
    /// the cells ratatui believes changed.
    pub fn force_full_redraw(&mut self) {
        self.full_redraw = true;
        self.dirty = true;
    }

    /// Frames drawn so far.
    pub fn frames_drawn(&self) -> u64 {
        self.frames
    }

    /// Runs `f` on the underlying writer (tests inspect what was sent).
    pub fn with_writer<R>(&self, f: impl FnOnce(&W) -> R) -> R {
        self.buf.with_out(f)
    }

    /// Sends `bytes` to the terminal as they are, between frames (the
    /// frame buffer is empty outside [`FrameWriter::draw`]): out-of-band
    /// sequences such as an OSC 52 clipboard write.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut inner = self.buf.lock();
        inner.out.write_all(bytes)?;
        inner.out.flush()
    }

    /// Draws with `render` if dirty and sends the frame in one write inside
    /// a synchronized update. Returns whether a frame was drawn.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame<'_>)) -> io::Result<bool> {
        if !self.dirty {
            return Ok(false);
        }
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        if std::mem::take(&mut self.full_redraw) {
            // `Terminal::clear` would ask the terminal for the cursor
            // position; `resize` clears and resets the back buffer without
            // any query.
            let area = match self.fixed {
                Some(area) => area,
                None => {
                    let size = self.terminal.size()?;
                    Rect::new(0, 0, size.width, size.height)
                }
            };
            self.terminal.resize(area)?;
        }
        self.terminal.draw(render)?;
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.buf.commit()?;
        self.dirty = false;
        self.frames += 1;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    #[test]
    fn a_frame_for_the_real_terminal_is_dropped_once_it_was_restored() {
        // The unit tests never enter full-screen mode, so the terminal
        // reads as restored, as it does after a signal handler ran.
        assert!(!super::super::terminal::is_active());
        let buf = FrameBuf::new(Vec::new());
        buf.clone().write_all(b"frame").unwrap();
        assert_eq!(buf.commit().unwrap(), 5, "an ordinary writer writes");
        assert_eq!(buf.with_out(|o| o.clone()), b"frame");
        buf.lock().only_while_active = true;
        buf.clone().write_all(b"late frame").unwrap();
        assert_eq!(buf.commit().unwrap(), 0);
        assert_eq!(
            buf.with_out(|o| o.clone()),
            b"frame",
            "nothing after restore"
        );
        assert!(
            buf.lock().buf.is_empty(),
            "the late frame is not kept either"
        );
    }

    /// Records each `write` call separately.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            self.0.push(data.to_vec());
            Ok(data.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn writer() -> FrameWriter<Writes> {
        FrameWriter::with_viewport(Writes::default(), Viewport::Fixed(Rect::new(0, 0, 100, 30)))
            .unwrap()
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    #[test]
    fn a_frame_leaves_in_one_write_inside_a_synchronized_update() {
        let mut fw = writer();
        let drew = fw
            .draw(|f| {
                for y in 0..30 {
                    f.render_widget(Line::raw("x".repeat(100)), Rect::new(0, y, 100, 1));
                }
            })
            .unwrap();
        assert!(drew);
        let writes = fw.with_writer(|w| w.0.clone());
        assert_eq!(writes.len(), 1, "a frame must be a single write");
        let out = text(&writes[0]);
        assert!(out.len() > 3000, "whole frame present: {}", out.len());
        assert!(out.starts_with("\x1b[?2026h"), "{:?}", &out[..20]);
        assert!(out.ends_with("\x1b[?2026l"), "{:?}", &out[out.len() - 20..]);
    }

    #[test]
    fn nothing_is_written_unless_dirty() {
        let mut fw = writer();
        fw.draw(|f| f.render_widget(Line::raw("a"), f.area()))
            .unwrap();
        assert!(!fw.is_dirty());
        assert!(!fw.draw(|_| panic!("must not render when clean")).unwrap());
        assert_eq!(fw.with_writer(|w| w.0.len()), 1);
        assert_eq!(fw.frames_drawn(), 1);
    }

    #[test]
    fn unchanged_content_sends_only_the_sync_markers() {
        let mut fw = writer();
        fw.draw(|f| f.render_widget(Line::raw("same"), f.area()))
            .unwrap();
        fw.mark_dirty();
        fw.draw(|f| f.render_widget(Line::raw("same"), f.area()))
            .unwrap();
        let second = fw.with_writer(|w| text(&w.0[1]));
        assert!(
            !second.contains("same"),
            "diffing must skip unchanged cells: {second:?}"
        );
    }

    #[test]
    fn full_redraw_clears_and_repaints_every_cell_without_querying() {
        let mut fw = writer();
        fw.draw(|f| f.render_widget(Line::raw("same"), f.area()))
            .unwrap();
        fw.force_full_redraw();
        assert!(fw.is_dirty());
        fw.draw(|f| f.render_widget(Line::raw("same"), f.area()))
            .unwrap();
        let second = fw.with_writer(|w| text(&w.0[1]));
        // A fixed viewport is cleared by blanking each row (a fullscreen
        // one with ED 2); either way every row is rewritten.
        assert!(
            second.contains("\x1b[30;1H"),
            "last row cleared: {second:?}"
        );
        assert!(second.contains("same"), "content repainted: {second:?}");
        assert!(!second.contains("\x1b[6n"), "no cursor position query");
        let clear_at = second.find("\x1b[1;1H").unwrap();
        assert!(
            second.find("\x1b[?2026h").unwrap() < clear_at,
            "clear inside the sync update"
        );
    }
}
