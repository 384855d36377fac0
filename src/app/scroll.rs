//! A scroll position whose end only the drawing knows.
//!
//! How many lines a pane's text, the help or a log takes depends on the
//! terminal's width (wrapping) and on the layout, which belong to `ui/`.
//! `update` moves the offset; the drawing clamps it and reports the largest
//! useful offset back through [`Scroll::set_limit`], the way ratatui's
//! `ListState` keeps the offset a list was drawn at. The report is layout
//! feedback, not business state: without it (before the first frame, or
//! in `update()` tests) the offset simply is not clamped, and drawing
//! clamps what it shows.
//!
//! Clamping in `update` matters for the keys that come next: after `End`
//! (or one `PgDn` too many) a `PgUp` must move the text at once, not first
//! walk back through offsets past the end.

use std::cell::Cell;

/// A scroll offset and the limit reported by the last frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    offset: u16,
    limit: Cell<Option<u16>>,
}

impl Scroll {
    /// At the top, no limit known yet.
    pub fn new() -> Scroll {
        Scroll::default()
    }

    /// The first line to show (drawing clamps it again to what it has).
    pub fn offset(&self) -> u16 {
        match self.limit.get() {
            Some(max) => self.offset.min(max),
            None => self.offset,
        }
    }

    /// The largest useful offset at the last frame, if one was drawn.
    pub fn limit(&self) -> Option<u16> {
        self.limit.get()
    }

    /// Called by the drawing: the largest offset that still shows text.
    pub fn set_limit(&self, max: u16) {
        self.limit.set(Some(max));
    }

    /// Moves by `delta` lines (negative: up), clamped to the limit when one
    /// is known. Returns whether the offset changed.
    pub fn by(&mut self, delta: i32) -> bool {
        let from = self.offset();
        let to = (i32::from(from) + delta).clamp(0, i32::from(u16::MAX)) as u16;
        self.set(to, from)
    }

    /// Back to the first line. Returns whether the offset changed.
    pub fn top(&mut self) -> bool {
        let from = self.offset();
        self.set(0, from)
    }

    /// To the end: the limit when known, else as far as the drawing allows.
    pub fn end(&mut self) -> bool {
        let from = self.offset();
        self.set(self.limit.get().unwrap_or(u16::MAX), from)
    }

    /// Back to the top and forget the limit (the text changed).
    pub fn reset(&mut self) {
        self.offset = 0;
        self.limit.set(None);
    }

    fn set(&mut self, to: u16, from: u16) -> bool {
        let to = match self.limit.get() {
            Some(max) => to.min(max),
            None => to,
        };
        self.offset = to;
        to != from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_frame_the_offset_moves_freely_and_stops_at_zero() {
        let mut s = Scroll::new();
        assert!(s.by(10));
        assert_eq!(s.offset(), 10);
        assert!(s.by(-4));
        assert_eq!(s.offset(), 6);
        assert!(s.by(-100));
        assert_eq!(s.offset(), 0);
        assert!(!s.by(-1), "already at the top");
        assert!(s.end());
        assert_eq!(s.offset(), u16::MAX);
    }

    #[test]
    fn the_drawn_limit_clamps_so_going_back_up_moves_at_once() {
        let mut s = Scroll::new();
        s.set_limit(12);
        assert!(s.end());
        assert_eq!(s.offset(), 12);
        assert!(!s.by(5), "nothing below the end");
        assert!(!s.end());
        assert!(s.by(-5));
        assert_eq!(s.offset(), 7);
        // An offset set before the limit was known is read clamped.
        let mut t = Scroll::new();
        t.by(40);
        t.set_limit(3);
        assert_eq!(t.offset(), 3);
        assert!(t.by(-1));
        assert_eq!(t.offset(), 2);
        assert!(t.top());
        assert!(!t.top());
    }

    #[test]
    fn reset_goes_to_the_top_and_forgets_the_limit() {
        let mut s = Scroll::new();
        s.set_limit(2);
        s.end();
        s.reset();
        assert_eq!((s.offset(), s.limit()), (0, None));
        assert!(s.by(9));
        assert_eq!(s.offset(), 9);
    }
}
