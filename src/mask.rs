//! Privacy mode: masks personal data for screen sharing and screenshots
//! (LGPD minimisation), keeping just enough to confirm identity with the
//! caller ("the CPF ending in …").
//!
//! Every function accepts server text as it comes (masked or bare) and, for
//! shapes it does not recognise, hides every letter and digit rather than
//! risk revealing more than intended.

#![warn(missing_docs)]

use crate::br::{digits, phone};

/// Hides every ASCII or Unicode letter and digit of `s`, keeping punctuation
/// so the shape of the value still reads.
fn hide_all(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { '*' } else { c })
        .collect()
}

/// Significant characters of a CPF/CNPJ (digits and CNPJ letters).
fn significant(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// `123.456.789-09` → `***.456.789-**` (the convention of Brazilian
/// government portals). Anything that is not 11 digits is hidden entirely.
pub fn cpf(s: &str) -> String {
    let p = significant(s);
    if p.len() == 11 && p.bytes().all(|b| b.is_ascii_digit()) {
        format!("***.{}.{}-**", &p[3..6], &p[6..9])
    } else {
        hide_all(s)
    }
}

/// `12.345.678/0001-90` → `**.345.678/0001-**`. Anything that is not 14
/// significant characters is hidden entirely.
pub fn cnpj(s: &str) -> String {
    let p = significant(s).to_ascii_uppercase();
    if p.len() == 14 {
        format!("**.{}.{}/{}-**", &p[2..5], &p[5..8], &p[8..12])
    } else {
        hide_all(s)
    }
}

/// A CPF or CNPJ by its length; see [`cpf`] and [`cnpj`].
pub fn document(s: &str) -> String {
    match significant(s).len() {
        14 => cnpj(s),
        _ => cpf(s),
    }
}

/// `(37) 99911-2233` → `(37) *****-2233`, `(37) 3281-8000` → `(37)
/// ****-8000`: the area code and last four digits stay. Other shapes keep
/// only their last four digits.
pub fn phone(s: &str) -> String {
    let d = phone::normalize(s);
    if d.len() == 10 || d.len() == 11 {
        let stars = "*".repeat(d.len() - 6);
        return format!("({}) {stars}-{}", &d[..2], &d[d.len() - 4..]);
    }
    let total = digits(s).len();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > total.saturating_sub(4) {
                    c
                } else {
                    '*'
                }
            } else if c.is_alphanumeric() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// `joao.silva@example.com` → `j***@example.com`: the first character of
/// the local part and the domain stay; the number of stars is fixed so the
/// length does not leak. Without an `@` everything is hidden.
pub fn email(s: &str) -> String {
    let s = s.trim();
    match s.rsplit_once('@') {
        Some((local, domain)) => match local.chars().next() {
            Some(first) => format!("{first}***@{domain}"),
            None => format!("***@{domain}"),
        },
        None if s.is_empty() => String::new(),
        None => "***".to_string(),
    }
}

/// A street number becomes `***` (an address plus number identifies a
/// home); an empty one stays empty so the layout does not suggest a value.
pub fn street_number(s: &str) -> String {
    if s.trim().is_empty() {
        String::new()
    } else {
        "***".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn documents() {
        assert_eq!(cpf("123.456.789-09"), "***.456.789-**");
        assert_eq!(cpf("12345678909"), "***.456.789-**");
        assert_eq!(cpf("1234"), "****");
        assert_eq!(cnpj("12.345.678/0001-90"), "**.345.678/0001-**");
        assert_eq!(cnpj("41483316000169"), "**.483.316/0001-**");
        assert_eq!(cnpj("12.abc.345/01de-35"), "**.ABC.345/01DE-**");
        assert_eq!(document("41483316000169"), "**.483.316/0001-**");
        assert_eq!(document("123.456.789-09"), "***.456.789-**");
        assert_eq!(document("n/d 12"), "*/* **");
        assert_eq!(document(""), "");
    }

    #[test]
    fn phones() {
        assert_eq!(phone("(37) 99911-2233"), "(37) *****-2233");
        assert_eq!(phone("37999112233"), "(37) *****-2233");
        assert_eq!(phone("+55 37 3281-8000"), "(37) ****-8000");
        assert_eq!(phone("373415100"), "*****5100");
        assert_eq!(phone("ramal 12"), "***** 12");
        assert_eq!(phone(""), "");
    }

    #[test]
    fn emails_and_numbers() {
        assert_eq!(email("joao@example.com"), "j***@example.com");
        assert_eq!(
            email("maria.silva+x@provedor.net.br"),
            "m***@provedor.net.br"
        );
        assert_eq!(email("@example.com"), "***@example.com");
        assert_eq!(email("semarroba"), "***");
        assert_eq!(email(""), "");
        assert_eq!(street_number("120"), "***");
        assert_eq!(street_number("S/N"), "***");
        assert_eq!(street_number("  "), "");
    }

    proptest! {
        #[test]
        fn cpf_mask_keeps_only_the_middle(d in "[0-9]{11}") {
            let m = cpf(&d);
            prop_assert_eq!(m, format!("***.{}.{}-**", &d[3..6], &d[6..9]));
        }

        #[test]
        fn masks_reveal_a_bounded_number_of_digits(s in "\\PC{0,30}") {
            let shown = |m: String| m.chars().filter(char::is_ascii_digit).count();
            prop_assert!(shown(cpf(&s)) <= 6);
            prop_assert!(shown(cnpj(&s)) <= 10);
            prop_assert!(shown(phone(&s)) <= 6);
            prop_assert!(!street_number(&s).chars().any(|c| c.is_alphanumeric()));
        }

        #[test]
        fn email_local_part_is_hidden(local in "[a-z0-9.]{2,20}", domain in "[a-z]{1,10}\\.com") {
            let m = email(&format!("{local}@{domain}"));
            prop_assert_eq!(m, format!("{}***@{domain}", &local[..1]));
        }
    }
}
