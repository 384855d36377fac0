//! The receivables screen: the filter bar on top (range, date kind, paid
//! only, order, customer, and the 30-day rule or the field's problem), and
//! below it the invoices with their totals, the `/` filter, and the
//! selected invoice's customer.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::api::ReceivablesQuery;
use crate::app::keymap::Action;
use crate::app::tools::receivables::{
    Field, FilterForm, LIMIT, date_kind_msg, order_by_msg, order_type_msg,
};
use crate::app::{App, Remote};
use crate::br::dates::{format_date, today};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::text::{fit, width};
use crate::theme::{Role, Theme};
use crate::ui::cells::{self, Col, kv, txt};
use crate::ui::widgets::keys_label;

/// Rows of the filter bar, borders included.
const BAR_HEIGHT: u16 = 5;

/// Width of the customer field.
const CUSTOMER_WIDTH: usize = 20;

/// Draws the screen.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let bar_area = Rect {
        height: BAR_HEIGHT.min(area.height),
        ..area
    };
    let list_area = Rect {
        y: area.y + bar_area.height,
        height: area.height - bar_area.height,
        ..area
    };
    draw_bar(frame, bar_area, app);
    if list_area.height > 0 {
        draw_list(frame, list_area, app);
    }
}

/// Spans of one bar line, tracking the column for the cursor.
struct BarLine {
    spans: Vec<Span<'static>>,
    x: u16,
    cursor: Option<u16>,
}

impl BarLine {
    fn new() -> BarLine {
        BarLine {
            spans: Vec::new(),
            x: 0,
            cursor: None,
        }
    }

    fn push(&mut self, text: String, style: Style) {
        self.x += width(&text) as u16;
        self.spans.push(Span::styled(text, style));
    }
}

/// One field: muted label, then the value, highlighted when focused and
/// in the danger role when it is the one refused.
fn field(
    line: &mut BarLine,
    app: &App,
    form: &FilterForm,
    id: Field,
    label: Option<&str>,
    value: String,
    value_width: Option<usize>,
) {
    let theme = &app.settings.theme;
    let lang = app.lang();
    if !line.spans.is_empty() {
        line.push("  ".into(), Style::new());
    }
    if let Some(label) = label {
        line.push(format!("{label}: "), theme.style(Role::Muted));
    }
    let focused = form.focus == Some(id);
    let failed = form.error.as_ref().is_some_and(|(f, _)| *f == id);
    let input = form.input(id);
    let placeholder = id == Field::Customer && value.trim().is_empty();
    let shown = if placeholder {
        tr(lang, Msg::RcvCustomerHint).to_owned()
    } else {
        crate::sanitize::clean(&value).into_owned()
    };
    let w = value_width.unwrap_or_else(|| width(&shown));
    let scroll = input.map_or(0, |i| i.visual_scroll(w));
    let visible: String = shown.chars().skip(scroll).collect();
    let role = if focused {
        Role::Selection
    } else if failed {
        Role::Danger
    } else if placeholder {
        Role::Muted
    } else {
        Role::Text
    };
    if focused && let Some(i) = input {
        let col = if placeholder {
            0
        } else {
            i.visual_cursor().saturating_sub(scroll).min(w)
        };
        line.cursor = Some(line.x + col as u16);
    }
    line.push(fit(&visible, w), theme.style(role));
}

fn draw_bar(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let state = &app.tools.receivables;
    let form = &state.form;
    let ready: Remote<()> = Remote {
        data: Some(()),
        ..Remote::default()
    };
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        tr(lang, Msg::RcvTool),
        &ready,
        |_| false,
        form.focus.is_some(),
    ) else {
        return;
    };
    let label = |f: Field| tr(lang, f.label());
    let mut first = BarLine::new();
    field(
        &mut first,
        app,
        form,
        Field::From,
        Some(label(Field::From)),
        form.from.value().to_owned(),
        Some(11),
    );
    field(
        &mut first,
        app,
        form,
        Field::To,
        Some(label(Field::To)),
        form.to.value().to_owned(),
        Some(11),
    );
    field(
        &mut first,
        app,
        form,
        Field::DateKind,
        Some(label(Field::DateKind)),
        tr(lang, date_kind_msg(form.date_kind)).to_owned(),
        None,
    );
    field(
        &mut first,
        app,
        form,
        Field::PaidOnly,
        Some(label(Field::PaidOnly)),
        tr(
            lang,
            if form.paid_only {
                Msg::RcvYes
            } else {
                Msg::RcvNo
            },
        )
        .to_owned(),
        None,
    );
    let mut second = BarLine::new();
    field(
        &mut second,
        app,
        form,
        Field::OrderBy,
        Some(label(Field::OrderBy)),
        tr(lang, order_by_msg(form.order_by)).to_owned(),
        None,
    );
    second.push(" ".into(), Style::new());
    field_tail(&mut second, app, form);
    field(
        &mut second,
        app,
        form,
        Field::Customer,
        Some(label(Field::Customer)),
        form.customer.value().to_owned(),
        Some(CUSTOMER_WIDTH),
    );
    let hint = trf(
        lang,
        Msg::RcvFormHint,
        &[
            ("tab", &keys_label(&app.keymap, Action::NextPane)),
            ("enter", &keys_label(&app.keymap, Action::Open)),
        ],
    );
    let note = match &form.error {
        Some((_, text)) => Line::styled(text.clone(), theme.style(Role::Danger)),
        None => {
            let rule = if form.has_customer() {
                tr(lang, Msg::RcvWindowFree).to_owned()
            } else {
                trf(
                    lang,
                    Msg::RcvWindowNote,
                    &[("days", &ReceivablesQuery::MAX_DAYS_WITHOUT_SEARCH)],
                )
            };
            let mut spans = vec![Span::styled(rule.clone(), theme.style(Role::Muted))];
            // How to reach the fields, where it fits after the rule.
            if width(&rule) + 2 + width(&hint) <= inner.width as usize {
                spans.push(Span::styled(format!("  {hint}"), theme.style(Role::Key)));
            }
            Line::from(spans)
        }
    };
    let cursor = first
        .cursor
        .map(|x| (x, 0))
        .or(second.cursor.map(|x| (x, 1)));
    cells::lines(
        frame.buffer_mut(),
        inner,
        &[Line::from(first.spans), Line::from(second.spans), note],
    );
    if let Some((x, y)) = cursor
        && x < inner.width
        && y < inner.height
    {
        frame.set_cursor_position(Position {
            x: inner.x + x,
            y: inner.y + y,
        });
    }
}

/// The order direction, drawn right after the order field as its own
/// focusable choice.
fn field_tail(line: &mut BarLine, app: &App, form: &FilterForm) {
    let theme = &app.settings.theme;
    let role = if form.focus == Some(Field::OrderType) {
        Role::Selection
    } else {
        Role::Text
    };
    line.push(
        tr(app.lang(), order_type_msg(form.order_type)).to_owned(),
        theme.style(role),
    );
}

/// The results pane's title: the applied range and customer, and a
/// warning when the server returned as many rows as asked (there may be
/// more than the totals count).
fn title(lang: Lang, applied: Option<&ReceivablesQuery>, loaded: usize) -> String {
    let mut t = tr(lang, Msg::PaneInvoices).to_owned();
    if let Some(q) = applied {
        if let (Some(a), Some(b)) = (q.data_inicio, q.data_fim) {
            t.push_str(&format!(" · {} – {}", format_date(a), format_date(b)));
        }
        if let Some((_, term)) = &q.search {
            t.push_str(&format!(" · {}", crate::sanitize::clean(term)));
        }
    }
    if loaded >= LIMIT as usize {
        t.push_str(" · ");
        t.push_str(&trf(lang, Msg::RcvLimitReached, &[("limit", &LIMIT)]));
    }
    t
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    let state = &app.tools.receivables;
    let Some(inner) = crate::ui::detail::frame(
        frame,
        area,
        app,
        &title(
            lang,
            state.applied.as_ref(),
            state.invoices.data.as_ref().map_or(0, Vec::len),
        ),
        &state.invoices,
        Vec::is_empty,
        state.form.focus.is_none(),
    ) else {
        return;
    };
    let Some(invoices) = &state.invoices.data else {
        return;
    };
    let today = today(app.now);
    let visible = state.visible();
    let totals_area = Rect { height: 1, ..inner };
    cells::lines(frame.buffer_mut(), totals_area, &[totals_line(app, theme)]);
    let inner = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let inner = super::filter_line(
        frame,
        inner,
        app,
        &state.filter,
        visible.len(),
        invoices.len(),
    );
    // The state column already says "paga em dd/mm/aaaa"; a separate
    // payment-date column only where there is room for it.
    let wide = inner.width >= 100;
    let muted = theme.style(Role::Muted);
    let text = theme.style(Role::Text);
    let mut headers = vec![
        tr(lang, Msg::RcvColCustomer),
        tr(lang, Msg::ColInvoiceId),
        tr(lang, Msg::ColDue),
        tr(lang, Msg::ColValue),
        tr(lang, Msg::ColState),
    ];
    if wide {
        headers.push(tr(lang, Msg::ColPaidOn));
    }
    let cells: Vec<Vec<(String, Style)>> = visible
        .iter()
        .filter_map(|i| invoices.get(*i))
        .map(|inv| {
            let (state_text, role) = crate::ui::invoices::state(lang, inv, today);
            let glyph = theme.glyph(role);
            let name = inv
                .cliente
                .as_ref()
                .and_then(|c| c.display_name().or(c.nome_razaosocial.as_deref()));
            let mut cells = vec![
                (txt(lang, name), text),
                (
                    inv.id_fatura
                        .map_or_else(|| tr(lang, Msg::ValueMissing).to_owned(), |i| i.to_string()),
                    muted,
                ),
                (cells::date(lang, inv.due_date()), text),
                (cells::money(lang, inv.valor), text),
                (
                    if glyph.is_empty() {
                        state_text
                    } else {
                        format!("{glyph} {state_text}")
                    },
                    theme.style(role),
                ),
            ];
            if wide {
                let paid = if inv.is_paid() {
                    inv.payment_date()
                } else {
                    None
                };
                cells.push((cells::date(lang, paid), text));
            }
            cells
        })
        .collect();
    // Who owes, the due date and the amount whole; then the state
    // (overdue!); the invoice number and the payment date last.
    let (header, rows) = cells::table(
        inner.width,
        &headers,
        muted,
        cells,
        &[
            Col::new(12, 0, 0).cap(30),
            Col::new(5, 0, 2),
            Col::new(10, 0, 0),
            Col::new(9, 0, 0),
            Col::new(8, 0, 1),
            Col::new(10, 0, 3),
        ][..headers.len()],
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
            focused: state.form.focus.is_none() && !state.filter.editing,
            share: 70,
        },
    );
    draw_detail(frame, rest, app);
}

/// "4 fatura(s) · total R$ 445,00 · vencidas R$ 0,00 (0)", the overdue
/// part in the danger role when there is any.
fn totals_line(app: &App, theme: &Theme) -> Line<'static> {
    let lang = app.lang();
    let t = app.tools.receivables.totals(today(app.now));
    let spans = vec![
        Span::styled(
            trf(
                lang,
                Msg::RcvTotals,
                &[
                    ("count", &t.count),
                    ("sum", &crate::br::money::format_brl(t.sum)),
                ],
            ),
            theme.style(Role::Text),
        ),
        Span::styled(" · ", theme.style(Role::Muted)),
        Span::styled(
            trf(
                lang,
                Msg::RcvOverdue,
                &[
                    ("sum", &crate::br::money::format_brl(t.overdue_sum)),
                    ("count", &t.overdue_count),
                ],
            ),
            theme.style(if t.overdue_count > 0 {
                Role::Danger
            } else {
                Role::Muted
            }),
        ),
    ];
    Line::from(spans)
}

/// The selected invoice's customer: name and code, document, phones, the
/// bank's number, and that Enter opens the customer.
fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App) {
    if area.height < 2 {
        return;
    }
    let lang = app.lang();
    let theme = &app.settings.theme;
    let Some(inv) = app.tools.receivables.selected_invoice() else {
        return;
    };
    let mut lines = vec![Line::styled(
        "─".repeat(area.width as usize),
        theme.style(Role::Border),
    )];
    if let Some(c) = &inv.cliente {
        let name = txt(lang, c.display_name().or(c.nome_razaosocial.as_deref()));
        let code = c
            .codigo_cliente
            .map_or_else(|| tr(lang, Msg::ValueMissing).to_owned(), |c| c.to_string());
        lines.push(Line::styled(
            trf(
                lang,
                Msg::RcvDetailCustomer,
                &[("name", &name), ("code", &code)],
            ),
            theme.style(Role::Title),
        ));
        let doc = cells::document(app, c.cpf_cnpj.as_deref());
        let phones: Vec<String> = c.phones().iter().map(|p| cells::phone(app, p)).collect();
        let mut who = doc;
        if !phones.is_empty() {
            who.push_str(&format!(" · {}", phones.join(" · ")));
        }
        lines.push(Line::styled(who, theme.style(Role::Text)));
    }
    lines.push(kv(
        theme,
        tr(lang, Msg::RcvOurNumber),
        txt(lang, inv.nosso_numero.as_deref()),
        Role::Text,
    ));
    if inv
        .cliente
        .as_ref()
        .is_some_and(|c| c.codigo_cliente.is_some())
    {
        lines.push(Line::styled(
            trf(
                lang,
                Msg::RcvOpenHint,
                &[("key", &keys_label(&app.keymap, Action::Open))],
            ),
            theme.style(Role::Muted),
        ));
    }
    cells::lines(frame.buffer_mut(), area, &lines);
}
