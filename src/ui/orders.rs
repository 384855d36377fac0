//! The service-orders pane: filtered by status (all, pending, awaiting
//! scheduling, finished); number, type, status, scheduled and executed
//! times; for the selected order its descriptions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::api::{ServiceOrder, ServiceOrderStatus};
use crate::app::{App, CustomerView, Pane};
use crate::i18n::{Lang, Msg, tr};
use crate::theme::{Role, Theme};
use crate::ui::cells::{self, Col, kv, row, txt};
use crate::ui::tickets::status_role;

/// The catalog name of a documented status.
pub fn status_msg(status: ServiceOrderStatus) -> Msg {
    match status {
        ServiceOrderStatus::Pending => Msg::OrderPending,
        ServiceOrderStatus::AwaitingScheduling => Msg::OrderAwaitingScheduling,
        ServiceOrderStatus::Finished => Msg::OrderFinished,
    }
}

/// A service order's status in words: the catalog name when documented,
/// else the server's text.
pub fn status_text(lang: Lang, o: &ServiceOrder) -> String {
    match o.status_kind() {
        Some(k) => tr(lang, status_msg(k)).to_owned(),
        None => txt(lang, o.status.as_deref()),
    }
}

fn role(o: &ServiceOrder) -> Role {
    match o.status_kind() {
        Some(ServiceOrderStatus::Finished) => Role::Ok,
        Some(_) => Role::Warning,
        None => status_role(o.status.as_deref()),
    }
}

fn span(
    lang: Lang,
    start: Option<&crate::api::ApiDate>,
    end: Option<&crate::api::ApiDate>,
) -> String {
    match (start, end) {
        (None, None) => txt(lang, None),
        (s, None) => cells::date(lang, s),
        (s, e) => format!("{} → {}", cells::date(lang, s), cells::date(lang, e)),
    }
}

/// Draws the pane.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView, focused: bool) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let filter = match view.order_filter {
        Some(s) => tr(lang, status_msg(s)),
        None => tr(lang, Msg::FilterAll),
    };
    let title = format!("{} · {filter}", tr(lang, Msg::PaneServiceOrders));
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        &title,
        &view.orders,
        Vec::is_empty,
        focused,
    ) else {
        return;
    };
    let Some(orders) = &view.orders.data else {
        return;
    };
    let muted = theme.style(Role::Muted);
    let cells: Vec<Vec<(String, Style)>> = orders
        .iter()
        .map(|o| {
            vec![
                (
                    txt(lang, o.numero_ordem_servico.as_deref()),
                    theme.style(Role::Text),
                ),
                (txt(lang, o.tipo.as_deref()), theme.style(Role::Text)),
                (status_text(lang, o), theme.style(role(o))),
                (
                    cells::date(lang, o.data_inicio_programado.as_ref()),
                    theme.style(Role::Text),
                ),
                (
                    cells::date(lang, o.data_inicio_executado.as_ref()),
                    theme.style(Role::Text),
                ),
            ]
        })
        .collect();
    let headers = [
        Msg::ColNumber,
        Msg::ColType,
        Msg::ColState,
        Msg::ColScheduled,
        Msg::ColExecuted,
    ]
    .map(|m| tr(lang, m));
    let widths = cells::sized(
        inner.width,
        &headers,
        &cells,
        &[
            Col::new(6, 0, 0),
            Col::new(8, 0, 2),
            Col::new(8, 0, 1),
            Col::new(10, 0, 3),
            Col::new(10, 0, 4),
        ],
    );
    let header = row(
        headers.iter().map(|h| ((*h).to_owned(), muted)).collect(),
        &widths,
        &[],
    );
    let rows: Vec<Line> = cells.into_iter().map(|r| row(r, &widths, &[])).collect();
    let sel = view.sel(Pane::Orders);
    let rest = crate::ui::detail::list(
        frame,
        inner,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: sel,
            focused,
            share: 40,
        },
    );
    if let Some(o) = orders.get(sel) {
        let hidden = cells::scrolled_lines(
            frame.buffer_mut(),
            rest,
            &details(lang, theme, o, rest.width),
            crate::ui::detail::scroll_of(view, focused),
        );
        crate::ui::detail::marker(frame, area, app, hidden);
    }
}

fn details<'a>(lang: Lang, theme: &Theme, o: &ServiceOrder, width: u16) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(
        "─".repeat(width as usize),
        theme.style(Role::Border),
    )];
    if let Some(s) = o.service() {
        out.push(kv(
            theme,
            tr(lang, Msg::LabelService),
            txt(lang, s.nome.as_deref().or(s.login.as_deref())),
            Role::Text,
        ));
    }
    out.push(kv(
        theme,
        tr(lang, Msg::ColScheduled),
        span(
            lang,
            o.data_inicio_programado.as_ref(),
            o.data_termino_programado.as_ref(),
        ),
        Role::Text,
    ));
    out.push(kv(
        theme,
        tr(lang, Msg::ColExecuted),
        span(
            lang,
            o.data_inicio_executado.as_ref(),
            o.data_termino_executado.as_ref(),
        ),
        Role::Text,
    ));
    if let Some(protocol) = o.protocol() {
        out.push(kv(
            theme,
            &cells::cap(tr(lang, Msg::WhatProtocol)),
            txt(lang, Some(protocol)),
            Role::Text,
        ));
    }
    let technicians = o.technicians();
    if !technicians.is_empty() {
        let names: Vec<String> = technicians.iter().map(|n| txt(lang, Some(n))).collect();
        out.push(kv(
            theme,
            tr(lang, Msg::ColTechnicians),
            names.join(", "),
            Role::Text,
        ));
    }
    let people: Vec<String> = [
        o.usuario_abertura.as_deref(),
        o.usuario_fechamento.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.trim().is_empty())
    .map(|p| txt(lang, Some(p)))
    .collect();
    if !people.is_empty() {
        out.push(kv(
            theme,
            tr(lang, Msg::ColPeople),
            people.join(" / "),
            Role::Text,
        ));
    }
    if let Some(outcome) = o
        .status_fechamento
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        out.push(kv(
            theme,
            tr(lang, Msg::ColClosingStatus),
            txt(lang, Some(outcome)),
            Role::Text,
        ));
    }
    for (label, text) in [
        (Msg::LabelDescription, o.descricao_abertura.as_deref()),
        (Msg::LabelWorkDone, o.descricao_servico.as_deref()),
        (Msg::LabelClosing, o.descricao_fechamento.as_deref()),
    ] {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        out.push(Line::styled(
            format!("{}:", tr(lang, label)),
            theme.style(Role::Muted),
        ));
        let clean = crate::sanitize::clean_multiline(text);
        for part in cells::wrap(&clean, width.saturating_sub(2) as usize) {
            out.push(Line::styled(format!("  {part}"), theme.style(Role::Text)));
        }
    }
    out
}
