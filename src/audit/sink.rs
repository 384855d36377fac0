//! Where each audit line goes besides the local file: the systemd journal
//! or syslog, so a supervisor reads every attendant of a shared jump host
//! in one place (`audit_sink` in the config).
//!
//! The local JSON-lines file is always written first and stays the record
//! `hubdesk audit` reads; the sink gets the same line, field for field, as
//! structured data:
//!
//! - **journald**: the native protocol, one datagram per line on
//!   `/run/systemd/journal/socket`: `MESSAGE`, `PRIORITY`,
//!   `SYSLOG_IDENTIFIER=hubdesk`, and one `HUBDESK_<FIELD>` per field of
//!   the JSON line (`HUBDESK_ACTION`, `HUBDESK_SERVICE`, ...).
//! - **syslog**: RFC 5424 over `/dev/log`, the fields as the parameters of
//!   one STRUCTURED-DATA element `[hubdesk@32473 ...]` (32473 is the
//!   enterprise number RFC 5612 sets aside for documentation: hubdesk has
//!   no registered one).
//!
//! The fields are taken from the serialized [`AuditEntry`], never from
//! anywhere else, so a sink carries exactly what the file does: ids, the
//! attendant, profile and host, and the server's sanitized `msg`, never a
//! secret. Both encoders are small and written here: the crates that send
//! to journald are `log`/`tracing` back ends that drop send errors (an
//! audit line that could not be delivered must refuse the action) or
//! hard-code the socket, and the syslog crates bring their own formatting
//! and dependencies for what is one line of text.

use std::io;
#[cfg(unix)]
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::SecondsFormat;
use serde_json::Value;

use super::{AuditEntry, Outcome, Phase};

/// The journal's native socket.
pub const JOURNALD_SOCKET: &str = "/run/systemd/journal/socket";

/// The local syslog socket.
pub const SYSLOG_SOCKET: &str = "/dev/log";

/// Environment variable replacing the sink's socket path (tests,
/// containers with the socket elsewhere).
pub const ENV_AUDIT_SOCKET: &str = "HUBDESK_AUDIT_SOCKET";

/// The values `audit_sink` accepts.
pub const SINK_NAMES: [&str; 3] = ["file", "journald", "syslog"];

/// The STRUCTURED-DATA id of the syslog element.
pub const SYSLOG_SD_ID: &str = "hubdesk@32473";

/// How long a send may wait for a full socket queue before the line counts
/// as not taken (and the action as not sent).
const SEND_TIMEOUT: Duration = Duration::from_secs(2);

/// Syslog facility `user` (1), shifted into the PRI value.
const FACILITY_USER: u8 = 1 << 3;

/// Where audit lines go besides the local file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Sink {
    /// The local file only.
    #[default]
    File,
    /// The systemd journal, native protocol, at `socket`.
    Journald {
        /// The journal's datagram socket.
        socket: PathBuf,
    },
    /// Syslog, RFC 5424, at `socket`.
    Syslog {
        /// The syslog datagram socket.
        socket: PathBuf,
    },
}

impl Sink {
    /// The sink called `name` (one of [`SINK_NAMES`]; `None` is the file
    /// alone), its socket at `socket` when given (from
    /// [`ENV_AUDIT_SOCKET`]), else the system's. `None` for any other name.
    pub fn from_setting(name: Option<&str>, socket: Option<PathBuf>) -> Option<Sink> {
        match name.map(str::trim) {
            None | Some("file") => Some(Sink::File),
            Some("journald") => Some(Sink::Journald {
                socket: socket.unwrap_or_else(|| JOURNALD_SOCKET.into()),
            }),
            Some("syslog") => Some(Sink::Syslog {
                socket: socket.unwrap_or_else(|| SYSLOG_SOCKET.into()),
            }),
            Some(_) => None,
        }
    }

    /// `file`, `journald` or `syslog`.
    pub fn name(&self) -> &'static str {
        match self {
            Sink::File => "file",
            Sink::Journald { .. } => "journald",
            Sink::Syslog { .. } => "syslog",
        }
    }

    /// The socket lines are sent to, if any.
    pub fn socket(&self) -> Option<&Path> {
        match self {
            Sink::File => None,
            Sink::Journald { socket } | Sink::Syslog { socket } => Some(socket),
        }
    }

    /// Sends `entry` as one datagram. An error (no socket, a refused or
    /// cut send, a queue full for [`SEND_TIMEOUT`]) names the sink and its
    /// socket.
    pub(super) fn send(&self, entry: &AuditEntry) -> io::Result<()> {
        let (socket, bytes) = match self {
            Sink::File => return Ok(()),
            Sink::Journald { socket } => (socket, journald_record(entry)),
            Sink::Syslog { socket } => (
                socket,
                syslog_record(entry, &hostname(), std::process::id()).into_bytes(),
            ),
        };
        let context = |e: io::Error| {
            io::Error::new(
                e.kind(),
                format!("{} ({}): {e}", self.name(), socket.display()),
            )
        };
        #[cfg(not(unix))]
        return Err(context(io::ErrorKind::Unsupported.into()));
        #[cfg(unix)]
        let sent = {
            let out = UnixDatagram::unbound().map_err(context)?;
            out.set_write_timeout(Some(SEND_TIMEOUT)).map_err(context)?;
            out.send_to(&bytes, socket).map_err(context)?
        };
        if sent != bytes.len() {
            return Err(context(io::Error::new(
                io::ErrorKind::WriteZero,
                format!("only {sent} of {} bytes were sent", bytes.len()),
            )));
        }
        Ok(())
    }
}

/// The fields of the JSON line, by name, in name order, without the
/// absent ones: what both sinks carry. Numbers as decimal text.
pub(super) fn fields(entry: &AuditEntry) -> Vec<(String, String)> {
    let Ok(Value::Object(map)) = serde_json::to_value(entry) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = map
        .into_iter()
        .filter_map(|(k, v)| match v {
            Value::Null => None,
            Value::String(s) => Some((k, s)),
            other => Some((k, other.to_string())),
        })
        .collect();
    out.sort();
    out
}

/// Syslog severity of a line: informational for an attempt and a success,
/// notice for a refusal, warning for a failure or an unknown outcome.
pub(super) fn severity(entry: &AuditEntry) -> u8 {
    match (entry.phase, entry.outcome) {
        (_, Some(Outcome::Refused)) => 5,
        (_, Some(Outcome::Failed | Outcome::Unknown)) => 4,
        (Phase::Attempt, _) | (_, Some(Outcome::Ok)) | (Phase::Outcome, None) => 6,
    }
}

/// The human line of a record (journald `MESSAGE`, syslog `MSG`):
/// `trust_unlock attempt (customer 1006, service 100024)`,
/// `trust_unlock ok (...)`. ASCII only: names stay in the fields.
pub(super) fn summary_line(entry: &AuditEntry) -> String {
    let a = &entry.attempt;
    let what = match (entry.phase, entry.outcome) {
        (Phase::Attempt, _) | (Phase::Outcome, None) => "attempt",
        (_, Some(Outcome::Ok)) => "ok",
        (_, Some(Outcome::Refused)) => "refused",
        (_, Some(Outcome::Failed)) => "failed",
        (_, Some(Outcome::Unknown)) => "unknown",
    };
    let ids: Vec<String> = [
        ("customer", a.customer),
        ("service", a.service),
        ("invoice", a.invoice),
        ("ticket", a.ticket),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
    .collect();
    let action: String = a
        .action
        .chars()
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect();
    if ids.is_empty() {
        format!("{action} {what}")
    } else {
        format!("{action} {what} ({})", ids.join(", "))
    }
}

/// One journal entry in the native protocol: `KEY=value` lines, or for a
/// value holding a line break `KEY`, a newline, its length as 64-bit
/// little-endian, the value and a newline.
pub(super) fn journald_record(entry: &AuditEntry) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    let mut field = |key: &str, value: &str| {
        out.extend_from_slice(key.as_bytes());
        if value.contains('\n') {
            out.push(b'\n');
            out.extend_from_slice(&(value.len() as u64).to_le_bytes());
            out.extend_from_slice(value.as_bytes());
        } else {
            out.push(b'=');
            out.extend_from_slice(value.as_bytes());
        }
        out.push(b'\n');
    };
    field("MESSAGE", &summary_line(entry));
    field("PRIORITY", &severity(entry).to_string());
    field("SYSLOG_IDENTIFIER", "hubdesk");
    for (key, value) in fields(entry) {
        field(&format!("HUBDESK_{}", key.to_ascii_uppercase()), &value);
    }
    out
}

/// One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME hubdesk PROCID MSGID
/// [hubdesk@32473 field="value" ...] MSG`, facility `user`, MSGID the
/// phase (`attempt`, `outcome`).
pub(super) fn syslog_record(entry: &AuditEntry, hostname: &str, pid: u32) -> String {
    let pri = FACILITY_USER + severity(entry);
    let time = entry.time.to_rfc3339_opts(SecondsFormat::Micros, true);
    let msgid = match entry.phase {
        Phase::Attempt => "attempt",
        Phase::Outcome => "outcome",
    };
    let mut sd = format!("[{SYSLOG_SD_ID}");
    for (name, value) in fields(entry) {
        sd.push(' ');
        sd.push_str(&name);
        sd.push_str("=\"");
        for c in value.chars() {
            // RFC 5424 §6.3.3: these three are escaped in a PARAM-VALUE.
            if matches!(c, '"' | '\\' | ']') {
                sd.push('\\');
            }
            sd.push(c);
        }
        sd.push('"');
    }
    sd.push(']');
    format!(
        "<{pri}>1 {time} {host} hubdesk {pid} {msgid} {sd} {msg}",
        host = header_field(hostname, 255),
        msg = summary_line(entry)
    )
}

/// A header field as RFC 5424 allows it (printable ASCII, no space, at
/// most `max` characters), else the nil value `-`.
fn header_field(value: &str, max: usize) -> &str {
    if !value.is_empty() && value.len() <= max && value.bytes().all(|b| b.is_ascii_graphic()) {
        value
    } else {
        "-"
    }
}

/// This machine's name (`gethostname`), or `-`.
#[cfg(not(unix))]
pub(super) fn hostname() -> String {
    "-".to_owned()
}

/// This machine's name (`gethostname`), or `-`.
#[cfg(unix)]
pub(super) fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at
    // most that many bytes.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "-".to_owned();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).into_owned();
    header_field(&name, 255).to_owned()
}

#[cfg(test)]
mod tests;
