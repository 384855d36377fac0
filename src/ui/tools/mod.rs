//! The tool screens (issue 7): one file per tool, and what they share:
//! the screen frame with its optional tab bar, and the `/` filter line.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::keymap::Action;
use crate::app::tools::{ListFilter, Tool};
use crate::i18n::{Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells;
use crate::ui::widgets::keys_label;

pub mod cities;
pub mod network;
pub mod pbx;
pub mod receivables;
pub mod sales;

/// Draws the tool screen `tool` in `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, tool: Tool) {
    match tool {
        Tool::Cities => cities::draw(frame, area, app),
        Tool::Sales(tab) => sales::draw(frame, area, app, tab),
        Tool::Receivables => receivables::draw(frame, area, app),
        Tool::Pbx => pbx::draw(frame, area, app),
        Tool::Network => network::draw(frame, area, app),
    }
}

/// Draws the selected item's `lines` below a tool's list, in `rest`,
/// scrolled where the attendant put them (`ToolsState::detail`), and the
/// "more below" / "back to the top" marker in the bottom border of the
/// tool's pane `pane`.
pub fn detail_lines(frame: &mut Frame<'_>, pane: Rect, rest: Rect, app: &App, lines: &[Line<'_>]) {
    let hidden = cells::scrolled_lines(frame.buffer_mut(), rest, lines, Some(&app.tools.detail));
    crate::ui::detail::marker(frame, pane, app, hidden);
}

/// Splits `area` into the list area and the one-line filter area at its
/// bottom, and draws the filter there: what was typed and how many rows it
/// leaves, or which key starts filtering. Places the cursor while editing.
pub fn filter_line(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    filter: &ListFilter,
    shown: usize,
    total: usize,
) -> Rect {
    if area.height < 2 {
        return area;
    }
    let theme = &app.settings.theme;
    let lang = app.lang();
    let line_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let line = if filter.editing || !filter.is_empty() {
        let label = format!("{}: ", tr(lang, Msg::FilterLabel));
        let count = format!(
            "  {}",
            trf(
                lang,
                Msg::FilterCount,
                &[("shown", &shown), ("total", &total)]
            )
        );
        let room = (area.width as usize)
            .saturating_sub(crate::text::width(&label) + crate::text::width(&count) + 1);
        let value = crate::sanitize::clean(filter.input.value());
        let scroll = filter.input.visual_scroll(room);
        let visible: String = value.chars().skip(scroll).collect();
        if filter.editing {
            let col = filter
                .input
                .visual_cursor()
                .saturating_sub(scroll)
                .min(room);
            frame.set_cursor_position(Position {
                x: line_area.x + crate::text::width(&label) as u16 + col as u16,
                y: line_area.y,
            });
        }
        let role = if filter.editing {
            Role::Text
        } else {
            Role::Accent
        };
        Line::from(vec![
            Span::styled(label, theme.style(Role::Muted)),
            Span::styled(crate::text::fit(&visible, room), theme.style(role)),
            Span::styled(count, theme.style(Role::Muted)),
        ])
    } else {
        let key = keys_label(&app.keymap, Action::Search);
        Line::styled(
            trf(lang, Msg::FilterHint, &[("key", &key)]),
            theme.style(Role::Muted),
        )
    };
    cells::lines(frame.buffer_mut(), line_area, &[line]);
    Rect {
        height: area.height - 1,
        ..area
    }
}
