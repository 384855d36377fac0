//! Phone numbers: never panics; normalising is idempotent; a parsed phone
//! parses again from its digits and from its display form.
#![no_main]

use hubdesk::br::phone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let n = phone::normalize(s);
    assert_eq!(phone::normalize(&n), n, "normalize is idempotent");
    let _ = phone::is_plausible(&n);
    let _ = phone::display(s);
    if let Ok(p) = phone::parse(s) {
        let again = phone::parse(p.digits()).expect("its digits parse");
        assert_eq!(again.digits(), p.digits());
        let shown = phone::display(p.digits());
        assert_eq!(
            phone::parse(&shown).expect("display parses").digits(),
            p.digits()
        );
    }
});
