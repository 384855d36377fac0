//! CPF (people) and CNPJ (companies): check digits, masks, kind detection.
//!
//! Since July 2026 the Receita Federal issues alphanumeric CNPJs: the first
//! 12 positions may hold `A`–`Z`, the two check digits stay numeric, and the
//! check-digit arithmetic uses each character's ASCII code minus 48. Old
//! all-digit CNPJs are a special case of the same rule, so one
//! implementation validates both.

use std::borrow::Cow;
use std::fmt;

use super::{FieldError, field_error_display};
use crate::i18n::Msg;

/// Which document a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Cadastro de Pessoas Físicas: 11 digits.
    Cpf,
    /// Cadastro Nacional da Pessoa Jurídica: 14 characters.
    Cnpj,
}

impl DocKind {
    /// The kind with `len` significant characters, if any.
    pub fn from_len(len: usize) -> Option<DocKind> {
        match len {
            11 => Some(DocKind::Cpf),
            14 => Some(DocKind::Cnpj),
            _ => None,
        }
    }
}

/// Why typed text is not a valid CPF/CNPJ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// Nothing typed.
    Empty,
    /// Characters other than digits, CNPJ letters and mask punctuation.
    BadCharacters,
    /// Neither 11 nor 14 significant characters.
    WrongLength {
        /// How many significant characters were typed.
        count: usize,
    },
    /// All digits equal: passes the arithmetic but is never issued.
    RepeatedDigits,
    /// The check digits do not match.
    BadCheckDigits(DocKind),
}

impl FieldError for DocError {
    fn msg(&self) -> Msg {
        match self {
            DocError::Empty => Msg::FieldEmpty,
            DocError::BadCharacters => Msg::DocBadCharacters,
            DocError::WrongLength { .. } => Msg::DocWrongLength,
            DocError::RepeatedDigits => Msg::DocRepeatedDigits,
            DocError::BadCheckDigits(DocKind::Cpf) => Msg::SearchInvalidCpf,
            DocError::BadCheckDigits(DocKind::Cnpj) => Msg::SearchInvalidCnpj,
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            DocError::WrongLength { count } => vec![("count", count.to_string())],
            _ => Vec::new(),
        }
    }
}
field_error_display!(DocError);

/// A valid CPF or CNPJ, kept as its significant characters (digits, and
/// upper-case letters for alphanumeric CNPJs), which is what the API takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Document {
    kind: DocKind,
    plain: String,
}

impl Document {
    /// CPF or CNPJ.
    pub fn kind(&self) -> DocKind {
        self.kind
    }

    /// The unmasked characters, as sent to the API (`12345678909`).
    pub fn plain(&self) -> &str {
        &self.plain
    }

    /// The masked form (`123.456.789-09`, `12.345.678/0001-95`).
    pub fn masked(&self) -> String {
        mask_plain(&self.plain).expect("a Document always has 11 or 14 characters")
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Parses typed text, masked or not, into a valid [`Document`].
///
/// Accepts digits, CNPJ letters (either case), `.`, `/`, `-` and spaces.
pub fn parse(input: &str) -> Result<Document, DocError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(DocError::Empty);
    }
    if !input
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | ' '))
    {
        return Err(DocError::BadCharacters);
    }
    let plain = significant(input);
    let kind =
        DocKind::from_len(plain.len()).ok_or(DocError::WrongLength { count: plain.len() })?;
    if kind == DocKind::Cpf && !plain.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DocError::BadCharacters);
    }
    if kind == DocKind::Cnpj && !plain[12..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(DocError::BadCharacters);
    }
    let first = plain.as_bytes()[0];
    if plain.bytes().all(|b| b == first) {
        return Err(DocError::RepeatedDigits);
    }
    let ok = match kind {
        DocKind::Cpf => cpf_check_ok(plain.as_bytes()),
        DocKind::Cnpj => cnpj_check_ok(plain.as_bytes()),
    };
    if !ok {
        return Err(DocError::BadCheckDigits(kind));
    }
    Ok(Document { kind, plain })
}

/// Whether `input` (masked or not) is a valid CPF.
pub fn is_valid_cpf(input: &str) -> bool {
    parse(input).is_ok_and(|d| d.kind == DocKind::Cpf)
}

/// Whether `input` (masked or not) is a valid CNPJ.
pub fn is_valid_cnpj(input: &str) -> bool {
    parse(input).is_ok_and(|d| d.kind == DocKind::Cnpj)
}

/// The kind `input` would be by its number of significant characters,
/// without checking digits.
pub fn kind_of(input: &str) -> Option<DocKind> {
    DocKind::from_len(significant(input).len())
}

/// Masks a CPF/CNPJ coming from the server for display; anything that is not
/// 11 or 14 significant characters is returned as given, since server data
/// is sometimes malformed and hiding it would hide the problem.
pub fn display(input: &str) -> Cow<'_, str> {
    let trimmed = input.trim();
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | ' '))
    {
        return Cow::Borrowed(input);
    }
    match mask_plain(&significant(trimmed)) {
        Some(m) if m == input => Cow::Borrowed(input),
        Some(m) => Cow::Owned(m),
        None => Cow::Borrowed(input),
    }
}

/// Significant characters: ASCII digits and letters (upper-cased).
fn significant(input: &str) -> String {
    input
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Applies the CPF or CNPJ mask to 11 or 14 significant characters.
fn mask_plain(p: &str) -> Option<String> {
    if !p.is_ascii() {
        return None;
    }
    match p.len() {
        11 => Some(format!(
            "{}.{}.{}-{}",
            &p[0..3],
            &p[3..6],
            &p[6..9],
            &p[9..11]
        )),
        14 => Some(format!(
            "{}.{}.{}/{}-{}",
            &p[0..2],
            &p[2..5],
            &p[5..8],
            &p[8..12],
            &p[12..14]
        )),
        _ => None,
    }
}

/// The value of one character in the check-digit sums: ASCII code minus 48,
/// so digits are themselves and `A` is 17 (Receita Federal's rule).
fn value(b: u8) -> u32 {
    u32::from(b) - 48
}

/// Modulo-11 check digit over `chars` with the given weights.
fn mod11(chars: &[u8], weights: impl Iterator<Item = u32>) -> u8 {
    let sum: u32 = chars.iter().zip(weights).map(|(&c, w)| value(c) * w).sum();
    let r = sum % 11;
    if r < 2 { 0 } else { (11 - r) as u8 }
}

/// The two CPF check digits of nine leading digits (ASCII).
pub(crate) fn cpf_check_digits(base: &[u8]) -> [u8; 2] {
    debug_assert_eq!(base.len(), 9);
    let d1 = mod11(base, (2..=10).rev());
    let mut ten = base.to_vec();
    ten.push(b'0' + d1);
    let d2 = mod11(&ten, (2..=11).rev());
    [d1, d2]
}

/// The two CNPJ check digits of twelve leading characters (ASCII).
pub(crate) fn cnpj_check_digits(base: &[u8]) -> [u8; 2] {
    debug_assert_eq!(base.len(), 12);
    const W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let d1 = mod11(base, W1.into_iter());
    let mut thirteen = base.to_vec();
    thirteen.push(b'0' + d1);
    let d2 = mod11(&thirteen, W2.into_iter());
    [d1, d2]
}

fn cpf_check_ok(p: &[u8]) -> bool {
    let [d1, d2] = cpf_check_digits(&p[..9]);
    p[9] == b'0' + d1 && p[10] == b'0' + d2
}

fn cnpj_check_ok(p: &[u8]) -> bool {
    let [d1, d2] = cnpj_check_digits(&p[..12]);
    p[12] == b'0' + d1 && p[13] == b'0' + d2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    #[test]
    fn known_documents() {
        type Expected<'a> = Result<(DocKind, &'a str), DocError>;
        let cases: &[(&str, Expected)] = &[
            ("123.456.789-09", Ok((DocKind::Cpf, "123.456.789-09"))),
            ("12345678909", Ok((DocKind::Cpf, "123.456.789-09"))),
            (" 529.982.247-25 ", Ok((DocKind::Cpf, "529.982.247-25"))),
            // From the vendored fixtures (some of whose CPFs are invalid).
            ("26788493090", Ok((DocKind::Cpf, "267.884.930-90"))),
            ("05333614622", Err(DocError::BadCheckDigits(DocKind::Cpf))),
            // The guide's mask example is not a valid CNPJ.
            (
                "12.345.678/0001-90",
                Err(DocError::BadCheckDigits(DocKind::Cnpj)),
            ),
            ("41483316000169", Ok((DocKind::Cnpj, "41.483.316/0001-69"))),
            (
                "11.222.333/0001-81",
                Ok((DocKind::Cnpj, "11.222.333/0001-81")),
            ),
            // The Receita Federal's alphanumeric example, either case.
            (
                "12.ABC.345/01DE-35",
                Ok((DocKind::Cnpj, "12.ABC.345/01DE-35")),
            ),
            ("12abc34501de35", Ok((DocKind::Cnpj, "12.ABC.345/01DE-35"))),
            (
                "123.456.789-00",
                Err(DocError::BadCheckDigits(DocKind::Cpf)),
            ),
            (
                "11.222.333/0001-82",
                Err(DocError::BadCheckDigits(DocKind::Cnpj)),
            ),
            ("111.111.111-11", Err(DocError::RepeatedDigits)),
            ("00000000000000", Err(DocError::RepeatedDigits)),
            ("1234567890", Err(DocError::WrongLength { count: 10 })),
            ("", Err(DocError::Empty)),
            ("   ", Err(DocError::Empty)),
            ("123.456.789_09", Err(DocError::BadCharacters)),
            ("1234567890A", Err(DocError::BadCharacters)),
            ("12ABC34501DEAB", Err(DocError::BadCharacters)),
            ("１２３", Err(DocError::BadCharacters)),
        ];
        for (input, want) in cases {
            let got = parse(input).map(|d| (d.kind(), d.masked()));
            let want = want.clone().map(|(k, m)| (k, m.to_string()));
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn plain_is_what_the_api_takes() {
        assert_eq!(parse("123.456.789-09").unwrap().plain(), "12345678909");
        assert_eq!(
            parse("12.abc.345/01de-35").unwrap().plain(),
            "12ABC34501DE35"
        );
        assert_eq!(
            parse("123.456.789-09").unwrap().to_string(),
            "123.456.789-09"
        );
    }

    #[test]
    fn validity_helpers_and_kind() {
        assert!(is_valid_cpf("123.456.789-09"));
        assert!(!is_valid_cnpj("123.456.789-09"));
        assert!(is_valid_cnpj("68346567000158"));
        assert!(!is_valid_cpf("68346567000158"));
        assert_eq!(kind_of("123.456.789-00"), Some(DocKind::Cpf));
        assert_eq!(kind_of("12.345.678/0001-00"), Some(DocKind::Cnpj));
        assert_eq!(kind_of("12345"), None);
    }

    #[test]
    fn display_masks_well_formed_and_keeps_the_rest() {
        assert_eq!(display("12345678909"), "123.456.789-09");
        assert_eq!(display("41483316000169"), "41.483.316/0001-69");
        // Check digits are not the display's business: show the mask anyway.
        assert_eq!(display("12345678900"), "123.456.789-00");
        assert!(matches!(display("123.456.789-09"), Cow::Borrowed(_)));
        assert_eq!(display("373415100"), "373415100");
        assert_eq!(display("n/d"), "n/d");
        assert_eq!(display(""), "");
    }

    #[test]
    fn errors_are_localized() {
        assert_eq!(
            DocError::WrongLength { count: 9 }.message(Lang::PtBr),
            "CPF tem 11 dígitos e CNPJ tem 14; foram digitados 9"
        );
        assert_eq!(
            DocError::BadCheckDigits(DocKind::Cpf).message(Lang::PtBr),
            "CPF com dígitos verificadores inválidos"
        );
        assert_eq!(
            DocError::BadCheckDigits(DocKind::Cnpj).to_string(),
            "CNPJ with invalid check digits"
        );
    }

    /// Nine digits that are not all equal, plus their check digits.
    pub(crate) fn valid_cpf() -> impl Strategy<Value = String> {
        proptest::collection::vec(0u8..10, 9)
            .prop_filter("not all equal", |d| d.iter().any(|&x| x != d[0]))
            .prop_map(|d| {
                let base: Vec<u8> = d.iter().map(|x| b'0' + x).collect();
                let [d1, d2] = cpf_check_digits(&base);
                let mut s = String::from_utf8(base).unwrap();
                s.push((b'0' + d1) as char);
                s.push((b'0' + d2) as char);
                s
            })
    }

    proptest! {
        #[test]
        fn generated_cpfs_parse_masked_and_unmasked(cpf in valid_cpf()) {
            let d = parse(&cpf).unwrap();
            prop_assert_eq!(d.kind(), DocKind::Cpf);
            prop_assert_eq!(d.plain(), cpf.as_str());
            prop_assert_eq!(parse(&d.masked()).unwrap(), d);
        }

        #[test]
        fn changing_one_check_digit_invalidates(cpf in valid_cpf(), pos in 9usize..11, delta in 1u8..10) {
            let mut b = cpf.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let s = String::from_utf8(b).unwrap();
            prop_assert!(!is_valid_cpf(&s));
        }

        #[test]
        fn generated_cnpjs_parse(base in "[0-9A-Z]{12}") {
            prop_assume!(!base.bytes().all(|b| b == base.as_bytes()[0]));
            let [d1, d2] = cnpj_check_digits(base.as_bytes());
            let full = format!("{base}{d1}{d2}");
            let d = parse(&full).unwrap();
            prop_assert_eq!(d.kind(), DocKind::Cnpj);
            let again = parse(&d.masked()).unwrap();
            prop_assert_eq!(again.plain(), full.as_str());
        }

        #[test]
        fn parse_and_display_never_panic(s in "\\PC{0,40}") {
            let _ = parse(&s);
            let _ = display(&s);
            let _ = kind_of(&s);
        }
    }
}
