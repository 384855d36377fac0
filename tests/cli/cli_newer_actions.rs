//! The actions of the newer HubSoft routes (issue 17) from the command
//! line: `reset-phy`, `cpe reboot|restore`, `service enable|suspend|activate`,
//! `ticket open --type/--order-*` and `ticket append`. Exactly once on the
//! simulator's counters, read-only, a 2020 server, the factory reset's
//! typed check (`--confirm-mac`, or typed on a terminal), `--json`.

use std::time::Duration;

use hubdesk::sim::{self, Generation, SimConfig};
use serde_json::Value;

use crate::cli_confirm::spawn;
use crate::cli_kit::{Harness, small};

/// Customer 1000's service: enabled, fibre, an ONU.
fn onu(h: &Harness) -> (String, String) {
    let c = h.run(&["customer", "1000", "--json"]).expect(0).json();
    let s = &c["servicos"][0];
    (
        s["id_cliente_servico"].as_u64().unwrap().to_string(),
        s["phy_addr"].as_str().expect("an ONU").to_owned(),
    )
}

fn last4(phy: &str) -> String {
    let chars: String = phy.chars().filter(char::is_ascii_alphanumeric).collect();
    chars[chars.len() - 4..].to_owned()
}

fn legacy() -> Harness {
    Harness::with(SimConfig {
        generation: Generation::Documented2020,
        ..small(hubdesk::sim::DEMO_CREDENTIALS.into())
    })
}

#[test]
fn each_fires_exactly_once_with_yes_and_says_what_it_did() {
    let h = Harness::new();
    let (service, phy) = onu(&h);
    h.run(&["cpe", "reboot", &service, "--yes"]).expect(0);
    let restored = h
        .run(&[
            "cpe",
            "restore",
            &service,
            "--yes",
            "--confirm-mac",
            &last4(&phy).to_lowercase(),
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(restored["outcome"], "ok", "{restored}");
    // Last of the equipment's: clearing its MAC leaves no `phy_addr`.
    h.run(&["reset-phy", &service, "--yes"]).expect(0);
    let suspended = h
        .run(&[
            "service", "suspend", &service, "--kind", "pedido", "--yes", "--json",
        ])
        .expect(0)
        .json();
    // The new status, from the answer.
    assert!(
        suspended["status"]
            .as_str()
            .is_some_and(|s| s.contains("Suspenso")),
        "{suspended}"
    );
    let enabled = h.run(&[
        "service",
        "enable",
        &service,
        "--reason",
        "Pedido de religação",
        "--yes",
    ]);
    assert!(
        enabled.expect(0).stdout.contains("Done"),
        "{}",
        enabled.stdout
    );
    let awaiting = h.run(&["customer", "1003", "--json"]).expect(0).json();
    let new = awaiting["servicos"][0]["id_cliente_servico"]
        .as_u64()
        .unwrap()
        .to_string();
    h.run(&["service", "activate", &new, "--yes"]).expect(0);
    let c = h.sim.counters();
    for (kind, target) in [
        ("phy_reset", service.as_str()),
        ("cpe_reboot", phy.as_str()),
        ("cpe_restore", phy.as_str()),
        ("service_suspend", service.as_str()),
        ("service_enable", service.as_str()),
        ("service_activate", new.as_str()),
    ] {
        assert_eq!(c.get(kind), 1, "{kind}: {:?}", c.actions);
        assert_eq!(c.get_for(kind, target), 1, "{kind} on {target}");
    }
    let actions: Vec<String> = h
        .audit()
        .iter()
        .filter(|e| e["phase"] == "outcome")
        .map(|e| format!("{} {}", e["action"], e["outcome"]))
        .collect();
    assert_eq!(
        actions,
        [
            "\"reboot_cpe\" \"ok\"",
            "\"restore_cpe\" \"ok\"",
            "\"reset_phy\" \"ok\"",
            "\"suspend_service\" \"ok\"",
            "\"enable_service\" \"ok\"",
            "\"activate_service\" \"ok\"",
        ]
    );
}

#[test]
fn factory_reset_without_the_end_of_the_mac_sends_nothing() {
    let h = Harness::new();
    let (service, _) = onu(&h);
    // No terminal, --yes alone: refused, and says how.
    let out = h.run(&["cpe", "restore", &service, "--yes"]);
    out.expect(2);
    assert!(out.stderr.contains("--confirm-mac"), "{}", out.stderr);
    // The wrong characters.
    let out = h.run(&["cpe", "restore", &service, "--yes", "--confirm-mac", "0000"]);
    out.expect(2);
    assert!(out.stderr.contains("nothing was sent"), "{}", out.stderr);
    assert_eq!(h.sim.counters().get("cpe_restore"), 0);
    assert!(
        !h.audit_path().exists(),
        "nothing attempted, nothing audited"
    );
}

#[test]
fn a_service_without_equipment_is_refused() {
    let h = Harness::new();
    let c = h.run(&["customer", "1004", "--json"]).expect(0).json();
    let service = c["servicos"][0]["id_cliente_servico"]
        .as_u64()
        .unwrap()
        .to_string();
    let out = h.run(&["cpe", "reboot", &service, "--yes"]);
    out.expect(1);
    assert!(out.stderr.contains("no equipment"), "{}", out.stderr);
    assert_eq!(h.sim.counters().get("cpe_reboot"), 0);
}

#[test]
fn read_only_refuses_them_all_before_reading() {
    let h = Harness::new();
    let (service, _) = onu(&h);
    for args in [
        &["reset-phy", service.as_str(), "--yes"][..],
        &["cpe", "reboot", &service, "--yes"],
        &["cpe", "restore", &service, "--yes", "--confirm-mac", "0000"],
        &["service", "enable", &service, "--reason", "x", "--yes"],
        &["service", "suspend", &service, "--kind", "debito", "--yes"],
        &["service", "activate", &service, "--yes"],
        &["ticket", "append", "20250101", "--text", "x", "--yes"],
    ] {
        let mut with = vec!["--read-only"];
        with.extend_from_slice(args);
        let out = h.run(&with);
        out.expect(2);
        assert!(out.stderr.contains("Read-only"), "{args:?}: {}", out.stderr);
    }
    assert!(h.actions().is_empty(), "{:?}", h.actions());
}

#[test]
fn a_2020_server_says_it_does_not_offer_them_and_opens_a_plain_ticket() {
    let h = legacy();
    let (service, phy) = onu(&h);
    let tail = last4(&phy);
    for args in [
        &["reset-phy", service.as_str(), "--yes"][..],
        &["service", "activate", &service, "--yes"],
        &["service", "suspend", &service, "--kind", "debito", "--yes"],
        &["service", "enable", &service, "--reason", "Pago", "--yes"],
        &["cpe", "reboot", &service, "--yes"],
        &["cpe", "restore", &service, "--confirm-mac", &tail, "--yes"],
    ] {
        let out = h.run(args);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(
            out.stderr.contains("does not offer"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert!(h.actions().is_empty(), "{:?}", h.actions());
    // The ticket type and the order's parameters do not break opening:
    // a 2020 server ignores them and opens a SAC ticket.
    let opened = h
        .run(&[
            "ticket",
            "open",
            &service,
            "--description",
            "Sem sinal",
            "--name",
            "Ana",
            "--phone",
            "37999112233",
            "--type",
            "125",
            "--with-order",
            "--order-type",
            "2",
            "--technician",
            "1001",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    assert!(opened["protocolo"].is_string(), "{opened}");
}

#[test]
fn ticket_type_and_order_parameters_reach_a_current_server() {
    let h = Harness::new();
    let (service, _) = onu(&h);
    h.run(&[
        "ticket",
        "open",
        &service,
        "--description",
        "Sem sinal",
        "--name",
        "Ana",
        "--phone",
        "37999112233",
        "--type",
        "125",
        "--with-order",
        "--order-type",
        "2",
        "--order-status",
        "pendente",
        "--technician",
        "1001",
        "--technician",
        "935",
        "--yes",
    ])
    .expect(0);
    let rec = h
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_open")
        .expect("recorded");
    assert_eq!(rec.detail["id_tipo_atendimento"], "125");
    assert_eq!(
        rec.detail["parametros_ordem_servico"],
        serde_json::json!({"id_tipo_ordem_servico": "2", "status": "pendente", "ids_tecnicos": ["1001", "935"]})
    );
    // Order parameters without an order are a usage error.
    h.run(&[
        "ticket",
        "open",
        &service,
        "--description",
        "x",
        "--name",
        "Ana",
        "--phone",
        "37999112233",
        "--order-type",
        "2",
        "--yes",
    ])
    .expect(2);
}

#[test]
fn appending_keeps_the_customers_text_byte_for_byte() {
    let h = Harness::new();
    let tickets = h.run(&["tickets", "1001", "--json"]).expect(0).json();
    let ticket = &tickets.as_array().unwrap()[0];
    let protocol = ticket["protocolo"].as_str().unwrap().to_owned();
    let original = ticket["descricao_abertura"].as_str().unwrap().to_owned();
    let out = h
        .run(&[
            "ticket",
            "append",
            &protocol,
            "--text",
            "Retornou a ligação",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(out["outcome"], "ok", "{out}");
    let rec = h
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_edit")
        .expect("recorded");
    let sent = rec.detail["descricao"].as_str().unwrap();
    assert!(sent.starts_with(&original), "{sent:?}");
    assert!(sent.ends_with("\nRetornou a ligação"), "{sent:?}");
    assert_eq!(h.sim.counters().get("ticket_edit"), 1);
    let actions: Vec<Value> = h.audit();
    assert_eq!(actions[0]["action"], "append_ticket");
    // An unknown protocol: nothing sent.
    h.run(&["ticket", "append", "1", "--text", "x", "--yes"])
        .expect(1);
    assert_eq!(h.sim.counters().get("ticket_edit"), 1);
}

/// On a terminal: the typed check comes first; wrong characters send
/// nothing, the right ones lead to the usual yes/no.
#[test]
fn a_terminal_types_the_end_of_the_mac_before_the_question() {
    let sim = sim::start(SimConfig {
        customers: 20,
        ..SimConfig::default()
    })
    .expect("simulator");
    let dir = tempfile::tempdir().unwrap();
    let service = "100000";
    let phy = "48:57:02:0F:B4:A0";

    let mut pty = spawn(&sim, dir.path(), &["cpe", "restore", service], "C.UTF-8");
    pty.wait_for_text("last 4 characters", Duration::from_secs(20));
    assert!(pty.screen_text().contains(phy), "{}", pty.screen_text());
    pty.send_keys(b"b4a1\r");
    let status = pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(status.exit_code(), 2);
    assert_eq!(sim.counters().get("cpe_restore"), 0);

    let mut pty = spawn(&sim, dir.path(), &["cpe", "restore", service], "C.UTF-8");
    pty.wait_for_text("last 4 characters", Duration::from_secs(20));
    pty.send_keys(b"b4:a0\r");
    pty.wait_for_text("[y/N]", Duration::from_secs(20));
    pty.send_keys(b"y\r");
    let status = pty.wait_exit(Duration::from_secs(20)).expect("exits");
    assert_eq!(status.exit_code(), 0, "{}", pty.screen_text());
    assert_eq!(sim.counters().get_for("cpe_restore", phy), 1);
}

#[test]
fn a_403_names_the_hubsoft_permission_that_is_missing() {
    let h = Harness::with(SimConfig {
        faults: hubdesk::sim::Faults {
            routes: vec!["cliente/cliente_servico/ativar/{id}".into()],
            forbidden: true,
            ..hubdesk::sim::Faults::default()
        },
        ..small(hubdesk::sim::DEMO_CREDENTIALS.into())
    });
    let out = h.run(&["service", "activate", "100012", "--yes"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("permission to activate a service"),
        "{}",
        out.stderr
    );
    assert_eq!(h.sim.counters().get("service_activate"), 0);
}

/// Each action of the newer routes, applied by the server which then
/// never answers: exit 4 "check before repeating", one request, applied
/// once, `unknown` in the trail; never retried (the same path as the 2020
/// actions, `cli::unknown_outcome_is_reported_audited_and_not_retried`).
#[test]
fn applied_then_stalled_newer_actions_are_unknown_and_sent_once() {
    let h = Harness::new();
    let (service, phy) = onu(&h);
    let tail = &last4(&phy);
    let tickets = h.run(&["tickets", "1001", "--json"]).expect(0).json();
    let protocol = tickets[0]["protocolo"].as_str().unwrap().to_owned();
    let rows: [(&[&str], &str, &str); 7] = [
        (
            &["cpe", "reboot", &service],
            "rede/reiniciar_cpe/{phy_addr}",
            "cpe_reboot",
        ),
        (
            &["cpe", "restore", &service, "--confirm-mac", tail],
            "rede/restaurar_cpe/{phy_addr}",
            "cpe_restore",
        ),
        (
            &["service", "suspend", &service, "--kind", "pedido"],
            "cliente/cliente_servico/suspender/{id}",
            "service_suspend",
        ),
        (
            &[
                "service",
                "enable",
                "100024",
                "--reason",
                "Pagamento confirmado",
            ],
            "cliente/cliente_servico/habilitar/{id}",
            "service_enable",
        ),
        (
            &["service", "activate", "100012"],
            "cliente/cliente_servico/ativar/{id}",
            "service_activate",
        ),
        (
            &[
                "ticket",
                "append",
                &protocol,
                "--text",
                "Retornou a ligação",
            ],
            "atendimento/{id}",
            "ticket_edit",
        ),
        // Last: it clears the equipment's MAC the CPE rows need.
        (
            &["reset-phy", &service],
            "cliente/reset_phy_addr",
            "phy_reset",
        ),
    ];
    for (args, route, counter) in rows {
        h.sim.set_faults(hubdesk::sim::Faults {
            routes: vec![route.into()],
            apply_then_stall: true,
            ..Default::default()
        });
        let mut argv = vec!["--timeout", "1", "--yes"];
        argv.extend_from_slice(args);
        let out = h.run(&argv);
        out.expect(4);
        assert!(
            out.stderr.contains("check before repeating"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(h.sim.counters().requests(route), 1, "{args:?}: retried");
        assert_eq!(h.sim.counters().get(counter), 1, "{args:?}");
        let text = std::fs::read_to_string(h.audit_path()).unwrap();
        assert!(
            text.lines()
                .last()
                .unwrap()
                .contains("\"outcome\":\"unknown\""),
            "{args:?}: {text}"
        );
    }
}
