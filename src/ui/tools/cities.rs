//! The cities screen: city, state, IBGE code and how many neighbourhoods,
//! and below the list the selected city's neighbourhoods, wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::i18n::{Msg, tr};
use crate::theme::Role;
use crate::ui::cells::{self, Col, txt};

/// Draws the screen.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let state = &app.tools.cities;
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        tr(lang, Msg::ToolCities),
        &state.cities,
        Vec::is_empty,
        true,
    ) else {
        return;
    };
    let Some(cities) = &state.cities.data else {
        return;
    };
    let visible = state.visible();
    let inner = super::filter_line(
        frame,
        inner,
        app,
        &state.filter,
        visible.len(),
        cities.len(),
    );
    let muted = theme.style(Role::Muted);
    let text = theme.style(Role::Text);
    let cells = visible
        .iter()
        .filter_map(|i| cities.get(*i))
        .map(|c| {
            vec![
                (txt(lang, c.nome.as_deref()), text),
                (txt(lang, c.state_code().or(c.uf.as_deref())), text),
                (txt(lang, c.ibge.as_deref()), muted),
                (c.bairros.len().to_string(), text),
            ]
        })
        .collect();
    let (header, rows) = cells::table(
        inner.width,
        &[
            tr(lang, Msg::ColCity),
            tr(lang, Msg::ColUf),
            tr(lang, Msg::ColIbge),
            tr(lang, Msg::ColNeighbourhoods),
        ],
        muted,
        cells,
        &[
            Col::new(12, 0, 0),
            Col::new(2, 0, 0),
            Col::new(7, 0, 1),
            Col::new(3, 0, 0),
        ],
        &[3],
    );
    let rest = crate::ui::detail::list(
        frame,
        inner,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: state.selected,
            focused: !state.filter.editing,
            share: 55,
        },
    );
    let Some(city) = state.selected_city() else {
        return;
    };
    let mut lines = vec![Line::styled(
        "─".repeat(rest.width as usize),
        theme.style(Role::Border),
    )];
    lines.push(Line::styled(
        format!(
            "{} · {}",
            txt(lang, city.nome.as_deref()),
            tr(lang, Msg::ColNeighbourhoods)
        ),
        theme.style(Role::Title),
    ));
    let names: Vec<String> = city
        .bairros
        .iter()
        .filter_map(|b| cells::opt(b.nome.as_deref()))
        .collect();
    if names.is_empty() {
        lines.push(Line::styled(
            tr(lang, Msg::CityNoNeighbourhoods),
            theme.style(Role::Muted),
        ));
    } else {
        for part in cells::wrap(&names.join(" · "), rest.width as usize) {
            lines.push(Line::styled(part, text));
        }
    }
    super::detail_lines(frame, area, rest, app, &lines);
}
