//! Display-width helpers: truncate and pad by terminal columns, not bytes
//! or chars, so accented, wide (CJK) and emoji text stays aligned.
//!
//! Widths are measured per grapheme cluster with `unicode-width`, the way
//! ratatui's buffer lays text out, so a column computed here is the column
//! ratatui draws. Text should go through [`crate::sanitize`] first: control
//! characters have no meaningful width.

#![warn(missing_docs)]

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis that marks truncated text (one column).
pub const ELLIPSIS: char = '…';

/// The base letter of an accented Latin letter, lower-cased (`'Ã'` gives
/// `'a'`, `'ç'` gives `'c'`); `None` for any other character.
pub fn unaccent(c: char) -> Option<char> {
    Some(match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ª' => {
            'a'
        }
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' | 'º' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    })
}

/// `s` for matching what an attendant types against server text: lower
/// case and without accents, so `sao jose` finds `São José`. The one
/// folding rule of the console's filters, the palette, the CLI's filters
/// and the type-ahead index.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match unaccent(c) {
            Some(base) => out.push(base),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Terminal columns `s` occupies.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` cut to at most `max` columns, ending in `…` when cut. A wide
/// character that would straddle the limit is dropped whole, so the result
/// may be one column narrower than `max`; [`fit`] pads it back.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if used + w > budget {
            break;
        }
        used += w;
        end = i + g.len();
    }
    let mut out = String::with_capacity(end + ELLIPSIS.len_utf8());
    out.push_str(s[..end].trim_end());
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// `s` followed by spaces up to `columns` (left-aligned). Text already at
/// least that wide is returned unchanged.
pub fn pad_right(s: &str, columns: usize) -> Cow<'_, str> {
    let w = width(s);
    if w >= columns {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + columns - w);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', columns - w));
    Cow::Owned(out)
}

/// Spaces then `s` up to `columns` (right-aligned, for amounts and counts).
pub fn pad_left(s: &str, columns: usize) -> Cow<'_, str> {
    let w = width(s);
    if w >= columns {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + columns - w);
    out.extend(std::iter::repeat_n(' ', columns - w));
    out.push_str(s);
    Cow::Owned(out)
}

/// `s` truncated and padded to exactly `columns` columns, left-aligned: one
/// cell of a table column.
pub fn fit(s: &str, columns: usize) -> String {
    pad_right(&truncate(s, columns), columns).into_owned()
}

/// `s` truncated and padded to exactly `columns` columns, right-aligned.
pub fn fit_right(s: &str, columns: usize) -> String {
    pad_left(&truncate(s, columns), columns).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("São João D'ÁGUA"), "sao joao d'agua");
        assert_eq!(fold("Conceição ÑANDU"), "conceicao nandu");
        assert_eq!(fold("日本 Ωmega"), "日本 ωmega");
    }
    use proptest::prelude::*;

    #[test]
    fn widths() {
        assert_eq!(width(""), 0);
        assert_eq!(width("João"), 4);
        // Decomposed "ã" (a + combining tilde) is one column too.
        assert_eq!(width("Joa\u{303}o"), 4);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("🎉"), 2);
        // Emoji presentation selector widens the heart, as ratatui counts it.
        assert_eq!(width("❤\u{FE0F}"), 2);
        assert_eq!(width("👩\u{200D}💻"), 2);
    }

    #[test]
    fn truncate_table() {
        let cases = [
            ("João da Silva", 20, "João da Silva"),
            ("João da Silva", 13, "João da Silva"),
            ("João da Silva", 12, "João da Sil…"),
            // A trailing space before the ellipsis is dropped.
            ("João da Silva", 9, "João da…"),
            ("Joa\u{303}o Souza", 4, "Joa\u{303}…"),
            ("日本語テキスト", 5, "日本…"),
            ("日本語テキスト", 6, "日本…"),
            ("日本語テキスト", 7, "日本語…"),
            ("a🎉b", 2, "a…"),
            ("abc", 0, ""),
            ("abc", 1, "…"),
        ];
        for (s, max, want) in cases {
            assert_eq!(truncate(s, max), want, "{s:?} at {max}");
        }
        assert_eq!(truncate("a🎉bc", 3), "a…");
        assert_eq!(truncate("a🎉bc", 4), "a🎉…");
        assert!(matches!(truncate("curto", 10), Cow::Borrowed(_)));
    }

    #[test]
    fn pads_and_fits() {
        assert_eq!(pad_right("Ação", 6), "Ação  ");
        assert_eq!(pad_left("R$ 1,00", 9), "  R$ 1,00");
        assert_eq!(pad_right("日本", 5), "日本 ");
        assert!(matches!(pad_right("longo", 3), Cow::Borrowed("longo")));
        assert_eq!(fit("日本語テキスト", 6), "日本… ");
        assert_eq!(fit("Conceição", 12), "Conceição   ");
        assert_eq!(fit_right("R$ 1.234,56", 8), "R$ 1.23…");
        assert_eq!(fit_right("12", 4), "  12");
        // Columns line up whatever the script.
        let rows = ["Conceição", "日本語の名前です", "🎉 festa", "Ana"];
        for r in rows {
            assert_eq!(width(&fit(r, 7)), 7, "{r:?}");
        }
    }

    /// Text without controls, mixing ASCII, accents, combining marks, CJK
    /// and emoji.
    fn mixed() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z ]{0,4}",
            "[áéíóúãõçÁÉÇ]{0,3}",
            Just("e\u{301}".to_string()),
            "[日本語中文한국]{0,3}",
            Just("🎉".to_string()),
            Just("❤\u{FE0F}".to_string()),
            Just("👩\u{200D}💻".to_string()),
            "\\PC{0,3}",
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn truncate_stays_within_width_and_is_a_prefix(s in mixed(), max in 0usize..20) {
            let t = truncate(&s, max);
            prop_assert!(width(&t) <= max, "{:?} -> {:?}", s, t);
            let body = t.strip_suffix(ELLIPSIS).unwrap_or(&t);
            prop_assert!(s.starts_with(body));
            if width(&s) <= max {
                prop_assert_eq!(t.as_ref(), s.as_str());
            }
        }

        #[test]
        fn fit_is_exactly_the_width(s in mixed(), cols in 0usize..20) {
            prop_assert_eq!(width(&fit(&s, cols)), cols);
            prop_assert_eq!(width(&fit_right(&s, cols)), cols);
        }
    }
}
