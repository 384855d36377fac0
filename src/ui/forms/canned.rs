//! The canned-text list over an action form (`Ctrl-T`): its filter on
//! top, the texts' names, the selected one filled as it will go into the
//! field, a warning when a placeholder had no value, and the keys. Fits
//! 80x24: at most 8 names show at once (the list scrolls), the preview
//! takes at most 4 lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::forms::Form;
use crate::app::forms::pick::{Picker, filtered};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;
use crate::theme::{Role, Theme};
use crate::ui::cells;
use crate::ui::widgets::{centered, wrapped_height};

/// Names shown at once.
const ROWS: usize = 8;
/// Lines of the preview.
const PREVIEW: usize = 4;

/// Draws the list of `form`'s canned texts open in `picker` over `area`;
/// returns where the cursor belongs (the filter).
pub(super) fn draw(
    form: &Form,
    picker: &Picker,
    lang: Lang,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let canned = form.canned();
    let names: Vec<String> = canned
        .iter()
        .map(|c| clean_line(&c.name).into_owned())
        .collect();
    let rows = filtered(&names, picker.filter.value());
    let selected = rows.get(picker.selected).and_then(|i| canned.get(*i));

    let w = area.width.saturating_sub(4).min(72);
    let inner_w = w.saturating_sub(4);
    let list_h = rows.len().clamp(1, ROWS);
    let preview: Vec<Line> = selected
        .map(|c| {
            let mut lines = vec![Line::styled(c.text.clone(), theme.style(Role::Text))];
            if !c.missing.is_empty() {
                lines.push(Line::styled(
                    format!(
                        "{} {}",
                        theme.glyph(Role::Warning),
                        trf(
                            lang,
                            Msg::FormTemplateUnfilled,
                            &[(
                                "placeholders",
                                &crate::ops::templates::written_list(&c.missing)
                            )]
                        )
                    ),
                    theme.style(Role::Warning),
                ));
            }
            lines
        })
        .unwrap_or_default();
    let text_h = preview.first().map_or(0, |l| {
        wrapped_height(std::slice::from_ref(l), inner_w).min(PREVIEW)
    });
    let warn_h = preview
        .get(1)
        .map_or(0, |l| wrapped_height(std::slice::from_ref(l), inner_w));
    // Borders, filter, list, blank, preview, warning, blank, keys.
    let h = (2 + 1 + list_h + 1 + text_h + warn_h + 1 + 1) as u16;
    let rect = centered(area, w, h.min(area.height));
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.style(Role::BorderFocused))
        .title(Span::styled(
            format!(" {} ", tr(lang, Msg::TemplatePickerTitle)),
            theme.style(Role::Title),
        ));
    let inner = crate::ui::widgets::framed(block, rect, buf);
    if inner.height < 3 {
        return None;
    }
    // What was typed to narrow the list, and the cursor there.
    let label = format!("{}: ", tr(lang, Msg::FilterLabel));
    let typed = clean_line(picker.filter.value()).into_owned();
    cells::lines(
        buf,
        Rect { height: 1, ..inner },
        &[Line::from(vec![
            Span::styled(label.clone(), theme.style(Role::Muted)),
            Span::styled(typed, theme.style(Role::Text)),
        ])],
    );
    let cursor = Position {
        x: inner.x + crate::text::width(&label) as u16 + picker.filter.visual_cursor() as u16,
        y: inner.y,
    };
    // The names, the selected one marked (the glyph survives mono).
    let room = (inner.height as usize).saturating_sub(3);
    let list_area = Rect {
        y: inner.y + 1,
        height: list_h.min(room) as u16,
        ..inner
    };
    let first = cells::scroll_for(picker.selected, list_area.height as usize);
    let lines: Vec<Line> = if rows.is_empty() {
        vec![Line::styled(
            tr(lang, Msg::TemplatePickerNone),
            theme.style(Role::Muted),
        )]
    } else {
        rows.iter()
            .enumerate()
            .skip(first)
            .take(list_area.height as usize)
            .map(|(row, i)| {
                let mark = if row == picker.selected { "▸ " } else { "  " };
                Line::styled(format!("{mark}{}", names[*i]), theme.style(Role::Text))
            })
            .collect()
    };
    cells::lines(buf, list_area, &lines);
    if !rows.is_empty() {
        cells::select(
            buf,
            list_area,
            list_area.y + picker.selected.saturating_sub(first) as u16,
            theme,
        );
    }
    // The selected text as it will go in, then the keys at the bottom.
    let keys_y = inner.y + inner.height - 1;
    let mut preview_y = list_area.y + list_area.height + 1;
    let mut preview = preview.into_iter();
    for height in [text_h, warn_h] {
        let Some(line) = preview.next() else { break };
        let rect = Rect {
            y: preview_y.min(keys_y),
            height: (height as u16).min(keys_y.saturating_sub(preview_y)),
            ..inner
        };
        Paragraph::new(line)
            .wrap(Wrap { trim: true })
            .render(rect, buf);
        preview_y += rect.height;
    }
    cells::lines(
        buf,
        Rect {
            y: keys_y,
            height: 1,
            ..inner
        },
        &[Line::styled(
            tr(lang, Msg::TemplatePickerKeys),
            theme.style(Role::Muted),
        )],
    );
    Some(cursor)
}
