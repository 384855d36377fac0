//! Money: typed amounts round-trip through `R$` formatting (to centavos);
//! the API's lenient money parser never panics.
#![no_main]

use hubdesk::api::lenient::parse_money;
use hubdesk::br::money::{format_brl, parse_brl};
use libfuzzer_sys::fuzz_target;
use rust_decimal::{Decimal, RoundingStrategy};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_money(s);
    if let Ok(d) = parse_brl(s) {
        let shown = format_brl(d);
        let back = parse_brl(&shown).expect("a formatted amount parses");
        let cents: Decimal = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(back, cents, "{s:?} -> {shown:?}");
    }
});
