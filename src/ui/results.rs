//! The views shown after an action succeeded: the opened ticket's protocol
//! in large digits (the attendant reads it aloud to the customer and copies
//! it), and the invoice's queued recipients, worded as "queued", never as
//! "delivered", because that is all HubSoft knows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::forms::Channel;
use crate::app::results::{InvoiceQueued, TicketOpened};
use crate::br::phone;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;
use crate::text::truncate;
use crate::theme::{Role, Theme};
use crate::ui::widgets::{centered, wrapped_height};

/// Three rows per digit, three columns wide, in box-drawing characters
/// that every terminal font has (block elements render unevenly in some).
const GLYPHS: [[&str; 3]; 10] = [
    ["┏━┓", "┃ ┃", "┗━┛"],
    [" ┓ ", " ┃ ", " ┻ "],
    ["╺━┓", "┏━┛", "┗━╸"],
    ["╺━┓", " ━┫", "╺━┛"],
    ["╻ ╻", "┗━┫", "  ╹"],
    ["┏━╸", "┗━┓", "╺━┛"],
    ["┏━╸", "┣━┓", "┗━┛"],
    ["╺━┓", "  ┃", "  ╹"],
    ["┏━┓", "┣━┫", "┗━┛"],
    ["┏━┓", "┗━┫", "╺━┛"],
];

/// Digits per group: protocols are read aloud in groups of four.
const GROUP: usize = 4;

/// `digits` as three rows of large glyphs no wider than `max_width`, in
/// groups of four; a space between digits when it fits, none otherwise
/// (20 digits then take 68 columns, which fits an 80-column terminal).
/// `None` when `digits` is empty, holds anything but ASCII digits, or
/// cannot fit: the caller shows it as bold text instead.
pub fn big_digits(digits: &str, max_width: usize) -> Option<[String; 3]> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.len();
    let groups = n.div_ceil(GROUP);
    let gap = [1usize, 0]
        .into_iter()
        .find(|gap| n * 3 + (n - groups) * gap + (groups - 1) * 2 <= max_width)?;
    let mut rows = [String::new(), String::new(), String::new()];
    for (i, b) in digits.bytes().enumerate() {
        let glyph = GLYPHS[usize::from(b - b'0')];
        for (row, part) in rows.iter_mut().zip(glyph) {
            if i > 0 {
                row.push_str(if i % GROUP == 0 { "  " } else { &" "[..gap] });
            }
            row.push_str(part);
        }
    }
    Some(rows)
}

/// Draws `lines` in a centred rounded box titled `title` in `role`.
fn boxed(area: Rect, buf: &mut Buffer, title: &str, role: Role, lines: Vec<Line>, theme: &Theme) {
    let w = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(crate::text::width(title) + 4)
        .clamp(40, 76) as u16
        + 4;
    let w = w.min(area.width);
    let inner_w = w.saturating_sub(4);
    let h = (wrapped_height(&lines, inner_w) as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.style(role))
        .title(Span::styled(
            format!(" {} {} ", theme.glyph(role), title),
            theme.style(Role::Title),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(crate::ui::widgets::padded(inner), buf);
}

/// The ticket-opened view.
#[derive(Debug, Clone)]
pub struct TicketOpenedView<'a> {
    /// The result.
    pub result: &'a TicketOpened,
    /// Who it is for (customer · plan), as [`crate::ui::forms::subtitle`].
    pub subtitle: &'a str,
    /// Keys that copy the protocol, as displayed (`"c"`).
    pub copy_keys: &'a str,
    /// Keys that close the view (`"Esc"`).
    pub close_keys: &'a str,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl Widget for TicketOpenedView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme) = (self.lang, self.theme);
        let max_inner = area.width.saturating_sub(4).min(76) as usize;
        let mut lines = vec![
            Line::styled(
                truncate(self.subtitle, max_inner).into_owned(),
                theme.style(Role::Muted),
            ),
            Line::raw(""),
        ];
        match self.result.protocol.as_deref() {
            Some(p) => {
                let p = clean_line(p);
                lines.push(Line::styled(
                    tr(lang, Msg::ResultProtocol).to_owned(),
                    theme.style(Role::Text),
                ));
                if let Some(rows) = big_digits(&p, max_inner) {
                    for row in rows {
                        lines.push(Line::styled(
                            row,
                            theme.style(Role::Accent).add_modifier(Modifier::BOLD),
                        ));
                    }
                }
                // The plain digits too: mouse selection and screen readers.
                lines.push(Line::styled(
                    p.into_owned(),
                    theme.style(Role::Text).add_modifier(Modifier::BOLD),
                ));
            }
            None => lines.push(Line::styled(
                format!(
                    "{} {}",
                    theme.glyph(Role::Warning),
                    tr(lang, Msg::ResultNoProtocol)
                ),
                theme.style(Role::Warning),
            )),
        }
        if !self.result.service_orders.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                trf(
                    lang,
                    Msg::ResultServiceOrders,
                    &[("list", &clean_line(&self.result.service_orders.join(", ")))],
                ),
                theme.style(Role::Text),
            ));
        }
        lines.push(Line::raw(""));
        let mut keys = Vec::new();
        if self.result.protocol.is_some() && !self.copy_keys.is_empty() {
            keys.push(Span::styled(
                self.copy_keys.to_owned(),
                theme.style(Role::Key),
            ));
            keys.push(Span::styled(
                format!(" {} · ", tr(lang, Msg::ResultCopyProtocol)),
                theme.style(Role::Muted),
            ));
        }
        keys.push(Span::styled(
            self.close_keys.to_owned(),
            theme.style(Role::Key),
        ));
        keys.push(Span::styled(
            format!(" {}", tr(lang, Msg::ResultClose)),
            theme.style(Role::Muted),
        ));
        lines.push(Line::from(keys));
        boxed(
            area,
            buf,
            tr(lang, Msg::ResultTicketOpened),
            Role::Ok,
            lines,
            theme,
        );
    }
}

/// The invoice-queued view.
#[derive(Debug, Clone)]
pub struct InvoiceQueuedView<'a> {
    /// The result.
    pub result: &'a InvoiceQueued,
    /// Who it is for, as [`crate::ui::forms::subtitle`].
    pub subtitle: &'a str,
    /// Keys that close the view.
    pub close_keys: &'a str,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

/// Recipients listed before "and N more", so the box fits 24 rows.
const MAX_LISTED: usize = 8;

impl Widget for InvoiceQueuedView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme) = (self.lang, self.theme);
        let r = self.result;
        let max_inner = area.width.saturating_sub(4).min(76) as usize;
        let mut lines = vec![
            Line::styled(
                truncate(self.subtitle, max_inner).into_owned(),
                theme.style(Role::Muted),
            ),
            Line::raw(""),
            Line::styled(
                trf(
                    lang,
                    Msg::ResultInvoiceQueuedLine,
                    &[
                        ("id", &r.invoice_id),
                        ("channel", &tr(lang, r.channel.msg())),
                    ],
                ),
                theme.style(Role::Text).add_modifier(Modifier::BOLD),
            ),
        ];
        let caveat = match r.channel {
            Channel::Email => Msg::ResultQueuedNotDelivered,
            Channel::Sms => Msg::FormSmsNote,
            Channel::Push => Msg::FormPushNote,
        };
        lines.push(Line::styled(
            format!("{} {}", theme.glyph(Role::Warning), tr(lang, caveat)),
            theme.style(Role::Warning),
        ));
        if r.channel != Channel::Push {
            lines.push(Line::raw(""));
            if r.recipients.is_empty() {
                lines.push(Line::styled(
                    tr(lang, Msg::ResultNoRecipientsListed).to_owned(),
                    theme.style(Role::Muted),
                ));
            } else {
                lines.push(Line::styled(
                    tr(lang, Msg::ResultRecipients).to_owned(),
                    theme.style(Role::Text),
                ));
            }
            for q in r.recipients.iter().take(MAX_LISTED) {
                let target = match r.channel {
                    Channel::Sms => phone::display(&q.target).into_owned(),
                    _ => q.target.clone(),
                };
                let mut text = format!("  • {}", clean_line(&target));
                if let Some(name) = q.name.as_deref().filter(|n| !n.trim().is_empty()) {
                    text.push_str(&format!(" — {}", clean_line(name.trim())));
                }
                if q.count > 1 {
                    text.push_str(&format!(" (×{})", q.count));
                }
                lines.push(Line::styled(
                    truncate(&text, max_inner).into_owned(),
                    theme.style(Role::Text),
                ));
            }
            if r.recipients.len() > MAX_LISTED {
                lines.push(Line::styled(
                    trf(
                        lang,
                        Msg::ResultMoreRecipients,
                        &[("count", &(r.recipients.len() - MAX_LISTED))],
                    ),
                    theme.style(Role::Muted),
                ));
            }
        }
        if let Some(msg) = r.message.as_deref().filter(|m| !m.trim().is_empty()) {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                trf(
                    lang,
                    Msg::ResultServerSaid,
                    &[("msg", &clean_line(msg.trim()))],
                ),
                theme.style(Role::Muted),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(self.close_keys.to_owned(), theme.style(Role::Key)),
            Span::styled(
                format!(" {}", tr(lang, Msg::ResultClose)),
                theme.style(Role::Muted),
            ),
        ]));
        boxed(
            area,
            buf,
            tr(lang, Msg::ResultInvoiceQueued),
            Role::Ok,
            lines,
            theme,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::invoices::InvoiceEmail;
    use crate::api::service_actions::{Disconnect, ResetMac, TrustUnlock};
    use crate::api::tickets::{NewTicket, TicketUpdate};
    use crate::app::confirm::{ActionRequest, Confirmation};
    use crate::app::forms::InvoiceRequest;
    use crate::app::inflight::ActionKind;
    use crate::app::results::QueuedRecipient;
    use crate::ui::forms::subtitle;
    use crate::ui::forms::test_support::{find, row_text, target};
    use crate::ui::widgets::ConfirmDialog;
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn term() -> Terminal<TestBackend> {
        Terminal::new(TestBackend::new(80, 24)).unwrap()
    }

    fn opened() -> TicketOpened {
        TicketOpened {
            protocol: Some("20250128085356853228".into()),
            ticket_id: Some(812),
            service_orders: vec!["2025000123".into()],
            message: None,
        }
    }

    #[test]
    fn big_digits_fit_twenty_digits_in_eighty_columns() {
        let rows = big_digits("20250128085356853228", 76).unwrap();
        for row in &rows {
            assert_eq!(crate::text::width(row), 68, "{row}");
        }
        assert_eq!(rows[0].split("  ").count(), 5, "five groups of four");
        // With room, digits get a space between them.
        let wide = big_digits("20250128085356853228", 100).unwrap();
        assert_eq!(crate::text::width(&wide[0]), 83);
        assert_eq!(
            big_digits("12", 76).unwrap(),
            [" ┓  ╺━┓", " ┃  ┏━┛", " ┻  ┗━╸"]
        );
        assert!(big_digits("2025-01", 76).is_none());
        assert!(big_digits("", 76).is_none());
        assert!(big_digits("20250128085356853228", 60).is_none());
    }

    #[test]
    fn ticket_opened_snapshot() {
        let mut t = term();
        let result = opened();
        let sub = subtitle(Lang::PtBr, ActionKind::OpenTicket, &target());
        t.draw(|f| {
            TicketOpenedView {
                result: &result,
                subtitle: &sub,
                copy_keys: "c",
                close_keys: "Esc",
                lang: Lang::PtBr,
                theme: &Theme::default(),
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        insta::assert_snapshot!(t.backend());
        let buf = t.backend().buffer();
        assert!(find(buf, "20250128085356853228").is_some());
        let (_, y) = find(buf, "┏━┓").unwrap();
        assert!(
            row_text(buf, y).contains("╺━┓┏━┓╺━┓┏━╸"),
            "2025 drawn large"
        );
    }

    #[test]
    fn ticket_opened_in_english_without_protocol_warns() {
        let mut t = term();
        let result = TicketOpened::default();
        t.draw(|f| {
            TicketOpenedView {
                result: &result,
                subtitle: "Maria",
                copy_keys: "c",
                close_keys: "Esc",
                lang: Lang::En,
                theme: &Theme::default(),
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        let buf = t.backend().buffer();
        assert!(find(buf, "no protocol").is_some());
        assert!(find(buf, "copy").is_none(), "nothing to copy");
    }

    fn queued(channel: Channel) -> InvoiceQueued {
        InvoiceQueued {
            channel,
            invoice_id: 50949,
            recipients: match channel {
                Channel::Email => vec![
                    QueuedRecipient {
                        name: Some("Maria da Conceição Araújo".into()),
                        target: "maria.araujo@gmail.com".into(),
                        count: 2,
                    },
                    QueuedRecipient {
                        name: None,
                        target: "financeiro@empresa.com.br".into(),
                        count: 1,
                    },
                ],
                Channel::Sms => vec![QueuedRecipient {
                    name: None,
                    target: "37999112233".into(),
                    count: 1,
                }],
                Channel::Push => vec![],
            },
            message: Some(
                "E-mail enviado com sucesso, o sistema fará o agendamento do disparo".into(),
            ),
        }
    }

    fn draw_queued(r: &InvoiceQueued, lang: Lang) -> Terminal<TestBackend> {
        let mut t = term();
        let kind = r.channel.kind();
        let sub = subtitle(lang, kind, &target());
        t.draw(|f| {
            InvoiceQueuedView {
                result: r,
                subtitle: &sub,
                close_keys: "Esc",
                lang,
                theme: &Theme::default(),
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        t
    }

    #[test]
    fn invoice_queued_snapshot_says_queued_never_delivered() {
        let t = draw_queued(&queued(Channel::Email), Lang::PtBr);
        insta::assert_snapshot!(t.backend());
        let buf = t.backend().buffer();
        assert!(find(buf, "na fila").is_some());
        let all: String = (0..24).map(|y| row_text(buf, y)).collect();
        assert!(!all.contains("entregue com") && !all.contains("foi entregue"));
    }

    #[test]
    fn invoice_queued_in_english_for_sms() {
        let t = draw_queued(&queued(Channel::Sms), Lang::En);
        insta::assert_snapshot!(t.backend());
        let buf = t.backend().buffer();
        assert!(find(buf, "queued").is_some());
        assert!(find(buf, "(37) 99911-2233").is_some());
        assert!(
            find(buf, "delivered").is_some(),
            "the caveat says not delivered"
        );
    }

    fn draw_confirm(request: &ActionRequest, lang: Lang) -> Terminal<TestBackend> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let c = Confirmation::for_request(lang, &target(), request, today);
        let mut t = term();
        t.draw(|f| {
            ConfirmDialog {
                action: &c.action,
                lines: &c.lines,
                affects_connection: c.affects_connection,
                yes_focused: false,
                armed: true,
                keys: "→/←/Tab/Shift-Tab · Enter · Esc",
                lang,
                theme: &Theme::default(),
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        t
    }

    #[test]
    fn confirmation_dialog_snapshots() {
        let unlock = ActionRequest::TrustUnlock(TrustUnlock {
            id_cliente_servico: 11000,
            dias_desbloqueio: Some(3),
        });
        insta::assert_snapshot!(
            "confirm_trust_unlock",
            draw_confirm(&unlock, Lang::PtBr).backend()
        );
        insta::assert_snapshot!(
            "confirm_trust_unlock_en",
            draw_confirm(&unlock, Lang::En).backend()
        );
        let mac = ActionRequest::ResetMac(ResetMac {
            id_cliente_servico: 11000,
        });
        insta::assert_snapshot!(
            "confirm_reset_mac",
            draw_confirm(&mac, Lang::PtBr).backend()
        );
        let disconnect = ActionRequest::Disconnect(Disconnect {
            id_cliente_servico: 11000,
        });
        insta::assert_snapshot!(
            "confirm_disconnect",
            draw_confirm(&disconnect, Lang::PtBr).backend()
        );
        let close = ActionRequest::UpdateTicket(TicketUpdate {
            id_atendimento: 812,
            descricao: None,
            fechar_atendimento: true,
            parametros: Default::default(),
        });
        insta::assert_snapshot!(
            "confirm_close_ticket",
            draw_confirm(&close, Lang::PtBr).backend()
        );
        let open = ActionRequest::OpenTicket(crate::ops::tickets::opening(
            NewTicket {
                id_cliente_servico: 11000,
                descricao: "Sem acesso".into(),
                nome: "Maria da Conceição Araújo".into(),
                telefone: "37999112233".into(),
                email: None,
                abrir_os: Some(true),
                parametros: Default::default(),
            },
            None,
            None,
        ));
        insta::assert_snapshot!(
            "confirm_open_ticket",
            draw_confirm(&open, Lang::PtBr).backend()
        );
        let email = ActionRequest::Invoice(InvoiceRequest::Email(InvoiceEmail {
            id_fatura: 50949,
            email_adicional: vec!["financeiro@empresa.com.br".into()],
        }));
        insta::assert_snapshot!(
            "confirm_send_invoice",
            draw_confirm(&email, Lang::PtBr).backend()
        );
    }

    #[test]
    fn protocol_is_accented_in_dark_and_bold_without_colour_in_mono() {
        use crate::theme::ThemeKind;
        use ratatui::style::{Color, Modifier};
        let result = opened();
        let draw = |theme: &Theme| {
            let mut t = term();
            t.draw(|f| {
                TicketOpenedView {
                    result: &result,
                    subtitle: "Maria",
                    copy_keys: "c",
                    close_keys: "Esc",
                    lang: Lang::PtBr,
                    theme,
                }
                .render(f.area(), f.buffer_mut())
            })
            .unwrap();
            t
        };
        let dark = draw(&Theme::new(ThemeKind::Dark));
        let buf = dark.backend().buffer();
        let (x, y) = find(buf, "╺━┓┏━┓").unwrap();
        assert_eq!(buf[(x, y)].fg, Color::Cyan);
        let mono = draw(&Theme::new(ThemeKind::Mono));
        let buf = mono.backend().buffer();
        let (x, y) = find(buf, "20250128085356853228").unwrap();
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }
}
