//! The state machine of the console: state, messages, `update`, and the key
//! bindings it dispatches. Holds no terminal and no sockets.
//!
//! [`update`] is a plain function: it reads one [`Msg`] (a key, a paste, a
//! request's result), changes [`App`] and returns the [`Effect`]s to run.
//! The [`runner`] turns a fetch effect into one tokio task whose result
//! comes back as [`Msg::Fetched`]. Every request carries a [`ReqId`]: the
//! customer view it belongs to and a sequence number, so a result lands in
//! its customer's tab (on screen or parked, see [`tabs`]), and a result for
//! a view whose tab was closed, or for a request a newer one replaced, is
//! dropped.

#![warn(missing_docs)]

pub mod actions;
pub mod confirm;
mod customer;
pub mod forms;
pub mod inflight;
pub mod keymap;
mod keys;
mod msg;
pub mod noc;
pub mod palette;
mod replies;
pub mod results;
pub mod runner;
pub mod scroll;
mod search;
mod state;
pub mod status;
pub mod tabs;
pub mod tools;
pub mod typeahead;
pub mod watch;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::i18n::{Lang, Msg as T, trf};

pub use customer::{CustomerView, PaneKey, open_customer, open_customer_matching};
pub use msg::{Changed, Effect, Msg, Reply, ReqId, Request, SEARCH_VIEW, Slot, ViewId};
pub use search::{Prefetch, SearchFocus, SearchFocusState, SearchState, search_pick};
pub use state::{
    HISTORY_LEN, HistoryEntry, LIST_LIMIT, MIN_HEIGHT, MIN_WIDTH, Pane, Remote, SEARCH_LIMIT,
    STATUS_TTL, Screen, Settings, WIDE_FROM,
};

// Also reached from the actions and the tool screens as `super::…`.
use customer::{park_view, refresh_slot};
use keys::{moved, on_key, page};
use replies::on_reply;
use search::{cancel_edited_search, send_search};

use keymap::{Context, Keymap};
use status::{StatusKind, StatusMessage};

/// The console's whole state.
#[derive(Debug)]
pub struct App {
    /// Session settings.
    pub settings: Settings,
    /// Effective key bindings.
    pub keymap: Keymap,
    /// What is on screen.
    pub screen: Screen,
    /// The search screen.
    pub search: SearchState,
    /// The customer of the tab on screen: on the customer screen, or
    /// under a tool screen opened from it. `None` on the search screen.
    pub view: Option<CustomerView>,
    /// The other open customers, parked, and the order of the tab strip
    /// (issue 18; see [`tabs`]).
    pub tabs: tabs::Tabs,
    /// Searches and customers of this session, newest first.
    pub history: Vec<HistoryEntry>,
    /// The help overlay's scroll, when it is open.
    pub help: Option<scroll::Scroll>,
    /// The latest status message.
    pub status: Option<StatusMessage>,
    /// Every status message of the session, oldest first (at most
    /// [`status::LOG_LEN`]); memory only.
    pub log: Vec<status::LogEntry>,
    /// Animation counter (spinners).
    pub tick: u64,
    /// Terminal size, for page moves and layout.
    pub size: (u16, u16),
    /// Wall-clock time for "há 3 dias" and overdue days; the loop sets it
    /// before each message so drawing reads no clock (and tests fix it).
    pub now: chrono::DateTime<chrono::Utc>,
    /// Monotonic time of the message being handled: the loop sets it
    /// before each message (like [`App::now`]), and tests step it, so the
    /// pace of keys reaches `update` without a clock read. Confirmations
    /// use it to tell a deliberate key from typing (see
    /// [`confirm::Choice`]).
    pub instant: Instant,
    /// When the previous key or paste was handled.
    last_input: Option<Instant>,
    /// The action form, dialog, result, copy menu or audit list on top.
    pub overlay: Option<actions::Overlay>,
    /// The exactly-once guard of actions.
    pub inflight: inflight::InFlight,
    /// Submissions awaiting their answer.
    pub pending: HashMap<inflight::ActionKey, actions::Pending>,
    /// The tool screens' state.
    pub tools: tools::ToolsState,
    /// The command palette, when open.
    pub palette: Option<palette::Palette>,
    /// Instant type-ahead over the local index (off unless enabled).
    pub typeahead: typeahead::Typeahead,
    /// The NOC command that has the terminal (`interactive`), by run id
    /// and name, until it ends.
    noc_interactive: Option<(u64, String)>,
    next_view: ViewId,
    next_seq: u64,
}

impl App {
    /// A fresh console on the search screen.
    pub fn new(settings: Settings, keymap: Keymap) -> App {
        App {
            settings,
            keymap,
            screen: Screen::Search,
            search: SearchState::default(),
            view: None,
            tabs: tabs::Tabs::default(),
            history: Vec::new(),
            help: None,
            status: None,
            log: Vec::new(),
            tick: 0,
            size: (80, 24),
            now: chrono::Utc::now(),
            instant: Instant::now(),
            last_input: None,
            overlay: None,
            inflight: inflight::InFlight::new(),
            pending: HashMap::new(),
            tools: tools::ToolsState::default(),
            palette: None,
            typeahead: typeahead::Typeahead::default(),
            noc_interactive: None,
            next_view: SEARCH_VIEW + 1,
            next_seq: 1,
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Whether a spinner is visible (the loop ticks only then).
    pub fn animating(&self) -> bool {
        self.search.results.loading()
            || self.view.as_ref().is_some_and(CustomerView::loading)
            || self.inflight.any_running()
            || self.tools.loading()
            // A NOC command's elapsed time turns.
            || matches!(&self.overlay, Some(actions::Overlay::Command(r)) if r.running())
    }

    /// The active keymap contexts and whether a text field has focus.
    pub fn contexts(&self) -> (&'static [Context], bool) {
        if let Some(overlay) = &self.overlay {
            return actions::contexts(overlay);
        }
        if self.palette.is_some() {
            return (&[Context::Global], true);
        }
        if self.help.is_some() {
            return (&[Context::Navigation], false);
        }
        self.screen_contexts()
    }

    /// The contexts of the screen itself, under any help, palette or
    /// overlay: what a key would do there once they close. The help and
    /// the palette show only the keys that work on that screen.
    pub fn screen_contexts(&self) -> (&'static [Context], bool) {
        if let Screen::Tool(tool) = self.screen {
            return tools::contexts(self, tool);
        }
        match (self.screen, &self.view) {
            (Screen::Customer, Some(view)) => (view.focus.contexts(), false),
            _ => match self.search.focus.0 {
                SearchFocus::Input => (&[Context::Search], true),
                SearchFocus::List => (&[Context::Search, Context::Navigation], false),
            },
        }
    }

    /// Shows a status message that clears itself, and logs it.
    pub fn set_status(&mut self, kind: StatusKind, text: String) {
        self.show(kind, text, Some(Instant::now() + STATUS_TTL));
    }

    /// Shows an action's result: it stays until another message replaces
    /// it (the attendant may be talking to the customer), and is logged.
    pub fn set_result(&mut self, kind: StatusKind, text: String) {
        self.show(kind, text, None);
    }

    fn show(&mut self, kind: StatusKind, text: String, expires: Option<Instant>) {
        self.record(kind, text.clone());
        self.status = Some(StatusMessage {
            text,
            kind,
            expires,
        });
    }

    /// Adds a line to the session's message log (the oldest go beyond
    /// [`status::LOG_LEN`]), without touching the status line.
    fn record(&mut self, kind: StatusKind, text: String) {
        if self.log.len() >= status::LOG_LEN {
            self.log.remove(0);
        }
        self.log.push(status::LogEntry {
            at: self.now,
            kind,
            text,
        });
    }

    /// The time since the previous key or paste (`None` for the first),
    /// and this message becomes the previous one.
    fn input_gap(&mut self) -> Option<Duration> {
        let gap = self
            .last_input
            .map(|t| self.instant.saturating_duration_since(t));
        self.last_input = Some(self.instant);
        gap
    }

    /// The next instant at which the screen changes by itself without a
    /// message: a confirmation becoming able to confirm, a watch's read
    /// falling due or its countdown turning. The loop wakes up then with
    /// a [`Msg::Tick`].
    pub fn wake_at(&self) -> Option<Instant> {
        let armed = match &self.overlay {
            Some(actions::Overlay::Confirm { choice, .. })
            | Some(actions::Overlay::Acknowledge { choice, .. })
            | Some(actions::Overlay::Quit { choice, .. }) => {
                Some(choice.armed_at()).filter(|t| *t > self.instant)
            }
            _ => None,
        };
        // Every tab's watches, parked ones too.
        let watch = tabs::views(self)
            .filter_map(|v| v.watch.wake_at(self.instant, &self.settings.watch))
            .min();
        armed.into_iter().chain(watch).min()
    }

    /// A new NOC command run's id (unique in the session).
    fn next_run(&mut self) -> u64 {
        self.seq()
    }

    fn seq(&mut self) -> u64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    /// The localized text of an API error.
    pub fn error_text(&self, err: &ApiError) -> String {
        error_text(self.settings.lang, err, self.settings.timeout_secs)
    }

    fn push_history(&mut self, entry: HistoryEntry) {
        self.history.retain(|e| e != &entry);
        // A customer opened twice in a row under a new name still counts once.
        if let HistoryEntry::Customer { code, .. } = &entry {
            let code = *code;
            self.history
                .retain(|e| !matches!(e, HistoryEntry::Customer { code: c, .. } if *c == code));
        }
        self.history.insert(0, entry.clone());
        let is_search = matches!(entry, HistoryEntry::Search { .. });
        let same_kind: Vec<usize> = self
            .history
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, HistoryEntry::Search { .. }) == is_search)
            .map(|(i, _)| i)
            .collect();
        if same_kind.len() > HISTORY_LEN {
            let oldest = same_kind[same_kind.len() - 1];
            self.history.remove(oldest);
        }
    }
}

/// The localized text of a read's API error ([`crate::ops::errors::describe`],
/// the one mapping the action results and the CLI use too); `timeout_secs`
/// fills the timeout message.
pub fn error_text(lang: Lang, err: &ApiError, timeout_secs: u64) -> String {
    crate::ops::errors::describe(
        lang,
        err,
        crate::ops::errors::ErrorContext::read(timeout_secs),
    )
}

/// Applies one message; returns the effects to run and whether to redraw.
pub fn update(app: &mut App, msg: Msg) -> (Vec<Effect>, Changed) {
    let mut fx = Vec::new();
    // What the search box says before a key or paste, to tell an edit.
    let typed = matches!(msg, Msg::Key(_) | Msg::Paste(_)).then(|| {
        (
            app.search.effective().0,
            app.search.input.value().to_owned(),
        )
    });
    let changed = match msg {
        Msg::Key(key) => {
            let gap = app.input_gap();
            on_key(app, key, gap, &mut fx)
        }
        Msg::Paste(text) => {
            app.input_gap();
            if actions::paste_over_dialog(app) {
                Changed::Yes
            } else if let Some(actions::Overlay::Form {
                form, busy: None, ..
            }) = app.overlay.as_mut()
            {
                if form.handle_paste(&text) {
                    Changed::Yes
                } else {
                    Changed::No
                }
            } else if let Some(palette) = app.palette.as_mut() {
                let clean: String = text.chars().filter(|c| !c.is_control()).collect();
                forms::insert_text(&mut palette.input, &clean);
                palette.selected = 0;
                Changed::Yes
            } else if app.screen == Screen::Search && app.search.focus.0 == SearchFocus::Input {
                let clean: String = text.chars().filter(|c| !c.is_control()).collect();
                app.search.forced = None;
                if std::mem::take(&mut app.search.selected_all) {
                    app.search.input.reset();
                }
                forms::insert_text(&mut app.search.input, &clean);
                Changed::Yes
            } else if let Screen::Tool(tool) = app.screen {
                tools::paste(app, tool, &text, &mut fx)
            } else {
                Changed::No
            }
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Changed::Yes
        }
        Msg::Tick => {
            app.tick = app.tick.wrapping_add(1);
            // Watches run on ticks: their reads, countdown and limit.
            watch::on_tick(app, &mut fx);
            Changed::Yes
        }
        Msg::Fetched { req, reply } => {
            // A read that fails goes to the message log too, whichever
            // tab it belongs to.
            let before = status::failed_reads(app, req.view);
            let shown = app.view.as_ref().map(|v| v.id);
            let changed = on_reply(app, req, reply, &mut fx);
            // A search that opened a customer may bring its lists' answers.
            let of = match app.view.as_ref().map(|v| v.id) {
                Some(id) if req.view == SEARCH_VIEW && Some(id) != shown => id,
                _ => req.view,
            };
            status::log_failed_reads(app, of, &before);
            changed
        }
        Msg::ActionDone { submission, reply } => actions::on_done(app, submission, reply, &mut fx),
        Msg::RefreshSlot { view, slot } => {
            refresh_slot(app, view, slot, &mut fx);
            Changed::Yes
        }
        Msg::Copied(report) => actions::on_copied(app, report),
        Msg::AuditLoaded(result) => actions::on_audit(app, result),
        Msg::AuditNotRecorded(detail) => {
            let lang = app.lang();
            let warning = trf(lang, T::ActionAuditOutcomeFailed, &[("detail", &detail)]);
            // The server's outcome stays first on the line.
            let text = match &app.status {
                Some(s) if !s.text.is_empty() => format!("{} — {warning}", s.text),
                _ => warning,
            };
            app.set_status(StatusKind::Error, text);
            Changed::Yes
        }
        Msg::ScreenPop(phone) => tools::pbx::on_pop(app, &phone, &mut fx),
        Msg::IndexLoaded { generation, result } => typeahead::on_loaded(app, generation, result),
        Msg::CommandOutput { run, lines } => noc::output(app, run, lines),
        Msg::CommandEnded { run, end } => noc::ended(app, run, end),
    };
    // A search in flight whose text the attendant just edited is cancelled.
    let edited = typed.is_some_and(|before| {
        before
            != (
                app.search.effective().0,
                app.search.input.value().to_owned(),
            )
    });
    let changed = match (edited, cancel_edited_search(app, edited, &mut fx)) {
        (true, Changed::Yes) => Changed::Yes,
        _ => changed,
    };
    // Local matches follow the search box, however its text changed.
    let changed = match typeahead::sync(app) {
        Changed::Yes => Changed::Yes,
        Changed::No => changed,
    };
    (fx, changed)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod action_tests;
