//! The search screen: the one search box with the detected kind, the
//! result list, and the session's history.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use crate::api::Customer;
use crate::app::keymap::Action;
use crate::app::typeahead::IndexState;
use crate::app::{App, HistoryEntry, SEARCH_LIMIT, SearchFocus};
use crate::i18n::Lang;
use crate::i18n::{Msg, tr, tr_count, trf};
use crate::text::truncate;
use crate::theme::Role;
use crate::ui::cells::{self, Col, columns, row, scroll_for, select, txt};
use crate::ui::widgets::{PaneFrame, PaneState, keys_label};

/// Draws the search screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    // The customers left open in tabs (issue 18), above the box.
    let area = if app.tabs.is_empty() || area.height < 8 {
        area
    } else {
        draw_tabs(frame, Rect { height: 1, ..area }, app);
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        }
    };
    let input_area = Rect {
        height: 3.min(area.height),
        ..area
    };
    let info_area = Rect {
        y: area.y + 3,
        height: 1,
        ..area
    };
    let list_area = Rect {
        y: area.y + 4,
        height: area.height.saturating_sub(4),
        ..area
    };
    draw_input(frame, input_area, app);
    draw_info(frame, info_area, app);
    if app.search.show_history {
        draw_history(frame, list_area, app);
    } else if app.typeahead.shown().is_some() {
        draw_local(frame, list_area, app);
    } else if app.search.results.data.is_none()
        && !app.search.results.loading()
        && app.search.results.error.is_none()
    {
        if app.history.is_empty() {
            draw_intro(frame, list_area, app);
        } else {
            draw_history(frame, list_area, app);
        }
    } else {
        draw_results(frame, list_area, app);
    }
}

/// The tab strip's row: its label, the tabs, and the keys that bring
/// them back at the right when they fit.
fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let labels = crate::app::tabs::labels(app);
    let strip = crate::ui::tab_strip::TabStrip {
        tabs: &labels,
        theme,
    };
    let label = format!(" {}", tr(lang, Msg::TabStripLabel));
    let first = keys_label(&app.keymap, Action::Tab(1));
    let last = keys_label(&app.keymap, Action::Tab(labels.len().min(9) as u8));
    let keys = match (first.is_empty(), last.is_empty(), labels.len()) {
        (false, _, 1) => format!("{first} "),
        (false, false, _) => format!("{first}…{last} "),
        _ => String::new(),
    };
    let room = (area.width as usize).saturating_sub(crate::text::width(&label));
    let with_keys = room.saturating_sub(crate::text::width(&keys) + 1);
    let (cap, keys) = match strip.fit(with_keys) {
        Some((cap, _)) if strip.fits_whole(with_keys) || strip.fit(room).is_none() => (cap, keys),
        _ => (strip.fit(room).map_or(0, |f| f.0), String::new()),
    };
    let mut spans = vec![Span::styled(label, theme.style(Role::Muted))];
    spans.extend(strip.spans(cap));
    Line::from(spans).render(area, frame.buffer_mut());
    if !keys.is_empty() {
        Line::from(Span::styled(keys, theme.style(Role::Muted)))
            .right_aligned()
            .render(area, frame.buffer_mut());
    }
}

fn kind_label(app: &App) -> String {
    let lang = app.lang();
    let (kind, _, _) = app.search.effective();
    let name = tr(lang, crate::search_kind::label(kind));
    let msg = if app.search.forced.is_some() {
        Msg::SearchKindForced
    } else {
        Msg::SearchKindDetected
    };
    trf(lang, msg, &[("kind", &name)])
}

fn draw_input(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let focused = app.search.focus.0 == SearchFocus::Input && app.help.is_none();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        }))
        .title(Span::styled(
            format!(" {} ", tr(app.lang(), Msg::SearchTitle)),
            theme.style(Role::Title),
        ))
        .title(
            Line::from(Span::styled(
                format!(" {} ", kind_label(app)),
                theme.style(Role::Accent),
            ))
            .right_aligned(),
        );
    // The local index's state, under the box where the eye already is.
    let block = match index_status(app) {
        Some((text, role)) => block.title_bottom(
            Line::from(Span::styled(format!(" {text} "), theme.style(role))).right_aligned(),
        ),
        None => block,
    };
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    let value = app.search.input.value();
    if value.is_empty() {
        Line::styled(
            truncate(tr(app.lang(), Msg::SearchPrompt), inner.width as usize).into_owned(),
            theme.style(Role::Muted),
        )
        .render(inner, frame.buffer_mut());
    } else {
        let width = inner.width.saturating_sub(1) as usize;
        let scroll = app.search.input.visual_scroll(width);
        // What the attendant typed or pasted; paste drops control characters
        // already, this is the belt to those braces.
        let shown: String = crate::sanitize::clean(value).chars().skip(scroll).collect();
        // Selected as a whole: drawn like a selected row.
        let role = if focused && app.search.selected_all {
            Role::Selection
        } else {
            Role::Text
        };
        // A span, not the line: a selection covers the text only.
        Line::from(Span::styled(shown, theme.style(role))).render(inner, frame.buffer_mut());
    }
    if focused {
        let width = inner.width.saturating_sub(1) as usize;
        let scroll = app.search.input.visual_scroll(width);
        let x = app.search.input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position(Position::new(inner.x + x.min(inner.width), inner.y));
    }
}

/// What the type-ahead index is doing, when type-ahead is on.
fn index_status(app: &App) -> Option<(String, Role)> {
    let lang = app.lang();
    match &app.typeahead.state {
        IndexState::Off => None,
        IndexState::Loading => Some((tr(lang, Msg::TaLoading).to_owned(), Role::Muted)),
        IndexState::Ready(index) => Some((
            trf(
                lang,
                Msg::TaReady,
                &[("count", &grouped(lang, index.len()))],
            ),
            Role::Muted,
        )),
        IndexState::Failed(_) => Some((tr(lang, Msg::TaUnavailable).to_owned(), Role::Warning)),
    }
}

fn draw_info(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let mut spans: Vec<Span> = Vec::new();
    let (kind, _, problem) = app.search.effective();
    let d = app.search.detection();
    match problem {
        Some(p) if !app.search.input.value().trim().is_empty() => {
            spans.push(Span::styled(
                format!(" {} {}", theme.glyph(Role::Danger), tr(lang, p.msg())),
                theme.style(Role::Danger),
            ));
        }
        _ => {
            spans.push(Span::styled(
                format!(
                    " {}",
                    trf(
                        lang,
                        Msg::SearchAs,
                        &[("kind", &tr(lang, crate::search_kind::label(kind)))]
                    )
                ),
                theme.style(Role::Muted),
            ));
        }
    }
    if let Some((alt, _)) = d.alternative.filter(|(alt, _)| *alt != kind) {
        let key = keys_label(&app.keymap, Action::SearchAlternative);
        if !key.is_empty() {
            spans.push(Span::styled(" · ", theme.style(Role::Muted)));
            spans.push(Span::styled(
                trf(
                    lang,
                    Msg::SearchAlternative,
                    &[
                        ("kind", &tr(lang, crate::search_kind::label(alt))),
                        ("key", &key),
                    ],
                ),
                theme.style(Role::Warning),
            ));
        }
    }
    if app.search.include_cancelled {
        spans.push(Span::styled(" · ", theme.style(Role::Muted)));
        spans.push(Span::styled(
            tr(lang, Msg::SearchIncludingCancelled),
            theme.style(Role::Warning),
        ));
    }
    cells::lines(frame.buffer_mut(), area, &[Line::from(spans)]);
}

fn draw_intro(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let Some(inner) = (PaneFrame {
        title: tr(lang, Msg::SearchHistoryTitle),
        focused: false,
        state: PaneState::Ready,
        tick: app.tick,
        retry_keys: "",
        lang,
        theme,
    })
    .render_pane(area, frame.buffer_mut()) else {
        return;
    };
    Paragraph::new(vec![
        Line::styled(tr(lang, Msg::SearchPrompt), theme.style(Role::Text)),
        Line::raw(""),
        Line::styled(tr(lang, Msg::SearchHistoryEmpty), theme.style(Role::Muted)),
    ])
    .wrap(Wrap { trim: true })
    .render(crate::ui::widgets::padded(inner), frame.buffer_mut());
}

fn draw_history(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let focused = app.search.focus.0 == SearchFocus::List && app.search.show_history;
    let state = if app.history.is_empty() {
        PaneState::Empty
    } else {
        PaneState::Ready
    };
    let Some(inner) = (PaneFrame {
        title: tr(lang, Msg::SearchHistoryTitle),
        focused,
        state,
        tick: app.tick,
        retry_keys: "",
        lang,
        theme,
    })
    .render_pane(area, frame.buffer_mut()) else {
        return;
    };
    let widths = columns(inner.width, &[9, 14, 0], 2, 10);
    let height = inner.height as usize;
    let first = scroll_for(app.search.history_selected, height);
    let mut out = Vec::new();
    for entry in app.history.iter().skip(first).take(height) {
        let (what, kind, text) = match entry {
            HistoryEntry::Search { kind, text } => (
                tr(lang, Msg::HistorySearch),
                tr(lang, crate::search_kind::label(*kind)).to_owned(),
                crate::sanitize::clean(text).into_owned(),
            ),
            HistoryEntry::Customer { code, name } => (
                tr(lang, Msg::HistoryCustomer),
                code.to_string(),
                name.clone(),
            ),
        };
        out.push(row(
            vec![
                (what.to_owned(), theme.style(Role::Muted)),
                (kind, theme.style(Role::Accent)),
                (text, theme.style(Role::Text)),
            ],
            &widths,
            &[],
        ));
    }
    cells::lines(frame.buffer_mut(), inner, &out);
    if focused {
        let y = inner.y + (app.search.history_selected - first) as u16;
        select(frame.buffer_mut(), inner, y, theme);
    }
}

/// The city of a customer for the result list: the first service's
/// installation address, else its registration address.
fn city(c: &Customer) -> Option<&str> {
    c.servicos.iter().find_map(|s| {
        s.endereco_instalacao
            .as_ref()
            .and_then(|a| a.cidade.as_deref())
            .or_else(|| {
                s.endereco_cadastral
                    .as_ref()
                    .and_then(|a| a.cidade.as_deref())
            })
    })
}

/// The result tables' columns, in the order an attendant tells customers
/// apart: the alert mark and the name (up to 30 cells), document and code,
/// the city, then the services' status, which the opened customer shows
/// in full (minimum widths for 80 columns; the rest by content, see
/// [`cells::sized`]).
const RESULT_COLUMNS: [Col; 6] = [
    Col::new(1, 1, 0),
    Col::new(12, 0, 0).cap(30),
    Col::new(14, 0, 1),
    Col::new(4, 0, 1),
    Col::new(8, 0, 2),
    Col::new(10, 0, 3),
];

fn result_headers(lang: Lang) -> [&'static str; 6] {
    [
        "",
        tr(lang, Msg::ColName),
        tr(lang, Msg::KindDocument),
        tr(lang, Msg::KindCode),
        tr(lang, Msg::ColCity),
        tr(lang, Msg::ColServices),
    ]
}

fn draw_results(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let results = &app.search.results;
    let focused = app.search.focus.0 == SearchFocus::List;
    let count = results.data.as_ref().map_or(0, Vec::len);
    let title = match &results.data {
        Some(_) => format!(
            "{} · {}",
            tr(lang, Msg::PaneResults),
            if count == 0 {
                tr(lang, Msg::SearchNoResults).to_owned()
            } else {
                tr_count(
                    lang,
                    Msg::SearchResultsOne,
                    Msg::SearchResultsMany,
                    count as i64,
                )
            }
        ),
        None => tr(lang, Msg::PaneResults).to_owned(),
    };
    // From the box, where r types, Enter is what searches again.
    let retry = if app.search.focus.0 == SearchFocus::Input {
        keys_label(&app.keymap, Action::Open)
    } else {
        keys_label(&app.keymap, Action::Refresh)
    };
    let state = match (&results.data, &results.error) {
        (_, Some(e)) => PaneState::Error(e),
        (None, None) => PaneState::Loading,
        _ => PaneState::Ready,
    };
    let Some(inner) = (PaneFrame {
        title: &title,
        focused,
        state,
        tick: app.tick,
        retry_keys: &retry,
        lang,
        theme,
    })
    .render_pane(area, frame.buffer_mut()) else {
        return;
    };
    let Some(list) = &results.data else { return };
    if list.is_empty() {
        // Nothing found: say so, and point at the likeliest reason (a
        // customer whose services are all cancelled is hidden by default).
        let mut lines = vec![Line::styled(
            tr(lang, Msg::SearchNoResults),
            theme.style(Role::Muted),
        )];
        let key = keys_label(&app.keymap, Action::IncludeCancelled);
        if !app.search.include_cancelled && !key.is_empty() {
            lines.push(Line::styled(
                trf(lang, Msg::SearchTryCancelled, &[("key", &key)]),
                theme.style(Role::Muted),
            ));
        }
        let h = crate::ui::widgets::wrapped_height(&lines, inner.width) as u16;
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(
                Rect {
                    y: inner.y + inner.height.saturating_sub(h) / 2,
                    height: h.min(inner.height),
                    ..inner
                },
                frame.buffer_mut(),
            );
        return;
    }
    let refine = count as u32 >= SEARCH_LIMIT;
    let cells: Vec<Vec<(String, Style)>> = list
        .iter()
        .map(|c| {
            let alert = c.alerta == Some(true) || !c.alerta_mensagens.is_empty();
            let worst = c.servicos.iter().max_by_key(|s| cells::service_status(s).1);
            let (services, role) = match worst {
                Some(s) => (
                    format!(
                        "{} · {}",
                        c.servicos.len(),
                        cells::service_status_text(lang, s)
                    ),
                    cells::service_status(s).0,
                ),
                None => ("0".to_owned(), Role::Muted),
            };
            vec![
                // Styled only when set: an underlined blank (mono's danger)
                // would draw a stray underscore on every row.
                if alert {
                    (
                        theme.glyph(Role::Danger).to_owned(),
                        theme.style(Role::Danger),
                    )
                } else {
                    (String::new(), theme.style(Role::Text))
                },
                (txt(lang, c.display_name()), theme.style(Role::Text)),
                (
                    cells::document(app, c.cpf_cnpj.as_deref()),
                    theme.style(Role::Text),
                ),
                (
                    c.codigo_cliente.map(|n| n.to_string()).unwrap_or_default(),
                    theme.style(Role::Text),
                ),
                (txt(lang, city(c)), theme.style(Role::Text)),
                (services, theme.style(role)),
            ]
        })
        .collect();
    let headers = result_headers(lang);
    let widths = cells::sized(inner.width, &headers, &cells, &RESULT_COLUMNS);
    let mut out = vec![row(
        headers
            .iter()
            .map(|h| ((*h).to_owned(), theme.style(Role::Muted)))
            .collect(),
        &widths,
        &[3],
    )];
    let height = (inner.height as usize)
        .saturating_sub(1)
        .saturating_sub(refine as usize);
    let first = scroll_for(app.search.selected, height);
    for r in cells.into_iter().skip(first).take(height) {
        out.push(row(r, &widths, &[3]));
    }
    cells::lines(frame.buffer_mut(), inner, &out);
    // Where the list is, in the pane's top border (the header row is full).
    cells::list_position(
        frame.buffer_mut(),
        Rect {
            y: area.y,
            height: 1,
            ..inner
        },
        first,
        height,
        count,
        theme,
    );
    if focused && count > 0 {
        let y = inner.y + 1 + (app.search.selected - first) as u16;
        select(frame.buffer_mut(), inner, y, theme);
    }
    if refine {
        let y = inner.y + inner.height - 1;
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..inner
            },
            &[Line::styled(
                format!(
                    "{} {}",
                    theme.glyph(Role::Warning),
                    trf(lang, Msg::SearchTooMany, &[("limit", &SEARCH_LIMIT)])
                ),
                theme.style(Role::Warning),
            )],
        );
    }
}

/// `n` with thousands grouped as the language writes them (12.345 / 12,345).
fn grouped(lang: Lang, n: usize) -> String {
    let sep = match lang {
        Lang::PtBr => '.',
        _ => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The local index's matches of the text being typed: name, document, code
/// and city, marked "local" where the server's list shows services (they
/// come, fresh from the server, when the customer is opened).
fn draw_local(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let (Some(found), Some(index)) = (app.typeahead.shown(), app.typeahead.index()) else {
        return;
    };
    let focused = app.search.focus.0 == SearchFocus::List;
    let title = if found.total == 0 {
        tr(lang, Msg::TaTitleNone).to_owned()
    } else {
        trf(
            lang,
            Msg::TaTitle,
            &[("count", &grouped(lang, found.total))],
        )
    };
    let Some(inner) = (PaneFrame {
        title: &title,
        focused,
        state: PaneState::Ready,
        tick: app.tick,
        retry_keys: "",
        lang,
        theme,
    })
    .render_pane(area, frame.buffer_mut()) else {
        return;
    };
    let more = found.total > found.hits.len();
    let muted = theme.style(Role::Muted);
    let height = (inner.height as usize)
        .saturating_sub(1)
        .saturating_sub(more as usize);
    let first = scroll_for(app.search.selected, height);
    let text = theme.style(Role::Text);
    // Only the rows on screen are read from the index (it can be large).
    let cells: Vec<Vec<(String, Style)>> = found
        .hits
        .iter()
        .skip(first)
        .take(height)
        .filter_map(|hit| index.row(hit.id))
        .map(|r| {
            vec![
                (String::new(), text),
                (txt(lang, Some(&r.name)), text),
                (
                    cells::document(app, Some(r.document.as_str()).filter(|d| !d.is_empty())),
                    text,
                ),
                (r.code.to_string(), text),
                (txt(lang, r.city), text),
                (tr(lang, Msg::TaRowLocal).to_owned(), muted),
            ]
        })
        .collect();
    let headers = result_headers(lang);
    let widths = cells::sized(inner.width, &headers, &cells, &RESULT_COLUMNS);
    let mut out = vec![row(
        headers.iter().map(|h| ((*h).to_owned(), muted)).collect(),
        &widths,
        &[3],
    )];
    out.extend(cells.into_iter().map(|r| row(r, &widths, &[3])));
    cells::lines(frame.buffer_mut(), inner, &out);
    cells::list_position(
        frame.buffer_mut(),
        Rect {
            y: area.y,
            height: 1,
            ..inner
        },
        first,
        height,
        found.hits.len(),
        theme,
    );
    if focused && !found.hits.is_empty() {
        let y = inner.y + 1 + (app.search.selected - first) as u16;
        select(frame.buffer_mut(), inner, y, theme);
    }
    if more {
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
            &[Line::styled(
                trf(
                    lang,
                    Msg::TaMore,
                    &[("count", &grouped(lang, found.total - found.hits.len()))],
                ),
                muted,
            )],
        );
    }
}
