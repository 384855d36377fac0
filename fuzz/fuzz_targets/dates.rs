//! Dates: the typed-date parser round-trips through the Brazilian format;
//! the API's lenient date parser (and its JSON deserializer) never panics.
#![no_main]

use hubdesk::api::ApiDate;
use hubdesk::br::dates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = dates::parse_date(s) {
        assert_eq!(dates::parse_date(&dates::format_date(d)), Ok(d));
    }
    if let Some(d) = ApiDate::parse(s) {
        let _ = d.to_br();
        let _ = d.date();
        let _ = d.instant();
        let _ = d.raw();
    }
    // The same text as a JSON value of a date field, and as a number.
    let _ = serde_json::from_value::<Wrapper>(serde_json::json!({ "d": s }));
    if let Ok(n) = s.trim().parse::<i64>() {
        let _ = ApiDate::from_epoch_millis(n);
        let _ = serde_json::from_value::<Wrapper>(serde_json::json!({ "d": n }));
    }
});

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Wrapper {
    #[serde(deserialize_with = "hubdesk::api::lenient::date")]
    d: Option<ApiDate>,
}
