//! Canned texts from the command line (issue 18, part 3): `ticket open
//! --template` and `ticket close --template` fill through the same core as
//! the console's `Ctrl-T`; a value the command cannot know is refused
//! before anything is sent; `config check` names each broken text.

use hubdesk::ops::templates::{self, Context};
use serde_json::Value;

use super::cli_kit::Harness;

const PROFILE: &str = "[profiles.provedor]\nattendant = \"Ana Lima\"\n";

fn customer_json(h: &Harness, code: &str) -> Value {
    h.run(&["customer", code, "--json"]).expect(0).json()
}

fn today() -> String {
    hubdesk::br::dates::format_date(hubdesk::br::dates::today(chrono::Utc::now()))
}

#[test]
fn ticket_open_with_a_template_fills_it_from_the_services_customer() {
    let h = Harness::new();
    h.write_config(PROFILE);
    let record = customer_json(&h, "1000");
    let service = record["servicos"][0]["id_cliente_servico"]
        .as_u64()
        .unwrap()
        .to_string();
    let opened = h
        .run(&[
            "ticket",
            "open",
            &service,
            "--template",
            "Sem Conexao",
            "--name",
            "Ana",
            "--phone",
            "(37) 99911-2233",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    let protocol = opened["protocolo"].as_str().unwrap().to_owned();
    assert_eq!(h.actions().get("ticket_open"), Some(&1));
    // What the console's Ctrl-T fills for the same customer and service:
    // the one core, with the record as the server sent it.
    let customer: hubdesk::api::Customer = serde_json::from_value(record).unwrap();
    let ctx = Context {
        atendente: Some("Ana Lima".into()),
        data: Some(hubdesk::br::dates::today(chrono::Utc::now())),
        ..Context::of_service(&customer, customer.servicos.first())
    };
    let list = templates::defaults();
    let expected = templates::fill(templates::find(&list, "sem conexão").unwrap(), &ctx);
    assert!(expected.missing.is_empty(), "{expected:?}");
    assert!(expected.text.contains("código 1000"), "{}", expected.text);
    let tickets = h.run(&["tickets", "1000", "--json"]).expect(0).json();
    let ticket = tickets
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["protocolo"] == protocol.as_str())
        .expect("the new ticket");
    let sent = ticket["descricao_abertura"].as_str().unwrap();
    assert!(
        sent.starts_with(&expected.text),
        "{sent}\n{}",
        expected.text
    );
}

#[test]
fn ticket_close_with_a_template_fills_the_attendant_and_the_date() {
    let h = Harness::new();
    h.write_config(&format!(
        "{PROFILE}[templates]\nresolvido = \"Resolvido por {{atendente}} em {{data}}.\"\n\
         retorno = \"Protocolo {{protocolo}} encerrado.\"\n"
    ));
    let tickets = h.run(&["tickets", "1001", "--json"]).expect(0).json();
    let id = tickets[0]["id_atendimento"]
        .as_u64()
        .expect("1001 has a ticket");
    let id = id.to_string();
    h.run(&["ticket", "close", &id, "--template", "resolvido", "--yes"])
        .expect(0);
    let close = h
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_close")
        .expect("close recorded");
    assert_eq!(
        close.detail["parametros"]["texto_fechamento"],
        format!("Resolvido por Ana Lima em {}.", today())
    );
    assert!(close.detail["descricao"].is_null(), "{:?}", close.detail);
    // `ticket close` knows no protocol: refused, named, nothing sent.
    let before = h.actions();
    let out = h.run(&["ticket", "close", &id, "--template", "retorno", "--yes"]);
    out.expect(2);
    assert!(
        out.stderr.contains("{protocolo}") && out.stderr.contains("--description"),
        "{}",
        out.stderr
    );
    assert_eq!(h.actions(), before);
    // With the ticket's service, its customer and protocol are read first.
    let tickets = h.run(&["tickets", "1002", "--json"]).expect(0).json();
    let ticket = &tickets[0];
    let (id, service) = (
        ticket["id_atendimento"].as_u64().unwrap().to_string(),
        ticket["id_cliente_servico"].as_u64().unwrap().to_string(),
    );
    let protocol = ticket["protocolo"].as_str().unwrap().to_owned();
    h.run(&[
        "ticket",
        "close",
        &id,
        "--template",
        "retorno",
        "--service",
        &service,
        "--yes",
    ])
    .expect(0);
    let closes: Vec<_> = h
        .sim
        .records()
        .into_iter()
        .filter(|r| r.kind == "ticket_close")
        .collect();
    assert_eq!(closes.len(), 2, "{closes:?}");
    assert_eq!(
        closes[1].detail["parametros"]["texto_fechamento"],
        format!("Protocolo {protocol} encerrado.")
    );
    // An open ticket that is not the service's: refused, nothing sent.
    let other = h.run(&["tickets", "1000", "--json"]).expect(0).json();
    let other = other[0]["id_atendimento"].as_u64().unwrap().to_string();
    let out = h.run(&[
        "ticket",
        "close",
        &other,
        "--template",
        "retorno",
        "--service",
        &service,
        "--yes",
    ]);
    assert!(out.stderr.contains(&other), "{}", out.stderr);
    out.expect(1);
    assert_eq!(h.sim.counters().get("ticket_close"), 2);
}

#[test]
fn an_unknown_or_broken_template_is_a_usage_error_and_sends_nothing() {
    let h = Harness::new();
    h.write_config(&format!(
        "{PROFILE}[templates]\nbom = \"Olá {{cliente}}\"\nruim = \"Olá {{nome}}\"\n"
    ));
    let open = |name: &str| {
        h.run(&[
            "ticket",
            "open",
            "100000",
            "--template",
            name,
            "--name",
            "Ana",
            "--phone",
            "(37) 99911-2233",
            "--yes",
        ])
    };
    let out = open("nada");
    out.expect(2);
    assert!(
        out.stderr.contains("\"nada\"") && out.stderr.contains("bom"),
        "{}",
        out.stderr
    );
    // A broken one says what is wrong with it, by name.
    let out = open("ruim");
    out.expect(2);
    assert!(
        out.stderr.contains("\"ruim\"") && out.stderr.contains("{nome}"),
        "{}",
        out.stderr
    );
    // --template and --description exclude each other.
    h.run(&[
        "ticket",
        "open",
        "100000",
        "--template",
        "bom",
        "--description",
        "x",
        "--name",
        "Ana",
        "--phone",
        "(37) 99911-2233",
        "--yes",
    ])
    .expect(2);
    assert!(h.actions().is_empty(), "{:?}", h.actions());
}

#[test]
fn config_check_names_each_broken_placeholder_with_its_template() {
    let h = Harness::new();
    h.write_config(&format!(
        "{PROFILE}[templates]\n\"sem sinal\" = \"Olá {{client}}, {{data}}\"\n\
         aberto = \"Olá {{cliente\"\nbom = \"Olá {{cliente}}\"\n"
    ));
    let out = h.run(&["--lang", "pt-BR", "config", "check"]);
    out.expect(2);
    assert!(
        out.stdout
            .contains("Texto pronto \"sem sinal\": {client} não é um campo conhecido"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Texto pronto \"aberto\": uma chave aberta"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Textos prontos: bom"), "{}", out.stdout);
    let out = h.run(&["--lang", "en", "config", "check"]);
    out.expect(2);
    assert!(
        out.stdout
            .contains("Canned text \"sem sinal\": {client} is not a known field"),
        "{}",
        out.stdout
    );
    // Every other command says it too, and goes on.
    let out = h.run(&["customer", "1000"]);
    out.expect(0);
    assert!(out.stderr.contains("\"sem sinal\""), "{}", out.stderr);
    // Without [templates], the built-in ones, said as such.
    h.write_config(PROFILE);
    let out = h.run(&["config", "check"]);
    out.expect(0);
    assert!(
        out.stdout.contains(
            "Canned texts: sem conexão, lentidão, troca de equipamento, segunda via (built in)"
        ),
        "{}",
        out.stdout
    );
}
