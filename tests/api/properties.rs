//! The fuzz targets' properties (`fuzz/fuzz_targets/`), as proptests that
//! run inside `cargo test` on every build. The unit modules already hold
//! generator-based properties (valid CPFs, masked phones, formatted
//! amounts); these add the "any input at all" side and the response
//! decoding of every route:
//! - arbitrary bytes as any route's answer, with any interesting status,
//!   never panic the client's decode path;
//! - every documented example answer with one scalar replaced by an
//!   arbitrary string still decodes (the lenient decoders degrade a field,
//!   never the record);
//! - CPF/CNPJ, phone, date and money parsers round-trip what they accept;
//!   phone normalisation is idempotent; search-kind detection and the
//!   API's lenient date and money parsers never panic.

use std::path::PathBuf;

use hubdesk::api::fuzzing::{FUZZ_ROUTES, FuzzOutcome, decode_for_fuzz};
use hubdesk::api::lenient::parse_money;
use hubdesk::api::{ApiDate, ApiError};
use hubdesk::br::{dates, doc, money, phone};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

const STATUSES: [u16; 12] = [200, 201, 204, 400, 401, 403, 404, 422, 429, 500, 502, 504];

/// Example answers (file under `tests/fixtures/hubsoft-examples/`) and the
/// index of their route in [`FUZZ_ROUTES`].
const EXAMPLES: [(&str, &str); 22] = [
    ("oauth_token.response.json", "oauth/token"),
    ("cliente.response.json", "cliente"),
    ("cliente_all.response.json", "cliente/all"),
    ("cliente_atendimento.response.json", "cliente/atendimento"),
    ("atendimento_post.response.json", "atendimento"),
    ("atendimento_put.response.json", "atendimento/{id}"),
    (
        "cliente_desbloqueio_confianca.response.json",
        "cliente/desbloqueio_confianca",
    ),
    (
        "cliente_solicitar_desconexao.success.json",
        "cliente/solicitar_desconexao/{id}",
    ),
    (
        "cliente_extrato_conexao.response.json",
        "cliente/extrato_conexao",
    ),
    ("cliente_financeiro.response.json", "cliente/financeiro"),
    (
        "cliente_financeiro_enviar_email.response.json",
        "cliente/financeiro/enviar_email",
    ),
    (
        "cliente_financeiro_enviar_sms.response.json",
        "cliente/financeiro/enviar_sms",
    ),
    (
        "cliente_financeiro_enviar_push.response.json",
        "cliente/financeiro/enviar_push",
    ),
    (
        "cliente_ordem_servico.response.json",
        "cliente/ordem_servico",
    ),
    (
        "cliente_reset_mac_addr.response.json",
        "cliente/reset_mac_addr",
    ),
    ("endereco_cidade.response.json", "endereco/cidade"),
    ("financeiro.response.json", "financeiro"),
    ("pbx_notificar.response.json", "pbx/ligacao/notificar"),
    ("prospecto_create.response.json", "prospecto/create"),
    ("prospecto_busca.response.json", "prospecto"),
    ("rede_pop.response.json", "rede/pop"),
    (
        "rede_zona_atendimento.response.json",
        "rede/zona_atendimento",
    ),
];

fn example(file: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hubsoft-examples")
        .join(file);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn route_index(route: &str) -> usize {
    FUZZ_ROUTES.iter().position(|r| *r == route).unwrap()
}

/// JSON pointers of every scalar leaf, with the key that holds it.
fn leaves(v: &Value, path: String, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            leaves(
                v,
                format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                k,
                out,
            )
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{path}/{i}"), key, out)),
        _ => out.push((path, key.to_owned())),
    }
}

/// An integer, as text, that is negative or larger than `u64::MAX`.
fn no_id_can_be(s: &str) -> bool {
    let t = s.trim();
    match t.parse::<i128>() {
        Ok(v) => v < 0 || v > i128::from(u64::MAX),
        Err(_) => {
            let digits = t.strip_prefix('-').unwrap_or(t);
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                || t.parse::<f64>()
                    .is_ok_and(|f| f.is_finite() && f.fract() == 0.0 && !(0.0..1.8e19).contains(&f))
        }
    }
}

/// Strings a hostile or sloppy server could put anywhere.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,25}",
        "[0-9./,: -]{0,20}",
        Just(String::new()),
        Just("null".to_owned()),
        Just("0000-00-00 00:00:00".to_owned()),
        Just("99/99/9999".to_owned()),
        Just("R$ 1.234,56".to_owned()),
        Just("-0".to_owned()),
        Just("1e400".to_owned()),
        Just("NaN".to_owned()),
        Just("\u{1b}]52;c;AAAA\u{7}".to_owned()),
    ]
}

/// Inputs that once crashed a fuzz target (`tests/fixtures/fuzz/`), fed
/// to the same target's code: each must now pass.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&data);
        if name.starts_with("decode-") {
            // The decode target's framing: route byte, status byte, body.
            let status = STATUSES[data[1] as usize % STATUSES.len()];
            let _ = decode_for_fuzz(data[0] as usize, status, None, &data[2..]);
        } else if name.starts_with("phone-") {
            let once = phone::normalize(&text);
            assert_eq!(phone::normalize(&once), once, "{name}");
        } else if name.starts_with("dates-") {
            if let Some(d) = ApiDate::parse(&text) {
                let _ = (d.to_br(), d.date(), d.instant());
            }
        } else {
            panic!("{name}: which target?");
        }
        n += 1;
    }
    assert!(n >= 3, "crash inputs missing: {n}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_as_any_answer_never_panic(
        route in 0usize..FUZZ_ROUTES.len(),
        status in 0usize..STATUSES.len(),
        body in proptest::collection::vec(any::<u8>(), 0..512),
        retry_after in proptest::option::of("\\PC{0,30}"),
    ) {
        let _ = decode_for_fuzz(route, STATUSES[status], retry_after.as_deref(), &body);
    }

    #[test]
    fn arbitrary_json_text_as_any_answer_never_panics(
        route in 0usize..FUZZ_ROUTES.len(),
        body in "[\\[\\]{}\":,0-9a-z_. -]{0,200}",
    ) {
        let _ = decode_for_fuzz(route, 200, None, body.as_bytes());
    }

    #[test]
    fn one_odd_scalar_never_fails_a_documented_answer(
        which in 0usize..EXAMPLES.len(),
        pick in any::<prop::sample::Index>(),
        replacement in odd_string(),
    ) {
        let (file, route) = EXAMPLES[which];
        let mut v = example(file);
        let mut all = Vec::new();
        leaves(&v, String::new(), "", &mut all);
        let (pointer, key) = &all[pick.index(all.len())];
        // `status` decides success vs refusal: not a data field.
        prop_assume!(key != "status");
        *v.pointer_mut(pointer).unwrap() = Value::String(replacement.clone());
        let body = serde_json::to_vec(&v).unwrap();
        match decode_for_fuzz(route_index(route), 200, None, &body) {
            FuzzOutcome::Decoded(_) => {}
            // The grant needs its token: a bad one is an error, rightly.
            FuzzOutcome::Failed(_) if route == "oauth/token"
                && ["access_token", "token_type", "expires_in"].contains(&key.as_str()) => {}
            // An integer no id can be is reported, not dropped (issue 14).
            FuzzOutcome::Failed(ApiError::Decode { detail, .. })
                if detail.starts_with("an id out of range") && no_id_can_be(&replacement) => {}
            other => prop_assert!(false, "{file} {pointer} = {replacement:?}: {other:?}"),
        }
    }

    #[test]
    fn documents_survive_their_masked_form(s in prop_oneof!["\\PC{0,20}", "[0-9A-Z./ -]{11,20}"]) {
        let _ = doc::display(&s);
        if let Ok(d) = doc::parse(&s) {
            let again = doc::parse(&d.masked()).expect("the masked form parses");
            prop_assert_eq!(again.plain(), d.plain());
            prop_assert_eq!(again.kind(), d.kind());
        }
    }

    #[test]
    fn phone_normalisation_is_idempotent_and_parses_round_trip(
        s in prop_oneof![any::<String>(), "[0-9()+ -]{0,20}"],
    ) {
        let n = phone::normalize(&s);
        prop_assert_eq!(phone::normalize(&n), n.clone());
        let _ = phone::display(&s);
        if let Ok(p) = phone::parse(&s) {
            let again = phone::parse(p.digits()).expect("its digits parse");
            prop_assert_eq!(again.digits(), p.digits());
            let shown = phone::display(p.digits());
            let reparsed = phone::parse(&shown).expect("display parses");
            prop_assert_eq!(reparsed.digits(), p.digits());
        }
    }

    #[test]
    fn typed_dates_round_trip_and_api_dates_never_panic(
        s in prop_oneof![any::<String>(), "[0-9/.: T-]{0,24}"],
    ) {
        if let Ok(d) = dates::parse_date(&s) {
            prop_assert_eq!(dates::parse_date(&dates::format_date(d)), Ok(d));
        }
        if let Some(d) = ApiDate::parse(&s) {
            let _ = (d.to_br(), d.date(), d.instant(), d.raw());
        }
    }

    #[test]
    fn typed_amounts_round_trip_to_centavos(
        s in prop_oneof![any::<String>(), "-?(R\\$ ?)?[0-9.,]{0,18}"],
    ) {
        let _ = parse_money(&s);
        if let Ok(d) = money::parse_brl(&s) {
            let shown = money::format_brl(d);
            let back = money::parse_brl(&shown).expect("a formatted amount parses");
            let cents: Decimal = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(back, cents, "{:?} -> {:?}", s, shown);
        }
    }

    #[test]
    fn search_kind_detection_is_total_and_deterministic(s in any::<String>()) {
        let d = hubdesk::search_kind::detect(&s);
        prop_assert_eq!(hubdesk::search_kind::detect(&s).kind, d.kind);
        let mut kind = d.kind;
        for _ in 0..12 {
            let _ = hubdesk::search_kind::term_for(kind, &s);
            kind = hubdesk::search_kind::cycle(kind);
        }
    }
}
