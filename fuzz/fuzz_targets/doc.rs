//! CPF/CNPJ parsing: never panics; a parsed document survives its own
//! masked form; the check-digit helpers agree with the parser.
#![no_main]

use hubdesk::br::doc::{self, DocKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = doc::display(s);
    let _ = doc::kind_of(s);
    let _ = doc::is_valid_cpf(s);
    let _ = doc::is_valid_cnpj(s);
    if let Ok(d) = doc::parse(s) {
        let again = doc::parse(&d.masked()).expect("the masked form parses");
        assert_eq!(again.plain(), d.plain());
        assert_eq!(again.kind(), d.kind());
        match d.kind() {
            DocKind::Cpf => assert!(doc::is_valid_cpf(d.plain())),
            DocKind::Cnpj => assert!(doc::is_valid_cnpj(d.plain())),
        }
    }
});
