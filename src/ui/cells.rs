//! Small drawing helpers shared by the console's panes: sanitized server
//! text, column layout with ellipsis, label/value lines, selection, and
//! the formatting of documents, phones, money and dates (with privacy
//! masking).
//!
//! Every string that came from the server passes through [`txt`] (or
//! [`crate::sanitize`] directly) before it reaches a cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rust_decimal::Decimal;

use crate::api::{ApiDate, CustomerService};
use crate::app::App;
use crate::i18n::{Lang, Msg, tr};
use crate::text::{fit, fit_right, width};
use crate::ui::theme::{Role, Theme};

/// Server text made safe for one line: control and escape characters are
/// removed or replaced by visible placeholders. `None` and blanks give "—".
pub fn txt(lang: Lang, value: Option<&str>) -> String {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => crate::sanitize::clean(v).into_owned(),
        None => tr(lang, Msg::ValueMissing).to_owned(),
    }
}

/// Server text made safe, or `None` when absent or blank.
pub fn opt(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| crate::sanitize::clean(v).into_owned())
}

/// A date or instant in Brazilian form, sanitized (raw dates are server text).
pub fn date(lang: Lang, d: Option<&ApiDate>) -> String {
    match d {
        Some(d) => crate::sanitize::clean(&d.to_br()).into_owned(),
        None => tr(lang, Msg::ValueMissing).to_owned(),
    }
}

/// A catalog text with its first letter in upper case, for labels built
/// from lower-case messages ("linha digitável" → "Linha digitável").
pub fn cap(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `R$ 1.234,56`, or "—".
pub fn money(lang: Lang, v: Option<Decimal>) -> String {
    match v {
        Some(v) => crate::br::money::format_brl(v),
        None => tr(lang, Msg::ValueMissing).to_owned(),
    }
}

/// A CPF/CNPJ formatted, or masked in privacy mode.
pub fn document(app: &App, raw: Option<&str>) -> String {
    match opt(raw) {
        Some(d) if app.settings.privacy => crate::mask::document(&d),
        Some(d) => crate::br::doc::display(&d).into_owned(),
        None => tr(app.lang(), Msg::ValueMissing).to_owned(),
    }
}

/// A phone formatted, or masked in privacy mode.
pub fn phone(app: &App, raw: &str) -> String {
    let clean = crate::sanitize::clean(raw);
    if app.settings.privacy {
        crate::mask::phone(&clean)
    } else {
        crate::br::phone::display(&clean).into_owned()
    }
}

/// An e-mail, masked in privacy mode.
pub fn email(app: &App, raw: &str) -> String {
    let clean = crate::sanitize::clean(raw);
    if app.settings.privacy {
        crate::mask::email(&clean)
    } else {
        clean.into_owned()
    }
}

/// How a service status reads: its role and how bad it is (higher is
/// worse, for "the worst status" of a search row).
pub fn service_status(service: &CustomerService) -> (Role, u8) {
    let key = service
        .status_prefixo
        .as_deref()
        .or(service.status.as_deref())
        .unwrap_or("")
        .to_lowercase();
    if key.contains("suspenso") || key.contains("bloque") {
        (Role::Danger, 4)
    } else if key.contains("cancel") {
        (Role::Muted, 1)
    } else if key.contains("habilitado") || key.contains("ativo") {
        (Role::Ok, 2)
    } else {
        // Awaiting installation, trust unlock, migration...: look at it.
        (Role::Warning, 3)
    }
}

/// The status text of a service, sanitized.
pub fn service_status_text(lang: Lang, service: &CustomerService) -> String {
    txt(
        lang,
        service
            .status
            .as_deref()
            .or(service.status_prefixo.as_deref()),
    )
}

/// Widths for columns: fixed ones as given, the `flex` one takes what is
/// left (at least `min_flex`), with one space between columns.
pub fn columns(total: u16, fixed: &[usize], flex: usize, min_flex: usize) -> Vec<usize> {
    let gaps = fixed.len().saturating_sub(1);
    let used: usize = fixed
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != flex)
        .map(|(_, w)| *w)
        .sum::<usize>()
        + gaps;
    let mut out = fixed.to_vec();
    if let Some(w) = out.get_mut(flex) {
        *w = (total as usize).saturating_sub(used).max(min_flex);
    }
    out
}

/// One table row: each cell fitted (truncated with an ellipsis, padded)
/// to its width; `right` cells are right-aligned.
pub fn row<'a>(cells: Vec<(String, Style)>, widths: &[usize], right: &[usize]) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, ((text, style), w)) in cells.into_iter().zip(widths).enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let fitted = if right.contains(&i) {
            fit_right(&text, *w)
        } else {
            fit(&text, *w)
        };
        spans.push(Span::styled(fitted, style));
    }
    Line::from(spans)
}

/// A `label: value` line, the label muted.
pub fn kv<'a>(theme: &Theme, label: &str, value: String, role: Role) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.style(Role::Muted)),
        Span::styled(value, theme.style(role)),
    ])
}

/// Draws `lines` one per row into `area` (no wrapping; what does not fit
/// is cut, each line with an ellipsis at the right edge).
pub fn lines(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    for (i, line) in lines.iter().enumerate().take(area.height as usize) {
        let rect = Rect {
            y: area.y + i as u16,
            height: 1,
            ..area
        };
        let line = ellipsize(line, area.width as usize);
        line.render(rect, buf);
    }
}

/// Like [`lines`], starting at line `scroll` (clamped so the last line
/// stays at the bottom); a `…` in the last row says more text follows.
pub fn scrolled_lines(buf: &mut Buffer, area: Rect, all: &[Line<'_>], scroll: u16, theme: &Theme) {
    let h = area.height as usize;
    let first = (scroll as usize).min(all.len().saturating_sub(h));
    let shown: Vec<Line> = all.iter().skip(first).take(h).cloned().collect();
    lines(buf, area, &shown);
    if first + h < all.len() && h > 0 {
        let y = area.y + area.height - 1;
        let x = area.x + area.width.saturating_sub(1);
        buf[(x, y)]
            .set_symbol("↓")
            .set_style(theme.style(Role::Accent));
    }
}

/// A line cut to `max` columns with an ellipsis, keeping span styles.
pub fn ellipsize<'a>(line: &Line<'a>, max: usize) -> Line<'a> {
    if line.width() <= max {
        return line.clone();
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        let w = width(&span.content);
        if used + w < max {
            out.push(span.clone());
            used += w;
            continue;
        }
        let room = max - used;
        let cut = crate::text::truncate(&span.content, room).into_owned();
        let cut = if cut.ends_with(crate::text::ELLIPSIS) {
            cut
        } else {
            let mut c = crate::text::truncate(&cut, room.saturating_sub(1)).into_owned();
            c.push(crate::text::ELLIPSIS);
            c
        };
        out.push(Span::styled(cut, span.style));
        break;
    }
    Line::from(out).style(line.style)
}

/// Highlights row `y` of `area` as selected.
pub fn select(buf: &mut Buffer, area: Rect, y: u16, theme: &Theme) {
    if y < area.y + area.height {
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..area
            },
            theme.style(Role::Selection),
        );
    }
}

/// The first row to show so that `selected` stays visible in `height` rows.
pub fn scroll_for(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// Splits text into lines of at most `w` columns at word boundaries
/// (long words are cut), for descriptions.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut cur = String::new();
        for word in para.split_whitespace() {
            let need = if cur.is_empty() {
                width(word)
            } else {
                width(&cur) + 1 + width(word)
            };
            if need > w && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            while width(&cur) > w {
                let head = crate::text::truncate(&cur, w).into_owned();
                let head = head.trim_end_matches(crate::text::ELLIPSIS).to_owned();
                let rest = cur[head.len()..].to_owned();
                if head.is_empty() {
                    break;
                }
                out.push(head);
                cur = rest;
            }
        }
        out.push(cur);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}
