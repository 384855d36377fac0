//! Building blocks every pane uses: spinner, too-small screen, tab bar,
//! hint bar, status line, pane frame with loading/empty/error states and
//! the confirmation dialog.
//!
//! All of them are pure: they read what they are given (including the tick
//! counter and the current `Instant`) and never read a clock, so the same
//! input draws the same cells and snapshots are stable.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::keymap::{Action, KeyHint, Keymap};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::text::{truncate, width};
use crate::theme::{Role, Theme};

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

mod bars;
mod confirm_dialog;
mod pane_frame;
mod status_line;

pub use bars::*;
pub use confirm_dialog::*;
pub use pane_frame::*;
pub use status_line::*;

/// The room inside a frame, one column in from each side: text never
/// touches a border.
pub fn padded(inner: Rect) -> Rect {
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// Draws `block` over `rect` and returns the room inside it ([`padded`]).
pub fn framed(block: Block<'_>, rect: Rect, buf: &mut Buffer) -> Rect {
    let inner = block.inner(rect);
    block.render(rect, buf);
    padded(inner)
}

/// Whether `area` is below the minimum size.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

const SPINNER_FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner glyph for tick `tick`. The loop counts ticks only while
/// something animates, so there is no timer in here.
pub fn spinner(tick: u64) -> &'static str {
    SPINNER_FRAMES[(tick % SPINNER_FRAMES.len() as u64) as usize]
}

/// A rectangle of `w`×`h` centred in `area`, clamped to it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// How many rows `lines` take when word-wrapped at `width` cells, the way
/// `Paragraph` with `Wrap` lays them out (greedy, words longer than a row
/// split). Used to centre and size boxes around wrapped text.
pub fn wrapped_height(lines: &[Line<'_>], width: u16) -> usize {
    let w = width.max(1) as usize;
    lines
        .iter()
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let mut rows = 1;
            let mut used = 0;
            for word in text.split_whitespace() {
                let ww = crate::text::width(word);
                let need = if used == 0 { ww } else { used + 1 + ww };
                if need <= w {
                    used = need;
                } else if ww <= w {
                    rows += 1;
                    used = ww;
                } else {
                    // A word wider than the row is broken across rows.
                    if used > 0 {
                        rows += 1;
                    }
                    rows += (ww - 1) / w;
                    used = ww - (ww - 1) / w * w;
                }
            }
            rows
        })
        .sum()
}

pub use crate::app::keymap::keys_label;
/// The keys that scroll down (`down`) or back to the top, short, for the
/// "more below" marker: the first non-arrow key of a line step and the
/// first page key (`j/PgDn`, `g/PgUp`).
pub fn scroll_keys(keymap: &Keymap, down: bool) -> String {
    let (step, page) = if down {
        (Action::Down, Action::PageDown)
    } else {
        (Action::Top, Action::PageUp)
    };
    // A letter reads shorter than an arrow or `Home`; the page key as bound.
    let first = |action: Action, letter: bool| {
        let keys = keymap.keys_for(action);
        keys.iter()
            .find(|k| !letter || matches!(k.code, crossterm::event::KeyCode::Char(_)))
            .or(keys.first())
            .map(ToString::to_string)
    };
    [first(step, true), first(page, false)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("/")
}

/// The marker a scrolled text draws in its bottom border: "↓ mais: j/PgDn"
/// while more follows below, "↑ início: g/PgUp" at the end of a text that
/// was scrolled, nothing when everything shows. `pane` names the page
/// keys (a customer pane, where `j`/`k` move between items) instead of
/// the line keys (help, logs).
pub fn scroll_marker(
    keymap: &Keymap,
    lang: Lang,
    hidden: crate::ui::cells::Hidden,
    pane: bool,
) -> Option<String> {
    if hidden.below {
        let keys = if pane {
            keys_label(keymap, Action::PageDown)
        } else {
            scroll_keys(keymap, true)
        };
        Some(trf(lang, Msg::ScrollMoreBelow, &[("keys", &keys)]))
    } else if hidden.above {
        Some(trf(
            lang,
            Msg::ScrollMoreAbove,
            &[("keys", &scroll_keys(keymap, false))],
        ))
    } else {
        None
    }
}

/// Draws `marker` into the bottom border of `frame_area` (a bordered
/// box), at its left, in the accent role so it is seen.
pub fn draw_scroll_marker(buf: &mut Buffer, frame_area: Rect, marker: &str, theme: &Theme) {
    if frame_area.height < 2 || frame_area.width < 6 {
        return;
    }
    let room = frame_area.width.saturating_sub(4) as usize;
    let text = format!(" {} ", truncate(marker, room.saturating_sub(2)));
    Line::styled(text, theme.style(Role::Accent)).render(
        Rect {
            x: frame_area.x + 1,
            y: frame_area.y + frame_area.height - 1,
            width: frame_area.width.saturating_sub(2),
            height: 1,
        },
        buf,
    );
}

/// The "terminal too small" screen: current and minimum size, and how to
/// quit, centred and wrapped so it reads even at 20 columns.
#[derive(Debug, Clone)]
pub struct TooSmall<'a> {
    /// Language of the text.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
    /// Key(s) that quit, as displayed (from [`keys_label`]).
    pub quit_keys: &'a str,
}

impl Widget for TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let headline = trf(
            self.lang,
            Msg::TerminalTooSmall,
            &[
                ("width", &area.width),
                ("height", &area.height),
                ("min_width", &MIN_WIDTH),
                ("min_height", &MIN_HEIGHT),
            ],
        );
        let hint = trf(
            self.lang,
            Msg::TerminalTooSmallHint,
            &[("key", &self.quit_keys)],
        );
        let text = vec![
            Line::styled(headline, self.theme.style(Role::Warning)),
            Line::styled(hint, self.theme.style(Role::Muted)),
        ];
        let paragraph = Paragraph::new(text.clone())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true });
        let lines = wrapped_height(&text, area.width).min(area.height as usize) as u16;
        let inner = Rect {
            y: area.y + (area.height - lines) / 2,
            height: lines,
            ..area
        };
        paragraph.render(inner, buf);
    }
}

#[cfg(test)]
mod tests;
