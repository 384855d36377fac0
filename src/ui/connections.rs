//! The connection history of the selected service's login: each session's
//! start, stop, duration, download, upload, IP, calling station (MAC) and
//! NAS; the totals; and a chart of the traffic per session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Sparkline, Widget};

use crate::api::{ConnectionRecord, Traffic};
use crate::app::{App, CustomerView, Pane};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::Role;
use crate::ui::cells::{self, kv, row, txt};

/// Megabytes in Brazilian notation ([`crate::br::size::megabytes`]),
/// blank when not sent.
pub fn megabytes(mb: Option<f64>) -> String {
    mb.map(crate::br::size::megabytes).unwrap_or_default()
}

/// A session's traffic: [`megabytes`], blank when not sent, "inválido"
/// when impossible (negative).
pub fn traffic(lang: Lang, t: Traffic) -> String {
    match t {
        Traffic::Megabytes(v) => megabytes(Some(v)),
        Traffic::Unknown => String::new(),
        Traffic::Invalid => tr(lang, Msg::TrafficInvalid).to_owned(),
    }
}

/// A session's duration (`2d 03:04:05`, `03:04:05`), or "ongoing".
pub fn duration(lang: Lang, r: &ConnectionRecord) -> String {
    let start = r.started_at().and_then(|d| d.instant());
    let stop = r.stopped_at().and_then(|d| d.instant());
    match (start, stop) {
        (Some(a), Some(b)) => {
            let secs = b.signed_duration_since(a).num_seconds().max(0);
            let (d, h, m, s) = (
                secs / 86_400,
                secs % 86_400 / 3600,
                secs % 3600 / 60,
                secs % 60,
            );
            if d > 0 {
                format!("{d}d {h:02}:{m:02}:{s:02}")
            } else {
                format!("{h:02}:{m:02}:{s:02}")
            }
        }
        (Some(_), None) => tr(lang, Msg::SessionOpen).to_owned(),
        _ => txt(lang, None),
    }
}

/// Draws the pane.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView, focused: bool) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let title = match &view.connections_login {
        Some(login) => format!(
            "{} · {}",
            tr(lang, Msg::PaneConnections),
            trf(
                lang,
                Msg::ConnectionsOfLogin,
                &[("login", &crate::sanitize::clean(login))]
            )
        ),
        None => tr(lang, Msg::PaneConnections).to_owned(),
    };
    if view.connections_login.is_none() && !view.connections.loading() {
        // No login: say why there is nothing, rather than "loading".
        if let Some(inner) = (crate::ui::widgets::PaneFrame {
            title: &title,
            focused,
            state: crate::ui::widgets::PaneState::Ready,
            tick: app.tick,
            retry_keys: "",
            lang,
            theme,
        })
        .render_pane(area, frame.buffer_mut())
        {
            let msg = if view.customer.data.is_some() {
                tr(lang, Msg::ConnectionsNoLogin)
            } else {
                tr(lang, Msg::StateLoading)
            };
            cells::lines(
                frame.buffer_mut(),
                inner,
                &[Line::styled(msg, theme.style(Role::Muted))],
            );
        }
        return;
    }
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        &title,
        &view.connections,
        |log| log.registros.is_empty(),
        focused,
    ) else {
        return;
    };
    let Some(log) = &view.connections.data else {
        return;
    };
    let sessions = &log.registros;
    // Totals: the server's statistics where possible, else summed here.
    let totals = log.totals();
    let (count, down, up) = (totals.sessions, Some(totals.download), Some(totals.upload));
    let mut y = inner.y;
    cells::lines(
        frame.buffer_mut(),
        Rect {
            y,
            height: 1,
            ..inner
        },
        &[Line::styled(
            trf(
                lang,
                if count == 1 {
                    Msg::ConnectionsTotalsOne
                } else {
                    Msg::ConnectionsTotals
                },
                &[
                    ("count", &count),
                    ("download", &megabytes(down)),
                    ("upload", &megabytes(up)),
                ],
            ),
            theme.style(Role::Accent),
        )],
    );
    y += 1;
    // The chart: download per session, oldest on the left.
    let chart_h = if inner.height >= 14 { 4 } else { 2 };
    if inner.height > chart_h + 4 {
        cells::lines(
            frame.buffer_mut(),
            Rect {
                y,
                height: 1,
                ..inner
            },
            &[Line::styled(
                tr(lang, Msg::ConnectionsChart),
                theme.style(Role::Muted),
            )],
        );
        let data: Vec<u64> = sessions
            .iter()
            .rev()
            .map(|r| r.download().megabytes().unwrap_or(0.0).round() as u64)
            .collect();
        let chart_w = (data.len() as u16).min(inner.width);
        let skip = data.len().saturating_sub(chart_w as usize);
        Sparkline::default()
            .data(&data[skip..])
            .style(theme.style(Role::Accent))
            .render(
                Rect {
                    y: y + 1,
                    height: chart_h - 1,
                    width: chart_w,
                    ..inner
                },
                frame.buffer_mut(),
            );
        y += chart_h;
    }
    let table = Rect {
        y,
        height: (inner.y + inner.height).saturating_sub(y),
        ..inner
    };
    // Columns by priority: what fits at 80 columns first, then MAC, stop, NAS.
    let mut cols: Vec<(Msg, usize, bool)> = vec![
        (Msg::ColStart, 16, false),
        (Msg::ColDuration, 11, true),
        (Msg::ColDownload, 9, true),
        (Msg::ColUpload, 9, true),
        (Msg::WhatIp, 15, false),
    ];
    let mut used: usize = cols.iter().map(|c| c.1 + 1).sum();
    for extra in [
        (Msg::WhatMac, 17, false),
        (Msg::ColStop, 16, false),
        (Msg::LabelNas, 15, false),
    ] {
        if used + extra.1 < table.width as usize {
            used += extra.1 + 1;
            cols.push(extra);
        }
    }
    let widths: Vec<usize> = cols.iter().map(|c| c.1).collect();
    let right: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| c.2)
        .map(|(i, _)| i)
        .collect();
    let muted = theme.style(Role::Muted);
    let header = row(
        cols.iter()
            .map(|c| (tr(lang, c.0).to_owned(), muted))
            .collect(),
        &widths,
        &right,
    );
    let rows: Vec<Line> = sessions
        .iter()
        .map(|r| {
            let cells_: Vec<(String, ratatui::style::Style)> = cols
                .iter()
                .map(|c| {
                    let text = match c.0 {
                        Msg::ColStart => cells::date(lang, r.started_at()),
                        Msg::ColStop => match r.stopped_at() {
                            Some(d) => cells::date(lang, Some(d)),
                            None => tr(lang, Msg::SessionOpen).to_owned(),
                        },
                        Msg::ColDuration => duration(lang, r),
                        Msg::ColDownload => traffic(lang, r.download()),
                        Msg::ColUpload => traffic(lang, r.upload()),
                        Msg::WhatIp => txt(lang, r.framedipaddress.as_deref()),
                        Msg::WhatMac => txt(lang, r.callingstationid.as_deref()),
                        _ => txt(lang, r.nasipaddress.as_deref()),
                    };
                    let role = if c.0 == Msg::ColStop && r.stopped_at().is_none() {
                        Role::Ok
                    } else {
                        Role::Text
                    };
                    (text, theme.style(role))
                })
                .collect();
            row(cells_, &widths, &right)
        })
        .collect();
    let sel = view.sel(Pane::Connections);
    let rest = crate::ui::detail::list(
        frame,
        table,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: sel,
            focused,
            share: 75,
        },
    );
    // The selected session in full, whatever the columns shown.
    if let Some(r) = sessions.get(sel) {
        let out = vec![
            Line::styled("─".repeat(rest.width as usize), theme.style(Role::Border)),
            Line::from(
                [
                    kv(
                        theme,
                        tr(lang, Msg::ColStart),
                        cells::date(lang, r.started_at()),
                        Role::Text,
                    ),
                    kv(
                        theme,
                        tr(lang, Msg::ColStop),
                        match r.stopped_at() {
                            Some(d) => cells::date(lang, Some(d)),
                            None => tr(lang, Msg::SessionOpen).to_owned(),
                        },
                        Role::Text,
                    ),
                ]
                .into_iter()
                .flat_map(|l| {
                    let mut s = l.spans;
                    s.push(ratatui::text::Span::raw("   "));
                    s
                })
                .collect::<Vec<_>>(),
            ),
            Line::from(
                [
                    kv(
                        theme,
                        tr(lang, Msg::ColCallingStation),
                        txt(lang, r.callingstationid.as_deref()),
                        Role::Text,
                    ),
                    kv(
                        theme,
                        tr(lang, Msg::LabelNas),
                        txt(lang, r.nasipaddress.as_deref()),
                        Role::Text,
                    ),
                ]
                .into_iter()
                .flat_map(|l| {
                    let mut s = l.spans;
                    s.push(ratatui::text::Span::raw("   "));
                    s
                })
                .collect::<Vec<_>>(),
            ),
        ];
        cells::lines(frame.buffer_mut(), rest, &out);
    }
}
