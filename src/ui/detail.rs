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
    Some(crate::ui::widgets::padded(inner))
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
    let total = rows.len();
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
    cells::list_position(
        frame.buffer_mut(),
        Rect {
            height: 1,
            ..list_area
        },
        first,
        visible,
        total,
        theme,
    );
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

/// Draws the "more below" / "back to the top" marker of a pane's text in
/// the bottom border of the pane's `area`.
pub fn marker(frame: &mut Frame<'_>, area: Rect, app: &App, hidden: cells::Hidden) {
    if let Some(text) = crate::ui::widgets::scroll_marker(&app.keymap, app.lang(), hidden, true) {
        crate::ui::widgets::draw_scroll_marker(
            frame.buffer_mut(),
            area,
            &text,
            &app.settings.theme,
        );
    }
}

/// The scroll of `pane`'s text when it has the focus (only the focused
/// pane scrolls; the others show their top).
pub fn scroll_of(
    view: &crate::app::CustomerView,
    focused: bool,
) -> Option<&crate::app::scroll::Scroll> {
    focused.then_some(&view.detail_scroll)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Settings;
    use crate::app::keymap::Keymap;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn draw(rows: usize, selected: usize) -> String {
        let app = App::new(Settings::default(), Keymap::default());
        let mut t = Terminal::new(TestBackend::new(40, 6)).unwrap();
        t.draw(|f| {
            list(
                f,
                f.area(),
                &app,
                List {
                    header: Line::raw("Início"),
                    rows: (1..=rows)
                        .map(|i| Line::raw(format!("sessão {i}")))
                        .collect(),
                    selected,
                    focused: true,
                    share: 100,
                },
            );
        })
        .unwrap();
        let buf = t.backend().buffer();
        (0..6)
            .map(|y| (0..40).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Issue 13: a list longer than its rows says where it is and that
    /// more is below, in its header row.
    #[test]
    fn a_long_list_shows_its_position_and_more_below() {
        let top = draw(13, 0);
        assert!(
            top.lines().next().unwrap().trim_end().ends_with("1-5/13 ↓"),
            "{top}"
        );
        let end = draw(13, 12);
        assert!(
            end.lines().next().unwrap().trim_end().ends_with("9-13/13"),
            "{end}"
        );
        assert!(end.contains("sessão 13"));
        let short = draw(3, 0);
        assert!(!short.contains("/3"), "{short}");
    }
}
