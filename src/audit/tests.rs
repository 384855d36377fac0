use super::*;

fn sample() -> AuditAttempt {
    AuditAttempt {
        action: "reset_mac".into(),
        attendant: Some("Ana".into()),
        profile: "p".into(),
        host: "https://h".into(),
        customer: Some(7),
        service: Some(42),
        invoice: None,
        ticket: None,
    }
}

#[test]
fn attempt_is_on_disk_before_the_outcome_and_both_share_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    let id = audit.attempt(&sample()).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    assert_eq!(before.lines().count(), 1);
    assert!(before.contains("\"phase\":\"attempt\""));
    audit
        .outcome(&id, Outcome::Ok, Some("MAC resetado\x1b[31m"))
        .unwrap();
    let entries = read_latest(&path, 10).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].id, entries[1].id);
    assert_eq!(entries[1].phase, Phase::Outcome);
    assert_eq!(entries[1].attempt.service, Some(42));
    assert_eq!(entries[1].outcome, Some(Outcome::Ok));
    assert!(!entries[1].msg.as_deref().unwrap().contains('\x1b'));
}

#[test]
fn latest_keeps_the_tail_and_skips_broken_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    for _ in 0..5 {
        let id = audit.attempt(&sample()).unwrap();
        audit.outcome(&id, Outcome::Refused, None).unwrap();
    }
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"time\": broken\n")
        .unwrap();
    let last = read_latest(&path, 3).unwrap();
    assert_eq!(last.len(), 3);
    assert_eq!(last[2].phase, Phase::Outcome);
    assert!(read_latest(&dir.path().join("none"), 3).unwrap().is_empty());
}

#[test]
fn a_torn_last_line_is_ended_before_the_next_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    let id = audit.attempt(&sample()).unwrap();
    // A crash (or a full disk) cut the outcome line short.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(br#"{"time":"2026-12-01T10:00:00Z","id":"x","pha"#)
        .unwrap();
    audit.outcome(&id, Outcome::Ok, Some("feito")).unwrap();
    let id2 = audit.attempt(&sample()).unwrap();
    let trail = read_trail(&path, 10).unwrap();
    assert_eq!(trail.torn, [2], "the torn line is reported");
    assert_eq!(trail.entries.len(), 3, "no record was swallowed");
    assert_eq!(trail.entries[1].outcome, Some(Outcome::Ok));
    assert_eq!(trail.entries[2].id, id2);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(text.ends_with('\n'));
}

#[test]
fn a_record_glued_to_a_torn_line_is_still_read() {
    // What a version without the repair left behind.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    let id = audit.attempt(&sample()).unwrap();
    audit.outcome(&id, Outcome::Refused, Some("não")).unwrap();
    let mut text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let glued = format!("{}{}\n", &lines[0][..40], lines[1]);
    text = format!("{}\n{glued}\n", lines[0]);
    std::fs::write(&path, text).unwrap();
    let trail = read_trail(&path, 10).unwrap();
    assert_eq!(trail.torn, [2]);
    assert_eq!(trail.entries.len(), 2);
    assert_eq!(trail.entries[1].outcome, Some(Outcome::Refused));
    assert!(
        serde_json::to_string(&trail.entries[0])
            .unwrap()
            .starts_with(RECORD_START)
    );
}

/// Counts `write` calls and writes at most `cap` bytes per call.
struct Probe {
    calls: usize,
    cap: usize,
    interrupt_first: bool,
}

impl Write for Probe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.calls += 1;
        if self.interrupt_first && self.calls == 1 {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        Ok(buf.len().min(self.cap))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn each_line_is_one_write_and_a_short_write_is_an_error() {
    let line = b"{\"time\":1}\n";
    let mut whole = Probe {
        calls: 0,
        cap: usize::MAX,
        interrupt_first: false,
    };
    write_whole_line(&mut whole, line).unwrap();
    assert_eq!(whole.calls, 1);
    let mut short = Probe {
        calls: 0,
        cap: 4,
        interrupt_first: false,
    };
    let e = write_whole_line(&mut short, line).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::WriteZero);
    assert_eq!(short.calls, 1, "never a second write gluing the rest on");
    let mut interrupted = Probe {
        calls: 0,
        cap: usize::MAX,
        interrupt_first: true,
    };
    write_whole_line(&mut interrupted, line).unwrap();
    assert_eq!(interrupted.calls, 2);
}

#[cfg(unix)]
#[test]
fn new_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    Audit::open(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0);
}

#[test]
fn an_attempt_dropped_without_its_outcome_gets_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    let done = audit.begin(&sample()).unwrap();
    done.finish(Outcome::Ok, Some("feito")).unwrap();
    drop(audit.begin(&sample()).unwrap());
    let e = read_latest(&path, 10).unwrap();
    let got: Vec<_> = e.iter().map(|e| (e.phase, e.outcome)).collect();
    assert_eq!(
        got,
        [
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Ok)),
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Unknown)),
        ]
    );
    assert_eq!(e[2].id, e[3].id);
    assert_eq!(e[3].msg.as_deref(), Some(INTERRUPTED));
    assert_eq!(e[3].attempt.service, Some(42));
}

#[tokio::test]
async fn an_audited_request_abandoned_midway_leaves_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let audit = Audit::open(&path).unwrap();
    // Answered: attempt, then the judged outcome.
    let (reply, written) = audited(&audit, sample(), async { 7 }, |n: &i32| {
        (Outcome::Refused, Some(format!("n={n}")))
    })
    .await
    .unwrap();
    assert_eq!(reply, 7);
    written.unwrap();
    // Never answered: the future is dropped (a task aborted at exit).
    let run = tokio::spawn({
        let audit = audit.clone();
        async move {
            audited(
                &audit,
                sample(),
                async { std::future::pending::<()>().await },
                |_| (Outcome::Ok, None),
            )
            .await
        }
    });
    // Wait until the attempt line is on disk, then abandon it.
    let end = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while read_latest(&path, 10).unwrap().len() < 3 {
        assert!(std::time::Instant::now() < end, "no attempt line");
        tokio::task::yield_now().await;
    }
    run.abort();
    assert!(run.await.unwrap_err().is_cancelled());
    let e = read_latest(&path, 10).unwrap();
    let got: Vec<_> = e.iter().map(|e| (e.phase, e.outcome)).collect();
    assert_eq!(
        got,
        [
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Refused)),
            (Phase::Attempt, None),
            (Phase::Outcome, Some(Outcome::Unknown)),
        ]
    );
    assert_eq!(e[1].msg.as_deref(), Some("n=7"));
}

#[test]
fn long_messages_are_cut() {
    let s = shorten(&"x".repeat(1000));
    assert_eq!(s.chars().count(), MAX_MSG);
}
