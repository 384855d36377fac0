//! Lenient dates: every format HubSoft servers use, read in São Paulo time.

use super::*;

/// A date or instant as HubSoft sent it, parsed when the format is known.
///
/// Accepted: `DD/MM/YYYY`, `DD/MM/YYYY HH:MM[:SS]`, the same with literal
/// backslashes (`05\03\2020 14:52`), `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.f]]`,
/// ISO `T` forms, trailing offsets (`-03`, `-03:00`, `-0300`, `Z`), epoch
/// seconds or milliseconds as numbers, and PHP `DateTime` dumps
/// (`{"date": "...", "timezone_type": 3, "timezone": "America/Sao_Paulo"}`).
/// Times without an offset are America/Sao_Paulo local time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiDate {
    /// A calendar day with no time of day (due dates, birth dates).
    Day(NaiveDate),
    /// An instant, expressed in America/Sao_Paulo.
    Instant(DateTime<Tz>),
    /// Text in no known format, kept verbatim so it can still be shown.
    Raw(String),
}

impl ApiDate {
    /// Parses one textual date; blank text gives `None`, unknown formats
    /// [`ApiDate::Raw`].
    pub fn parse(s: &str) -> Option<ApiDate> {
        let t = s.trim();
        if t.is_empty() {
            return None;
        }
        Some(parse_date_text(t, HUBSOFT_TZ).unwrap_or_else(|| ApiDate::Raw(t.to_owned())))
    }

    /// An instant from epoch milliseconds (the `*_timestamp` fields).
    pub fn from_epoch_millis(ms: i64) -> Option<ApiDate> {
        DateTime::from_timestamp_millis(ms)
            .map(|dt| ApiDate::Instant(dt.with_timezone(&HUBSOFT_TZ)))
    }

    /// The calendar day (in America/Sao_Paulo for instants), if known.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            ApiDate::Day(d) => Some(*d),
            ApiDate::Instant(dt) => Some(dt.date_naive()),
            ApiDate::Raw(_) => None,
        }
    }

    /// The instant, if the value carried a time of day.
    pub fn instant(&self) -> Option<DateTime<Tz>> {
        match self {
            ApiDate::Instant(dt) => Some(*dt),
            _ => None,
        }
    }

    /// The unparsed text, if the format was unknown.
    pub fn raw(&self) -> Option<&str> {
        match self {
            ApiDate::Raw(s) => Some(s),
            _ => None,
        }
    }

    /// Brazilian display form: `dd/mm/aaaa`, or `dd/mm/aaaa HH:MM` for
    /// instants (in America/Sao_Paulo); raw text as it came.
    pub fn to_br(&self) -> String {
        match self {
            ApiDate::Day(d) => d.format("%d/%m/%Y").to_string(),
            ApiDate::Instant(dt) => dt.format("%d/%m/%Y %H:%M").to_string(),
            ApiDate::Raw(s) => s.clone(),
        }
    }
}

/// ISO 8601, for `--json` and exports: `2024-05-10` for days, RFC 3339
/// with the offset for instants. Text in no known format (`31/02/2026`,
/// `ontem`) is `{"texto": "31/02/2026"}`: kept, but never a string a
/// script would take for an ISO date.
impl serde::Serialize for ApiDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ApiDate::Day(day) => s.collect_str(&day.format("%Y-%m-%d")),
            ApiDate::Instant(t) => {
                s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            }
            ApiDate::Raw(r) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("texto", r)?;
                m.end()
            }
        }
    }
}

impl fmt::Display for ApiDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_br())
    }
}

/// Reads `n` ASCII digits as a number.
pub(super) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(super) fn parse_day(s: &str) -> Option<NaiveDate> {
    let sep = if s.contains('/') {
        '/'
    } else if s.contains('\\') {
        '\\'
    } else {
        '-'
    };
    let mut parts = s.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        NaiveDate::from_ymd_opt(digits(a)? as i32, digits(b)?, digits(c)?)
    } else if c.len() == 4 {
        NaiveDate::from_ymd_opt(digits(c)? as i32, digits(b)?, digits(a)?)
    } else {
        None
    }
}

/// Splits a trailing UTC offset (`Z`, `+HH`, `-HH`, `-HH:MM`, `-HHMM`) off a
/// time of day.
pub(super) fn split_offset(t: &str) -> (&str, Option<FixedOffset>) {
    if let Some(rest) = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        return (rest, FixedOffset::east_opt(0));
    }
    let Some(pos) = t.rfind(['+', '-']) else {
        return (t, None);
    };
    let (time, off) = t.split_at(pos);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let body = off[1..].replace(':', "");
    // Only ASCII digits may follow: the slices below are byte ranges, and
    // a multi-byte character there panicked (found by fuzz/decode).
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return (t, None);
    }
    let (h, m) = match body.len() {
        2 => (digits(&body), Some(0)),
        4 => (digits(&body[..2]), digits(&body[2..])),
        _ => (None, None),
    };
    match (h, m) {
        (Some(h), Some(m)) if h <= 14 && m < 60 => (
            time.trim_end(),
            FixedOffset::east_opt(sign * (h as i32 * 3600 + m as i32 * 60)),
        ),
        _ => (t, None),
    }
}

pub(super) fn parse_time(t: &str) -> Option<NaiveTime> {
    let (hms, frac) = match t.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (t, None),
    };
    let mut parts = hms.split(':');
    let h = digits(parts.next()?)?;
    let m = digits(parts.next()?)?;
    let s = match parts.next() {
        Some(s) => digits(s)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let nanos = match frac {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let f9: String = f.chars().chain(std::iter::repeat('0')).take(9).collect();
            f9.parse().ok()?
        }
        Some(_) => return None,
        None => 0,
    };
    NaiveTime::from_hms_nano_opt(h, m, s, nanos)
}

/// Interprets a local wall-clock time in `tz`, resolving daylight-saving
/// folds to the earlier instant and gaps by moving forward one hour (the
/// Sao Paulo DST rules until 2019 had both).
pub(super) fn localize(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Tz>> {
    tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
    })
}

pub(super) fn parse_date_text(t: &str, tz: Tz) -> Option<ApiDate> {
    // Split the day from the time at the first space or ISO 'T'.
    let split = t.find([' ', 'T']).map(|i| (&t[..i], t[i + 1..].trim()));
    let (day_part, time_part) = match split {
        Some((d, rest)) => (d, Some(rest)),
        None => (t, None),
    };
    let day = parse_day(day_part)?;
    let Some(time_part) = time_part else {
        return Some(ApiDate::Day(day));
    };
    let (time_text, offset) = split_offset(time_part);
    let time = parse_time(time_text)?;
    let naive = day.and_time(time);
    let instant = match offset {
        Some(off) => off
            .from_local_datetime(&naive)
            .single()?
            .with_timezone(&HUBSOFT_TZ),
        None => localize(naive, tz)?.with_timezone(&HUBSOFT_TZ),
    };
    Some(ApiDate::Instant(instant))
}

pub(super) fn date_from_epoch(v: i128) -> Option<ApiDate> {
    // Milliseconds for anything past ~1973 in ms (the documented form);
    // smaller magnitudes can only be seconds.
    let ms = if v.abs() >= 100_000_000_000 {
        v
    } else {
        v * 1000
    };
    ApiDate::from_epoch_millis(i64::try_from(ms).ok()?)
}

pub(super) struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Option<ApiDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // Numbers drift into strings: a `*_timestamp` of "1583430720000".
        // Only 10 to 13 digits count as epoch seconds or milliseconds, so a
        // compact "20200305" stays raw text rather than a 1970 instant.
        let t = v.trim();
        if (10..=13).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && let Some(d) = t.parse::<i128>().ok().and_then(date_from_epoch)
        {
            return Ok(Some(d));
        }
        Ok(ApiDate::parse(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(date_from_epoch(v.into()).or_else(|| Some(ApiDate::Raw(v.to_string()))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(date_from_epoch(v.into()).or_else(|| Some(ApiDate::Raw(v.to_string()))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(int_from_f64(v)
            .and_then(date_from_epoch)
            .or_else(|| Some(ApiDate::Raw(float_text(v)))))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        TextVisitor.visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // PHP DateTime dump: {"date": "...", "timezone_type": 3, "timezone": "..."}.
        let mut date: Option<String> = None;
        let mut zone: Option<String> = None;
        while let Some(key) = map.next_key::<KeyName>()? {
            match key.0.as_deref() {
                Some("date") => date = map.next_value::<TextItem>()?.0,
                Some("timezone") => zone = map.next_value::<TextItem>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(date) = date else {
            return Ok(None);
        };
        let parsed = match zone.as_deref() {
            // timezone_type 1 dumps an offset ("+00:00"), 2 an abbreviation.
            Some(z) if z.starts_with(['+', '-']) => {
                parse_date_text(&format!("{date}{z}"), HUBSOFT_TZ)
            }
            Some(z) => parse_date_text(&date, z.parse::<Tz>().unwrap_or(HUBSOFT_TZ)),
            None => parse_date_text(&date, HUBSOFT_TZ),
        };
        Ok(Some(parsed.unwrap_or(ApiDate::Raw(date))))
    }
}

/// A map key read as text, whatever its JSON spelling.
pub(super) struct KeyName(Option<String>);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(KeyName)
    }
}

impl<'de> Deserialize<'de> for ApiDate {
    /// Decodes any JSON value; values that are no date at all (`null`, `[]`,
    /// `true`) become an empty [`ApiDate::Raw`]. Prefer [`date`] on
    /// `Option<ApiDate>` fields, which maps those to `None`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(d.deserialize_any(DateVisitor)?
            .unwrap_or(ApiDate::Raw(String::new())))
    }
}

/// A date in any of the formats of [`ApiDate`]; `null`, blank text, `[]`,
/// `{}` or booleans give `None`, unknown text is kept as [`ApiDate::Raw`].
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiDate>, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// A birth date: like [`date`], but `1969-12-31` (at any time of day), the
/// epoch-zero artefact HubSoft writes for "not informed", gives `None`.
pub fn birth_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ApiDate>, D::Error> {
    let placeholder = NaiveDate::from_ymd_opt(1969, 12, 31);
    Ok(date(d)?.filter(|v| {
        let day = match v {
            // The placeholder is written as local 1969-12-31 whatever the
            // hour; compare the wall-clock day as written.
            ApiDate::Instant(dt) => Some(dt.date_naive()),
            other => other.date(),
        };
        day != placeholder
    }))
}
