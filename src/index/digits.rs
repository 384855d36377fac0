//! The digits haystack packed two characters to a byte.
//!
//! It only ever holds the ten digits and the space between numbers, so a
//! nibble per character halves the largest piece of the index (a CPF, a
//! code and two phones: about 40 characters). A keystroke that matches
//! digits unpacks each candidate's into a scratch buffer first, a table
//! lookup per byte. Matching looks for the needle in the packed bytes
//! themselves ([`find`], [`find_prefix`]), at both nibble alignments, so
//! only the candidates that get scored are unpacked.

// The eight-bytes-at-a-time helpers are the matcher's (`fast.rs`).
use super::fast::{LO, load, zero_bytes};

/// The nibble of each character; the pad of an odd count is `PAD`.
const SPACE: u8 = 10;
const PAD: u8 = 15;

/// Both characters of every packed byte, the first in the low byte.
static PAIRS: [u16; 256] = {
    const SYMBOLS: &[u8; 16] = b"0123456789 ?????";
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = u16::from_le_bytes([SYMBOLS[i >> 4], SYMBOLS[i & 15]]);
        i += 1;
    }
    t
};

/// Appends `text` (ASCII digits and spaces) packed to `out`: `text.len()`
/// characters in `text.len().div_ceil(2)` bytes.
pub(super) fn pack(text: &[u8], out: &mut Vec<u8>) {
    let nibble = |c: u8| {
        debug_assert!(c.is_ascii_digit() || c == b' ', "{c}");
        if c.is_ascii_digit() { c - b'0' } else { SPACE }
    };
    for pair in text.chunks(2) {
        let low = pair.get(1).map_or(PAD, |c| nibble(*c));
        out.push(nibble(pair[0]) << 4 | low);
    }
}

/// The `len` characters of `packed`, unpacked into `out` (grown when
/// needed, never shrunk or cleared: a keystroke unpacks thousands).
#[inline]
pub(super) fn unpack<'a>(packed: &[u8], len: usize, out: &'a mut Vec<u8>) -> &'a [u8] {
    let n = packed.len() * 2;
    if out.len() < n {
        out.resize(n, 0);
    }
    // Four packed bytes, eight characters, one store.
    let mut dst = out[..n].chunks_exact_mut(8);
    let mut src = packed.chunks_exact(4);
    for (d, s) in (&mut dst).zip(&mut src) {
        let w = u64::from(PAIRS[usize::from(s[0])])
            | u64::from(PAIRS[usize::from(s[1])]) << 16
            | u64::from(PAIRS[usize::from(s[2])]) << 32
            | u64::from(PAIRS[usize::from(s[3])]) << 48;
        d.copy_from_slice(&w.to_le_bytes());
    }
    for (d, s) in dst
        .into_remainder()
        .chunks_exact_mut(2)
        .zip(src.remainder())
    {
        d.copy_from_slice(&PAIRS[usize::from(*s)].to_le_bytes());
    }
    &out[..len.min(n)]
}

/// The nibbles of `digits` (ASCII digits only), or `None` when it holds
/// anything else (such a needle is matched unpacked).
pub(super) fn nibbles(digits: &[u8]) -> Option<Vec<u8>> {
    digits
        .iter()
        .map(|c| c.is_ascii_digit().then(|| c - b'0'))
        .collect()
}

/// Character `j` of `packed`, as its nibble.
#[inline(always)]
fn nibble(packed: &[u8], j: usize) -> u8 {
    let b = packed[j / 2];
    if j.is_multiple_of(2) { b >> 4 } else { b & 15 }
}

/// Whether the nibbles `needle` are at character `at` of `packed`.
#[inline(always)]
fn nibbles_at(packed: &[u8], at: usize, needle: &[u8]) -> bool {
    at + needle.len() <= packed.len() * 2
        && needle
            .iter()
            .enumerate()
            .all(|(k, &d)| nibble(packed, at + k) == d)
}

const LOW_NIBBLES: u64 = 0x0F0F_0F0F_0F0F_0F0F;
const HIGH_NIBBLES: u64 = 0xF0F0_F0F0_F0F0_F0F0;

/// The first character where the digit nibbles `needle` (0 to 9 each)
/// are in the first `len` bytes of `readable` (the packed haystack; the
/// bytes after it, when there are any, are only read ahead, never
/// matched), the same place a search of the unpacked text finds. A digit
/// never matches the space or the pad, so a match never runs past the
/// characters the haystack holds.
///
/// Eight bytes, sixteen characters, at a time: a needle starting at an
/// even character is a whole byte (its first two digits); one starting at
/// an odd character is the low nibble of a byte and the high nibble of the
/// next. Reading ahead into the bytes that follow (the arena goes on) lets
/// the last step be one of those too, instead of a character at a time.
pub(super) fn find(readable: &[u8], len: usize, needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    let packed = &readable[..len];
    if n == 0 || n > len * 2 {
        return None;
    }
    let mut i = 0;
    if n >= 2 {
        let (d0, d1) = (u64::from(needle[0]), u64::from(needle[1]));
        let even = LO * (d0 << 4 | d1);
        let (odd_lo, odd_hi) = (LO * d0, LO * (d1 << 4));
        while i < len && i + 9 <= readable.len() {
            let w = load(readable, i);
            let mut a = zero_bytes(w ^ even);
            let mut u = zero_bytes(
                ((w & LOW_NIBBLES) ^ odd_lo) | ((load(readable, i + 1) & HIGH_NIBBLES) ^ odd_hi),
            );
            // The candidates in character order: byte k's even one, then
            // its odd one.
            while a | u != 0 {
                let ka = if a == 0 { 8 } else { a.trailing_zeros() / 8 };
                let ku = if u == 0 { 8 } else { u.trailing_zeros() / 8 };
                let at = if ka <= ku {
                    a &= a - 1;
                    2 * (i + ka as usize)
                } else {
                    u &= u - 1;
                    2 * (i + ku as usize) + 1
                };
                if at + n > len * 2 {
                    // Later candidates start later still.
                    return None;
                }
                if nibbles_at(packed, at, needle) {
                    return Some(at);
                }
            }
            i += 8;
        }
    }
    (2 * i.min(len)..len * 2).find(|&at| nibbles_at(packed, at, needle))
}

/// Where the digit nibbles `needle` start the `count` characters of
/// `packed` once its leading spaces are skipped (nucleo's prefix match:
/// a customer without a document starts with a space, then the code).
pub(super) fn find_prefix(packed: &[u8], count: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let lead = (0..count).find(|&j| nibble(packed, j) != SPACE)?;
    (count - lead >= needle.len() && nibbles_at(packed, lead, needle)).then_some(lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_spaces_round_trip() {
        for text in [
            "",
            "1",
            "12",
            "1234567",
            "12345678",
            "123456789",
            "12345678909 1000 37999112233",
            " 0 9 ",
        ] {
            let mut packed = Vec::new();
            pack(text.as_bytes(), &mut packed);
            assert_eq!(packed.len(), text.len().div_ceil(2));
            // A used buffer, longer than needed.
            let mut back = vec![b'x'; 64];
            assert_eq!(unpack(&packed, text.len(), &mut back), text.as_bytes());
        }
    }

    /// A small random generator (xorshift), so the cases are reproducible.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        fn text(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
            let len = self.below(max + 1);
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    /// What the packed searches must answer: the unpacked text searched.
    fn plain_find(text: &[u8], needle: &[u8]) -> Option<usize> {
        (!needle.is_empty() && needle.len() <= text.len())
            .then(|| text.windows(needle.len()).position(|w| w == needle))
            .flatten()
    }

    fn plain_prefix(text: &[u8], needle: &[u8]) -> Option<usize> {
        let lead = text.iter().position(|b| *b != b' ').unwrap_or(0);
        (!needle.is_empty()
            && text.len() - lead >= needle.len()
            && text[lead..].starts_with(needle))
        .then_some(lead)
    }

    #[test]
    fn the_packed_search_finds_what_the_unpacked_text_holds() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut found = [0; 2];
        for round in 0..60_000 {
            // Long haystacks now and then, so the eight-byte loop runs
            // with candidates at both alignments and across its steps.
            let max = if round % 3 == 0 { 70 } else { 24 };
            let mut text = vec![b' '; rng.below(3)];
            text.extend(rng.text(b"0123 37", max));
            let needle = rng.text(b"01237", 5);
            let mut packed = Vec::new();
            pack(&text, &mut packed);
            let nib = nibbles(&needle).unwrap();
            let t = String::from_utf8_lossy(&text);
            let n = String::from_utf8_lossy(&needle);
            let at = find(&packed, packed.len(), &nib);
            assert_eq!(at, plain_find(&text, &needle), "{n:?} in {t:?}");
            // What follows the haystack in the arena is read ahead, never
            // matched: bytes that would match there change nothing.
            let len = packed.len();
            let mut readable = packed.clone();
            readable.extend(std::iter::repeat_n(
                nib.first().map_or(0, |d| d << 4 | d),
                9,
            ));
            readable.extend(rng.text(b"\x00\x37\x12\x73", 8));
            assert_eq!(find(&readable, len, &nib), at, "{n:?} in {t:?}, read ahead");
            if let Some(at) = at {
                found[at % 2] += 1;
            }
            let prefix = find_prefix(&packed, text.len(), &nib);
            assert_eq!(
                prefix,
                plain_prefix(&text, &needle),
                "prefix {n:?} of {t:?}"
            );
        }
        assert!(
            found.iter().all(|&f| f > 2_000),
            "too few at one alignment: {found:?}"
        );
    }

    #[test]
    fn packed_search_corner_cases() {
        let packed = |text: &str| {
            let mut p = Vec::new();
            pack(text.as_bytes(), &mut p);
            p
        };
        let nib = |d: &str| nibbles(d.as_bytes()).unwrap();
        let find_all = |p: &[u8], n: &[u8]| find(p, p.len(), n);
        // Odd lengths: the pad nibble is never a digit.
        assert_eq!(find_all(&packed("123"), &nib("3")), Some(2));
        assert_eq!(find_all(&packed("123"), &nib("30")), None);
        assert_eq!(find_all(&packed("1230"), &nib("30")), Some(2));
        // Both alignments, in one eight-byte step and past it.
        let long = "0000000000000000001370000000000000037";
        assert_eq!(find_all(&packed(long), &nib("37")), Some(19));
        assert_eq!(find_all(&packed(long), &nib("0037")), Some(33));
        assert_eq!(find_all(&packed("12 37 4"), &nib("37")), Some(3));
        assert_eq!(find_all(&packed("12 4 37"), &nib("37")), Some(5));
        // A needle longer than the haystack, or across a space.
        assert_eq!(find_all(&packed("37"), &nib("379")), None);
        assert_eq!(find_all(&packed("3 7"), &nib("37")), None);
        assert_eq!(find_all(&packed(""), &nib("37")), None);
        assert_eq!(find_all(&packed("37"), &[]), None);
        // Prefixes: leading spaces skipped, never past the count.
        assert_eq!(find_prefix(&packed(" 1234 37"), 8, &nib("12")), Some(1));
        assert_eq!(find_prefix(&packed("  "), 2, &nib("1")), None);
        assert_eq!(find_prefix(&packed("123"), 3, &nib("1234")), None);
        assert_eq!(find_prefix(&packed("12"), 2, &nib("12")), Some(0));
        assert_eq!(nibbles(b"12a"), None);
    }
}
