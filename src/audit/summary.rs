//! The shift report (`hubdesk audit --since 8h --summary`): the actions
//! of a period read from the local file, counted per kind and per
//! attendant, with the refused and unknown ones listed.
//!
//! An action is counted by its attempt line: it belongs to the period when
//! its attempt was written at or after the start, and its outcome is the
//! outcome line with the same id (an attempt with none yet has
//! [`Counts::no_outcome`]: still in flight, or its process died without
//! writing one). The file is read line by line; memory holds the actions
//! of the period only.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::Serialize;

use super::{AttemptId, AuditEntry, Outcome, Phase, scan_trail};

/// How many actions ended each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// All actions.
    pub total: u64,
    /// Confirmed by the server.
    pub ok: u64,
    /// Refused by the server.
    pub refused: u64,
    /// Failed before reaching the server (or refused by hubdesk, such as
    /// an audit sink that did not take the attempt).
    pub failed: u64,
    /// Recorded as unknown: check before repeating.
    pub unknown: u64,
    /// An attempt without an outcome line.
    pub no_outcome: u64,
}

impl Counts {
    fn add(&mut self, outcome: Option<Outcome>) {
        self.total += 1;
        match outcome {
            Some(Outcome::Ok) => self.ok += 1,
            Some(Outcome::Refused) => self.refused += 1,
            Some(Outcome::Failed) => self.failed += 1,
            Some(Outcome::Unknown) => self.unknown += 1,
            None => self.no_outcome += 1,
        }
    }
}

/// The actions of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    /// The action's stable name (see [`super::action`]).
    pub action: String,
    /// Its actions.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The actions of one attendant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendantRow {
    /// The attendant as recorded (`None`: none was).
    pub attendant: Option<String>,
    /// Their actions.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The report of one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The start of the period.
    #[serde(serialize_with = "rfc3339")]
    pub since: DateTime<Utc>,
    /// When the report was made.
    #[serde(serialize_with = "rfc3339")]
    pub until: DateTime<Utc>,
    /// Every action of the period.
    pub counts: Counts,
    /// Per action name, most frequent first.
    pub by_action: Vec<ActionRow>,
    /// Per attendant, busiest first.
    pub by_attendant: Vec<AttendantRow>,
    /// The refused actions' outcome lines, oldest first.
    pub refused: Vec<AuditEntry>,
    /// The unknown outcomes' lines, oldest first.
    pub unknown: Vec<AuditEntry>,
    /// The attempt lines without an outcome, oldest first.
    pub no_outcome: Vec<AuditEntry>,
    /// Lines of the file that could not be read (see [`super::Trail`]).
    pub torn_lines: Vec<usize>,
}

fn rfc3339<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::time_text(t))
}

/// Reads the file at `path` into the report of the actions attempted from
/// `since` to `now`.
pub fn summarize(
    path: &Path,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> std::io::Result<Summary> {
    // Attempts of the period in file order, and their outcomes by id.
    let mut attempts: Vec<AuditEntry> = Vec::new();
    let mut outcomes: HashMap<AttemptId, AuditEntry> = HashMap::new();
    let mut in_period: HashSet<AttemptId> = HashSet::new();
    let torn_lines = scan_trail(path, |entry| match entry.phase {
        Phase::Attempt if entry.time >= since && entry.time <= now => {
            in_period.insert(entry.id.clone());
            attempts.push(entry);
        }
        Phase::Outcome if in_period.contains(&entry.id) => {
            outcomes.insert(entry.id.clone(), entry);
        }
        _ => {}
    })?;
    let mut counts = Counts::default();
    let mut by_action: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_attendant: BTreeMap<Option<String>, Counts> = BTreeMap::new();
    let (mut refused, mut unknown, mut no_outcome) = (Vec::new(), Vec::new(), Vec::new());
    for attempt in attempts {
        let outcome = outcomes.remove(&attempt.id);
        let result = outcome.as_ref().and_then(|o| o.outcome);
        counts.add(result);
        by_action
            .entry(attempt.attempt.action.clone())
            .or_default()
            .add(result);
        by_attendant
            .entry(attempt.attempt.attendant.clone())
            .or_default()
            .add(result);
        match (result, outcome) {
            (Some(Outcome::Refused), Some(o)) => refused.push(o),
            (Some(Outcome::Unknown), Some(o)) => unknown.push(o),
            (None, _) => no_outcome.push(attempt),
            _ => {}
        }
    }
    Ok(Summary {
        since,
        until: now,
        counts,
        by_action: ranked(by_action)
            .map(|(action, counts)| ActionRow { action, counts })
            .collect(),
        by_attendant: ranked(by_attendant)
            .map(|(attendant, counts)| AttendantRow { attendant, counts })
            .collect(),
        refused,
        unknown,
        no_outcome,
        torn_lines,
    })
}

/// Rows by total, largest first; ties in key order.
fn ranked<K: Ord>(map: BTreeMap<K, Counts>) -> impl Iterator<Item = (K, Counts)> {
    let mut rows: Vec<(K, Counts)> = map.into_iter().collect();
    // Stable: equal totals keep the map's (key) order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.total));
    rows.into_iter()
}

/// Why a `--since` value was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSince;

/// The start of a period written as a duration back from `now` (`30m`,
/// `8h`, `2d`, `1w`, `90s`, or several: `1h30m`), or a date, `dd/mm/aaaa`
/// or `aaaa-mm-dd` (midnight on Brasília time), with an optional time
/// after a space or `T` (`04/12/2026 08:00`), or an RFC 3339 instant.
pub fn parse_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, BadSince> {
    let s = text.trim();
    if let Some(d) = parse_duration(s) {
        return now.checked_sub_signed(d).ok_or(BadSince);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date: NaiveDate = crate::br::dates::parse_date(date).map_err(|_| BadSince)?;
    let time = match time {
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .map_err(|_| BadSince)?,
        None => NaiveTime::MIN,
    };
    crate::br::dates::TZ
        .from_local_datetime(&date.and_time(time))
        // A time skipped by a clock change does not exist; an ambiguous
        // one is taken at its first occurrence.
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(BadSince)
}

/// `30m`, `8h`, `2d`, `1w`, `45s`, or several of them (`1h30m`).
fn parse_duration(s: &str) -> Option<Duration> {
    if s.is_empty() {
        return None;
    }
    let mut total = Duration::zero();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().ok()?;
        digits.clear();
        let unit = match c.to_ascii_lowercase() {
            's' => Duration::try_seconds(n)?,
            'm' => Duration::try_minutes(n)?,
            'h' => Duration::try_hours(n)?,
            'd' => Duration::try_days(n)?,
            'w' => Duration::try_weeks(n)?,
            _ => return None,
        };
        total = total.checked_add(&unit)?;
    }
    // A bare number has no unit: refused rather than guessed.
    digits.is_empty().then_some(total)
}

#[cfg(test)]
mod tests;
