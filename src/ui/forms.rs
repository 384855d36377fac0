//! Drawing the action forms of [`crate::app::forms`]: a centred dialog with
//! one block per field (label, input, message), the server's refusal on
//! top, and the keys or the in-flight spinner at the bottom. When the
//! dialog is taller than the screen it scrolls to keep the focused field
//! in view.
//!
//! The pieces every form shares, the dialog here and the new-prospect form
//! of the sales screen alike, are [`text_window`] (the visible part of a
//! text field and its cursor), [`note_line`] (the message or hint under a
//! field) and [`first_row`] (scrolling to the focused field).
//!
//! Errors are drawn at their field with the danger role *and* the `✖`
//! glyph, so the mono theme still tells them apart; the focused field is
//! marked with `▸` and an underlined input, which also survive mono.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::confirm::ActionTarget;
use crate::app::forms::{Control, FieldMessage, Form, title};
use crate::app::inflight::ActionKind;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;
use crate::text::{truncate, width};
use crate::theme::{Role, Theme};
use crate::ui::widgets::{centered, spinner, wrapped_height};

mod canned;

/// Widest a form gets: wide enough for a description, narrow enough to
/// keep the eye on one column.
const MAX_WIDTH: u16 = 76;

/// One line naming what the form acts on: customer · plan (id), plus the
/// invoice or ticket for those actions.
pub fn subtitle(lang: Lang, kind: ActionKind, target: &ActionTarget) -> String {
    let mut parts = vec![clean_line(target.customer_name.trim()).into_owned()];
    match kind {
        ActionKind::SendInvoiceEmail | ActionKind::SendInvoiceSms | ActionKind::SendInvoicePush => {
            if let Some(id) = target.invoice_id {
                parts.push(trf(lang, Msg::SubtitleInvoice, &[("id", &id)]));
            }
        }
        ActionKind::EditTicket | ActionKind::CloseTicket => {
            if let Some(p) = &target.ticket_protocol {
                parts.push(trf(
                    lang,
                    Msg::ConfirmTicket,
                    &[("protocol", &clean_line(p))],
                ));
            }
        }
        // The PBX pop-up is about the customer, not a service.
        ActionKind::PbxNotify | ActionKind::PbxMissed => {}
        _ => parts.push(trf(
            lang,
            Msg::SubtitleService,
            &[
                ("plan", &clean_line(target.service_plan.trim())),
                ("id", &target.service_id),
            ],
        )),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// A form, ready to draw.
#[derive(Debug, Clone)]
pub struct FormView<'a> {
    /// The form.
    pub form: &'a Form,
    /// What it acts on; see [`subtitle`].
    pub subtitle: &'a str,
    /// `Some(tick)` while the submitted request is in flight: the keys line
    /// becomes a spinner and the fields are dimmed.
    pub busy: Option<u64>,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl FormView<'_> {
    /// Draws the form centred in `area` and places the terminal cursor in
    /// the focused text field (hidden while busy).
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect) {
        if let Some(cursor) = self.render_into(area, frame.buffer_mut()) {
            frame.set_cursor_position(cursor);
        }
    }

    /// Draws into `buf`; returns where the cursor belongs.
    pub fn render_into(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let theme = self.theme;
        let lang = self.lang;
        let w = MAX_WIDTH.min(area.width.saturating_sub(2)).max(20);
        let inner_w = w.saturating_sub(4);
        let field_w = inner_w.saturating_sub(2) as usize;

        let mut lines: Vec<Line> = Vec::new();
        let mut cursor_row: Option<(usize, u16)> = None;
        lines.push(Line::styled(
            truncate(self.subtitle, inner_w as usize).into_owned(),
            theme.style(Role::Muted),
        ));
        if let Some(b) = self.form.banner() {
            lines.push(Line::raw(""));
            let role = if b.error { Role::Danger } else { Role::Warning };
            lines.push(Line::styled(
                format!("{} {}", theme.glyph(role), b.text),
                theme.style(role),
            ));
        }
        let focused = self.form.focused();
        let mut focus_line = 0;
        for field in self.form.visible() {
            lines.push(Line::raw(""));
            if field.id == focused {
                focus_line = lines.len();
            }
            let is_focused = field.id == focused && self.busy.is_none();
            let marker = if is_focused { "▸ " } else { "  " };
            let label_style = if is_focused {
                theme.style(Role::Accent).add_modifier(Modifier::BOLD)
            } else {
                theme.style(Role::Text)
            };
            match &field.control {
                Control::Text(input) => {
                    lines.push(Line::styled(
                        format!("{marker}{}", tr(lang, field.label)),
                        label_style,
                    ));
                    let (shown, col) = text_window(input, field_w);
                    let pad = field_w.saturating_sub(width(&shown));
                    let mut style = theme.style(Role::Text).add_modifier(Modifier::UNDERLINED);
                    if self.busy.is_some() {
                        style = theme.style(Role::Muted);
                    }
                    if is_focused {
                        cursor_row = Some((lines.len(), col as u16));
                    }
                    lines.push(Line::from(vec![
                        Span::raw("  "),
                        Span::styled(format!("{shown}{}", " ".repeat(pad)), style),
                    ]));
                }
                Control::Switch(on) => {
                    let mark = if *on { "[x]" } else { "[ ]" };
                    lines.push(Line::from(vec![
                        Span::styled(marker.to_owned(), label_style),
                        Span::styled(mark, theme.style(Role::Key)),
                        Span::styled(format!(" {}", tr(lang, field.label)), label_style),
                    ]));
                }
                Control::Choice { options, selected } => {
                    lines.push(Line::styled(
                        format!("{marker}{}", tr(lang, field.label)),
                        label_style,
                    ));
                    let mut spans = vec![Span::raw("  ")];
                    for (i, opt) in options.iter().enumerate() {
                        let (mark, style) = if i == *selected {
                            ("(•) ", theme.style(Role::Selection))
                        } else {
                            ("( ) ", theme.style(Role::Text))
                        };
                        spans.push(Span::styled(format!("{mark}{}", tr(lang, *opt)), style));
                        spans.push(Span::raw("  "));
                    }
                    lines.push(Line::from(spans));
                }
                Control::Pick => {
                    // The options are the form's own; the dialog says how
                    // to reach them.
                    lines.push(Line::styled(
                        format!("{marker}{}", tr(lang, field.label)),
                        label_style,
                    ));
                    lines.push(Line::styled(
                        format!("  ‹ {} ›", tr(lang, Msg::SalesChooserHint)),
                        theme.style(Role::Muted),
                    ));
                }
            }
            let hint = field.hint.map(|h| tr(lang, h).to_owned());
            lines.extend(note_line(2, field.error.as_ref(), hint, lang, theme));
        }
        lines.push(Line::raw(""));
        lines.push(match self.busy {
            Some(tick) => Line::styled(
                format!(
                    "{} {}",
                    spinner(tick),
                    trf(
                        lang,
                        Msg::ActionInFlight,
                        &[("action", &tr(lang, self.form.kind.msg()))]
                    )
                ),
                theme.style(Role::Warning),
            ),
            None => {
                let keys = if self.form.canned_target().is_some() {
                    Msg::FormKeysCanned
                } else {
                    Msg::FormKeys
                };
                Line::styled(tr(lang, keys).to_owned(), theme.style(Role::Muted))
            }
        });

        // Wrapped height, so long hints and banners are not cut.
        let mut rows: Vec<usize> = lines
            .iter()
            .map(|l| wrapped_height(std::slice::from_ref(l), inner_w))
            .collect();
        let total: usize = rows.iter().sum();
        let h = (total as u16 + 2).min(area.height);
        let rect = centered(area, w, h);
        Clear.render(rect, buf);
        let room = rect.height.saturating_sub(2) as usize;
        // Too tall for the screen: the keys line (or the in-flight line)
        // stays pinned at the bottom, and the fields above it scroll by
        // rows so the focused one (its label, input and message) stays in
        // view; arrows on the border say there is more.
        let too_tall = total > room;
        let footer = if too_tall {
            let line = lines.pop();
            let footer_rows = rows.pop().unwrap_or(1);
            // The blank line before it.
            lines.pop();
            rows.pop();
            line.map(|l| (l, footer_rows))
        } else {
            None
        };
        let body_room = room.saturating_sub(footer.as_ref().map_or(0, |f| f.1));
        let body_total: usize = rows.iter().sum();
        let field_top: usize = rows[..focus_line.min(rows.len())].iter().sum();
        let field_rows: usize = rows[focus_line.min(rows.len())..]
            .iter()
            .take(3)
            .sum::<usize>()
            .max(1);
        let skip = if too_tall {
            first_row(field_top, field_rows, body_room)
        } else {
            0
        };
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(theme.style(Role::BorderFocused))
            .title(Span::styled(
                format!(" {} ", title(lang, self.form.kind)),
                theme.style(Role::Title),
            ));
        let more = match (skip > 0, skip + body_room < body_total) {
            (true, true) => "↑↓",
            (true, false) => "↑",
            (false, true) => "↓",
            (false, false) => "",
        };
        if !more.is_empty() {
            block = block.title_bottom(
                Line::styled(format!(" {more} "), theme.style(Role::Accent)).right_aligned(),
            );
        }
        let inner = crate::ui::widgets::framed(block, rect, buf);
        let body = Rect {
            height: body_room.min(inner.height as usize) as u16,
            ..inner
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((skip as u16, 0))
            .render(body, buf);
        if let Some((line, footer_rows)) = footer {
            let at = Rect {
                y: body.bottom(),
                height: (footer_rows as u16).min(inner.bottom().saturating_sub(body.bottom())),
                ..inner
            };
            Paragraph::new(line)
                .wrap(Wrap { trim: false })
                .render(at, buf);
        }
        // The canned texts open over the form: the cursor is in their
        // filter.
        if let Some(picker) = self.form.picker().filter(|p| p.canned) {
            return canned::draw(self.form, picker, lang, theme, area, buf);
        }
        let (line, col) = cursor_row?;
        let y = rows[..line].iter().sum::<usize>().checked_sub(skip)?;
        let y = body.y + y as u16;
        (y < body.bottom()).then_some(Position::new(body.x + 2 + col, y))
    }
}

/// The first row to show of a form `room` rows high so that the focused
/// field, `span` rows from row `top`, is in view: the same rule for the
/// dialog and the sales screen's form.
pub fn first_row(top: usize, span: usize, room: usize) -> usize {
    (top + span).saturating_sub(room).min(top)
}

/// The part of a text field shown in `columns` display columns, cleaned of
/// control characters, scrolled so the cursor is in view; and the cursor's
/// column in it. Scrolls by display columns, so wide characters (CJK,
/// emoji) neither push the cursor off the field nor cut a character.
pub fn text_window(input: &tui_input::Input, columns: usize) -> (String, usize) {
    let scroll = input.visual_scroll(columns.saturating_sub(1));
    let shown = visible_slice(&crate::sanitize::clean(input.value()), scroll, columns);
    let col = input.visual_cursor().saturating_sub(scroll).min(columns);
    (shown, col)
}

/// The line under a field, indented by `indent`: its validation message
/// (danger role and `✖`, so mono still tells it apart), or else `hint`.
pub fn note_line(
    indent: usize,
    error: Option<&FieldMessage>,
    hint: Option<String>,
    lang: Lang,
    theme: &Theme,
) -> Option<Line<'static>> {
    let pad = " ".repeat(indent);
    match (error, hint) {
        (Some(err), _) => Some(Line::styled(
            format!("{pad}{} {}", theme.glyph(Role::Danger), err.text(lang)),
            theme.style(Role::Danger),
        )),
        (None, Some(hint)) => Some(Line::styled(
            format!("{pad}{hint}"),
            theme.style(Role::Muted),
        )),
        (None, None) => None,
    }
}

/// The part of `value` visible from display column `scroll`, at most
/// `columns` wide.
fn visible_slice(value: &str, scroll: usize, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut col = 0;
    let mut out = String::new();
    for c in value.chars() {
        let cw = c.width().unwrap_or(0);
        if col >= scroll {
            if col + cw > scroll + columns {
                break;
            }
            out.push(c);
        }
        col += cw;
    }
    out
}

/// Helpers shared by the UI tests of the action views.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// The subscriber every snapshot shows.
    pub fn target() -> ActionTarget {
        ActionTarget {
            customer_name: "Maria da Conceição Araújo".into(),
            customer_code: Some("4711".into()),
            service_id: 11000,
            service_plan: "FIBRA 300 MEGA".into(),
            login: Some("maria.araujo".into()),
            status: Some("Bloqueado por débito".into()),
            mac_addr: Some("00:1A:2B:3C:4D:5E".into()),
            phy_addr: Some("48:57:02:AB:CD:EF".into()),
            invoice_id: Some(50949),
            ticket_protocol: Some("20250128085356853228".into()),
            unlock_history: None,
        }
    }

    /// The symbols of row `y`.
    pub fn row_text(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    /// The cell where `needle` starts (single-width text only).
    pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
        (0..buf.area.height).find_map(|y| {
            let cells: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            let row: String = cells.concat();
            let byte = row.find(needle)?;
            let mut acc = 0;
            let x = cells.iter().position(|c| {
                let here = acc;
                acc += c.len();
                here >= byte
            })?;
            Some((x as u16, y))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::target;
    use super::*;
    use crate::app::forms::{
        ActionForm, Banner, Channel, InvoiceSendForm, TicketForm, TicketUpdateForm, TrustUnlockForm,
    };
    use crate::theme::ThemeKind;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;

    fn key(f: &mut impl ActionForm, code: KeyCode) {
        f.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn type_text(f: &mut impl ActionForm, s: &str) {
        for c in s.chars() {
            key(f, KeyCode::Char(c));
        }
    }

    fn draw(form: &Form, busy: Option<u64>, lang: Lang, theme: &Theme) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let sub = subtitle(lang, form.kind, &target());
        t.draw(|f| {
            FormView {
                form,
                subtitle: &sub,
                busy,
                lang,
                theme,
            }
            .draw(f, f.area())
        })
        .unwrap();
        t
    }

    #[test]
    fn ticket_form_snapshot() {
        let mut f = TicketForm::new("Maria da Conceição Araújo", Some("(37) 99911-2233"), None);
        type_text(&mut f, "Sem acesso desde ontem à noite; luz LOS vermelha");
        let mut t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
        // The cursor sits after the typed text in the description field.
        let pos = t.get_cursor_position().unwrap();
        let row = test_support::row_text(t.backend().buffer(), pos.y);
        assert!(row.contains("luz LOS vermelha"), "{row}");
    }

    #[test]
    fn ticket_form_with_errors_snapshot_keeps_the_text() {
        let mut f = TicketForm::new(
            "Maria da Conceição Araújo",
            Some("3281-8000"),
            Some("maria@"),
        );
        key(&mut f, KeyCode::Enter);
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn ticket_form_in_english_snapshot() {
        let mut f = TicketForm::new("Maria da Conceição Araújo", Some("37999112233"), None);
        type_text(&mut f, "No connection since last night");
        // Back past the ticket type to the switch: the order's own
        // fields appear once it is on.
        key(&mut f, KeyCode::BackTab);
        key(&mut f, KeyCode::BackTab);
        key(&mut f, KeyCode::Char(' '));
        let t = draw(f.form(), None, Lang::En, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn close_ticket_form_snapshot() {
        let mut f = TicketUpdateForm::new(812, "Sem acesso desde ontem", true);
        type_text(&mut f, "Resolvido: conector trocado");
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn edit_ticket_form_snapshot() {
        let f = TicketUpdateForm::new(812, "Sem acesso desde ontem", false);
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn trust_unlock_form_refused_by_server_snapshot() {
        let mut f = TrustUnlockForm::new();
        f.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        type_text(&mut f, "5");
        f.form_mut().set_banner(Some(Banner {
            text: "Recusado pelo servidor: A quantidade de dias excede o limite configurado (3)"
                .into(),
            error: true,
        }));
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn trust_unlock_form_in_flight_snapshot() {
        let f = TrustUnlockForm::new();
        let t = draw(f.form(), Some(2), Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
        // No cursor while the request runs: typing is not possible.
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        let view = FormView {
            form: f.form(),
            subtitle: "",
            busy: Some(2),
            lang: Lang::PtBr,
            theme: &Theme::default(),
        };
        assert_eq!(view.render_into(buf.area, &mut buf), None);
    }

    #[test]
    fn invoice_email_form_snapshot() {
        let mut f = InvoiceSendForm::new(Channel::Email);
        key(&mut f, KeyCode::Tab);
        type_text(&mut f, "financeiro@empresa.com.br, joao@");
        key(&mut f, KeyCode::Enter);
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn invoice_push_form_snapshot() {
        let f = InvoiceSendForm::new(Channel::Push);
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn errors_are_red_in_dark_and_marked_without_colour_in_mono() {
        let mut f = TrustUnlockForm::new();
        f.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        type_text(&mut f, "0");
        key(&mut f, KeyCode::Enter);
        let dark = draw(f.form(), None, Lang::PtBr, &Theme::new(ThemeKind::Dark));
        let buf = dark.backend().buffer();
        let (x, y) = test_support::find(buf, "Use um número").unwrap();
        assert!(matches!(buf[(x, y)].fg, Color::Red | Color::LightRed));
        let mono = draw(f.form(), None, Lang::PtBr, &Theme::new(ThemeKind::Mono));
        let buf = mono.backend().buffer();
        assert!(test_support::find(buf, "✖ Use um número").is_some());
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }

    /// The dialog was cut at the bottom when taller than the screen (a
    /// refusal and messages on a ticket at 80x24): the focused field could
    /// be out of sight. It scrolls like the sales screen's form now.
    #[test]
    fn a_form_taller_than_the_screen_scrolls_to_the_focused_field() {
        let mut f = TicketForm::new("Maria da Conceição Araújo", Some("3281-8000"), Some("m@"));
        key(&mut f, KeyCode::Enter);
        f.form_mut().set_banner(Some(Banner {
            text: "Recusado pelo servidor: o atendimento não pôde ser aberto agora porque \
                   já existe um atendimento aberto para este serviço com o mesmo tipo; \
                   feche o anterior ou edite-o"
                .into(),
            error: true,
        }));
        let order = tr(Lang::PtBr, Msg::FormOpenOrder);
        let hint = tr(Lang::PtBr, Msg::FormOpenOrderHint);
        f.form_mut().focus(crate::app::forms::FieldId::OpenOrder);
        let t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        let buf = t.backend().buffer();
        assert!(test_support::find(buf, order).is_some(), "{buf:?}");
        assert!(test_support::find(buf, &hint[..20]).is_some());
        // Back on the e-mail: its input, with the cursor, is in view.
        f.form_mut().focus(crate::app::forms::FieldId::Email);
        let mut t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        let pos = t.get_cursor_position().unwrap();
        let row = test_support::row_text(t.backend().buffer(), pos.y);
        assert!(row.contains("m@"), "{row}");
        assert_eq!(first_row(10, 3, 8), 5);
        assert_eq!(first_row(2, 3, 8), 0);
        assert_eq!(first_row(4, 3, 2), 4, "never past the field's top");
    }

    #[test]
    fn text_window_scrolls_by_display_columns() {
        let input = tui_input::Input::new("漢".repeat(40) + "終");
        let (shown, col) = text_window(&input, 20);
        assert!(shown.ends_with("漢終"), "{shown}");
        assert!(width(&shown) <= 20);
        assert_eq!(col, width(&shown));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let mut f = TicketForm::new("M", None, None);
        let long = "a".repeat(100) + "FIM";
        type_text(&mut f, &long);
        let mut t = draw(f.form(), None, Lang::PtBr, &Theme::default());
        let pos = t.get_cursor_position().unwrap();
        let row = test_support::row_text(t.backend().buffer(), pos.y);
        assert!(row.contains("aFIM"), "{row}");
        assert!(pos.x < 80);
        assert_eq!(visible_slice("ação", 1, 2), "çã");
    }
}
