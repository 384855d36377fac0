//! The status line: draws the app's current status message.

use super::*;

pub use crate::app::status::{StatusKind, StatusMessage};
/// The status line: the current message (if not expired at `now`) on the
/// left, badges (profile, read-only, demo) on the right. A message longer
/// than its row wraps onto more rows ([`StatusLine::rows`] says how many
/// it needs), so an action's result is read whole; past the rows it is
/// given it ends in "…" (the message log keeps it whole).
#[derive(Debug, Clone)]
pub struct StatusLine<'a> {
    /// The latest message, if any.
    pub message: Option<&'a StatusMessage>,
    /// The instant the frame is drawn for, passed in by the loop.
    pub now: Instant,
    /// Right-aligned badges, e.g. the profile name and "read-only";
    /// each is drawn as an alert banner cell.
    pub badges: &'a [&'a str],
    /// A spinner is shown before the message while this is set (an action
    /// in flight); the value is the current tick.
    pub busy_tick: Option<u64>,
    /// Theme.
    pub theme: &'a Theme,
}

impl StatusLine<'_> {
    fn badge_spans(&self) -> Vec<Span<'static>> {
        let mut right: Vec<Span> = Vec::new();
        for badge in self.badges {
            right.push(Span::raw(" "));
            right.push(Span::styled(
                format!(" {badge} "),
                self.theme.style(Role::AlertBanner),
            ));
        }
        right
    }

    /// The message's rows at `width` (before wrapping to the rows given),
    /// spinner and glyph included; empty without a visible message.
    fn message_rows(&self, cols: u16) -> Vec<Line<'static>> {
        let mut first: Vec<Span> = Vec::new();
        if let Some(tick) = self.busy_tick {
            first.push(Span::styled(
                format!(" {}", spinner(tick)),
                self.theme.style(Role::Accent),
            ));
        }
        let Some(msg) = self.message.filter(|m| m.visible_at(self.now)) else {
            return if first.is_empty() {
                Vec::new()
            } else {
                vec![Line::from(first)]
            };
        };
        let (role, glyph) = match msg.kind {
            StatusKind::Info => (Role::Text, ""),
            StatusKind::Ok => (Role::Ok, self.theme.glyph(Role::Ok)),
            StatusKind::Error => (Role::Danger, self.theme.glyph(Role::Danger)),
        };
        let prefix = if glyph.is_empty() {
            " ".to_owned()
        } else {
            format!(" {glyph} ")
        };
        let indent = first.iter().map(|s| width(&s.content)).sum::<usize>() + width(&prefix);
        first.push(Span::styled(prefix, self.theme.style(role)));
        first.push(Span::styled(msg.text.clone(), self.theme.style(role)));
        // The badges sit at the right of the first row only.
        let badges: usize = self.badge_spans().iter().map(|s| width(&s.content)).sum();
        let room = (cols as usize).saturating_sub(badges + 1).max(indent + 8);
        crate::ui::cells::wrap_line_first(&Line::from(first), room, cols as usize, indent)
    }

    /// How many rows the status line wants at `width`, at most `max`.
    pub fn rows(&self, width: u16, max: u16) -> u16 {
        (self.message_rows(width).len() as u16).clamp(1, max.max(1))
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        buf.set_style(area, self.theme.style(Role::StatusBar));
        let right = self.badge_spans();
        let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
        let right_w = right_w.min(area.width as usize) as u16;
        let right_area = Rect {
            x: area.x + area.width - right_w,
            width: right_w,
            height: 1,
            ..area
        };
        let mut rows = self.message_rows(area.width);
        let shown = rows.len().min(area.height as usize);
        if rows.len() > shown && shown > 0 {
            // More than the rows given: say so at the end of the last one.
            rows[shown - 1].spans.push(Span::styled(
                crate::text::ELLIPSIS.to_string(),
                self.theme.style(Role::Muted),
            ));
        }
        for (i, row) in rows.iter().take(shown).enumerate() {
            let y = area.y + i as u16;
            let room = if i == 0 {
                area.width - right_w
            } else {
                area.width
            };
            crate::ui::cells::ellipsize(row, room as usize).render(
                Rect {
                    y,
                    width: room,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        Line::from(right).render(right_area, buf);
    }
}
