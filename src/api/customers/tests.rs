use super::*;

fn q(call: &Call) -> Vec<(&'static str, &str)> {
    call.query.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn search_defaults_send_only_required() {
    let c = CustomerSearch::new(CustomerSearchBy::Name, " guilherme ")
        .to_call()
        .unwrap();
    assert_eq!(c.method, Method::GET);
    assert_eq!(c.path, "/api/v1/integracao/cliente");
    assert_eq!(c.route, "cliente");
    assert_eq!(c.kind, CallKind::Read);
    assert!(c.body.is_none());
    assert_eq!(
        q(&c),
        vec![("busca", "nome_razaosocial"), ("termo_busca", "guilherme")]
    );
}

#[test]
fn search_with_every_option() {
    let mut s = CustomerSearch::new(CustomerSearchBy::Name, "guilherme");
    s.limit = Some(2);
    s.include_cancelled = Some(false);
    s.last_connection = Some(true);
    s.order_by = Some(RecordOrderBy::Closing);
    s.order_type = Some(OrderType::Desc);
    assert_eq!(
        q(&s.to_call().unwrap()),
        vec![
            ("busca", "nome_razaosocial"),
            ("termo_busca", "guilherme"),
            ("limit", "2"),
            ("cancelado", "nao"),
            ("ultima_conexao", "sim"),
            ("order_by", "data_fechamento"),
            ("order_type", "desc"),
        ]
    );
}

#[test]
fn search_limit_bounds() {
    let mut s = CustomerSearch::new(CustomerSearchBy::Code, "421");
    for ok in [1, 100] {
        s.limit = Some(ok);
        assert!(s.to_call().is_ok());
    }
    for bad in [0, 101] {
        s.limit = Some(bad);
        assert!(matches!(
            s.to_call(),
            Err(ApiError::InvalidRequest { field: "limit", .. })
        ));
    }
}

#[test]
fn search_term_normalization() {
    let doc = CustomerSearch::new(CustomerSearchBy::Document, "091.418.066-54");
    assert_eq!(
        q(&doc.to_call().unwrap())[1],
        ("termo_busca", "09141806654")
    );
    let alnum = CustomerSearch::new(CustomerSearchBy::Document, "12.abc.345/01de-35");
    assert_eq!(
        q(&alnum.to_call().unwrap())[1],
        ("termo_busca", "12ABC34501DE35"),
        "an alphanumeric CNPJ keeps its letters"
    );
    let phone = CustomerSearch::new(CustomerSearchBy::Phone, "+55 (37) 98824-2968");
    assert_eq!(
        q(&phone.to_call().unwrap())[1],
        ("termo_busca", "37988242968")
    );
    let mac = CustomerSearch::new(CustomerSearchBy::Mac, "58:10:8C:4B:FF:AA");
    assert_eq!(
        q(&mac.to_call().unwrap())[1],
        ("termo_busca", "58:10:8C:4B:FF:AA")
    );
    for (by, term) in [
        (CustomerSearchBy::Name, "  "),
        (CustomerSearchBy::Document, "abc"),
    ] {
        assert!(matches!(
            CustomerSearch::new(by, term).to_call(),
            Err(ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            })
        ));
    }
}

#[test]
fn all_customers_call() {
    let c = AllCustomers::default().to_call().unwrap();
    assert_eq!(c.path, "/api/v1/integracao/cliente/all");
    assert_eq!(c.kind, CallKind::Read);
    assert!(c.query.is_empty());
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let p = AllCustomers {
        data_inicio: Some(d("2020-01-01")),
        data_fim: Some(d("2020-01-31")),
        limit: Some(1000),
        order_by: Some(RecordOrderBy::Registration),
        order_type: Some(OrderType::Asc),
    };
    assert_eq!(
        q(&p.to_call().unwrap()),
        vec![
            ("data_inicio", "2020-01-01"),
            ("data_fim", "2020-01-31"),
            ("limit", "1000"),
            ("order_by", "data_cadastro"),
            ("order_type", "asc"),
        ]
    );
    let bad = AllCustomers {
        limit: Some(0),
        ..AllCustomers::default()
    };
    assert!(matches!(
        bad.to_call(),
        Err(ApiError::InvalidRequest { field: "limit", .. })
    ));
    let reversed = AllCustomers {
        data_inicio: Some(d("2020-02-01")),
        data_fim: Some(d("2020-01-31")),
        ..AllCustomers::default()
    };
    assert!(matches!(
        reversed.to_call(),
        Err(ApiError::InvalidRequest {
            field: "data_fim",
            ..
        })
    ));
}

#[test]
fn contact_helpers_skip_blanks_and_repeats() {
    let c: Customer = serde_json::from_str(
        r#"{"nome_razaosocial": "ACME LTDA", "nome_fantasia": "Acme",
            "telefone_primario": "37988242968", "telefone_secundario": "37988242968",
            "telefone_terciario": "", "email_principal": "a@b.c", "email_secundario": null}"#,
    )
    .unwrap();
    assert_eq!(c.display_name(), Some("Acme"));
    assert_eq!(c.phones(), vec!["37988242968"]);
    assert_eq!(c.emails(), vec!["a@b.c"]);
    let plain = Customer {
        nome_razaosocial: Some("ANA".into()),
        ..Customer::default()
    };
    assert_eq!(plain.display_name(), Some("ANA"));
    assert!(plain.phones().is_empty());
}

#[test]
fn state_code_either_way_round() {
    let a = Address {
        estado: Some("MG".into()),
        uf: Some("MINAS GERAIS".into()),
        ..Address::default()
    };
    assert_eq!(a.state_code(), Some("MG"));
    assert_eq!(a.state_name(), Some("MINAS GERAIS"));
    let b = Address {
        estado: Some("Minas Gerais".into()),
        uf: Some("MG".into()),
        ..Address::default()
    };
    assert_eq!(b.state_code(), Some("MG"));
    assert_eq!(b.state_name(), Some("Minas Gerais"));
}
