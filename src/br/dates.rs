//! Dates the Brazilian way: `dd/mm/aaaa`, `dd/mm/aaaa HH:MM` in
//! America/Sao_Paulo, relative times in both languages, and parsing of
//! typed dates.
//!
//! Everything takes "now" or "today" as an argument instead of reading the
//! clock, so screens and tests are deterministic.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{FieldError, field_error_display};
use crate::i18n::{Lang, Msg, tr, tr_count, trf};

/// The time zone every time is shown in, whatever the attendant's machine
/// says: HubSoft servers and their customers live on Brasília time.
pub const TZ: Tz = chrono_tz::America::Sao_Paulo;

/// `t` on Brasília time.
pub fn local(t: DateTime<Utc>) -> DateTime<Tz> {
    t.with_timezone(&TZ)
}

/// The calendar day in São Paulo at instant `now`.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    local(now).date_naive()
}

/// `dd/mm/aaaa`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `dd/mm/aaaa HH:MM` on Brasília time.
pub fn format_datetime(t: DateTime<Utc>) -> String {
    local(t).format("%d/%m/%Y %H:%M").to_string()
}

/// `dd/mm/aaaa HH:MM` of a wall-clock time the server sent without a zone
/// (already Brasília time, so not converted).
pub fn format_naive_datetime(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// How long ago (or ahead) `then` is from `now`: "há 3 dias" / "3 days
/// ago", "em 2 horas" / "in 2 hours", "agora mesmo" under a minute.
///
/// Units are whole and rounded down: minutes under an hour, hours under a
/// day, days under 30 days, months (of 30 days) under 365 days, then years.
pub fn relative(lang: Lang, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = now.signed_duration_since(then).num_seconds();
    let past = secs >= 0;
    let abs = secs.unsigned_abs();
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    let (count, unit) = match abs {
        a if a < MIN => return tr(lang, Msg::RelJustNow).to_string(),
        a if a < HOUR => (a / MIN, Unit::Minutes),
        a if a < DAY => (a / HOUR, Unit::Hours),
        a if a < 30 * DAY => (a / DAY, Unit::Days),
        a if a < 365 * DAY => (a / (30 * DAY), Unit::Months),
        a => (a / (365 * DAY), Unit::Years),
    };
    unit.say(lang, past, count)
}

/// Calendar-day distance, for dates without a time: "hoje", "há 1 dia",
/// "em 3 dias", switching to months and years like [`relative`].
pub fn relative_days(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    let days = today.signed_duration_since(date).num_days();
    let abs = days.unsigned_abs();
    let (count, unit) = match abs {
        0 => return tr(lang, Msg::RelToday).to_string(),
        a if a < 30 => (a, Unit::Days),
        a if a < 365 => (a / 30, Unit::Months),
        a => (a / 365, Unit::Years),
    };
    unit.say(lang, days > 0, count)
}

#[derive(Clone, Copy)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Months,
    Years,
}

impl Unit {
    fn say(self, lang: Lang, past: bool, count: u64) -> String {
        use Msg::*;
        let (one, many) = match (self, past) {
            (Unit::Minutes, true) => (RelMinutesAgoOne, RelMinutesAgoMany),
            (Unit::Minutes, false) => (RelMinutesInOne, RelMinutesInMany),
            (Unit::Hours, true) => (RelHoursAgoOne, RelHoursAgoMany),
            (Unit::Hours, false) => (RelHoursInOne, RelHoursInMany),
            (Unit::Days, true) => (RelDaysAgoOne, RelDaysAgoMany),
            (Unit::Days, false) => (RelDaysInOne, RelDaysInMany),
            (Unit::Months, true) => (RelMonthsAgoOne, RelMonthsAgoMany),
            (Unit::Months, false) => (RelMonthsInOne, RelMonthsInMany),
            (Unit::Years, true) => (RelYearsAgoOne, RelYearsAgoMany),
            (Unit::Years, false) => (RelYearsInOne, RelYearsInMany),
        };
        tr_count(lang, one, many, i64::try_from(count).unwrap_or(i64::MAX))
    }
}

/// Whole days an invoice due on `due` is overdue on `today`; 0 when it is
/// due today or later.
pub fn days_overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    today.signed_duration_since(due).num_days().max(0)
}

/// The state of an invoice for its status column: "paga em 10/01/2026"
/// when paid, else "vencida há 3 dias", "vence hoje", "vence em
/// 15/02/2026", or "em aberto" when the due date is unknown.
pub fn invoice_state(
    lang: Lang,
    due: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    if let Some(paid) = paid_on {
        return trf(lang, Msg::InvoicePaidOn, &[("date", &format_date(paid))]);
    }
    let Some(due) = due else {
        return tr(lang, Msg::InvoiceOpen).to_string();
    };
    match days_overdue(due, today) {
        0 if due == today => tr(lang, Msg::InvoiceDueToday).to_string(),
        0 => trf(lang, Msg::InvoiceDueOn, &[("date", &format_date(due))]),
        1 => tr(lang, Msg::InvoiceOverdueOne).to_string(),
        days => trf(lang, Msg::InvoiceOverdueMany, &[("days", &days)]),
    }
}

/// Why typed text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Nothing typed.
    Empty,
    /// Neither `dd/mm/aaaa` nor `aaaa-mm-dd` (nor `ddmmaaaa`).
    BadFormat,
    /// Well formed but no such day (`31/02/2026`), or a year outside 1900–2199.
    NoSuchDay {
        /// The text as typed, trimmed.
        date: String,
    },
}

impl FieldError for DateError {
    fn msg(&self) -> Msg {
        match self {
            DateError::Empty => Msg::FieldEmpty,
            DateError::BadFormat => Msg::DateBadFormat,
            DateError::NoSuchDay { .. } => Msg::DateNoSuchDay,
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            DateError::NoSuchDay { date } => vec![("date", date.clone())],
            _ => Vec::new(),
        }
    }
}
field_error_display!(DateError);

/// Parses a typed date: `dd/mm/aaaa` (also with `-` or `.`, and one-digit
/// day or month), `aaaa-mm-dd`, or eight digits `ddmmaaaa`.
///
/// Two-digit years are refused rather than guessed: "25" could be 1925 on
/// a birth date and 2025 on an invoice.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = if s.len() == 8 && all_digits(s) {
        (&s[4..8], &s[2..4], &s[0..2])
    } else {
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        let [a, b, c] = parts[..] else {
            return Err(DateError::BadFormat);
        };
        if !parts.iter().all(|p| all_digits(p)) {
            return Err(DateError::BadFormat);
        }
        match (a.len(), b.len(), c.len()) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return Err(DateError::BadFormat),
        }
    };
    let parse = |p: &str| p.parse::<u32>().expect("validated digits");
    let (y, m, d) = (parse(y), parse(m), parse(d));
    let no_such = || DateError::NoSuchDay {
        date: s.to_string(),
    };
    if !(1900..=2199).contains(&y) {
        return Err(no_such());
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(no_such)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn formats_in_sao_paulo() {
        // 02:30 UTC is 23:30 of the previous day in São Paulo (UTC-3).
        let t = utc(2026, 1, 10, 2, 30);
        assert_eq!(format_datetime(t), "09/01/2026 23:30");
        assert_eq!(today(t), date(2026, 1, 9));
        assert_eq!(format_date(date(2026, 3, 5)), "05/03/2026");
        // 2018 still had daylight saving time (UTC-2 in January).
        assert_eq!(format_datetime(utc(2018, 1, 10, 2, 30)), "10/01/2018 00:30");
        let naive = date(2026, 12, 31).and_hms_opt(8, 5, 0).unwrap();
        assert_eq!(format_naive_datetime(naive), "31/12/2026 08:05");
    }

    #[test]
    fn relative_table() {
        let now = utc(2026, 11, 28, 12, 0);
        let cases: &[(i64, &str, &str)] = &[
            (0, "agora mesmo", "just now"),
            (59, "agora mesmo", "just now"),
            (-30, "agora mesmo", "just now"),
            (60, "há 1 minuto", "1 minute ago"),
            (150, "há 2 minutos", "2 minutes ago"),
            (-120, "em 2 minutos", "in 2 minutes"),
            (3600, "há 1 hora", "1 hour ago"),
            (3 * 3600 + 59 * 60, "há 3 horas", "3 hours ago"),
            (-3600 * 5, "em 5 horas", "in 5 hours"),
            (86_400, "há 1 dia", "1 day ago"),
            (3 * 86_400, "há 3 dias", "3 days ago"),
            (-2 * 86_400, "em 2 dias", "in 2 days"),
            (29 * 86_400, "há 29 dias", "29 days ago"),
            (30 * 86_400, "há 1 mês", "1 month ago"),
            (-95 * 86_400, "em 3 meses", "in 3 months"),
            (364 * 86_400, "há 12 meses", "12 months ago"),
            (365 * 86_400, "há 1 ano", "1 year ago"),
            (-800 * 86_400, "em 2 anos", "in 2 years"),
        ];
        for &(secs, pt, en) in cases {
            let then = now - Duration::seconds(secs);
            assert_eq!(relative(Lang::PtBr, then, now), pt, "{secs}");
            assert_eq!(relative(Lang::En, then, now), en, "{secs}");
        }
    }

    #[test]
    fn relative_days_table() {
        let today = date(2026, 11, 28);
        let cases = [
            (date(2026, 11, 28), "hoje"),
            (date(2026, 11, 27), "há 1 dia"),
            (date(2026, 11, 25), "há 3 dias"),
            (date(2026, 11, 30), "em 2 dias"),
            (date(2026, 9, 1), "há 2 meses"),
            (date(2024, 11, 1), "há 2 anos"),
        ];
        for (d, want) in cases {
            assert_eq!(relative_days(Lang::PtBr, d, today), want, "{d}");
        }
        assert_eq!(
            relative_days(Lang::En, date(2026, 11, 29), today),
            "in 1 day"
        );
    }

    #[test]
    fn overdue_and_invoice_state() {
        let today = date(2026, 11, 28);
        assert_eq!(days_overdue(date(2026, 11, 18), today), 10);
        assert_eq!(days_overdue(today, today), 0);
        assert_eq!(days_overdue(date(2026, 12, 10), today), 0);
        // Across a month and a year boundary.
        assert_eq!(days_overdue(date(2025, 12, 31), date(2026, 1, 1)), 1);

        let st = |due, paid| invoice_state(Lang::PtBr, due, paid, today);
        assert_eq!(st(Some(date(2026, 11, 18)), None), "vencida há 10 dias");
        assert_eq!(st(Some(date(2026, 11, 27)), None), "vencida há 1 dia");
        assert_eq!(st(Some(today), None), "vence hoje");
        assert_eq!(st(Some(date(2026, 12, 10)), None), "vence em 10/12/2026");
        assert_eq!(st(None, None), "em aberto");
        assert_eq!(
            st(Some(date(2026, 11, 1)), Some(date(2026, 11, 3))),
            "paga em 03/11/2026"
        );
        assert_eq!(
            invoice_state(Lang::En, Some(date(2026, 11, 18)), None, today),
            "overdue by 10 days"
        );
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Result<NaiveDate, DateError>)] = &[
            ("05/03/2026", Ok(date(2026, 3, 5))),
            ("5/3/2026", Ok(date(2026, 3, 5))),
            ("05-03-2026", Ok(date(2026, 3, 5))),
            ("05.03.2026", Ok(date(2026, 3, 5))),
            ("2026-03-05", Ok(date(2026, 3, 5))),
            ("05032026", Ok(date(2026, 3, 5))),
            (" 29/02/2024 ", Ok(date(2024, 2, 29))),
            ("", Err(DateError::Empty)),
            ("05/03/26", Err(DateError::BadFormat)),
            ("5 de março", Err(DateError::BadFormat)),
            ("05/03", Err(DateError::BadFormat)),
            ("2026/3/5/1", Err(DateError::BadFormat)),
            ("05//2026", Err(DateError::BadFormat)),
            ("+5/03/2026", Err(DateError::BadFormat)),
            ("0503202", Err(DateError::BadFormat)),
            (
                "31/02/2026",
                Err(DateError::NoSuchDay {
                    date: "31/02/2026".into(),
                }),
            ),
            (
                "29/02/2026",
                Err(DateError::NoSuchDay {
                    date: "29/02/2026".into(),
                }),
            ),
            (
                "10/13/2026",
                Err(DateError::NoSuchDay {
                    date: "10/13/2026".into(),
                }),
            ),
            (
                "01/01/0200",
                Err(DateError::NoSuchDay {
                    date: "01/01/0200".into(),
                }),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(&parse_date(input), want, "{input:?}");
        }
    }

    #[test]
    fn errors_are_localized() {
        let e = parse_date("31/02/2026").unwrap_err();
        assert_eq!(e.message(Lang::PtBr), "Data inexistente: 31/02/2026");
        assert_eq!(
            DateError::BadFormat.message(Lang::PtBr),
            "Data inválida: use dd/mm/aaaa"
        );
    }

    proptest! {
        #[test]
        fn formatted_dates_parse_back(days in 0i64..100_000) {
            let d = date(1900, 1, 1) + Duration::days(days);
            prop_assert_eq!(parse_date(&format_date(d)).unwrap(), d);
            prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()).unwrap(), d);
        }

        #[test]
        fn relative_is_symmetric_in_tense(secs in 60i64..10_000_000_000) {
            let now = utc(2026, 11, 28, 12, 0);
            let past = relative(Lang::En, now - Duration::seconds(secs), now);
            let future = relative(Lang::En, now + Duration::seconds(secs), now);
            prop_assert!(past.ends_with(" ago"), "{}", past);
            prop_assert_eq!(format!("in {}", past.trim_end_matches(" ago")), future);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = parse_date(&s);
        }
    }
}
