//! What the list panes (invoices, tickets, orders, connections) share:
//! the frame with the pane's loading/empty/error state, and the split of
//! the inner area into a list with a header row and a detail part.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::keymap::Action;
use crate::app::{App, Remote};
use crate::ui::cells::{self, scroll_for, select};
use crate::ui::widgets::{PaneFrame, PaneState, keys_label};

/// Draws the frame of a pane holding `remote` and returns the inner area
/// (one column of padding each side) when there is data to draw.
pub fn frame<T>(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    title: &str,
    remote: &Remote<T>,
    is_empty: impl Fn(&T) -> bool,
    focused: bool,
) -> Option<Rect> {
    let retry = keys_label(&app.keymap, Action::Refresh);
    let state = match (&remote.data, &remote.error) {
        (_, Some(e)) => PaneState::Error(e),
        (None, None) => PaneState::Loading,
        (Some(d), None) if is_empty(d) => PaneState::Empty,
        (Some(_), None) => PaneState::Ready,
    };
    let inner = PaneFrame {
        title,
        focused,
        state,
        tick: app.tick,
        retry_keys: &retry,
        lang: app.lang(),
        theme: &app.settings.theme,
    }
    .render_pane(area, frame.buffer_mut())?;
    Some(Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    })
}

/// A list with a header row, for [`list`].
#[derive(Debug)]
pub struct List<'a> {
    /// Column titles.
    pub header: Line<'a>,
    /// One line per item.
    pub rows: Vec<Line<'a>>,
    /// The selected item (kept visible).
    pub selected: usize,
    /// Highlight the selection (the pane has focus).
    pub focused: bool,
    /// Percent of the height the list may take (at least 3 rows).
    pub share: u16,
}

/// Draws `list` in the top part of `area` (scrolled so the selection
/// shows) and returns the area left below for the selected item's details.
pub fn list(frame: &mut Frame<'_>, area: Rect, app: &App, list: List<'_>) -> Rect {
    let theme = &app.settings.theme;
    let List {
        header,
        rows,
        selected,
        focused,
        share,
    } = list;
    let wanted = rows.len() as u16 + 1;
    let cap = (area.height * share / 100).max(3).min(area.height);
    let list_h = wanted.min(cap);
    let visible = list_h.saturating_sub(1) as usize;
    let first = scroll_for(selected, visible);
    let mut out = vec![header];
    out.extend(rows.into_iter().skip(first).take(visible));
    let list_area = Rect {
        height: list_h,
        ..area
    };
    cells::lines(frame.buffer_mut(), list_area, &out);
    if focused && visible > 0 {
        select(
            frame.buffer_mut(),
            list_area,
            list_area.y + 1 + (selected - first) as u16,
            theme,
        );
    }
    let rest_y = area.y + list_h;
    Rect {
        y: rest_y,
        height: (area.y + area.height).saturating_sub(rest_y),
        ..area
    }
}
