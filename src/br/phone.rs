//! Brazilian phone numbers: normalisation to `DDNNNNNNNNN`, validation,
//! plausibility and display as `(37) 99911-2233` / `(37) 3281-8000`.
//!
//! HubSoft's phone search finds nothing when the number carries the country
//! code or punctuation, so [`normalize`] is what the search box sends.

use std::borrow::Cow;
use std::fmt;

use super::{FieldError, field_error_display};
use crate::i18n::Msg;

/// The area codes (DDD) in use, from Anatel's numbering plan.
const DDDS: [u8; 67] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, // SP
    21, 22, 24, 27, 28, // RJ, ES
    31, 32, 33, 34, 35, 37, 38, // MG
    41, 42, 43, 44, 45, 46, 47, 48, 49, // PR, SC
    51, 53, 54, 55, // RS
    61, 62, 63, 64, 65, 66, 67, 68, 69, // Centro-Oeste, TO, RO, AC
    71, 73, 74, 75, 77, 79, // BA, SE
    81, 82, 83, 84, 85, 86, 87, 88, 89, // Nordeste
    91, 92, 93, 94, 95, 96, 97, 98, 99, // Norte, MA
];

/// Whether `ddd` is an area code in use.
pub fn is_valid_ddd(ddd: u8) -> bool {
    DDDS.contains(&ddd)
}

/// Why typed text is not a usable phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing typed.
    Empty,
    /// Characters other than digits and phone punctuation.
    BadCharacters,
    /// Not 10 or 11 digits once prefixes are removed.
    WrongLength {
        /// Digits left after normalisation.
        count: usize,
    },
    /// The area code does not exist.
    BadDdd {
        /// The two digits read as area code.
        ddd: u8,
    },
    /// A mobile without the leading 9, or a landline starting with 0, 1 or 6–9.
    Implausible,
}

impl FieldError for PhoneError {
    fn msg(&self) -> Msg {
        match self {
            PhoneError::Empty => Msg::FieldEmpty,
            PhoneError::BadCharacters => Msg::PhoneBadCharacters,
            PhoneError::WrongLength { .. } => Msg::PhoneWrongLength,
            PhoneError::BadDdd { .. } => Msg::PhoneBadDdd,
            PhoneError::Implausible => Msg::PhoneImplausible,
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            PhoneError::WrongLength { count } => vec![("count", count.to_string())],
            PhoneError::BadDdd { ddd } => vec![("ddd", format!("{ddd:02}"))],
            _ => Vec::new(),
        }
    }
}
field_error_display!(PhoneError);

/// A valid, plausible phone number: area code plus 8 (landline) or 9
/// (mobile) digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone {
    digits: String,
}

impl Phone {
    /// `DDNNNNNNNNN`, as the API's phone search takes it.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The two-digit area code.
    pub fn ddd(&self) -> u8 {
        self.digits[..2].parse().expect("validated digits")
    }

    /// Whether this is a mobile (11 digits, leading 9).
    pub fn is_mobile(&self) -> bool {
        self.digits.len() == 11
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_digits(&self.digits).expect("validated digits"))
    }
}

/// Characters a typed phone may contain besides digits.
fn is_phone_punct(c: char) -> bool {
    matches!(c, ' ' | '(' | ')' | '-' | '.' | '+' | '/')
}

/// Reduces a phone to its national digits: drops punctuation, the `+55` or
/// `55` country code of 12–13 digit numbers, and the trunk prefix `0` (with
/// its carrier code, as in `0 15 37 99911-2233`).
///
/// Does not validate; the result may have any length.
///
/// Idempotent: an area code never starts with 0, so when stripping would
/// leave a leading 0 (`0800 12 2122-4567`) the digits are kept as they
/// are instead of being stripped again on the next pass (found by
/// fuzz/phone).
pub fn normalize(input: &str) -> String {
    crate::api::params::normalize_phone(input)
}

/// Whether normalised `digits` look like a real number: 10 or 11 digits, an
/// area code in use, mobiles starting with 9 and landlines with 2 to 5.
pub fn is_plausible(digits: &str) -> bool {
    check(digits).is_ok()
}

fn check(d: &str) -> Result<(), PhoneError> {
    if !(d.len() == 10 || d.len() == 11) || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::WrongLength { count: d.len() });
    }
    let ddd: u8 = d[..2].parse().expect("two ASCII digits");
    if !is_valid_ddd(ddd) {
        return Err(PhoneError::BadDdd { ddd });
    }
    let first = d.as_bytes()[2];
    let ok = match d.len() {
        11 => first == b'9',
        _ => (b'2'..=b'5').contains(&first),
    };
    if ok {
        Ok(())
    } else {
        Err(PhoneError::Implausible)
    }
}

/// Parses a typed phone (any mask, optional `+55`) into a plausible [`Phone`].
pub fn parse(input: &str) -> Result<Phone, PhoneError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !input
        .chars()
        .all(|c| c.is_ascii_digit() || is_phone_punct(c))
    {
        return Err(PhoneError::BadCharacters);
    }
    let digits = normalize(input);
    check(&digits)?;
    Ok(Phone { digits })
}

/// Formats 10 or 11 national digits; `None` for any other length.
fn format_digits(d: &str) -> Option<String> {
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match d.len() {
        10 => Some(format!("({}) {}-{}", &d[..2], &d[2..6], &d[6..])),
        11 => Some(format!("({}) {}-{}", &d[..2], &d[2..7], &d[7..])),
        _ => None,
    }
}

/// Formats a phone coming from the server for display. Numbers that do not
/// normalise to 10 or 11 digits (HubSoft holds some, e.g. `373415100`) are
/// returned as given rather than guessed at.
pub fn display(input: &str) -> Cow<'_, str> {
    if !input
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || is_phone_punct(c))
    {
        return Cow::Borrowed(input);
    }
    match format_digits(&normalize(input)) {
        Some(f) if f == input => Cow::Borrowed(input),
        Some(f) => Cow::Owned(f),
        None => Cow::Borrowed(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    #[test]
    fn normalize_table() {
        let cases = [
            ("(37) 99911-2233", "37999112233"),
            ("+55 (37) 99911-2233", "37999112233"),
            ("5537999112233", "37999112233"),
            ("553732818000", "3732818000"),
            ("037 3281-8000", "3732818000"),
            ("0 37 99911 2233", "37999112233"),
            ("0 15 37 99911-2233", "37999112233"),
            ("0 21 37 3281-8000", "3732818000"),
            ("3281-8000", "32818000"),
            // Ten or eleven digits starting with 55 are DDD 55 (RS), kept.
            ("55999112233", "55999112233"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn parse_table() {
        let cases: [(&str, Result<&str, PhoneError>); 12] = [
            ("(37) 99911-2233", Ok("(37) 99911-2233")),
            ("+55 37 3281-8000", Ok("(37) 3281-8000")),
            ("37.3281.8000", Ok("(37) 3281-8000")),
            ("(55) 3222-1234", Ok("(55) 3222-1234")),
            ("", Err(PhoneError::Empty)),
            ("37 9991-22a3", Err(PhoneError::BadCharacters)),
            ("3281-8000", Err(PhoneError::WrongLength { count: 8 })),
            ("(20) 99911-2233", Err(PhoneError::BadDdd { ddd: 20 })),
            ("(01) 3281-8000", Err(PhoneError::BadDdd { ddd: 1 })),
            ("(37) 89911-2233", Err(PhoneError::Implausible)),
            ("(37) 9991-2233", Err(PhoneError::Implausible)),
            ("(37) 1281-8000", Err(PhoneError::Implausible)),
        ];
        for (input, want) in cases {
            let got = parse(input).map(|p| p.to_string());
            assert_eq!(got, want.map(str::to_string), "{input:?}");
        }
    }

    #[test]
    fn phone_accessors() {
        let p = parse("+55 (37) 99911-2233").unwrap();
        assert_eq!(p.digits(), "37999112233");
        assert_eq!(p.ddd(), 37);
        assert!(p.is_mobile());
        assert!(!parse("3732818000").unwrap().is_mobile());
    }

    #[test]
    fn display_of_server_values() {
        assert_eq!(display("37999112233"), "(37) 99911-2233");
        assert_eq!(display("3732818000"), "(37) 3281-8000");
        assert_eq!(display("373415100"), "373415100");
        assert_eq!(display("ramal 12"), "ramal 12");
        assert!(matches!(display("(37) 3281-8000"), Cow::Borrowed(_)));
    }

    #[test]
    fn ddd_list() {
        assert_eq!(DDDS.len(), 67);
        assert!(is_valid_ddd(11) && is_valid_ddd(37) && is_valid_ddd(99));
        for bad in [
            0, 10, 20, 23, 25, 26, 29, 30, 36, 39, 40, 50, 52, 56, 60, 70, 72, 76, 78, 80, 90,
        ] {
            assert!(!is_valid_ddd(bad), "{bad}");
        }
    }

    #[test]
    fn errors_are_localized() {
        assert_eq!(
            PhoneError::BadDdd { ddd: 20 }.message(Lang::PtBr),
            "DDD 20 não existe"
        );
        assert_eq!(
            PhoneError::WrongLength { count: 8 }.to_string(),
            "A phone needs the area code and 8 or 9 digits; 8 were typed"
        );
    }

    fn ddd() -> impl Strategy<Value = u8> {
        proptest::sample::select(DDDS.to_vec())
    }

    proptest! {
        #[test]
        fn any_mask_of_a_mobile_normalises_back(ddd in ddd(), rest in "[0-9]{8}", plus in any::<bool>(), style in 0usize..4) {
            let digits = format!("{ddd}9{rest}");
            let shown = match style {
                0 => format!("({ddd}) 9{}-{}", &rest[..4], &rest[4..]),
                1 => format!("{ddd} 9{} {}", &rest[..4], &rest[4..]),
                2 => format!("0{digits}"),
                _ => digits.clone(),
            };
            let typed = if plus && style != 2 { format!("+55 {shown}") } else { shown };
            let p = parse(&typed).unwrap();
            prop_assert_eq!(p.digits(), digits.as_str());
            prop_assert_eq!(parse(&p.to_string()).unwrap(), p);
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse(&s);
            let _ = display(&s);
            let _ = is_plausible(&normalize(&s));
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        // Found by fuzz/phone: trunk 0 and carrier 80 stripped left a
        // leading 0, which the next pass stripped again.
        for input in [
            "0800 122\u{0} 122\u{0}4567",
            "08001221224567",
            "5501234567890",
            "00123456789",
        ] {
            let once = normalize(input);
            assert_eq!(normalize(&once), once, "{input:?}");
        }
        assert_eq!(normalize("0 15 37 99911-2233"), "37999112233");
        assert_eq!(normalize("+55 37 99911-2233"), "37999112233");
    }
}
