//! Lenient decoding of HubSoft payloads.
//!
//! Production HubSoft servers drift from their documentation (see
//! `REAL-WORLD.md`): ids arrive as numbers or strings, money as floats,
//! integers, `"119.9"` or `"1.234,56"`, absent objects as `[]`, lists as
//! `null`, dates in half a dozen formats. The rule here is that **one odd
//! field never fails or blanks a whole record**: every leaf decoder accepts
//! any JSON value and degrades to `None` (or keeps the raw text) when the
//! value does not fit, skipping what it cannot use with [`IgnoredAny`].
//!
//! Everything is done with serde visitors straight from the parser, never by
//! building a `serde_json::Value` per field, so decoding a large
//! `cliente/all` body stays as cheap as parsing it generically.
//!
//! The functions are meant for `#[serde(deserialize_with = "...")]` on
//! `Option`/`Vec` fields of structs that also carry `#[serde(default)]`, so
//! that a missing key is simply `None` or empty.
#![warn(missing_docs)]

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The time zone in which HubSoft writes naive times.
pub const HUBSOFT_TZ: Tz = chrono_tz::America::Sao_Paulo;

// ---------------------------------------------------------------------------
// Text

/// Renders a float as text without losing integer digits.
///
/// serde_json (without its `arbitrary_precision` feature, which this crate
/// does not enable because it would slow every number down) hands integers
/// beyond `u64::MAX`, such as a 20-digit protocol sent bare, to us as `f64`
/// (possibly one ulp off). `{:.0}` prints that double's integer value with
/// every digit, so the length is right and the first 15 digits are exact;
/// `{}` would pad with zeros after the shortest round-trip digits.
fn float_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() >= 9_007_199_254_740_992.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

struct TextVisitor;

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

// ---------------------------------------------------------------------------
// Integers

fn int_from_str(s: &str) -> Option<i128> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i128>() {
        return Some(v);
    }
    // "11000.0" or "1.5e3": accept floats that hold an integer.
    t.parse::<f64>().ok().and_then(int_from_f64)
}

fn int_from_f64(v: f64) -> Option<i128> {
    (v.is_finite() && v.fract() == 0.0 && v.abs() < 1e30).then_some(v as i128)
}

struct IntVisitor;

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

struct IdVisitor;

/// The error of an integer that no id can be: it is reported (the decode
/// error names the field's path) instead of silently becoming "no id",
/// which would hide the record's actions without a word.
fn out_of_range<E: de::Error>() -> E {
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

// ---------------------------------------------------------------------------
// Floats (traffic, coordinates)

struct FloatVisitor;

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

// ---------------------------------------------------------------------------
// Money

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

fn money_from_f64(v: f64) -> Option<Decimal> {
    // The shortest round-trip text of the double is what the server printed
    // (119.9, not 119.900000000000005684...).
    if !v.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{v}")).ok()
}

struct MoneyVisitor;

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

// ---------------------------------------------------------------------------
// Booleans

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

struct FlagVisitor;

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

// ---------------------------------------------------------------------------
// Nested objects and lists

/// Wraps one list element or nested object: a JSON object decodes into `T`,
/// anything else (a stray string, `[]`, `null`) becomes `None`.
struct Obj<T>(Option<T>);

struct ObjVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // `{}` says "no object" as much as `[]` does: count the entries on
        // the way through instead of buffering the map.
        let mut counted = Counted {
            inner: map,
            entries: 0,
        };
        let value = T::deserialize(de::value::MapAccessDeserializer::new(&mut counted))?;
        Ok((counted.entries > 0).then_some(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        // `"ultima_conexao": []` is how HubSoft says "no object".
        TextVisitor.visit_seq(seq).map(|_| None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
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
}

/// Forwards a map while counting its entries.
struct Counted<A> {
    inner: A,
    entries: usize,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Counted<A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.inner.next_key_seed(seed)?;
        self.entries += usize::from(key.is_some());
        Ok(key)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ObjVisitor(PhantomData)).map(Obj)
    }
}

/// A nested object, "absent" (`None`) when it arrives as `[]`, `{}`,
/// `null`, a scalar, or is missing.
pub fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ObjVisitor(PhantomData))
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Obj(item)) = seq.next_element::<Obj<T>>()? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // PHP serialises an array with non-sequential keys as an object:
        // `{"0": {...}, "3": {...}}`. Take the values.
        let mut out = Vec::new();
        while let Some((_, Obj(item))) = map.next_entry::<IgnoredAny, Obj<T>>()? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A list of objects: `null`, a scalar or a missing key give an empty list;
/// elements that are not objects are skipped; an object whose values are
/// objects (PHP's sparse arrays) yields those values.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ListVisitor(PhantomData))
}

/// One element of a list of texts.
struct TextItem(Option<String>);

impl<'de> Deserialize<'de> for TextItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(TextItem)
    }
}

struct TextListVisitor;

impl<'de> Visitor<'de> for TextListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of texts")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(TextItem(item)) = seq.next_element::<TextItem>()? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Validation errors come as `{"field": ["message", ...]}` on some
        // deployments: flatten the messages.
        let mut out = Vec::new();
        while map.next_key::<IgnoredAny>()?.is_some() {
            out.extend(map.next_value::<TextOrList>()?.0);
        }
        Ok(out)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(TextVisitor.visit_str(v)?.into_iter().collect())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(vec![float_text(v)])
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

struct TextOrList(Vec<String>);

impl<'de> Deserialize<'de> for TextOrList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextListVisitor).map(TextOrList)
    }
}

/// A list of texts (alert messages, `errors`): `null` or missing give an
/// empty list, a lone string a one-element list, numbers become text, blank
/// entries are dropped, and `{"field": ["msg"]}` maps are flattened.
pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(TextListVisitor)
}

// ---------------------------------------------------------------------------
// Dates

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
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_day(s: &str) -> Option<NaiveDate> {
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
fn split_offset(t: &str) -> (&str, Option<FixedOffset>) {
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

fn parse_time(t: &str) -> Option<NaiveTime> {
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
fn localize(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Tz>> {
    tz.from_local_datetime(&naive).earliest().or_else(|| {
        tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
    })
}

fn parse_date_text(t: &str, tz: Tz) -> Option<ApiDate> {
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

fn date_from_epoch(v: i128) -> Option<ApiDate> {
    // Milliseconds for anything past ~1973 in ms (the documented form);
    // smaller magnitudes can only be seconds.
    let ms = if v.abs() >= 100_000_000_000 {
        v
    } else {
        v * 1000
    };
    ApiDate::from_epoch_millis(i64::try_from(ms).ok()?)
}

struct DateVisitor;

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
struct KeyName(Option<String>);

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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[derive(Deserialize, Default, Debug)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "text")]
        t: Option<String>,
        #[serde(deserialize_with = "id")]
        i: Option<u64>,
        #[serde(deserialize_with = "money")]
        m: Option<Decimal>,
        #[serde(deserialize_with = "flag")]
        f: Option<bool>,
        #[serde(deserialize_with = "date")]
        d: Option<ApiDate>,
        #[serde(deserialize_with = "birth_date")]
        b: Option<ApiDate>,
        #[serde(deserialize_with = "text_list")]
        l: Vec<String>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Tz> {
        HUBSOFT_TZ.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn text_accepts_numbers_and_trims() {
        assert_eq!(
            probe(r#"{"t": 37999112233}"#).t.as_deref(),
            Some("37999112233")
        );
        assert_eq!(probe(r#"{"t": "  a b "}"#).t.as_deref(), Some("a b"));
        assert_eq!(probe(r#"{"t": ""}"#).t, None);
        assert_eq!(probe(r#"{"t": {"x": [1]}}"#).t, None);
        assert_eq!(probe(r#"{"t": 1.5}"#).t.as_deref(), Some("1.5"));
    }

    #[test]
    fn ids_from_numbers_strings_and_integral_floats() {
        assert_eq!(probe(r#"{"i": 11000}"#).i, Some(11000));
        assert_eq!(probe(r#"{"i": "11000"}"#).i, Some(11000));
        assert_eq!(probe(r#"{"i": 11000.0}"#).i, Some(11000));
        assert_eq!(probe(r#"{"i": "abc"}"#).i, None);
        assert_eq!(probe(r#"{"i": true}"#).i, None);
        assert_eq!(probe(r#"{"i": 1.5}"#).i, None);
        assert_eq!(probe(r#"{"i": 18446744073709551615}"#).i, Some(u64::MAX));
        assert_eq!(probe(r#"{"i": "-0"}"#).i, Some(0));
    }

    #[test]
    fn ids_no_id_can_be_are_reported_not_dropped() {
        // Issue 14: a huge id silently became "no id", hiding the record's
        // actions without a word. Negative ones too.
        for bad in [
            "-1",
            r#""-7""#,
            "18446744073709551616",
            r#""99999999999999999999""#,
            "1e25",
            "-3.0",
        ] {
            let e = serde_json::from_str::<Probe>(&format!(r#"{{"i": {bad}}}"#))
                .expect_err(bad)
                .to_string();
            assert!(e.contains("an id out of range"), "{bad}: {e}");
        }
    }

    #[test]
    fn money_in_every_spelling() {
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(probe(r#"{"m": 119.9}"#).m, Some(dec("119.9")));
        assert_eq!(probe(r#"{"m": 100}"#).m, Some(dec("100")));
        assert_eq!(probe(r#"{"m": "20"}"#).m, Some(dec("20")));
        assert_eq!(probe(r#"{"m": "1.234,56"}"#).m, Some(dec("1234.56")));
        assert_eq!(probe(r#"{"m": "R$ 1.234,56"}"#).m, Some(dec("1234.56")));
        assert_eq!(probe(r#"{"m": "1.234.567"}"#).m, Some(dec("1234567")));
        assert_eq!(probe(r#"{"m": "abc"}"#).m, None);
    }

    #[test]
    fn flags() {
        assert_eq!(probe(r#"{"f": "sim"}"#).f, Some(true));
        assert_eq!(probe(r#"{"f": "NAO"}"#).f, Some(false));
        assert_eq!(probe(r#"{"f": 1}"#).f, Some(true));
        assert_eq!(probe(r#"{"f": "0"}"#).f, Some(false));
        assert_eq!(probe(r#"{"f": "talvez"}"#).f, None);
    }

    #[test]
    fn date_formats() {
        let d = |s: &str| ApiDate::parse(s).unwrap();
        let day = |y, m, dd| ApiDate::Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        assert_eq!(d("10/10/2017"), day(2017, 10, 10));
        assert_eq!(d("2020-04-05"), day(2020, 4, 5));
        assert_eq!(d("28\\07\\2020"), day(2020, 7, 28));
        assert_eq!(
            d("16/11/2018 10:58:21"),
            ApiDate::Instant(at(2018, 11, 16, 10, 58, 21))
        );
        assert_eq!(
            d("26/09/2017 13:20"),
            ApiDate::Instant(at(2017, 9, 26, 13, 20, 0))
        );
        assert_eq!(
            d("05\\03\\2020 14:52"),
            ApiDate::Instant(at(2020, 3, 5, 14, 52, 0))
        );
        assert_eq!(
            d("2020-03-05 14:52:00"),
            ApiDate::Instant(at(2020, 3, 5, 14, 52, 0))
        );
        assert_eq!(
            d("2020-03-05T14:52:00"),
            ApiDate::Instant(at(2020, 3, 5, 14, 52, 0))
        );
        // -03 is Sao Paulo's own offset outside DST: same wall clock.
        assert_eq!(
            d("2019-12-15 18:22:24-03"),
            ApiDate::Instant(at(2019, 12, 15, 18, 22, 24))
        );
        assert_eq!(
            d("2019-12-15T21:22:24Z"),
            ApiDate::Instant(at(2019, 12, 15, 18, 22, 24))
        );
        assert_eq!(
            d("2019-12-15 18:22:24-03:00"),
            ApiDate::Instant(at(2019, 12, 15, 18, 22, 24))
        );
        let frac = d("2019-10-07 13:39:48.000000");
        assert_eq!(frac, ApiDate::Instant(at(2019, 10, 7, 13, 39, 48)));
        assert_eq!(d("ontem à tarde"), ApiDate::Raw("ontem à tarde".into()));
        assert_eq!(d("31/02/2020"), ApiDate::Raw("31/02/2020".into()));
        // --json promises ISO 8601: text in no known format is marked as
        // such, never passed on as if it were a date.
        assert_eq!(
            serde_json::to_value(d("31/02/2020")).unwrap(),
            serde_json::json!({"texto": "31/02/2020"})
        );
        assert_eq!(
            serde_json::to_value(d("10/05/2024")).unwrap(),
            serde_json::json!("2024-05-10")
        );
        assert_eq!(ApiDate::parse("   "), None);
    }

    #[test]
    fn epoch_millis_and_php_objects() {
        assert_eq!(
            probe(r#"{"d": 1583430720000}"#).d,
            Some(ApiDate::Instant(at(2020, 3, 5, 14, 52, 0)))
        );
        let php = r#"{"d": {"date": "2019-10-07 13:39:48.000000", "timezone_type": 3, "timezone": "America/Sao_Paulo"}}"#;
        assert_eq!(
            probe(php).d,
            Some(ApiDate::Instant(at(2019, 10, 7, 13, 39, 48)))
        );
        let utc = r#"{"d": {"date": "2019-10-07 16:39:48.000000", "timezone_type": 3, "timezone": "UTC"}}"#;
        assert_eq!(
            probe(utc).d,
            Some(ApiDate::Instant(at(2019, 10, 7, 13, 39, 48)))
        );
        assert_eq!(probe(r#"{"d": {}}"#).d, None);
        assert_eq!(probe(r#"{"d": []}"#).d, None);
    }

    #[test]
    fn placeholder_birth_dates_are_unknown() {
        assert_eq!(probe(r#"{"b": "1969-12-31 04:00:00"}"#).b, None);
        assert_eq!(probe(r#"{"b": "1969-12-31"}"#).b, None);
        assert_eq!(
            probe(r#"{"b": "1994-03-10"}"#).b,
            Some(ApiDate::Day(NaiveDate::from_ymd_opt(1994, 3, 10).unwrap()))
        );
    }

    #[test]
    fn text_lists() {
        assert_eq!(probe(r#"{"l": ["a", "", 3, null]}"#).l, vec!["a", "3"]);
        assert_eq!(
            probe(r#"{"l": {"cep": ["CEP inválido"]}}"#).l,
            vec!["CEP inválido"]
        );
        assert_eq!(probe(r#"{"l": null}"#).l, Vec::<String>::new());
    }

    #[test]
    fn dst_gap_moves_forward() {
        // 2018-11-04 00:30 did not exist in Sao Paulo (clocks jumped to 01:00).
        let v = ApiDate::parse("2018-11-04 00:30:00").unwrap();
        assert_eq!(v.instant().unwrap().hour(), 1);
    }

    #[test]
    fn a_multibyte_character_in_an_offset_is_not_a_panic() {
        // Found by fuzz/decode: `-‡3` is four bytes after the sign, and the
        // offset parser sliced at byte 2, inside the character.
        for text in [
            "2024-01-01 10:00-‡3",
            "2024-01-01 10:00+‡3",
            "01/01/2024 10:00-é:é",
        ] {
            let d = ApiDate::parse(text);
            assert!(!matches!(d, Some(ApiDate::Instant(_))), "{text}: {d:?}");
        }
        assert!(matches!(
            ApiDate::parse("2024-01-01 10:00-03:00"),
            Some(ApiDate::Instant(_))
        ));
    }
}
