//! A customer on screen: the title line, the alert banner, the tabs, and
//! the layout of the panes (one at a time below 140 columns; header and
//! services beside the detail pane from there). Also the header pane, the
//! services pane and the "last seen" block.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::api::{Address, Customer, CustomerService};
use crate::app::keymap::Action;
use crate::app::{App, CustomerView, Pane, WIDE_FROM};
use crate::i18n::{Msg, tr, trf};
use crate::text::width;
use crate::theme::Role;
use crate::ui::cells::{self, Col, kv, opt, row, scroll_for, select, txt};
use crate::ui::widgets::{PaneFrame, PaneState, Tab, TabBar, keys_label};

mod header;
mod services;

use header::*;
pub use services::*;

/// Draws the customer screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    let mut y = area.y;
    let title_row = Rect {
        y,
        height: 1,
        ..area
    };
    // Title line: who is on screen, always visible whatever the pane;
    // with several customers open, the tab strip (issue 18), then the
    // code and document of the one on screen when they leave the other
    // names a few letters.
    let labels = if app.tabs.len() > 1 {
        crate::app::tabs::labels(app)
    } else {
        Vec::new()
    };
    if !labels.is_empty() {
        let strip = crate::ui::tab_strip::TabStrip {
            tabs: &labels,
            theme,
        };
        let details = view.customer.data.as_ref().map(|c| {
            format!(
                "· {} {} · {}",
                tr(lang, Msg::KindCode),
                view.code,
                cells::document(app, c.cpf_cnpj.as_deref())
            )
        });
        let room = (area.width as usize).saturating_sub(details.as_deref().map_or(0, width));
        let mut spans = match details {
            // The code and document are what the attendant reads out:
            // kept while the other names keep a few letters.
            Some(d) if strip.fits_whole(room) || strip.fit(room).is_some_and(|(c, _)| c >= 4) => {
                let mut spans = strip.spans(strip.fit(room).map_or(0, |f| f.0));
                spans.push(Span::styled(d, theme.style(Role::Muted)));
                spans
            }
            _ => strip.spans(strip.fit(area.width as usize).map_or(0, |f| f.0)),
        };
        spans.retain(|s| !s.content.is_empty());
        cells::lines(frame.buffer_mut(), title_row, &[Line::from(spans)]);
    } else if let Some(c) = &view.customer.data {
        let title = Line::from(vec![
            Span::styled(
                format!(" {} ", txt(lang, c.display_name())),
                theme.style(Role::Title),
            ),
            Span::styled(
                format!(
                    "· {} {} · {}",
                    tr(lang, Msg::KindCode),
                    view.code,
                    cells::document(app, c.cpf_cnpj.as_deref())
                ),
                theme.style(Role::Muted),
            ),
        ]);
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..area
            },
            &[title],
        );
    } else {
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..area
            },
            &[Line::styled(
                format!(" {} {}", tr(lang, Msg::KindCode), view.code),
                theme.style(Role::Title),
            )],
        );
    }
    y += 1;
    // Alerts: a banner that cannot be missed, wrapped, never cut: during
    // an outage it is the most important text on the screen. Up to a
    // quarter of the screen; beyond that it says where the rest is, and
    // the Cliente pane lists every alert in full.
    let mut banner_cut = false;
    if let Some(c) = &view.customer.data {
        let rows = alert_rows(app, c, area.width as usize);
        let max_rows = (area.height / 4).max(2) as usize;
        let shown = rows.len().min(max_rows);
        banner_cut = rows.len() > shown;
        for (i, text) in rows.iter().take(shown).enumerate() {
            let text = if i + 1 == shown && banner_cut {
                let more = tr(lang, Msg::AlertBannerMore);
                let room = (area.width as usize).saturating_sub(crate::text::width(more) + 1);
                let head = text.trim_end();
                let head = if crate::text::width(head) < room {
                    format!("{head}{}", crate::text::ELLIPSIS)
                } else {
                    crate::text::truncate(head, room).into_owned()
                };
                format!("{head} {more}")
            } else {
                text.clone()
            };
            let rect = Rect {
                y,
                height: 1,
                ..area
            };
            frame
                .buffer_mut()
                .set_style(rect, theme.style(Role::AlertBanner));
            cells::lines(
                frame.buffer_mut(),
                rect,
                &[Line::styled(text, theme.style(Role::AlertBanner))],
            );
            y += 1;
        }
    }
    let tabs_titles: Vec<&str> = Pane::ALL.iter().map(|p| tr(lang, p.title())).collect();
    let tabs: Vec<Tab> = Pane::ALL
        .iter()
        .zip(&tabs_titles)
        .map(|(p, t)| Tab {
            title: t,
            short: Some(tr(lang, p.short_title())),
            busy: view.pane_loading(*p),
            alert: view.pane_failed(*p),
        })
        .collect();
    TabBar {
        tabs: &tabs,
        selected: view.focus.index(),
        tick: app.tick,
        theme,
    }
    .render(
        Rect {
            y,
            height: 1,
            ..area
        },
        frame.buffer_mut(),
    );
    y += 1;
    let body = Rect {
        y,
        height: (area.y + area.height).saturating_sub(y),
        ..area
    };
    let focus = if app.help.is_some() {
        None
    } else {
        Some(view.focus)
    };
    if area.width >= WIDE_FROM {
        let left_w = (area.width * 2 / 5).clamp(56, 72);
        let left = Rect {
            width: left_w,
            ..body
        };
        let right = Rect {
            x: body.x + left_w,
            width: body.width - left_w,
            ..body
        };
        // The header takes what it needs (up to half), services the rest.
        let needed = view.customer.data.as_ref().map_or(8, |c| {
            header_lines(app, view, c, left_w.saturating_sub(4) as usize, banner_cut).len() as u16
                + 2
        });
        let header_h = needed.clamp(8, (body.height / 2).max(8)).min(body.height);
        draw_pane(
            frame,
            Rect {
                height: header_h,
                ..left
            },
            app,
            view,
            Pane::Customer,
            focus,
            banner_cut,
        );
        draw_pane(
            frame,
            Rect {
                y: left.y + header_h,
                height: left.height - header_h,
                ..left
            },
            app,
            view,
            Pane::Services,
            focus,
            banner_cut,
        );
        draw_pane(frame, right, app, view, view.detail, focus, banner_cut);
    } else {
        draw_pane(frame, body, app, view, view.focus, focus, banner_cut);
    }
}

/// The alert banner's rows at `width`: "✖ ALERTA:" before the first
/// message, each message wrapped, its continuation rows indented.
fn alert_rows(app: &App, c: &Customer, width: usize) -> Vec<String> {
    let theme = &app.settings.theme;
    let lang = app.lang();
    const INDENT: &str = "   ";
    let room = width.saturating_sub(INDENT.len() + 2).max(10);
    let mut out = Vec::new();
    for (i, msg) in c
        .alerta_mensagens
        .iter()
        .filter_map(|m| opt(Some(m)))
        .enumerate()
    {
        let msg = if i == 0 {
            format!(
                "{} {}: {msg}",
                theme.glyph(Role::Danger),
                tr(lang, Msg::AlertBannerTitle)
            )
        } else {
            msg
        };
        for (j, part) in cells::wrap(&msg, room).into_iter().enumerate() {
            let lead = if i == 0 && j == 0 { " " } else { INDENT };
            out.push(format!("{lead}{part}"));
        }
    }
    out
}

fn draw_pane(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    pane: Pane,
    focus: Option<Pane>,
    banner_cut: bool,
) {
    let focused = focus == Some(pane);
    match pane {
        Pane::Customer => draw_header(frame, area, app, view, focused, banner_cut),
        // Beside the header (wide layout) the last connection shows there.
        Pane::Services => {
            let wide = frame.area().width >= WIDE_FROM;
            draw_services(frame, area, app, view, focused, !wide)
        }
        Pane::Invoices => crate::ui::invoices::draw(frame, area, app, view, focused),
        Pane::Tickets => crate::ui::tickets::draw(frame, area, app, view, focused),
        Pane::Orders => crate::ui::orders::draw(frame, area, app, view, focused),
        Pane::Connections => crate::ui::connections::draw(frame, area, app, view, focused),
    }
}

/// The frame of a customer pane whose data is the customer record.
fn customer_frame(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &CustomerView,
    pane: Pane,
    focused: bool,
) -> Option<Rect> {
    let lang = app.lang();
    let retry = keys_label(&app.keymap, Action::Refresh);
    let state = match (&view.customer.data, &view.customer.error) {
        (_, Some(e)) => PaneState::Error(e),
        (None, None) => PaneState::Loading,
        (Some(_), None) => PaneState::Ready,
    };
    PaneFrame {
        title: tr(lang, pane.title()),
        focused,
        state,
        tick: app.tick,
        retry_keys: &retry,
        lang,
        theme: &app.settings.theme,
    }
    .render_pane(area, frame.buffer_mut())
}

fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

#[cfg(test)]
mod tests;
