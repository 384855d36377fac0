//! The tab bar and the hint bar at the screen's edges.

use super::*;

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
