//! The watch row (issue 18): one row above the hint bar while the open
//! customer has watches, or an offer to watch after an action. It says
//! what is watched, the countdown to the next read (or the read in
//! flight, or the failing reads' longer wait), the time elapsed of the
//! limit, and a badge for each service that came online.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::watch::{State, Watches, clock};
use crate::app::{App, CustomerView};
use crate::i18n::{Msg, tr, trf};
use crate::theme::Role;

/// Whether `app` shows a watch row: the customer left open has watches or
/// an offer.
pub fn shows(app: &App) -> bool {
    app.view
        .as_ref()
        .is_some_and(|v| !v.watch.is_empty() || offered(v).is_some())
}

/// The service label of the offer, while it names a service of `view`.
fn offered(view: &CustomerView) -> Option<String> {
    let id = view.watch.offer?;
    let service = view
        .customer
        .data
        .as_ref()?
        .servicos
        .iter()
        .find(|s| s.id_cliente_servico == Some(id))?;
    Some(crate::app::watch::label_of(service, id))
}

/// The row's spans at `now`.
pub fn line(app: &App, now: Instant) -> Line<'static> {
    let Some(view) = app.view.as_ref() else {
        return Line::default();
    };
    let theme = &app.settings.theme;
    let lang = app.lang();
    let w: &Watches = &view.watch;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let sep = || Span::styled(" · ", theme.style(Role::Muted));
    for watch in &w.list {
        if let State::Online { since, .. } = &watch.state {
            let glyph = theme.glyph(Role::Ok);
            spans.push(Span::styled(
                format!(" {glyph} {} ", tr(lang, Msg::WatchBadgeOnline)),
                theme.style(Role::Ok).add_modifier(
                    ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD,
                ),
            ));
            spans.push(Span::styled(
                format!(
                    " {}",
                    trf(
                        lang,
                        Msg::WatchRowOnline,
                        &[
                            ("service", &watch.label),
                            ("since", &since.clone().unwrap_or_default())
                        ]
                    )
                ),
                theme.style(Role::Ok),
            ));
        }
    }
    let waiting: Vec<&str> = w
        .list
        .iter()
        .filter(|x| x.waiting())
        .map(|x| x.label.as_str())
        .collect();
    if let Some(oldest) = w.oldest_waiting() {
        let cfg = &app.settings.watch;
        spans.push(Span::styled(" ⟳ ", theme.style(Role::Accent)));
        spans.push(Span::styled(
            trf(
                lang,
                Msg::WatchRowWatching,
                &[("service", &waiting.join(", "))],
            ),
            theme.style(Role::Text),
        ));
        spans.push(sep());
        let next = match (w.countdown(now), &w.error) {
            (None, _) => (tr(lang, Msg::WatchRowReading).to_owned(), Role::Muted),
            (Some(secs), Some(error)) => (
                trf(
                    lang,
                    Msg::WatchRowFailing,
                    &[
                        ("error", &crate::sanitize::clean_line(error)),
                        ("secs", &secs),
                    ],
                ),
                Role::Warning,
            ),
            (Some(secs), None) => (trf(lang, Msg::WatchRowNext, &[("secs", &secs)]), Role::Text),
        };
        spans.push(Span::styled(next.0, theme.style(next.1)));
        spans.push(sep());
        let elapsed = now.saturating_duration_since(oldest.started).min(cfg.limit);
        spans.push(Span::styled(
            trf(
                lang,
                Msg::WatchRowElapsed,
                &[("elapsed", &clock(elapsed)), ("limit", &clock(cfg.limit))],
            ),
            theme.style(Role::Muted),
        ));
    }
    if !w.list.is_empty() {
        spans.push(sep());
        spans.push(Span::styled(
            tr(lang, Msg::WatchRowEsc).to_owned(),
            theme.style(Role::Key),
        ));
    } else if let Some(label) = offered(view) {
        spans.push(Span::styled(
            format!(
                " ◌ {}",
                trf(lang, Msg::WatchRowOffer, &[("service", &label)])
            ),
            theme.style(Role::Accent),
        ));
    }
    Line::from(spans)
}

/// Draws the row into `area` (one row), cut with "…" when it is longer.
pub fn draw(app: &App, now: Instant, area: Rect, buf: &mut Buffer) {
    let line = line(app, now);
    crate::ui::cells::ellipsize(&line, area.width as usize).render(area, buf);
}
