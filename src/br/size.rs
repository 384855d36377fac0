//! Sizes and traffic the Brazilian way: one formatter for the console, the
//! command line and the error texts.
//!
//! Decimal commas and dotted thousands (`1.234,5`); multiples of 1024
//! named KB, MB and GB, as attendants and HubSoft's own panel say them.

/// A number with one decimal, grouped: `1.234,5`, `-12,0`.
pub fn decimal(v: f64) -> String {
    let plain = format!("{v:.1}");
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "0"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
}

/// Traffic given in megabytes (RADIUS accounting): `812,0 MB`, switching
/// to gigabytes from 1024 MB (`1,2 GB`).
pub fn megabytes(mb: f64) -> String {
    if mb.abs() >= 1024.0 {
        format!("{} GB", decimal(mb / 1024.0))
    } else {
        format!("{} MB", decimal(mb))
    }
}

/// A byte count: `812 bytes`, `64 KB`, `32 MB` (exact multiples without
/// decimals, as limits read), `4,2 KB`, `1,3 MB`, `2,0 GB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut unit = 0;
    let mut whole = n / 1024;
    let mut exact = n.is_multiple_of(1024);
    let mut v = n as f64 / 1024.0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        exact &= whole.is_multiple_of(1024);
        whole /= 1024;
        v /= 1024.0;
        unit += 1;
    }
    if exact {
        format!("{whole} {}", UNITS[unit])
    } else {
        format!("{} {}", decimal(v), UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_with_a_decimal_comma() {
        assert_eq!(decimal(1234.56), "1.234,6");
        assert_eq!(decimal(12.0), "12,0");
        assert_eq!(decimal(-1234567.0), "-1.234.567,0");
    }

    #[test]
    fn traffic_switches_to_gigabytes() {
        assert_eq!(megabytes(812.0), "812,0 MB");
        assert_eq!(megabytes(1023.5), "1.023,5 MB");
        assert_eq!(megabytes(1228.8), "1,2 GB");
        assert_eq!(megabytes(4_718_592.0), "4.608,0 GB");
    }

    #[test]
    fn byte_counts_read_like_limits() {
        assert_eq!(bytes(812), "812 bytes");
        assert_eq!(bytes(64 * 1024), "64 KB");
        assert_eq!(bytes(32 * 1024 * 1024), "32 MB");
        assert_eq!(bytes(4300), "4,2 KB");
        assert_eq!(bytes(1_363_149), "1,3 MB");
        assert_eq!(bytes(2 * 1024 * 1024 * 1024 + 1), "2,0 GB");
    }
}
