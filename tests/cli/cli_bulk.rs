//! Issue 17, the paginated replacements and the newer searches from the
//! command line, against a current and a 2020 simulator: `export
//! customers` over `cliente/todos` (resuming a failed page), receivables
//! over `financeiro/fatura`, cities over `configuracao/cidade`, `cpe list`
//! over `rede/cpe/todos`, and `who-had` (`extrato_conexao` by address).

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use hubdesk::sim::{DEMO_CREDENTIALS, Faults, Generation, SimConfig};
use serde_json::Value;

use crate::cli_kit::Harness;

const BOTH: [Generation; 2] = [Generation::Current, Generation::Documented2020];

fn harness(generation: Generation, customers: u32) -> Harness {
    Harness::with(SimConfig {
        customers,
        generation,
        credentials: DEMO_CREDENTIALS.into(),
        ..SimConfig::default()
    })
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn export_resumes_from_the_page_that_failed() {
    let h = harness(Generation::Current, 2_000);
    h.sim.set_faults(Faults {
        route_latency_ms: BTreeMap::from([("cliente/todos".to_owned(), 100)]),
        ..Faults::default()
    });
    // Into files: a pipe nobody reads would stop the export when full.
    let (out_file, err_file) = (h.path("export.jsonl"), h.path("export.err"));
    let child = h
        .command(&["export", "customers"])
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(std::fs::File::create(&err_file).unwrap())
        .spawn()
        .expect("hubdesk runs");
    wait_until("the second page", || h.requests("cliente/todos") >= 2);
    let before = h.requests("cliente/todos");
    h.sim.set_faults(Faults {
        error_500_rate: 1.0,
        routes: vec!["cliente/todos".into()],
        route_latency_ms: BTreeMap::from([("cliente/todos".to_owned(), 100)]),
        ..Faults::default()
    });
    // The client's own three attempts fail, then the export asks again.
    wait_until("a resumed page", || {
        h.requests("cliente/todos") >= before + 4
    });
    h.sim.set_faults(Faults::default());
    let status = child.wait_with_output().expect("hubdesk ends").status;
    let stdout = std::fs::read_to_string(&out_file).unwrap();
    let stderr = std::fs::read_to_string(&err_file).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    let codes: HashSet<u64> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["codigo_cliente"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(stdout.lines().count(), 2_000, "nothing twice: {stderr}");
    assert_eq!(codes.len(), 2_000, "every customer once");
    assert!(stderr.contains("resuming from that page"), "{stderr}");
    assert_eq!(h.requests("cliente/all"), 0, "never started over");
}

#[test]
fn receivables_and_cities_read_the_newer_route_or_the_2020_one() {
    for generation in BOTH {
        let h = harness(generation, 40);
        let v = h
            .run(&["receivables", "--json", "--limit", "5"])
            .expect(0)
            .json();
        let list = v["faturas"].as_array().unwrap();
        assert!(!list.is_empty() && list.len() <= 5, "{generation:?}: {v}");
        let (newer, older) = (h.requests("financeiro/fatura"), h.requests("financeiro"));
        match generation {
            Generation::Current => assert!(newer >= 1 && older == 0, "{newer} {older}"),
            Generation::Documented2020 => assert!(older == 1, "{newer} {older}"),
        }
        // The order asked for holds on both routes.
        let v = h
            .run(&["receivables", "--json", "--order", "value", "--desc"])
            .expect(0)
            .json();
        let values: Vec<f64> = v["faturas"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["valor"].as_f64())
            .collect();
        assert!(
            values.windows(2).all(|w| w[0] >= w[1]),
            "{generation:?}: {values:?}"
        );

        let cities = h.run(&["cities", "--json"]).expect(0).json();
        assert!(!cities.as_array().unwrap().is_empty(), "{generation:?}");
        let (newer, older) = (
            h.requests("configuracao/cidade"),
            h.requests("endereco/cidade"),
        );
        match generation {
            Generation::Current => assert_eq!((newer, older), (1, 0)),
            Generation::Documented2020 => assert_eq!(older, 1),
        }
    }
}

#[test]
fn cpe_list_pages_and_filters_on_a_current_server_only() {
    let h = harness(Generation::Current, 40);
    let first = h
        .run(&["cpe", "list", "--per-page", "5", "--json"])
        .expect(0)
        .json();
    let cpes = first["cpes"].as_array().unwrap();
    assert_eq!(cpes.len(), 5, "{first}");
    assert!(first["total_registros"].as_u64().unwrap() > 5);
    let second = h
        .run(&["cpe", "list", "--page", "2", "--per-page", "5", "--json"])
        .expect(0)
        .json();
    assert_ne!(first["cpes"][0]["phy_addr"], second["cpes"][0]["phy_addr"]);
    assert_eq!(second["pagina"], Value::from(1), "the server counts from 0");
    let phy = cpes[0]["phy_addr"].as_str().unwrap().to_owned();
    let table = h.run(&["cpe", "list", "--per-page", "5", &phy]);
    table.expect(0);
    assert!(table.stdout.contains(&phy), "{}", table.stdout);
    assert!(table.stderr.contains("Page 1 of"), "{}", table.stderr);
    h.run(&["cpe", "list", "--page", "0"]).expect(2);
    h.run(&["cpe", "list", "--per-page", "501"]).expect(2);

    let old = harness(Generation::Documented2020, 40);
    let out = old.run(&["cpe", "list"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("does not offer rede/cpe/todos"),
        "{}",
        out.stderr
    );
}

#[test]
fn who_had_finds_the_customer_behind_an_ip_or_a_mac() {
    let h = harness(Generation::Current, 40);
    let c = h.run(&["customer", "1001", "--json"]).expect(0).json();
    let svc = &c["servicos"][0];
    let ip = svc["ipv4"].as_str().expect("ipv4").to_owned();
    let mac = svc["mac_addr"].as_str().expect("mac").to_owned();
    for term in [ip.clone(), mac.to_lowercase().replace(':', "-")] {
        let v = h.run(&["who-had", &term, "--json"]).expect(0).json();
        let rows = v["registros"].as_array().unwrap();
        assert!(!rows.is_empty(), "{term}: {v}");
        assert!(
            rows.iter().any(|r| r["cliente"]["codigo_cliente"] == 1001),
            "{term}: {v}"
        );
    }
    let v = h.run(&["who-had", &mac, "--json"]).expect(0).json();
    assert_eq!(v["busca"], "mac");
    let table = h.run(&["who-had", &ip]).expect(0).stdout.clone();
    assert!(table.contains("1001") && table.contains(&ip), "{table}");
    let bad = h.run(&["who-had", "joao.silva"]);
    assert!(
        bad.expect(2).stderr.contains("not an IPv4, MAC or IPv6"),
        "{}",
        bad.stderr
    );

    let old = harness(Generation::Documented2020, 40);
    let out = old.run(&["who-had", &ip]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("does not offer cliente/extrato_conexao?busca=ipv4"),
        "{}",
        out.stderr
    );
}

/// The paged export carries the same customers and services, cancelled
/// ones included, as the `cliente/all` stream of a 2020 server.
#[test]
fn export_is_the_same_on_both_routes() {
    let services = |generation| {
        let h = harness(generation, 40);
        let out = h.run(&["export", "customers"]);
        out.expect(0)
            .stdout
            .lines()
            .map(|l| {
                let c: Value = serde_json::from_str(l).unwrap();
                (
                    c["codigo_cliente"].as_u64().unwrap(),
                    c["servicos"].as_array().unwrap().len(),
                )
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let current = services(Generation::Current);
    assert_eq!(current.len(), 40);
    assert_eq!(current, services(Generation::Documented2020));
}

/// Issue 17, item 8: `passwords` lists a service's router and Wi-Fi
/// passwords hidden; only `--show-secrets` prints them, in the table and
/// in `--json`; nothing under the data and state directories (log files)
/// ever holds them; a 2020 server says it lacks the route.
#[test]
fn passwords_stay_hidden_without_show_secrets() {
    let h = harness(Generation::Current, 40);
    let shown = h
        .run(&["passwords", "100000", "--show-secrets", "--json"])
        .expect(0)
        .json();
    let secrets: Vec<String> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["senha"].as_str().expect("senha").to_owned())
        .collect();
    assert_eq!(secrets.len(), 2, "{shown}");
    assert_eq!(shown[1]["descricao"], "WI-FI");
    let table = h
        .run(&["passwords", "100000", "--show-secrets"])
        .expect(0)
        .stdout
        .clone();
    assert!(secrets.iter().all(|s| table.contains(s)), "{table}");

    let hidden = h.run(&["passwords", "100000"]);
    let json = h.run(&["passwords", "100000", "--json"]);
    hidden.expect(0);
    json.expect(0);
    assert!(hidden.stdout.contains("SENHA ADMIN ROTEADOR") && hidden.stdout.contains("***"));
    assert!(
        hidden.stderr.contains("--show-secrets"),
        "{}",
        hidden.stderr
    );
    assert!(json.json()[0].get("senha").is_none(), "{}", json.stdout);
    for out in [&hidden, &json] {
        for s in &secrets {
            assert!(!out.stdout.contains(s) && !out.stderr.contains(s), "{s}");
        }
    }
    for dir in ["data", "state", "xdg"] {
        for entry in walk(&h.path(dir)) {
            let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).into_owned();
            for s in &secrets {
                assert!(!text.contains(s), "{} holds a password", entry.display());
            }
        }
    }

    let old = harness(Generation::Documented2020, 40);
    let out = old.run(&["passwords", "100000"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("does not offer cliente/cliente_servico/senhas"),
        "{}",
        out.stderr
    );
}

/// Every file under `dir`, recursively (none when it does not exist).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
