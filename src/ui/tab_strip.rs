//! The strip of open customers (issue 18): one row of numbered names, the
//! one on screen highlighted, a ✔ on a tab whose watched service came
//! online. The customer screen draws it on its title row once a second
//! customer is open; the search screen above the box while any is open.
//!
//! Names are the customer's (sanitized by `app::tabs::name_of`), cut by
//! display width: the inactive ones share the room evenly, the one on
//! screen gets twice their share (and at least a few letters).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::tabs::TabLabel;
use crate::text::{truncate, width};
use crate::theme::{Role, Theme};

/// The fewest columns of name the tab on screen keeps.
const ACTIVE_MIN: usize = 10;

/// The strip, for a row of `budget` columns.
#[derive(Debug, Clone)]
pub struct TabStrip<'a> {
    /// The tabs in order.
    pub tabs: &'a [TabLabel],
    /// Theme.
    pub theme: &'a Theme,
}

impl TabStrip<'_> {
    /// The cap on the name of tab `i` when inactive names get `cap`.
    fn cap(&self, i: usize, cap: usize) -> usize {
        if self.tabs[i].active {
            (cap * 2).max(ACTIVE_MIN)
        } else {
            cap
        }
    }

    fn label(&self, i: usize, cap: usize) -> String {
        let tab = &self.tabs[i];
        let badge = if tab.online {
            format!("{} ", self.theme.glyph(Role::Ok))
        } else {
            String::new()
        };
        let name = truncate(&tab.name, self.cap(i, cap));
        if name.is_empty() {
            format!(" {}{} ", i + 1, badge.trim_end())
        } else {
            format!(" {} {badge}{name} ", i + 1)
        }
    }

    fn total(&self, cap: usize) -> usize {
        (0..self.tabs.len())
            .map(|i| width(&self.label(i, cap)))
            .sum::<usize>()
            + self.tabs.len().saturating_sub(1)
    }

    /// The widest cap on inactive names that fits in `budget` columns,
    /// and the columns the strip then takes; `None` when not even the
    /// numbers fit.
    pub fn fit(&self, budget: usize) -> Option<(usize, usize)> {
        let longest = self.tabs.iter().map(|t| width(&t.name)).max()?;
        (0..=longest)
            .rev()
            .map(|cap| (cap, self.total(cap)))
            .find(|(_, total)| *total <= budget)
    }

    /// Whether every name fits whole in `budget` columns.
    pub fn fits_whole(&self, budget: usize) -> bool {
        let longest = self.tabs.iter().map(|t| width(&t.name)).max();
        self.fit(budget)
            .zip(longest)
            .is_some_and(|((cap, _), longest)| cap >= longest)
    }

    /// The strip's spans with inactive names cut to `cap`.
    pub fn spans(&self, cap: usize) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (i, tab) in self.tabs.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled("│", self.theme.style(Role::Border)));
            }
            let role = if tab.active {
                Role::TabActive
            } else if tab.online {
                Role::Ok
            } else {
                Role::TabInactive
            };
            spans.push(Span::styled(self.label(i, cap), self.theme.style(role)));
        }
        spans
    }
}

impl Widget for TabStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || self.tabs.is_empty() {
            return;
        }
        let cap = self.fit(area.width as usize).map_or(0, |(cap, _)| cap);
        Line::from(self.spans(cap)).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeKind;

    fn tab(name: &str, active: bool, online: bool) -> TabLabel {
        TabLabel {
            name: name.into(),
            active,
            online,
        }
    }

    fn text(strip: &TabStrip<'_>, budget: usize) -> String {
        let cap = strip.fit(budget).unwrap().0;
        strip
            .spans(cap)
            .iter()
            .map(|s| s.content.as_ref())
            .collect()
    }

    #[test]
    fn names_are_cut_by_display_width_the_one_on_screen_keeps_more() {
        let theme = Theme::new(ThemeKind::Dark);
        let tabs: Vec<TabLabel> = (1..=9)
            .map(|i| tab(&format!("JOSÉ 漢字 CLIENTE {i}"), i == 3, i == 5))
            .collect();
        let strip = TabStrip {
            tabs: &tabs,
            theme: &theme,
        };
        let shown = text(&strip, 80);
        assert!(width(&shown) <= 80, "{shown}");
        assert!(shown.contains(" 5 ✔"), "{shown}");
        let parts: Vec<&str> = shown.split('│').collect();
        assert_eq!(parts.len(), 9);
        assert!(width(parts[2]) > width(parts[0]), "{shown}");
        // Wide enough: every name whole.
        assert!(strip.fits_whole(400));
        assert!(!text(&strip, 400).contains('…'));
        // Too narrow for even the numbers.
        assert_eq!(strip.fit(10), None);
    }
}
