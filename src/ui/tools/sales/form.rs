//! The new-prospect tab: the form of [`crate::app::tools::sales::form`]
//! drawn one row per field (label column, value, the message or the
//! focused field's hint under it), scrolled to keep the focused field in
//! view, with the keys or the in-flight spinner on the last row; or, once
//! the prospect is created, what the server stored.
//!
//! The text window of a field, the message under it and the scrolling are
//! the form engine's drawing pieces of [`crate::ui::forms`], the same as
//! the action dialogs use.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::api::prospects::PersonKind;
use crate::app::App;
use crate::app::forms::FieldId;
use crate::app::keymap::Action;
use crate::app::tools::sales::form::{
    CitiesView, CityChoice, FIELDS, ProspectForm, city_label, person_kind,
};
use crate::app::tools::sales::{Created, busy, may_create};
use crate::i18n::{Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells::{self, txt};
use crate::ui::forms::{first_row, note_line, text_window};
use crate::ui::widgets::{keys_label, spinner};

use super::{person, speeds};

/// Width of the form's label column.
const LABEL_W: usize = 22;

/// Draws the tab.
pub(super) fn draw_form(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.style(Role::BorderFocused))
        .title(Span::styled(
            format!(" {} ", tr(lang, Msg::SalesTabNew)),
            theme.style(Role::Title),
        ));
    let inner = crate::ui::widgets::framed(block, area, frame.buffer_mut());
    if !may_create(app) {
        cells::lines(
            frame.buffer_mut(),
            inner,
            &[Line::styled(
                tr(lang, Msg::SalesReadOnlyForm),
                theme.style(Role::Warning),
            )],
        );
        return;
    }
    if let Some(created) = &app.tools.sales.created {
        let lines = created_lines(app, created, inner.width);
        cells::lines(frame.buffer_mut(), inner, &lines);
        return;
    }
    let form = &app.tools.sales.form;
    let cities = CitiesView::of(&app.tools.cities.cities);
    let running = busy(app);
    let (lines, focus_row, cursor) = form_lines(app, form, cities, inner.width, running);
    // Keep the focused field (its row and message) in view: scroll by
    // whole rows.
    let h = inner.height as usize;
    let keys_row = 1;
    let room = h.saturating_sub(keys_row);
    let first = first_row(focus_row, 2, room);
    let shown: Vec<Line> = lines.iter().skip(first).take(room).cloned().collect();
    cells::lines(frame.buffer_mut(), inner, &shown);
    let keys = match running {
        true => Line::styled(
            format!(
                "{} {}",
                spinner(app.tick),
                trf(
                    lang,
                    Msg::ActionInFlight,
                    &[("action", &tr(lang, Msg::SalesActionCreate))]
                )
            ),
            theme.style(Role::Warning),
        ),
        false => Line::styled(tr(lang, Msg::SalesFormKeys), theme.style(Role::Muted)),
    };
    if inner.height > 0 {
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
            &[keys],
        );
    }
    if let Some((row, col)) = cursor
        && form.form().picker().is_none()
        && !running
        && row >= first
        && row - first < room
    {
        frame.set_cursor_position(Position {
            x: inner.x + col,
            y: inner.y + (row - first) as u16,
        });
    }
    if form.form().picker().is_some() {
        super::picker::draw_picker(frame, area, app, form, cities);
    }
}

/// The form's lines, the row of the focused field, and where the cursor
/// goes (row, column) when a text field has focus.
fn form_lines<'a>(
    app: &App,
    form: &ProspectForm,
    cities: CitiesView<'_>,
    width: u16,
    running: bool,
) -> (Vec<Line<'a>>, usize, Option<(usize, u16)>) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(b) = form.form().banner() {
        let role = if b.error { Role::Danger } else { Role::Warning };
        let text = format!("{} {}", theme.glyph(role), b.text);
        for part in cells::wrap(&text, width as usize) {
            lines.push(Line::styled(part, theme.style(role)));
        }
    }
    let value_w = (width as usize).saturating_sub(LABEL_W + 3).max(8);
    let mut focus_row = 0;
    let mut cursor = None;
    for field in FIELDS {
        let focused = field == form.form().focused() && !running;
        if focused {
            focus_row = lines.len();
        }
        let marker = if focused { "▸ " } else { "  " };
        let label_style = if focused {
            theme.style(Role::Accent).add_modifier(Modifier::BOLD)
        } else {
            theme.style(Role::Text)
        };
        let label = crate::text::fit(tr(lang, form.form().field(field).label), LABEL_W);
        let mut spans = vec![
            Span::styled(marker.to_owned(), label_style),
            Span::styled(label, label_style),
            Span::raw(" "),
        ];
        match form.text(field, cities) {
            Some(input) => {
                let (shown, col) = text_window(input, value_w);
                let mut style = theme.style(Role::Text);
                if focused {
                    style = style.add_modifier(Modifier::UNDERLINED);
                    cursor = Some((lines.len(), (2 + LABEL_W + 1 + col) as u16));
                }
                if running {
                    style = theme.style(Role::Muted);
                }
                spans.push(Span::styled(shown.trim_end().to_owned(), style));
                if let Some(extra) = inline_note(app, form, field) {
                    spans.push(Span::styled(format!("  {extra}"), theme.style(Role::Muted)));
                }
            }
            None => {
                let (text, role) = chooser_value(app, form, field, cities);
                let style = if focused {
                    theme.style(role).add_modifier(Modifier::UNDERLINED)
                } else {
                    theme.style(role)
                };
                let arrows = if focused { ("‹ ", " ›") } else { ("", "") };
                spans.push(Span::styled(
                    format!("{}{text}{}", arrows.0, arrows.1),
                    style,
                ));
            }
        }
        lines.push(Line::from(spans));
        // The message, or the focused field's hint.
        let hint = if focused {
            field_hint(app, form, field, cities)
        } else {
            None
        };
        let error = form.form().field(field).error.as_ref();
        lines.extend(note_line(LABEL_W + 3, error, hint, lang, theme));
    }
    (lines, focus_row, cursor)
}

/// What a field's value implies, after it: the person type of a document,
/// the phone as it will be sent.
fn inline_note(app: &App, form: &ProspectForm, field: FieldId) -> Option<String> {
    let lang = app.lang();
    match field {
        FieldId::Document => person_kind(form.value(FieldId::Document)).map(|k| {
            tr(
                lang,
                match k {
                    PersonKind::Individual => Msg::SalesPersonIndividual,
                    PersonKind::Company => Msg::SalesPersonCompany,
                },
            )
            .to_owned()
        }),
        FieldId::Phone => crate::br::phone::parse(form.value(FieldId::Phone))
            .ok()
            .map(|p| format!("→ {}", crate::br::phone::display(p.digits()))),
        _ => None,
    }
}

/// A permanent explanation under the focused field.
fn field_hint(
    app: &App,
    form: &ProspectForm,
    field: FieldId,
    cities: CitiesView<'_>,
) -> Option<String> {
    let lang = app.lang();
    let t = |m: Msg| Some(tr(lang, m).to_owned());
    match field {
        FieldId::Document => t(Msg::SalesDocumentHint),
        FieldId::Email | FieldId::Note => t(Msg::SalesOptional),
        FieldId::Cep => t(Msg::SalesFormCepHint),
        FieldId::City => match cities {
            CitiesView::Failed => t(Msg::SalesCitiesFailed),
            _ => t(Msg::SalesCityHint),
        },
        FieldId::Neighbourhood if form.bairro_is_typed(cities) => match cities {
            CitiesView::Failed => t(Msg::SalesCitiesFailed),
            _ if matches!(form.city, CityChoice::Other) => t(Msg::SalesNeighbourhoodTyped),
            _ => t(Msg::SalesNeighbourhoodNoList),
        },
        FieldId::Neighbourhood | FieldId::Plan => t(Msg::SalesChooserHint),
        FieldId::Number => t(Msg::SalesNumberHint),
        _ => None,
    }
}

/// A chooser field's current value and its role.
fn chooser_value(
    app: &App,
    form: &ProspectForm,
    field: FieldId,
    cities: CitiesView<'_>,
) -> (String, Role) {
    let lang = app.lang();
    let muted = |m: Msg| (tr(lang, m).to_owned(), Role::Muted);
    match field {
        FieldId::City => match (&form.city, cities) {
            (_, CitiesView::Loading) => (
                format!(
                    "{} {}",
                    spinner(app.tick),
                    tr(lang, Msg::SalesCitiesLoading)
                ),
                Role::Muted,
            ),
            (_, CitiesView::Failed) => muted(Msg::SalesCitiesUnavailable),
            (_, CitiesView::Loaded([])) => muted(Msg::SalesCitiesUnavailable),
            (CityChoice::None, _) => muted(Msg::SalesChoosePlaceholder),
            (CityChoice::Other, _) => (tr(lang, Msg::SalesOtherCity).to_owned(), Role::Text),
            (CityChoice::Listed { .. }, _) => match form.listed_city(cities) {
                Some(c) => (city_label(c), Role::Text),
                None => muted(Msg::SalesChoosePlaceholder),
            },
        },
        FieldId::Neighbourhood => match (&form.bairro, &form.city) {
            (_, CityChoice::None) => muted(Msg::SalesChooseCityFirst),
            (Some(b), _) => (crate::sanitize::clean_line(b).into_owned(), Role::Text),
            (None, _) => muted(Msg::SalesChoosePlaceholder),
        },
        FieldId::Plan => {
            if form.cep_digits().is_none() {
                return muted(Msg::SalesPlanNeedsCep);
            }
            if form.plans.loading() {
                return (
                    format!("{} {}", spinner(app.tick), tr(lang, Msg::SalesPlansLoading)),
                    Role::Muted,
                );
            }
            if let Some(e) = &form.plans.error {
                return (
                    format!("{} {e}", app.settings.theme.glyph(Role::Danger)),
                    Role::Danger,
                );
            }
            match (form.chosen_plan(), form.current_plans()) {
                (Some(p), _) => {
                    let (down, up) = speeds(lang, p);
                    (
                        format!(
                            "{} · ↓{down} ↑{up} · {}",
                            txt(lang, p.descricao.as_deref()),
                            cells::money(lang, p.valor)
                        ),
                        Role::Text,
                    )
                }
                (None, Some([])) => muted(Msg::SalesNoPlans),
                (None, _) => muted(Msg::SalesChoosePlaceholder),
            }
        }
        _ => (String::new(), Role::Text),
    }
}

fn created_lines<'a>(app: &App, c: &Created, width: u16) -> Vec<Line<'a>> {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let t = |m: Msg| tr(lang, m);
    let mut lines = vec![
        Line::styled(
            format!("{} {}", theme.glyph(Role::Ok), t(Msg::SalesCreatedTitle)),
            theme.style(Role::Ok).add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        Line::styled(
            trf(
                lang,
                Msg::SalesCreatedId,
                &[(
                    "id",
                    &c.id.map_or_else(|| "—".to_owned(), |i| i.to_string()),
                )],
            ),
            theme.style(Role::Accent).add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            crate::sanitize::clean_line(&c.name).into_owned(),
            theme.style(Role::Title),
        ),
        cells::kv(
            theme,
            t(Msg::SalesColDocument),
            format!(
                "{} · {}",
                cells::document(app, c.document.as_deref()),
                person(lang, c.kind.as_deref())
            ),
            Role::Text,
        ),
    ];
    if let Some(s) = &c.service {
        let plan = match (&c.plan_name, s.id_servico) {
            (Some(n), Some(id)) => format!("{} (id {id})", crate::sanitize::clean_line(n)),
            (None, Some(id)) => format!("id {id}"),
            (Some(n), None) => crate::sanitize::clean_line(n).into_owned(),
            (None, None) => t(Msg::ValueMissing).to_owned(),
        };
        lines.push(cells::kv(
            theme,
            t(Msg::SalesFieldPlan),
            format!("{plan} · {}", cells::money(lang, s.valor)),
            Role::Text,
        ));
    }
    if let Some(m) = cells::opt(c.msg.as_deref()) {
        for part in cells::wrap(&m, width as usize) {
            lines.push(Line::styled(part, theme.style(Role::Muted)));
        }
    }
    lines.push(Line::raw(""));
    let open = keys_label(&app.keymap, Action::Open);
    let back = keys_label(&app.keymap, Action::Back);
    lines.push(Line::styled(
        trf(
            lang,
            Msg::SalesCreatedKeys,
            &[("new", &open), ("back", &back)],
        ),
        theme.style(Role::Muted),
    ));
    lines
}
