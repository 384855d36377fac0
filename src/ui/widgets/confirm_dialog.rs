//! The confirmation dialog an action shows before it is sent.

use super::*;

/// The confirmation dialog of a dangerous action: what will change, the
/// "Não" and "Sim" buttons (the focused one reversed, "Não" by default)
/// and the keys from the keymap. "Sim" stays dim until the dialog is armed
/// (see [`crate::app::confirm::Choice`]). Drawn centred over whatever is
/// below.
#[derive(Debug, Clone)]
pub struct ConfirmDialog<'a> {
    /// The action, localized ("Desbloqueio em confiança").
    pub action: &'a str,
    /// Lines naming exactly what will change (subscriber, contract, login...).
    pub lines: &'a [String],
    /// Whether to add the "affects the subscriber's connection" warning.
    pub affects_connection: bool,
    /// "Sim" has the focus (else "Não").
    pub yes_focused: bool,
    /// Enter on "Sim" would confirm now (the dialog is armed).
    pub armed: bool,
    /// The keys line under the buttons, already localized.
    pub keys: &'a str,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl Widget for ConfirmDialog<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let title = trf(self.lang, Msg::ConfirmPrompt, &[("action", &self.action)]);
        let mut body: Vec<Line> = Vec::new();
        for line in self.lines {
            body.push(Line::styled(line.clone(), theme.style(Role::Text)));
        }
        if self.affects_connection {
            body.push(Line::raw(""));
            body.push(Line::styled(
                format!(
                    "{} {}",
                    theme.glyph(Role::Warning),
                    tr(self.lang, Msg::ConfirmAffectsSubscriber)
                ),
                theme.style(Role::Warning),
            ));
        }
        body.push(Line::raw(""));
        let button = |label: Msg, focused: bool, role: Role| {
            let text = if focused {
                format!("▶ {} ◀", tr(self.lang, label))
            } else {
                format!("  {}  ", tr(self.lang, label))
            };
            let style = theme.style(role);
            Span::styled(
                text,
                if focused {
                    style.add_modifier(
                        ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD,
                    )
                } else {
                    style
                },
            )
        };
        let yes = if self.armed {
            button(Msg::ConfirmYes, self.yes_focused, Role::Danger)
        } else {
            // Dim in every theme, colours or not: not answerable yet.
            let b = button(Msg::ConfirmYes, self.yes_focused, Role::Muted);
            let style = b.style.add_modifier(ratatui::style::Modifier::DIM);
            b.style(style)
        };
        body.push(
            Line::from(vec![
                button(Msg::ConfirmNo, !self.yes_focused, Role::Text),
                Span::raw("    "),
                yes,
            ])
            .alignment(Alignment::Center),
        );
        body.push(
            Line::styled(self.keys.to_owned(), theme.style(Role::Muted))
                .alignment(Alignment::Center),
        );

        let content_w = body
            .iter()
            .map(Line::width)
            .chain(std::iter::once(width(&title) + 2))
            .max()
            .unwrap_or(0) as u16;
        let w = (content_w + 4).clamp(30, area.width.saturating_sub(4).max(1));
        let paragraph = Paragraph::new(body.clone()).wrap(Wrap { trim: false });
        let h = (wrapped_height(&body, w.saturating_sub(4)) as u16 + 2)
            .min(area.height.saturating_sub(2).max(1));
        let rect = centered(area, w, h);
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Double)
            .border_style(theme.style(Role::Danger))
            .title(Span::styled(
                format!(" {} ", truncate(&title, (w as usize).saturating_sub(4))),
                theme.style(Role::Title),
            ));
        let inner = super::framed(block, rect, buf);
        paragraph.render(inner, buf);
    }
}
