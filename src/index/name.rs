//! The name as shown, kept as a patch over the folded words instead of a
//! second copy of its text.
//!
//! Folding ([`super::fold_into`]) keeps one byte per character, so a name
//! whose folded form is in the customer's words is rebuilt from there: its
//! case (all upper, all lower, or one bit per character) and the
//! characters folding changed (accents, anything not ASCII), each with its
//! place. "JOSÉ DA CONCEIÇÃO" (20 bytes) costs 13: where its folded form
//! starts in the words, how long it is, "upper case", and É, Ç, Ã with
//! their places. A name that cannot be rebuilt, or would not be smaller,
//! is kept as it is.

use std::borrow::Cow;

/// The text as it is (UTF-8).
const VERBATIM: u8 = 0;
/// Rebuilt from the words in upper case.
const UPPER: u8 = 1;
/// Rebuilt from the words as they are (lower case).
const LOWER: u8 = 2;
/// Rebuilt from the words, one bit per character saying upper case.
const MASK: u8 = 3;

/// Appends `shown`, encoded against `words`, to `out`.
///
/// Layout: a form byte; [`VERBATIM`]: the text follows. Else: where its
/// folded form starts in the words (`u16`, little end first), how many
/// characters (`u8`), for [`MASK`] the case bits, then the exceptions:
/// each the character's place (`u8`) and the character (UTF-8).
pub(super) fn encode(shown: &str, words: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    if patch(shown, words, out).is_some() && out.len() - start <= shown.len() {
        return;
    }
    out.truncate(start);
    out.push(VERBATIM);
    out.extend_from_slice(shown.as_bytes());
}

fn patch(shown: &str, words: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let folded = super::fold(shown);
    let n = u8::try_from(folded.len()).ok().filter(|n| *n > 0)?;
    let at = u16::try_from(memchr::memmem::find(words, folded.as_bytes())?).ok()?;
    let upper = shown.chars().any(|c| c.is_ascii_uppercase());
    let lower = shown.chars().any(|c| c.is_ascii_lowercase());
    let form = match (upper, lower) {
        (true, true) => MASK,
        (true, false) => UPPER,
        _ => LOWER,
    };
    out.push(form);
    out.extend_from_slice(&at.to_le_bytes());
    out.push(n);
    let mask_at = out.len();
    if form == MASK {
        out.resize(mask_at + usize::from(n).div_ceil(8), 0);
        for (k, c) in shown.chars().enumerate() {
            if c.is_ascii_uppercase() {
                out[mask_at + k / 8] |= 1 << (k % 8);
            }
        }
    }
    let mask = out[mask_at..].to_vec();
    for (k, (c, f)) in shown.chars().zip(folded.bytes()).enumerate() {
        if rebuilt(form, &mask, k, f) != c {
            out.push(k as u8);
            let mut utf8 = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
    }
    Some(())
}

/// Character `k` as rebuilt from its folded byte `f`.
fn rebuilt(form: u8, mask: &[u8], k: usize, f: u8) -> char {
    let upper = match form {
        UPPER => true,
        MASK => mask.get(k / 8).is_some_and(|b| b & (1 << (k % 8)) != 0),
        _ => false,
    };
    char::from(if upper { f.to_ascii_uppercase() } else { f })
}

/// The name `encoded` (by [`encode`]) against `words`; "" when it does not
/// decode (it always does for what `encode` wrote).
pub(super) fn decode<'a>(encoded: &'a [u8], words: &[u8]) -> Cow<'a, str> {
    match encoded.split_first() {
        None => Cow::Borrowed(""),
        Some((&VERBATIM, text)) => Cow::Borrowed(std::str::from_utf8(text).unwrap_or("")),
        Some((&form, rest)) => Cow::Owned(unpatch(form, rest, words).unwrap_or_default()),
    }
}

fn unpatch(form: u8, rest: &[u8], words: &[u8]) -> Option<String> {
    let (head, rest) = rest.split_at_checked(3)?;
    let at = usize::from(u16::from_le_bytes([head[0], head[1]]));
    let n = usize::from(head[2]);
    let folded = words.get(at..at + n)?;
    let (mask, mut exceptions) = if form == MASK {
        rest.split_at_checked(n.div_ceil(8))?
    } else {
        (&[][..], rest)
    };
    let mut out = String::with_capacity(n + exceptions.len());
    for (k, &f) in folded.iter().enumerate() {
        if exceptions.first() == Some(&(k as u8)) {
            let width = utf8_width(*exceptions.get(1)?);
            let c = std::str::from_utf8(exceptions.get(1..1 + width)?).ok()?;
            out.push_str(c);
            exceptions = &exceptions[1 + width..];
        } else {
            out.push(rebuilt(form, mask, k, f));
        }
    }
    Some(out)
}

/// The length of the UTF-8 character starting with `b`.
fn utf8_width(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(shown: &str, words: &str) -> usize {
        let mut out = Vec::new();
        encode(shown, words.as_bytes(), &mut out);
        assert_eq!(
            decode(&out, words.as_bytes()),
            shown,
            "{shown:?} in {words:?}"
        );
        out.len()
    }

    #[test]
    fn names_are_rebuilt_from_the_words() {
        let words = "jose da conceicao zezinho.net joao";
        assert_eq!(round_trip("JOSÉ DA CONCEIÇÃO", words), 4 + 3 * 3);
        assert_eq!(round_trip("José da Conceição", words), 4 + 3 + 3 * 3);
        assert_eq!(round_trip("jose da conceicao", words), 4);
        assert_eq!(round_trip("ZEZINHO.NET", words), 4);
        // Not in the words, or not smaller: as it is.
        assert_eq!(round_trip("MARIA", words), 6);
        assert_eq!(round_trip("JOÃO", words), 6);
        assert_eq!(round_trip("", words), 1);
    }

    #[test]
    fn anything_folding_changes_comes_back() {
        for (shown, words) in [
            ("日本 Ltda", "   ltda"),
            ("a\u{1b}[2Jb Ñandú", "a [2jb nandu"),
            ("ÉÉÉÉÉÉ ÇÇÇ X", "eeeeee ccc x"),
            ("Ação é ótima", "acao e otima"),
        ] {
            round_trip(shown, words);
        }
        let long = "A".repeat(300);
        assert_eq!(round_trip(&long, &long.to_lowercase()), 301);
    }
}
