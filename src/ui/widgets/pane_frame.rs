//! The frame around a pane, with its title, state and scroll marker.

use super::*;

/// What a pane has to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaneState<'a> {
    /// A request is in flight and nothing is cached yet.
    Loading,
    /// The request succeeded with no rows.
    Empty,
    /// The request failed; the text is already localized.
    Error(&'a str),
    /// Content is available; the caller draws it in the returned area.
    Ready,
}

/// A pane's border and title plus its loading/empty/error states, so
/// every pane shows them the same way.
#[derive(Debug, Clone)]
pub struct PaneFrame<'a> {
    /// Title, already localized.
    pub title: &'a str,
    /// Whether the pane has focus (accent border).
    pub focused: bool,
    /// What to show.
    pub state: PaneState<'a>,
    /// Current tick, for the loading spinner.
    pub tick: u64,
    /// Key(s) that retry, as displayed, for the error state.
    pub retry_keys: &'a str,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl PaneFrame<'_> {
    /// Draws the frame and, unless the state is [`PaneState::Ready`], the
    /// state text. Returns the inner area when the caller should draw the
    /// content there.
    pub fn render_pane(self, area: Rect, buf: &mut Buffer) -> Option<Rect> {
        let theme = self.theme;
        let border = if self.focused {
            Role::BorderFocused
        } else {
            Role::Border
        };
        let title_room = (area.width as usize).saturating_sub(4);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(if self.focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            })
            .border_style(theme.style(border))
            .title(Span::styled(
                format!(" {} ", truncate(self.title, title_room.saturating_sub(2))),
                theme.style(Role::Title),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let lines: Vec<Line> = match self.state {
            PaneState::Ready => return Some(inner),
            PaneState::Loading => vec![Line::styled(
                format!(
                    "{} {}",
                    spinner(self.tick),
                    tr(self.lang, Msg::StateLoading)
                ),
                theme.style(Role::Muted),
            )],
            PaneState::Empty => vec![Line::styled(
                tr(self.lang, Msg::StateEmpty),
                theme.style(Role::Muted),
            )],
            PaneState::Error(error) => {
                let mut v = vec![Line::styled(
                    format!(
                        "{} {}",
                        theme.glyph(Role::Danger),
                        trf(self.lang, Msg::StateError, &[("error", &error)])
                    ),
                    theme.style(Role::Danger),
                )];
                if !self.retry_keys.is_empty() {
                    v.push(Line::styled(
                        trf(self.lang, Msg::StateRetryHint, &[("key", &self.retry_keys)]),
                        theme.style(Role::Muted),
                    ));
                }
                v
            }
        };
        let paragraph = Paragraph::new(lines.clone())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true });
        let h = (wrapped_height(&lines, inner.width) as u16).min(inner.height);
        paragraph.render(
            Rect {
                y: inner.y + (inner.height - h) / 2,
                height: h,
                ..inner
            },
            buf,
        );
        None
    }
}
