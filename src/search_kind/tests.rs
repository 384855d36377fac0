use super::*;
use crate::i18n::{Lang, tr};

#[test]
fn search_kinds_have_names() {
    let names: Vec<_> = CustomerSearchBy::ALL
        .iter()
        .map(|&k| tr(Lang::PtBr, label(k)))
        .collect();
    assert_eq!(
        names,
        [
            "Nome",
            "Nome fantasia",
            "CPF/CNPJ",
            "Código",
            "Telefone",
            "Login",
            "IPv4",
            "MAC"
        ]
    );
}
use crate::br::doc::cpf_check_digits;
use CustomerSearchBy as K;

fn two_services() -> crate::api::Customer {
    use crate::api::{CustomerService, LastConnection};
    crate::api::Customer {
        codigo_cliente: Some(7),
        servicos: vec![
            CustomerService {
                id_cliente_servico: Some(1),
                login: Some("padaria.loja".into()),
                ipv4: Some("100.64.0.1".into()),
                mac_addr: Some("aa:bb:cc:00:00:01".into()),
                ..Default::default()
            },
            CustomerService {
                id_cliente_servico: Some(2),
                login: Some("Padaria.Casa".into()),
                ipv4: None,
                mac_addr: Some("AA-BB-CC-00-00-02".into()),
                ultima_conexao: Some(LastConnection {
                    ultimo_ipv4: Some("189.90.1.2".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

#[test]
fn the_matched_service_is_the_one_whose_login_ip_or_mac_was_searched() {
    let c = two_services();
    assert_eq!(matched_service(&c, K::Login, "padaria.casa"), Some(1));
    assert_eq!(matched_service(&c, K::Login, " padaria.loja "), Some(0));
    assert_eq!(matched_service(&c, K::Name, "padaria.casa"), Some(1));
    assert_eq!(matched_service(&c, K::Ipv4, "100.64.0.1"), Some(0));
    // The address of the last session counts as the service's IP.
    assert_eq!(matched_service(&c, K::Ipv4, "189.90.1.2"), Some(1));
    assert_eq!(matched_service(&c, K::Mac, "AA:BB:CC:00:00:02"), Some(1));
    assert_eq!(matched_service(&c, K::Mac, "aabb.cc00.0001"), Some(0));
    // Searches that name the customer name no service.
    assert_eq!(matched_service(&c, K::Code, "7"), None);
    assert_eq!(matched_service(&c, K::Name, "padaria"), None);
    assert_eq!(matched_service(&c, K::Ipv4, "10.0.0.9"), None);
    assert_eq!(matched_service(&c, K::Mac, ""), None);
}

#[test]
fn a_caller_who_is_a_tickets_contact_points_at_its_service() {
    let t = |service, phone: &str| crate::api::Ticket {
        id_cliente_servico: Some(service),
        telefone_contato: Some(phone.into()),
        ..Default::default()
    };
    let tickets = [
        t(1, "3732221111"),
        t(2, "(37) 98888-7777"),
        t(2, "37988887777"),
    ];
    assert_eq!(service_of_contact(&tickets, "+55 37 98888-7777"), Some(2));
    assert_eq!(service_of_contact(&tickets, "37 3222-1111"), Some(1));
    assert_eq!(service_of_contact(&tickets, "37999990000"), None);
    // A contact of two services names neither.
    let both = [t(1, "37988887777"), t(2, "37988887777")];
    assert_eq!(service_of_contact(&both, "37988887777"), None);
}
use proptest::prelude::*;

type Alt = Option<(K, &'static str)>;

#[test]
fn detection_table() {
    use SearchProblem::{IncompleteDocument as Short, InvalidDocument as Bad};
    let cases: &[(&str, K, &str, Alt, Option<SearchProblem>)] = &[
        // Documents.
        ("123.456.789-09", K::Document, "12345678909", None, None),
        ("12345678909", K::Document, "12345678909", None, None),
        (" 267.884.930-90 ", K::Document, "26788493090", None, None),
        (
            "123.456.789-00",
            K::Document,
            "12345678900",
            None,
            Some(Bad(DocKind::Cpf)),
        ),
        (
            "12345678900",
            K::Document,
            "12345678900",
            None,
            Some(Bad(DocKind::Cpf)),
        ),
        (
            "11.222.333/0001-81",
            K::Document,
            "11222333000181",
            None,
            None,
        ),
        ("11222333000181", K::Document, "11222333000181", None, None),
        (
            "11.222.333/0001-80",
            K::Document,
            "11222333000180",
            None,
            Some(Bad(DocKind::Cnpj)),
        ),
        (
            "11222333000180",
            K::Document,
            "11222333000180",
            None,
            Some(Bad(DocKind::Cnpj)),
        ),
        (
            "123.456.789-0",
            K::Document,
            "1234567890",
            None,
            Some(Short(DocKind::Cpf)),
        ),
        (
            "11.222.333/0001-8",
            K::Document,
            "1122233300018",
            None,
            Some(Short(DocKind::Cnpj)),
        ),
        (
            "12.ABC.345/01DE-35",
            K::Document,
            "12ABC34501DE35",
            None,
            None,
        ),
        (
            "12abc34501de35",
            K::Document,
            "12ABC34501DE35",
            Some((K::Login, "12abc34501de35")),
            None,
        ),
        // 11 digits, valid CPF and plausible mobile: CPF first, phone offered.
        (
            "37999112275",
            K::Document,
            "37999112275",
            Some((K::Phone, "37999112275")),
            None,
        ),
        // Phones.
        ("(37) 99911-2233", K::Phone, "37999112233", None, None),
        ("+55 37 99911-2233", K::Phone, "37999112233", None, None),
        ("5537999112233", K::Phone, "37999112233", None, None),
        ("37999112233", K::Phone, "37999112233", None, None),
        ("37 3281-8000", K::Phone, "3732818000", None, None),
        (
            "3732818000",
            K::Phone,
            "3732818000",
            Some((K::Code, "3732818000")),
            None,
        ),
        ("3281-8000", K::Phone, "32818000", None, None),
        // IPv4.
        ("10.20.1.114", K::Ipv4, "10.20.1.114", None, None),
        ("10.20.1", K::Ipv4, "10.20.1", None, None),
        // MACs.
        ("58:10:8c:4b:ff:aa", K::Mac, "58:10:8C:4B:FF:AA", None, None),
        ("58-10-8C-4B-FF-AA", K::Mac, "58:10:8C:4B:FF:AA", None, None),
        ("5810.8c4b.ffaa", K::Mac, "58:10:8C:4B:FF:AA", None, None),
        (
            "58108c4bffaa",
            K::Mac,
            "58:10:8C:4B:FF:AA",
            Some((K::Login, "58108c4bffaa")),
            None,
        ),
        ("0:1a:2b:3c:4d:5e", K::Mac, "00:1A:2B:3C:4D:5E", None, None),
        ("58:10:8c", K::Mac, "58:10:8C", None, None),
        // Codes.
        ("1068", K::Code, "1068", None, None),
        ("007", K::Code, "007", None, None),
        ("581084412345", K::Code, "581084412345", None, None),
        // Logins.
        ("joao.silva", K::Login, "joao.silva", None, None),
        ("cliente123@isp", K::Login, "cliente123@isp", None, None),
        (
            "guilhermesilva1068",
            K::Login,
            "guilhermesilva1068",
            None,
            None,
        ),
        ("maria_2", K::Login, "maria_2", None, None),
        // Names.
        ("silva", K::Name, "silva", Some((K::Login, "silva")), None),
        ("Maria  da   Silva", K::Name, "Maria da Silva", None, None),
        ("João", K::Name, "João", None, None),
        (
            "Padaria Pão & Cia",
            K::Name,
            "Padaria Pão & Cia",
            None,
            None,
        ),
        ("", K::Name, "", None, Some(SearchProblem::Empty)),
        ("   ", K::Name, "", None, Some(SearchProblem::Empty)),
    ];
    for (input, kind, term, alt, problem) in cases {
        let d = detect(input);
        let want = Detection {
            kind: *kind,
            term: term.to_string(),
            alternative: alt.map(|(k, t)| (k, t.to_string())),
            problem: *problem,
        };
        assert_eq!(d, want, "{input:?}");
    }
}

#[test]
fn prefixes_ask_for_the_newer_kinds_where_unambiguous() {
    use CustomerSearchBy as K;
    let d = |s: &str| {
        let d = detect(s);
        (d.kind, d.term)
    };
    assert_eq!(d("s:12345"), (K::ServiceId, "12345".into()));
    assert_eq!(d(" S: 22390 "), (K::ServiceId, "22390".into()));
    assert_eq!(d("c:71"), (K::CustomerId, "71".into()));
    assert_eq!(d("id:71"), (K::CustomerId, "71".into()));
    assert_eq!(d("x:ERP-71000"), (K::ExternalId, "ERP-71000".into()));
    assert_eq!(d("ext:crm/9"), (K::ExternalId, "crm/9".into()));
    // The console sends the term of the kind shown, without its prefix.
    assert_eq!(term_for(K::ServiceId, "s:12345"), "12345");
    assert_eq!(term_for(K::ExternalId, "x:ERP-1"), "ERP-1");
    // Not a number after s:/c:, a MAC, or a prefix we do not know.
    assert_ne!(detect("s:abc").kind, K::ServiceId);
    assert_ne!(detect("c:").kind, K::CustomerId);
    assert_eq!(detect("aa:bb:cc:dd:ee:ff").kind, K::Mac);
    assert_eq!(detect("x: two words").kind, K::Name);
}

#[test]
fn cycle_visits_every_kind_and_back_undoes_it() {
    let mut k = K::Name;
    let mut seen = Vec::new();
    for _ in 0..K::ALL.len() {
        seen.push(k);
        assert_eq!(cycle_back(cycle(k)), k);
        k = cycle(k);
    }
    assert_eq!(k, K::Name);
    assert_eq!(seen, K::ALL);
}

#[test]
fn term_for_forced_kinds() {
    assert_eq!(term_for(K::Document, " 123.456.789-00 "), "12345678900");
    assert_eq!(term_for(K::Phone, "+55 (37) 3281-8000"), "3732818000");
    assert_eq!(term_for(K::Mac, "5810.8c4b.ffaa"), "58:10:8C:4B:FF:AA");
    assert_eq!(term_for(K::Mac, "58:10"), "58:10");
    assert_eq!(
        term_for(K::FantasyName, " Pão  de Queijo "),
        "Pão de Queijo"
    );
    assert_eq!(term_for(K::Login, " joao "), "joao");
}

#[test]
fn problems_have_messages() {
    assert_eq!(SearchProblem::Empty.msg(), Msg::SearchEmptyTerm);
    assert_eq!(
        SearchProblem::InvalidDocument(DocKind::Cpf).msg(),
        Msg::SearchInvalidCpf
    );
    assert_eq!(
        SearchProblem::InvalidDocument(DocKind::Cnpj).msg(),
        Msg::SearchInvalidCnpj
    );
}

fn valid_cpf() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, 9)
        .prop_filter("not all equal", |d| d.iter().any(|&x| x != d[0]))
        .prop_map(|d| {
            let base: Vec<u8> = d.iter().map(|x| b'0' + x).collect();
            let [d1, d2] = cpf_check_digits(&base);
            format!("{}{d1}{d2}", String::from_utf8(base).unwrap())
        })
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = detect(&s);
    }

    #[test]
    fn never_panics_on_search_box_alphabet(s in "[0-9a-fA-F:.\\-/()+ @_]{0,24}") {
        let d = detect(&s);
        prop_assert!(d.term.len() <= s.len() + 5);
    }

    #[test]
    fn valid_cpfs_are_documents(cpf in valid_cpf()) {
        let masked = format!("{}.{}.{}-{}", &cpf[..3], &cpf[3..6], &cpf[6..9], &cpf[9..]);
        for typed in [cpf.clone(), masked, format!(" {cpf} ")] {
            let d = detect(&typed);
            prop_assert_eq!(d.kind, K::Document, "{}", typed);
            prop_assert_eq!(&d.term, &cpf);
            prop_assert_eq!(d.problem, None);
        }
    }

    #[test]
    fn masked_mobiles_are_phones(ddd in 11u8..100, rest in "[0-9]{8}") {
        prop_assume!(crate::br::phone::is_valid_ddd(ddd));
        let typed = format!("({ddd}) 9{}-{}", &rest[..4], &rest[4..]);
        let d = detect(&typed);
        prop_assert_eq!(d.kind, K::Phone);
        prop_assert_eq!(d.term, format!("{ddd}9{rest}"));
    }

    #[test]
    fn ipv4s_are_ipv4(a in any::<[u8; 4]>()) {
        let ip = Ipv4Addr::from(a).to_string();
        prop_assert_eq!(detect(&ip), Detection::new(K::Ipv4, ip.clone()));
    }

    #[test]
    fn macs_in_any_notation_agree(b in any::<[u8; 6]>(), style in 0usize..3, upper in any::<bool>()) {
        let canonical = b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(":");
        let lower: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
        let typed = match style {
            0 => lower.join(":"),
            1 => lower.join("-"),
            _ => format!("{}{}.{}{}.{}{}", lower[0], lower[1], lower[2], lower[3], lower[4], lower[5]),
        };
        let typed = if upper { typed.to_uppercase() } else { typed };
        let d = detect(&typed);
        prop_assert_eq!(d.kind, K::Mac);
        prop_assert_eq!(d.term, canonical);
    }
}
