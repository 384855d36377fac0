//! The `?` help overlay, generated from the keymap.
//!
//! It lists exactly the effective bindings: user overrides show their new
//! keys, unbound actions vanish, and a read-only profile shows none of the
//! actions it removed. Grouped by context; two columns when there is room
//! (at 80 columns the whole table fits in 24 rows), scrollable otherwise.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use crate::app::keymap::{Action, Keymap};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::text::{fit, truncate, width};
use crate::theme::{Role, Theme};
use crate::ui::widgets::{draw_scroll_marker, keys_label, scroll_marker};

/// Width of the key column, in cells.
const KEY_COL: usize = 11;
/// Inner width from which the groups flow into two columns.
const TWO_COLUMNS_FROM: u16 = 70;
/// Blank cells between the two columns.
const COLUMN_GAP: u16 = 2;

/// The help overlay. `scroll` is the first line shown; the app clamps it
/// with [`HelpOverlay::max_scroll`] for the current size.
#[derive(Debug, Clone)]
pub struct HelpOverlay<'a> {
    /// The effective keymap.
    pub keymap: &'a Keymap,
    /// Language.
    pub lang: Lang,
    /// Theme.
    pub theme: &'a Theme,
    /// First visible line.
    pub scroll: u16,
    /// Opened from a text field, where letters type: rows show only the
    /// keys that work there, and rows without any are dimmed.
    pub typing: bool,
    /// The NOC commands, to name their rows.
    pub commands: &'a [crate::ops::commands::NocCommand],
}

impl<'a> HelpOverlay<'a> {
    /// The overlay's rectangle inside the screen `area`.
    fn rect(area: Rect) -> Rect {
        let margin_x = if area.width > 84 {
            (area.width - 84) / 2
        } else {
            0
        };
        Rect {
            x: area.x + margin_x,
            width: area.width - 2 * margin_x,
            ..area
        }
    }

    /// One group per context, each a list of lines (heading first) of
    /// `col_w` cells.
    fn groups(&self, col_w: usize) -> Vec<Vec<Line<'a>>> {
        let theme = self.theme;
        let mut groups = Vec::new();
        for (ctx, rows) in self.keymap.help_groups() {
            let mut lines = vec![Line::styled(
                truncate(tr(self.lang, ctx.msg()), col_w).into_owned(),
                theme.style(Role::Title),
            )];
            for row in rows {
                // From a text field, a letter would type, not act.
                let (keys, works) = if self.typing {
                    let here: Vec<String> = self
                        .keymap
                        .keys_for(row.action)
                        .iter()
                        .filter(|k| !k.is_typing())
                        .map(ToString::to_string)
                        .collect();
                    if here.is_empty() {
                        (row.keys.clone(), false)
                    } else {
                        (here.join("/"), true)
                    }
                } else {
                    (row.keys.clone(), true)
                };
                let desc_w = col_w.saturating_sub(KEY_COL + 1);
                let mut desc = match row.action {
                    Action::Noc(i) => self
                        .commands
                        .get(usize::from(i))
                        .map(|c| trf(self.lang, Msg::NocHelpRow, &[("name", &c.name)]))
                        .unwrap_or_else(|| tr(self.lang, row.msg).to_owned()),
                    _ => tr(self.lang, row.msg).to_owned(),
                };
                // A NOC command asks first when its entry says so.
                let asks = match row.action {
                    Action::Noc(i) => self
                        .commands
                        .get(usize::from(i))
                        .is_some_and(|c| c.confirm || c.writes),
                    a => a.needs_confirmation(),
                };
                if asks {
                    desc = format!("{desc} {}", theme.glyph(Role::Warning));
                }
                let desc_role = if asks { Role::Danger } else { Role::Text };
                let (key_role, desc_role) = if works {
                    (Role::Key, desc_role)
                } else {
                    (Role::Muted, Role::Muted)
                };
                lines.push(Line::from(vec![
                    Span::styled(fit(&keys, KEY_COL), theme.style(key_role)),
                    Span::raw(" "),
                    Span::styled(truncate(&desc, desc_w).into_owned(), theme.style(desc_role)),
                ]));
            }
            groups.push(lines);
        }
        groups
    }

    /// The lines of each column for an inner width and body height.
    /// Tries, in order, until the tallest column fits: whole groups per
    /// column with blank separators; groups split across the columns; the
    /// same without blank lines. Falls back to the last (then scrolling).
    fn columns(&self, inner_w: u16, body_h: u16) -> Vec<Vec<Line<'a>>> {
        let two = inner_w >= TWO_COLUMNS_FROM;
        let col_w = if two {
            (inner_w - COLUMN_GAP) as usize / 2
        } else {
            inner_w as usize
        };
        let groups = self.groups(col_w);
        let flat = |gs: &[Vec<Line<'a>>], blanks: bool| -> Vec<Line<'a>> {
            let mut out = Vec::new();
            for (i, g) in gs.iter().enumerate() {
                if i > 0 && blanks {
                    out.push(Line::raw(""));
                }
                out.extend(g.iter().cloned());
            }
            out
        };
        if !two || groups.len() < 2 {
            return vec![flat(&groups, true)];
        }
        let fits = |cols: &[Vec<Line<'a>>]| cols.iter().all(|c| c.len() <= body_h as usize);

        // Whole groups: the boundary that best balances the two heights.
        let heights: Vec<usize> = groups.iter().map(|g| g.len() + 1).collect();
        let total: usize = heights.iter().sum();
        let mut best = (usize::MAX, 1);
        let mut acc = 0;
        for (i, h) in heights.iter().enumerate().take(groups.len() - 1) {
            acc += h;
            let taller = acc.max(total - acc);
            if taller < best.0 {
                best = (taller, i + 1);
            }
        }
        let whole = vec![flat(&groups[..best.1], true), flat(&groups[best.1..], true)];
        if fits(&whole) {
            return whole;
        }
        let mut last = whole;
        for blanks in [true, false] {
            let all = flat(&groups, blanks);
            let mut cut = all.len().div_ceil(2);
            // Never leave a heading alone at the bottom of the first column,
            // nor start the second with a blank line.
            let is_heading = |i: usize| groups.iter().any(|g| g[0] == all[i]);
            while cut > 0 && (is_heading(cut - 1) || all[cut - 1].width() == 0) {
                cut -= 1;
            }
            let mut second = all[cut..].to_vec();
            while second.first().is_some_and(|l| l.width() == 0) {
                second.remove(0);
            }
            let cols = vec![all[..cut].to_vec(), second];
            if fits(&cols) {
                return cols;
            }
            last = cols;
        }
        last
    }

    fn header_footer(&self) -> (Vec<Line<'a>>, Line<'a>) {
        let mut header = Vec::new();
        if self.keymap.read_only() {
            header.push(Line::styled(
                tr(self.lang, Msg::HelpReadOnlyNote),
                self.theme.style(Role::Warning),
            ));
            header.push(Line::raw(""));
        }
        if self.typing {
            header.push(Line::styled(
                tr(self.lang, Msg::HelpTypingNote),
                self.theme.style(Role::Warning),
            ));
        }
        let close: Vec<String> = [Action::Help, Action::Back]
            .iter()
            .map(|a| keys_label(self.keymap, *a))
            .filter(|k| !k.is_empty())
            .collect();
        let mut footer = trf(self.lang, Msg::HelpClose, &[("key", &close.join(" / "))]);
        // The glyph marks the rows that ask first; say so where there are any.
        let marked = self
            .keymap
            .help_groups()
            .iter()
            .any(|(_, rows)| rows.iter().any(|r| r.action.needs_confirmation()));
        if marked {
            let legend = trf(
                self.lang,
                Msg::HelpConfirmLegend,
                &[("glyph", &self.theme.glyph(Role::Warning))],
            );
            footer = format!("{legend} · {footer}");
        }
        let footer = Line::styled(footer, self.theme.style(Role::Muted));
        (header, footer)
    }

    /// The largest useful `scroll` for the screen `area`.
    pub fn max_scroll(&self, area: Rect) -> u16 {
        let rect = Self::rect(area);
        let inner_w = rect.width.saturating_sub(2);
        let (header, _) = self.header_footer();
        let body_h = rect.height.saturating_sub(2 + header.len() as u16);
        let tallest = self
            .columns(inner_w, body_h)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0) as u16;
        tallest.saturating_sub(body_h)
    }
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rect = Self::rect(area);
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(self.theme.style(Role::BorderFocused))
            .title(Span::styled(
                format!(" {} ", tr(self.lang, Msg::PaneHelp)),
                self.theme.style(Role::Title),
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let (header, footer) = self.header_footer();
        let header_h = (header.len() as u16).min(inner.height);
        Paragraph::new(header).render(
            Rect {
                height: header_h,
                ..inner
            },
            buf,
        );
        // The footer sits in the bottom border, so the table keeps every row
        // (at 80x24 the whole table fits without scrolling).
        let footer_y = rect.y + rect.height - 1;
        let body = Rect {
            y: inner.y + header_h,
            height: inner.height.saturating_sub(header_h),
            ..inner
        };
        let columns = self.columns(inner.width, body.height);
        let scroll = self.scroll.min(self.max_scroll(area));
        let col_w = if columns.len() == 2 {
            (inner.width - COLUMN_GAP) / 2
        } else {
            inner.width
        };
        for (i, lines) in columns.into_iter().enumerate() {
            let x = inner.x + i as u16 * (col_w + COLUMN_GAP);
            Paragraph::new(lines).scroll((scroll, 0)).render(
                Rect {
                    x,
                    width: col_w,
                    ..body
                },
                buf,
            );
        }
        let footer_w = (width(&footer.to_string()) as u16 + 2).min(inner.width);
        let fx = inner.x + inner.width.saturating_sub(footer_w + 1);
        let footer = Line::from(
            std::iter::once(Span::raw(" "))
                .chain(footer.spans)
                .chain(std::iter::once(Span::raw(" ")))
                .collect::<Vec<_>>(),
        )
        .style(footer.style);
        footer.render(
            Rect {
                x: fx,
                y: footer_y,
                width: inner.width.min(footer_w),
                height: 1,
            },
            buf,
        );
        let max = self.max_scroll(area);
        let hidden = crate::ui::cells::Hidden {
            below: scroll < max,
            above: scroll > 0,
        };
        if let Some(marker) = scroll_marker(self.keymap, self.lang, hidden, false) {
            // Left of the footer, never over it.
            let room = fx.saturating_sub(rect.x);
            draw_scroll_marker(
                buf,
                Rect {
                    width: room,
                    ..rect
                },
                &marker,
                self.theme,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeKind;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::collections::BTreeMap;

    fn draw(km: &Keymap, lang: Lang, w: u16, h: u16, scroll: u16) -> Terminal<TestBackend> {
        let theme = Theme::default();
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| {
            HelpOverlay {
                keymap: km,
                lang,
                theme: &theme,
                scroll,
                typing: false,
                commands: &[],
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        t
    }

    fn text(t: &Terminal<TestBackend>) -> String {
        t.backend().to_string()
    }

    #[test]
    fn help_at_80x24_snapshot_pt_br() {
        let km = Keymap::default();
        let t = draw(&km, Lang::PtBr, 80, 24, 0);
        insta::assert_snapshot!(t.backend());
    }

    // The keys of issues 5 and 7 took the table past one 80x24 page; it
    // scrolls, but never by more than one more page.
    #[test]
    fn help_at_80x24_scrolls_at_most_one_page() {
        let km = Keymap::default();
        assert!(
            HelpOverlay {
                keymap: &km,
                lang: Lang::PtBr,
                theme: &Theme::default(),
                scroll: 0,
                typing: false,
                commands: &[],
            }
            .max_scroll(Rect::new(0, 0, 80, 24))
                <= 22
        );
    }

    /// Issue 13: the pane keys say how many panes there are, the ▲ on
    /// dangerous actions is explained, and a help longer than the screen
    /// says that more follows, and which keys scroll it.
    #[test]
    fn help_names_six_panes_explains_the_triangle_and_marks_more_below() {
        let km = Keymap::default();
        let top = text(&draw(&km, Lang::PtBr, 80, 24, 0));
        assert!(top.contains("1-6         Ir para o painel"), "{top}");
        assert!(!top.contains("1-9"), "{top}");
        assert!(top.contains("▲ pede confirmação"), "{top}");
        assert!(top.contains("↓ mais: j/PgDn"), "{top}");
        let max = HelpOverlay {
            keymap: &km,
            lang: Lang::PtBr,
            theme: &Theme::default(),
            scroll: 0,
            typing: false,
            commands: &[],
        }
        .max_scroll(Rect::new(0, 0, 80, 24));
        assert!(max > 0);
        let bottom = text(&draw(&km, Lang::PtBr, 80, 24, max));
        assert!(!bottom.contains("↓ mais"), "{bottom}");
        assert!(bottom.contains("↑"), "{bottom}");
        let en = text(&draw(&km, Lang::En, 80, 24, 0));
        assert!(en.contains("▲ asks for confirmation"), "{en}");
        assert!(en.contains("↓ more: j/PgDn"), "{en}");
    }

    #[test]
    fn help_read_only_snapshot_hides_writing_actions() {
        let (km, _) = Keymap::new(&BTreeMap::new(), true);
        let t = draw(&km, Lang::En, 80, 24, 0);
        let s = text(&t);
        assert!(s.contains("Read-only profile"), "{s}");
        for gone in [
            "Trust unlock",
            "Reset MAC",
            "Disconnect",
            "Open ticket",
            "Send invoice",
        ] {
            assert!(!s.contains(gone), "{gone} still listed");
        }
        assert!(s.contains("Show password"));
        insta::assert_snapshot!(t.backend());
    }

    #[test]
    fn help_shows_overridden_keys() {
        let overrides = BTreeMap::from([("refresh".to_string(), vec!["F5".to_string()])]);
        let (km, w) = Keymap::new(&overrides, false);
        assert!(w.is_empty());
        let s = text(&draw(&km, Lang::En, 80, 24, 0));
        assert!(s.contains("F5          Refresh"), "{s}");
    }

    #[test]
    fn from_a_text_field_the_help_claims_no_letter_key() {
        let km = Keymap::default();
        let theme = Theme::new(ThemeKind::Mono);
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| {
            HelpOverlay {
                keymap: &km,
                lang: Lang::En,
                theme: &theme,
                scroll: 0,
                typing: true,
                commands: &[],
            }
            .render(f.area(), f.buffer_mut())
        })
        .unwrap();
        let s = text(&t);
        assert!(s.contains("In a text field letters type"), "{s}");
        // ?/F1 shows only F1, which works from the field.
        assert!(s.contains("F1          Help"), "{s}");
        assert!(!s.contains("?/F1        Help"), "{s}");
        // Letter-only rows are dimmed: q, C, P, F, X.
        let buf = t.backend().buffer();
        let dim_row = |label: &str| {
            (0..buf.area.height).any(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.find(label).is_some_and(|at| {
                    let x = row[..at].chars().count() as u16;
                    buf[(x, y)].modifier.contains(ratatui::style::Modifier::DIM)
                })
            })
        };
        for label in ["Quit", "Cities", "Receivables"] {
            assert!(dim_row(label), "{label} not dimmed:\n{s}");
        }
        assert!(!dim_row("Help"));
    }

    #[test]
    fn narrow_help_is_one_column_and_scrolls() {
        let km = Keymap::default();
        let overlay = HelpOverlay {
            keymap: &km,
            lang: Lang::En,
            theme: &Theme::new(ThemeKind::Mono),
            scroll: 0,
            typing: false,
            commands: &[],
        };
        let area = Rect::new(0, 0, 60, 15);
        let max = overlay.max_scroll(area);
        assert!(max > 0);
        let top = text(&draw(&km, Lang::En, 60, 15, 0));
        assert!(top.contains("General"));
        let bottom = text(&draw(&km, Lang::En, 60, 15, max));
        assert!(bottom.contains("Confirmation"), "{bottom}");
        assert!(!bottom.contains("General"));
        // Scrolling past the end is clamped, not blank.
        assert_eq!(text(&draw(&km, Lang::En, 60, 15, max + 50)), bottom);
    }
}
