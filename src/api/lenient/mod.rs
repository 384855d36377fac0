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

mod dates;
mod nested;
mod scalars;

pub use dates::*;
pub use nested::*;
pub use scalars::*;

/// The time zone in which HubSoft writes naive times.
pub const HUBSOFT_TZ: Tz = chrono_tz::America::Sao_Paulo;

#[cfg(test)]
mod tests;
