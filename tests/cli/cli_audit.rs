//! The team's audit trail from the command line (issue 18, part 5): the
//! journald and syslog sinks (same fields, structured, no secret, and an
//! action refused before anything is sent when the sink cannot take its
//! attempt), and `hubdesk audit --since WHEN --summary`.

use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;

use chrono::Utc;
use hubdesk::audit::{AttemptId, AuditAttempt, AuditEntry, Outcome, Phase};
use hubdesk::sim::Credentials;
use serde_json::Value;

use crate::cli_kit::{Harness, small};

/// A journald or syslog stand-in at a temporary path.
struct Listener {
    socket: UnixDatagram,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Listener {
    fn new() -> Listener {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sink.sock");
        let socket = UnixDatagram::bind(&path).unwrap();
        Listener {
            socket,
            path,
            _dir: dir,
        }
    }

    /// Every datagram already received (the command has exited, so all
    /// it sent is queued).
    fn drain(&self) -> Vec<Vec<u8>> {
        self.socket.set_nonblocking(true).unwrap();
        let mut out = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(n) = self.socket.recv(&mut buf) {
            out.push(buf[..n].to_vec());
        }
        out
    }
}

/// `KEY=value` fields of a native-protocol datagram (hubdesk's values
/// here hold no line break).
fn journal_fields(datagram: &[u8]) -> Vec<(String, String)> {
    String::from_utf8(datagram.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let (k, v) = l.split_once('=').expect("KEY=value");
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn canary_harness() -> Harness {
    Harness::with(small(Credentials {
        client_id: "canary-client".into(),
        client_secret: "CANARY-CLIENT-SECRET-5e1a".into(),
        username: "canary@isp.example".into(),
        password: "CANARY-PASSWORD-93c2".into(),
    }))
}

#[test]
fn journald_gets_both_lines_of_an_action_with_the_files_fields_and_no_secret() {
    let h = canary_harness();
    h.write_config("audit_sink = \"journald\"\n[profiles.p]\nattendant = \"Conceição Luz\"\n");
    let journal = Listener::new();
    let mut c = h.command(&["--log-level", "trace", "reset-mac", "100000", "--yes"]);
    c.env(hubdesk::audit::ENV_AUDIT_SOCKET, &journal.path);
    h.run_cmd(c).expect(0);
    assert_eq!(h.requests("cliente/reset_mac_addr"), 1);
    let got = journal.drain();
    assert_eq!(got.len(), 2, "the attempt and its outcome");
    let file = h.audit();
    assert_eq!(file.len(), 2, "the local file is kept too");
    for (datagram, line) in got.iter().zip(&file) {
        let fields = journal_fields(datagram);
        // Every field of the JSON line, under HUBDESK_<NAME>, and nothing
        // else but the journal's own three.
        let mut expected: Vec<(String, String)> = line
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                (format!("HUBDESK_{}", k.to_ascii_uppercase()), v)
            })
            .collect();
        expected.sort();
        assert_eq!(fields[3..], expected[..], "{fields:?}");
        assert_eq!(field(&fields, "SYSLOG_IDENTIFIER"), Some("hubdesk"));
        assert_eq!(field(&fields, "PRIORITY"), Some("6"));
        assert_eq!(field(&fields, "HUBDESK_ACTION"), Some("reset_mac"));
        assert_eq!(field(&fields, "HUBDESK_SERVICE"), Some("100000"));
        assert_eq!(field(&fields, "HUBDESK_ATTENDANT"), Some("Conceição Luz"));
    }
    let first = journal_fields(&got[0]);
    let second = journal_fields(&got[1]);
    assert_eq!(field(&first, "HUBDESK_PHASE"), Some("attempt"));
    assert_eq!(field(&second, "HUBDESK_OUTCOME"), Some("ok"));
    assert_eq!(
        field(&first, "MESSAGE"),
        Some("reset_mac attempt (service 100000)")
    );
    let all = String::from_utf8_lossy(&got.concat()).into_owned();
    for secret in [
        "CANARY-CLIENT-SECRET-5e1a",
        "CANARY-PASSWORD-93c2",
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9",
        "def50200",
    ] {
        assert!(!all.contains(secret), "{secret} reached the journal");
    }
}

#[test]
fn syslog_gets_rfc_5424_with_the_fields_as_structured_data() {
    let h = canary_harness();
    h.write_config("audit_sink = \"syslog\"\n");
    let syslog = Listener::new();
    let mut c = h.command(&["reset-mac", "100000", "--yes"]);
    c.env(hubdesk::audit::ENV_AUDIT_SOCKET, &syslog.path);
    h.run_cmd(c).expect(0);
    let got: Vec<String> = syslog
        .drain()
        .into_iter()
        .map(|d| String::from_utf8(d).unwrap())
        .collect();
    assert_eq!(got.len(), 2);
    let file = h.audit();
    let id = file[0]["id"].as_str().unwrap();
    for (msg, phase) in got.iter().zip(["attempt", "outcome"]) {
        // Facility user, severity informational: an attempt, a success.
        assert!(msg.starts_with("<14>1 "), "{msg}");
        let header: Vec<&str> = msg.splitn(7, ' ').collect();
        assert_eq!(header[3], "hubdesk", "{msg}");
        assert_eq!(header[5], phase, "{msg}");
        assert!(
            msg.contains("[hubdesk@32473 action=\"reset_mac\" attendant=\""),
            "{msg}"
        );
        assert!(msg.contains(&format!(" id=\"{id}\" ")), "{msg}");
        assert!(msg.contains(&format!(" phase=\"{phase}\" ")), "{msg}");
        assert!(msg.contains(" service=\"100000\" "), "{msg}");
        assert!(!msg.contains("CANARY"), "{msg}");
    }
    assert!(got[1].contains(" outcome=\"ok\" "), "{}", got[1]);
}

#[test]
fn a_sink_that_cannot_take_the_attempt_refuses_the_action_before_any_request() {
    let h = Harness::new();
    for sink in ["journald", "syslog"] {
        h.write_config(&format!("audit_sink = \"{sink}\"\n"));
        let mut c = h.command(&["reset-mac", "100000", "--yes"]);
        c.env(hubdesk::audit::ENV_AUDIT_SOCKET, h.path("no-such.sock"));
        let out = h.run_cmd(c);
        out.expect(4);
        assert!(
            out.stderr.contains("Audit trail unavailable")
                && out.stderr.contains(&format!("{sink} (")),
            "{}",
            out.stderr
        );
        // pt-BR says the same.
        let mut c = h.command(&["reset-mac", "100000", "--yes"]);
        c.env(hubdesk::audit::ENV_AUDIT_SOCKET, h.path("no-such.sock"))
            .env("LANG", "pt_BR.UTF-8");
        let out = h.run_cmd(c);
        out.expect(4);
        assert!(
            out.stderr.contains("Trilha de auditoria indisponível"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(h.requests("cliente/reset_mac_addr"), 0, "nothing went out");
    assert!(h.actions().is_empty(), "{:?}", h.actions());
    // The local file says each attempt failed, not sent.
    let file = h.audit();
    assert_eq!(file.len(), 8);
    for pair in file.chunks(2) {
        assert_eq!(pair[0]["phase"], "attempt");
        assert_eq!(pair[1]["outcome"], "failed");
        assert_eq!(pair[0]["id"], pair[1]["id"]);
        assert!(
            pair[1]["msg"]
                .as_str()
                .unwrap()
                .starts_with(hubdesk::audit::NOT_SENT_SINK)
        );
    }
}

#[test]
fn an_unknown_audit_sink_is_a_bad_config_and_sends_nothing() {
    let h = Harness::new();
    h.write_config("audit_sink = \"jornald\"\n");
    let out = h.run(&["reset-mac", "100000", "--yes"]);
    out.expect(2);
    assert!(
        out.stderr.contains("audit_sink") && out.stderr.contains("jornald"),
        "{}",
        out.stderr
    );
    assert_eq!(h.requests("cliente/reset_mac_addr"), 0);
    let check = h.run(&["config", "check"]);
    check.expect(2);
    assert!(check.stdout.contains("audit_sink"), "{}", check.stdout);
    // A valid one is shown by `config check` with its socket.
    h.write_config("audit_sink = \"journald\"\n");
    let check = h.run(&["config", "check"]);
    assert!(
        check
            .stdout
            .contains("Audit also sent to: journald (/run/systemd/journal/socket)"),
        "{}",
        check.stdout
    );
}

fn entry(id: &str, minutes_ago: i64, action: &str, who: Option<&str>) -> AuditEntry {
    AuditEntry {
        time: Utc::now() - chrono::Duration::minutes(minutes_ago),
        id: AttemptId(id.into()),
        phase: Phase::Attempt,
        attempt: AuditAttempt {
            action: action.into(),
            attendant: who.map(str::to_owned),
            profile: "p".into(),
            host: "https://h".into(),
            customer: Some(1000),
            service: Some(100000),
            ..AuditAttempt::default()
        },
        outcome: None,
        msg: None,
    }
}

fn ended(e: &AuditEntry, outcome: Outcome, msg: &str) -> AuditEntry {
    AuditEntry {
        time: e.time + chrono::Duration::seconds(2),
        phase: Phase::Outcome,
        outcome: Some(outcome),
        msg: Some(msg.into()),
        ..e.clone()
    }
}

/// A trail of one shift: yesterday's action, then five this morning.
fn write_shift(h: &Harness) {
    let old = entry("old", 60 * 30, "trust_unlock", Some("ana"));
    let a = entry("a", 300, "trust_unlock", Some("ana"));
    let b = entry("b", 240, "trust_unlock", Some("bruno"));
    let c = entry("c", 200, "reset_mac", Some("ana"));
    let d = entry("d", 100, "disconnect", None);
    let e = entry("e", 20, "reset_mac", Some("bruno"));
    let lines = [
        old.clone(),
        ended(&old, Outcome::Ok, "feito"),
        a.clone(),
        ended(&a, Outcome::Ok, "feito"),
        b.clone(),
        ended(&b, Outcome::Refused, "Limite de desbloqueios atingido"),
        c.clone(),
        ended(&c, Outcome::Unknown, "timeout"),
        d.clone(),
        ended(&d, Outcome::Ok, "feito"),
        e,
    ];
    std::fs::create_dir_all(h.path("data")).unwrap();
    let text: String = lines
        .iter()
        .map(|l| serde_json::to_string(l).unwrap() + "\n")
        .collect();
    std::fs::write(h.audit_path(), text).unwrap();
}

#[test]
fn the_shift_summary_counts_per_kind_and_attendant_and_lists_what_to_check() {
    let h = Harness::new();
    write_shift(&h);
    let json = h
        .run(&["audit", "--since", "8h", "--summary", "--json"])
        .expect(0)
        .json();
    let counts = |v: &Value| {
        ["total", "ok", "refused", "failed", "unknown", "no_outcome"]
            .map(|k| v[k].as_u64().unwrap())
    };
    assert_eq!(counts(&json["counts"]), [5, 2, 1, 0, 1, 1]);
    let by_action: Vec<(String, [u64; 6])> = json["by_action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["action"].as_str().unwrap().to_owned(), counts(r)))
        .collect();
    assert_eq!(
        by_action,
        [
            ("reset_mac".to_owned(), [2, 0, 0, 0, 1, 1]),
            ("trust_unlock".to_owned(), [2, 1, 1, 0, 0, 0]),
            ("disconnect".to_owned(), [1, 1, 0, 0, 0, 0]),
        ]
    );
    let by_attendant: Vec<(Value, [u64; 6])> = json["by_attendant"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["attendant"].clone(), counts(r)))
        .collect();
    assert_eq!(
        by_attendant,
        [
            (Value::from("ana"), [2, 1, 0, 0, 1, 0]),
            (Value::from("bruno"), [2, 0, 1, 0, 0, 1]),
            (Value::Null, [1, 1, 0, 0, 0, 0]),
        ]
    );
    assert_eq!(json["refused"][0]["msg"], "Limite de desbloqueios atingido");
    assert_eq!(json["unknown"][0]["id"], "c");
    assert_eq!(json["no_outcome"][0]["id"], "e");
    let since = chrono::DateTime::parse_from_rfc3339(json["since"].as_str().unwrap()).unwrap();
    let until = chrono::DateTime::parse_from_rfc3339(json["until"].as_str().unwrap()).unwrap();
    assert_eq!((until - since).num_hours(), 8);

    // A shorter period: only the last action.
    let json = h
        .run(&["audit", "--since", "30m", "--summary", "--json"])
        .expect(0)
        .json();
    assert_eq!(counts(&json["counts"]), [1, 0, 0, 0, 0, 1]);

    // The table, in English and Portuguese.
    let text = h
        .run(&["audit", "--since", "8h", "--summary"])
        .expect(0)
        .stdout
        .clone();
    assert!(text.starts_with("Actions from "), "{text}");
    assert!(text.contains(": 5\n"), "{text}");
    for words in [
        "Attendant",
        "No outcome",
        "(no attendant)",
        "trust unlock",
        "check in HubSoft",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    let mut c = h.command(&["audit", "--since", "8h", "--summary"]);
    c.env("LANG", "pt_BR.UTF-8");
    let text = h.run_cmd(c).expect(0).stdout.clone();
    assert!(text.starts_with("Ações de "), "{text}");
    for words in [
        "Atendente",
        "Sem resultado",
        "(sem atendente)",
        "desbloqueio em confiança",
        "Limite de desbloqueios atingido",
        "confira no HubSoft",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
}

#[test]
fn since_takes_a_date_and_filters_the_listing_too() {
    let h = Harness::new();
    write_shift(&h);
    // Midnight in São Paulo two days ago: everything.
    let day = hubdesk::br::dates::today(Utc::now()) - chrono::Duration::days(2);
    let date = day.format("%d/%m/%Y").to_string();
    let json = h
        .run(&["audit", "--since", &date, "--summary", "--json"])
        .expect(0)
        .json();
    assert_eq!(json["counts"]["total"], 6);
    // Without --summary, the latest lines of the period.
    let listed = h
        .run(&["audit", "--since", "30m", "--json"])
        .expect(0)
        .json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["e"]);
}

#[test]
fn a_since_that_is_neither_a_period_nor_a_date_is_a_usage_error() {
    let h = Harness::new();
    let out = h.run(&["audit", "--since", "ontem", "--summary"]);
    out.expect(2);
    assert!(
        out.stderr
            .contains("--since ontem: give a period (30m, 8h, 2d)"),
        "{}",
        out.stderr
    );
    let mut c = h.command(&["audit", "--since", "8", "--summary"]);
    c.env("LANG", "pt_BR.UTF-8");
    let out = h.run_cmd(c);
    out.expect(2);
    assert!(out.stderr.contains("use um período"), "{}", out.stderr);
}

#[test]
fn an_empty_period_says_so() {
    let h = Harness::new();
    let out = h.run(&["audit", "--since", "2h", "--summary"]);
    out.expect(0);
    assert!(out.stdout.starts_with("No action from "), "{}", out.stdout);
    // Written now, by the real binary: the summary sees it.
    h.run(&["reset-mac", "100000", "--yes"]).expect(0);
    let json = h.run(&["audit", "--summary", "--json"]).expect(0).json();
    assert_eq!(json["counts"]["total"], 1);
    assert_eq!(json["by_action"][0]["action"], "reset_mac");
    assert_eq!(json["by_action"][0]["ok"], 1);
}
