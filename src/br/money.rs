//! Brazilian reais: display as `R$ 1.234,56` and parsing of typed amounts.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{FieldError, field_error_display};
use crate::i18n::Msg;

/// Integer digits beyond this are refused: no invoice is a quadrillion
/// reais, and it keeps values far inside `Decimal`'s range.
const MAX_INTEGER_DIGITS: usize = 15;

/// Why typed text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing typed.
    Empty,
    /// Not a number in either Brazilian or plain form.
    Invalid,
    /// More than two decimal places.
    TooManyDecimals,
    /// More than 15 integer digits.
    TooLarge,
}

impl FieldError for MoneyError {
    fn msg(&self) -> Msg {
        match self {
            MoneyError::Empty => Msg::FieldEmpty,
            MoneyError::Invalid => Msg::MoneyInvalid,
            MoneyError::TooManyDecimals => Msg::MoneyTooManyDecimals,
            MoneyError::TooLarge => Msg::MoneyTooLarge,
        }
    }
}
field_error_display!(MoneyError);

/// Formats an amount as `R$ 1.234,56` (negative: `-R$ 10,00`), rounding
/// half away from zero to centavos as a till does.
pub fn format_brl(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // "-0,00" would suggest a debt that does not exist.
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let plain = format!("{:.2}", rounded.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{}R$ {grouped},{frac}", if negative { "-" } else { "" })
}

/// Parses a typed amount: `1.234,56`, `1234,56`, `1234.56`, `R$ 10`,
/// `-R$ 10,00`, `R$ -10`.
///
/// With both `.` and `,` the last one is the decimal separator. With only
/// one kind: a comma is decimal (Brazilian); a single dot followed by
/// exactly three digits is a thousands separator (`1.234` is 1234, as a
/// Brazilian reads it), otherwise a single dot is decimal (`119.9`).
/// Thousands groups must have three digits, so `1.23.4` is refused.
pub fn parse_brl(input: &str) -> Result<Decimal, MoneyError> {
    let mut s = input.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest.trim_start();
    }
    if let Some(rest) = s.strip_prefix("R$").or_else(|| s.strip_prefix("r$")) {
        s = rest.trim_start();
    }
    if let Some(rest) = s.strip_prefix('-') {
        if negative {
            return Err(MoneyError::Invalid);
        }
        negative = true;
        s = rest.trim_start();
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(MoneyError::Invalid);
    }

    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (int, frac, group) = match (dots, commas) {
        (0, 0) => (s, None, None),
        (_, 0) => match s.split_once('.') {
            Some((i, f)) if dots == 1 && f.len() != 3 => (i, Some(f), None),
            _ => (s, None, Some('.')),
        },
        (0, 1) => {
            let (i, f) = s.split_once(',').expect("one comma");
            (i, Some(f), None)
        }
        (0, _) => (s, None, Some(',')),
        _ => {
            let last = s.rfind(['.', ',']).expect("separators present");
            let (dec, grp) = if s.as_bytes()[last] == b',' {
                (',', '.')
            } else {
                ('.', ',')
            };
            if s.matches(dec).count() != 1 {
                return Err(MoneyError::Invalid);
            }
            (&s[..last], Some(&s[last + 1..]), Some(grp))
        }
    };

    let int_digits: String = match group {
        None => int.to_string(),
        Some(g) => {
            let groups: Vec<&str> = int.split(g).collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            if !first_ok || groups[1..].iter().any(|grp| grp.len() != 3) {
                return Err(MoneyError::Invalid);
            }
            groups.concat()
        }
    };
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MoneyError::Invalid);
    }
    let frac = frac.unwrap_or("");
    if frac.is_empty() && int_digits.is_empty() {
        return Err(MoneyError::Invalid);
    }
    if s.ends_with(['.', ',']) && group.is_none() {
        return Err(MoneyError::Invalid);
    }
    if frac.len() > 2 {
        return Err(MoneyError::TooManyDecimals);
    }
    let significant = int_digits.trim_start_matches('0');
    if significant.len() > MAX_INTEGER_DIGITS {
        return Err(MoneyError::TooLarge);
    }
    let text = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        if frac.is_empty() { "0" } else { frac }
    );
    text.parse::<Decimal>().map_err(|_| MoneyError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn format_table() {
        let cases = [
            ("0", "R$ 0,00"),
            ("0.5", "R$ 0,50"),
            ("10", "R$ 10,00"),
            ("119.9", "R$ 119,90"),
            ("999.99", "R$ 999,99"),
            ("1000", "R$ 1.000,00"),
            ("1234.56", "R$ 1.234,56"),
            ("1234567.891", "R$ 1.234.567,89"),
            ("0.005", "R$ 0,01"),
            ("2.345", "R$ 2,35"),
            ("-10", "-R$ 10,00"),
            ("-0.001", "R$ 0,00"),
            ("-1234.5", "-R$ 1.234,50"),
        ];
        for (input, want) in cases {
            assert_eq!(format_brl(dec(input)), want, "{input}");
        }
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Result<&str, MoneyError>)] = &[
            ("1.234,56", Ok("1234.56")),
            ("1234,56", Ok("1234.56")),
            ("1234.56", Ok("1234.56")),
            ("119.9", Ok("119.9")),
            ("R$ 10", Ok("10")),
            ("R$10,5", Ok("10.5")),
            ("r$ 0,99", Ok("0.99")),
            ("-R$ 10,00", Ok("-10")),
            ("R$ -10,00", Ok("-10")),
            ("1.234", Ok("1234")),
            ("1.234.567", Ok("1234567")),
            ("1.234.567,8", Ok("1234567.8")),
            ("1,234.56", Ok("1234.56")),
            ("1,234,567", Ok("1234567")),
            (",50", Ok("0.5")),
            ("007", Ok("7")),
            ("  20  ", Ok("20")),
            ("", Err(MoneyError::Empty)),
            ("R$", Err(MoneyError::Invalid)),
            ("abc", Err(MoneyError::Invalid)),
            ("10,", Err(MoneyError::Invalid)),
            ("1.23.4", Err(MoneyError::Invalid)),
            ("1.2345,00", Err(MoneyError::Invalid)),
            ("1,2,3.4,5", Err(MoneyError::Invalid)),
            ("--10", Err(MoneyError::Invalid)),
            ("-R$ -10", Err(MoneyError::Invalid)),
            ("10 reais", Err(MoneyError::Invalid)),
            ("1,234", Err(MoneyError::TooManyDecimals)),
            ("10,001", Err(MoneyError::TooManyDecimals)),
            ("1234567890123456", Err(MoneyError::TooLarge)),
        ];
        for (input, want) in cases {
            let want = want.clone().map(dec);
            assert_eq!(parse_brl(input), want, "{input:?}");
        }
    }

    #[test]
    fn errors_are_localized() {
        assert_eq!(
            MoneyError::Invalid.message(Lang::PtBr),
            "Valor inválido: use 1.234,56"
        );
        assert_eq!(
            MoneyError::TooManyDecimals.to_string(),
            "Use at most 2 decimal places"
        );
    }

    proptest! {
        #[test]
        fn parse_reads_back_what_format_writes(cents in -10_000_000_000_000i64..10_000_000_000_000) {
            let d = Decimal::new(cents, 2);
            prop_assert_eq!(parse_brl(&format_brl(d)).unwrap(), d);
        }

        #[test]
        fn plain_dot_decimal_parses(cents in 0i64..100_000_000_000) {
            let d = Decimal::new(cents, 2);
            let plain = format!("{d:.2}");
            prop_assert_eq!(parse_brl(&plain).unwrap(), d);
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_brl(&s);
        }

        #[test]
        fn format_never_panics_on_extremes(m in any::<i64>(), scale in 0u32..28) {
            let s = format_brl(Decimal::new(m, scale));
            prop_assert!(s.contains("R$ "));
        }
    }
}
