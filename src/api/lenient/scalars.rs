//! Lenient scalars: text, integers and ids, floats, money and yes/no flags,
//! each accepted in every shape real servers send.

use super::*;

/// Renders a float as text without losing integer digits.
///
/// serde_json (without its `arbitrary_precision` feature, which this crate
/// does not enable because it would slow every number down) hands integers
/// beyond `u64::MAX`, such as a 20-digit protocol sent bare, to us as `f64`
/// (possibly one ulp off). `{:.0}` prints that double's integer value with
/// every digit, so the length is right and the first 15 digits are exact;
/// `{}` would pad with zeros after the shortest round-trip digits.
pub(super) fn float_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() >= 9_007_199_254_740_992.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

pub(super) struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        Ok((!t.is_empty()).then(|| t.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        // Avoid a second allocation when the text needs no trimming.
        if v.trim().len() == v.len() {
            Ok((!v.is_empty()).then_some(v))
        } else {
            self.visit_str(&v)
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(float_text(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
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
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// Text that may arrive as a string, number or boolean (phones, `numero`,
/// `cep`, protocols, `numero_ordem_servico`, `carteira`...).
///
/// Numbers keep their digits as text (see the note on 20-digit protocols in
/// the module tests); empty or blank strings, `null`, arrays and objects give
/// `None`. Surrounding whitespace is trimmed.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// A short text kept inline when it fits (24 bytes, the size of a
/// `String`): most of a customer's fields (an address's ten, say) are
/// that short, and a bulk body of 100,000 customers otherwise allocates
/// and frees millions of them.
pub type ShortText = compact_str::CompactString;

struct ShortTextVisitor;

impl<'de> Visitor<'de> for ShortTextVisitor {
    type Value = Option<ShortText>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        Ok((!t.is_empty()).then(|| ShortText::from(t)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        TextVisitor.visit_u64(v).map(|t| t.map(ShortText::from))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        TextVisitor.visit_i64(v).map(|t| t.map(ShortText::from))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        TextVisitor.visit_f64(v).map(|t| t.map(ShortText::from))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        TextVisitor.visit_bool(v).map(|t| t.map(ShortText::from))
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
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        TextVisitor.visit_map(map).map(|_| None)
    }
}

/// [`text`] as a [`ShortText`]: the same values accepted, the same text
/// kept, inline when it is short.
pub fn short_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ShortText>, D::Error> {
    d.deserialize_any(ShortTextVisitor)
}

pub(super) fn int_from_str(s: &str) -> Option<i128> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i128>() {
        return Some(v);
    }
    // "11000.0" or "1.5e3": accept floats that hold an integer.
    t.parse::<f64>().ok().and_then(int_from_f64)
}

pub(super) fn int_from_f64(v: f64) -> Option<i128> {
    (v.is_finite() && v.fract() == 0.0 && v.abs() < 1e30).then_some(v as i128)
}

pub(super) struct IntVisitor;

/// The arms of a scalar visitor that never fit a number: booleans, `null`,
/// lists and objects all degrade to `None` (after consuming the value), and
/// an `Option` wrapper is looked through. Shared by the int, float and money
/// visitors so the degradation rule lives in one place.
macro_rules! scalar_fallbacks {
    () => {
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
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            TextVisitor.visit_map(map).map(|_| None)
        }
    };
}

impl<'de> Visitor<'de> for IntVisitor {
    type Value = Option<i128>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(int_from_f64(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(int_from_str(v))
    }
    scalar_fallbacks!();
}

pub(super) struct IdVisitor;

/// The error of an integer that no id can be: it is reported (the decode
/// error names the field's path) instead of silently becoming "no id",
/// which would hide the record's actions without a word.
pub(super) fn out_of_range<E: de::Error>() -> E {
    E::custom(format!(
        "an id out of range (negative, or larger than {})",
        u64::MAX
    ))
}

impl<'de> Visitor<'de> for IdVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v).map(Some).map_err(|_| out_of_range())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // serde_json hands integers past u64::MAX over as floats.
        if !v.is_finite() || v.fract() != 0.0 {
            return Ok(None);
        }
        if !(0.0..18_446_744_073_709_551_616.0).contains(&v) {
            return Err(out_of_range());
        }
        Ok(Some(v as u64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return match (t.starts_with('-'), t.parse::<u64>()) {
                (false, Ok(v)) => Ok(Some(v)),
                // "-0" is zero; any other sign or size is out of range.
                (true, _) if digits.bytes().all(|b| b == b'0') => Ok(Some(0)),
                _ => Err(out_of_range()),
            };
        }
        match t.parse::<f64>() {
            Ok(f) => self.visit_f64(f),
            Err(_) => Ok(None),
        }
    }
    scalar_fallbacks!();
}

/// An id (or any non-negative integer) from a number, `"11000"` or `11000.0`.
/// Fractional or non-numeric values give `None`; an integer that no id
/// can be (negative, or past `u64::MAX`, as a number or as digits) is an
/// error naming the field, never a silent `None`.
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(IdVisitor)
}

/// A signed integer (minutes, percentages, counts) from a number or string.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(d.deserialize_any(IntVisitor)?
        .and_then(|v| i64::try_from(v).ok()))
}

pub(super) struct FloatVisitor;

impl<'de> Visitor<'de> for FloatVisitor {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.is_finite().then_some(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        let parsed = t
            .parse::<f64>()
            .ok()
            .or_else(|| t.replace(',', ".").parse::<f64>().ok());
        Ok(parsed.filter(|v| v.is_finite()))
    }
    scalar_fallbacks!();
}

/// A floating-point measure (megabytes, coordinates) from a number or string
/// (`"4594.95"`, `"-19,85"`).
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(FloatVisitor)
}

/// Parses money text: `"119.9"`, `"20"`, `"1.234,56"`, `"R$ 1.234,56"`,
/// `"1,5"`, `"1.234.567"`. Returns `None` for anything else.
pub fn parse_money(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let t = t.strip_prefix("R$").unwrap_or(t).trim();
    if t.is_empty() {
        return None;
    }
    if t.contains(',') {
        // Brazilian format: '.' groups thousands, ',' is the decimal mark.
        let normalized: String = t
            .chars()
            .filter(|c| *c != '.')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        return Decimal::from_str(&normalized).ok();
    }
    if let Ok(v) = Decimal::from_str(t) {
        return Some(v);
    }
    // Several dots and no comma can only be Brazilian thousand groups.
    if t.matches('.').count() > 1 {
        return Decimal::from_str(&t.replace('.', "")).ok();
    }
    None
}

pub(super) fn money_from_f64(v: f64) -> Option<Decimal> {
    // The shortest round-trip text of the double is what the server printed
    // (119.9, not 119.900000000000005684...).
    if !v.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{v}")).ok()
}

pub(super) struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount of money")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(money_from_f64(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(parse_money(v))
    }
    scalar_fallbacks!();
}

/// For `#[serde(serialize_with)]`: money as a JSON number (`119.9`), as
/// HubSoft documents it, rather than `rust_decimal`'s string.
pub fn money_out<S: serde::Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    match v.and_then(|d| d.to_f64()) {
        Some(f) => s.serialize_f64(f),
        None => s.serialize_none(),
    }
}

/// Money as a [`Decimal`] from a float (`119.9`), an integer (`100`) or text
/// (`"119.9"`, `"20"`, `"1.234,56"`). Unparseable values give `None`.
pub fn money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_any(MoneyVisitor)
}

/// Interprets the many spellings of yes/no seen in HubSoft payloads.
pub fn parse_flag(s: &str) -> Option<bool> {
    const YES: [&str; 8] = ["sim", "s", "true", "t", "1", "yes", "y", "on"];
    const NO: [&str; 8] = ["nao", "n", "false", "f", "0", "no", "off", "não"];
    let t = s.trim();
    // Compared without allocating: this runs for every flag of a bulk body.
    if YES.iter().any(|y| t.eq_ignore_ascii_case(y)) {
        Some(true)
    } else if NO.iter().any(|n| t.eq_ignore_ascii_case(n)) || t.to_lowercase() == "não" {
        Some(false)
    } else {
        None
    }
}

pub(super) struct FlagVisitor;

impl<'de> Visitor<'de> for FlagVisitor {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).ok().and_then(|v| match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(parse_flag(v))
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
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        TextVisitor.visit_map(map).map(|_| None)
    }
}

/// A yes/no flag from `true`/`false`, `1`/`0`, `"sim"`/`"nao"`, `"1"`/`"0"`,
/// `"true"`/`"false"`. Anything else gives `None` ("unknown").
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    d.deserialize_any(FlagVisitor)
}
