//! The quick test behind [`super::search`]: whether a haystack matches an
//! atom (exactly when nucleo-matcher says it does, with the same corner
//! cases), and an upper bound of the score nucleo would give it, without
//! scoring it.
//!
//! A keystroke over 100,000 customers finds tens of thousands of matches
//! ("ma", "37"), all to be counted, but only the best hundred are shown:
//! the searcher scores a match with nucleo only when its bound could beat
//! the hundredth best so far. The bound follows nucleo 0.3's scoring
//! (`score.rs`: 16 per matched character, a bonus of at most 10 per
//! character and twice that for the first, at most 8 for a match near the
//! start of the haystack, gap penalties only subtracting); the tests below
//! hold it, and the match test, against nucleo itself.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::pattern::{Atom, AtomKind};

const SCORE_MATCH: u32 = 16;
/// The largest bonus nucleo gives one character (a word start after a
/// space, `Config::bonus_boundary_white`).
const MAX_BONUS: u32 = 10;
/// The largest prefix bonus (`MAX_PREFIX_BONUS`).
const MAX_PREFIX_BONUS: u32 = 8;

/// The highest score nucleo can give a match of `len` characters whose
/// first character is at `start` or after it (with `prefer_prefix`).
pub(crate) fn bound(len: usize, start: usize) -> u32 {
    let len = len as u32;
    let prefix = if start == 0 {
        MAX_PREFIX_BONUS
    } else {
        // nucleo: PENALTY_GAP_START * (1 + (start - 1)), halved.
        let penalty = 3 + 3 * (start as u32 - 1).min(u32::from(u16::MAX));
        MAX_PREFIX_BONUS.saturating_sub(penalty / 2)
    };
    len * SCORE_MATCH + MAX_BONUS * (len + 1) + prefix
}

/// Where a fuzzy (greedy) match of `needle` in `haystack` could start at
/// the earliest, if there is one: `needle` is a subsequence of `haystack`.
#[inline]
pub(crate) fn fuzzy(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if needle.len() > haystack.len() {
        return None;
    }
    let start = haystack.iter().position(|&b| b == first)?;
    let mut want = rest.iter();
    let Some(mut next) = want.next() else {
        return Some(start);
    };
    for &b in &haystack[start + 1..] {
        if b == *next {
            match want.next() {
                Some(n) => next = n,
                None => return Some(start),
            }
        }
    }
    None
}

/// A substring or prefix atom (digits, net) as plain bytes.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    bytes: Vec<u8>,
    prefix: bool,
    /// Where the first letter is, when the atom ignores case: nucleo then
    /// looks for a substring only in the haystack's first
    /// `len - needle + letter_at` bytes (`substring_match_ascii`), so a
    /// match at the very end can go unseen; the quick test does the same.
    letter_at: Option<usize>,
    /// A needle nucleo can never match in an ASCII haystack.
    never: bool,
}

impl Needle {
    pub(crate) fn of(atom: &Atom) -> Needle {
        let (bytes, never) = match atom.needle_text() {
            Utf32Str::Ascii(b) => (b.to_vec(), false),
            Utf32Str::Unicode(_) => (Vec::new(), true),
        };
        let prefix = match atom.kind {
            AtomKind::Prefix => true,
            AtomKind::Substring => false,
            other => unreachable!("the searcher builds no {other:?} digits or net atom"),
        };
        Needle {
            letter_at: bytes.iter().position(u8::is_ascii_lowercase),
            never: never || atom.negative,
            bytes,
            prefix,
        }
    }

    /// Where a match could start at the earliest, if `haystack` matches.
    #[inline]
    pub(crate) fn find(&self, haystack: &[u8]) -> Option<usize> {
        let n = &self.bytes;
        if self.never || n.is_empty() {
            // nucleo answers an empty needle with a score of 0; the
            // searcher never builds one.
            return None;
        }
        if self.prefix {
            // nucleo skips the haystack's leading white space (all of it
            // counts as none), then compares.
            let lead = haystack
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(0);
            return (haystack.len() - lead >= n.len() && haystack[lead..].starts_with(n))
                .then_some(lead);
        }
        if n.len() > haystack.len() {
            return None;
        }
        let within = match self.letter_at {
            Some(at) if at >= 2 => &haystack[..haystack.len() - n.len() + at],
            _ => haystack,
        };
        find_sub(within, n)
    }

    /// Its length, for [`bound`].
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// The first position of `needle` in `haystack`.
#[inline]
fn find_sub(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if needle.len() > haystack.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        let at = from
            + haystack[from..=last_start]
                .iter()
                .position(|&b| b == first)?;
        if haystack[at + 1..at + needle.len()] == *rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::pattern::{CaseMatching, Normalization};
    use nucleo_matcher::{Config, Matcher};

    /// A small random generator (xorshift), so the cases are reproducible.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn text(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
            let len = self.below(max + 1);
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    fn matcher() -> Matcher {
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        Matcher::new(config)
    }

    #[test]
    fn fuzzy_agrees_with_nucleo_and_bounds_its_score() {
        let mut m = matcher();
        m.config.ignore_case = false;
        m.config.normalize = false;
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let alphabet = b"abcma .-_1s";
        let mut matched = 0;
        for _ in 0..60_000 {
            let hay = rng.text(alphabet, 24);
            let needle = rng.text(b"abcms1.", 4);
            if needle.is_empty() {
                continue;
            }
            let hay_s = std::str::from_utf8(&hay).unwrap();
            let needle_s = std::str::from_utf8(&needle).unwrap();
            let nucleo = m.fuzzy_match_greedy(Utf32Str::Ascii(&hay), Utf32Str::Ascii(&needle));
            let quick = fuzzy(&hay, &needle);
            assert_eq!(
                nucleo.is_some(),
                quick.is_some(),
                "{needle_s:?} in {hay_s:?}"
            );
            if let (Some(score), Some(start)) = (nucleo, quick) {
                matched += 1;
                assert!(
                    u32::from(score) <= bound(needle.len(), start),
                    "{needle_s:?} in {hay_s:?}: {score} > {}",
                    bound(needle.len(), start)
                );
            }
        }
        assert!(
            matched > 5_000,
            "only {matched} matches: the test is too weak"
        );
    }

    #[test]
    fn substrings_and_prefixes_agree_with_nucleo_and_bound_its_score() {
        let mut m = matcher();
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut matched = [0; 2];
        for round in 0..80_000 {
            let prefix = round % 2 == 0;
            // Digits and net haystacks: digits, dots, hex, spaces.
            let hay = match rng.below(3) {
                0 => {
                    let mut h = vec![b' '; rng.below(3)];
                    h.extend(rng.text(b"0123 ", 20));
                    h
                }
                1 => rng.text(b"10.2 ", 20),
                _ => rng.text(b"0a1b ", 20),
            };
            let needle = rng.text(b"0123ab.", 5);
            if needle.is_empty() {
                continue;
            }
            let needle_s = std::str::from_utf8(&needle).unwrap();
            let kind = if prefix {
                AtomKind::Prefix
            } else {
                AtomKind::Substring
            };
            let atom = Atom::new(
                needle_s,
                CaseMatching::Ignore,
                Normalization::Never,
                kind,
                false,
            );
            let nucleo = atom.score(Utf32Str::Ascii(&hay), &mut m);
            let quick = Needle::of(&atom).find(&hay);
            let hay_s = std::str::from_utf8(&hay).unwrap();
            assert_eq!(
                nucleo.is_some(),
                quick.is_some(),
                "{kind:?} {needle_s:?} in {hay_s:?}"
            );
            if let (Some(score), Some(start)) = (nucleo, quick) {
                matched[usize::from(prefix)] += 1;
                assert!(
                    u32::from(score) <= bound(needle.len(), start),
                    "{kind:?} {needle_s:?} in {hay_s:?}"
                );
            }
        }
        assert!(
            matched.iter().all(|&n| n > 1_000),
            "too few matches: {matched:?}"
        );
    }

    #[test]
    fn the_bound_is_reached_by_a_word_at_the_start() {
        // Tight where it matters: the best matches of a first keystroke
        // reach it, so the searcher stops scoring the rest.
        let mut m = matcher();
        m.config.ignore_case = false;
        let score = m
            .fuzzy_match_greedy(Utf32Str::Ascii(b"maria da silva"), Utf32Str::Ascii(b"ma"))
            .unwrap();
        assert_eq!(u32::from(score), bound(2, 0));
    }
}
