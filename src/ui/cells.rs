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
use crate::theme::{Role, Theme};

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

/// One column of a table for [`fit_columns`]: the width it cannot go
/// below, the width its widest cell (or header) needs, and its priority
/// (0 first) for the room between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    /// Narrowest useful width.
    pub min: usize,
    /// Width of its widest cell or header.
    pub want: usize,
    /// Lower numbers get room first (and give it up last).
    pub priority: u8,
    /// Takes the room left once every column has what it wants.
    pub fill: bool,
    /// The most it asks for by content at its priority ([`sized`]): one
    /// long company name must not take the room of every other column.
    /// Room nobody else wants still goes to it, up to `full`.
    pub cap: usize,
    /// Its content's whole width, beyond the cap.
    pub full: usize,
}

impl Col {
    /// A column wanting `want` cells, never below `min`.
    pub const fn new(min: usize, want: usize, priority: u8) -> Col {
        Col {
            min,
            want: if want > min { want } else { min },
            priority,
            fill: false,
            cap: usize::MAX,
            full: if want > min { want } else { min },
        }
    }

    /// Caps what the column asks for by content at `cap` cells.
    pub const fn cap(mut self, cap: usize) -> Col {
        self.cap = cap;
        self
    }

    /// A column wanting the width of its header and its widest cell.
    pub fn content<'a>(
        header: &str,
        cells: impl IntoIterator<Item = &'a str>,
        min: usize,
        priority: u8,
    ) -> Col {
        let want = cells
            .into_iter()
            .map(width)
            .chain(std::iter::once(width(header)))
            .max()
            .unwrap_or(0);
        Col::new(min, want, priority)
    }

    /// This column also takes the room nobody wants (a description).
    pub fn fill(mut self) -> Col {
        self.fill = true;
        self
    }
}

/// Widths for a table of `rows` (cells as drawn by [`row`]) under
/// `headers`: each column of `spec` (its minimum, priority and fill) wants
/// the width of its widest cell or header; see [`fit_columns`].
pub fn sized(
    total: u16,
    headers: &[&str],
    rows: &[Vec<(String, Style)>],
    spec: &[Col],
) -> Vec<usize> {
    let cols: Vec<Col> = spec
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content = Col::content(
                headers.get(i).copied().unwrap_or(""),
                rows.iter()
                    .filter_map(|r| r.get(i).map(|(t, _)| t.as_str())),
                c.min,
                c.priority,
            );
            Col {
                want: content.want.min(c.cap).max(c.want).max(c.min),
                full: content.want.max(c.want).max(c.min),
                ..*c
            }
        })
        .collect();
    fit_columns(total, &cols)
}

/// A table sized by its content ([`sized`]): the header row (in
/// `header_style`) and one line per row of `cells`, the `right` columns
/// right-aligned.
pub fn table<'a>(
    total: u16,
    headers: &[&str],
    header_style: Style,
    cells: Vec<Vec<(String, Style)>>,
    spec: &[Col],
    right: &[usize],
) -> (Line<'a>, Vec<Line<'a>>) {
    let widths = sized(total, headers, &cells, spec);
    let header = row(
        headers
            .iter()
            .map(|h| ((*h).to_owned(), header_style))
            .collect(),
        &widths,
        right,
    );
    let rows = cells.into_iter().map(|r| row(r, &widths, right)).collect();
    (header, rows)
}

/// Widths for `cols` in `total` cells, one space between columns.
///
/// Every column starts at its minimum; the room left goes by priority
/// (then left to right) to the columns whose content would be cut, up to
/// what they want; what is still left goes to the `fill` column, if any,
/// else stays blank at the right end. Below the sum of the minimums the
/// lowest priority columns shrink first (to one cell).
pub fn fit_columns(total: u16, cols: &[Col]) -> Vec<usize> {
    let avail = (total as usize).saturating_sub(cols.len().saturating_sub(1));
    let mut w: Vec<usize> = cols.iter().map(|c| c.min).collect();
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by_key(|&i| cols[i].priority);
    let used: usize = w.iter().sum();
    if used > avail {
        let mut over = used - avail;
        for &i in order.iter().rev() {
            let give = over.min(w[i].saturating_sub(1));
            w[i] -= give;
            over -= give;
        }
        return w;
    }
    let mut extra = avail - used;
    for &i in &order {
        let add = extra.min(cols[i].want.saturating_sub(w[i]));
        w[i] += add;
        extra -= add;
    }
    if let Some(i) = cols.iter().position(|c| c.fill) {
        w[i] += extra;
        return w;
    }
    // Room nobody wants: to the capped columns, up to their whole content.
    for &i in &order {
        let add = extra.min(cols[i].full.saturating_sub(w[i]));
        w[i] += add;
        extra -= add;
    }
    w
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

/// What a scrolled text left out: lines below the last row shown, lines
/// above the first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// More follows below.
    pub below: bool,
    /// The text is scrolled: lines are hidden above.
    pub above: bool,
}

/// Like [`lines`], from `scroll`'s offset (clamped so the last line stays
/// at the bottom; the largest useful offset is reported back to it).
/// Without `scroll` (a pane without focus) the text starts at its top.
pub fn scrolled_lines(
    buf: &mut Buffer,
    area: Rect,
    all: &[Line<'_>],
    scroll: Option<&crate::app::scroll::Scroll>,
) -> Hidden {
    let h = area.height as usize;
    let max = all.len().saturating_sub(h);
    if let Some(s) = scroll {
        s.set_limit(max.min(u16::MAX as usize) as u16);
    }
    let first = scroll.map_or(0, |s| s.offset() as usize).min(max);
    let shown: Vec<Line> = all.iter().skip(first).take(h).cloned().collect();
    lines(buf, area, &shown);
    Hidden {
        below: first + h < all.len(),
        above: first > 0,
    }
}

/// When a list of `total` rows shows only `visible` from `first`, writes
/// where it is ("1-8/50 ↓", the arrow while more follows) at the right
/// end of `row` (one row: a pane's top border, or a header row). Over a
/// header row it only writes into blank cells, never over a column title.
pub fn list_position(
    buf: &mut Buffer,
    row: Rect,
    first: usize,
    visible: usize,
    total: usize,
    theme: &Theme,
) {
    if total <= visible || row.height == 0 || visible == 0 {
        return;
    }
    let last = (first + visible).min(total);
    let more = if last < total { " ↓" } else { "" };
    let text = format!(" {}-{last}/{total}{more} ", first + 1);
    let w = width(&text) as u16;
    if w > row.width {
        return;
    }
    let x = row.x + row.width - w;
    let is_border = |s: &str| s.chars().all(|c| ('─'..='╿').contains(&c));
    let free = (x..row.x + row.width).all(|cx| {
        let sym = buf[(cx, row.y)].symbol();
        sym.trim().is_empty() || is_border(sym)
    });
    if free {
        Line::styled(text, theme.style(Role::Accent)).render(
            Rect {
                x,
                width: w,
                height: 1,
                ..row
            },
            buf,
        );
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

/// Wraps a styled line into rows of at most `width` cells at spaces,
/// keeping each word's style; rows after the first start with `indent`
/// blanks (a hanging indent). A word longer than a row is cut across
/// rows. Spans that touch without a space stay together on a row when
/// they fit.
pub fn wrap_line(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    wrap_line_first(line, width, width, indent)
}

/// [`wrap_line`] with a first row of `first` cells (beside something
/// else, like the status line's badges) and the others of `width`. Blanks
/// that start the line are kept on the first row.
pub fn wrap_line_first(
    line: &Line<'_>,
    first: usize,
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let width = width.max(indent + 1);
    let lead: String = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .take_while(|c| *c == ' ')
        .collect();
    // (text, style, preceded by a space)
    let mut tokens: Vec<(String, Style, bool)> = Vec::new();
    let mut space = false;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for (i, part) in span.content.split(' ').enumerate() {
            if i > 0 {
                space = true;
            }
            if part.is_empty() {
                continue;
            }
            tokens.push((part.to_owned(), style, space));
            space = false;
        }
    }
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = width_of(&lead);
    let mut start = used;
    if !lead.is_empty() {
        spans.push(Span::styled(lead, line.style.patch(line.spans[0].style)));
    }
    let flush = |spans: &mut Vec<Span<'static>>, rows: &mut Vec<Line<'static>>| {
        rows.push(Line::from(std::mem::take(spans)));
    };
    for (word, style, before) in tokens {
        let width = if rows.is_empty() {
            first.max(start + 1)
        } else {
            width
        };
        let w = width_of(&word);
        let gap = usize::from(before && used > start);
        if used + gap + w > width && used > start {
            flush(&mut spans, &mut rows);
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
            start = indent;
        } else if gap == 1 {
            spans.push(Span::styled(" ", style));
            used += 1;
        }
        // A word longer than the row: cut it.
        let mut rest = word.as_str();
        loop {
            let width = if rows.is_empty() {
                first.max(start + 1)
            } else {
                width
            };
            if used + width_of(rest) <= width {
                break;
            }
            let room = width.saturating_sub(used);
            let head = take_width(rest, room);
            if head.is_empty() {
                break;
            }
            spans.push(Span::styled(head.to_owned(), style));
            rest = &rest[head.len()..];
            flush(&mut spans, &mut rows);
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
            start = indent;
        }
        if !rest.is_empty() {
            used += width_of(rest);
            spans.push(Span::styled(rest.to_owned(), style));
        }
    }
    if !spans.is_empty() || rows.is_empty() {
        flush(&mut spans, &mut rows);
    }
    rows
}

fn width_of(s: &str) -> usize {
    width(s)
}

/// The longest prefix of `s` at most `w` cells wide (whole characters).
fn take_width(s: &str, w: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w {
            return &s[..i];
        }
        used += cw;
    }
    s
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: columns sized by what they hold. Extra room goes, by
    /// priority, to the columns that would be cut; what is left stays at
    /// the right end instead of padding one column with blanks.
    #[test]
    fn columns_fit_their_content_by_priority() {
        // Due, value, state, type: "Boleto bancário" (15) is whole and
        // "Situação" is not padded to the edge.
        let cols = [
            Col::new(10, 10, 0),
            Col::new(9, 9, 0),
            Col::new(8, 22, 1),
            Col::new(6, 20, 2),
        ];
        let w = fit_columns(76, &cols);
        assert_eq!(w, vec![10, 9, 22, 20]);
        assert!(w.iter().sum::<usize>() + 3 < 76, "room left at the right");
        // Tight: the higher priority keeps its content, the last one shrinks.
        let w = fit_columns(60, &cols);
        assert_eq!(w, vec![10, 9, 22, 16]);
        let w = fit_columns(50, &cols);
        assert_eq!(w, vec![10, 9, 22, 6]);
        let w = fit_columns(45, &cols);
        assert_eq!(w, vec![10, 9, 17, 6]);
        // Below the minimums the lowest priority gives way first.
        let w = fit_columns(30, &cols);
        assert_eq!(w.iter().sum::<usize>() + 3, 30);
        assert_eq!(&w[..2], &[10, 9]);
        // A `fill` column takes what is left (a description).
        let cols = [Col::new(8, 8, 0), Col::new(10, 12, 1).fill()];
        assert_eq!(fit_columns(40, &cols), vec![8, 31]);
    }

    #[test]
    fn a_capped_column_leaves_room_to_the_others() {
        let rows = vec![vec![
            (
                "PADARIA E CONFEITARIA PAO DE MEL LTDA ME".to_owned(),
                Style::new(),
            ),
            ("Santo Antônio do Monte".to_owned(), Style::new()),
        ]];
        let spec = [Col::new(12, 0, 0).cap(20), Col::new(8, 0, 1)];
        assert_eq!(sized(50, &["Nome", "Cidade"], &rows, &spec), vec![27, 22]);
        // With room to spare the capped column still shows all of itself.
        assert_eq!(sized(80, &["Nome", "Cidade"], &rows, &spec), vec![40, 22]);
        let spec = [Col::new(12, 0, 0), Col::new(8, 0, 1)];
        assert_eq!(sized(50, &["Nome", "Cidade"], &rows, &spec), vec![40, 9]);
    }

    #[test]
    fn wrap_line_keeps_styles_and_indents_continuation_rows() {
        use ratatui::style::Color;
        let red = Style::new().fg(Color::Red);
        let line = Line::from(vec![
            Span::styled("12:00:01 ", Style::new()),
            Span::styled("Recusado pelo servidor: o desbloqueio só vale para", red),
            Span::styled(" débito", red),
        ]);
        let rows = wrap_line(&line, 30, 9);
        let text: Vec<String> = rows.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "12:00:01 Recusado pelo",
                "         servidor: o",
                "         desbloqueio só vale",
                "         para débito",
            ]
        );
        assert!(rows.iter().all(|r| r.width() <= 30));
        // Every word keeps its span's style.
        let styled: Vec<&Span> = rows[3]
            .spans
            .iter()
            .filter(|s| s.content == "débito")
            .collect();
        assert_eq!(styled[0].style, red);
        // A word longer than a row is cut, never lost.
        let long = Line::raw("00020101021226860014br.gov.bcb.pix");
        let rows = wrap_line(&long, 12, 2);
        let joined: String = rows
            .iter()
            .map(|r| r.to_string().trim_start().to_owned())
            .collect();
        assert_eq!(joined, "00020101021226860014br.gov.bcb.pix");
        assert!(rows.iter().all(|r| r.width() <= 12));
        assert_eq!(wrap_line(&Line::raw(""), 10, 0).len(), 1);
    }

    #[test]
    fn a_column_wants_its_widest_cell_or_header() {
        let c = Col::content("Tipo", ["Boleto bancário", "PIX"], 6, 2);
        assert_eq!(c, Col::new(6, 15, 2));
        let c = Col::content("Situação", std::iter::empty::<&str>(), 4, 1);
        assert_eq!(c, Col::new(4, 8, 1));
    }
}
