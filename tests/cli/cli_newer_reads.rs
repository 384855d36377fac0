//! Issue 17, the customer view's reads on the command line, against a
//! current and a 2020 simulator: the trust-unlock history, ticket threads
//! and the newer search kinds.

use hubdesk::sim::{DEMO_CREDENTIALS, Generation, SimConfig};
use serde_json::Value;

use crate::cli_kit::{self, Harness};

fn harness(generation: Generation) -> Harness {
    Harness::with(SimConfig {
        generation,
        ..cli_kit::small(DEMO_CREDENTIALS.into())
    })
}

fn service(c: &Value, id: u64) -> &Value {
    c["servicos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id_cliente_servico"] == id)
        .unwrap()
}

#[test]
fn customer_shows_the_unlock_history_only_where_the_server_sends_it() {
    let h = harness(Generation::Current);
    let c = h.run(&["customer", "1006", "--json"]).expect(0).json();
    let s = service(&c, 100024);
    let list = s["desbloqueios"].as_array().expect("history sent");
    assert!(!list.is_empty());
    assert!(s["desbloqueios_em_30_dias"].as_u64().unwrap() >= 1, "{s}");
    let text = h
        .run(&["customer", "1006", "--lang", "en"])
        .expect(0)
        .stdout
        .clone();
    assert!(text.contains("Trust unlocks"), "{text}");
    assert!(text.contains(" in 30 days"), "{text}");
    assert!(h.sim.counters().requests("cliente") >= 1);

    let old = harness(Generation::Documented2020);
    let c = old.run(&["customer", "1006", "--json"]).expect(0).json();
    let s = service(&c, 100024);
    assert!(s.get("desbloqueios").is_none(), "{s}");
    assert!(s.get("desbloqueios_em_30_dias").is_none(), "{s}");
    let text = old
        .run(&["customer", "1006", "--lang", "en"])
        .expect(0)
        .stdout
        .clone();
    assert!(!text.contains("Trust unlocks"), "{text}");
    assert!(!text.contains("in 30 days"), "{text}");
}

#[test]
fn tickets_messages_show_the_threads_on_current_servers() {
    let h = harness(Generation::Current);
    let list = h
        .run(&["tickets", "1000", "--all", "--messages", "--json"])
        .expect(0)
        .json();
    let with: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.get("mensagens").is_some())
        .collect();
    assert!(!with.is_empty(), "{list}");
    let first = &with[0]["mensagens"][0];
    let said = first["mensagem"].as_str().unwrap().to_owned();
    assert!(!said.is_empty());
    let text = h
        .run(&["tickets", "1000", "--all", "--messages", "--lang", "en"])
        .expect(0)
        .stdout
        .clone();
    assert!(text.contains("Messages ("), "{text}");
    assert!(text.contains(&said), "{text}");
    // Without the flag the text shows no thread.
    let plain = h
        .run(&["tickets", "1000", "--all", "--lang", "en"])
        .expect(0)
        .stdout
        .clone();
    assert!(!plain.contains("Messages ("), "{plain}");

    // A 2020 server ignores the relation: the tickets, no thread, no error.
    let old = harness(Generation::Documented2020);
    let list = old
        .run(&["tickets", "1000", "--all", "--messages", "--json"])
        .expect(0)
        .json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|t| t.get("mensagens").is_none())
    );
}

#[test]
fn search_prefixes_find_by_the_newer_kinds_or_say_the_server_lacks_them() {
    let h = harness(Generation::Current);
    let found = h.run(&["search", "s:100024", "--json"]).expect(0).json();
    assert_eq!(found[0]["codigo_cliente"], Value::from(1006), "{found}");
    let by = h
        .run(&["search", "100024", "--by", "service-id", "--json"])
        .expect(0)
        .json();
    assert_eq!(by[0]["codigo_cliente"], Value::from(1006));
    let c = h.run(&["customer", "s:100024", "--json"]).expect(0).json();
    assert_eq!(c["codigo_cliente"], Value::from(1006));

    let old = harness(Generation::Documented2020);
    let out = old.run(&["search", "s:100024", "--lang", "en"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("does not offer cliente?busca=id_cliente_servico"),
        "{}",
        out.stderr
    );
    // The customer by service still falls back on the old routes.
    let c = old
        .run(&["customer", "s:100024", "--json"])
        .expect(0)
        .json();
    assert_eq!(c["codigo_cliente"], Value::from(1006));
}

/// The search box's `c:`/`id:` (`id_cliente`) and `x:`/`ext:`
/// (`id_externo`) prefixes name a customer on the commands that take a
/// reference too: searched first by that id, then read by its code; a
/// 2020 server says it lacks the search, and nothing else is sent.
#[test]
fn customer_id_and_external_id_references_resolve_through_the_search() {
    let h = harness(Generation::Current);
    let c = h.run(&["customer", "1002", "--json"]).expect(0).json();
    let id = c["id_cliente"].as_u64().expect("id_cliente").to_string();
    let ext = c["id_externo"].as_str().expect("id_externo").to_owned();
    for reference in [
        format!("c:{id}"),
        format!("id:{id}"),
        format!("x:{ext}"),
        format!("ext:{ext}"),
    ] {
        let got = h.run(&["customer", &reference, "--json"]).expect(0).json();
        assert_eq!(got["codigo_cliente"], Value::from(1002), "{reference}");
        let invoices = h
            .run(&["invoices", &reference, "--all", "--json"])
            .expect(0)
            .json();
        assert!(
            invoices
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["cliente"]["codigo_cliente"] == 1002),
            "{reference}: {invoices}"
        );
        h.run(&["tickets", &reference, "--json"]).expect(0);
        h.run(&["orders", &reference, "--json"]).expect(0);
    }
    let none = h.run(&["customer", "x:ERP-NOBODY"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(none.stderr.contains("No customer found"), "{}", none.stderr);

    let old = harness(Generation::Documented2020);
    let out = old.run(&["invoices", &format!("c:{id}")]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("does not offer cliente?busca=id_cliente"),
        "{}",
        out.stderr
    );
    assert_eq!(old.requests("cliente/financeiro"), 0);
}
