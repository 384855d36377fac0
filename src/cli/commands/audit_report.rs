//! `hubdesk audit --since WHEN --summary`: the shift report, read from the
//! local audit file ([`audit::summary`]).

use super::*;
use crate::audit::summary::{self, Counts, Summary};

/// `--since` as an instant, or a usage error (exit 2).
pub(super) fn parse_since(
    lang: Lang,
    text: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<chrono::DateTime<chrono::Utc>, Failure> {
    summary::parse_since(text, now).map_err(|_| {
        Failure::new(
            EXIT_USAGE,
            trf(lang, Msg::CliAuditBadSince, &[("value", &text)]),
        )
    })
}

/// The audit file could not be read.
pub(super) fn audit_read_failed(lang: Lang, path: &std::path::Path, e: std::io::Error) -> Failure {
    Failure::new(
        EXIT_FAILURE,
        trf(
            lang,
            Msg::CliAuditFailed,
            &[("path", &path.display()), ("detail", &e)],
        ),
    )
}

/// Says on stderr which lines of the file were skipped.
pub(super) fn note_torn_lines(lang: Lang, path: &std::path::Path, torn: &[usize]) {
    if torn.is_empty() {
        return;
    }
    let lines: Vec<String> = torn.iter().map(usize::to_string).collect();
    note(&trf(
        lang,
        Msg::CliAuditTornLines,
        &[
            ("count", &torn.len()),
            ("path", &path.display()),
            ("lines", &lines.join(", ")),
        ],
    ));
}

/// Without `--since` the report covers the last 8 hours: one shift.
const DEFAULT_SHIFT_HOURS: i64 = 8;

pub(super) fn show_summary(
    ctx: &Ctx,
    since: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let path = ctx.paths.audit_file();
    let since = since.unwrap_or(now - chrono::Duration::hours(DEFAULT_SHIFT_HOURS));
    let report =
        summary::summarize(&path, since, now).map_err(|e| audit_read_failed(lang, &path, e))?;
    note_torn_lines(lang, &path, &report.torn_lines);
    if ctx.global.json {
        print_json(&serde_json::to_value(&report).unwrap_or(Value::Null));
        return Ok(EXIT_OK);
    }
    let (from, to) = (
        br::dates::format_datetime(report.since),
        br::dates::format_datetime(report.until),
    );
    if report.counts.total == 0 {
        say(trf(
            lang,
            Msg::CliAuditSummaryNone,
            &[("since", &from), ("until", &to)],
        ));
        return Ok(EXIT_OK);
    }
    say(trf(
        lang,
        Msg::CliAuditSummaryTitle,
        &[
            ("since", &from),
            ("until", &to),
            ("count", &report.counts.total),
        ],
    ));
    say("");
    say(breakdown(
        ctx,
        Msg::ColAction,
        report
            .by_action
            .iter()
            .map(|r| (action_label(lang, &r.action), r.counts)),
    ));
    say("");
    say(breakdown(
        ctx,
        Msg::ColAttendant,
        report.by_attendant.iter().map(|r| {
            let who = match &r.attendant {
                Some(name) => ctx.fmt.text(Some(name)),
                None => tr(lang, Msg::CliAuditNoAttendant).to_owned(),
            };
            (who, r.counts)
        }),
    ));
    let to_check = to_check(&report);
    if !to_check.is_empty() {
        say("");
        say(tr(lang, Msg::CliAuditSummaryToCheck));
        say(entries_table(ctx, &to_check));
    }
    Ok(EXIT_OK)
}

/// A table of counts, one row per kind or attendant.
fn breakdown(
    ctx: &Ctx,
    first: Msg,
    rows: impl Iterator<Item = (String, Counts)>,
) -> comfy_table::Table {
    let f = &ctx.fmt;
    let mut t = out::table(vec![
        f.h(first),
        f.h(Msg::ColTotal),
        f.h(Msg::ColDone),
        f.h(Msg::ColRefused),
        f.h(Msg::ColFailed),
        f.h(Msg::ColUnknown),
        f.h(Msg::ColNoOutcome),
    ]);
    for (name, c) in rows {
        t.add_row(vec![
            name,
            c.total.to_string(),
            c.ok.to_string(),
            c.refused.to_string(),
            c.failed.to_string(),
            c.unknown.to_string(),
            c.no_outcome.to_string(),
        ]);
    }
    t
}

/// The refused, unknown and outcome-less actions, in time order.
fn to_check(report: &Summary) -> Vec<audit::AuditEntry> {
    let mut list: Vec<audit::AuditEntry> = report
        .refused
        .iter()
        .chain(&report.unknown)
        .chain(&report.no_outcome)
        .cloned()
        .collect();
    list.sort_by_key(|e| e.time);
    list
}
