//! Search-kind detection of whatever the attendant types or pastes.
#![no_main]

use hubdesk::api::CustomerSearchBy;
use hubdesk::search_kind::{cycle, detect, term_for};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let d = detect(s);
    // Detection is a pure function of the text.
    assert_eq!(detect(s).kind, d.kind);
    let mut kind = CustomerSearchBy::Name;
    for _ in 0..12 {
        let _ = term_for(kind, s);
        kind = cycle(kind);
    }
});
