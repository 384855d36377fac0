//! Server text on its way to the screen: no forbidden character survives
//! cleaning, and cleaning is idempotent.
#![no_main]

use hubdesk::sanitize::{clean_line, clean_multiline, is_forbidden};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let line = clean_line(&s);
    assert!(!line.chars().any(is_forbidden), "{line:?}");
    assert_eq!(clean_line(&line), line);
    let multi = clean_multiline(&s);
    assert!(
        !multi.chars().any(|c| c != '\n' && is_forbidden(c)),
        "{multi:?}"
    );
    assert_eq!(clean_multiline(&multi), multi);
});
