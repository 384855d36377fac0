//! Plan speeds as HubSoft sends them.
//!
//! The 2020 documentation has `velocidade_download`/`velocidade_upload` as
//! integers in kbit/s (`20480`). Current servers also send text with a
//! unit: `"30 Mbits"`, `"10240 Mbits"`, `"512 Kbits"`, `"1,5 Mbps"`. The
//! unit is not always right (an ISP that typed kbit/s figures into a field
//! its panel labels "Mbits" gives `"10240 Mbits"` for a 10 Mbit/s plan), so
//! a [`Speed`] keeps the text exactly as sent next to what it parsed, and
//! [`Speed::doubtful`] says when the parse should be shown with that text
//! rather than alone. Nothing is ever lost: unparsable text stays in
//! [`Speed::raw`].

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// kbit/s in one Mbit/s, as HubSoft counts (`102400` is "100 MEGA").
pub const KBPS_PER_MBPS: u64 = 1024;

/// From this speed on (10 Gbit/s) no subscriber plan exists: such a parse is
/// shown with the server's own text.
const IMPLAUSIBLE_KBPS: u64 = 10 * 1024 * 1024;

/// One speed field: the parsed kbit/s and, when the server sent text, that
/// text verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Speed {
    /// The speed in kbit/s, when it could be read.
    pub kbps: Option<u64>,
    /// The server's text when it sent a string (`"10240 Mbits"`), trimmed;
    /// `None` for a bare number.
    pub raw: Option<String>,
}

impl Speed {
    /// A speed sent as a bare number of kbit/s.
    pub fn from_kbps(kbps: u64) -> Speed {
        Speed {
            kbps: Some(kbps),
            raw: None,
        }
    }

    /// A speed sent as text: parsed with [`parse_speed`], the text kept.
    pub fn from_text(text: &str) -> Option<Speed> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        Some(Speed {
            kbps: parse_speed(t),
            raw: Some(t.to_owned()),
        })
    }

    /// Whether the parsed value should not be shown alone: the text could
    /// not be read, the value is beyond any subscriber plan, or the plan's
    /// name states another speed (`"10MB FIBRA"` with `"10240 Mbits"`).
    pub fn doubtful(&self, plan_name: Option<&str>) -> bool {
        let Some(kbps) = self.kbps else {
            return self.raw.is_some();
        };
        if kbps >= IMPLAUSIBLE_KBPS {
            return true;
        }
        match plan_name.and_then(plan_name_mbps) {
            // Within a factor of 1.5 either way: binary vs decimal steps,
            // rounding, "100 MEGA" sold at 102400 or 100000.
            Some(named) if named > 0.0 => {
                let mbps = kbps as f64 / KBPS_PER_MBPS as f64;
                let ratio = mbps / named;
                !(2.0 / 3.0..=1.5).contains(&ratio)
            }
            _ => false,
        }
    }
}

/// Reads `"30 Mbits"`, `"30Mbps"`, `"1,5 Mbps"`, `"512 kbps"`, `"1 Gbps"`,
/// `"20480"` (no unit: kbit/s, as documented) into kbit/s. Case, a space
/// before the unit, `/s` and a Brazilian or plain decimal separator are all
/// accepted. Anything else gives `None`.
pub fn parse_speed(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value = parse_number(number)?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit.strip_suffix("/s").unwrap_or(&unit).trim();
    let factor = match unit {
        "" | "k" | "kb" | "kbps" | "kbit" | "kbits" | "kbit/s" | "kbits/s" => 1.0,
        "m" | "mb" | "mbps" | "mbit" | "mbits" | "mega" | "megas" => KBPS_PER_MBPS as f64,
        "g" | "gb" | "gbps" | "gbit" | "gbits" | "giga" => (KBPS_PER_MBPS * KBPS_PER_MBPS) as f64,
        _ => return None,
    };
    let kbps = (value * factor).round();
    (0.0..1e15).contains(&kbps).then_some(kbps as u64)
}

/// `1,5`, `1.5`, `10240`, `1.024` (a thousands dot when three digits
/// follow it and there is no comma).
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let normalized = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else if s.matches('.').count() == 1 && s.split('.').nth(1).is_some_and(|f| f.len() == 3) {
        // "1.024" is a thousand and twenty-four in a Brazilian panel.
        s.replace('.', "")
    } else {
        s.to_owned()
    };
    normalized.parse::<f64>().ok()
}

/// The speed a plan's name states, in Mbit/s: `"100MB-FIBRA"`, `"NEXT-NV_1MBPS"`,
/// `"(100) 100_MB"`, `"PLANO 300 MEGA"`, `"1GB FIBRA"` is not read (it is
/// as often a data allowance as a speed).
pub fn plan_name_mbps(name: &str) -> Option<f64> {
    let upper = name.to_uppercase();
    let bytes: Vec<char> = upper.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == ',') {
            i += 1;
        }
        let number: String = bytes[start..i].iter().collect();
        let mut j = i;
        while j < bytes.len() && matches!(bytes[j], ' ' | '_' | '-') {
            j += 1;
        }
        let word: String = bytes[j..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let is_mega = matches!(
            word.as_str(),
            "M" | "MB" | "MBS" | "MBPS" | "MBIT" | "MBITS" | "MEGA" | "MEGAS"
        );
        if is_mega && let Some(v) = parse_number(&number) {
            return Some(v);
        }
    }
    None
}

/// Serialized as HubSoft sent it: the text when it was text, else the
/// number of kbit/s. (`--json` adds the parsed kbit/s beside it.)
impl serde::Serialize for Speed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.raw, self.kbps) {
            (Some(raw), _) => s.serialize_str(raw),
            (None, Some(k)) => s.serialize_u64(k),
            (None, None) => s.serialize_none(),
        }
    }
}

struct SpeedVisitor;

impl<'de> Visitor<'de> for SpeedVisitor {
    type Value = Option<Speed>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a speed in kbit/s or a text with a unit")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Speed::from_kbps(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(match u64::try_from(v) {
            Ok(v) => Speed::from_kbps(v),
            Err(_) => Speed {
                kbps: None,
                raw: Some(v.to_string()),
            },
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(if (0.0..1e15).contains(&v) && v.fract() == 0.0 {
            Speed::from_kbps(v as u64)
        } else {
            Speed {
                kbps: None,
                raw: Some(v.to_string()),
            }
        }))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Speed::from_text(v))
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
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// For `#[serde(deserialize_with)]`: a number is kbit/s, a string is
/// parsed with its unit and kept; anything else is `None`.
pub fn speed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Speed>, D::Error> {
    d.deserialize_any(SpeedVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_spaces_and_decimals() {
        for (text, kbps) in [
            ("10240 Mbits", 10240 * 1024),
            ("30 Mbits", 30 * 1024),
            ("30Mbits", 30 * 1024),
            ("30 mbps", 30 * 1024),
            ("30 Mbit/s", 30 * 1024),
            ("1,5 Mbps", 1536),
            ("1.5Mbps", 1536),
            ("512 Kbits", 512),
            ("512kbps", 512),
            ("20480", 20480),
            ("1 Gbps", 1024 * 1024),
            ("1.024 Kbits", 1024),
            (" 100 MEGA ", 100 * 1024),
        ] {
            assert_eq!(parse_speed(text), Some(kbps), "{text}");
        }
        for bad in [
            "",
            "rápido",
            "Mbits",
            "10 furlongs",
            "-5 Mbps",
            "1,5,5 Mbps",
        ] {
            assert_eq!(parse_speed(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_is_kept_even_when_unreadable() {
        let s = Speed::from_text("ilimitado").unwrap();
        assert_eq!((s.kbps, s.raw.as_deref()), (None, Some("ilimitado")));
        assert!(s.doubtful(None));
        assert_eq!(Speed::from_text("   "), None);
    }

    #[test]
    fn decodes_numbers_and_text() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(deserialize_with = "speed", default)]
            v: Option<Speed>,
        }
        let get = |j: &str| serde_json::from_str::<S>(j).unwrap().v;
        assert_eq!(get(r#"{"v": 20480}"#), Some(Speed::from_kbps(20480)));
        assert_eq!(get(r#"{"v": 20480.0}"#), Some(Speed::from_kbps(20480)));
        assert_eq!(
            get(r#"{"v": "30 Mbits"}"#),
            Some(Speed {
                kbps: Some(30 * 1024),
                raw: Some("30 Mbits".into())
            })
        );
        assert_eq!(get(r#"{"v": null}"#), None);
        assert_eq!(get(r#"{"v": [1]}"#), None);
        assert_eq!(get(r#"{"v": {"a": 1}}"#), None);
        assert_eq!(get(r#"{}"#), None);
        let neg = get(r#"{"v": -1}"#).unwrap();
        assert_eq!((neg.kbps, neg.raw.as_deref()), (None, Some("-1")));
    }

    #[test]
    fn plan_names_state_speeds() {
        assert_eq!(plan_name_mbps("100MB-FIBRA"), Some(100.0));
        assert_eq!(plan_name_mbps("NEXT-NV_1MBPS"), Some(1.0));
        assert_eq!(plan_name_mbps("5MB-WIRELLES-TESTE"), Some(5.0));
        assert_eq!(plan_name_mbps("(100) 100_MB"), Some(100.0));
        assert_eq!(plan_name_mbps("PLANO 300 MEGA"), Some(300.0));
        assert_eq!(plan_name_mbps("10M"), Some(10.0));
        assert_eq!(plan_name_mbps("FIBRA 1GB"), None);
        assert_eq!(plan_name_mbps("PLANO EMPRESARIAL"), None);
        assert_eq!(plan_name_mbps("2 MESES GRÁTIS"), None);
    }

    #[test]
    fn a_label_that_contradicts_the_plan_is_doubtful() {
        let mislabeled = Speed::from_text("10240 Mbits").unwrap();
        assert!(mislabeled.doubtful(Some("10MB FIBRA")));
        // Beyond any subscriber plan even without a plan name.
        assert!(mislabeled.doubtful(None));
        let right = Speed::from_text("30 Mbits").unwrap();
        assert!(!right.doubtful(Some("30MB FIBRA")));
        assert!(!right.doubtful(None));
        assert!(right.doubtful(Some("300 MEGA")));
        // 20000 kbit/s sold as "20MB": decimal steps are fine.
        assert!(!Speed::from_kbps(20000).doubtful(Some("20MB")));
    }
}
