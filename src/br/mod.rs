//! Brazilian formats: CPF/CNPJ, phones, money, dates, CEP and e-mail.
//!
//! Each submodule is a leaf: display helpers for server data (which is
//! untidy, so they fall back to the text as given) and parsers for what an
//! attendant types, whose typed errors map to a catalog message through
//! [`FieldError`] so the UI can show a localized message at the field.

#![warn(missing_docs)]

pub mod cep;
pub mod dates;
pub mod doc;
pub mod email;
pub mod money;
pub mod phone;
pub mod size;
pub mod speed;

use crate::i18n::{Lang, Msg, trf};

/// A user-input error that can be shown, localized, next to its field.
pub trait FieldError: std::error::Error {
    /// The catalog message for this error.
    fn msg(&self) -> Msg;

    /// Values for the message's placeholders; none by default.
    fn args(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The message in `lang`, placeholders filled.
    fn message(&self, lang: Lang) -> String {
        let args = self.args();
        let refs: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        trf(lang, self.msg(), &refs)
    }
}

/// Implements `Display` (English) and `Error` through [`FieldError`], so the
/// `?` operator and logs get a readable text without a second copy of it.
macro_rules! field_error_display {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::br::FieldError::message(
                    self,
                    $crate::i18n::Lang::En,
                ))
            }
        }
        impl std::error::Error for $t {}
    };
}
pub(crate) use field_error_display;

/// The ASCII digits of `s`, in order; everything else is dropped.
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}
