use super::*;
use std::str::FromStr;

#[test]
fn megabytes_are_grouped_the_brazilian_way() {
    assert_eq!(megabytes(Some(1234.56)), "1.234,6");
    assert_eq!(megabytes(Some(12.0)), "12,0");
    assert_eq!(megabytes(Some(-1234567.0)), "-1.234.567,0");
    assert_eq!(megabytes(None), "");
}

#[test]
fn json_money_and_dates() {
    assert_eq!(
        money_json(Some(Decimal::from_str("119.90").unwrap())),
        json!(119.9)
    );
    assert_eq!(money_json(None), Value::Null);
    let day = ApiDate::parse("10/05/2024").unwrap();
    assert_eq!(date_json(Some(&day)), json!("2024-05-10"));
    let t = ApiDate::parse("2019-12-15 18:22:24-03").unwrap();
    assert_eq!(date_json(Some(&t)), json!("2019-12-15T18:22:24-03:00"));
    let raw = ApiDate::parse("31/02/2026").unwrap();
    assert_eq!(date_json(Some(&raw)), json!({"texto": "31/02/2026"}));
    assert_eq!(date_json(None), Value::Null);
}

#[test]
fn privacy_masks_documents_phones_emails_and_numbers() {
    let f = Fmt {
        lang: Lang::En,
        privacy: true,
    };
    assert_eq!(f.doc(Some("12345678909")), "***.456.789-**");
    assert_eq!(f.phone(Some("37999112233")), "(37) *****-2233");
    assert_eq!(f.email(Some("ana@x.com")), "a***@x.com");
    let a = Address {
        endereco: Some("Rua A".into()),
        numero: Some("123".into()),
        cidade: Some("Divinópolis".into()),
        ..Address::default()
    };
    assert_eq!(f.address(Some(&a)), "Rua A, ***, Divinópolis");
    let plain = Fmt {
        lang: Lang::En,
        privacy: false,
    };
    assert_eq!(plain.doc(Some("12345678909")), "123.456.789-09");
    assert_eq!(plain.phone(Some("37999112233")), "(37) 99911-2233");
}

#[test]
fn service_json_never_has_the_password() {
    let s = CustomerService {
        id_cliente_servico: Some(5),
        senha: Some("pppoe-secret".into()),
        ..CustomerService::default()
    };
    let f = Fmt {
        lang: Lang::En,
        privacy: false,
    };
    let v = record_json(&f, &s);
    assert!(!v.to_string().contains("pppoe-secret"));
    assert_eq!(v["id_cliente_servico"], json!(5));
}

#[test]
fn filters_ignore_case_and_accents() {
    assert!(matches(Some("sao jose"), &[None, Some("Padaria São José")]));
    assert!(matches(Some("  DIVINÓ "), &[Some("divinopolis")]));
    assert!(!matches(Some("itaúna"), &[Some("Divinópolis"), None]));
    assert!(matches(None, &[]));
    assert!(matches(Some(" "), &[]));
}

#[test]
fn receivable_totals_count_overdue_unpaid_only() {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let inv = |valor: &str, due: &str, paid: Option<&str>| -> Invoice {
        let mut v = json!({"valor": valor, "data_vencimento": due});
        if let Some(p) = paid {
            v["data_pagamento"] = json!(p);
            v["quitado"] = json!(true);
        }
        serde_json::from_value(v).unwrap()
    };
    let list = vec![
        inv("100.00", "2025-01-10", None),
        inv("50.50", "2025-01-10", Some("2025-01-09")),
        inv("10", "2025-01-25", None),
        inv("1.5", "2025-01-20", None),
    ];
    let t = totals(&list, today);
    assert_eq!(t.count, 4);
    assert_eq!(t.sum, Decimal::from_str("162.00").unwrap());
    assert_eq!(t.overdue, Decimal::from_str("100.00").unwrap());
    assert_eq!(
        totals_json(&t),
        json!({"quantidade": 4, "valor_total": 162.0, "valor_vencido": 100.0})
    );
}
