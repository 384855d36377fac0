//! Building blocks every pane uses: spinner, too-small screen, tab bar,
//! hint bar, status line, pane frame with loading/empty/error states and
//! the confirmation dialog.
//!
//! All of them are pure: they read what they are given (including the tick
//! counter and the current `Instant`) and never read a clock, so the same
//! input draws the same cells and snapshots are stable.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::keymap::{Action, KeyHint, Keymap};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::text::{truncate, width};
use crate::theme::{Role, Theme};

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Whether `area` is below the minimum size.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

const SPINNER_FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner glyph for tick `tick`. The loop counts ticks only while
/// something animates, so there is no timer in here.
pub fn spinner(tick: u64) -> &'static str {
    SPINNER_FRAMES[(tick % SPINNER_FRAMES.len() as u64) as usize]
}

/// A rectangle of `w`×`h` centred in `area`, clamped to it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// How many rows `lines` take when word-wrapped at `width` cells, the way
/// `Paragraph` with `Wrap` lays them out (greedy, words longer than a row
/// split). Used to centre and size boxes around wrapped text.
pub fn wrapped_height(lines: &[Line<'_>], width: u16) -> usize {
    let w = width.max(1) as usize;
    lines
        .iter()
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let mut rows = 1;
            let mut used = 0;
            for word in text.split_whitespace() {
                let ww = crate::text::width(word);
                let need = if used == 0 { ww } else { used + 1 + ww };
                if need <= w {
                    used = need;
                } else if ww <= w {
                    rows += 1;
                    used = ww;
                } else {
                    // A word wider than the row is broken across rows.
                    if used > 0 {
                        rows += 1;
                    }
                    rows += (ww - 1) / w;
                    used = ww - (ww - 1) / w * w;
                }
            }
            rows
        })
        .sum()
}

pub use crate::app::keymap::keys_label;

/// The keys that scroll down (`down`) or back to the top, short, for the
/// "more below" marker: the first non-arrow key of a line step and the
/// first page key (`j/PgDn`, `g/PgUp`).
pub fn scroll_keys(keymap: &Keymap, down: bool) -> String {
    let (step, page) = if down {
        (Action::Down, Action::PageDown)
    } else {
        (Action::Top, Action::PageUp)
    };
    // A letter reads shorter than an arrow or `Home`; the page key as bound.
    let first = |action: Action, letter: bool| {
        let keys = keymap.keys_for(action);
        keys.iter()
            .find(|k| !letter || matches!(k.code, crossterm::event::KeyCode::Char(_)))
            .or(keys.first())
            .map(ToString::to_string)
    };
    [first(step, true), first(page, false)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("/")
}

/// The marker a scrolled text draws in its bottom border: "↓ mais: j/PgDn"
/// while more follows below, "↑ início: g/PgUp" at the end of a text that
/// was scrolled, nothing when everything shows. `pane` names the page
/// keys (a customer pane, where `j`/`k` move between items) instead of
/// the line keys (help, logs).
pub fn scroll_marker(
    keymap: &Keymap,
    lang: Lang,
    hidden: crate::ui::cells::Hidden,
    pane: bool,
) -> Option<String> {
    if hidden.below {
        let keys = if pane {
            keys_label(keymap, Action::PageDown)
        } else {
            scroll_keys(keymap, true)
        };
        Some(trf(lang, Msg::ScrollMoreBelow, &[("keys", &keys)]))
    } else if hidden.above {
        Some(trf(
            lang,
            Msg::ScrollMoreAbove,
            &[("keys", &scroll_keys(keymap, false))],
        ))
    } else {
        None
    }
}

/// Draws `marker` into the bottom border of `frame_area` (a bordered
/// box), at its left, in the accent role so it is seen.
pub fn draw_scroll_marker(buf: &mut Buffer, frame_area: Rect, marker: &str, theme: &Theme) {
    if frame_area.height < 2 || frame_area.width < 6 {
        return;
    }
    let room = frame_area.width.saturating_sub(4) as usize;
    let text = format!(" {} ", truncate(marker, room.saturating_sub(2)));
    Line::styled(text, theme.style(Role::Accent)).render(
        Rect {
            x: frame_area.x + 1,
            y: frame_area.y + frame_area.height - 1,
            width: frame_area.width.saturating_sub(2),
            height: 1,
        },
        buf,
    );
}

/// The "terminal too small" screen: current and minimum size, and how to
/// quit, centred and wrapped so it reads even at 20 columns.
#[derive(Debug, Clone)]
pub struct TooSmall<'a> {
    /// Language of the text.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
    /// Key(s) that quit, as displayed (from [`keys_label`]).
    pub quit_keys: &'a str,
}

impl Widget for TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let headline = trf(
            self.lang,
            Msg::TerminalTooSmall,
            &[
                ("width", &area.width),
                ("height", &area.height),
                ("min_width", &MIN_WIDTH),
                ("min_height", &MIN_HEIGHT),
            ],
        );
        let hint = trf(
            self.lang,
            Msg::TerminalTooSmallHint,
            &[("key", &self.quit_keys)],
        );
        let text = vec![
            Line::styled(headline, self.theme.style(Role::Warning)),
            Line::styled(hint, self.theme.style(Role::Muted)),
        ];
        let paragraph = Paragraph::new(text.clone())
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true });
        let lines = wrapped_height(&text, area.width).min(area.height as usize) as u16;
        let inner = Rect {
            y: area.y + (area.height - lines) / 2,
            height: lines,
            ..area
        };
        paragraph.render(inner, buf);
    }
}

/// One tab title.
#[derive(Debug, Clone)]
pub struct Tab<'a> {
    /// Title, already localized.
    pub title: &'a str,
    /// A short title for narrow screens ("Atend." for "Atendimentos"),
    /// used for every tab when the full titles do not all fit.
    pub short: Option<&'a str>,
    /// Draw a spinner after the title (the pane is loading).
    pub busy: bool,
    /// Mark the title as having a problem (the pane failed).
    pub alert: bool,
}

/// The tab bar of the one-pane-at-a-time layout: `1 Cliente │ 2 Serviços`.
/// The pane digits match the default `1`-`6` keys. When the titles do not
/// fit, every tab takes its short title (whole words read better than
/// cut ones); when even those do not fit, inactive titles shrink with an
/// ellipsis, so the selected one stays readable.
#[derive(Debug, Clone)]
pub struct TabBar<'a> {
    /// The tabs, in pane order.
    pub tabs: &'a [Tab<'a>],
    /// Index of the focused tab.
    pub selected: usize,
    /// Current tick, for the busy spinner.
    pub tick: u64,
    /// Theme.
    pub theme: &'a Theme,
}

impl TabBar<'_> {
    fn title(&self, i: usize, short: bool) -> &str {
        let tab = &self.tabs[i];
        if short {
            tab.short.unwrap_or(tab.title)
        } else {
            tab.title
        }
    }

    fn label(&self, i: usize, max_title: usize, short: bool) -> String {
        let tab = &self.tabs[i];
        let mut s = format!(" {} {}", i + 1, truncate(self.title(i, short), max_title));
        if tab.busy {
            s.push(' ');
            s.push_str(spinner(self.tick));
        } else if tab.alert {
            s.push(' ');
            s.push_str(self.theme.glyph(Role::Danger));
        }
        s.push(' ');
        s
    }
}

impl Widget for TabBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || self.tabs.is_empty() {
            return;
        }
        let sep = "│";
        let avail = area.width as usize;
        let total = |cap: usize, short: bool| -> usize {
            (0..self.tabs.len())
                .map(|i| {
                    let cap = if i == self.selected { usize::MAX } else { cap };
                    width(&self.label(i, cap, short))
                })
                .sum::<usize>()
                + self.tabs.len().saturating_sub(1)
        };
        let short = total(usize::MAX, false) > avail;
        // Then shrink the longest inactive titles until everything fits.
        let longest = (0..self.tabs.len())
            .map(|i| width(self.title(i, short)))
            .max()
            .unwrap_or(0);
        let mut cap = longest;
        while cap > 1 && total(cap, short) > avail {
            cap -= 1;
        }
        let mut spans = Vec::new();
        for i in 0..self.tabs.len() {
            if i > 0 {
                spans.push(Span::styled(sep, self.theme.style(Role::Border)));
            }
            let (label, role) = if i == self.selected {
                (self.label(i, usize::MAX, short), Role::TabActive)
            } else if self.tabs[i].alert {
                (self.label(i, cap, short), Role::Danger)
            } else {
                (self.label(i, cap, short), Role::TabInactive)
            };
            spans.push(Span::styled(label, self.theme.style(role)));
        }
        Line::from(spans).render(area, buf);
    }
}

/// One hint of the hint bar: its keys (all of them, and the first one for
/// when room is short) and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarHint {
    /// Every key, as displayed: `?/F1`.
    pub keys: String,
    /// The first key alone: `?`.
    pub short: String,
    /// What they do.
    pub msg: Msg,
}

impl BarHint {
    /// The hint of `action` with its effective keys (minus the keys that
    /// type a character when `typing` is set), described by `msg`; `None`
    /// when no key is left (unbound, or removed in read-only mode).
    pub fn of(keymap: &Keymap, action: Action, msg: Msg, typing: bool) -> Option<BarHint> {
        let keys: Vec<String> = keymap
            .keys_for(action)
            .iter()
            .filter(|k| !(typing && k.is_typing()))
            .map(ToString::to_string)
            .collect();
        let short = keys.first()?.clone();
        Some(BarHint {
            keys: keys.join("/"),
            short,
            msg,
        })
    }

    /// From a keymap hint (keys already joined); the short form is the
    /// first key of `keymap` that the hint still lists.
    pub fn from_key_hint(keymap: &Keymap, hint: &KeyHint) -> BarHint {
        let short = keymap
            .keys_for(hint.action)
            .iter()
            .map(ToString::to_string)
            .find(|k| hint.keys.split('/').any(|p| p == k) || hint.keys == *k)
            .unwrap_or_else(|| hint.keys.clone());
        BarHint {
            keys: hint.keys.clone(),
            short,
            msg: hint.msg,
        }
    }
}

/// The hint bar: the pane's keys, most important first, on the left; the
/// `pinned` ones (help, Esc, quit) always shown at the right. Hints that do
/// not fit are dropped whole, never cut, and a `…` says some were; when
/// room is short every hint shows its first key only (the help lists all).
#[derive(Debug, Clone)]
pub struct HintBar<'a> {
    /// Hints, most important first.
    pub hints: &'a [BarHint],
    /// Hints that always show, at the right end.
    pub pinned: &'a [BarHint],
    /// Language of the descriptions.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
}

impl HintBar<'_> {
    fn spans(&self, hints: &[&BarHint], short: bool) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (i, hint) in hints.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            let keys = if short { &hint.short } else { &hint.keys };
            spans.push(Span::styled(keys.clone(), self.theme.style(Role::Key)));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                tr(self.lang, hint.msg),
                self.theme.style(Role::Muted),
            ));
        }
        spans
    }

    fn width_of(&self, hint: &BarHint, short: bool) -> usize {
        let keys = if short { &hint.short } else { &hint.keys };
        width(keys) + 1 + width(tr(self.lang, hint.msg))
    }

    /// How many of the ranked hints fit in `room` cells (keeping two for
    /// " …" when not all do).
    fn fitting(&self, room: usize, short: bool) -> usize {
        let total: usize = self
            .hints
            .iter()
            .enumerate()
            .map(|(i, h)| self.width_of(h, short) + if i > 0 { 2 } else { 0 })
            .sum();
        if total <= room {
            return self.hints.len();
        }
        let room = room.saturating_sub(2);
        let mut used = 0;
        for (i, h) in self.hints.iter().enumerate() {
            let need = self.width_of(h, short) + if i > 0 { 2 } else { 0 };
            if used + need > room {
                return i;
            }
            used += need;
        }
        self.hints.len()
    }
}

impl Widget for HintBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let avail = area.width as usize;
        let pinned_w = |short: bool| -> usize {
            self.pinned
                .iter()
                .enumerate()
                .map(|(i, h)| self.width_of(h, short) + if i > 0 { 2 } else { 0 })
                .sum()
        };
        // Full keys when everything fits, else first keys, whichever shows
        // more of the ranked hints.
        let short_pins = pinned_w(false) + 2 > avail;
        let room = |short: bool| avail.saturating_sub(pinned_w(short) + 3);
        let full = self.fitting(room(short_pins), short_pins);
        let (short, shown) = if full < self.hints.len() {
            let brief = self.fitting(room(true), true);
            if brief > full {
                (true, brief)
            } else {
                (short_pins, full)
            }
        } else {
            (short_pins, full)
        };
        let pins_short = short_pins || (short && shown > full);
        let mut left = vec![Span::raw(" ")];
        let shown_hints: Vec<&BarHint> = self.hints.iter().take(shown).collect();
        left.extend(self.spans(&shown_hints, short));
        if shown < self.hints.len() {
            left.push(Span::styled(
                if shown == 0 { "…" } else { "  …" },
                self.theme.style(Role::Muted),
            ));
        }
        Line::from(left).render(area, buf);
        let pinned: Vec<&BarHint> = self.pinned.iter().collect();
        let right = Line::from(self.spans(&pinned, pins_short));
        let w = (right.width() as u16).min(area.width);
        right.render(
            Rect {
                x: area.x + area.width - w,
                width: w,
                ..area
            },
            buf,
        );
    }
}

// The status message is app state; the status line below only draws it.
pub use crate::app::status::{StatusKind, StatusMessage};

/// The status line: the current message (if not expired at `now`) on the
/// left, badges (profile, read-only, demo) on the right. A message longer
/// than its row wraps onto more rows ([`StatusLine::rows`] says how many
/// it needs), so an action's result is read whole; past the rows it is
/// given it ends in "…" (the message log keeps it whole).
#[derive(Debug, Clone)]
pub struct StatusLine<'a> {
    /// The latest message, if any.
    pub message: Option<&'a StatusMessage>,
    /// The instant the frame is drawn for, passed in by the loop.
    pub now: Instant,
    /// Right-aligned badges, e.g. the profile name and "read-only";
    /// each is drawn as an alert banner cell.
    pub badges: &'a [&'a str],
    /// A spinner is shown before the message while this is set (an action
    /// in flight); the value is the current tick.
    pub busy_tick: Option<u64>,
    /// Theme.
    pub theme: &'a Theme,
}

impl StatusLine<'_> {
    fn badge_spans(&self) -> Vec<Span<'static>> {
        let mut right: Vec<Span> = Vec::new();
        for badge in self.badges {
            right.push(Span::raw(" "));
            right.push(Span::styled(
                format!(" {badge} "),
                self.theme.style(Role::AlertBanner),
            ));
        }
        right
    }

    /// The message's rows at `width` (before wrapping to the rows given),
    /// spinner and glyph included; empty without a visible message.
    fn message_rows(&self, cols: u16) -> Vec<Line<'static>> {
        let mut first: Vec<Span> = Vec::new();
        if let Some(tick) = self.busy_tick {
            first.push(Span::styled(
                format!(" {}", spinner(tick)),
                self.theme.style(Role::Accent),
            ));
        }
        let Some(msg) = self.message.filter(|m| m.visible_at(self.now)) else {
            return if first.is_empty() {
                Vec::new()
            } else {
                vec![Line::from(first)]
            };
        };
        let (role, glyph) = match msg.kind {
            StatusKind::Info => (Role::Text, ""),
            StatusKind::Ok => (Role::Ok, self.theme.glyph(Role::Ok)),
            StatusKind::Error => (Role::Danger, self.theme.glyph(Role::Danger)),
        };
        let prefix = if glyph.is_empty() {
            " ".to_owned()
        } else {
            format!(" {glyph} ")
        };
        let indent = first.iter().map(|s| width(&s.content)).sum::<usize>() + width(&prefix);
        first.push(Span::styled(prefix, self.theme.style(role)));
        first.push(Span::styled(msg.text.clone(), self.theme.style(role)));
        // The badges sit at the right of the first row only.
        let badges: usize = self.badge_spans().iter().map(|s| width(&s.content)).sum();
        let room = (cols as usize).saturating_sub(badges + 1).max(indent + 8);
        crate::ui::cells::wrap_line_first(&Line::from(first), room, cols as usize, indent)
    }

    /// How many rows the status line wants at `width`, at most `max`.
    pub fn rows(&self, width: u16, max: u16) -> u16 {
        (self.message_rows(width).len() as u16).clamp(1, max.max(1))
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        buf.set_style(area, self.theme.style(Role::StatusBar));
        let right = self.badge_spans();
        let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
        let right_w = right_w.min(area.width as usize) as u16;
        let right_area = Rect {
            x: area.x + area.width - right_w,
            width: right_w,
            height: 1,
            ..area
        };
        let mut rows = self.message_rows(area.width);
        let shown = rows.len().min(area.height as usize);
        if rows.len() > shown && shown > 0 {
            // More than the rows given: say so at the end of the last one.
            rows[shown - 1].spans.push(Span::styled(
                crate::text::ELLIPSIS.to_string(),
                self.theme.style(Role::Muted),
            ));
        }
        for (i, row) in rows.iter().take(shown).enumerate() {
            let y = area.y + i as u16;
            let room = if i == 0 {
                area.width - right_w
            } else {
                area.width
            };
            crate::ui::cells::ellipsize(row, room as usize).render(
                Rect {
                    y,
                    width: room,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        Line::from(right).render(right_area, buf);
    }
}

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
        let inner = block.inner(rect);
        block.render(rect, buf);
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        };
        paragraph.render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Context;
    use crate::theme::ThemeKind;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Modifier};
    use std::time::Duration;

    fn term(w: u16, h: u16) -> Terminal<TestBackend> {
        Terminal::new(TestBackend::new(w, h)).unwrap()
    }

    #[test]
    fn spinner_cycles_with_ticks() {
        assert_eq!(spinner(0), spinner(10));
        assert_ne!(spinner(0), spinner(1));
    }

    #[test]
    fn too_small_threshold() {
        assert!(is_too_small(Rect::new(0, 0, 59, 24)));
        assert!(is_too_small(Rect::new(0, 0, 80, 14)));
        assert!(!is_too_small(Rect::new(0, 0, 60, 15)));
    }

    #[test]
    fn too_small_screen_snapshot() {
        let theme = Theme::default();
        let mut t = term(40, 10);
        t.draw(|f| {
            TooSmall {
                lang: Lang::PtBr,
                theme: &theme,
                quit_keys: "q",
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn too_small_at_80x24_in_english() {
        // The message names the real size; 80x24 never shows it, so draw
        // it into a 59x14 corner as the loop would at that size.
        let theme = Theme::default();
        let mut t = term(59, 14);
        t.draw(|f| {
            TooSmall {
                lang: Lang::En,
                theme: &theme,
                quit_keys: "q",
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        insta::assert_snapshot!(t.backend());
    }

    fn pane(state: PaneState<'_>, lang: Lang, theme: &Theme) -> Terminal<TestBackend> {
        let mut t = term(80, 24);
        t.draw(|f| {
            let inner = PaneFrame {
                title: "Faturas",
                focused: true,
                state: state.clone(),
                tick: 3,
                retry_keys: "r",
                lang,
                theme,
            }
            .render_pane(f.area(), f.buffer_mut());
            if let Some(inner) = inner {
                Line::raw("conteúdo").render(inner, f.buffer_mut());
            }
        })
        .unwrap();
        t
    }

    #[test]
    fn pane_states_snapshots() {
        let theme = Theme::default();
        insta::assert_snapshot!(
            "pane_loading",
            pane(PaneState::Loading, Lang::PtBr, &theme).backend()
        );
        insta::assert_snapshot!(
            "pane_empty",
            pane(PaneState::Empty, Lang::PtBr, &theme).backend()
        );
        insta::assert_snapshot!(
            "pane_error",
            pane(
                PaneState::Error("O servidor não respondeu em 10 s"),
                Lang::PtBr,
                &theme
            )
            .backend()
        );
        insta::assert_snapshot!(
            "pane_ready",
            pane(PaneState::Ready, Lang::PtBr, &theme).backend()
        );
    }

    #[test]
    fn pane_error_is_red_in_dark_and_bold_underlined_in_mono() {
        let dark = Theme::new(ThemeKind::Dark);
        let t = pane(PaneState::Error("boom"), Lang::En, &dark);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "Error").expect("error text drawn");
        let fg = buf[(x, y)].fg;
        assert!(matches!(fg, Color::Red | Color::LightRed), "{fg:?}");

        let mono = Theme::new(ThemeKind::Mono);
        let t = pane(PaneState::Error("boom"), Lang::En, &mono);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "Error").unwrap();
        let cell = &buf[(x, y)];
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        assert!(
            cell.modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        // And the glyph carries the meaning without colour.
        assert!(find(buf, "✖").is_some());
    }

    fn dialog(theme: &Theme) -> Terminal<TestBackend> {
        let mut t = term(80, 24);
        let lines = vec![
            "Assinante: Maria da Conceição Araújo".to_owned(),
            "Contrato 4711 · login maria.araujo".to_owned(),
            "Bloqueado por débito desde 02/11/2026".to_owned(),
        ];
        t.draw(|f| {
            Paragraph::new("fundo ".repeat(300))
                .wrap(Wrap { trim: false })
                .render(f.area(), f.buffer_mut());
            ConfirmDialog {
                action: "Desbloqueio em confiança",
                lines: &lines,
                affects_connection: true,
                yes_focused: false,
                armed: true,
                keys: "→/←/Tab escolhe · Enter responde · Esc cancela",
                lang: Lang::PtBr,
                theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        t
    }

    #[test]
    fn confirm_dialog_snapshot() {
        insta::assert_snapshot!(dialog(&Theme::default()).backend());
    }

    #[test]
    fn confirm_dialog_in_mono_has_no_colours() {
        let t = dialog(&Theme::new(ThemeKind::Mono));
        for cell in t.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }

    #[test]
    fn tab_bar_keeps_selected_title_whole_and_marks_states() {
        let theme = Theme::new(ThemeKind::Mono);
        let tabs = [
            Tab {
                title: "Cliente",
                short: None,
                busy: false,
                alert: false,
            },
            Tab {
                title: "Serviços",
                short: None,
                busy: true,
                alert: false,
            },
            Tab {
                title: "Faturas",
                short: None,
                busy: false,
                alert: true,
            },
            Tab {
                title: "Atendimentos",
                short: None,
                busy: false,
                alert: false,
            },
            Tab {
                title: "Ordens de serviço",
                short: None,
                busy: false,
                alert: false,
            },
            Tab {
                title: "Histórico de conexões",
                short: None,
                busy: false,
                alert: false,
            },
        ];
        let mut t = term(130, 1);
        t.draw(|f| {
            TabBar {
                tabs: &tabs,
                selected: 5,
                tick: 0,
                theme: &theme,
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        let row = row_text(t.backend().buffer(), 0);
        assert!(row.contains("6 Histórico de conexões"), "{row}");
        assert!(row.contains("1 Cliente"), "{row}");
        assert!(row.contains(spinner(0)), "{row}");
        assert!(row.contains('✖'), "{row}");
        let (x, y) = find(t.backend().buffer(), "6 Hist").unwrap();
        assert!(
            t.backend().buffer()[(x, y)]
                .modifier
                .contains(Modifier::REVERSED)
        );

        let mut narrow = term(60, 1);
        narrow
            .draw(|f| {
                TabBar {
                    tabs: &tabs,
                    selected: 5,
                    tick: 0,
                    theme: &theme,
                }
                .render(f.area(), f.buffer_mut())
            })
            .unwrap();
        let row = row_text(narrow.backend().buffer(), 0);
        assert!(row.contains("6 Histórico de conexões"), "{row}");
        assert!(row.contains('…'), "inactive titles shrink: {row}");
        assert!(row.contains(" 1 "), "{row}");
    }

    /// Issue 13: at 80 columns the six customer tabs use their short
    /// labels, whole, instead of cutting the long ones ("4 Atendime…").
    #[test]
    fn tab_bar_uses_short_labels_when_the_long_ones_do_not_fit() {
        let theme = Theme::default();
        let titles = [
            ("Cliente", "Cliente"),
            ("Serviços", "Serviços"),
            ("Faturas", "Faturas"),
            ("Atendimentos", "Atend."),
            ("Ordens de serviço", "OS"),
            ("Histórico de conexões", "Conexões"),
        ];
        let tabs: Vec<Tab> = titles
            .iter()
            .map(|(title, short)| Tab {
                title,
                short: Some(short),
                busy: false,
                alert: false,
            })
            .collect();
        let draw = |w: u16, selected: usize| {
            let mut t = term(w, 1);
            t.draw(|f| {
                TabBar {
                    tabs: &tabs,
                    selected,
                    tick: 0,
                    theme: &theme,
                }
                .render(f.area(), f.buffer_mut())
            })
            .unwrap();
            row_text(t.backend().buffer(), 0)
        };
        for selected in 0..6 {
            let row = draw(80, selected);
            assert!(!row.contains('…'), "{row}");
            for label in ["1 Cliente", "4 Atend.", "5 OS", "6 Conexões"] {
                assert!(row.contains(label), "{label}: {row}");
            }
        }
        let wide = draw(130, 0);
        assert!(wide.contains("6 Histórico de conexões"), "{wide}");
        assert!(wide.contains("4 Atendimentos"), "{wide}");
    }

    #[test]
    fn hint_bar_drops_whole_hints_that_do_not_fit_and_honours_read_only() {
        let theme = Theme::default();
        let (ro, _) = Keymap::new(&Default::default(), true);
        let km = Keymap::default();
        let ctx = [Context::Subscriber, Context::Navigation];
        let draw = |km: &Keymap, w: u16| {
            let hints: Vec<BarHint> = km
                .hints(&ctx)
                .iter()
                .filter(|h| h.action != Action::Quit)
                .map(|h| BarHint::from_key_hint(km, h))
                .collect();
            let pinned = [BarHint::of(km, Action::Quit, Msg::KeyQuit, false).unwrap()];
            let mut t = term(w, 1);
            t.draw(|f| {
                HintBar {
                    hints: &hints,
                    pinned: &pinned,
                    lang: Lang::PtBr,
                    theme: &theme,
                }
                .render(f.area(), f.buffer_mut())
            })
            .unwrap();
            row_text(t.backend().buffer(), 0)
        };
        let full = draw(&km, 200);
        assert!(full.contains("u Desbloqueio em confiança"), "{full}");
        assert!(full.trim_end().ends_with("q Sair"), "{full}");
        assert!(!full.contains('…'), "{full}");
        let ro_row = draw(&ro, 200);
        assert!(!ro_row.contains("Desbloqueio"), "{ro_row}");
        assert!(!ro_row.contains("Derrubar"), "{ro_row}");
        assert!(ro_row.contains("p Mostrar senha"), "{ro_row}");
        // Narrow: whole hints, then "…", and quit still at the right.
        let narrow = draw(&km, 50);
        assert!(narrow.contains("…"), "{narrow}");
        assert!(narrow.trim_end().ends_with("q Sair"), "{narrow}");
        assert!(narrow.contains("t Abrir atendimento"), "{narrow}");
        assert!(
            !narrow.contains("Desbloq") || narrow.contains("confiança"),
            "{narrow}"
        );
    }

    #[test]
    fn status_message_clears_itself_at_expiry() {
        let theme = Theme::default();
        let t0 = Instant::now();
        let msg = StatusMessage {
            text: "Copiado: linha digitável".into(),
            kind: StatusKind::Ok,
            expires: Some(t0 + Duration::from_secs(4)),
        };
        let draw = |now: Instant| {
            let mut t = term(60, 1);
            t.draw(|f| {
                StatusLine {
                    message: Some(&msg),
                    now,
                    badges: &["PRODUÇÃO", "somente leitura"],
                    busy_tick: None,
                    theme: &theme,
                }
                .render(f.area(), f.buffer_mut())
            })
            .unwrap();
            t
        };
        let before = draw(t0 + Duration::from_secs(3));
        let row = row_text(before.backend().buffer(), 0);
        assert!(row.contains("✔ Copiado: linha digitável"), "{row}");
        assert!(row.trim_end().ends_with("somente leitura"), "{row}");
        let after = draw(t0 + Duration::from_secs(4));
        let row = row_text(after.backend().buffer(), 0);
        assert!(!row.contains("Copiado"), "{row}");
        assert!(row.contains("PRODUÇÃO"), "{row}");
        let (x, y) = find(after.backend().buffer(), "PRODU").unwrap();
        assert_eq!(after.backend().buffer()[(x, y)].bg, Color::Red);
    }

    #[test]
    fn selected_row_is_reversed_without_colour_in_mono_and_coloured_in_dark() {
        use ratatui::widgets::{List, ListState, StatefulWidget};
        let draw = |theme: &Theme| {
            let mut t = term(30, 3);
            t.draw(|f| {
                let list = List::new(["Maria", "José", "Ana"])
                    .highlight_style(theme.style(Role::Selection));
                let mut state = ListState::default().with_selected(Some(1));
                StatefulWidget::render(list, f.area(), f.buffer_mut(), &mut state);
            })
            .unwrap();
            t
        };
        let mono = draw(&Theme::new(ThemeKind::Mono));
        let buf = mono.backend().buffer();
        for x in 0..30 {
            let cell = &buf[(x, 1)];
            assert!(cell.modifier.contains(Modifier::REVERSED), "x={x}");
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "x={x}");
        }
        assert!(!buf[(0, 0)].modifier.contains(Modifier::REVERSED));
        let dark = draw(&Theme::new(ThemeKind::Dark));
        assert_ne!(dark.backend().buffer()[(0, 1)].bg, Color::Reset);
    }

    /// Position of the first cell of `needle` in `buf`.
    pub(crate) fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
        for y in 0..buf.area.height {
            let cells: Vec<(u16, &str)> = (0..buf.area.width)
                .map(|x| (x, buf[(x, y)].symbol()))
                .collect();
            let mut text = String::new();
            let mut starts = Vec::new();
            for (x, sym) in &cells {
                starts.push((text.len(), *x));
                text.push_str(sym);
            }
            if let Some(byte) = text.find(needle) {
                let x = starts
                    .iter()
                    .rev()
                    .find(|(b, _)| *b <= byte)
                    .map(|(_, x)| *x)?;
                return Some((x, y));
            }
        }
        None
    }

    pub(crate) fn row_text(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }
}
