//! Status-line messages: app state that clears itself at a deadline, or
//! stays (an action's result) until another replaces it; and the session's
//! message log, where every one of them is kept with its time. The status
//! line in `ui::widgets` and the log overlay draw them; `update()` sets
//! them.

use std::time::Instant;

/// How many messages the session's log keeps (the oldest go first).
pub const LOG_LEN: usize = 500;

/// How a status message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Neutral information ("Copied: boleto line").
    Info,
    /// Something worked.
    Ok,
    /// Something failed.
    Error,
}

/// A message for the status line that clears itself at `expires`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    /// Text, already localized.
    pub text: String,
    /// Look.
    pub kind: StatusKind,
    /// When it stops being shown; `None` while nothing replaces it (an
    /// action's result). The loop wakes up at the deadline to redraw;
    /// drawing itself reads no clock.
    pub expires: Option<Instant>,
}

impl StatusMessage {
    /// Whether the message is still shown at `now`.
    pub fn visible_at(&self, now: Instant) -> bool {
        self.expires.is_none_or(|e| now < e)
    }
}

/// One line of the session's message log (memory only, like the history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// When it was shown.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Its look on the status line.
    pub kind: StatusKind,
    /// The whole text.
    pub text: String,
}
