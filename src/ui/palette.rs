//! The command palette: a box near the top with the typed text and the
//! matching commands, each with its key, so the palette also teaches the
//! keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::App;
use crate::app::palette::Palette;
use crate::i18n::{Msg, tr};
use crate::text::{fit, width};
use crate::theme::Role;
use crate::ui::cells;

/// Draws the palette over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, palette: &Palette) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let matches = palette.matches(lang);
    let w = area.width.saturating_sub(4).min(64);
    let h = (matches.len().max(1) as u16 + 3).min(area.height.saturating_sub(2));
    if w < 20 || h < 4 {
        return;
    }
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    Clear.render(r, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme.style(Role::BorderFocused))
        .title(Span::styled(
            format!(" {} ", tr(lang, Msg::PaletteTitle)),
            theme.style(Role::Title),
        ));
    let inner = block.inner(r);
    block.render(r, frame.buffer_mut());
    let room = inner.width.saturating_sub(2) as usize;
    let value = crate::sanitize::clean(palette.input.value());
    let scroll = palette.input.visual_scroll(room);
    let shown: String = value.chars().skip(scroll).collect();
    let input_line = Line::from(vec![
        Span::styled(":", theme.style(Role::Accent)),
        Span::styled(fit(&shown, room), theme.style(Role::Text)),
    ]);
    cells::lines(
        frame.buffer_mut(),
        Rect { height: 1, ..inner },
        &[input_line],
    );
    let col = palette
        .input
        .visual_cursor()
        .saturating_sub(scroll)
        .min(room);
    frame.set_cursor_position(Position {
        x: inner.x + 1 + col as u16,
        y: inner.y,
    });
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    if matches.is_empty() {
        cells::lines(
            frame.buffer_mut(),
            list,
            &[Line::styled(
                tr(lang, Msg::PaletteNoMatch),
                theme.style(Role::Muted),
            )],
        );
        return;
    }
    let visible = list.height as usize;
    let first = cells::scroll_for(palette.selected, visible);
    let cmd_w = matches.iter().map(|e| width(e.command)).max().unwrap_or(0);
    let lines: Vec<Line> = matches
        .iter()
        .skip(first)
        .take(visible)
        .map(|e| {
            let keys = crate::app::palette::keys_here(app, e.action);
            let label = palette.label(e, lang);
            let left = format!(" {} ", fit(e.command, cmd_w));
            let right = format!(" {keys} ");
            let mid_w = (list.width as usize).saturating_sub(width(&left) + width(&right));
            Line::from(vec![
                Span::styled(left, theme.style(Role::Accent)),
                Span::styled(fit(&label, mid_w), theme.style(Role::Text)),
                Span::styled(right, theme.style(Role::Key)),
            ])
        })
        .collect();
    cells::lines(frame.buffer_mut(), list, &lines);
    cells::select(
        frame.buffer_mut(),
        list,
        list.y + (palette.selected - first) as u16,
        theme,
    );
}
