//! The open list of a list field of the new-prospect form, drawn over the
//! form: its filter on top, the options (the chosen one marked `●`, plans
//! with their speeds), and its keys at the bottom.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::App;
use crate::app::tools::sales::form::{ChoiceValue, CitiesView, ProspectForm};
use crate::i18n::{Msg, tr};
use crate::theme::Role;
use crate::ui::cells;
use crate::ui::widgets::centered;

use super::speeds;

/// The chooser list over the form.
pub(super) fn draw_picker(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    form: &ProspectForm,
    cities: CitiesView<'_>,
) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let Some(picker) = form.form().picker() else {
        return;
    };
    let field = picker.field;
    let options = form.picker_options(cities, tr(lang, Msg::SalesOtherCity));
    let w = area.width.saturating_sub(4).min(72);
    let h = area
        .height
        .saturating_sub(2)
        .min(options.len() as u16 + 5)
        .max(6);
    let rect = centered(area, w, h);
    Clear.render(rect, frame.buffer_mut());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.style(Role::BorderFocused))
        .title(Span::styled(
            format!(" {} ", tr(lang, form.form().field(field).label)),
            theme.style(Role::Title),
        ));
    let inner = crate::ui::widgets::framed(block, rect, frame.buffer_mut());
    if inner.height < 3 {
        return;
    }
    let label = format!("{}: ", tr(lang, Msg::FilterLabel));
    let value = crate::sanitize::clean(picker.filter.value()).into_owned();
    cells::lines(
        frame.buffer_mut(),
        Rect { height: 1, ..inner },
        &[Line::from(vec![
            Span::styled(label.clone(), theme.style(Role::Muted)),
            Span::styled(value, theme.style(Role::Text)),
        ])],
    );
    frame.set_cursor_position(Position {
        x: inner.x + crate::text::width(&label) as u16 + picker.filter.visual_cursor() as u16,
        y: inner.y,
    });
    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height - 2,
        ..inner
    };
    let visible = list_area.height as usize;
    let first = cells::scroll_for(picker.selected, visible);
    let plans = form.current_plans().unwrap_or_default();
    let lines: Vec<Line> = if options.is_empty() {
        vec![Line::styled(
            tr(lang, Msg::SalesPickerEmpty),
            theme.style(Role::Muted),
        )]
    } else {
        options
            .iter()
            .skip(first)
            .take(visible)
            .map(|c| {
                let mark = if form.is_chosen(&c.value) {
                    "● "
                } else {
                    "  "
                };
                let mut text = format!("{mark}{}", c.label);
                if let ChoiceValue::Plan(id) = &c.value
                    && let Some(p) = plans.iter().find(|p| p.id_servico == Some(*id))
                {
                    let (down, up) = speeds(lang, p);
                    text.push_str(&format!(" · ↓{down} ↑{up}"));
                }
                Line::styled(text, theme.style(Role::Text))
            })
            .collect()
    };
    cells::lines(frame.buffer_mut(), list_area, &lines);
    if !options.is_empty() {
        cells::select(
            frame.buffer_mut(),
            list_area,
            list_area.y + (picker.selected - first) as u16,
            theme,
        );
    }
    cells::lines(
        frame.buffer_mut(),
        Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        },
        &[Line::styled(
            tr(lang, Msg::SalesPickerKeys),
            theme.style(Role::Muted),
        )],
    );
}
