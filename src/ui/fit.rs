//! Fitting text into cells by display width.
//!
//! Customer names, addresses and plan names come with accents, and now and
//! then with wide (CJK, emoji) characters; counting `char`s or bytes would
//! cut them in the wrong place or overflow a column. These helpers measure
//! with `unicode-width`, the same measure ratatui uses for cells.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis appended to truncated text.
pub const ELLIPSIS: &str = "…";

/// Display width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` cells, ending with `…` when it had to be cut.
/// Never splits a wide character: if the last one does not fit, the
/// result is one cell narrower. Borrows when nothing is cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1; // one cell for the ellipsis
    let mut used = 0;
    let mut out = String::with_capacity(s.len().min(max * 4));
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ELLIPSIS);
    Cow::Owned(out)
}

/// `s` truncated to `width` cells, then padded with spaces to exactly
/// `width` cells (for fixed columns).
pub fn fit(s: &str, cells: usize) -> String {
    let cut = truncate(s, cells);
    let pad = cells.saturating_sub(width(&cut));
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_borrowed_unchanged() {
        assert!(matches!(truncate("João", 4), Cow::Borrowed("João")));
    }

    #[test]
    fn cuts_by_cells_not_bytes() {
        assert_eq!(truncate("Conceição Araújo", 10), "Conceição…");
        assert_eq!(width(&truncate("Conceição Araújo", 10)), 10);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("abcd", 3), "ab…");
    }

    #[test]
    fn never_splits_a_wide_character() {
        // Each ideograph is two cells: 5 cells fit two of them and the ellipsis.
        let cut = truncate("東京都渋谷区", 6);
        assert_eq!(cut, "東京…");
        assert_eq!(width(&cut), 5);
    }

    #[test]
    fn fit_pads_to_exact_width() {
        assert_eq!(fit("ok", 4), "ok  ");
        assert_eq!(fit("東京都", 5), "東京…");
        assert_eq!(width(&fit("東京都", 4)), 4);
        assert_eq!(fit("東京都", 4), "東… ");
    }
}
