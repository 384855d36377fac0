//! The audit trail: every attempted action, as JSON lines in the data
//! directory.
//!
//! An attempt is written and flushed to the OS *before* its request is
//! sent, and its outcome after, as a second line sharing the attempt id. A
//! crash or a hung request therefore still leaves a trace that the action
//! may have happened. Lines carry ids only (customer code, service,
//! invoice, ticket) and the server's `msg`: never a secret, a token, a name,
//! a phone or an e-mail.
//!
//! Appends are small synchronous writes on a file opened in append mode:
//! each line goes out in **one** `write` call, so concurrent processes
//! interleave whole lines, and a write the disk cut short is an error, not
//! a silent half line. A line left torn anyway (a crash, a full disk) is
//! repaired before the next append: the new record starts on a line of its
//! own instead of being glued to the torn one. Readers skip torn lines and
//! report them ([`read_trail`]). From async code call the writers directly
//! (each is one `write` of well under a page) or through `spawn_blocking`
//! if the disk may be slow.
//!
//! Besides the file, every line can go to the systemd journal or syslog
//! ([`Sink`], `audit_sink` in the config), with the same fields. "Written
//! before sending" holds for the sink too: an attempt the sink does not
//! take is refused ([`Audit::attempt`] fails, so [`audited`] sends
//! nothing), and the file records it as failed. [`summary`] reads the file
//! into a shift report (`hubdesk audit --summary`).

#![warn(missing_docs)]

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

mod sink;
pub mod summary;

pub use sink::{ENV_AUDIT_SOCKET, JOURNALD_SOCKET, SINK_NAMES, SYSLOG_SD_ID, SYSLOG_SOCKET, Sink};

/// The longest server `msg` kept, in characters.
const MAX_MSG: usize = 300;

/// The stable names of [`AuditAttempt::action`], shared by the console and
/// the command line so the trail reads the same whoever wrote it.
pub mod action {
    /// `POST /cliente/desbloqueio_confianca`.
    pub const TRUST_UNLOCK: &str = "trust_unlock";
    /// `POST /cliente/reset_mac_addr`.
    pub const RESET_MAC: &str = "reset_mac";
    /// `GET /cliente/solicitar_desconexao/{id}`.
    pub const DISCONNECT: &str = "disconnect";
    /// `POST /cliente/financeiro/enviar_email`.
    pub const SEND_INVOICE_EMAIL: &str = "send_invoice_email";
    /// `POST /cliente/financeiro/enviar_sms`.
    pub const SEND_INVOICE_SMS: &str = "send_invoice_sms";
    /// `POST /cliente/financeiro/enviar_push`.
    pub const SEND_INVOICE_PUSH: &str = "send_invoice_push";
    /// `POST /atendimento`.
    pub const OPEN_TICKET: &str = "open_ticket";
    /// `PUT /atendimento/{id}` editing the description.
    pub const EDIT_TICKET: &str = "edit_ticket";
    /// `PUT /atendimento/{id}` with `fechar_atendimento`.
    pub const CLOSE_TICKET: &str = "close_ticket";
    /// `POST /prospecto`.
    pub const CREATE_PROSPECT: &str = "create_prospect";
    /// `POST /pbx/ligacao/notificar`.
    pub const PBX_NOTIFY: &str = "pbx_notify";
    /// `POST /pbx/ligacao/cancelar`.
    pub const PBX_CANCEL: &str = "pbx_cancel";
    /// `POST /cliente/reset_phy_addr`.
    pub const RESET_PHY: &str = "reset_phy";
    /// `POST /rede/reiniciar_cpe/{phy_addr}`.
    pub const REBOOT_CPE: &str = "reboot_cpe";
    /// `POST /rede/restaurar_cpe/{phy_addr}`.
    pub const RESTORE_CPE: &str = "restore_cpe";
    /// `POST /cliente/cliente_servico/habilitar/{id}`.
    pub const ENABLE_SERVICE: &str = "enable_service";
    /// `POST /cliente/cliente_servico/suspender/{id}`.
    pub const SUSPEND_SERVICE: &str = "suspend_service";
    /// `POST /cliente/cliente_servico/ativar/{id}`.
    pub const ACTIVATE_SERVICE: &str = "activate_service";
    /// `PUT /atendimento/{id}` appending to the description.
    pub const APPEND_TICKET: &str = "append_ticket";
}

/// What an action was about: who, where, and which records (ids only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditAttempt {
    /// Stable action name, one of [`action`].
    pub action: String,
    /// The attendant's name from the profile, if set.
    pub attendant: Option<String>,
    /// The profile's name.
    pub profile: String,
    /// The server address.
    pub host: String,
    /// `codigo_cliente`, when known.
    pub customer: Option<u64>,
    /// `id_cliente_servico`.
    pub service: Option<u64>,
    /// `id_fatura`.
    pub invoice: Option<u64>,
    /// `id_atendimento`.
    pub ticket: Option<u64>,
}

/// How an attempted action ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The server confirmed it.
    Ok,
    /// The server refused it (`status: error`, 403, 404): nothing changed.
    Refused,
    /// It failed before reaching the server, or the server certainly did not
    /// act (authentication, connection never established).
    Failed,
    /// It may or may not have happened (timeout after sending, 502/504,
    /// unreadable answer): check before repeating.
    Unknown,
}

/// Identifies one attempt; the outcome line repeats it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AttemptId(pub String);

impl std::fmt::Display for AttemptId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `attempt` (before the request) or `outcome` (after it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Written before the request is sent.
    Attempt,
    /// Written when the answer (or the failure) is known.
    Outcome,
}

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When the line was written (UTC, RFC 3339).
    pub time: DateTime<Utc>,
    /// Shared by the two lines of one attempt.
    pub id: AttemptId,
    /// Which line this is.
    pub phase: Phase,
    /// The action and its context (repeated on the outcome line so each line
    /// reads alone).
    #[serde(flatten)]
    pub attempt: AuditAttempt,
    /// Set on the outcome line.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// The server's `msg` (or the error's text), sanitized and shortened.
    #[serde(default)]
    pub msg: Option<String>,
}

/// An audit file, opened for appending. Cheap to clone; shareable between
/// tasks.
#[derive(Clone)]
pub struct Audit {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    sink: Sink,
    file: Mutex<File>,
    pending: Mutex<HashMap<AttemptId, AuditAttempt>>,
    counter: AtomicU64,
}

impl std::fmt::Debug for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit")
            .field("path", &self.inner.path)
            .field("sink", &self.inner.sink)
            .finish()
    }
}

impl Audit {
    /// Opens (creating it and its directory if needed) the audit file. On
    /// Unix a new file is readable by its owner only. Lines go to the file
    /// alone; see [`Audit::open_with`].
    pub fn open(path: &Path) -> std::io::Result<Audit> {
        Audit::open_with(path, Sink::File)
    }

    /// [`Audit::open`], every line also sent to `sink`. Nothing is sent
    /// to the sink here: a sink that is down is found at the first
    /// attempt, which it then refuses.
    pub fn open_with(path: &Path, sink: Sink) -> std::io::Result<Audit> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        // Read too: the last byte tells whether the last line is whole.
        options.create(true).append(true).read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path)?;
        Ok(Audit {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                sink,
                file: Mutex::new(file),
                pending: Mutex::new(HashMap::new()),
                counter: AtomicU64::new(0),
            }),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Where lines go besides the file.
    pub fn sink(&self) -> &Sink {
        &self.inner.sink
    }

    /// Records an attempt, flushed to disk and taken by the sink; send the
    /// request only after this returned `Ok`. The id is for
    /// [`Audit::outcome`]. When the sink does not take the line, the file
    /// gets the attempt's outcome, [`Outcome::Failed`] with
    /// [`NOT_SENT_SINK`], and the error is returned: the action must not
    /// go out.
    pub fn attempt(&self, attempt: &AuditAttempt) -> std::io::Result<AttemptId> {
        let now = Utc::now();
        let n = self.inner.counter.fetch_add(1, Ordering::Relaxed);
        let id = AttemptId(format!(
            "{:x}-{:x}-{n}",
            now.timestamp_nanos_opt().unwrap_or_default(),
            std::process::id()
        ));
        let entry = AuditEntry {
            time: now,
            id: id.clone(),
            phase: Phase::Attempt,
            attempt: attempt.clone(),
            outcome: None,
            msg: None,
        };
        self.append(&entry, true)?;
        if let Err(e) = self.inner.sink.send(&entry) {
            let refused = AuditEntry {
                time: Utc::now(),
                phase: Phase::Outcome,
                outcome: Some(Outcome::Failed),
                msg: Some(shorten(&format!("{NOT_SENT_SINK}: {e}"))),
                ..entry
            };
            // The error that matters is the sink's; the file already says
            // the action may have been attempted.
            let _ = self.append(&refused, false);
            return Err(e);
        }
        self.pending().insert(id.clone(), attempt.clone());
        Ok(id)
    }

    /// Records how attempt `id` ended, with the server's message.
    pub fn outcome(
        &self,
        id: &AttemptId,
        outcome: Outcome,
        msg: Option<&str>,
    ) -> std::io::Result<()> {
        let attempt = self.pending().remove(id).unwrap_or_default();
        let entry = AuditEntry {
            time: Utc::now(),
            id: id.clone(),
            phase: Phase::Outcome,
            attempt,
            outcome: Some(outcome),
            msg: msg.map(shorten),
        };
        // Both get the line even when one fails; the file's error first.
        let local = self.append(&entry, false);
        let sent = self.inner.sink.send(&entry);
        local.and(sent)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<AttemptId, AuditAttempt>> {
        // A panic elsewhere while holding the lock leaves a usable map.
        self.inner.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn append(&self, entry: &AuditEntry, sync: bool) -> std::io::Result<()> {
        let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        line.push('\n');
        let mut file = self.inner.file.lock().unwrap_or_else(|e| e.into_inner());
        // A torn last line (a crash or a full disk mid-write, here or in
        // another process) would swallow this record: end it first, in the
        // same write.
        if !ends_with_newline(&file)? {
            line.insert(0, '\n');
        }
        write_whole_line(&mut *file, line.as_bytes())?;
        file.flush()?;
        if sync {
            // The attempt must survive a crash during the request.
            file.sync_data()?;
        }
        Ok(())
    }
}

/// Writes `line` with a single `write` call: with `O_APPEND` the kernel
/// appends it whole, so lines of concurrent writers never interleave. A
/// short write (the disk or a file size limit cut it) is an error: the
/// line on disk is torn, and the next append repairs it.
fn write_whole_line(out: &mut impl Write, line: &[u8]) -> std::io::Result<()> {
    let written = loop {
        match out.write(line) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other?,
        }
    };
    if written == line.len() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::WriteZero,
            format!(
                "only {written} of {} bytes were written: the line is torn (disk full?)",
                line.len()
            ),
        ))
    }
}

/// Whether the file is empty or its last byte ends a line.
#[cfg(unix)]
fn ends_with_newline(file: &File) -> std::io::Result<bool> {
    use std::os::unix::fs::FileExt;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8; 1];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

/// Whether the file is empty or its last byte ends a line.
#[cfg(not(unix))]
fn ends_with_newline(file: &File) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut f = file;
    f.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// The `msg` of the outcome the file records when the sink refused the
/// attempt line (followed by the sink's error): nothing was sent.
pub const NOT_SENT_SINK: &str = "not sent: the audit sink did not take the attempt";

/// The `msg` of an attempt whose answer never came: the process stopped
/// waiting for it (quit, a signal, a closed terminal).
pub const INTERRUPTED: &str = "interrupted before the answer arrived: check before repeating";

/// An attempt written to the trail that has no outcome yet. Every attempt
/// line gets an outcome line: [`PendingAttempt::finish`] writes the real
/// one, and dropping it unfinished (the request was abandoned: the
/// console quit, a signal arrived, the task was aborted, a panic unwound)
/// writes [`Outcome::Unknown`] with [`INTERRUPTED`].
#[derive(Debug)]
pub struct PendingAttempt {
    audit: Audit,
    id: AttemptId,
    done: bool,
}

impl Audit {
    /// Writes `attempt` (synced) and returns the guard of its outcome.
    pub fn begin(&self, attempt: &AuditAttempt) -> std::io::Result<PendingAttempt> {
        let id = self.attempt(attempt)?;
        Ok(PendingAttempt {
            audit: self.clone(),
            id,
            done: false,
        })
    }
}

impl PendingAttempt {
    /// The attempt's id.
    pub fn id(&self) -> &AttemptId {
        &self.id
    }

    /// Writes how the attempt ended.
    pub fn finish(mut self, outcome: Outcome, msg: Option<&str>) -> std::io::Result<()> {
        self.done = true;
        self.audit.outcome(&self.id, outcome, msg)
    }
}

impl Drop for PendingAttempt {
    fn drop(&mut self) {
        if !self.done {
            // Nothing else can be done about a failed write here; the
            // attempt line alone still says the action may have happened.
            let _ = self
                .audit
                .outcome(&self.id, Outcome::Unknown, Some(INTERRUPTED));
        }
    }
}

/// Runs one action under the trail, the one way both front ends do it:
/// writes the attempt (synced) before `send` runs, runs `send` once, and
/// writes the outcome `judge` reads from its result. Dropping the returned
/// future before the answer writes `unknown` (see [`PendingAttempt`]).
///
/// `Err` means the attempt could not be written, and nothing was sent. On
/// success the second value says whether the outcome line was written.
pub async fn audited<T>(
    trail: &Audit,
    attempt: AuditAttempt,
    send: impl std::future::Future<Output = T>,
    judge: impl FnOnce(&T) -> (Outcome, Option<String>),
) -> std::io::Result<(T, std::io::Result<()>)> {
    // Written in place (a line and a sync, see the module's note): from
    // the moment it is on disk the guard exists, so no cancellation point
    // can fall between the attempt and its guard.
    let pending = trail.begin(&attempt)?;
    let reply = send.await;
    let (outcome, msg) = judge(&reply);
    let written = pending.finish(outcome, msg.as_deref());
    Ok((reply, written))
}

/// Sanitized, single-line, at most [`MAX_MSG`] characters.
fn shorten(msg: &str) -> String {
    let clean = crate::sanitize::clean_line(msg);
    let trimmed = clean.trim();
    if trimmed.chars().count() <= MAX_MSG {
        trimmed.to_owned()
    } else {
        let mut s: String = trimmed.chars().take(MAX_MSG - 1).collect();
        s.push('…');
        s
    }
}

/// The last `limit` entries of the file, oldest first. Unreadable lines are
/// skipped (a line cut by a crash must not hide the rest); a missing file
/// gives no entries. See [`read_trail`] for the skipped lines.
pub fn read_latest(path: &Path, limit: usize) -> std::io::Result<Vec<AuditEntry>> {
    read_trail(path, limit).map(|t| t.entries)
}

/// What [`read_trail`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trail {
    /// The last entries asked for, oldest first.
    pub entries: Vec<AuditEntry>,
    /// Line numbers (from 1) of torn or unreadable lines, skipped, in the
    /// whole file. A record glued to a torn line (written by a version
    /// that did not repair it) is still read; only the torn part is here.
    pub torn: Vec<usize>,
}

/// The last `limit` entries of the file, oldest first, with the numbers of
/// the lines that could not be read. A missing file gives nothing.
pub fn read_trail(path: &Path, limit: usize) -> std::io::Result<Trail> {
    read_trail_since(path, limit, None)
}

/// [`read_trail`] of the entries written at or after `since` (all when
/// `None`).
pub fn read_trail_since(
    path: &Path,
    limit: usize,
    since: Option<DateTime<Utc>>,
) -> std::io::Result<Trail> {
    let mut entries = std::collections::VecDeque::with_capacity(limit.min(4096));
    let torn = scan_trail(path, |entry| {
        if since.is_some_and(|s| entry.time < s) {
            return;
        }
        if entries.len() == limit {
            entries.pop_front();
        }
        if limit > 0 {
            entries.push_back(entry);
        }
    })?;
    Ok(Trail {
        entries: entries.into(),
        torn,
    })
}

/// Reads the file line by line, oldest first, handing each entry to
/// `push` (memory holds one line at a time); returns the numbers of the
/// torn lines. A missing file has no entries.
pub fn scan_trail(path: &Path, mut push: impl FnMut(AuditEntry)) -> std::io::Result<Vec<usize>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut torn = Vec::new();
    for (n, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<AuditEntry>(&line) {
            Ok(entry) => push(entry),
            Err(_) => {
                torn.push(n + 1);
                // A torn line followed by a record without a line break
                // between them: the record starts at its last `{"time":`.
                if let Some(entry) = line
                    .match_indices(RECORD_START)
                    .filter(|(i, _)| *i > 0)
                    .last()
                    .and_then(|(i, _)| serde_json::from_str::<AuditEntry>(&line[i..]).ok())
                {
                    push(entry);
                }
            }
        }
    }
    Ok(torn)
}

/// How every record begins (`time` is the first field of [`AuditEntry`]).
const RECORD_START: &str = "{\"time\":";

/// The time of an entry as RFC 3339 with seconds, for JSON output.
pub fn time_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
