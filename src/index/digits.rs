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

/// Both characters of every packed byte.
static PAIRS: [[u8; 2]; 256] = {
    const SYMBOLS: &[u8; 16] = b"0123456789 ?????";
    let mut t = [[0; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [SYMBOLS[i >> 4], SYMBOLS[i & 15]];
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

/// The `len` characters of `packed`, into `out` (cleared first).
#[inline]
pub(super) fn unpack(packed: &[u8], len: usize, out: &mut Vec<u8>) {
    out.clear();
    out.resize(packed.len() * 2, 0);
    for (pair, b) in out.chunks_exact_mut(2).zip(packed) {
        pair.copy_from_slice(&PAIRS[usize::from(*b)]);
    }
    out.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_spaces_round_trip() {
        for text in ["", "1", "12", "12345678909 1000 37999112233", " 0 9 "] {
            let mut packed = Vec::new();
            pack(text.as_bytes(), &mut packed);
            assert_eq!(packed.len(), text.len().div_ceil(2));
            let mut back = Vec::new();
            unpack(&packed, text.len(), &mut back);
            assert_eq!(back, text.as_bytes());
        }
    }
}
