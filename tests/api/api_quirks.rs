//! One test per quirk of `REAL-WORLD.md` ("Types drift", envelope, money),
//! and the property that one odd field never fails or blanks a record.

use std::str::FromStr;

use chrono::{NaiveDate, TimeZone};
use hubdesk::api::lenient::HUBSOFT_TZ;
use hubdesk::api::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn decode<T: DeserializeOwned>(v: &Value) -> T {
    let text = v.to_string();
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).unwrap_or_else(|e| panic!("{} at {}", e.inner(), e.path()))
}

fn customer(v: Value) -> Customer {
    decode(&v)
}

fn service(v: Value) -> CustomerService {
    decode(&v)
}

fn invoice(v: Value) -> Invoice {
    decode(&v)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> ApiDate {
    ApiDate::Instant(HUBSOFT_TZ.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap())
}

fn day(y: i32, m: u32, d: u32) -> ApiDate {
    ApiDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

// ---------------------------------------------------------------------------
// Numbers as strings and strings as numbers

#[test]
fn ids_as_number_or_string() {
    for v in [
        json!(11000),
        json!("11000"),
        json!(" 11000 "),
        json!(11000.0),
    ] {
        assert_eq!(
            service(json!({ "id_cliente_servico": v })).id_cliente_servico,
            Some(11000)
        );
        let os: ServiceOrder = decode(&json!({ "id_ordem_servico": v }));
        assert_eq!(os.id_ordem_servico, Some(11000));
    }
    assert_eq!(
        service(json!({"id_cliente_servico": "n/a"})).id_cliente_servico,
        None
    );
}

#[test]
fn money_as_float_int_or_string() {
    for (v, want) in [
        (json!(119.9), "119.9"),
        (json!("119.9"), "119.9"),
        (json!("20"), "20"),
        (json!(100), "100"),
        (json!(54.95), "54.95"),
    ] {
        assert_eq!(service(json!({ "valor": v })).valor, Some(dec(want)), "{v}");
    }
}

#[test]
fn money_brazilian_formatted() {
    assert_eq!(
        invoice(json!({"valor": "1.234,56"})).valor,
        Some(dec("1234.56"))
    );
    assert_eq!(
        invoice(json!({"valor": "R$ 1.234,56"})).valor,
        Some(dec("1234.56"))
    );
    assert_eq!(
        invoice(json!({"valor": "119,90"})).valor,
        Some(dec("119.90"))
    );
    assert_eq!(
        invoice(json!({"valor_pago": "1.000.000,00"})).valor_pago,
        Some(dec("1000000"))
    );
}

#[test]
fn strings_that_arrive_as_numbers_stay_text() {
    let c = customer(json!({"telefone_primario": 37999112233u64, "cpf_cnpj": "05333614622"}));
    assert_eq!(c.telefone_primario.as_deref(), Some("37999112233"));
    assert_eq!(c.cpf_cnpj.as_deref(), Some("05333614622"));
    let a: Address = decode(&json!({"numero": 541, "cep": 35560000}));
    assert_eq!(a.numero.as_deref(), Some("541"));
    assert_eq!(a.cep.as_deref(), Some("35560000"));
    let f = invoice(json!({"carteira": 1, "numero_documento": 36403, "nosso_numero": 272100}));
    assert_eq!(f.carteira.as_deref(), Some("1"));
    assert_eq!(f.numero_documento.as_deref(), Some("36403"));
    assert_eq!(f.nosso_numero.as_deref(), Some("272100"));
}

#[test]
fn service_order_number_as_number_or_string() {
    for v in [json!("320"), json!(320)] {
        let os: ServiceOrder = decode(&json!({ "numero_ordem_servico": v }));
        assert_eq!(os.numero_ordem_servico.as_deref(), Some("320"));
    }
}

#[test]
fn booleans_true_or_sim() {
    for (v, want) in [
        (json!(true), Some(true)),
        (json!("sim"), Some(true)),
        (json!("SIM"), Some(true)),
        (json!(1), Some(true)),
        (json!("1"), Some(true)),
        (json!(false), Some(false)),
        (json!("nao"), Some(false)),
        (json!("não"), Some(false)),
        (json!(0), Some(false)),
        (json!("talvez"), None),
        (json!(null), None),
    ] {
        let r: Recipient = decode(&json!({ "permite_enviar_email": v }));
        assert_eq!(r.permite_enviar_email, want, "{v}");
    }
}

#[test]
fn twenty_digit_protocol_as_string_is_exact() {
    let t: Ticket = decode(&json!({"protocolo": "20250128085356853228"}));
    assert_eq!(t.protocolo.as_deref(), Some("20250128085356853228"));
}

/// A 20-digit protocol sent as a bare JSON number is beyond `u64`, so
/// serde_json (without `arbitrary_precision`, which would slow down every
/// number of a bulk body) hands it over as an `f64`. Its default float
/// parser may also be one ulp off the nearest double. What survives: the
/// text has all 20 digits and the first 15 are exact; the tail is noise.
/// Servers send protocols as strings; this pins the degraded case so a
/// change (say, enabling `arbitrary_precision`) is noticed.
#[test]
fn twenty_digit_protocol_as_bare_number_keeps_its_length() {
    let body = r#"{"protocolo": 20250128085356853228, "id_atendimento": 1}"#;
    let t: Ticket = serde_json::from_str(body).unwrap();
    let p = t.protocolo.unwrap();
    assert_eq!(p.len(), 20, "{p}");
    assert!(p.starts_with("202501280853568"), "{p}");
    assert_ne!(
        p, "20250128085356853228",
        "exactness would need arbitrary_precision"
    );
    assert_eq!(t.id_atendimento, Some(1));
    // Up to u64::MAX a bare number is exact.
    let t: Ticket = serde_json::from_str(r#"{"protocolo": 18446744073709551615}"#).unwrap();
    assert_eq!(t.protocolo.as_deref(), Some("18446744073709551615"));
}

// ---------------------------------------------------------------------------
// Absent objects and lists

#[test]
fn absent_object_as_empty_array() {
    assert_eq!(service(json!({"ultima_conexao": []})).ultima_conexao, None);
    assert_eq!(
        service(json!({"ultima_conexao": null})).ultima_conexao,
        None
    );
    assert_eq!(service(json!({"ultima_conexao": ""})).ultima_conexao, None);
    assert_eq!(service(json!({"ultima_conexao": {}})).ultima_conexao, None);
    assert_eq!(
        service(json!({"endereco_instalacao": {}})).endereco_instalacao,
        None
    );
    assert_eq!(service(json!({})).ultima_conexao, None);
    let present = service(json!({"ultima_conexao": {"conectado": "sim"}}));
    assert_eq!(present.ultima_conexao.unwrap().conectado, Some(true));
    let os: ServiceOrder = decode(&json!({"atendimento": []}));
    assert!(os.atendimento.is_none());
}

#[test]
fn lists_null_missing_or_object() {
    assert!(service(json!({"pacotes": null})).pacotes.is_empty());
    assert!(service(json!({})).pacotes.is_empty());
    assert!(service(json!({"pacotes": {}})).pacotes.is_empty());
    assert!(service(json!({"pacotes": "none"})).pacotes.is_empty());
    // PHP's sparse arrays come as objects keyed by index.
    let sparse = service(json!({"pacotes": {"0": {"id_pacote": 1}, "3": {"id_pacote": 4}}}));
    assert_eq!(
        sparse
            .pacotes
            .iter()
            .map(|p| p.id_pacote)
            .collect::<Vec<_>>(),
        vec![Some(1), Some(4)]
    );
    // Stray non-object elements are skipped, the rest kept.
    let mixed = service(json!({"pacotes": [null, "x", {"descricao": "TV"}, []]}));
    assert_eq!(mixed.pacotes.len(), 1);
    assert_eq!(mixed.pacotes[0].descricao.as_deref(), Some("TV"));
    let c = customer(json!({"alerta_mensagens": null, "servicos": null}));
    assert!(c.alerta_mensagens.is_empty() && c.servicos.is_empty());
}

#[test]
fn empty_text_is_absent() {
    let c = customer(json!({"telefone_terciario": "", "nome_fantasia": null, "rg": "  "}));
    assert_eq!(
        (c.telefone_terciario, c.nome_fantasia, c.rg),
        (None, None, None)
    );
}

// ---------------------------------------------------------------------------
// Dates

#[test]
fn date_dd_mm_yyyy() {
    let f = invoice(json!({"data_vencimento": "10/10/2017"}));
    assert_eq!(f.data_vencimento, Some(day(2017, 10, 10)));
    assert_eq!(f.data_vencimento.unwrap().to_br(), "10/10/2017");
}

#[test]
fn date_dd_mm_yyyy_hh_mm_ss_and_hh_mm() {
    let os: ServiceOrder = decode(&json!({"data_cadastro": "16/11/2018 10:58:21"}));
    assert_eq!(os.data_cadastro, Some(at(2018, 11, 16, 10, 58, 21)));
    let c = customer(json!({"data_cadastro": "26/09/2017 13:20"}));
    assert_eq!(c.data_cadastro, Some(at(2017, 9, 26, 13, 20, 0)));
    assert_eq!(c.data_cadastro.unwrap().to_br(), "26/09/2017 13:20");
}

#[test]
fn date_with_literal_backslashes() {
    let t: Ticket = decode(&json!({"data_cadastro_br": "05\\03\\2020 14:52"}));
    assert_eq!(t.data_cadastro_br, Some(at(2020, 3, 5, 14, 52, 0)));
    let p: Prospect = decode(&json!({"created_at_br": "28\\07\\2020"}));
    assert_eq!(p.created_at_br, Some(day(2020, 7, 28)));
}

#[test]
fn date_iso_forms() {
    let f = invoice(json!({"data_vencimento": "2020-04-05"}));
    assert_eq!(f.data_vencimento, Some(day(2020, 4, 5)));
    let c = customer(json!({"data_cadastro": "2017-09-26 13:20:33"}));
    assert_eq!(c.data_cadastro, Some(at(2017, 9, 26, 13, 20, 33)));
    let c = customer(json!({"data_cadastro": "2017-09-26T13:20:33"}));
    assert_eq!(c.data_cadastro, Some(at(2017, 9, 26, 13, 20, 33)));
    let c = customer(json!({"data_cadastro": "2017-09-26T16:20:33.000000Z"}));
    assert_eq!(c.data_cadastro, Some(at(2017, 9, 26, 13, 20, 33)));
}

#[test]
fn date_with_hour_only_offset() {
    let l: LastConnection = decode(&json!({"ultima_conexao_datetime": "2019-12-15 18:22:24-03"}));
    assert_eq!(
        l.ultima_conexao_datetime,
        Some(at(2019, 12, 15, 18, 22, 24))
    );
    // -02 during Sao Paulo's old summer time, -05 from elsewhere: converted.
    let l: LastConnection = decode(&json!({"ultima_conexao_datetime": "2019-12-15 16:22:24-05"}));
    assert_eq!(
        l.ultima_conexao_datetime,
        Some(at(2019, 12, 15, 18, 22, 24))
    );
}

#[test]
fn date_epoch_milliseconds() {
    let t: Ticket = decode(&json!({"data_cadastro_timestamp": 1583430720000u64}));
    assert_eq!(t.data_cadastro_timestamp, Some(at(2020, 3, 5, 14, 52, 0)));
    // Drifted into a string, and as epoch seconds.
    let t: Ticket = decode(&json!({"data_cadastro_timestamp": "1583430720000"}));
    assert_eq!(t.data_cadastro_timestamp, Some(at(2020, 3, 5, 14, 52, 0)));
    let t: Ticket = decode(&json!({"data_cadastro_timestamp": 1583430720}));
    assert_eq!(t.data_cadastro_timestamp, Some(at(2020, 3, 5, 14, 52, 0)));
    // A compact date is not mistaken for a timestamp.
    let t: Ticket = decode(&json!({"data_cadastro": "20200305"}));
    assert_eq!(t.data_cadastro, Some(ApiDate::Raw("20200305".into())));
}

#[test]
fn date_php_object() {
    let job: SendJob = decode(&json!({"delay": {
        "date": "2019-10-07 13:39:48.000000", "timezone_type": 3, "timezone": "America/Sao_Paulo"
    }}));
    assert_eq!(job.delay, Some(at(2019, 10, 7, 13, 39, 48)));
    let job: SendJob = decode(&json!({"delay": {
        "date": "2019-10-07 16:39:48.000000", "timezone_type": 1, "timezone": "+00:00"
    }}));
    assert_eq!(job.delay, Some(at(2019, 10, 7, 13, 39, 48)));
}

#[test]
fn dates_mixed_in_one_payload() {
    let f = invoice(json!({
        "data_vencimento": "10/07/2018",
        "data_pagamento": "2018-07-12 09:30:00",
        "detalhamento": [{"descricao": "x", "valor": "10"}],
        "cliente": {"data_cadastro": "2017-09-26 13:20:33", "data_nascimento": "10/03/1994"}
    }));
    assert_eq!(f.data_vencimento, Some(day(2018, 7, 10)));
    assert_eq!(f.data_pagamento, Some(at(2018, 7, 12, 9, 30, 0)));
    assert_eq!(f.cliente.unwrap().data_nascimento, Some(day(1994, 3, 10)));
}

#[test]
fn unparseable_date_keeps_raw_text() {
    let c = customer(json!({"data_cadastro": "ontem"}));
    assert_eq!(c.data_cadastro, Some(ApiDate::Raw("ontem".into())));
    assert_eq!(c.data_cadastro.as_ref().unwrap().to_br(), "ontem");
    assert_eq!(customer(json!({"data_cadastro": {}})).data_cadastro, None);
    assert_eq!(
        customer(json!({"data_cadastro": "0000-00-00 00:00:00"})).data_cadastro,
        Some(ApiDate::Raw("0000-00-00 00:00:00".into()))
    );
}

#[test]
fn birth_date_1969_12_31_is_unknown() {
    for v in [
        "1969-12-31 04:00:00",
        "1969-12-31 00:00:00",
        "1969-12-31",
        "31/12/1969",
    ] {
        let c = customer(json!({ "data_nascimento": v }));
        assert_eq!(c.data_nascimento, None, "{v}");
        assert_eq!(c.birth_date(), None);
    }
}

// ---------------------------------------------------------------------------
// Key aliases

#[test]
fn alias_data_nascmento() {
    let c = customer(json!({"data_nascmento": "1994-03-10"}));
    assert_eq!(c.birth_date(), Some(&day(1994, 3, 10)));
}

#[test]
fn alias_pix_copia_e_cola() {
    let a = invoice(json!({"pix_copia_cola": "00020126..."}));
    let b = invoice(json!({"pix_copia_e_cola": "00020126..."}));
    assert_eq!(a.pix(), Some("00020126..."));
    assert_eq!(b.pix(), Some("00020126..."));
}

#[test]
fn alias_ordem_servico() {
    let t: Ticket = decode(&json!({"ordem_servico": [{"id_ordem_servico": 7}]}));
    assert_eq!(t.service_orders()[0].id_ordem_servico, Some(7));
    let r: ServiceOrdersResponse = decode(&json!({"ordem_servico": [{"id_ordem_servico": 7}]}));
    assert_eq!(r.into_orders().len(), 1);
}

#[test]
fn alias_cliente_servico_in_service_order() {
    let os: ServiceOrder = decode(&json!({"cliente_servico": {"nome": "24M", "valor": "99,90"}}));
    assert_eq!(os.service().unwrap().nome.as_deref(), Some("24M"));
    assert_eq!(os.service().unwrap().valor, Some(dec("99.90")));
}

#[test]
fn alias_equipamentoroteamento() {
    let s = service(json!({"equipamentoroteamento": {"nome": "BRAS"}}));
    assert_eq!(s.routing_equipment().unwrap().nome.as_deref(), Some("BRAS"));
}

#[test]
fn both_spellings_at_once_do_not_fail() {
    let f = invoice(json!({"id_fatura": 1, "pix_copia_cola": "A", "pix_copia_e_cola": "A"}));
    assert_eq!((f.id_fatura, f.pix()), (Some(1), Some("A")));
    let s = service(
        json!({"login": "x", "equipamento_roteamento": {"nome": "B"}, "equipamentoroteamento": {"nome": "B"}}),
    );
    assert_eq!(s.routing_equipment().unwrap().nome.as_deref(), Some("B"));
    let c = customer(
        json!({"nome_razaosocial": "ANA", "data_nascimento": "1990-01-02", "data_nascmento": "1990-01-02"}),
    );
    assert_eq!(c.birth_date(), Some(&day(1990, 1, 2)));
}

#[test]
fn estado_and_uf_either_way_round() {
    let a: Address = decode(&json!({"estado": "MG", "uf": "MINAS GERAIS"}));
    let b: Address = decode(&json!({"estado": "Minas Gerais", "uf": "MG"}));
    assert_eq!(
        (a.state_code(), a.state_name()),
        (Some("MG"), Some("MINAS GERAIS"))
    );
    assert_eq!(
        (b.state_code(), b.state_name()),
        (Some("MG"), Some("Minas Gerais"))
    );
    let city: City = decode(&json!({"estado": "MG"}));
    assert_eq!(city.state_code(), Some("MG"));
}

/// Current servers send speeds as text with a unit (issue 12): the value is
/// read with its unit and the text is kept, never dropped.
#[test]
fn speeds_as_text_keep_their_value_and_text() {
    let s = service(json!({
        "nome": "10MB FIBRA",
        "velocidade_download": "10240 Mbits",
        "velocidade_upload": "30 Mbits"
    }));
    let down = s.velocidade_download.clone().unwrap();
    assert_eq!(down.kbps, Some(10240 * 1024));
    assert_eq!(down.raw.as_deref(), Some("10240 Mbits"));
    assert!(
        down.doubtful(s.nome.as_deref()),
        "the label contradicts 10MB"
    );
    let up = s.velocidade_upload.clone().unwrap();
    assert_eq!(up.kbps, Some(30 * 1024));
    let odd = service(json!({"velocidade_download": "sob consulta"}));
    let odd = odd.velocidade_download.unwrap();
    assert_eq!((odd.kbps, odd.raw.as_deref()), (None, Some("sob consulta")));
    let comma = service(json!({"velocidade_download": "1,5 Mbps"}));
    assert_eq!(comma.velocidade_download.unwrap().kbps, Some(1536));
}

#[test]
fn unknown_fields_ignored_useful_new_ones_kept() {
    let s = service(json!({
        "uuid_cliente": "9b1d...", "tipo_cobranca": {"x": [1, 2]},
        "mac_addr": "58:10:8C:4B:FF:AA", "phy_addr": "ZTEG12345678",
        "velocidade_download": "102400", "login": "ana"
    }));
    assert_eq!(s.mac_addr.as_deref(), Some("58:10:8C:4B:FF:AA"));
    assert_eq!(s.phy_addr.as_deref(), Some("ZTEG12345678"));
    assert_eq!(
        s.velocidade_download.as_ref().and_then(|v| v.kbps),
        Some(102400)
    );
    assert_eq!(s.login.as_deref(), Some("ana"));
    let f = invoice(json!({"quitado": "sim", "novo_campo": [{}]}));
    assert_eq!(f.quitado, Some(true));
    assert!(f.is_paid());
    let c = customer(json!({"ativo": 1, "uuid_cliente": "x"}));
    assert_eq!(c.ativo, Some(true));
}

// ---------------------------------------------------------------------------
// Envelope

#[test]
fn status_suscess_is_success() {
    let e: Envelope =
        decode(&json!({"status": "suscess", "msg": "Dados consultados com sucesso."}));
    assert!(e.is_success());
    let r: CustomersResponse =
        decode(&json!({"status": "suscess", "msg": "ok", "clientes": [{"codigo_cliente": 1}]}));
    assert_eq!(r.clientes[0].codigo_cliente, Some(1));
}

#[test]
fn error_envelope_with_field_errors() {
    let e: Envelope = decode(&json!({"status": "error", "msg": "Erro de validação",
                                     "errors": {"cep": ["CEP inválido"], "numero": "obrigatório"}}));
    assert!(!e.is_success());
    assert_eq!(e.errors, vec!["CEP inválido", "obrigatório"]);
}

// ---------------------------------------------------------------------------
// One odd field never blanks the record

#[test]
fn odd_fields_do_not_blank_the_customer() {
    let c = customer(json!({
        "codigo_cliente": 421,
        "nome_razaosocial": "GUILHERME SILVA",
        "data_cadastro": {},
        "alerta": "talvez",
        "alerta_mensagens": "Fibra rompida",
        "servicos": [{
            "id_cliente_servico": "11201",
            "valor": "abc",
            "ultima_conexao": "ontem",
            "pacotes": 3,
            "endereco_instalacao": [],
            "interface": {"nome": ["PON5"]},
            "login": "guilherme"
        }]
    }));
    assert_eq!(c.codigo_cliente, Some(421));
    assert_eq!(c.nome_razaosocial.as_deref(), Some("GUILHERME SILVA"));
    assert_eq!(c.data_cadastro, None);
    assert_eq!(c.alerta, None);
    assert_eq!(c.alerta_mensagens, vec!["Fibra rompida"]);
    let s = &c.servicos[0];
    assert_eq!(s.id_cliente_servico, Some(11201));
    assert_eq!(s.valor, None);
    assert_eq!(s.ultima_conexao, None);
    assert!(s.pacotes.is_empty());
    assert_eq!(s.endereco_instalacao, None);
    assert_eq!(s.interface.as_ref().unwrap().nome, None);
    assert_eq!(s.login.as_deref(), Some("guilherme"));
}

#[test]
fn odd_fields_do_not_blank_the_invoice() {
    let f = invoice(json!({
        "id_fatura": 36403,
        "valor": {"amount": 10},
        "data_vencimento": true,
        "linha_digitavel": "75691.31662 01006.726101 27210.000017 7 73380000001000",
        "detalhamento": {"descricao": "solto"},
        "cliente": "GUILHERME"
    }));
    assert_eq!(f.id_fatura, Some(36403));
    assert_eq!(f.valor, None);
    assert_eq!(f.data_vencimento, None);
    assert!(f.linha_digitavel.unwrap().starts_with("75691"));
    assert!(f.detalhamento.is_empty());
    assert_eq!(f.cliente, None);
}

/// Arbitrary JSON, nested a little.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        Just(json!("1.234,56")),
        Just(json!("1969-12-31")),
        Just(json!("05\\03\\2020 14:52")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const CUSTOMER_KEYS: &[&str] = &[
    "id_cliente",
    "nome_fantasia",
    "tipo_pessoa",
    "cpf_cnpj",
    "telefone_primario",
    "email_principal",
    "rg",
    "data_cadastro",
    "data_nascimento",
    "data_nascmento",
    "ativo",
    "alerta",
    "alerta_mensagens",
];

const SERVICE_KEYS: &[&str] = &[
    "numero_plano",
    "nome",
    "valor",
    "status",
    "login",
    "senha",
    "ipv4",
    "mac_addr",
    "velocidade_download",
    "ultima_conexao",
    "porta_atendimento",
    "interface",
    "interface_conexao",
    "equipamento_conexao",
    "equipamento_roteamento",
    "equipamentoroteamento",
    "pacotes",
    "endereco_cadastral",
    "endereco_instalacao",
];

/// A value the id decoder reports instead of dropping (issue 14): an
/// integer, as a number or as digits, that is negative or past `u64::MAX`.
fn no_id_can_be(v: &Value) -> bool {
    let whole_out_of_range = |x: f64| {
        x.is_finite() && x.fract() == 0.0 && !(0.0..18_446_744_073_709_551_616.0).contains(&x)
    };
    match v {
        Value::Number(n) => {
            n.as_i64().is_some_and(|i| i < 0)
                || (n.as_u64().is_none() && n.as_f64().is_some_and(whole_out_of_range))
        }
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                let zero = digits.bytes().all(|b| b == b'0');
                if t.starts_with('-') {
                    !zero
                } else {
                    t.parse::<u64>().is_err()
                }
            } else {
                t.parse::<f64>().is_ok_and(whole_out_of_range)
            }
        }
        _ => false,
    }
}

/// Whether `v` holds, at any depth, a value [`no_id_can_be`].
fn holds_no_id_can_be(v: &Value) -> bool {
    match v {
        Value::Array(items) => items.iter().any(holds_no_id_can_be),
        Value::Object(m) => m.values().any(holds_no_id_can_be),
        other => no_id_can_be(other),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever value one field holds, the customer decodes with its code,
    /// name and service id intact; except an integer no id can be in an id
    /// field, which is reported (issue 14), never silently dropped.
    #[test]
    fn any_value_in_any_customer_field_keeps_the_record(
        ci in 0..CUSTOMER_KEYS.len(),
        si in 0..SERVICE_KEYS.len(),
        a in any_json(),
        b in any_json(),
    ) {
        let mut svc = json!({"id_cliente_servico": 11201});
        svc[SERVICE_KEYS[si]] = b;
        let mut body = json!({
            "status": "success",
            "clientes": [{"codigo_cliente": 421, "nome_razaosocial": "GUILHERME SILVA", "servicos": [svc]}]
        });
        body["clientes"][0][CUSTOMER_KEYS[ci]] = a;
        let r: CustomersResponse = match serde_json::from_str(&body.to_string()) {
            Ok(r) => r,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("an id out of range"), "{}", e);
                prop_assert!(holds_no_id_can_be(&body), "{}", body);
                return Ok(());
            }
        };
        if CUSTOMER_KEYS[ci] == "id_cliente" {
            prop_assert!(!no_id_can_be(&body["clientes"][0]["id_cliente"]), "{}", body);
        }
        let c = &r.clientes[0];
        prop_assert_eq!(c.codigo_cliente, Some(421));
        prop_assert_eq!(c.nome_razaosocial.as_deref(), Some("GUILHERME SILVA"));
        prop_assert_eq!(c.servicos[0].id_cliente_servico, Some(11201));
    }

    /// Same for an invoice: the boleto line survives any other field.
    #[test]
    fn any_value_in_any_invoice_field_keeps_the_record(
        key in prop::sample::select(vec![
            "valor", "valor_pago", "data_vencimento", "data_pagamento", "quitado", "pix_copia_cola",
            "pix_copia_e_cola", "detalhamento", "cliente", "numero_documento", "link",
        ]),
        v in any_json(),
    ) {
        let mut f = json!({"id_fatura": 36403, "linha_digitavel": "75691.31662"});
        f[key] = v;
        let r: InvoicesResponse = serde_json::from_str(&json!({"faturas": [f]}).to_string()).unwrap();
        prop_assert_eq!(r.faturas[0].id_fatura, Some(36403));
        prop_assert_eq!(r.faturas[0].linha_digitavel.as_deref(), Some("75691.31662"));
    }
}
