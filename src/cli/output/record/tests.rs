use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use super::*;
use crate::api::{Customer, CustomersResponse};
use crate::cli::output::{Fmt, record_json};
use crate::i18n::Lang;

fn fmt(privacy: bool) -> Fmt {
    Fmt {
        lang: Lang::En,
        privacy,
    }
}

/// Asserts that the writer prints `record` as `record_json` does, with
/// privacy mode off and on, through one writer each (pools warm).
fn same<T: Serialize>(writers: &[RecordWriter; 2], record: &T, what: &str) {
    for (w, privacy) in writers.iter().zip([false, true]) {
        let expected = record_json(&fmt(privacy), record).to_string();
        let mut out = b"prefix ".to_vec();
        w.write(&mut out, record).expect("writes");
        let got = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            got.strip_prefix("prefix "),
            Some(expected.as_str()),
            "{what}, privacy {privacy}"
        );
    }
}

fn writers() -> [RecordWriter; 2] {
    [RecordWriter::new(false), RecordWriter::new(true)]
}

#[test]
fn hubsoft_example_customers_come_out_as_record_json_prints_them() {
    let w = writers();
    let mut n = 0;
    for body in [
        include_str!("../../../../tests/fixtures/hubsoft-examples/cliente_all.response.json"),
        include_str!("../../../../tests/fixtures/hubsoft-examples/cliente.response.json"),
        include_str!("../../../../tests/fixtures/hubsoft-collection/cliente.success.json"),
    ] {
        let resp: CustomersResponse = serde_json::from_str(body).expect("fixture decodes");
        for c in &resp.clientes {
            same(&w, c, &format!("customer {:?}", c.codigo_cliente));
            n += 1;
        }
    }
    assert!(n >= 3, "{n} customers in the fixtures");
}

#[test]
fn simulator_customers_come_out_as_record_json_prints_them() {
    let sim = crate::sim::start(crate::sim::SimConfig {
        customers: 400,
        ..crate::sim::SimConfig::default()
    })
    .expect("simulator starts");
    let creds = crate::sim::DEMO_CREDENTIALS;
    let client = crate::api::Client::new(crate::api::ClientConfig::new(
        sim.base_url(),
        crate::api::Credentials {
            client_id: creds.client_id.to_owned(),
            client_secret: crate::api::Secret::new(creds.client_secret),
            username: creds.username.to_owned(),
            password: crate::api::Secret::new(creds.password),
        },
    ))
    .expect("client");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let customers: Vec<Customer> = rt.block_on(async {
        let mut stream = client
            .stream_all_customers(&crate::api::AllCustomers::default())
            .await
            .expect("stream");
        let mut all = Vec::new();
        while let Some(c) = stream.next_customer().await {
            all.push(c.expect("customer"));
        }
        all
    });
    assert_eq!(customers.len(), 400);
    let w = writers();
    for c in &customers {
        same(&w, c, &format!("customer {:?}", c.codigo_cliente));
    }
    // The masks did their work (the comparison above would also pass
    // if neither path masked anything).
    let mut out = Vec::new();
    w[1].write(&mut out, &customers[0]).unwrap();
    let doc = customers[0].cpf_cnpj.as_deref().expect("a document");
    assert!(!String::from_utf8(out).unwrap().contains(doc));
    sim.shutdown();
}

#[derive(Serialize)]
enum Kind {
    Unit,
    New(u8),
    Tuple(i32, String),
    Struct { email: String, b: f64 },
}

#[derive(Serialize)]
struct Odd {
    zeta: Option<String>,
    velocidade_download: Value,
    velocidade_upload: Value,
    velocidade_upload_kbps: u32,
    alpha: &'static str,
    #[serde(rename = "ça \"q\"\n")]
    quoted: char,
    email_principal: Kind,
    telefones: Vec<&'static str>,
    telefone_primario: Option<&'static str>,
    endereco_cadastral: BTreeMap<String, Value>,
    enderecos: Vec<BTreeMap<&'static str, Value>>,
    numero: &'static str,
    kinds: Vec<Kind>,
    ints: BTreeMap<i32, f64>,
    bytes: serde_bytes_like::Bytes,
    big: i128,
    small: f32,
    nan: f64,
    unit: (),
    tuple: (u8, &'static str),
    newtype: Newtype,
    nested: Option<Box<Odd>>,
}

#[derive(Serialize)]
struct Newtype(Option<&'static str>);

mod serde_bytes_like {
    pub struct Bytes(pub Vec<u8>);
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }
}

fn odd(nested: Option<Box<Odd>>) -> Odd {
    let address = |numero: &str| {
        [
            ("numero", json!(numero)),
            ("complemento", json!("casa 2")),
            ("cpf_cnpj", json!("12345678909")),
            ("bairro", json!("Centro")),
            ("obs", json!({"numero": "77", "complemento": "x"})),
        ]
    };
    Odd {
        zeta: None,
        velocidade_download: json!("300 Mbps"),
        velocidade_upload: json!(51200),
        velocidade_upload_kbps: 7,
        alpha: "tab\there \u{1} \\ \u{7f} é",
        quoted: 'ç',
        email_principal: Kind::New(3),
        telefones: vec!["37999112233"],
        telefone_primario: Some("37999112233"),
        endereco_cadastral: address("120")
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
        enderecos: vec![address("9").into_iter().collect(), BTreeMap::new()],
        numero: "55",
        kinds: vec![
            Kind::Unit,
            Kind::Tuple(-4, "celular".into()),
            Kind::Struct {
                email: "a@b.c".into(),
                b: 0.1,
            },
        ],
        ints: [(-1, 1.5), (10, 2.0), (2, 1e300)].into_iter().collect(),
        bytes: serde_bytes_like::Bytes(vec![0, 255]),
        big: -(1 << 40),
        small: 0.1,
        nan: f64::NAN,
        unit: (),
        tuple: (1, "celular"),
        newtype: Newtype(Some("x")),
        nested,
    }
}

#[test]
fn odd_shapes_come_out_as_record_json_prints_them() {
    let w = writers();
    same(&w, &odd(Some(Box::new(odd(None)))), "odd");
    let speeds = json!({"servicos": [
        {"velocidade_download": "1 Gbps", "velocidade_upload": "não sei"},
        {"velocidade_download": null, "velocidade_upload": 1.5},
        {"velocidade_download": -3, "velocidade_upload": ["x"]},
        {"velocidade_download_kbps": 1, "velocidade_download": "10M"},
    ]});
    same(&w, &speeds, "speeds");
    same(&w, &json!([1, "a", null]), "a list");
    same(&w, &json!("cpf"), "a text");
    same(&w, &Kind::Unit, "a variant");
}

#[test]
fn needs_escape_finds_every_byte_json_escapes() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let naive = |s: &[u8]| s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    for len in 0..40 {
        for _ in 0..300 {
            // Mostly harmless bytes (ASCII letters, UTF-8 lead and
            // continuation bytes), sometimes one that needs escaping.
            let s: Vec<u8> = (0..len)
                .map(|_| match rng.random_range(0..40) {
                    0 => rng.random_range(0..0x20),
                    1 => b'"',
                    2 => b'\\',
                    3..=10 => rng.random_range(0x80..=0xFF),
                    11 => rng.random_range(0x20..0x80),
                    _ => rng.random_range(b'a'..=b'z'),
                })
                .collect();
            assert_eq!(needs_escape(&s), naive(&s), "{s:?}");
        }
    }
    for b in 0..=255u8 {
        for at in 0..17 {
            let mut s = vec![b'x'; 17];
            s[at] = b;
            assert_eq!(needs_escape(&s), naive(&s), "byte {b} at {at}");
        }
    }
}

#[test]
fn a_struct_whose_keys_change_is_sorted_again() {
    #[derive(Serialize)]
    struct Varies {
        b: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u8>,
        c: u8,
    }
    let w = writers();
    for a in [None, Some(1), None, Some(2), Some(3), None] {
        same(&w, &Varies { b: 2, a, c: 3 }, &format!("a = {a:?}"));
    }
}

#[test]
fn a_record_that_cannot_be_written_leaves_the_output_alone() {
    let mut bad = BTreeMap::new();
    bad.insert(vec![1u8], 1);
    let w = RecordWriter::new(false);
    let mut out = b"kept".to_vec();
    assert!(w.write(&mut out, &[bad]).is_err());
    assert_eq!(out, b"kept");
    assert_eq!(record_json(&fmt(false), &[json!(1)]), json!([1]));
    let mut out = Vec::new();
    assert!(w.write(&mut out, &u128::MAX).is_err());
    assert!(serde_json::to_value(u128::MAX).is_err());
}

/// Random JSON trees over the keys the rules look at.
fn random_value(rng: &mut rand_chacha::ChaCha8Rng, depth: u32) -> Value {
    const KEYS: [&str; 16] = [
        "cpf_cnpj",
        "telefone",
        "telefone_primario",
        "celular",
        "email",
        "email_principal",
        "numero",
        "complemento",
        "endereco",
        "endereco_instalacao",
        "velocidade_download",
        "velocidade_upload",
        "velocidade_upload_kbps",
        "nome",
        "",
        "\"é\\",
    ];
    const TEXTS: [&str; 8] = [
        "",
        "37999112233",
        "123.456.789-09",
        "a@b.com.br",
        "300 Mbps",
        "512k",
        "casa \"2\"\n",
        "12",
    ];
    let pick = if depth >= 4 {
        rng.random_range(0..5)
    } else {
        rng.random_range(0..7)
    };
    match pick {
        0 => Value::Null,
        1 => Value::Bool(rng.random()),
        2 => json!(rng.random_range(-1000i64..100_000)),
        3 => json!(rng.random_range(-1e6..1e6)),
        4 => json!(TEXTS[rng.random_range(0..TEXTS.len())]),
        5 => Value::Array(
            (0..rng.random_range(0..4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.random_range(0..7))
                .map(|_| {
                    (
                        KEYS[rng.random_range(0..KEYS.len())].to_owned(),
                        random_value(rng, depth + 1),
                    )
                })
                .collect(),
        ),
    }
}

#[test]
fn random_trees_come_out_as_record_json_prints_them() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
    let w = writers();
    for i in 0..3_000 {
        let v = random_value(&mut rng, 0);
        same(&w, &v, &format!("tree {i}: {v}"));
    }
}
