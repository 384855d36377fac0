//! The invoices pane: pending by default, all on a toggle; due date,
//! amount, state (open, overdue N days in the danger role, paid on date),
//! and for the selected invoice its detail lines, boleto line, barcode,
//! PIX code and link.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::api::Invoice;
use crate::app::{App, CustomerView, Pane};
use crate::br::dates::{days_overdue, invoice_state, today};
use crate::i18n::{Lang, Msg, tr};
use crate::theme::{Role, Theme};
use crate::ui::cells::{self, Col, kv, opt, row, txt};

/// The state text of an invoice and the role it is drawn in.
pub fn state(lang: Lang, inv: &Invoice, today: chrono::NaiveDate) -> (String, Role) {
    let due = inv.due_date().and_then(|d| d.date());
    let paid = if inv.is_paid() {
        inv.payment_date().and_then(|d| d.date())
    } else {
        None
    };
    let text = invoice_state(lang, due, paid, today);
    let role = if inv.is_paid() {
        Role::Ok
    } else {
        match due {
            Some(d) if days_overdue(d, today) > 0 => Role::Danger,
            Some(d) if d == today => Role::Warning,
            _ => Role::Text,
        }
    };
    (text, role)
}

/// Draws the pane.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &CustomerView, focused: bool) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let title = format!(
        "{} · {}",
        tr(lang, Msg::PaneInvoices),
        tr(
            lang,
            if view.invoices_all {
                Msg::FilterAll
            } else {
                Msg::FilterPending
            }
        )
    );
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        &title,
        &view.invoices,
        Vec::is_empty,
        focused,
    ) else {
        return;
    };
    let Some(invoices) = &view.invoices.data else {
        return;
    };
    let today = today(app.now);
    let muted = theme.style(Role::Muted);
    let cells: Vec<Vec<(String, Style)>> = invoices
        .iter()
        .map(|inv| {
            let (text, role) = state(lang, inv, today);
            let glyph = theme.glyph(role);
            vec![
                (cells::date(lang, inv.due_date()), theme.style(Role::Text)),
                (cells::money(lang, inv.valor), theme.style(Role::Text)),
                (
                    if glyph.is_empty() {
                        text
                    } else {
                        format!("{glyph} {text}")
                    },
                    theme.style(role),
                ),
                (
                    // `boleto_bancario` reads better as "Boleto bancario".
                    cells::cap(&txt(lang, inv.tipo_cobranca.as_deref()).replace('_', " ")),
                    theme.style(Role::Muted),
                ),
            ]
        })
        .collect();
    let headers = [Msg::ColDue, Msg::ColValue, Msg::ColState, Msg::ColType].map(|m| tr(lang, m));
    // Date and value always whole; then the state (overdue!); the type last.
    let widths = cells::sized(
        inner.width,
        &headers,
        &cells,
        &[
            Col::new(10, 0, 0),
            Col::new(8, 0, 0),
            Col::new(8, 0, 1),
            Col::new(6, 0, 2),
        ],
    );
    let header = row(
        headers.iter().map(|h| ((*h).to_owned(), muted)).collect(),
        &widths,
        &[1],
    );
    let rows: Vec<Line> = cells.into_iter().map(|r| row(r, &widths, &[1])).collect();
    let sel = view.sel(Pane::Invoices);
    let rest = crate::ui::detail::list(
        frame,
        inner,
        app,
        crate::ui::detail::List {
            header,
            rows,
            selected: sel,
            focused,
            share: 50,
        },
    );
    if let Some(inv) = invoices.get(sel) {
        let hidden = cells::scrolled_lines(
            frame.buffer_mut(),
            rest,
            &details(lang, theme, inv, rest.width),
            crate::ui::detail::scroll_of(view, focused),
        );
        crate::ui::detail::marker(frame, area, app, hidden);
    }
}

/// Blanks before an invoice's detail lines.
const INDENT: usize = 2;

fn details<'a>(lang: Lang, theme: &Theme, inv: &Invoice, width: u16) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(
        "─".repeat(width as usize),
        theme.style(Role::Border),
    )];
    if !inv.detalhamento.is_empty() {
        out.push(Line::styled(
            tr(lang, Msg::LabelInvoiceLines).to_owned(),
            theme.style(Role::Muted),
        ));
        // Each line's text wraps under its own column (the server's
        // whole sentence: period, proration, the amount it was based on),
        // its amount on the first row, the amounts aligned at the right.
        let amounts: Vec<String> = inv
            .detalhamento
            .iter()
            .map(|l| cells::money(lang, l.valor))
            .collect();
        let amount_w = amounts
            .iter()
            .map(|a| crate::text::width(a))
            .max()
            .unwrap_or(0);
        let text_w = (width as usize)
            .saturating_sub(INDENT + 1 + amount_w)
            .max(10);
        let style = theme.style(Role::Text);
        for (line, amount) in inv.detalhamento.iter().zip(amounts) {
            let text = txt(lang, line.descricao.as_deref());
            for (i, part) in cells::wrap(&text, text_w).into_iter().enumerate() {
                let mut spans = vec![Span::styled(
                    format!("{:INDENT$}{}", "", crate::text::pad_right(&part, text_w)),
                    style,
                )];
                if i == 0 {
                    spans.push(Span::styled(
                        format!(" {}", crate::text::fit_right(&amount, amount_w)),
                        style,
                    ));
                }
                out.push(Line::from(spans));
            }
        }
    }
    for (label, value) in [
        (Msg::WhatBoletoLine, inv.linha_digitavel.as_deref()),
        (Msg::LabelBarcode, inv.codigo_barras.as_deref()),
    ] {
        if let Some(v) = opt(value) {
            out.push(kv(theme, &cells::cap(tr(lang, label)), v, Role::Text));
        }
    }
    // PIX codes and links are long; wrap them so nothing is hidden.
    for (label, value) in [
        (Msg::WhatPixCode, inv.pix()),
        (Msg::WhatInvoiceLink, inv.link.as_deref()),
    ] {
        if let Some(v) = opt(value) {
            out.push(Line::styled(
                format!("{}:", cells::cap(tr(lang, label))),
                theme.style(Role::Muted),
            ));
            for part in cells::wrap(&v, width.saturating_sub(2) as usize) {
                out.push(Line::styled(format!("  {part}"), theme.style(Role::Text)));
            }
        }
    }
    out
}
