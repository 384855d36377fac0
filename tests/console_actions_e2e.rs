//! The real binary with `--demo` in a pseudo-terminal: a trust unlock from
//! the keyboard, its result on the status line, the audit overlay, and the
//! audit file the console wrote in the data directory.

mod support;

use std::time::Duration;

use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(20);

#[test]
fn a_trust_unlock_from_the_keyboard_is_done_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let mut pty = Pty::hubdesk(
        &["--demo"],
        &[
            ("LANG", "en_US.UTF-8"),
            ("HUBDESK_DATA_DIR", data),
            ("HUBDESK_STATE_DIR", data),
            ("USER", "ana.souza"),
        ],
        80,
        24,
    );
    pty.wait_for_text("DEMO", DEADLINE);
    pty.send_keys(b"1006\r");
    pty.wait_for_text("Suspenso por D", DEADLINE);
    pty.send_keys(b"u");
    pty.wait_for_text("Days unlocked", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("Confirm: Trust unlock?", DEADLINE);
    pty.send_keys(b"y");
    // The result names the customer and wraps (the badges share its first
    // row): read the rows as one sentence.
    pty.wait_until(DEADLINE, |screen| {
        let words = screen
            .contents()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" DEMO — fictitious data demo", "");
        words.contains("AMANDA NASCIMENTO BRANDÃO: Done: trust unlock — Desbloqueio")
    })
    .unwrap_or_else(|screen| panic!("no result on the status line:\n{screen}"));
    pty.wait_for_text("Serviço Habilitado", DEADLINE);
    pty.send_keys(b"A");
    pty.wait_for_text("Audit — audit.jsonl", DEADLINE);
    pty.wait_for_text("cli 1006 svc 100024", DEADLINE);
    pty.send_keys(b"\x1b");
    // Esc and q sent together would read as Alt-q: wait for the view.
    pty.wait_for_text("Trust unlock  m", DEADLINE);
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("the console exits on q");
    assert!(status.success(), "exit status {status:?}");

    let entries = hubdesk::audit::read_latest(&dir.path().join("audit.jsonl"), 10).unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (attempt, outcome) = (&entries[0], &entries[1]);
    assert_eq!(attempt.phase, hubdesk::audit::Phase::Attempt);
    assert_eq!(outcome.phase, hubdesk::audit::Phase::Outcome);
    for e in &entries {
        assert_eq!(e.attempt.action, "trust_unlock");
        assert_eq!(e.attempt.customer, Some(1006));
        assert_eq!(e.attempt.service, Some(100024));
        assert_eq!(e.attempt.attendant.as_deref(), Some("ana.souza"));
    }
    assert_eq!(outcome.outcome, Some(hubdesk::audit::Outcome::Ok));
    assert!(outcome.msg.as_deref().is_some_and(|m| !m.is_empty()));
}
