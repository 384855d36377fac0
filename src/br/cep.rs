//! CEP (postal code): eight digits, shown as `35500-000`.

use std::borrow::Cow;
use std::fmt;

use super::{FieldError, field_error_display};
use crate::i18n::Msg;

/// Why typed text is not a CEP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CepError {
    /// Nothing typed.
    Empty,
    /// Not eight digits (with optional `.`, `-` and spaces).
    Invalid,
}

impl FieldError for CepError {
    fn msg(&self) -> Msg {
        match self {
            CepError::Empty => Msg::FieldEmpty,
            CepError::Invalid => Msg::CepInvalid,
        }
    }
}
field_error_display!(CepError);

/// A well-formed CEP.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cep {
    digits: String,
}

impl Cep {
    /// The eight digits.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

impl fmt::Display for Cep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.digits[..5], &self.digits[5..])
    }
}

/// Parses `35500-000`, `35.500-000` or `35500000`.
pub fn parse(input: &str) -> Result<Cep, CepError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(CepError::Empty);
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ' '))
    {
        return Err(CepError::Invalid);
    }
    let digits = super::digits(s);
    if digits.len() != 8 {
        return Err(CepError::Invalid);
    }
    Ok(Cep { digits })
}

/// Formats a CEP from the server; anything that is not a CEP is returned as
/// given (HubSoft sends both `35500-000` and `35560000`).
pub fn display(input: &str) -> Cow<'_, str> {
    match parse(input) {
        Ok(cep) => {
            let shown = cep.to_string();
            if shown == input {
                Cow::Borrowed(input)
            } else {
                Cow::Owned(shown)
            }
        }
        Err(_) => Cow::Borrowed(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    #[test]
    fn parse_and_display() {
        assert_eq!(parse("35500-000").unwrap().to_string(), "35500-000");
        assert_eq!(parse("35560000").unwrap().to_string(), "35560-000");
        assert_eq!(parse(" 35.560-000 ").unwrap().digits(), "35560000");
        assert_eq!(parse(""), Err(CepError::Empty));
        assert_eq!(parse("3550-000"), Err(CepError::Invalid));
        assert_eq!(parse("355000000"), Err(CepError::Invalid));
        assert_eq!(parse("35500-00a"), Err(CepError::Invalid));
        assert_eq!(display("35560000"), "35560-000");
        assert!(matches!(display("35500-000"), Cow::Borrowed(_)));
        assert_eq!(display("sem CEP"), "sem CEP");
        assert_eq!(
            CepError::Invalid.message(Lang::PtBr),
            "CEP deve ter 8 dígitos"
        );
    }

    proptest! {
        #[test]
        fn eight_digits_round_trip(d in "[0-9]{8}") {
            let cep = parse(&d).unwrap();
            prop_assert_eq!(parse(&cep.to_string()).unwrap(), cep);
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = display(&s);
        }
    }
}
