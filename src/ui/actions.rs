//! The action layers over the console: the form, its confirmation, the
//! result views, the copy chooser and the audit list. Which one shows is
//! decided by [`crate::app::actions::Overlay`]; this file only draws.

use std::time::Instant;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use crate::app::App;
use crate::app::actions::{CopyItem, Overlay};
use crate::app::confirm::Choice;
use crate::app::keymap::{Action, Keymap};
use crate::app::scroll::Scroll;
use crate::app::status::StatusKind;
use crate::audit::{AuditEntry, Outcome};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::text::truncate;
use crate::theme::{Role, Theme};
use crate::ui::forms::{FormView, subtitle};
use crate::ui::results::{InvoiceQueuedView, TicketOpenedView};
use crate::ui::widgets::{ConfirmDialog, centered, draw_scroll_marker, keys_label, scroll_marker};

/// Draws `overlay` over `area` (the body, above the hint bar); `now` is
/// the key clock of the frame (whether a dialog is armed).
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, overlay: &Overlay, now: Instant) {
    let lang = app.lang();
    let theme = &app.settings.theme;
    match overlay {
        Overlay::Form { form, target, busy } => {
            let sub = subtitle(lang, form.kind(), target);
            FormView {
                form: form.form(),
                subtitle: &sub,
                busy: busy.map(|_| app.tick),
                lang,
                theme,
            }
            .draw(frame, area);
        }
        Overlay::Confirm {
            confirmation,
            choice,
            ..
        } => {
            // A typed confirmation: what to type, what was typed, and
            // whether it matches; "Sim" stays dim until it does.
            let mut lines = confirmation.lines.clone();
            let mut choice = *choice;
            if let Some(check) = &confirmation.typed {
                let typed = crate::sanitize::clean_line(&check.entry).into_owned();
                lines.push(String::new());
                lines.push(trf(lang, Msg::ConfirmTypeMacEnd, &[("typed", &typed)]));
                if check.matches() {
                    lines.push(tr(lang, Msg::ConfirmTypedOk).to_owned());
                } else {
                    // Said once four characters are there, not while
                    // they are being typed.
                    let typed_chars = check
                        .entry
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .count();
                    if typed_chars >= 4 {
                        lines.push(tr(lang, Msg::ConfirmTypedWrong).to_owned());
                    }
                    // Not answerable: drawn as before arming.
                    choice.opened = now;
                }
            }
            confirm(
                frame,
                area,
                app,
                &confirmation.action,
                &lines,
                confirmation.affects_connection,
                &choice,
                now,
            );
        }
        Overlay::Acknowledge { lines, choice, .. } => {
            let action = tr(lang, Msg::AckTitle);
            confirm(frame, area, app, action, lines, false, choice, now);
        }
        Overlay::Quit { choice, under } => {
            if let Some(under) = under {
                draw(frame, area, app, under, now);
            }
            let lines = quit_lines(app);
            let action = tr(lang, Msg::QuitTitle);
            confirm(frame, area, app, action, &lines, false, choice, now);
        }
        Overlay::TicketOpened { result, target } => {
            let sub = subtitle(lang, crate::app::inflight::ActionKind::OpenTicket, target);
            let copy = keys_label(&app.keymap, Action::Copy);
            TicketOpenedView {
                result,
                subtitle: &sub,
                copy_keys: &copy,
                close_keys: "Esc",
                lang,
                theme,
            }
            .render(area, frame.buffer_mut());
        }
        Overlay::InvoiceQueued { result, target } => {
            let sub = subtitle(lang, result.channel.kind(), target);
            InvoiceQueuedView {
                result,
                subtitle: &sub,
                close_keys: "Esc",
                lang,
                theme,
            }
            .render(area, frame.buffer_mut());
        }
        Overlay::Notice { kind, target, text } => {
            let title = crate::app::forms::title(lang, *kind);
            let lines = [subtitle(lang, *kind, target), text.clone()];
            Notice {
                title: &title,
                lines: &lines,
                lang,
                theme,
            }
            .render(area, frame.buffer_mut())
        }
        Overlay::CopyMenu { items } => {
            CopyMenu { items, lang, theme }.render(area, frame.buffer_mut())
        }
        Overlay::Audit { entries, scroll } => {
            let title = trf(lang, Msg::AuditTitle, &[("path", &"audit.jsonl")]);
            LogView {
                title: &title,
                entries: audit_lines(lang, theme, entries.as_ref()),
                indent: AUDIT_INDENT,
                scroll,
                keymap: &app.keymap,
                lang,
                theme,
            }
            .render(area, frame.buffer_mut())
        }
        Overlay::CommandConfirm {
            index,
            argv,
            choice,
        } => {
            let cmd = app.settings.commands.get(usize::from(*index));
            let name = cmd.map(|c| c.name.as_str()).unwrap_or_default();
            let mut lines = vec![trf(
                lang,
                Msg::NocConfirmLine,
                &[("command", &crate::app::noc::shown(argv))],
            )];
            if let Some(customer) = app.view.as_ref().and_then(|v| v.customer.data.as_ref()) {
                let who = customer
                    .nome_razaosocial
                    .as_deref()
                    .map(|n| crate::sanitize::clean_line(n).into_owned())
                    .unwrap_or_default();
                lines.push(trf(lang, Msg::NocConfirmCustomer, &[("name", &who)]));
            }
            if cmd.is_some_and(|c| c.writes) {
                lines.push(tr(lang, Msg::NocConfirmWrites).to_owned());
            }
            confirm(frame, area, app, name, &lines, false, choice, now);
        }
        Overlay::Command(run) => {
            let state = crate::app::noc::state_text(app, run, now);
            let title = format!("{} · {state}", run.name);
            let mut entries = vec![Line::styled(
                format!("$ {}", run.shown),
                theme.style(Role::Muted),
            )];
            if run.dropped > 0 {
                entries.push(Line::styled(
                    trf(lang, Msg::NocLinesDropped, &[("count", &run.dropped)]),
                    theme.style(Role::Muted),
                ));
            }
            entries.extend(run.lines.iter().map(|l| Line::raw(l.clone())));
            if run.lines.is_empty() && run.running() {
                entries.push(Line::styled(
                    tr(lang, Msg::NocWaitingOutput).to_owned(),
                    theme.style(Role::Muted),
                ));
            }
            LogView {
                title: &title,
                entries,
                indent: 0,
                scroll: &run.scroll,
                keymap: &app.keymap,
                lang,
                theme,
            }
            .render(area, frame.buffer_mut())
        }
        Overlay::Messages { scroll } => {
            let title = trf(lang, Msg::MessageLogTitle, &[("count", &app.log.len())]);
            LogView {
                title: &title,
                entries: message_lines(app),
                indent: MESSAGE_INDENT,
                scroll,
                keymap: &app.keymap,
                lang,
                theme,
            }
            .render(area, frame.buffer_mut())
        }
    }
}

/// A list of entries over the body, each wrapped with a hanging indent
/// (nothing is cut: the server's sentences are read in full), scrolled
/// with the line keys, with a marker while more follows.
#[derive(Debug)]
pub struct LogView<'a> {
    /// The box's title.
    pub title: &'a str,
    /// One line per entry, unwrapped.
    pub entries: Vec<Line<'static>>,
    /// Blanks before an entry's continuation rows (the time column).
    pub indent: usize,
    /// Where it is scrolled to (the drawing reports the limit).
    pub scroll: &'a Scroll,
    /// For the marker's keys.
    pub keymap: &'a Keymap,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl Widget for LogView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(theme.style(Role::BorderFocused))
            .title(Span::styled(
                format!(
                    " {} ",
                    truncate(self.title, area.width.saturating_sub(4) as usize)
                ),
                theme.style(Role::Title),
            ));
        let inner = crate::ui::widgets::framed(block, area, buf);
        let rows: Vec<Line> = self
            .entries
            .iter()
            .flat_map(|e| crate::ui::cells::wrap_line(e, inner.width as usize, self.indent))
            .collect();
        let hidden = crate::ui::cells::scrolled_lines(buf, inner, &rows, Some(self.scroll));
        if let Some(marker) = scroll_marker(self.keymap, self.lang, hidden, false) {
            draw_scroll_marker(buf, area, &marker, theme);
        }
    }
}

/// "dd/mm/aaaa hh:mm " before each audit entry.
const AUDIT_INDENT: usize = 17;
/// "hh:mm:ss ✔ " before each message.
const MESSAGE_INDENT: usize = 11;

/// The session's messages, newest first: time, glyph, text.
fn message_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    if app.log.is_empty() {
        return vec![Line::styled(
            tr(app.lang(), Msg::MessageLogEmpty).to_owned(),
            theme.style(Role::Muted),
        )];
    }
    app.log
        .iter()
        .rev()
        .map(|e| {
            let (role, glyph) = match e.kind {
                StatusKind::Info => (Role::Text, "·"),
                StatusKind::Ok => (Role::Ok, theme.glyph(Role::Ok)),
                StatusKind::Error => (Role::Danger, theme.glyph(Role::Danger)),
            };
            let time = crate::br::dates::local(e.at).format("%H:%M:%S");
            Line::from(vec![
                Span::styled(format!("{time} "), theme.style(Role::Muted)),
                Span::styled(format!("{glyph} "), theme.style(role)),
                Span::styled(e.text.clone(), theme.style(role)),
            ])
        })
        .collect()
}

/// What the question before quitting says: the actions still waiting,
/// and what leaving does to their record.
fn quit_lines(app: &App) -> Vec<String> {
    let lang = app.lang();
    let mut waiting: Vec<String> = app
        .pending
        .iter()
        .filter(|(key, _)| app.inflight.is_running(**key))
        .map(|(key, p)| {
            let what = tr(lang, key.kind.msg());
            match p.target.customer_name.trim() {
                "" => what.to_owned(),
                name => format!("{what} ({})", crate::sanitize::clean_line(name)),
            }
        })
        .collect();
    waiting.sort();
    if waiting.is_empty() {
        return vec![tr(lang, Msg::QuitNothingPending).to_owned()];
    }
    vec![
        trf(lang, Msg::QuitInFlight, &[("actions", &waiting.join("; "))]),
        tr(lang, Msg::QuitUnknownNote).to_owned(),
    ]
}

#[allow(clippy::too_many_arguments)]
fn confirm(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    action: &str,
    lines: &[String],
    affects_connection: bool,
    choice: &Choice,
    now: Instant,
) {
    let keys = trf(
        app.lang(),
        Msg::ConfirmKeysLine,
        &[
            ("choose", &keys_label(&app.keymap, Action::Choose)),
            ("enter", &keys_label(&app.keymap, Action::Confirm)),
            ("cancel", &keys_label(&app.keymap, Action::Cancel)),
        ],
    );
    ConfirmDialog {
        action,
        lines,
        affects_connection,
        yes_focused: choice.yes,
        armed: choice.armed(now),
        keys: &keys,
        lang: app.lang(),
        theme: &app.settings.theme,
    }
    .render(area, frame.buffer_mut());
}

/// The copy chooser: one line per copyable value, with its key.
#[derive(Debug, Clone)]
pub struct CopyMenu<'a> {
    /// The choices.
    pub items: &'a [CopyItem],
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl Widget for CopyMenu<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let max_text = 36usize;
        let lines: Vec<Line> = self
            .items
            .iter()
            .map(|i| {
                Line::from(vec![
                    Span::styled(format!("[{}] ", i.key), theme.style(Role::Key)),
                    Span::styled(
                        format!("{}: ", tr(self.lang, i.what)),
                        theme.style(Role::Text),
                    ),
                    Span::styled(
                        truncate(&crate::sanitize::clean_line(&i.text), max_text).into_owned(),
                        theme.style(Role::Muted),
                    ),
                ])
            })
            .chain(std::iter::once(Line::styled(
                format!("[Esc] {}", tr(self.lang, Msg::KeyBack)),
                theme.style(Role::Muted),
            )))
            .collect();
        let w = lines
            .iter()
            .map(Line::width)
            .max()
            .unwrap_or(20)
            .clamp(20, area.width.saturating_sub(4) as usize) as u16
            + 4;
        let h = (lines.len() as u16 + 2).min(area.height);
        let rect = centered(area, w, h);
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(theme.style(Role::BorderFocused))
            .title(Span::styled(
                format!(" {} ", tr(self.lang, Msg::CopyMenuTitle)),
                theme.style(Role::Title),
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(lines).render(
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            },
            buf,
        );
    }
}

fn outcome_text(lang: Lang, e: &AuditEntry) -> (String, Role) {
    let (msg, role) = match e.outcome {
        Some(Outcome::Ok) => (Msg::CliOutcomeOk, Role::Ok),
        Some(Outcome::Refused) => (Msg::CliOutcomeRefused, Role::Danger),
        Some(Outcome::Failed) => (Msg::CliOutcomeFailed, Role::Danger),
        Some(Outcome::Unknown) => (Msg::CliOutcomeUnknownShort, Role::Warning),
        None => (Msg::CliOutcomeSent, Role::Muted),
    };
    (tr(lang, msg).to_owned(), role)
}

/// The latest audit entries (read oldest first), newest first, one line
/// each, for [`LogView`] to wrap: time, action, outcome, ids, attendant,
/// the server's message.
fn audit_lines(
    lang: Lang,
    theme: &Theme,
    entries: Option<&Result<Vec<AuditEntry>, String>>,
) -> Vec<Line<'static>> {
    match entries {
        None => vec![Line::styled(
            tr(lang, Msg::StateLoading).to_owned(),
            theme.style(Role::Muted),
        )],
        Some(Err(e)) => vec![Line::styled(
            trf(lang, Msg::AuditReadFailed, &[("detail", e)]),
            theme.style(Role::Danger),
        )],
        Some(Ok(v)) if v.is_empty() => {
            vec![Line::styled(
                tr(lang, Msg::StateEmpty).to_owned(),
                theme.style(Role::Muted),
            )]
        }
        Some(Ok(v)) => v
            .iter()
            .rev()
            .map(|e| {
                let (outcome, role) = outcome_text(lang, e);
                let ids: Vec<String> = [
                    e.attempt.customer.map(|c| format!("cli {c}")),
                    e.attempt.service.map(|s| format!("svc {s}")),
                    e.attempt.invoice.map(|i| format!("fat {i}")),
                    e.attempt.ticket.map(|t| format!("atd {t}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                let who = e.attempt.attendant.as_deref().unwrap_or("—");
                let mut spans = vec![
                    Span::styled(
                        format!("{} ", crate::br::dates::format_datetime(e.time)),
                        theme.style(Role::Muted),
                    ),
                    Span::styled(
                        format!(
                            "{} ",
                            crate::ops::actions::action_label(lang, &e.attempt.action)
                        ),
                        theme.style(Role::Text),
                    ),
                    Span::styled(format!("{outcome} "), theme.style(role)),
                    Span::styled(format!("{} ", ids.join(" ")), theme.style(Role::Text)),
                    Span::styled(
                        crate::sanitize::clean_line(who).into_owned(),
                        theme.style(Role::Muted),
                    ),
                ];
                if let Some(m) = e.msg.as_deref() {
                    spans.push(Span::styled(
                        format!(" — {}", crate::sanitize::clean_line(m)),
                        theme.style(Role::Muted),
                    ));
                }
                Line::from(spans)
            })
            .collect(),
    }
}

/// An action's refusal or unknown outcome, in full.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    /// The action's title.
    pub title: &'a str,
    /// Target line, then the outcome.
    pub lines: &'a [String],
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl Widget for Notice<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut body: Vec<Line> = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            let role = if i == 0 { Role::Muted } else { Role::Danger };
            body.push(Line::styled(l.clone(), theme.style(role)));
        }
        body.push(Line::raw(""));
        body.push(Line::styled(
            format!("[Esc] {}", tr(self.lang, Msg::KeyBack)),
            theme.style(Role::Muted),
        ));
        let w = area.width.saturating_sub(8).clamp(20, 70);
        let h = (crate::ui::widgets::wrapped_height(&body, w.saturating_sub(4)) as u16 + 2)
            .min(area.height);
        let rect = centered(area, w, h);
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(theme.style(Role::Danger))
            .title(Span::styled(
                format!(" {} ", truncate(self.title, w.saturating_sub(4) as usize)),
                theme.style(Role::Title),
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(body)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(crate::ui::widgets::padded(inner), buf);
    }
}
