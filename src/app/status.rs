//! Status-line messages: app state that clears itself at a deadline. The
//! status line in `ui::widgets` draws them; `update()` sets them.

use std::time::Instant;

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
    /// When it stops being shown. The loop should wake up then to redraw
    /// (see [`StatusMessage::expires`]); drawing itself reads no clock.
    pub expires: Instant,
}

impl StatusMessage {
    /// Whether the message is still shown at `now`.
    pub fn visible_at(&self, now: Instant) -> bool {
        now < self.expires
    }
}
