//! The exactly-once guard for actions that change something in HubSoft.
//!
//! A double Enter, a key held down or a stale message must never send an
//! action twice: a second trust unlock uses up the subscriber's allowance,
//! a second disconnect drops the session the subscriber just re-opened.
//! [`InFlight`] therefore refuses a submission while the same action on the
//! same target is running, records how the last one ended, and after an
//! outcome that is *unknown* (timeout, gateway error, unreadable answer)
//! refuses again until the attendant says they checked. Nothing here ever
//! retries: there is no retry API at all.
//!
//! Pure state, no clock and no I/O, so `update` tests can drive it.

use std::collections::HashMap;

use crate::api::ApiError;
use crate::i18n::{Lang, Msg, tr, trf};

pub use crate::ops::actions::ActionKind;

/// What an action is about: its kind and the id it targets (service id for
/// service actions and new tickets, ticket id for edits, invoice id for
/// sends). Two different services of one customer are different keys, so
/// acting on one never blocks the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionKey {
    /// The action.
    pub kind: ActionKind,
    /// The target id.
    pub target: u64,
}

impl ActionKey {
    /// Shorthand constructor.
    pub fn new(kind: ActionKind, target: u64) -> ActionKey {
        ActionKey { kind, target }
    }
}

/// Proof of one submission, handed back with its result. A result carrying
/// the token of an older submission (possible only through a bug or a
/// reordered message) is ignored instead of overwriting the newer state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Submission {
    /// The action and target.
    pub key: ActionKey,
    serial: u64,
}

/// How an action ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted it; `msg` is its text (e.g. the unlock date).
    Done {
        /// The server's `msg`, verbatim, when it sent one.
        msg: Option<String>,
    },
    /// The server or the client refused it; nothing changed.
    Refused {
        /// Why, localized (the server's Portuguese text verbatim when it
        /// sent one).
        msg: String,
    },
    /// It may or may not have happened (timeout after sending, 502/504,
    /// unreadable answer): the attendant must check before repeating.
    Unknown,
}

impl Outcome {
    /// Classifies an API result ([`crate::ops::errors::classify`]): an
    /// error whose outcome is in doubt is [`Outcome::Unknown`], every other
    /// one a refusal with the shared text ([`crate::ops::errors::describe`])
    /// naming the action.
    pub fn from_result<T>(
        lang: Lang,
        kind: ActionKind,
        timeout_secs: u64,
        result: &Result<T, ApiError>,
        server_msg: impl FnOnce(&T) -> Option<String>,
    ) -> Outcome {
        use crate::ops::errors::{ErrorClass, ErrorContext, classify, describe};
        match result {
            Ok(v) => Outcome::Done { msg: server_msg(v) },
            Err(e) if classify(e) == ErrorClass::Unknown => Outcome::Unknown,
            Err(e) => Outcome::Refused {
                msg: describe(lang, e, ErrorContext::action(kind.msg(), timeout_secs)),
            },
        }
    }

    /// The line for the status bar or the form's banner.
    pub fn text(&self, lang: Lang, kind: ActionKind) -> String {
        let action = tr(lang, kind.msg());
        match self {
            Outcome::Done { msg: Some(m) } if !m.trim().is_empty() => trf(
                lang,
                Msg::ActionDoneWithMsg,
                &[
                    ("action", &action),
                    ("msg", &crate::sanitize::clean_line(m)),
                ],
            ),
            Outcome::Done { .. } => trf(lang, Msg::ActionDone, &[("action", &action)]),
            Outcome::Refused { msg } => msg.clone(),
            Outcome::Unknown => trf(lang, Msg::ActionUnknown, &[("action", &action)]),
        }
    }
}

/// Why a submission was refused before anything was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The same action on the same target is still running.
    InFlight,
    /// The last attempt's outcome is unknown and the attendant has not
    /// said they checked ([`InFlight::acknowledge_unknown`]).
    Unresolved,
}

impl Blocked {
    /// The status-line text for `kind`.
    pub fn text(self, lang: Lang, kind: ActionKind) -> String {
        let action = tr(lang, kind.msg());
        match self {
            Blocked::InFlight => trf(lang, Msg::ActionInFlight, &[("action", &action)]),
            Blocked::Unresolved => trf(lang, Msg::ActionUnknown, &[("action", &action)]),
        }
    }
}

/// The guard: which actions run, and how each key's last one ended.
#[derive(Debug, Clone, Default)]
pub struct InFlight {
    running: HashMap<ActionKey, u64>,
    last: HashMap<ActionKey, Outcome>,
    serial: u64,
}

impl InFlight {
    /// An empty guard.
    pub fn new() -> InFlight {
        InFlight::default()
    }

    /// Registers a submission of `key`, or says why it may not be sent.
    /// On `Ok` the caller sends the request and later calls
    /// [`InFlight::finish`] with the returned [`Submission`].
    pub fn begin(&mut self, key: ActionKey) -> Result<Submission, Blocked> {
        if self.running.contains_key(&key) {
            return Err(Blocked::InFlight);
        }
        if self.last.get(&key) == Some(&Outcome::Unknown) {
            return Err(Blocked::Unresolved);
        }
        self.serial += 1;
        self.running.insert(key, self.serial);
        self.last.remove(&key);
        Ok(Submission {
            key,
            serial: self.serial,
        })
    }

    /// Records the outcome of `submission`. Returns false (and changes
    /// nothing) when the submission is not the one running for its key.
    pub fn finish(&mut self, submission: Submission, outcome: Outcome) -> bool {
        if self.running.get(&submission.key) != Some(&submission.serial) {
            return false;
        }
        self.running.remove(&submission.key);
        self.last.insert(submission.key, outcome);
        true
    }

    /// Whether `key` is running (the form shows a spinner, keys are inert).
    pub fn is_running(&self, key: ActionKey) -> bool {
        self.running.contains_key(&key)
    }

    /// Whether anything is running (the loop keeps ticking the spinner).
    pub fn any_running(&self) -> bool {
        !self.running.is_empty()
    }

    /// How the last finished submission of `key` ended.
    pub fn outcome(&self, key: ActionKey) -> Option<&Outcome> {
        self.last.get(&key)
    }

    /// The attendant checked in HubSoft after an unknown outcome: a new
    /// submission becomes possible. Returns whether there was one to clear.
    pub fn acknowledge_unknown(&mut self, key: ActionKey) -> bool {
        if self.last.get(&key) == Some(&Outcome::Unknown) {
            self.last.remove(&key);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNLOCK: ActionKey = ActionKey {
        kind: ActionKind::TrustUnlock,
        target: 11000,
    };

    fn timeout() -> ApiError {
        ApiError::Network {
            route: "cliente/desbloqueio_confianca",
            timeout: true,
            sent: true,
            detail: "timed out".into(),
        }
    }

    #[test]
    fn a_second_submission_is_refused_while_the_first_runs() {
        let mut g = InFlight::new();
        let s = g.begin(UNLOCK).unwrap();
        assert!(g.is_running(UNLOCK) && g.any_running());
        // Double Enter and key repeat.
        assert_eq!(g.begin(UNLOCK), Err(Blocked::InFlight));
        assert_eq!(g.begin(UNLOCK), Err(Blocked::InFlight));
        // Another service of the same customer, or another action, is free.
        assert!(
            g.begin(ActionKey::new(ActionKind::TrustUnlock, 11001))
                .is_ok()
        );
        assert!(g.begin(ActionKey::new(ActionKind::ResetMac, 11000)).is_ok());
        assert!(g.finish(s, Outcome::Done { msg: None }));
        assert!(!g.is_running(UNLOCK));
        assert!(
            g.begin(UNLOCK).is_ok(),
            "a finished action may be sent again"
        );
    }

    #[test]
    fn unknown_outcome_blocks_until_acknowledged_and_never_retries() {
        let mut g = InFlight::new();
        let s = g.begin(UNLOCK).unwrap();
        let outcome =
            Outcome::from_result::<()>(Lang::PtBr, UNLOCK.kind, 20, &Err(timeout()), |_| None);
        assert_eq!(outcome, Outcome::Unknown);
        g.finish(s, outcome);
        assert!(
            !g.any_running(),
            "nothing was resent behind the attendant's back"
        );
        assert_eq!(g.outcome(UNLOCK), Some(&Outcome::Unknown));
        assert_eq!(g.begin(UNLOCK), Err(Blocked::Unresolved));
        assert_eq!(
            Blocked::Unresolved.text(Lang::PtBr, UNLOCK.kind),
            "Resultado desconhecido de desbloqueio em confiança: \
             confira no HubSoft antes de repetir"
        );
        assert!(g.acknowledge_unknown(UNLOCK));
        assert!(!g.acknowledge_unknown(UNLOCK));
        assert!(g.begin(UNLOCK).is_ok());
    }

    #[test]
    fn a_stale_result_cannot_overwrite_a_newer_submission() {
        let mut g = InFlight::new();
        let first = g.begin(UNLOCK).unwrap();
        assert!(g.finish(first, Outcome::Done { msg: None }));
        let second = g.begin(UNLOCK).unwrap();
        // The first result delivered again (duplicated message).
        assert!(!g.finish(first, Outcome::Unknown));
        assert!(g.is_running(UNLOCK));
        assert!(g.finish(second, Outcome::Done { msg: None }));
        assert!(!g.finish(second, Outcome::Unknown), "finished twice");
        assert_eq!(g.outcome(UNLOCK), Some(&Outcome::Done { msg: None }));
    }

    #[test]
    fn outcomes_classify_api_results() {
        let refused: Result<(), _> = Err(ApiError::Refused {
            route: "cliente/desbloqueio_confianca",
            msg: "Quantidade de dias excede o limite configurado".into(),
            errors: vec![],
        });
        let o = Outcome::from_result(Lang::PtBr, UNLOCK.kind, 20, &refused, |_| None);
        assert_eq!(
            o,
            Outcome::Refused {
                msg: "Recusado pelo servidor: Quantidade de dias excede o limite configurado"
                    .into()
            }
        );
        let forbidden: Result<(), _> = Err(ApiError::Forbidden {
            route: "cliente/reset_mac_addr",
            msg: None,
        });
        let o = Outcome::from_result(Lang::En, ActionKind::ResetMac, 20, &forbidden, |_| None);
        assert!(
            matches!(&o, Outcome::Refused { msg } if msg.starts_with("No permission for MAC reset")),
            "{o:?}"
        );
        // A connection that never opened did not reach the server: refused.
        let not_sent: Result<(), _> = Err(ApiError::Network {
            route: "x",
            timeout: false,
            sent: false,
            detail: "refused".into(),
        });
        assert!(matches!(
            Outcome::from_result(Lang::En, UNLOCK.kind, 20, &not_sent, |_| None),
            Outcome::Refused { .. }
        ));
        let gateway: Result<(), _> = Err(ApiError::Http {
            route: "x",
            status: 504,
            excerpt: "Gateway Timeout".into(),
        });
        assert_eq!(
            Outcome::from_result(Lang::En, UNLOCK.kind, 20, &gateway, |_| None),
            Outcome::Unknown
        );
        let ok: Result<&str, ApiError> = Ok("Desbloqueado até 30/11/2026");
        let o = Outcome::from_result(Lang::PtBr, UNLOCK.kind, 20, &ok, |m| Some(m.to_string()));
        assert_eq!(
            o.text(Lang::PtBr, UNLOCK.kind),
            "Concluído: desbloqueio em confiança — Desbloqueado até 30/11/2026"
        );
        assert_eq!(
            Outcome::Done { msg: None }.text(Lang::En, ActionKind::Disconnect),
            "Done: subscriber disconnection"
        );
    }

    #[test]
    fn only_service_actions_affect_the_connection() {
        let affecting: Vec<_> = ActionKind::ALL
            .into_iter()
            .filter(|k| k.affects_connection())
            .collect();
        assert_eq!(
            affecting,
            [
                ActionKind::TrustUnlock,
                ActionKind::ResetMac,
                ActionKind::ResetPhy,
                ActionKind::Disconnect,
                ActionKind::RebootCpe,
                ActionKind::RestoreCpe,
                ActionKind::EnableService,
                ActionKind::SuspendService,
                ActionKind::ActivateService,
            ]
        );
        assert!(ActionKind::CloseTicket.needs_confirmation());
        assert!(!ActionKind::SendInvoiceEmail.needs_confirmation());
    }
}
