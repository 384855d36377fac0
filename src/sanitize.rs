//! Makes untrusted server text safe to draw.
//!
//! Names, addresses, ticket texts and error bodies come from the ISP's
//! database and from whatever proxy sits in front of it. A raw escape
//! sequence in a customer's name could move the cursor, clear the screen,
//! set the window title, or (through OSC 52) write the attendant's
//! clipboard. Everything that is not printable is therefore removed or
//! replaced by a visible placeholder, so tampering shows instead of acting:
//!
//! - whole escape sequences (`ESC [ … final`, OSC/DCS/APC/PM/SOS strings up
//!   to BEL or ST, two-character and `nF` escapes, and their 8-bit C1 forms)
//!   become one `␛`;
//! - other C0 controls become their Control Pictures symbol (`␀`…`␟`), DEL
//!   becomes `␡`, other C1 controls and bidi overrides/isolates become `�`;
//! - tab becomes a space; line breaks (`\n`, `\r\n`, lone `\r`, U+2028,
//!   U+2029) become a space in [`clean_line`] and `\n` in
//!   [`clean_multiline`].
//!
//! Zero-width joiners are left alone: emoji sequences need them and they
//! cannot move the cursor.

#![warn(missing_docs)]

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// Placeholder for a removed escape sequence.
const ESC_MARK: char = '\u{241B}';
/// Placeholder for C1 controls and bidi controls.
const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` must never reach the terminal: C0 controls (tab and newline
/// included), DEL, C1 controls, bidi embeddings/overrides/isolates, and the
/// Unicode line and paragraph separators.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

/// [`clean_line`]: the safe default for a table cell or a title.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_line(s)
}

/// Cleans text for a single-line context: line breaks become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean_with(s, false)
}

/// Cleans text for a multi-line context (ticket descriptions): line breaks
/// are kept as `\n`, everything else as in [`clean_line`].
pub fn clean_multiline(s: &str) -> Cow<'_, str> {
    clean_with(s, true)
}

fn clean_with(s: &str, multiline: bool) -> Cow<'_, str> {
    // Fast path: most text has nothing to change, and is drawn every frame.
    if !s
        .chars()
        .any(|c| is_forbidden(c) && !(multiline && c == '\n'))
    {
        return Cow::Borrowed(s);
    }
    let newline = if multiline { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\t' => out.push(' '),
            '\n' | '\u{2028}' | '\u{2029}' => out.push(newline),
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                out.push(newline);
            }
            '\u{1B}' => {
                skip_escape(&mut it);
                out.push(ESC_MARK);
            }
            '\u{9B}' => {
                skip_csi_body(&mut it);
                out.push(ESC_MARK);
            }
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                skip_string_body(&mut it);
                out.push(ESC_MARK);
            }
            '\u{0}'..='\u{1F}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT));
            }
            '\u{7F}' => out.push('\u{2421}'),
            c if is_forbidden(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Consumes what follows an ESC, as a terminal would interpret it.
fn skip_escape(it: &mut Peekable<Chars<'_>>) {
    match it.peek().copied() {
        Some('[') => {
            it.next();
            skip_csi_body(it);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            it.next();
            skip_string_body(it);
        }
        // nF escapes: intermediates, then one final byte (`ESC ( B`).
        Some('\u{20}'..='\u{2F}') => {
            while it.next_if(|c| ('\u{20}'..='\u{2F}').contains(c)).is_some() {}
            it.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
        // Two-character escapes: `ESC c` (reset), `ESC 7`, `ESC M`, …
        Some('\u{30}'..='\u{7E}') => {
            it.next();
        }
        // A lone ESC: only the ESC itself goes.
        _ => {}
    }
}

/// Consumes CSI parameters and intermediates, then the final byte if it is
/// one; a malformed sequence ends at the first other character, which is
/// then cleaned on its own.
fn skip_csi_body(it: &mut Peekable<Chars<'_>>) {
    while it.next_if(|c| ('\u{20}'..='\u{3F}').contains(c)).is_some() {}
    it.next_if(|c| ('\u{40}'..='\u{7E}').contains(c));
}

/// Consumes a control string (OSC, DCS, SOS, PM, APC) up to and including
/// its terminator: BEL, `ESC \` or 8-bit ST. Another ESC ends the string
/// without being consumed, as in xterm. An unterminated string runs to the
/// end of the text, as a terminal would swallow it too.
fn skip_string_body(it: &mut Peekable<Chars<'_>>) {
    while let Some(&c) = it.peek() {
        match c {
            '\u{7}' | '\u{9C}' => {
                it.next();
                return;
            }
            '\u{1B}' => {
                let mut ahead = it.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    it.next();
                    it.next();
                }
                return;
            }
            _ => {
                it.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_borrowed() {
        for s in [
            "",
            "João da Silva",
            "Rua 7 de Setembro, 120",
            "日本語 🎉",
            "a\u{200D}b",
        ] {
            assert!(matches!(clean_line(s), Cow::Borrowed(_)), "{s:?}");
        }
        assert!(matches!(
            clean_multiline("linha 1\nlinha 2"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn line_table() {
        let cases = [
            ("a\tb", "a b"),
            ("a\nb", "a b"),
            ("a\r\nb", "a b"),
            ("a\rb", "a b"),
            ("a\u{2028}b", "a b"),
            ("nul\0x", "nul\u{2400}x"),
            ("bell\u{7}", "bell\u{2407}"),
            ("back\u{8}space", "back\u{2408}space"),
            ("del\u{7F}", "del\u{2421}"),
            ("c1\u{85}", "c1\u{FFFD}"),
            // Colour, cursor movement, screen clearing: whole sequences go.
            ("\u{1B}[31mRED\u{1B}[0m", "␛RED␛"),
            ("x\u{1B}[2J\u{1B}[H", "x␛␛"),
            ("\u{1B}[?1049h", "␛"),
            ("\u{1B}[38;2;255;0;0mX", "␛X"),
            // Window title and clipboard via OSC, BEL or ST terminated.
            ("\u{1B}]0;pwned\u{7}João", "␛João"),
            ("\u{1B}]52;c;ZXZpbA==\u{1B}\\ok", "␛ok"),
            ("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "␛link␛"),
            // DCS / APC / PM / SOS strings.
            ("\u{1B}Pq#0;2;0;0;0\u{1B}\\x", "␛x"),
            ("\u{1B}_apc\u{1B}\\x", "␛x"),
            ("\u{1B}^pm\u{7}x", "␛x"),
            ("\u{1B}Xsos\u{9C}x", "␛x"),
            // Unterminated string: swallowed to the end, like a terminal.
            ("a\u{1B}]0;title", "a␛"),
            // A string cut by another escape.
            ("\u{1B}]0;t\u{1B}[1mB", "␛␛B"),
            // Two-character and nF escapes.
            ("\u{1B}cReset", "␛Reset"),
            ("\u{1B}7a\u{1B}8", "␛a␛"),
            ("\u{1B}(Bx", "␛x"),
            ("\u{1B}#8x", "␛x"),
            // Lone or trailing ESC.
            ("x\u{1B}", "x␛"),
            ("\u{1B}\u{1B}[1m", "␛␛"),
            ("\u{1B}é", "␛é"),
            // Malformed CSI ends at the offending character.
            ("\u{1B}[12\nb", "␛ b"),
            ("\u{1B}[12é", "␛é"),
            // 8-bit C1 forms.
            ("\u{9B}31mX", "␛X"),
            ("\u{9D}0;t\u{7}X", "␛X"),
            ("\u{90}q\u{9C}X", "␛X"),
            // Bidi overrides and isolates.
            ("abc\u{202E}fdp.exe", "abc\u{FFFD}fdp.exe"),
            ("\u{2066}x\u{2069}", "\u{FFFD}x\u{FFFD}"),
        ];
        for (input, want) in cases {
            assert_eq!(clean_line(input), want, "{input:?}");
            assert_eq!(clean(input), want, "{input:?}");
        }
    }

    #[test]
    fn multiline_keeps_and_normalises_line_breaks() {
        assert_eq!(clean_multiline("a\r\nb\rc\u{2029}d\te"), "a\nb\nc\nd e");
        assert_eq!(clean_multiline("x\u{1B}[2Jy\n"), "x␛y\n");
    }

    fn nasty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "\\PC{0,4}",
            Just("\u{1B}".to_string()),
            Just("\u{1B}[".to_string()),
            Just("\u{1B}]".to_string()),
            Just("\u{1B}\\".to_string()),
            Just("\u{7}".to_string()),
            Just("\r\n".to_string()),
            "[\u{0}-\u{1F}\u{7F}-\u{9F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{2028}\u{2029}]",
            "[\u{20}-\u{7E}]{0,3}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn output_has_no_forbidden_chars(s in nasty()) {
            let line = clean_line(&s);
            prop_assert!(!line.chars().any(is_forbidden), "{:?} -> {:?}", s, line);
            let multi = clean_multiline(&s);
            prop_assert!(!multi.chars().any(|c| is_forbidden(c) && c != '\n'), "{:?} -> {:?}", s, multi);
        }

        #[test]
        fn arbitrary_chars_are_cleaned(s in any::<String>()) {
            prop_assert!(!clean_line(&s).chars().any(is_forbidden));
        }

        #[test]
        fn cleaning_is_idempotent(s in nasty()) {
            let once = clean_multiline(&s).into_owned();
            prop_assert_eq!(clean_multiline(&once), once.as_str());
            prop_assert!(matches!(clean_multiline(&once), Cow::Borrowed(_)));
        }

        #[test]
        fn printable_text_is_untouched(s in "[^\u{0}-\u{1F}\u{7F}-\u{9F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{2028}\u{2029}]{0,40}") {
            prop_assert!(matches!(clean_line(&s), Cow::Borrowed(x) if x == s));
        }
    }
}
