use chrono::TimeZone;

use super::*;
use crate::audit::{AuditAttempt, AuditEntry};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, h, m, 0).unwrap()
}

fn attempt(id: &str, time: DateTime<Utc>, action: &str, who: Option<&str>) -> AuditEntry {
    AuditEntry {
        time,
        id: AttemptId(id.into()),
        phase: Phase::Attempt,
        attempt: AuditAttempt {
            action: action.into(),
            attendant: who.map(str::to_owned),
            profile: "p".into(),
            host: "https://h".into(),
            service: Some(100),
            ..AuditAttempt::default()
        },
        outcome: None,
        msg: None,
    }
}

fn outcome(of: &AuditEntry, time: DateTime<Utc>, outcome: Outcome, msg: &str) -> AuditEntry {
    AuditEntry {
        time,
        phase: Phase::Outcome,
        outcome: Some(outcome),
        msg: Some(msg.into()),
        ..of.clone()
    }
}

fn write(entries: &[AuditEntry]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    let mut text = String::new();
    for e in entries {
        text.push_str(&serde_json::to_string(e).unwrap());
        text.push('\n');
    }
    text.push_str("{\"time\": torn\n");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_shift_is_counted_per_kind_and_attendant_with_refusals_and_unknowns() {
    let old = attempt("old", at(1, 0), "reset_mac", Some("ana"));
    let a = attempt("a", at(9, 0), "trust_unlock", Some("ana"));
    let b = attempt("b", at(9, 5), "trust_unlock", Some("bruno"));
    let c = attempt("c", at(9, 10), "reset_mac", Some("ana"));
    let d = attempt("d", at(9, 20), "disconnect", None);
    let e = attempt("e", at(9, 30), "trust_unlock", Some("bruno"));
    let f = attempt("f", at(9, 40), "reset_mac", Some("bruno"));
    let entries = [
        old.clone(),
        a.clone(),
        b.clone(),
        outcome(
            &old,
            at(9, 1),
            Outcome::Ok,
            "late outcome of an old attempt",
        ),
        outcome(&a, at(9, 2), Outcome::Ok, "feito"),
        outcome(&b, at(9, 6), Outcome::Refused, "Limite de desbloqueios"),
        c.clone(),
        outcome(&c, at(9, 11), Outcome::Unknown, "timeout"),
        d.clone(),
        outcome(&d, at(9, 21), Outcome::Failed, "rede"),
        e.clone(),
        f.clone(),
        outcome(&f, at(9, 41), Outcome::Ok, "feito"),
    ];
    let (_dir, path) = write(&entries);
    let s = summarize(&path, at(8, 0), at(16, 0)).unwrap();
    let counts = |total, ok, refused, failed, unknown, no_outcome| Counts {
        total,
        ok,
        refused,
        failed,
        unknown,
        no_outcome,
    };
    assert_eq!(s.counts, counts(6, 2, 1, 1, 1, 1));
    assert_eq!(
        s.by_action,
        [
            ActionRow {
                action: "trust_unlock".into(),
                counts: counts(3, 1, 1, 0, 0, 1)
            },
            ActionRow {
                action: "reset_mac".into(),
                counts: counts(2, 1, 0, 0, 1, 0)
            },
            ActionRow {
                action: "disconnect".into(),
                counts: counts(1, 0, 0, 1, 0, 0)
            },
        ]
    );
    assert_eq!(
        s.by_attendant,
        [
            AttendantRow {
                attendant: Some("bruno".into()),
                counts: counts(3, 1, 1, 0, 0, 1)
            },
            AttendantRow {
                attendant: Some("ana".into()),
                counts: counts(2, 1, 0, 0, 1, 0)
            },
            AttendantRow {
                attendant: None,
                counts: counts(1, 0, 0, 1, 0, 0)
            },
        ]
    );
    assert_eq!(
        s.refused,
        [outcome(
            &b,
            at(9, 6),
            Outcome::Refused,
            "Limite de desbloqueios"
        )]
    );
    assert_eq!(
        s.unknown,
        [outcome(&c, at(9, 11), Outcome::Unknown, "timeout")]
    );
    assert_eq!(s.no_outcome, [e]);
    assert_eq!(s.torn_lines, [entries.len() + 1]);
}

#[test]
fn an_empty_or_missing_file_is_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = summarize(&dir.path().join("none.jsonl"), at(8, 0), at(16, 0)).unwrap();
    assert_eq!(s.counts, Counts::default());
    assert!(s.by_action.is_empty() && s.refused.is_empty());
}

#[test]
fn since_takes_durations_and_dates() {
    let now = at(15, 0);
    assert_eq!(parse_since("30m", now), Ok(at(14, 30)));
    assert_eq!(parse_since("8h", now), Ok(at(7, 0)));
    assert_eq!(parse_since(" 1h30m ", now), Ok(at(13, 30)));
    assert_eq!(parse_since("2d", now), Ok(at(15, 0) - Duration::days(2)));
    assert_eq!(parse_since("1w", now), Ok(at(15, 0) - Duration::weeks(1)));
    assert_eq!(
        parse_since("90s", now),
        Ok(at(14, 58) + Duration::seconds(30))
    );
    // A date is midnight in São Paulo (UTC-3): 03:00 UTC.
    assert_eq!(parse_since("04/12/2026", now), Ok(at(3, 0)));
    assert_eq!(parse_since("2026-12-04", now), Ok(at(3, 0)));
    assert_eq!(parse_since("04/12/2026 08:30", now), Ok(at(11, 30)));
    assert_eq!(parse_since("2026-12-04T08:30", now), Ok(at(11, 30)));
    assert_eq!(
        parse_since("2026-12-04T08:30:00-03:00", now),
        Ok(at(11, 30))
    );
    for bad in [
        "",
        "8",
        "8x",
        "h",
        "ontem",
        "31/02/2026",
        "04/12/2026 25:00",
        "99999999999999999999d",
    ] {
        assert_eq!(parse_since(bad, now), Err(BadSince), "{bad:?}");
    }
}
