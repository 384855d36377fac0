//! The digits haystack packed two characters to a byte.
//!
//! It only ever holds the ten digits and the space between numbers, so a
//! nibble per character halves the largest piece of the index (a CPF, a
//! code and two phones: about 40 characters). A keystroke that matches
//! digits unpacks each candidate's into a scratch buffer first, a table
//! lookup per byte.

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
}
