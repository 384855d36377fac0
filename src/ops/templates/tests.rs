use super::*;

fn tpl(name: &str, text: &str) -> Template {
    Template {
        name: name.into(),
        text: text.into(),
    }
}

fn full() -> Context {
    Context {
        cliente: Some("Maria da Conceição".into()),
        codigo: Some("1000".into()),
        servico: Some("FIBRA 300 MEGA".into()),
        login: Some("maria.fibra".into()),
        protocolo: Some("20250128085356853228".into()),
        atendente: Some("Ana Lima".into()),
        data: NaiveDate::from_ymd_opt(2026, 12, 4),
    }
}

#[test]
fn every_placeholder_is_filled_and_the_date_is_brazilian() {
    let t = tpl(
        "x",
        "{cliente}|{codigo}|{servico}|{login}|{protocolo}|{atendente}|{data}",
    );
    let f = fill(&t, &full());
    assert_eq!(
        f.text,
        "Maria da Conceição|1000|FIBRA 300 MEGA|maria.fibra|20250128085356853228|Ana Lima|04/12/2026"
    );
    assert!(f.missing.is_empty());
    // A placeholder used twice is filled twice.
    let f = fill(&tpl("x", "{codigo} e {codigo}"), &full());
    assert_eq!(f.text, "1000 e 1000");
}

#[test]
fn an_unknown_value_stays_written_and_is_listed_once() {
    let ctx = Context {
        protocolo: None,
        login: Some("   ".into()),
        ..full()
    };
    let f = fill(
        &tpl(
            "x",
            "Protocolo {protocolo}, login {login}, de novo {protocolo}.",
        ),
        &ctx,
    );
    assert_eq!(
        f.text,
        "Protocolo {protocolo}, login {login}, de novo {protocolo}."
    );
    assert_eq!(f.missing, vec![Placeholder::Protocolo, Placeholder::Login]);
    // What is left is what `unfilled` finds in the text afterwards.
    assert_eq!(unfilled(&f.text), f.missing);
    assert_eq!(written_list(&f.missing), "{protocolo}, {login}");
}

#[test]
fn server_data_is_cleaned_before_it_goes_into_a_text() {
    let ctx = Context {
        // An escape sequence, a newline, a tab, a bidi override and a
        // name that poses as a placeholder.
        cliente: Some("Ana\x1b]52;c;ZXZpbA==\x07 Silva\n\tSA\u{202E} {protocolo}".into()),
        login: Some("a\u{0}b".into()),
        ..full()
    };
    let f = fill(&tpl("x", "{cliente} / {login}"), &ctx);
    assert!(
        !f.text.chars().any(crate::sanitize::is_forbidden),
        "{:?}",
        f.text
    );
    assert!(!f.text.contains("\x1b") && !f.text.contains('\n'));
    // The braces of the server's text became parentheses: no placeholder
    // appears that the template did not write.
    assert!(f.text.contains("(protocolo)"), "{}", f.text);
    assert!(unfilled(&f.text).is_empty(), "{}", f.text);
    assert!(f.missing.is_empty());
    // The template's own text is one line too.
    let f = fill(&tpl("x", "linha um\nlinha\tdois\r\n"), &full());
    assert_eq!(f.text, "linha um linha dois");
}

#[test]
fn unknown_placeholders_and_unclosed_braces_are_errors_with_the_template_name() {
    let errors = check(
        "sem sinal",
        "Oi {client}, {cliente} {Data} {} e {protocolo sem fim",
    );
    assert_eq!(
        errors,
        vec![
            TemplateError::UnknownPlaceholder {
                template: "sem sinal".into(),
                placeholder: "client".into()
            },
            TemplateError::UnknownPlaceholder {
                template: "sem sinal".into(),
                placeholder: "Data".into()
            },
            TemplateError::UnknownPlaceholder {
                template: "sem sinal".into(),
                placeholder: String::new()
            },
            TemplateError::Unclosed {
                template: "sem sinal".into()
            },
        ]
    );
    let text = errors[0].message(Lang::PtBr);
    assert!(
        text.contains("sem sinal") && text.contains("{client}"),
        "{text}"
    );
    assert!(
        text.contains("{cliente}") && text.contains("{data}"),
        "{text}"
    );
    let text = errors[0].message(Lang::En);
    assert!(
        text.contains("sem sinal") && text.contains("{client}"),
        "{text}"
    );
    assert!(errors[3].message(Lang::En).contains("sem sinal"));
    // A lone closing brace is text.
    assert!(check("x", "nota: 3} itens").is_empty());
    assert!(check("x", "   ").len() == 1 && check(" ", "texto").len() == 1);
}

#[test]
fn load_keeps_the_sound_texts_and_reports_the_others() {
    let mut configured = BTreeMap::new();
    configured.insert("bom".to_owned(), "Olá {cliente}".to_owned());
    configured.insert("ruim".to_owned(), "Olá {nome}".to_owned());
    let (templates, errors) = load(&configured);
    assert_eq!(templates, vec![tpl("bom", "Olá {cliente}")]);
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(&errors[0], TemplateError::UnknownPlaceholder { template, .. } if template == "ruim")
    );
    // Nothing configured: the built-in texts, all sound.
    let (templates, errors) = load(&BTreeMap::new());
    assert!(errors.is_empty());
    assert_eq!(templates, defaults());
}

#[test]
fn the_built_in_texts_cover_the_four_cases_and_are_sound() {
    let names: Vec<&str> = DEFAULTS.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "sem conexão",
            "lentidão",
            "troca de equipamento",
            "segunda via"
        ]
    );
    for (name, text) in DEFAULTS {
        assert!(check(name, text).is_empty(), "{name}");
        // Usable to open a ticket: nothing the console lacks then.
        let f = fill(
            &tpl(name, text),
            &Context {
                protocolo: None,
                ..full()
            },
        );
        assert!(f.missing.is_empty(), "{name}: {:?}", f.missing);
        assert!(f.text.contains("Ana Lima") && f.text.contains("04/12/2026"));
    }
}

#[test]
fn the_example_config_ships_the_built_in_texts() {
    let file = crate::config::parse(crate::config::EXAMPLE).unwrap();
    let mut expected: Vec<(String, String)> = DEFAULTS
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    expected.sort();
    let shipped: Vec<(String, String)> = file.templates.into_iter().collect();
    assert_eq!(shipped, expected);
}

#[test]
fn find_matches_the_name_with_accents_and_case_aside() {
    let list = defaults();
    assert_eq!(find(&list, "sem conexão").unwrap().name, "sem conexão");
    assert_eq!(find(&list, " Sem Conexao ").unwrap().name, "sem conexão");
    let err = find(&list, "sem luz").unwrap_err();
    let text = err.message(Lang::PtBr);
    assert!(
        text.contains("sem luz") && text.contains("segunda via"),
        "{text}"
    );
}

#[test]
fn customer_and_service_records_fill_their_part() {
    let customer: Customer = serde_json::from_value(serde_json::json!({
        "codigo_cliente": 1000,
        "nome_razaosocial": "Maria da Conceição",
        "servicos": [{"id_cliente_servico": 11, "nome": "FIBRA 300", "login": "maria"}]
    }))
    .unwrap();
    let ctx = Context::of_service(&customer, customer.servicos.first());
    assert_eq!(ctx.cliente.as_deref(), Some("Maria da Conceição"));
    assert_eq!(ctx.codigo.as_deref(), Some("1000"));
    assert_eq!(ctx.servico.as_deref(), Some("FIBRA 300"));
    assert_eq!(ctx.login.as_deref(), Some("maria"));
    assert_eq!(ctx.protocolo, None);
    let ctx = Context::of_service(&customer, None);
    assert_eq!(ctx.servico, None);
}
