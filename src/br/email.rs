//! Pragmatic e-mail validation: catches typos an attendant makes, without
//! pretending to implement RFC 5322 (whose quoted local parts and IP
//! literals no ISP customer uses).

use super::{FieldError, field_error_display};
use crate::i18n::Msg;

/// Why typed text is not a plausible e-mail address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing typed.
    Empty,
    /// Not of the form `local@domain.tld`.
    Invalid,
}

impl FieldError for EmailError {
    fn msg(&self) -> Msg {
        match self {
            EmailError::Empty => Msg::FieldEmpty,
            EmailError::Invalid => Msg::EmailInvalid,
        }
    }
}
field_error_display!(EmailError);

/// Checks `input` and returns it trimmed.
///
/// Rules: one `@`; a local part of 1–64 characters from letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-`` with dots only between them; a domain of at
/// least two dot-separated labels of letters (any script), digits and inner
/// hyphens, each at most 63 characters; a top-level label of two or more
/// letters; at most 254 characters overall.
pub fn validate(input: &str) -> Result<&str, EmailError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if is_valid(s) {
        Ok(s)
    } else {
        Err(EmailError::Invalid)
    }
}

/// Whether `s` (not trimmed) is a plausible address; see [`validate`].
pub fn is_valid(s: &str) -> bool {
    if s.chars().count() > 254 {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    local_ok(local) && domain_ok(domain)
}

fn local_ok(local: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    !local.is_empty()
        && local.len() <= 64
        && local
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(atext))
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(|l| label_ok(l))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let valid = [
            "joao@example.com",
            "maria.silva+boletos@provedor.net.br",
            "x@a.io",
            "o'neil@mail.example.org",
            "contato@açaí.com.br",
            "  spaced@example.com ",
        ];
        for s in valid {
            assert_eq!(validate(s), Ok(s.trim()), "{s:?}");
        }
        let invalid = [
            "joao",
            "joao@",
            "@example.com",
            "joao@example",
            "joao@@example.com",
            "jo ao@example.com",
            "joao.@example.com",
            ".joao@example.com",
            "jo..ao@example.com",
            "joao@example..com",
            "joao@-example.com",
            "joao@example-.com",
            "joao@example.c",
            "joao@example.c0m",
            "joao@exa_mple.com",
            "joão@example.com",
            "joao@example.com.",
        ];
        for s in invalid {
            assert_eq!(validate(s), Err(EmailError::Invalid), "{s:?}");
        }
        assert_eq!(validate("  "), Err(EmailError::Empty));
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(!is_valid(&long_local));
        assert_eq!(EmailError::Invalid.message(Lang::PtBr), "E-mail inválido");
    }

    proptest! {
        #[test]
        fn generated_addresses_are_valid(l in "[a-z0-9_]{1,20}(\\.[a-z0-9]{1,8}){0,2}", d in "[a-z0-9]{1,20}", t in "[a-z]{2,6}") {
            let addr = format!("{l}@{d}.{t}");
            prop_assert!(is_valid(&addr), "{}", addr);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = validate(&s);
        }
    }
}
