use std::os::unix::net::UnixDatagram;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use chrono::Utc;

use crate::audit::{AttemptId, Audit, AuditAttempt, NOT_SENT_SINK, audited, read_latest};

fn sample() -> AuditAttempt {
    AuditAttempt {
        action: "reset_mac".into(),
        attendant: Some("Conceição Luz".into()),
        profile: "p".into(),
        host: "https://h".into(),
        customer: Some(7),
        service: Some(42),
        invoice: None,
        ticket: None,
    }
}

/// A listener at a temporary path, as journald or syslogd would be.
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
        // A bound on the wait, not a sleep: the datagram is usually there.
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Listener {
            socket,
            path,
            _dir: dir,
        }
    }

    fn recv(&self) -> Vec<u8> {
        let mut buf = vec![0u8; 64 * 1024];
        let n = self.socket.recv(&mut buf).expect("a datagram arrives");
        buf.truncate(n);
        buf
    }

    fn nothing_waiting(&self) -> bool {
        self.socket.set_nonblocking(true).unwrap();
        let mut buf = [0u8; 16];
        let empty = self.socket.recv(&mut buf).is_err();
        self.socket.set_nonblocking(false).unwrap();
        empty
    }
}

/// Splits a native-protocol datagram into its fields, in order.
fn journal_fields(mut bytes: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let eol = bytes.iter().position(|&b| b == b'\n').unwrap();
        let line = &bytes[..eol];
        if let Some(eq) = line.iter().position(|&b| b == b'=') {
            out.push((
                String::from_utf8(line[..eq].to_vec()).unwrap(),
                String::from_utf8(line[eq + 1..].to_vec()).unwrap(),
            ));
            bytes = &bytes[eol + 1..];
        } else {
            let key = String::from_utf8(line.to_vec()).unwrap();
            let rest = &bytes[eol + 1..];
            let len = u64::from_le_bytes(rest[..8].try_into().unwrap()) as usize;
            let value = String::from_utf8(rest[8..8 + len].to_vec()).unwrap();
            assert_eq!(rest[8 + len], b'\n');
            out.push((key, value));
            bytes = &rest[9 + len..];
        }
    }
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The `time` field as the JSON line has it.
fn json_time(e: &AuditEntry) -> String {
    serde_json::to_value(e).unwrap()["time"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn journald_gets_every_field_of_the_line_as_native_fields() {
    let listener = Listener::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.jsonl");
    let sink = Sink::Journald {
        socket: listener.path.clone(),
    };
    let audit = Audit::open_with(&file, sink).unwrap();
    let pending = audit.begin(&sample()).unwrap();
    let attempt = journal_fields(&listener.recv());
    pending.finish(Outcome::Ok, Some("MAC resetado")).unwrap();
    let outcome = journal_fields(&listener.recv());
    let lines = read_latest(&file, 10).unwrap();
    assert_eq!(lines.len(), 2, "the file keeps every line too");
    let id = lines[0].id.0.as_str();
    assert_eq!(
        attempt,
        pairs(&[
            ("MESSAGE", "reset_mac attempt (customer 7, service 42)"),
            ("PRIORITY", "6"),
            ("SYSLOG_IDENTIFIER", "hubdesk"),
            ("HUBDESK_ACTION", "reset_mac"),
            ("HUBDESK_ATTENDANT", "Conceição Luz"),
            ("HUBDESK_CUSTOMER", "7"),
            ("HUBDESK_HOST", "https://h"),
            ("HUBDESK_ID", id),
            ("HUBDESK_PHASE", "attempt"),
            ("HUBDESK_PROFILE", "p"),
            ("HUBDESK_SERVICE", "42"),
            ("HUBDESK_TIME", &json_time(&lines[0])),
        ])
    );
    assert_eq!(
        outcome,
        pairs(&[
            ("MESSAGE", "reset_mac ok (customer 7, service 42)"),
            ("PRIORITY", "6"),
            ("SYSLOG_IDENTIFIER", "hubdesk"),
            ("HUBDESK_ACTION", "reset_mac"),
            ("HUBDESK_ATTENDANT", "Conceição Luz"),
            ("HUBDESK_CUSTOMER", "7"),
            ("HUBDESK_HOST", "https://h"),
            ("HUBDESK_ID", id),
            ("HUBDESK_MSG", "MAC resetado"),
            ("HUBDESK_OUTCOME", "ok"),
            ("HUBDESK_PHASE", "outcome"),
            ("HUBDESK_PROFILE", "p"),
            ("HUBDESK_SERVICE", "42"),
            ("HUBDESK_TIME", &json_time(&lines[1])),
        ])
    );
}

#[test]
fn a_journal_value_with_a_line_break_uses_the_binary_form() {
    let mut attempt = sample();
    attempt.attendant = Some("Ana\nPRIORITY=0".into());
    let entry = AuditEntry {
        time: Utc::now(),
        id: AttemptId("x".into()),
        phase: Phase::Outcome,
        attempt,
        outcome: Some(Outcome::Unknown),
        msg: None,
    };
    let bytes = journald_record(&entry);
    let fields = journal_fields(&bytes);
    assert!(fields.contains(&("HUBDESK_ATTENDANT".into(), "Ana\nPRIORITY=0".into())));
    // The name cannot smuggle a field in: PRIORITY appears once, from us.
    let priorities: Vec<_> = fields.iter().filter(|(k, _)| k == "PRIORITY").collect();
    assert_eq!(priorities, [&("PRIORITY".to_owned(), "4".to_owned())]);
}

#[test]
fn syslog_gets_rfc_5424_with_the_fields_as_structured_data() {
    let listener = Listener::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.jsonl");
    let sink = Sink::Syslog {
        socket: listener.path.clone(),
    };
    let audit = Audit::open_with(&file, sink).unwrap();
    let mut attempt = sample();
    // The three characters RFC 5424 escapes in a value.
    attempt.attendant = Some(r#"Zé "do" [NOC] \ 2"#.into());
    let pending = audit.begin(&attempt).unwrap();
    let first = String::from_utf8(listener.recv()).unwrap();
    pending
        .finish(Outcome::Refused, Some("Sem permissão"))
        .unwrap();
    let second = String::from_utf8(listener.recv()).unwrap();
    let lines = read_latest(&file, 10).unwrap();
    let (id, host, pid) = (&lines[0].id.0, hostname(), std::process::id());
    let stamp = |e: &AuditEntry| e.time.to_rfc3339_opts(SecondsFormat::Micros, true);
    assert_eq!(
        first,
        format!(
            "<14>1 {} {host} hubdesk {pid} attempt [hubdesk@32473 action=\"reset_mac\" \
             attendant=\"Zé \\\"do\\\" [NOC\\] \\\\ 2\" customer=\"7\" host=\"https://h\" \
             id=\"{id}\" phase=\"attempt\" profile=\"p\" service=\"42\" time=\"{}\"] \
             reset_mac attempt (customer 7, service 42)",
            stamp(&lines[0]),
            json_time(&lines[0]),
        )
    );
    assert_eq!(
        second,
        format!(
            "<13>1 {} {host} hubdesk {pid} outcome [hubdesk@32473 action=\"reset_mac\" \
             attendant=\"Zé \\\"do\\\" [NOC\\] \\\\ 2\" customer=\"7\" host=\"https://h\" \
             id=\"{id}\" msg=\"Sem permissão\" outcome=\"refused\" phase=\"outcome\" \
             profile=\"p\" service=\"42\" time=\"{}\"] \
             reset_mac refused (customer 7, service 42)",
            stamp(&lines[1]),
            json_time(&lines[1]),
        )
    );
}

#[tokio::test]
async fn a_sink_that_cannot_take_the_attempt_refuses_the_action() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.jsonl");
    for sink in [
        Sink::Journald {
            socket: dir.path().join("no-journal.sock"),
        },
        Sink::Syslog {
            socket: dir.path().join("no-syslog.sock"),
        },
    ] {
        let name = sink.name();
        let audit = Audit::open_with(&file, sink).unwrap();
        let sent = AtomicBool::new(false);
        let err = audited(
            &audit,
            sample(),
            async { sent.store(true, Ordering::SeqCst) },
            |_| (Outcome::Ok, None),
        )
        .await
        .unwrap_err();
        assert!(
            !sent.load(Ordering::SeqCst),
            "{name}: the request never ran"
        );
        let text = err.to_string();
        assert!(text.starts_with(&format!("{name} (")), "{text}");
        assert!(text.contains("no-"), "names the socket: {text}");
    }
    // The file says what happened: two attempts, each failed, not sent.
    let lines = read_latest(&file, 10).unwrap();
    let got: Vec<_> = lines.iter().map(|e| (e.phase, e.outcome)).collect();
    assert_eq!(
        got,
        [
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Failed)),
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Failed)),
        ]
    );
    assert_eq!(lines[0].id, lines[1].id);
    let msg = lines[1].msg.as_deref().unwrap();
    assert!(msg.starts_with(NOT_SENT_SINK), "{msg}");
    assert!(msg.contains("journald"), "{msg}");
}

#[test]
fn an_outcome_the_sink_cannot_take_is_an_error_and_stays_in_the_file() {
    let listener = Listener::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.jsonl");
    let audit = Audit::open_with(
        &file,
        Sink::Journald {
            socket: listener.path.clone(),
        },
    )
    .unwrap();
    let pending = audit.begin(&sample()).unwrap();
    listener.recv();
    // The journal goes away while the request is out.
    let Listener {
        socket, path, _dir, ..
    } = listener;
    drop(socket);
    std::fs::remove_file(&path).unwrap();
    let e = pending.finish(Outcome::Ok, None).unwrap_err();
    assert!(e.to_string().starts_with("journald ("), "{e}");
    let lines = read_latest(&file, 10).unwrap();
    assert_eq!(lines[1].outcome, Some(Outcome::Ok));
}

#[test]
fn the_file_alone_sends_nothing_anywhere() {
    let listener = Listener::new();
    let dir = tempfile::tempdir().unwrap();
    let audit = Audit::open(&dir.path().join("audit.jsonl")).unwrap();
    audit
        .begin(&sample())
        .unwrap()
        .finish(Outcome::Ok, None)
        .unwrap();
    assert_eq!(audit.sink(), &Sink::File);
    assert!(listener.nothing_waiting());
}

#[test]
fn setting_names_and_sockets() {
    let custom = PathBuf::from("/tmp/x.sock");
    assert_eq!(Sink::from_setting(None, None), Some(Sink::File));
    assert_eq!(Sink::from_setting(Some("file"), None), Some(Sink::File));
    assert_eq!(
        Sink::from_setting(Some("journald"), None),
        Some(Sink::Journald {
            socket: JOURNALD_SOCKET.into()
        })
    );
    assert_eq!(
        Sink::from_setting(Some("syslog"), Some(custom.clone())),
        Some(Sink::Syslog { socket: custom })
    );
    assert_eq!(Sink::from_setting(Some("journal"), None), None);
    for name in SINK_NAMES {
        assert_eq!(Sink::from_setting(Some(name), None).unwrap().name(), name);
    }
}

#[test]
fn header_fields_fall_back_to_nil() {
    assert_eq!(header_field("jump-01", 255), "jump-01");
    assert_eq!(header_field("a b", 255), "-");
    assert_eq!(header_field("", 255), "-");
    assert_eq!(header_field("ção", 255), "-");
}
