//! The search screen: its state, its keys, and sending a search (with the
//! customer's lists asked along with it, issue 16).

use crossterm::event::{Event as CtEvent, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::{Customer, CustomerKey, CustomerSearch, CustomerSearchBy};
use crate::i18n::{Msg as T, tr};
use crate::search_kind::{self, Detection};

use super::customer::{invoices_request, open_code, orders_request, tickets_request};
use super::keymap::{self, Action};
use super::keys::{moved, page};
use super::status::StatusKind;
use super::{
    App, Changed, Effect, HistoryEntry, Remote, Reply, ReqId, Request, SEARCH_LIMIT, SEARCH_VIEW,
    Slot, ViewId, open_customer_matching, tools, typeahead,
};

/// Where the keyboard goes on the search screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFocus {
    /// The text field.
    Input,
    /// The result list (or the history, when shown).
    List,
}

/// The search screen.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The text field.
    pub input: Input,
    /// A kind the attendant chose over the detected one.
    pub forced: Option<CustomerSearchBy>,
    /// Search cancelled services too.
    pub include_cancelled: bool,
    /// The last search's results.
    pub results: Remote<Vec<Customer>>,
    /// The kind and term of the last search sent.
    pub last: Option<(CustomerSearchBy, String)>,
    /// Selected result row.
    pub selected: usize,
    /// Keyboard focus.
    pub focus: SearchFocusState,
    /// The history list is shown instead of the results.
    pub show_history: bool,
    /// Selected history row.
    pub history_selected: usize,
    /// The whole text is selected (after leaving a customer): a typed
    /// character replaces it, Backspace clears it, Enter searches it
    /// again, a cursor key just deselects.
    pub selected_all: bool,
    /// The customer's lists, asked together with a search by CPF/CNPJ or
    /// code (issue 16), while that search is unanswered.
    pub prefetch: Option<Prefetch>,
}

/// The reads sent together with a search by CPF/CNPJ or customer code
/// (issue 16): invoices, tickets and orders keyed by what was typed
/// (HubSoft's record routes take `busca=cpf_cnpj` and `codigo_cliente`
/// too), under a customer view id reserved for them. When the search
/// finds exactly one customer, and the key names it, that view opens with
/// them, so the lists arrive with the search instead of a round trip
/// after it. Otherwise they are aborted, and any answer of theirs is
/// dropped: the view id is never opened, so nothing of theirs can reach
/// the screen.
#[derive(Debug)]
pub struct Prefetch {
    /// The customer view the reads belong to (not open yet).
    pub view: ViewId,
    /// The sequence number of the search they go with.
    pub search_seq: u64,
    /// What they were keyed by.
    pub key: CustomerKey,
    /// The reads sent: their slots and sequence numbers.
    pub sent: Vec<(Slot, u64)>,
    /// Answers that came before the search's, applied when the view opens.
    pub arrived: Vec<(ReqId, Reply)>,
}

/// Wrapper so [`SearchState`] can derive `Default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchFocusState(pub SearchFocus);

impl Default for SearchFocusState {
    fn default() -> Self {
        SearchFocusState(SearchFocus::Input)
    }
}

impl SearchState {
    /// What the typed text means now.
    pub fn detection(&self) -> Detection {
        search_kind::detect(self.input.value())
    }

    /// The kind and term that Enter would send, with the problem that
    /// blocks it (a forced kind overrides detection and its problems).
    pub fn effective(&self) -> (CustomerSearchBy, String, Option<search_kind::SearchProblem>) {
        let d = self.detection();
        match self.forced {
            Some(kind) => {
                let term = search_kind::term_for(kind, self.input.value());
                let problem = if term.trim().is_empty() {
                    Some(search_kind::SearchProblem::Empty)
                } else {
                    search_kind::length_problem(&term)
                };
                (kind, term, problem)
            }
            None => (d.kind, d.term, d.problem),
        }
    }
}

/// Whether the search box still says what the last search sent looked
/// for (the kind Enter would use now, and the text).
pub(super) fn box_holds_last_search(app: &App) -> bool {
    let Some((kind, text)) = &app.search.last else {
        return false;
    };
    *kind == app.search.effective().0 && text == app.search.input.value().trim()
}

/// Cancels the search in flight when `edited` (this message changed the
/// box) left the box no longer holding its text or kind (issue 13): its
/// task is aborted and a late answer is dropped, so it can never open a
/// customer the box no longer names. Enter sends the new text.
pub(super) fn cancel_edited_search(app: &mut App, edited: bool, fx: &mut Vec<Effect>) -> Changed {
    if !edited || !app.search.results.loading() || box_holds_last_search(app) {
        return Changed::No;
    }
    app.search.results.pending = None;
    fx.push(Effect::Abort { view: SEARCH_VIEW });
    drop_prefetch(app, fx);
    tools::pbx::search_cancelled(app);
    app.set_status(
        StatusKind::Info,
        tr(app.lang(), T::SearchCancelledEdited).into(),
    );
    Changed::Yes
}

pub(super) fn search_key(
    app: &mut App,
    key: KeyEvent,
    action: Option<Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    let lang = app.lang();
    let local_rows = app.typeahead.shown().map(|m| m.hits.len());
    let list_rows = if app.search.show_history {
        app.history.len()
    } else if let Some(rows) = local_rows {
        rows
    } else {
        app.search.results.data.as_ref().map_or(0, Vec::len)
    };
    let select_all = std::mem::take(&mut app.search.selected_all);
    let Some(action) = action else {
        if app.search.focus.0 == SearchFocus::Input {
            // A selected text goes away with a typed character or a
            // deletion; a cursor key only deselects it.
            let replaces = matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
                || keymap::KeyCombo::from_event(&key).is_typing();
            if select_all && replaces {
                app.search.input.reset();
                app.search.forced = None;
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                    return Changed::Yes;
                }
            }
            // Down leaves the field for the list; everything else edits.
            if key.code == KeyCode::Down && key.modifiers == KeyModifiers::NONE {
                if list_rows > 0 {
                    app.search.focus.0 = SearchFocus::List;
                    return Changed::Yes;
                }
                return Changed::No;
            }
            let before = app.search.input.value().to_owned();
            let handled = app.search.input.handle_event(&CtEvent::Key(key)).is_some();
            // A chosen kind belongs to the text it was chosen for: editing
            // the text goes back to detection.
            if app.search.input.value() != before {
                app.search.forced = None;
            }
            return if handled { Changed::Yes } else { Changed::No };
        }
        return Changed::No;
    };
    match action {
        Action::CycleSearchKind => {
            let (kind, _, _) = app.search.effective();
            let next = search_kind::cycle(kind);
            // Coming back round to the detected kind means "automatic" again.
            let detected = app.search.detection().kind;
            app.search.forced = (next != detected).then_some(next);
            Changed::Yes
        }
        Action::SearchAlternative => match app.search.detection().alternative {
            Some((kind, _)) => {
                app.search.forced = Some(kind);
                submit_search(app, fx);
                Changed::Yes
            }
            None => {
                app.set_status(StatusKind::Info, tr(lang, T::SearchNoAlternative).into());
                Changed::Yes
            }
        },
        Action::IncludeCancelled => {
            app.search.include_cancelled = !app.search.include_cancelled;
            let msg = if app.search.include_cancelled {
                T::SearchCancelledOn
            } else {
                T::SearchCancelledOff
            };
            app.set_status(StatusKind::Info, tr(lang, msg).into());
            // Re-run the last search so the list matches the toggle.
            if let Some((kind, text)) = app.search.last.clone() {
                send_search(app, kind, text, fx);
            }
            Changed::Yes
        }
        Action::History => {
            app.search.show_history = !app.search.show_history;
            app.search.history_selected = 0;
            if app.search.show_history && !app.history.is_empty() {
                app.search.focus.0 = SearchFocus::List;
            }
            Changed::Yes
        }
        Action::Search => {
            app.search.focus.0 = SearchFocus::Input;
            app.search.show_history = false;
            Changed::Yes
        }
        Action::NextPane | Action::PrevPane => {
            app.search.focus.0 = match app.search.focus.0 {
                SearchFocus::Input if list_rows > 0 => SearchFocus::List,
                _ => SearchFocus::Input,
            };
            Changed::Yes
        }
        Action::Back => {
            if app.search.focus.0 == SearchFocus::List {
                app.search.focus.0 = SearchFocus::Input;
            } else if app.search.show_history {
                app.search.show_history = false;
            } else if !app.search.input.value().is_empty() {
                app.search.input.reset();
                app.search.forced = None;
            } else {
                app.search.results = Remote::default();
                app.search.last = None;
                drop_prefetch(app, fx);
            }
            Changed::Yes
        }
        Action::Open => match app.search.focus.0 {
            SearchFocus::Input => {
                submit_search(app, fx);
                Changed::Yes
            }
            SearchFocus::List if app.search.show_history => {
                if let Some(entry) = app.history.get(app.search.history_selected).cloned() {
                    app.search.show_history = false;
                    match entry {
                        HistoryEntry::Search { kind, text } => {
                            app.search.input = Input::new(text.clone());
                            app.search.forced = Some(kind);
                            submit_search(app, fx);
                        }
                        HistoryEntry::Customer { code, .. } => {
                            open_code(app, code, None, None, None, fx)
                        }
                    }
                }
                Changed::Yes
            }
            // A local match opens by code: everything shown comes fresh
            // from the server, the index only found it.
            SearchFocus::List if local_rows.is_some() => {
                match typeahead::picked(app, app.search.selected) {
                    Some(c) => {
                        // The index found it by what is typed: the service
                        // that text names is selected once the record is in.
                        let d = app.search.detection();
                        open_customer_matching(app, c, Some((d.kind, d.term)), fx);
                        Changed::Yes
                    }
                    None => Changed::No,
                }
            }
            SearchFocus::List => {
                let picked = app
                    .search
                    .results
                    .data
                    .as_ref()
                    .and_then(|v| v.get(app.search.selected))
                    .cloned();
                match picked {
                    Some(c) => {
                        let pick = search_pick(app);
                        open_customer_matching(app, c, pick, fx);
                        Changed::Yes
                    }
                    None => Changed::No,
                }
            }
        },
        // R also reloads the local index (customers registered since).
        Action::RefreshAll if app.typeahead.enabled() => {
            fx.extend(typeahead::load(app));
            if let Some((kind, text)) = app.search.last.clone() {
                send_search(app, kind, text, fx);
            }
            Changed::Yes
        }
        Action::Refresh | Action::RefreshAll => {
            if let Some((kind, text)) = app.search.last.clone() {
                send_search(app, kind, text, fx);
                Changed::Yes
            } else {
                Changed::No
            }
        }
        a @ (Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom) => {
            let page = page(app);
            let sel = if app.search.show_history {
                &mut app.search.history_selected
            } else {
                &mut app.search.selected
            };
            if a == Action::Up && *sel == 0 {
                app.search.focus.0 = SearchFocus::Input;
                return Changed::Yes;
            }
            match moved(a, *sel, list_rows, page) {
                Some(to) => {
                    *sel = to;
                    Changed::Yes
                }
                None => Changed::No,
            }
        }
        _ => Changed::No,
    }
}

/// Sends the typed search, unless the text has a problem (empty, a CPF
/// with bad check digits...), which is shown instead.
pub(super) fn submit_search(app: &mut App, fx: &mut Vec<Effect>) {
    let (kind, _term, problem) = app.search.effective();
    if let Some(problem) = problem {
        app.set_status(StatusKind::Error, tr(app.lang(), problem.msg()).into());
        return;
    }
    // Enter again on the search already on its way sends nothing more.
    if app.search.results.loading() && box_holds_last_search(app) {
        return;
    }
    let text = app.search.input.value().trim().to_owned();
    app.push_history(HistoryEntry::Search {
        kind,
        text: text.clone(),
    });
    send_search(app, kind, text, fx);
}

pub(super) fn send_search(
    app: &mut App,
    kind: CustomerSearchBy,
    text: String,
    fx: &mut Vec<Effect>,
) {
    drop_prefetch(app, fx);
    let term = search_kind::term_for(kind, &text);
    let seq = app.seq();
    app.search.results.start(seq);
    app.search.results.data = None;
    app.search.selected = 0;
    app.search.show_history = false;
    app.search.last = Some((kind, text));
    let key = CustomerKey::of_search(kind, &term);
    let mut params = CustomerSearch::new(kind, term);
    params.limit = Some(SEARCH_LIMIT);
    params.include_cancelled = Some(app.search.include_cancelled);
    // A CPF/CNPJ or a code usually finds the one customer, who then opens
    // at once: the search brings the record whole, last connection
    // included, and the lists go out with it (issue 16).
    if key.is_some() {
        params.last_connection = Some(true);
        params.include_unlocks = Some(true);
    }
    fx.push(Effect::Fetch {
        req: ReqId {
            view: SEARCH_VIEW,
            slot: Slot::Search,
            seq,
        },
        request: Request::Search(params),
    });
    if let Some(key) = key {
        prefetch(app, key, seq, fx);
    }
}

/// Sends a fresh view's lists keyed by `key` along with search `search_seq`
/// (see [`Prefetch`]).
pub(super) fn prefetch(app: &mut App, key: CustomerKey, search_seq: u64, fx: &mut Vec<Effect>) {
    let view = app.next_view;
    app.next_view += 1;
    let mut sent = Vec::new();
    for slot in [Slot::Invoices, Slot::Tickets, Slot::Orders] {
        let seq = app.seq();
        let request = match slot {
            Slot::Invoices => invoices_request(&key, false),
            Slot::Tickets => tickets_request(&key, false),
            _ => orders_request(&key, None),
        };
        fx.push(Effect::Fetch {
            req: ReqId { view, slot, seq },
            request,
        });
        sent.push((slot, seq));
    }
    app.search.prefetch = Some(Prefetch {
        view,
        search_seq,
        key,
        sent,
        arrived: Vec::new(),
    });
}

/// Aborts the lists asked with the last search, if they were not used:
/// their view never opens, so nothing of theirs is ever shown.
pub(super) fn drop_prefetch(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(p) = app.search.prefetch.take() {
        fx.push(Effect::Abort { view: p.view });
    }
}

/// What the last search sent looked for, as [`CustomerView::pick`] wants it.
pub fn search_pick(app: &App) -> Option<(CustomerSearchBy, String)> {
    app.search
        .last
        .as_ref()
        .map(|(kind, text)| (*kind, search_kind::term_for(*kind, text)))
}
