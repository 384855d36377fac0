//! The tickets pane (atendimentos): open ones by default, all on a
//! toggle; protocol, type, status, opened; for the selected ticket the
//! responsible, the description and its service orders.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::api::Ticket;
use crate::app::{App, CustomerView, Pane};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::theme::{Role, Theme};
use crate::ui::cells::{self, Col, kv, opt, row, txt};

/// The role of a ticket or order status text.
pub fn status_role(status: Option<&str>) -> Role {
    let s = status.unwrap_or("").to_lowercase();
    if s.contains("final") || s.contains("conclu") || s.contains("fechad") {
        Role::Ok
    } else if s.contains("cancel") {
        Role::Muted
    } else {
        Role::Warning
    }
}

/// Draws the pane.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView, focused: bool) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let title = format!(
        "{} · {}",
        tr(lang, Msg::PaneTickets),
        tr(
            lang,
            if view.tickets_all {
                Msg::FilterAllTickets
            } else {
                Msg::FilterOpen
            }
        )
    );
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        &title,
        &view.tickets,
        Vec::is_empty,
        focused,
    ) else {
        return;
    };
    let Some(tickets) = &view.tickets.data else {
        return;
    };
    let muted = theme.style(Role::Muted);
    let cells: Vec<Vec<(String, Style)>> = tickets
        .iter()
        .map(|t| {
            vec![
                (txt(lang, t.protocolo.as_deref()), theme.style(Role::Text)),
                (
                    txt(lang, t.tipo_atendimento.as_deref()),
                    theme.style(Role::Text),
                ),
                (
                    txt(lang, t.status.as_deref()),
                    theme.style(status_role(t.status.as_deref())),
                ),
                (cells::date(lang, t.opened_at()), theme.style(Role::Text)),
            ]
        })
        .collect();
    let protocol = cells::cap(tr(lang, Msg::WhatProtocol));
    let headers = [
        protocol.as_str(),
        tr(lang, Msg::ColType),
        tr(lang, Msg::ColState),
        tr(lang, Msg::ColOpened),
    ];
    // The protocol is read aloud: whole. Then state, type, date.
    let widths = cells::sized(
        inner.width,
        &headers,
        &cells,
        &[
            Col::new(20, 0, 0),
            Col::new(10, 0, 2),
            Col::new(8, 0, 1),
            Col::new(10, 0, 3),
        ],
    );
    let header = row(
        headers.iter().map(|h| ((*h).to_owned(), muted)).collect(),
        &widths,
        &[],
    );
    let rows: Vec<Line> = cells.into_iter().map(|r| row(r, &widths, &[])).collect();
    let sel = view.sel(Pane::Tickets);
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
    if let Some(t) = tickets.get(sel) {
        let hidden = cells::scrolled_lines(
            frame.buffer_mut(),
            rest,
            &details(lang, theme, t, rest.width),
            crate::ui::detail::scroll_of(view, focused),
        );
        crate::ui::detail::marker(frame, area, app, hidden);
    }
}

fn details<'a>(lang: Lang, theme: &Theme, t: &Ticket, width: u16) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(
        "─".repeat(width as usize),
        theme.style(Role::Border),
    )];
    let responsible = [
        opt(t.usuario_responsavel.as_deref()),
        opt(t.setor_responsavel.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    out.push(kv(
        theme,
        tr(lang, Msg::LabelResponsible),
        if responsible.is_empty() {
            txt(lang, None)
        } else {
            responsible
        },
        Role::Text,
    ));
    // The ticket's own service (nested `servico` on current servers): the
    // one its actions target.
    if let Some(id) = t.service_id() {
        let plan = t
            .service()
            .and_then(|s| opt(s.nome.as_deref()))
            .unwrap_or_else(|| txt(lang, None));
        out.push(kv(
            theme,
            tr(lang, Msg::LabelService),
            trf(lang, Msg::ServiceRef, &[("plan", &plan), ("id", &id)]),
            Role::Text,
        ));
    }
    if let Some(sla) = opt(t.tempo_restante.as_deref()) {
        let role = if sla.trim_start().starts_with('-') {
            Role::Danger
        } else {
            Role::Text
        };
        out.push(kv(theme, tr(lang, Msg::LabelSla), sla, role));
    }
    out.push(Line::styled(
        format!("{}:", tr(lang, Msg::LabelDescription)),
        theme.style(Role::Muted),
    ));
    let desc = t
        .descricao_abertura
        .as_deref()
        .map(|d| crate::sanitize::clean_multiline(d).into_owned())
        .unwrap_or_else(|| txt(lang, None));
    for part in cells::wrap(&desc, width.saturating_sub(2) as usize) {
        out.push(Line::styled(format!("  {part}"), theme.style(Role::Text)));
    }
    if let Some(closing) = t
        .descricao_fechamento
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        out.push(Line::styled(
            format!(
                "{} ({}):",
                tr(lang, Msg::LabelClosing),
                cells::date(lang, t.closed_at())
            ),
            theme.style(Role::Muted),
        ));
        let closing = crate::sanitize::clean_multiline(closing);
        for part in cells::wrap(&closing, width.saturating_sub(2) as usize) {
            out.push(Line::styled(format!("  {part}"), theme.style(Role::Text)));
        }
    }
    let orders = t.service_orders();
    if !orders.is_empty() {
        out.push(Line::styled(
            format!("{}:", tr(lang, Msg::PaneServiceOrders)),
            theme.style(Role::Muted),
        ));
        for o in orders {
            out.push(Line::from(vec![
                ratatui::text::Span::styled(
                    format!(
                        "  {} · {} · ",
                        txt(lang, o.numero_ordem_servico.as_deref()),
                        txt(lang, o.tipo.as_deref())
                    ),
                    theme.style(Role::Text),
                ),
                ratatui::text::Span::styled(
                    crate::ui::orders::status_text(lang, o),
                    theme.style(status_role(o.status.as_deref())),
                ),
            ]));
        }
    }
    out.extend(thread(lang, theme, t, width));
    out
}

/// The ticket's message thread (its own and its orders' messages, oldest
/// first), read on current servers with `relacoes`: who wrote each, when,
/// and its text, sanitized and wrapped to the pane. Nothing when there is
/// none (a 2020 server sends none).
pub fn thread<'a>(lang: Lang, theme: &Theme, t: &Ticket, width: u16) -> Vec<Line<'a>> {
    let messages = t.messages();
    if messages.is_empty() {
        return Vec::new();
    }
    let width = width.saturating_sub(2).max(1) as usize;
    let mut out = vec![Line::styled(
        trf(lang, Msg::TicketThread, &[("count", &messages.len())]),
        theme.style(Role::Muted),
    )];
    for (place, m) in messages {
        let mut head = format!(
            "{} · {}",
            cells::date(lang, m.written_at()),
            txt(lang, m.usuario.as_deref())
        );
        if let crate::api::MessagePlace::Order(order) = place {
            let id = order.map_or_else(|| txt(lang, None), |id| id.to_string());
            head.push_str(" · ");
            head.push_str(&trf(lang, Msg::MessageOnOrder, &[("id", &id)]));
        }
        for part in cells::wrap(&head, width) {
            out.push(Line::styled(format!("  {part}"), theme.style(Role::Title)));
        }
        let text = m
            .mensagem
            .as_deref()
            .map(|d| crate::sanitize::clean_multiline(d).into_owned())
            .unwrap_or_else(|| txt(lang, None));
        for part in cells::wrap(&text, width.saturating_sub(2).max(1)) {
            out.push(Line::styled(format!("    {part}"), theme.style(Role::Text)));
        }
    }
    out
}
