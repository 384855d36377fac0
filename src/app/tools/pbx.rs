//! The PBX: HubSoft's call pop-up for the attendant, and screen pops.
//!
//! **Notify and missed.** From the customer view (or this screen, while a
//! customer is open behind it) `n` posts `pbx/ligacao/notificar` with the
//! profile's `ramal` or `internal_id`, the customer code and the caller's
//! phone; `M` posts `pbx/ligacao/cancelar` (missed call). They write to
//! HubSoft, not to the subscriber's service: no confirmation, but they go
//! through [`super::super::actions::send`] (read-only check, exactly-once
//! guard, audit trail, never retried). Without an extension or internal id
//! the keys say how to configure one instead of sending.
//!
//! **Screen pops.** [`Msg::ScreenPop`](super::super::Msg::ScreenPop)
//! carries a caller's phone (from the local socket, e.g. `hubdesk call`).
//! The console searches it like the search box would with the phone kind:
//! one customer opens, several are listed on the search screen, none is
//! said on the status line. A pop never destroys what the attendant is
//! typing: while a form, dialog or the palette is open, the pop waits on
//! this screen (the status line says so) and `X` then `Enter` runs it
//! when the attendant is ready. The same holds when the answer arrives
//! after a form was opened. Every pop of the session is listed here with
//! what happened, newest first; `Enter` repeats the selected one's search.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, KeyEventKind};
use tui_input::Input;

use crate::api::{CustomerSearchBy, PbxCall};
use crate::br::phone;
use crate::i18n::{Msg as T, tr, trf};

use super::super::actions;
use super::super::confirm::{ActionRequest, ActionTarget};
use super::super::inflight::ActionKind;
use super::super::keymap::{Action, Context};
use super::super::status::StatusKind;
use super::super::{App, Changed, CustomerView, Effect, HistoryEntry, SearchFocus};
use super::move_selection;

/// How many pops the screen remembers.
pub const RECENT: usize = 20;

/// What a screen pop led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopOutcome {
    /// Its search is running.
    Searching,
    /// It waits for the attendant (a form or dialog was open).
    Waiting,
    /// Exactly one customer: opened.
    Opened {
        /// `codigo_cliente`.
        code: u64,
        /// Name, sanitized.
        name: String,
    },
    /// Several customers, listed on the search screen.
    Matches(usize),
    /// Nobody has that phone.
    NoMatch,
    /// The search failed (localized reason).
    Failed(String),
    /// The attendant searched something else before the answer came.
    Replaced,
}

/// One incoming call of this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopRecord {
    /// When it arrived.
    pub at: DateTime<Utc>,
    /// The caller's phone, national digits.
    pub phone: String,
    /// What happened.
    pub outcome: PopOutcome,
    /// The search it waits for.
    seq: Option<u64>,
}

/// The PBX screen and the pops of the session (memory only).
#[derive(Debug, Default)]
pub struct PbxState {
    /// The pops, newest first.
    pub pops: Vec<PopRecord>,
    /// Selected pop.
    pub selected: usize,
    /// The customer a pop opened and the phone that called: notify sends
    /// that phone rather than one from the record.
    pub caller: Option<(u64, String)>,
    /// The search a pop waits for.
    awaiting: Option<u64>,
}

/// The screen needs nothing from the server.
pub fn opened(_app: &mut App) {}

/// The extension and internal id of the profile (blank counts as unset).
pub fn target_ids(app: &App) -> (Option<String>, Option<String>) {
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    (clean(&app.settings.ramal), clean(&app.settings.internal_id))
}

/// The phone notify sends for `view`: the caller's when a pop opened this
/// customer, else the first mobile on file, else the first phone.
pub fn call_phone(app: &App, view: &CustomerView) -> Option<String> {
    if let Some((code, phone)) = &app.tools.pbx.caller
        && *code == view.code
    {
        return Some(phone.clone());
    }
    let phones = view
        .customer
        .data
        .as_ref()
        .map(|c| c.phones())
        .unwrap_or_default();
    phones
        .iter()
        .find(|p| phone::parse(p).is_ok_and(|p| p.is_mobile()))
        .or(phones.first())
        .map(|p| phone::normalize(p))
        .filter(|p| !p.is_empty())
}

/// What a PBX action names: the customer and its code.
fn target(view: &CustomerView) -> ActionTarget {
    ActionTarget {
        customer_name: view
            .customer
            .data
            .as_ref()
            .and_then(|c| c.display_name())
            .map(|n| crate::sanitize::clean_line(n).into_owned())
            .unwrap_or_default(),
        customer_code: Some(view.code.to_string()),
        ..ActionTarget::default()
    }
}

/// The PBX keys (`L`, `M`): asks to confirm notify or missed for the open
/// customer, or says why not (read-only, nothing configured, no customer).
pub fn send(app: &mut App, action: Action) -> Changed {
    let lang = app.lang();
    if app.settings.read_only || !app.keymap.allows(action) {
        app.set_status(
            StatusKind::Error,
            crate::ops::actions::read_only_refusal(lang).to_owned(),
        );
        return Changed::Yes;
    }
    let (ramal, ident) = target_ids(app);
    if ramal.is_none() && ident.is_none() {
        // Too long for the status line: the whole sentence in a notice.
        let text = trf(
            lang,
            T::PbxNotConfigured,
            &[("profile", &app.settings.profile)],
        );
        app.set_status(StatusKind::Error, text.clone());
        app.overlay = Some(actions::Overlay::Notice {
            kind: if action == Action::PbxMissed {
                ActionKind::PbxMissed
            } else {
                ActionKind::PbxNotify
            },
            target: app.view.as_ref().map(target).unwrap_or_default(),
            text,
        });
        return Changed::Yes;
    }
    let Some(view) = app.view.as_ref() else {
        app.set_status(StatusKind::Error, tr(lang, T::PbxNeedsCustomer).to_owned());
        return Changed::Yes;
    };
    let call = PbxCall {
        ramal,
        identificador_interno: ident,
        codigo_cliente: Some(view.code),
        id_cliente: None,
        telefone: call_phone(app, view),
    };
    let target = target(view);
    let request = if action == Action::PbxMissed {
        ActionRequest::PbxMissed(call)
    } else {
        ActionRequest::PbxNotify(call)
    };
    // It writes to HubSoft, and L and M start many names: like every
    // other write it waits for a deliberate confirmation (issue 13).
    app.overlay = Some(actions::confirm_overlay(app, request, target, None));
    Changed::Yes
}

/// Whether the attendant is in the middle of something a pop must not
/// take away: a form, a dialog, a result, the palette.
fn busy(app: &App) -> bool {
    app.overlay.is_some() || app.palette.is_some()
}

fn pbx_key_label(app: &App) -> String {
    app.keymap
        .keys_for(Action::Pbx)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

fn shown_phone(app: &App, digits: &str) -> String {
    if app.settings.privacy {
        crate::mask::phone(digits)
    } else {
        phone::display(digits).into_owned()
    }
}

/// A screen pop: `raw` is the caller's number (any punctuation, an
/// optional +55). Searches it now, or queues it when the attendant is busy.
pub fn on_pop(app: &mut App, raw: &str, fx: &mut Vec<Effect>) -> Changed {
    let digits = phone::normalize(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        tracing::warn!("screen pop without a phone number ignored");
        return Changed::No;
    }
    let state = &mut app.tools.pbx;
    state.pops.insert(
        0,
        PopRecord {
            at: app.now,
            phone: digits,
            outcome: PopOutcome::Waiting,
            seq: None,
        },
    );
    state.pops.truncate(RECENT);
    state.selected = 0;
    if busy(app) {
        queued_status(app, 0);
        return Changed::Yes;
    }
    run(app, 0, fx);
    Changed::Yes
}

fn queued_status(app: &mut App, index: usize) {
    let Some(pop) = app.tools.pbx.pops.get(index) else {
        return;
    };
    let text = trf(
        app.lang(),
        T::PbxPopQueuedStatus,
        &[
            ("phone", &shown_phone(app, &pop.phone)),
            ("key", &pbx_key_label(app)),
        ],
    );
    app.set_status(StatusKind::Info, text);
}

/// Runs the search of pop `index` (the search box shows the phone).
fn run(app: &mut App, index: usize, fx: &mut Vec<Effect>) {
    let Some(phone) = app.tools.pbx.pops.get(index).map(|p| p.phone.clone()) else {
        return;
    };
    app.help = None;
    let text = phone::display(&phone).into_owned();
    app.search.input = Input::new(text.clone());
    app.search.forced = Some(CustomerSearchBy::Phone);
    app.push_history(HistoryEntry::Search {
        kind: CustomerSearchBy::Phone,
        text: text.clone(),
    });
    super::super::send_search(app, CustomerSearchBy::Phone, text, fx);
    let seq = app.search.results.pending;
    let state = &mut app.tools.pbx;
    if let Some(pop) = state.pops.get_mut(index) {
        pop.outcome = PopOutcome::Searching;
        pop.seq = seq;
    }
    state.awaiting = seq;
}

/// The search in flight was cancelled (its text was edited): a pop
/// waiting for it was replaced.
pub(crate) fn search_cancelled(app: &mut App) {
    let state = &mut app.tools.pbx;
    if let Some(awaiting) = state.awaiting.take()
        && let Some(pop) = state.pops.iter_mut().find(|p| p.seq == Some(awaiting))
    {
        pop.outcome = PopOutcome::Replaced;
    }
}

/// Called with every accepted search answer: whether it answers a pop.
/// A pop whose search the attendant replaced is marked so.
pub(crate) fn answers_pop(app: &mut App, seq: u64) -> bool {
    let state = &mut app.tools.pbx;
    let Some(awaiting) = state.awaiting else {
        return false;
    };
    state.awaiting = None;
    if awaiting == seq {
        return true;
    }
    if let Some(pop) = state.pops.iter_mut().find(|p| p.seq == Some(awaiting)) {
        pop.outcome = PopOutcome::Replaced;
    }
    false
}

/// A pop's search answered (already stored in `app.search.results`):
/// one customer opens, several go to the search screen, none is said.
pub(crate) fn on_answer(app: &mut App, seq: u64, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let Some(index) = app.tools.pbx.pops.iter().position(|p| p.seq == Some(seq)) else {
        return Changed::Yes;
    };
    let digits = app.tools.pbx.pops[index].phone.clone();
    let shown = shown_phone(app, &digits);
    let results = &app.search.results;
    let (outcome, status) = if let Some(e) = &results.error {
        (
            PopOutcome::Failed(e.clone()),
            (StatusKind::Error, e.clone()),
        )
    } else {
        let list = results.data.clone().unwrap_or_default();
        match list.len() {
            0 => (
                PopOutcome::NoMatch,
                (
                    StatusKind::Info,
                    trf(lang, T::PbxPopNoneStatus, &[("phone", &shown)]),
                ),
            ),
            _ if busy(app) => {
                app.tools.pbx.pops[index].outcome = PopOutcome::Waiting;
                queued_status(app, index);
                return Changed::Yes;
            }
            1 => {
                let c = list[0].clone();
                let code = c.codigo_cliente.unwrap_or(0);
                let name = c
                    .display_name()
                    .map(|n| crate::sanitize::clean_line(n).into_owned())
                    .unwrap_or_default();
                // The service whose ticket contact is calling gets selected.
                let pick = Some((crate::api::CustomerSearchBy::Phone, digits.clone()));
                super::super::open_customer_matching(app, c, pick, fx);
                app.tools.pbx.caller = Some((code, digits.clone()));
                (
                    PopOutcome::Opened { code, name },
                    (
                        StatusKind::Ok,
                        trf(lang, T::PbxPopOpenedStatus, &[("phone", &shown)]),
                    ),
                )
            }
            n => {
                // The customer on screen keeps its tab (issue 18).
                super::super::park_view(app, fx);
                app.search.focus.0 = SearchFocus::List;
                app.search.show_history = false;
                (
                    PopOutcome::Matches(n),
                    (
                        StatusKind::Info,
                        trf(
                            lang,
                            T::PbxPopMatchesStatus,
                            &[("phone", &shown), ("count", &n)],
                        ),
                    ),
                )
            }
        }
    };
    app.tools.pbx.pops[index].outcome = outcome;
    app.set_status(status.0, status.1);
    Changed::Yes
}

/// A key on the PBX screen. Notify and missed are the customer view's keys
/// (remapped there, remapped here); `Enter` repeats the selected pop.
pub fn key(app: &mut App, key: KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    // A held key must not send twice (the loop drops repeats of the
    // actions it dispatched; these are dispatched here).
    if key.kind != KeyEventKind::Repeat
        && let Some(a @ (Action::PbxNotify | Action::PbxMissed)) =
            app.keymap.dispatch(&key, &[Context::Subscriber], false)
    {
        return send(app, a);
    }
    let Some(action) = action else {
        return Changed::No;
    };
    let page = super::super::page(app);
    let state = &mut app.tools.pbx;
    match action {
        Action::Back => super::close(app),
        Action::Open if !state.pops.is_empty() => {
            let i = state.selected.min(state.pops.len() - 1);
            if busy(app) {
                return Changed::No;
            }
            run(app, i, fx);
            Changed::Yes
        }
        nav => match move_selection(nav, state.selected, state.pops.len(), page) {
            Some(to) if to != state.selected => {
                state.selected = to;
                Changed::Yes
            }
            _ => Changed::No,
        },
    }
}
