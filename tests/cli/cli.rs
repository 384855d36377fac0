//! End-to-end tests of the scriptable CLI: the real `hubdesk` binary, run
//! without a terminal, against a simulator started in the test on a free
//! port. Every run gets a private HOME, config, data and state directory, so
//! no test reads or writes the real user's files.

use std::path::{Path, PathBuf};

use hubdesk::sim::{Credentials, DEMO_CREDENTIALS, Faults, Generation, SimConfig};
use serde_json::Value;

use crate::cli_kit;
use cli_kit::{Harness, Out, small};

/// Runs `customer CODE --json` to learn the fixture's values, so the table
/// tests do not hard-code generated data.
fn customer_json(h: &Harness, code: &str) -> Value {
    h.run(&["customer", code, "--json"]).expect(0).json()
}

fn is_iso_date(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

// ---------------------------------------------------------------------------
// Read commands

#[test]
fn search_shows_a_table_in_brazilian_formats() {
    let h = Harness::new();
    let c = customer_json(&h, "1001");
    let doc = c["cpf_cnpj"].as_str().unwrap().to_owned();
    let phone = c["telefone_primario"].as_str().unwrap().to_owned();
    let out = h.run(&["search", &doc]).expect(0).stdout.clone();
    assert!(out.contains("PADARIA SÃO JOSÉ"), "{out}");
    assert!(out.contains(&*hubdesk::br::doc::display(&doc)), "{out}");
    assert!(out.contains(&*hubdesk::br::phone::display(&phone)), "{out}");
    assert!(out.contains("1001"), "{out}");
    // By name, forced kind, cancelled services and a limit.
    let out = h.run(&[
        "search",
        "PADARIA",
        "--by",
        "nome_razaosocial",
        "--cancelled",
        "--limit",
        "3",
    ]);
    assert!(out.expect(0).stdout.contains("1001"));
}

#[test]
fn search_json_uses_hubsoft_names_numbers_and_iso_dates() {
    let h = Harness::new();
    let v = h
        .run(&["search", "1000", "--by", "code", "--json"])
        .expect(0)
        .json();
    let c = &v.as_array().unwrap()[0];
    assert_eq!(c["codigo_cliente"], Value::from(1000));
    assert!(c["nome_razaosocial"].is_string());
    assert!(is_iso_date(&c["data_cadastro"]), "{}", c["data_cadastro"]);
    let s = &c["servicos"][0];
    assert!(s["id_cliente_servico"].is_u64());
    assert!(s["valor"].is_number());
    assert!(s.get("senha").is_none());
    assert!(!v.to_string().contains("senha"));
}

#[test]
fn customer_by_code_document_and_service() {
    let h = Harness::new();
    let c = customer_json(&h, "1001");
    let service = c["servicos"][1]["id_cliente_servico"].as_u64().unwrap();
    let valor = c["servicos"][0]["valor"].as_f64().unwrap();
    let table = h.run(&["customer", "1001"]).expect(0).stdout.clone();
    assert!(table.contains("PADARIA SÃO JOSÉ LTDA"), "{table}");
    let brl =
        hubdesk::br::money::format_brl(rust_decimal::Decimal::from_f64_retain(valor).unwrap());
    assert!(table.contains(&brl), "{brl} missing:\n{table}");
    let doc = c["cpf_cnpj"].as_str().unwrap();
    let by_doc = h
        .run(&["customer", &hubdesk::br::doc::display(doc), "--json"])
        .expect(0)
        .json();
    assert_eq!(by_doc["codigo_cliente"], Value::from(1001));
    let by_service = h
        .run(&["customer", &format!("service:{service}"), "--json"])
        .expect(0)
        .json();
    assert_eq!(by_service["codigo_cliente"], Value::from(1001));
}

/// Issue 12.6: `service:ID` asks `cliente?busca=id_cliente_servico` first
/// (a new installation has no invoice to find it through), and falls back
/// to the invoice/ticket/order path only on a server that refuses that
/// `busca`.
#[test]
fn customer_by_service_uses_the_service_search_and_falls_back_on_old_servers() {
    for generation in [Generation::Current, Generation::Documented2020] {
        let h = Harness::with(SimConfig {
            generation,
            ..cli_kit::small(DEMO_CREDENTIALS.into())
        });
        let service = service_of(&h, "1001", 1);
        let before = h.sim.counters().requests("cliente/financeiro");
        let found = h
            .run(&["customer", &format!("service:{service}"), "--json"])
            .expect(0)
            .json();
        assert_eq!(found["codigo_cliente"], Value::from(1001), "{generation:?}");
        let invoice_reads = h.sim.counters().requests("cliente/financeiro") - before;
        match generation {
            Generation::Current => assert_eq!(invoice_reads, 0, "no detour via invoices"),
            Generation::Documented2020 => assert!(invoice_reads >= 1, "the fallback path"),
        }
        // An unknown service is not found, on either server.
        h.run(&["customer", "service:999999"]).expect(1);
    }
}

/// Issue 15: an alphanumeric CNPJ keeps its letters from the command line
/// to the server, in `customer` and `search`.
#[test]
fn an_alphanumeric_cnpj_finds_its_company() {
    let h = Harness::new();
    let doc = h.sim.document_of(1008).expect("1008 has a document");
    assert!(doc.bytes().any(|b| b.is_ascii_uppercase()), "{doc}");
    let typed = format!(
        "{}.{}.{}/{}-{}",
        &doc[..2],
        &doc[2..5],
        &doc[5..8],
        &doc[8..12],
        &doc[12..]
    )
    .to_lowercase();
    let found = h.run(&["customer", &typed, "--json"]);
    assert_eq!(found.expect(0).json()["codigo_cliente"], Value::from(1008));
    let searched = h.run(&["search", &typed, "--json"]);
    assert_eq!(
        searched.expect(0).json()[0]["codigo_cliente"],
        Value::from(1008)
    );
}

/// Issue 12.5 and 12.9c: the CLI asks for 100 customers (HubSoft answers 5
/// without a limit) and says when a cap is hit; a lookup by code never
/// talks of customers sharing a document.
#[test]
fn search_asks_for_a_hundred_and_a_code_lookup_names_one_customer() {
    let h = Harness::with(cli_kit::small(DEMO_CREDENTIALS.into()));
    let all = h.run(&["search", "a", "--by", "name", "--json"]);
    let n = all.expect(0).json().as_array().unwrap().len();
    assert!(
        n > 5,
        "only {n} customers: the server's default of 5 was used"
    );
    let capped = h.run(&["search", "a", "--by", "name", "--limit", "2"]);
    capped.expect(0);
    assert!(capped.stderr.contains("maximum of 2"), "{}", capped.stderr);
    let by_code = h.run(&["customer", "1001"]);
    by_code.expect(0);
    assert!(!by_code.stderr.contains("share"), "{}", by_code.stderr);
}

#[test]
fn invoices_tickets_orders_and_connections() {
    let h = Harness::new();
    let open = h.run(&["invoices", "1001", "--json"]).expect(0).json();
    let all = h
        .run(&["invoices", "1001", "--all", "--json"])
        .expect(0)
        .json();
    let (open, all) = (open.as_array().unwrap(), all.as_array().unwrap());
    assert!(!open.is_empty() && all.len() > open.len());
    for i in all {
        assert!(i["id_fatura"].is_u64() && i["valor"].is_number(), "{i}");
        assert!(is_iso_date(&i["data_vencimento"]), "{i}");
    }
    assert!(all.iter().any(|i| i["quitado"] == Value::Bool(true)));
    let table = h.run(&["invoices", "1001"]).expect(0).stdout.clone();
    assert!(table.contains("R$ "), "{table}");
    let due = open[0]["data_vencimento"].as_str().unwrap();
    let d = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap();
    assert!(table.contains(&d.format("%d/%m/%Y").to_string()), "{table}");

    let tickets = h
        .run(&["tickets", "1001", "--all", "--json"])
        .expect(0)
        .json();
    let t = &tickets.as_array().unwrap()[0];
    assert!(
        t["protocolo"].is_string() && t["id_atendimento"].is_u64(),
        "{t}"
    );
    // Orders opened from a ticket keep HubSoft's shape: numeric id, text
    // number (customers 1002-1009 of the fixture have such tickets).
    let mut with_orders = Vec::new();
    for code in ["1002", "1004", "1005", "1008", "1009"] {
        let list = h
            .run(&["tickets", code, "--all", "--json"])
            .expect(0)
            .json();
        for t in list.as_array().unwrap() {
            with_orders.extend(t["ordens_servico"].as_array().cloned().unwrap_or_default());
        }
    }
    assert!(!with_orders.is_empty(), "no ticket with service orders");
    for o in &with_orders {
        assert!(
            o["id_ordem_servico"].is_u64() && o["numero_ordem_servico"].is_string(),
            "{o}"
        );
    }
    let table = h
        .run(&["tickets", "1001", "--all"])
        .expect(0)
        .stdout
        .clone();
    assert!(table.contains(t["protocolo"].as_str().unwrap()));

    let orders = h.run(&["orders", "1000", "--json"]).expect(0).json();
    assert!(orders.is_array());
    h.run(&["orders", "1000", "--status", "finalizado"])
        .expect(0);

    let c = customer_json(&h, "1001");
    let login = c["servicos"][0]["login"].as_str().unwrap().to_owned();
    let log = h.run(&["connections", &login, "--json"]).expect(0).json();
    let first = &log["registros"][0];
    assert!(is_iso_date(&first["acctstarttime"]), "{first}");
    assert_eq!(first["username"], Value::from(login.clone()));
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    let table = h
        .run(&["connections", &login, "--from", &from])
        .expect(0)
        .stdout
        .clone();
    assert!(
        table.contains(first["framedipaddress"].as_str().unwrap()),
        "{table}"
    );
}

#[test]
fn login_prints_the_user_and_expiry() {
    let h = Harness::new();
    let out = h.run(&["login"]).expect(0).stdout.clone();
    assert!(
        out.contains(DEMO_CREDENTIALS.username) && out.contains("valid until"),
        "{out}"
    );
    let v = h.run(&["login", "--json"]).expect(0).json();
    assert_eq!(v["token_type"], Value::from("Bearer"));
    assert!(is_iso_date(&v["expires_at"]));
    assert!(v.get("access_token").is_none());
}

#[test]
fn server_text_is_sanitized_in_tables() {
    let h = Harness::new();
    // Customer 1002 has an ESC sequence in every street name.
    let out = h.run(&["customer", "1002"]).expect(0).stdout.clone();
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("1002"));
}

#[test]
fn privacy_masks_tables_and_json() {
    let h = Harness::new();
    let c = customer_json(&h, "1000");
    let doc = c["cpf_cnpj"].as_str().unwrap();
    let out = h
        .run(&["--privacy", "customer", "1000"])
        .expect(0)
        .stdout
        .clone();
    assert!(!out.contains(&*hubdesk::br::doc::display(doc)), "{out}");
    assert!(out.contains(&hubdesk::mask::document(doc)), "{out}");
    let v = h
        .run(&["customer", "1000", "--privacy", "--json"])
        .expect(0)
        .json();
    assert_eq!(v["cpf_cnpj"], Value::from(hubdesk::mask::document(doc)));
    let email = c["email_principal"].as_str().unwrap();
    assert_eq!(
        v["email_principal"],
        Value::from(hubdesk::mask::email(email))
    );
    assert_eq!(
        v["servicos"][0]["endereco_instalacao"]["numero"],
        Value::from("***")
    );
}

// ---------------------------------------------------------------------------
// Exit codes

#[test]
fn bad_input_exits_2_before_anything_is_sent() {
    let h = Harness::new();
    for args in [
        &["search", "123.456.789-00"][..],
        &["search", "ana", "--limit", "500"],
        &["customer", "abc"],
        &["invoices", "service:x"],
        &["connections", "login", "--from", "31/02/2026"],
        &[
            "ticket",
            "open",
            "100000",
            "--description",
            "x",
            "--name",
            "A",
            "--phone",
            "12",
        ],
        &[
            "send-invoice",
            "1000016",
            "--via",
            "push",
            "--to",
            "x@y.com",
            "--yes",
        ],
        &["unlock", "0", "--yes"],
        &["search", "--no-such-flag", "x"],
        &["unlock"],
    ] {
        let out = h.run(args);
        out.expect(2);
        assert!(!out.stderr.trim().is_empty(), "{args:?} said nothing");
    }
    assert!(h.sim.counters().requests.is_empty(), "a request was sent");
}

#[test]
fn refusals_exit_1() {
    let h = Harness::new();
    let out = h.run(&["customer", "999999"]);
    out.expect(1);
    let c = customer_json(&h, "1006");
    let service = c["servicos"][0]["id_cliente_servico"]
        .as_u64()
        .unwrap()
        .to_string();
    let out = h.run(&["unlock", &service, "--days", "30", "--yes"]);
    out.expect(1);
    assert!(
        out.stderr.contains("Refused by the server"),
        "{}",
        out.stderr
    );
    assert_eq!(h.actions().get("unlock"), None);
    h.sim.set_faults(Faults {
        forbidden: true,
        routes: vec!["cliente/financeiro".into()],
        ..Faults::default()
    });
    let out = h.run(&["invoices", "1001"]);
    out.expect(1);
    assert!(out.stderr.contains("No permission"), "{}", out.stderr);
}

#[test]
fn bad_credentials_exit_3() {
    let h = Harness::new();
    let mut c = h.command(&["search", "ana"]);
    c.env("HUBSOFT_PASSWORD", "wrong");
    let out = h.run_cmd(c);
    out.expect(3);
    assert!(
        out.stderr.contains("Authentication failed"),
        "{}",
        out.stderr
    );
    let mut c = h.command(&["login"]);
    c.env("HUBSOFT_CLIENT_SECRET", "wrong");
    h.run_cmd(c).expect(3);
}

#[test]
fn server_and_network_failures_exit_4() {
    let h = Harness::new();
    let only = |routes: &[&str], f: Faults| Faults {
        routes: routes.iter().map(|s| s.to_string()).collect(),
        ..f
    };
    h.sim.set_faults(only(
        &["cliente"],
        Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        },
    ));
    h.run(&["search", "ana"]).expect(4);
    h.sim.set_faults(only(
        &["cliente"],
        Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        },
    ));
    h.run(&["search", "ana"]).expect(4);
    h.sim.set_faults(only(
        &["cliente/financeiro"],
        Faults {
            hang_rate: 1.0,
            ..Faults::default()
        },
    ));
    let out = h.run(&["--timeout", "1", "invoices", "1001"]);
    out.expect(4);
    assert!(
        out.stderr
            .contains("did not answer within 1 s (cliente/financeiro)"),
        "{}",
        out.stderr
    );
    // Nothing listens on port 9 of loopback.
    let mut c = h.command(&["search", "ana"]);
    c.env("HUBSOFT_HOST", "http://127.0.0.1:9");
    h.run_cmd(c).expect(4);
}

// ---------------------------------------------------------------------------
// Actions

fn service_of(h: &Harness, code: &str, slot: usize) -> String {
    customer_json(h, code)["servicos"][slot]["id_cliente_servico"]
        .as_u64()
        .unwrap()
        .to_string()
}

#[test]
fn actions_without_a_terminal_need_yes_and_change_nothing() {
    let h = Harness::new();
    let service = service_of(&h, "1007", 0);
    for args in [
        &["reset-mac", service.as_str()][..],
        &["disconnect", &service],
        &["unlock", &service],
        &["send-invoice", "1000016", "--via", "email"],
        &[
            "ticket",
            "open",
            &service,
            "--description",
            "x",
            "--name",
            "Ana",
            "--phone",
            "37999112233",
        ],
        &["ticket", "close", "500004"],
    ] {
        let out = h.run(args);
        out.expect(2);
        assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    }
    assert!(h.actions().is_empty(), "{:?}", h.actions());
    assert!(
        !h.audit_path().exists(),
        "nothing attempted, nothing audited"
    );
}

#[test]
fn yes_performs_exactly_one_effect_per_action() {
    let h = Harness::new();
    let online = service_of(&h, "1007", 0);
    let padaria = service_of(&h, "1001", 0);
    let debt = service_of(&h, "1006", 0);
    h.run(&["reset-mac", &padaria, "--yes"]).expect(0);
    h.run(&["disconnect", &online, "--yes"]).expect(0);
    h.run(&["unlock", &debt, "--days", "2", "-y"]).expect(0);
    let invoices = h.run(&["invoices", "1001", "--json"]).expect(0).json();
    let invoice = invoices[0]["id_fatura"].as_u64().unwrap().to_string();
    h.run(&[
        "send-invoice",
        &invoice,
        "--via",
        "email",
        "--to",
        "extra@example.com",
        "--yes",
    ])
    .expect(0);
    h.run(&[
        "send-invoice",
        &invoice,
        "--via",
        "sms",
        "--to",
        "(37) 99911-2233",
        "--yes",
    ])
    .expect(0);
    h.run(&["send-invoice", &invoice, "--via", "push", "--yes"])
        .expect(0);
    let opened = h
        .run(&[
            "ticket",
            "open",
            &padaria,
            "--description",
            "Sem sinal",
            "--name",
            "Ana",
            "--phone",
            "(37) 99911-2233",
            "--email",
            "ana@example.com",
            "--with-order",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    assert!(opened["protocolo"].is_string(), "{opened}");
    let ticket = opened["id_atendimento"].as_u64().unwrap().to_string();
    let out = h.run(&[
        "ticket",
        "close",
        &ticket,
        "--description",
        "Resolvido",
        "--yes",
    ]);
    assert!(out.expect(0).stdout.contains("Done"), "{}", out.stdout);
    // Issue 12: the closing text must not overwrite the customer's opening
    // description (`descricao` in the PUT); it goes in parametros.
    let close = h
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_close")
        .expect("close recorded");
    assert!(close.detail["descricao"].is_null(), "{:?}", close.detail);
    assert_eq!(
        close.detail["parametros"]["texto_fechamento"], "Resolvido",
        "{:?}",
        close.detail
    );
    // No attendant in the profile: the system account is recorded, as the
    // console does, never nobody.
    assert!(
        close.detail["parametros"]["atendente"]
            .as_str()
            .is_some_and(|a| !a.is_empty()),
        "{:?}",
        close.detail
    );
    let after = h
        .run(&["tickets", "1001", "--all", "--json"])
        .expect(0)
        .json();
    let closed = after
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["id_atendimento"]
                .as_u64()
                .map(|i| i.to_string())
                .as_deref()
                == Some(ticket.as_str())
        })
        .expect("closed ticket listed");
    assert!(
        closed["descricao_abertura"]
            .as_str()
            .is_some_and(|d| d.contains("Sem sinal")),
        "{closed}"
    );
    let c = h.sim.counters();
    for (kind, target) in [
        ("mac_reset", &padaria),
        ("disconnect", &online),
        ("unlock", &debt),
        ("invoice_email", &invoice),
        ("invoice_sms", &invoice),
        ("invoice_push", &invoice),
        ("ticket_open", &padaria),
        ("os_open", &padaria),
        ("ticket_close", &ticket),
    ] {
        assert_eq!(c.get(kind), 1, "{kind}: {:?}", c.actions);
        assert_eq!(c.get_for(kind, target), 1, "{kind} on {target}");
    }
}

#[test]
fn read_only_refuses_actions_from_flag_and_profile() {
    let h = Harness::new();
    let service = service_of(&h, "1007", 0);
    let out = h.run(&["--read-only", "reset-mac", &service, "--yes"]);
    out.expect(2);
    // The console's sentence too (one core, pinned there as well).
    assert_eq!(
        out.stderr.trim(),
        format!(
            "hubdesk: {}",
            hubdesk::ops::actions::read_only_refusal(hubdesk::i18n::Lang::En)
        ),
    );
    h.write_config("[profiles.ro]\nread_only = true\n");
    h.run(&["reset-mac", &service, "--yes"]).expect(2);
    assert!(h.actions().is_empty());
    // Reads still work on a read-only profile.
    h.run(&["customer", "1007"]).expect(0);
}

/// Issue 13: without `attendant` in the profile the trail names the
/// person at the keyboard: `USER`, else the system account (never the
/// profile's name, never nobody).
#[test]
fn audit_names_the_system_account_when_no_attendant_is_configured() {
    let h = Harness::new();
    let service = service_of(&h, "1001", 0);
    h.write_config("[profiles.p]\n");
    // The harness clears the environment: no USER, LOGNAME or USERNAME.
    h.run(&["reset-mac", &service, "--yes"]).expect(0);
    let mut c = h.command(&["reset-mac", &service, "--yes"]);
    c.env("USER", "carla.dias");
    h.run_cmd(c).expect(0);
    let audit = h.audit();
    assert_eq!(audit.len(), 4, "{audit:?}");
    let account = std::process::Command::new("id")
        .arg("-un")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .expect("id -un");
    assert!(!account.is_empty());
    assert_eq!(audit[0]["attendant"], Value::from(account.as_str()));
    assert_eq!(audit[2]["attendant"], Value::from("carla.dias"));
    for line in &audit {
        assert_ne!(line["attendant"], Value::from("p"), "the profile's name");
    }
}

#[test]
fn audit_records_attempt_then_outcome_without_secrets() {
    let h = Harness::new();
    let service = service_of(&h, "1001", 0);
    h.write_config("[profiles.p]\nattendant = \"Maria Souza\"\n");
    h.run(&["reset-mac", &service, "--yes"]).expect(0);
    let refused = service_of(&h, "1004", 0);
    h.run(&["disconnect", &refused, "--yes"]).expect(1);
    let text = std::fs::read_to_string(h.audit_path()).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0]["phase"], Value::from("attempt"));
    assert_eq!(lines[1]["phase"], Value::from("outcome"));
    assert_eq!(lines[0]["id"], lines[1]["id"]);
    assert_ne!(lines[0]["id"], lines[2]["id"]);
    for l in &lines {
        for key in [
            "time",
            "attendant",
            "profile",
            "host",
            "action",
            "customer",
            "service",
            "invoice",
            "ticket",
        ] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
        assert_eq!(l["attendant"], Value::from("Maria Souza"));
        assert_eq!(l["profile"], Value::from("p"));
        assert_eq!(l["host"], Value::from(h.sim.base_url()));
    }
    assert_eq!(lines[0]["action"], Value::from("reset_mac"));
    assert_eq!(
        lines[0]["service"],
        Value::from(service.parse::<u64>().unwrap())
    );
    assert_eq!(lines[1]["outcome"], Value::from("ok"));
    assert!(lines[1]["msg"].is_string());
    assert_eq!(lines[3]["outcome"], Value::from("refused"));
    for secret in [DEMO_CREDENTIALS.client_secret, DEMO_CREDENTIALS.password] {
        assert!(!text.contains(secret));
    }
    let shown = h.run(&["audit", "--json", "--limit", "3"]).expect(0).json();
    assert_eq!(shown.as_array().unwrap().len(), 3);
    let table = h.run(&["audit"]).expect(0).stdout.clone();
    assert!(
        table.contains("MAC reset") && table.contains("refused"),
        "{table}"
    );
    // The JSON keeps the stable name, the pt-BR table says it in Portuguese.
    let mut c = h.command(&["audit"]);
    c.env("LANG", "pt_BR.UTF-8");
    let table = h.run_cmd(c).stdout;
    assert!(table.contains("reset do MAC"), "{table}");
}

#[test]
fn unknown_outcome_is_reported_audited_and_not_retried() {
    let h = Harness::new();
    let service = service_of(&h, "1001", 0);
    h.sim.set_faults(Faults {
        routes: vec!["cliente/reset_mac_addr".into()],
        apply_then_stall: true,
        ..Faults::default()
    });
    let out = h.run(&["--timeout", "2", "reset-mac", &service, "--yes"]);
    out.expect(4);
    assert!(
        out.stderr.contains("check before repeating"),
        "{}",
        out.stderr
    );
    assert_eq!(h.sim.counters().requests("cliente/reset_mac_addr"), 1);
    assert_eq!(h.sim.counters().get("mac_reset"), 1);
    let text = std::fs::read_to_string(h.audit_path()).unwrap();
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains("\"outcome\":\"unknown\""),
        "{text}"
    );
}

/// Issue 13: a signal while an action waits for the server abandons it,
/// but never leaves its attempt line alone: the trail gets `unknown`, and
/// the command exits with 128 + the signal's number.
#[test]
fn a_signal_while_an_action_waits_writes_unknown_and_exits_128_plus_it() {
    let h = Harness::new();
    let service = service_of(&h, "1001", 0);
    h.sim.set_faults(Faults {
        routes: vec!["cliente/reset_mac_addr".into()],
        apply_then_stall: true,
        ..Faults::default()
    });
    for (n, (signal, code)) in [("INT", 130), ("TERM", 143), ("HUP", 129)]
        .into_iter()
        .enumerate()
    {
        let child = h
            .command(&["reset-mac", &service, "--yes"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The request reached the server (which applied it and stalls).
        let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while h.sim.counters().get("mac_reset") <= n as u64 {
            assert!(std::time::Instant::now() < end, "{signal}: never sent");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{signal}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("outcome is unknown"), "{signal}: {stderr}");
        let lines = h.audit();
        assert_eq!(lines.len(), 2 * (n + 1), "{signal}: {lines:?}");
        let (attempt, outcome) = (&lines[2 * n], &lines[2 * n + 1]);
        assert_eq!(attempt["phase"], "attempt");
        assert_eq!(outcome["phase"], "outcome");
        assert_eq!(attempt["id"], outcome["id"]);
        assert_eq!(outcome["outcome"], "unknown", "{signal}");
        assert_eq!(outcome["msg"], hubdesk::audit::INTERRUPTED);
    }
    assert_eq!(h.sim.counters().requests("cliente/reset_mac_addr"), 3);
}

// ---------------------------------------------------------------------------
// Configuration

#[test]
fn config_precedence_is_file_then_env_then_flags() {
    let h = Harness::new();
    h.write_config(
        "default_profile = \"a\"\n\
         [profiles.a]\nhost = \"https://file.example\"\nusername = \"file-user\"\n\
         [profiles.b]\nhost = \"https://b.example\"\n",
    );
    let server = |out: &Out| {
        out.stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix("Server: ").map(str::to_owned))
            .unwrap_or_default()
    };
    let mut c = h.command(&["config", "check"]);
    c.env_remove("HUBSOFT_HOST").env_remove("HUBSOFT_USERNAME");
    let out = h.run_cmd(c);
    assert_eq!(server(&out), "https://file.example", "{}", out.stdout);
    assert!(out.stdout.contains("User: file-user"));
    let mut c = h.command(&["config", "check"]);
    c.env("HUBSOFT_HOST", "https://env.example");
    assert_eq!(server(&h.run_cmd(c)), "https://env.example");
    let mut c = h.command(&["config", "check", "--host", "https://flag.example"]);
    c.env("HUBSOFT_HOST", "https://env.example");
    assert_eq!(server(&h.run_cmd(c)), "https://flag.example");
    // Profiles: file default < HUBDESK_PROFILE < --profile.
    let mut c = h.command(&["config", "check"]);
    c.env_remove("HUBSOFT_HOST").env("HUBDESK_PROFILE", "b");
    assert_eq!(server(&h.run_cmd(c)), "https://b.example");
    let mut c = h.command(&["config", "check", "--profile", "a"]);
    c.env_remove("HUBSOFT_HOST").env("HUBDESK_PROFILE", "b");
    assert_eq!(server(&h.run_cmd(c)), "https://file.example");
    // --config beats HUBDESK_CONFIG.
    let other = h.path("other.toml");
    std::fs::write(&other, "[profiles.o]\nhost = \"https://other.example\"\n").unwrap();
    let mut c = h.command(&["config", "check", "--config", other.to_str().unwrap()]);
    c.env_remove("HUBSOFT_HOST");
    assert_eq!(server(&h.run_cmd(c)), "https://other.example");
    h.run(&["--profile", "nope", "customer", "1000"]).expect(2);
}

#[test]
fn a_profile_alone_reaches_the_server_with_secret_commands() {
    let h = Harness::new();
    h.write_config(&format!(
        "[profiles.only]\nhost = \"{}\"\nclient_id = \"{}\"\nusername = \"{}\"\n\
         client_secret_command = \"printf '%s\\\\n' {}\"\npassword_command = \"echo {}\"\n",
        h.sim.base_url(),
        DEMO_CREDENTIALS.client_id,
        DEMO_CREDENTIALS.username,
        DEMO_CREDENTIALS.client_secret,
        DEMO_CREDENTIALS.password,
    ));
    let mut c = h.command(&["login"]);
    for k in [
        "HUBSOFT_HOST",
        "HUBSOFT_CLIENT_ID",
        "HUBSOFT_CLIENT_SECRET",
        "HUBSOFT_USERNAME",
        "HUBSOFT_PASSWORD",
    ] {
        c.env_remove(k);
    }
    h.run_cmd(c).expect(0);
    let mut c = h.command(&["login"]);
    c.env_remove("HUBSOFT_CLIENT_SECRET");
    h.write_config("[profiles.only]\nclient_secret_command = \"exit 7\"\n");
    let out = h.run_cmd(c);
    out.expect(2);
    assert!(
        out.stderr.contains("client_secret_command"),
        "{}",
        out.stderr
    );
}

#[test]
fn plain_http_to_a_remote_host_needs_insecure_http() {
    let h = Harness::new();
    let out = h.run(&["--host", "http://192.0.2.1:8080", "login"]);
    out.expect(2);
    assert!(out.stderr.contains("insecure_http"), "{}", out.stderr);
}

#[test]
fn config_check_reports_problems() {
    let h = Harness::new();
    h.write_config(
        "colour = \"red\"\n[keys]\nrefresh = \"ctrl-shift-nonsense\"\nhelp = \"r\"\nquit = \"r\"\n\
         [profiles.p]\nhots = \"x\"\npassword = \"hunter2\"\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(h.config_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = h.run(&["config", "check"]);
    out.expect(2);
    let s = &out.stdout;
    assert!(s.contains("Unknown key: colour"), "{s}");
    assert!(s.contains("Unknown key: profiles.p.hots"), "{s}");
    assert!(s.contains("unknown key \"ctrl-shift-nonsense\""), "{s}");
    assert!(s.contains("bound to both"), "{s}");
    assert!(s.contains("Secrets written in the file"), "{s}");
    #[cfg(unix)]
    assert!(s.contains("readable by other users"), "{s}");
    assert!(!s.contains("hunter2"));
    // A broken file is a message, not a panic.
    h.write_config("privacy = \"maybe\"\n[[[");
    let out = h.run(&["config", "check"]);
    out.expect(2);
    assert!(
        out.stderr.contains("Invalid configuration"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"));
    // A language that is neither pt nor en would silently become English.
    h.write_config("lang = \"fr\"\n");
    let out = h.run(&["config", "check"]);
    out.expect(2);
    assert!(
        out.stdout.contains("Invalid value for lang: \"fr\""),
        "{}",
        out.stdout
    );
    // Several profiles and none chosen: say so, instead of "missing host".
    h.write_config(
        "[profiles.a]\nhost = \"https://a.example\"\n[profiles.b]\nhost = \"https://b.example\"\n",
    );
    let mut c = h.command(&["customer", "1000"]);
    c.env_remove("HUBSOFT_HOST");
    let out = h.run_cmd(c);
    out.expect(2);
    assert!(
        out.stderr.contains("several profiles (a, b)"),
        "{}",
        out.stderr
    );
    let out = h.run(&["config", "check"]);
    out.expect(2);
    assert!(
        out.stdout.contains("several profiles (a, b)"),
        "{}",
        out.stdout
    );
    // `config path` still works with a broken file.
    let path = h.run(&["config", "path"]).expect(0).stdout.clone();
    assert_eq!(Path::new(path.trim()), h.config_path());
}

#[test]
fn config_example_is_a_valid_clean_config() {
    let h = Harness::new();
    let example = h.run(&["config", "example"]).expect(0).stdout.clone();
    hubdesk::config::parse(&example).expect("example parses");
    h.write_config(&example);
    let mut c = h.command(&["config", "check", "--lang", "en"]);
    c.env_remove("HUBSOFT_HOST");
    let out = h.run_cmd(c);
    out.expect(0);
    assert!(out.stdout.contains("Configuration OK"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Server: https://api.provedor"),
        "{}",
        out.stdout
    );
}

#[test]
fn language_follows_flag_then_config_then_locale() {
    let h = Harness::new();
    let mut c = h.command(&["customer", "abc"]);
    c.env("LANG", "pt_BR.UTF-8");
    assert!(h.run_cmd(c).stderr.contains("Referência inválida"));
    let mut c = h.command(&["--lang", "en", "customer", "abc"]);
    c.env("LANG", "pt_BR.UTF-8");
    assert!(h.run_cmd(c).stderr.contains("Invalid reference"));
    h.write_config("lang = \"pt-BR\"\n");
    assert!(
        h.run(&["customer", "abc"])
            .stderr
            .contains("Referência inválida")
    );
    assert!(
        h.run(&["--help"])
            .expect(0)
            .stdout
            .contains("Console de atendimento")
    );
}

#[test]
fn completions_and_man_page() {
    let h = Harness::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = h.run(&["completions", shell]);
        assert!(out.expect(0).stdout.contains("reset-mac"), "{shell}");
    }
    let man = h.run(&["man"]).expect(0).stdout.clone();
    assert!(man.contains(".TH") && man.contains("hubdesk"), "{man}");
    for sub in ["search", "ticket", "config", "send-invoice"] {
        h.run(&[sub, "--help"]).expect(0);
    }
}

/// clap's own English words, which must not show in pt-BR help.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Commands:",
    "Options:",
    "Arguments:",
    "Print help",
    "Print version",
    "possible values",
    "[default:",
    "[OPTIONS]",
    "[COMMAND]",
];

#[test]
fn help_is_entirely_portuguese_on_every_command() {
    let h = Harness::new();
    for args in [
        &["--help"][..],
        &["-h"],
        &["search", "--help"],
        &["ticket", "close", "--help"],
        &["audit", "--help"],
        &["config", "--help"],
        &["completions", "-h"],
        &["sim", "--help"],
    ] {
        let mut c = h.command(args);
        c.env("LANG", "pt_BR.UTF-8");
        let out = h.run_cmd(c);
        out.expect(0);
        for word in CLAP_ENGLISH {
            assert!(
                !out.stdout.contains(word),
                "{args:?} shows {word:?}:\n{}",
                out.stdout
            );
        }
        assert!(
            out.stdout.contains("Uso: hubdesk"),
            "{args:?}:\n{}",
            out.stdout
        );
        assert!(out.stdout.contains("Opções:"), "{args:?}:\n{}", out.stdout);
        assert!(out.stdout.contains("Mostra esta ajuda"), "{args:?}");
    }
    let mut c = h.command(&["--help"]);
    c.env("LANG", "pt_BR.UTF-8");
    let root = h.run_cmd(c).stdout;
    for text in [
        "Comandos:",
        "Mostra a versão",
        "[padrão: info]",
        "[valores possíveis: dark, light, mono]",
    ] {
        assert!(root.contains(text), "root help lacks {text:?}:\n{root}");
    }
    let mut c = h.command(&["search", "--help"]);
    c.env("LANG", "pt_BR.UTF-8");
    let search = h.run_cmd(c).stdout;
    assert!(
        search.contains("Argumentos:") && search.contains("cpf_cnpj"),
        "{search}"
    );
    assert!(
        search.contains("<TERMO>") && search.contains("--by <TIPO>"),
        "{search}"
    );
    // The man page carries the same notes; completions leave the values to
    // the shell.
    let mut c = h.command(&["man"]);
    c.env("LANG", "pt_BR.UTF-8");
    let man = h.run_cmd(c).stdout;
    assert!(
        man.contains("[padrão: info]") && !man.contains("[default:"),
        "{man}"
    );
    let mut c = h.command(&["completions", "zsh"]);
    c.env("LANG", "pt_BR.UTF-8");
    let zsh = h.run_cmd(c).stdout;
    assert!(
        zsh.contains("Tema de cores]") && !zsh.contains("valores possíveis"),
        "{zsh}"
    );
    // English keeps clap's words, and the same folded notes.
    let en = h.run(&["--help"]).expect(0).stdout.clone();
    for text in [
        "Usage: hubdesk [OPTIONS] [COMMAND]",
        "Commands:",
        "Options:",
        "Print help",
        "Print version",
        "[default: info]",
    ] {
        assert!(en.contains(text), "English help lacks {text:?}:\n{en}");
    }
}

#[test]
fn usage_errors_are_portuguese_on_stderr_with_exit_2() {
    let h = Harness::new();
    let pt = |args: &[&str]| {
        let mut c = h.command(args);
        c.env("LANG", "pt_BR.UTF-8");
        let out = h.run_cmd(c);
        out.expect(2);
        assert!(
            out.stdout.is_empty(),
            "{args:?} wrote to stdout: {}",
            out.stdout
        );
        for word in [
            "error:",
            "Usage:",
            "For more information",
            "tip:",
            "unexpected",
            "[OPTIONS]",
        ] {
            assert!(
                !out.stderr.contains(word),
                "{args:?} shows {word:?}:\n{}",
                out.stderr
            );
        }
        assert!(
            out.stderr.contains("Para mais informações, use '--help'."),
            "{}",
            out.stderr
        );
        out.stderr
    };
    let e = pt(&["--bogus"]);
    assert!(
        e.contains("argumento inesperado '--bogus'")
            && e.contains("Uso: hubdesk [OPÇÕES] [COMANDO]"),
        "{e}"
    );
    let e = pt(&["search", "x", "--limt", "3"]);
    assert!(
        e.contains("'--limt'") && e.contains("dica: você quis dizer '--limit'?"),
        "{e}"
    );
    let e = pt(&["serch", "x"]);
    assert!(
        // clap may suggest several ("service, search").
        e.contains("comando desconhecido 'serch'")
            && e.contains("dica: você quis dizer '")
            && e.contains("search'"),
        "{e}"
    );
    let e = pt(&["search", "x", "--by", "foo"]);
    assert!(
        e.contains("valor inválido 'foo' para '--by <TIPO>'")
            && e.contains("valores possíveis: nome_razaosocial"),
        "{e}"
    );
    let e = pt(&["search"]);
    assert!(
        e.contains("faltam argumentos obrigatórios:") && e.contains("<TERMO>"),
        "{e}"
    );
    let e = pt(&["search", "x", "--by"]);
    assert!(e.contains("falta o valor de '--by <TIPO>'"), "{e}");
    let e = pt(&["unlock", "abc"]);
    assert!(
        e.contains("valor inválido 'abc'") && e.contains("não é um número válido"),
        "{e}"
    );
    let e = pt(&["--timeout", "9999", "search", "x"]);
    assert!(e.contains("fora do intervalo 1..=600"), "{e}");
    // English: same shape, English words.
    let out = h.run(&["--bogus"]);
    out.expect(2);
    assert!(
        out.stderr.contains("unexpected argument '--bogus' found"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("For more information, try '--help'."),
        "{}",
        out.stderr
    );
    // --version still works, on stdout.
    assert!(
        h.run(&["--version"])
            .expect(0)
            .stdout
            .starts_with("hubdesk ")
    );
    assert!(h.sim.counters().requests.is_empty(), "a request was sent");
}

#[test]
fn demo_runs_commands_on_an_embedded_simulator() {
    let h = Harness::new();
    let bare = |args: &[&str]| {
        let mut c = h.command(args);
        for k in [
            "HUBSOFT_HOST",
            "HUBSOFT_CLIENT_ID",
            "HUBSOFT_CLIENT_SECRET",
            "HUBSOFT_USERNAME",
            "HUBSOFT_PASSWORD",
        ] {
            c.env_remove(k);
        }
        h.run_cmd(c)
    };
    // Without a server configured, a command cannot run...
    bare(&["customer", "1000"]).expect(2);
    // ...but --demo brings its own, before or after the command.
    let v = bare(&["--demo", "customer", "1000", "--json"])
        .expect(0)
        .json();
    assert_eq!(v["codigo_cliente"], Value::from(1000));
    bare(&["search", "PADARIA", "--demo"]).expect(0);
    bare(&["--demo", "reset-mac", "100004", "--yes"]).expect(0);
    let audit = std::fs::read_to_string(h.audit_path()).unwrap();
    assert!(audit.contains("\"profile\":\"demo\""), "{audit}");
    // The test's own simulator saw none of it.
    assert!(h.sim.counters().requests.is_empty());
}

// ---------------------------------------------------------------------------
// Secrets

/// Every token the simulator issues starts with this JWT header; the
/// refresh token with `def50200`.
const TOKEN_PREFIX: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9";
const REFRESH_PREFIX: &str = "def50200";

#[test]
fn canary_secrets_never_reach_logs_audit_or_output() {
    let creds = Credentials {
        client_id: "canary-client".into(),
        client_secret: "CANARY-CLIENT-SECRET-d41f".into(),
        username: "canary@isp.example".into(),
        password: "CANARY-PASSWORD-77e0".into(),
    };
    let h = Harness::with(small(creds.clone()));
    let service = service_of(&h, "1001", 0);
    let mut outputs = Vec::new();
    for args in [
        &["--log-level", "trace", "login"][..],
        &["--log-level", "trace", "login", "--json"],
        &["--log-level", "trace", "search", "PADARIA", "--json"],
        &["--log-level", "trace", "customer", "1001"],
        &[
            "--log-level",
            "trace",
            "invoices",
            "1001",
            "--all",
            "--json",
        ],
        &[
            "--log-level",
            "trace",
            "reset-mac",
            &service,
            "--yes",
            "--json",
        ],
        &["--log-level", "trace", "reset-mac", &service, "--yes"],
        &["--log-level", "trace", "config", "check"],
        &["--log-level", "trace", "audit", "--json"],
    ] {
        let out = h.run(args);
        out.expect(0);
        outputs.push(out.stdout);
        outputs.push(out.stderr);
    }
    // A refused grant and a failing action too.
    let mut c = h.command(&["--log-level", "trace", "search", "ana"]);
    c.env("HUBSOFT_PASSWORD", "CANARY-WRONG-PASSWORD-0b9c");
    let out = h.run_cmd(c);
    out.expect(3);
    outputs.push(out.stdout);
    outputs.push(out.stderr);
    let mut files = Vec::new();
    collect_files(&h.path("state"), &mut files);
    collect_files(&h.path("data"), &mut files);
    let logs: Vec<_> = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("logs"))
        .collect();
    assert!(!logs.is_empty(), "no log file was written");
    let all_logs: String = logs
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        all_logs.contains("hubdesk started"),
        "logs are empty:\n{all_logs}"
    );
    for f in &files {
        outputs.push(std::fs::read_to_string(f).unwrap());
    }
    assert!(files.iter().any(|p| p.ends_with("audit.jsonl")));
    for (i, text) in outputs.iter().enumerate() {
        for canary in [
            creds.client_secret.as_str(),
            creds.password.as_str(),
            "CANARY-WRONG-PASSWORD-0b9c",
            TOKEN_PREFIX,
            REFRESH_PREFIX,
        ] {
            assert!(
                !text.contains(canary),
                "{canary} leaked into output #{i}:\n{text}"
            );
        }
        assert!(
            !text.contains("senha"),
            "PPPoE password field in output #{i}"
        );
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Issue 18, part 1: a `[watch]` value out of range is named by `config
/// check` (exit 2) in both languages; a sound one passes.
#[test]
fn config_check_names_a_watch_value_out_of_range() {
    let h = Harness::new();
    h.write_config("[watch]\ninterval_secs = 0\n");
    let out = h.run(&["config", "check"]);
    out.expect(2);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("Invalid value for watch.interval_secs: \"0\""),
        "{all}"
    );
    let out = h.run(&["--lang", "pt-BR", "config", "check"]);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("watch.interval_secs"), "{all}");
    h.write_config("[watch]\ninterval_secs = 10\nlimit_mins = 30\n");
    let out = h.run(&["config", "check"]);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains("watch."), "{all}");
}

/// Issue 18, part 4: `config check` checks each `[[commands]]` entry by the
/// rules the console runs them by (one parser, `ops::commands`): missing
/// fields, unknown placeholders, a program taken from customer data, a
/// key the console already uses, a program this host lacks; and a file that runs commands must not be
/// writable by others.
#[test]
fn config_check_checks_the_noc_commands() {
    let h = Harness::new();
    h.write_config(
        "[[commands]]\nkey = \"alt-e\"\nname = \"eco\"\ncommand = \"sh -c 'echo {ipv4}'\"\n\n\
         [[commands]]\nname = \"mtr\"\ncommand = \"mtr -rwc 10 {ip}\"\n\n\
         [[commands]]\nkey = \"alt-o\"\nname = \"olt\"\ncommand = \"{login} --x\"\n\n\
         [[commands]]\nkey = \"alt-t\"\nname = \"trace\"\ncommand = \"no-such-tracer-xyz {ipv4}\"\n\n\
         [[commands]]\nkey = \"d\"\nname = \"dig\"\ncommand = \"true {login}\"\n",
    );
    let out = h.run(&["config", "check"]);
    out.expect(2);
    let all = format!("{}{}", out.stdout, out.stderr);
    for want in [
        "NOC commands: eco, mtr, olt, trace, dig",
        // A key the console uses on the customer stays the console's.
        "d bound to both disconnect and dig; kept for disconnect",
        "Command \"mtr\": a [[commands]] entry without key",
        "Command \"mtr\": unknown placeholder {ip}",
        "Command \"olt\": the program must be written out",
        "Command \"trace\": no-such-tracer-xyz is not on this host's PATH",
    ] {
        assert!(all.contains(want), "{want}\n{all}");
    }
    assert!(!all.contains("Command \"eco\""), "{all}");
    h.write_config("[[commands]]\nkey = \"alt-e\"\nname = \"eco\"\ncommand = \"echo {ipv4}\"\n");
    h.run(&["config", "check"]).expect(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(h.config_path(), std::fs::Permissions::from_mode(0o666)).unwrap();
        let out = h.run(&["search", "ana"]);
        out.expect(2);
        assert!(out.stderr.contains("[[commands]]"), "{}", out.stderr);
    }
}
