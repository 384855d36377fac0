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
/// the earliest, if there is one: `needle` is a subsequence of `haystack`
/// (the searcher goes on from [`greedy_span`]; the tests hold this against
/// nucleo).
#[cfg(test)]
pub(crate) fn fuzzy(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    greedy_span(haystack, needle).map(|(start, _)| start)
}

/// nucleo's greedy forward match of a non-empty `needle`: where its first
/// character is found and where the last one ends, `(start, end)`. The
/// match test and the score share it, so a candidate that is scored is
/// searched once ([`greedy_score_of`]).
#[inline]
pub(crate) fn greedy_span(hay: &[u8], needle: &[u8]) -> Option<(usize, usize)> {
    let (&first, rest) = needle.split_first()?;
    if needle.len() > hay.len() {
        return None;
    }
    let start = find_byte(&hay[..hay.len() - rest.len()], 0, first)?;
    let mut end = start + 1;
    for &c in rest {
        end = find_byte(hay, end, c)? + 1;
    }
    Some((start, end))
}

// ---- eight bytes at a time ------------------------------------------------
//
// A haystack is some forty bytes: calling out to memchr or memcmp for each
// costs more than the search. These look at eight bytes per step in a
// register instead ("SWAR"): a byte of `x` is zero exactly where the
// haystack holds the wanted byte, and `zero_bytes` flags every zero byte
// of `x` (and possibly bytes just above one, never below: the lowest flag
// is always a true zero, and every candidate is checked).

pub(super) const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

#[inline(always)]
pub(super) fn load(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"))
}

#[inline(always)]
pub(super) fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// The first place of `c` in `hay` at or after `from`.
#[inline]
fn find_byte(hay: &[u8], from: usize, c: u8) -> Option<usize> {
    let pattern = LO * u64::from(c);
    let mut i = from;
    while i + 8 <= hay.len() {
        let z = zero_bytes(load(hay, i) ^ pattern);
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay.get(i..)?.iter().position(|&b| b == c).map(|p| i + p)
}

/// Whether `needle` is at `at` in `hay` (within bounds), without memcmp.
#[inline(always)]
fn is_at(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay[at..at + needle.len()]
        .iter()
        .zip(needle)
        .all(|(h, n)| h == n)
}

// ---- nucleo's scores, computed here ---------------------------------------
//
// Scoring a candidate with nucleo-matcher costs a call through its generic
// entry points (prefilter, char-by-char class lookups through the config)
// for every match that can still reach the shown hundred; on the first
// keystrokes of a name that is thousands of calls. The functions below
// compute the same numbers for the three ways the searcher uses nucleo on
// its ASCII haystacks (greedy fuzzy without case folding; substring and
// prefix with case folding), following nucleo 0.3.1 step by step
// (`fuzzy_greedy.rs`, `exact.rs`, `score.rs`, `prefilter.rs`); the tests
// compare them with nucleo itself on random text.

const BONUS_BOUNDARY: u16 = 8;
const BONUS_BOUNDARY_WHITE: u16 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: u16 = BONUS_BOUNDARY + 1;
const BONUS_CAMEL123: u16 = BONUS_BOUNDARY - PENALTY_GAP_START;
const BONUS_NON_WORD: u16 = BONUS_BOUNDARY;
const BONUS_CONSECUTIVE: u16 = PENALTY_GAP_START + PENALTY_GAP_EXTENSION;
const BONUS_FIRST_CHAR_MULTIPLIER: u16 = 2;
const PENALTY_GAP_START: u16 = 3;
const PENALTY_GAP_EXTENSION: u16 = 1;

/// nucleo's character classes, in its order (the bonus compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Number,
}

/// The class of an ASCII byte under nucleo's default configuration
/// (delimiters `/,:;|`).
const fn class_of(c: u8) -> Class {
    if c.is_ascii_lowercase() {
        Class::Lower
    } else if c.is_ascii_uppercase() {
        Class::Upper
    } else if c.is_ascii_digit() {
        Class::Number
    } else if c.is_ascii_whitespace() {
        Class::Whitespace
    } else if matches!(c, b'/' | b',' | b':' | b';' | b'|') {
        Class::Delimiter
    } else {
        Class::NonWord
    }
}

static CLASSES: [Class; 256] = {
    let mut t = [Class::NonWord; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class_of(i as u8);
        i += 1;
    }
    t
};

#[inline]
fn class(c: u8) -> Class {
    CLASSES[usize::from(c)]
}

/// nucleo's `Config::bonus_for` with the default configuration.
#[inline]
fn bonus_for(prev: Class, class: Class) -> u16 {
    if class > Class::Delimiter {
        match prev {
            Class::Whitespace => return BONUS_BOUNDARY_WHITE,
            Class::Delimiter => return BONUS_BOUNDARY_DELIMITER,
            Class::NonWord => return BONUS_BOUNDARY,
            _ => (),
        }
    }
    if prev == Class::Lower && class == Class::Upper
        || prev != Class::Number && class == Class::Number
    {
        BONUS_CAMEL123
    } else if class == Class::Whitespace {
        BONUS_BOUNDARY_WHITE
    } else if class == Class::NonWord {
        BONUS_NON_WORD
    } else {
        0
    }
}

/// The class before position `i` (the start counts as white space).
#[inline]
fn class_before(hay: &[u8], i: usize) -> Class {
    i.checked_sub(1)
        .map_or(Class::Whitespace, |i| class(hay[i]))
}

/// nucleo's `calculate_score` of the match `hay[start..end]` (with
/// `prefer_prefix`); `fold` lowers upper-case haystack bytes first.
fn calculate_score(hay: &[u8], needle: &[u8], start: usize, end: usize, fold: bool) -> u16 {
    let mut prev_class = class_before(hay, start);
    let mut needle_iter = needle.iter();
    let mut needle_char = *needle_iter.next().expect("a needle");
    let mut in_gap = false;
    let mut consecutive = 1;
    let first_class = class(hay[start]);
    let mut first_bonus = bonus_for(prev_class, first_class);
    let mut score = SCORE_MATCH as u16 + first_bonus * BONUS_FIRST_CHAR_MULTIPLIER;
    prev_class = first_class;
    needle_char = *needle_iter.next().unwrap_or(&needle_char);
    for &c in &hay[start + 1..end] {
        let class = class(c);
        let c = if fold && class == Class::Upper {
            c + 32
        } else {
            c
        };
        if c == needle_char {
            let mut bonus = bonus_for(prev_class, class);
            if consecutive != 0 {
                if bonus >= BONUS_BOUNDARY && bonus > first_bonus {
                    first_bonus = bonus;
                }
                bonus = bonus.max(first_bonus).max(BONUS_CONSECUTIVE);
            } else {
                first_bonus = bonus;
            }
            score += SCORE_MATCH as u16 + bonus;
            in_gap = false;
            consecutive += 1;
            if let Some(&next) = needle_iter.next() {
                needle_char = next;
            }
        } else {
            let penalty = if in_gap {
                PENALTY_GAP_EXTENSION
            } else {
                PENALTY_GAP_START
            };
            score = score.saturating_sub(penalty);
            in_gap = true;
            consecutive = 0;
        }
        prev_class = class;
    }
    // prefer_prefix; nucleo computes the penalty in u16 (wrapping in
    // release builds for a start past 21,845).
    if start != 0 {
        let steps = (start - 1).min(usize::from(u16::MAX)) as u16;
        let penalty = PENALTY_GAP_START.wrapping_add(PENALTY_GAP_START.wrapping_mul(steps));
        score += (MAX_PREFIX_BONUS as u16).saturating_sub(penalty / 2);
    } else {
        score += MAX_PREFIX_BONUS as u16;
    }
    score
}

/// `hay` equals the lower-case `needle`, upper-case bytes of `hay` lowered.
#[inline]
fn eq_folded(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() == needle.len()
        && hay
            .iter()
            .zip(needle)
            .all(|(&h, &n)| h.to_ascii_lowercase() == n)
}

/// nucleo's `fuzzy_match_greedy` score of `needle` in `hay`, case
/// sensitive (how the searcher calls it on folded words).
pub(crate) fn greedy_score(hay: &[u8], needle: &[u8]) -> Option<u16> {
    if needle.is_empty() {
        return Some(0);
    }
    let span = greedy_span(hay, needle)?;
    Some(greedy_score_of(hay, needle, span))
}

/// [`greedy_score`] of a match whose forward pass ([`greedy_span`]) found
/// `(start, end)`.
#[inline]
pub(crate) fn greedy_score_of(hay: &[u8], needle: &[u8], (start, end): (usize, usize)) -> u16 {
    let n = needle.len();
    if n == hay.len() || end - start == n {
        // The whole haystack (nucleo then compares, the same answer), or
        // no gap to shorten.
        return calculate_score(hay, needle, start, end, false);
    }
    // The greedy match shortened from its end, as nucleo does.
    let mut from = start;
    let mut want = needle.iter().rev();
    let mut next = want.next().expect("a needle");
    for (i, &c) in hay[start..end].iter().enumerate().rev() {
        if c == *next {
            match want.next() {
                Some(n) => next = n,
                None => {
                    from = start + i;
                    break;
                }
            }
        }
    }
    calculate_score(hay, needle, from, end, false)
}

/// nucleo's `substring_match` score of a lower-case `needle` in `hay`,
/// ignoring case (as a digits or net atom scores).
pub(crate) fn substring_score(hay: &[u8], needle: &[u8]) -> Option<u16> {
    let n = needle.len();
    if n > hay.len() {
        return None;
    }
    if n == 0 {
        return Some(0);
    }
    if n == hay.len() {
        return eq_folded(hay, needle).then(|| calculate_score(hay, needle, 0, n, true));
    }
    // nucleo's candidate starts (memchr and memmem there; a plain loop
    // here, the haystacks being short): the first character, either case
    // when it is a letter; the whole needle when its first letter is
    // further in (only where it ends `at` bytes before the haystack does,
    // as nucleo's search window); the whole needle anywhere when it has no
    // letter.
    let end = hay.len() - n + 1;
    let c = needle[0];
    let whole = |last: Option<usize>| {
        last.into_iter()
            .flat_map(|last| (0..=last).filter(|&i| is_at(hay, i, needle)))
    };
    let best = match needle.iter().position(u8::is_ascii_lowercase) {
        Some(0) => {
            let starts = (0..end).filter(|&i| hay[i] == c || hay[i] == c.wrapping_sub(32));
            best_start(hay, needle, starts, true)
        }
        Some(1) => best_start(hay, needle, (0..end).filter(|&i| hay[i] == c), true),
        Some(at) => best_start(hay, needle, whole((end - 1 + at).checked_sub(n)), true),
        None => best_start(hay, needle, whole(Some(hay.len() - n)), false),
    };
    let (score, at) = best?;
    if n == 1 {
        // One character: nucleo answers with its first-character score.
        return Some(score);
    }
    Some(calculate_score(hay, needle, at, at + n, true))
}

/// Of the places `starts` where `needle` may start (checked when `verify`),
/// the first with the best first-character score, as nucleo picks it: a
/// word start after white space is the best there is. `(score, place)`.
fn best_start(
    hay: &[u8],
    needle: &[u8],
    starts: impl Iterator<Item = usize>,
    verify: bool,
) -> Option<(u16, usize)> {
    let n = needle.len();
    let mut best = (0, 0);
    for i in starts {
        let bonus = bonus_for(class_before(hay, i), class(hay[i]));
        let score = bonus * BONUS_FIRST_CHAR_MULTIPLIER + SCORE_MATCH as u16;
        if score > best.0
            && (!verify || eq_folded(&hay[i + 1..(i + n).min(hay.len())], &needle[1..]))
        {
            best = (score, i);
            if bonus >= BONUS_BOUNDARY_WHITE {
                break;
            }
        }
    }
    (best.0 != 0).then_some(best)
}

/// nucleo's `prefix_match` score of a lower-case `needle` in `hay`,
/// ignoring case (leading white space of the haystack skipped).
pub(crate) fn prefix_score(hay: &[u8], needle: &[u8]) -> Option<u16> {
    let n = needle.len();
    if n == 0 {
        return Some(0);
    }
    let lead = if needle[0].is_ascii_whitespace() {
        0
    } else {
        hay.iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0)
    };
    if hay.len() - lead < n || !eq_folded(&hay[lead..lead + n], needle) {
        return None;
    }
    Some(calculate_score(hay, needle, lead, lead + n, true))
}

/// A substring or prefix atom (digits, net) as plain bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The needle as digit nibbles, when it is digits only: then it is
    /// looked for in a packed digits haystack as it is
    /// ([`Needle::find_packed`]).
    nibbles: Option<Vec<u8>>,
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
            nibbles: super::digits::nibbles(&bytes),
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
            return (haystack.len() - lead >= n.len() && is_at(haystack, lead, n)).then_some(lead);
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

    /// [`Needle::find`] in a digits haystack of `count` characters packed
    /// two to a byte ([`super::digits`]) in the first `len` bytes of
    /// `readable` (what follows is only read ahead), without unpacking it;
    /// `unpack` gives the text for a needle that is not digits only.
    #[inline]
    pub(crate) fn find_packed<'a>(
        &self,
        readable: &[u8],
        len: usize,
        count: usize,
        unpack: impl FnOnce() -> &'a [u8],
    ) -> Option<usize> {
        if self.never {
            return None;
        }
        match &self.nibbles {
            Some(n) if self.prefix => super::digits::find_prefix(&readable[..len], count, n),
            // Digits only: no letter, so nucleo looks in the whole haystack.
            Some(n) => super::digits::find(readable, len, n),
            None => self.find(unpack()),
        }
    }

    /// nucleo's score of `haystack` for this atom ([`prefix_score`],
    /// [`substring_score`]); `None` when it does not match.
    #[inline]
    pub(crate) fn score(&self, haystack: &[u8]) -> Option<u16> {
        if self.never || self.bytes.is_empty() {
            return None;
        }
        if self.prefix {
            prefix_score(haystack, &self.bytes)
        } else {
            substring_score(haystack, &self.bytes)
        }
    }

    /// Its length, for [`bound`].
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// The first position of `needle` in `haystack`.
#[inline]
fn find_sub(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    if n == 0 || n > haystack.len() {
        return None;
    }
    if n == 1 {
        return find_byte(haystack, 0, needle[0]);
    }
    let last = haystack.len() - n;
    // Where the first two bytes are, eight places at a time.
    let (p0, p1) = (LO * u64::from(needle[0]), LO * u64::from(needle[1]));
    let mut i = 0;
    while i + 9 <= haystack.len() && i <= last {
        let mut z = zero_bytes((load(haystack, i) ^ p0) | (load(haystack, i + 1) ^ p1));
        while z != 0 {
            let at = i + (z.trailing_zeros() / 8) as usize;
            if at > last {
                return None;
            }
            if is_at(haystack, at, needle) {
                return Some(at);
            }
            z &= z - 1;
        }
        i += 8;
    }
    (i..=last).find(|&at| is_at(haystack, at, needle))
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
    fn the_greedy_score_is_nucleos() {
        let mut m = matcher();
        m.config.ignore_case = false;
        m.config.normalize = false;
        let mut rng = Rng(0x51f1_5eed_0dd5_cafe);
        let mut matched = 0;
        for round in 0..60_000 {
            // Some haystacks long enough for the prefix penalty to grow.
            let max = if round % 50 == 0 { 90 } else { 24 };
            let hay = rng.text(b"abcmaA .-_1s/:,", max);
            let needle = rng.text(b"abcms1.A ", 4);
            let nucleo = m.fuzzy_match_greedy(Utf32Str::Ascii(&hay), Utf32Str::Ascii(&needle));
            let ours = greedy_score(&hay, &needle);
            assert_eq!(
                nucleo,
                ours,
                "{:?} in {:?}",
                String::from_utf8_lossy(&needle),
                String::from_utf8_lossy(&hay)
            );
            matched += usize::from(ours.is_some_and(|s| s > 0));
        }
        assert!(matched > 5_000, "only {matched} matches");
    }

    #[test]
    fn the_substring_and_prefix_scores_are_nucleos() {
        let mut m = matcher();
        let mut rng = Rng(0x0ddb_a11c_0ffe_e123);
        let mut matched = [0; 2];
        for round in 0..80_000 {
            let prefix = round % 2 == 0;
            let max = if round % 50 == 0 { 60 } else { 20 };
            let hay = match rng.below(3) {
                0 => {
                    let mut h = vec![b' '; rng.below(3)];
                    h.extend(rng.text(b"0123 ", max));
                    h
                }
                1 => rng.text(b"10.2 ", max),
                _ => rng.text(b"0a1bAB :-", max),
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
            let ours = Needle::of(&atom).score(&hay);
            assert_eq!(
                nucleo,
                ours,
                "{kind:?} {needle_s:?} in {:?}",
                String::from_utf8_lossy(&hay)
            );
            matched[usize::from(prefix)] += usize::from(ours.is_some());
        }
        assert!(
            matched.iter().all(|&n| n > 500),
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
