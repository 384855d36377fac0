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
    let utc =
        r#"{"d": {"date": "2019-10-07 16:39:48.000000", "timezone_type": 3, "timezone": "UTC"}}"#;
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

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct ShortProbe {
    #[serde(deserialize_with = "text")]
    long: Option<String>,
    #[serde(deserialize_with = "short_text")]
    short: Option<ShortText>,
}

#[test]
fn short_text_keeps_exactly_what_text_keeps() {
    for value in [
        r#""São João del-Rei""#,
        r#""  a b ""#,
        r#""""#,
        r#""   ""#,
        r#""RUA DOS IPÊS, 877 - RECANTO DOS PÁSSAROS, DIVINÓPOLIS/MG""#,
        r#""a\"quoted\" \\ \u00e9 text""#,
        "37999112233",
        "-12",
        "1.5",
        "123456789012345678901",
        "true",
        "null",
        "[1, \"a\"]",
        r#"{"x": [1]}"#,
    ] {
        let json = format!(r#"{{"long": {value}, "short": {value}}}"#);
        let p: ShortProbe = serde_json::from_str(&json).unwrap();
        assert_eq!(p.short.as_deref(), p.long.as_deref(), "{value}");
    }
    // Written back as the same JSON string.
    let p: ShortProbe = serde_json::from_str(r#"{"short": " Centro "}"#).unwrap();
    assert_eq!(serde_json::to_string(&p.short).unwrap(), r#""Centro""#);
}

#[test]
fn short_text_is_kept_inline_up_to_24_bytes() {
    let p: ShortProbe = serde_json::from_str(r#"{"short": "RECANTO DOS PÁSSAROS"}"#).unwrap();
    assert!(!p.short.unwrap().is_heap_allocated());
    let p: ShortProbe =
        serde_json::from_str(r#"{"short": "ESTRADA VELHA DO CARMO, 1661"}"#).unwrap();
    assert!(p.short.unwrap().is_heap_allocated());
}
