//! The state machine of the console: state, messages, `update`, and the key
//! bindings it dispatches. Holds no terminal and no sockets.
//!
//! [`update`] is a plain function: it reads one [`Msg`] (a key, a paste, a
//! request's result), changes [`App`] and returns the [`Effect`]s to run.
//! The [`runner`] turns a fetch effect into one tokio task whose result
//! comes back as [`Msg::Fetched`]. Every request carries a [`ReqId`]: the
//! customer view it belongs to and a sequence number, so a result for a view
//! that is gone, or for a request a newer one replaced, is dropped.

#![warn(missing_docs)]

pub mod actions;
pub mod confirm;
pub mod forms;
pub mod inflight;
pub mod keymap;
pub mod palette;
pub mod results;
pub mod runner;
pub mod scroll;
pub mod status;
pub mod tools;
pub mod typeahead;

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use crossterm::event::{Event as CtEvent, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::{
    ApiError, ConnectionLog, ConnectionLogQuery, Customer, CustomerKey, CustomerSearch,
    CustomerSearchBy, Invoice, InvoiceSearch, ServiceOrder, ServiceOrderSearch, ServiceOrderStatus,
    Ticket, TicketSearch,
};
use crate::i18n::{Lang, Msg as T, tr, trf};
use crate::search_kind::{self, Detection};
use crate::theme::Theme;

/// Smallest usable terminal; below it only the "too small" notice is drawn
/// and keys other than quit are ignored.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable terminal height; see [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 15;
use keymap::{Action, Context, Keymap};
use status::{StatusKind, StatusMessage};

/// Identifies one customer view (a customer opened once). The search has
/// its own id, [`SEARCH_VIEW`]; customer views count up from 1 and are
/// never reused, so a late result can never land on another customer.
pub type ViewId = u64;

/// The [`ViewId`] of search requests.
pub const SEARCH_VIEW: ViewId = 0;

/// How many searches and how many customers the history keeps (each).
pub const HISTORY_LEN: usize = 20;

/// The most customers `/cliente` returns; reaching it means "refine".
pub const SEARCH_LIMIT: u32 = CustomerSearch::MAX_LIMIT;

/// Invoices, tickets, orders and sessions asked for per pane (the routes'
/// documented maximum).
pub const LIST_LIMIT: u32 = 50;

/// From this many columns the header and services sit beside the detail
/// panes; below it one pane shows at a time, with tabs.
pub const WIDE_FROM: u16 = 140;

/// How long a status message stays.
pub const STATUS_TTL: Duration = Duration::from_secs(5);

/// The panes of a customer view, in tab order (digits 1-6 jump to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Header: name, document, contacts, alerts, last seen.
    Customer,
    /// The services (contracts) and the selected one's details.
    Services,
    /// Invoices.
    Invoices,
    /// Support tickets.
    Tickets,
    /// Service orders.
    Orders,
    /// Connection history of the selected service's login.
    Connections,
}

impl Pane {
    /// Every pane, in tab order.
    pub const ALL: [Pane; 6] = [
        Pane::Customer,
        Pane::Services,
        Pane::Invoices,
        Pane::Tickets,
        Pane::Orders,
        Pane::Connections,
    ];

    /// Position in [`Pane::ALL`].
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The pane's title.
    pub fn title(self) -> T {
        match self {
            Pane::Customer => T::PaneCustomer,
            Pane::Services => T::PaneServices,
            Pane::Invoices => T::PaneInvoices,
            Pane::Tickets => T::PaneTickets,
            Pane::Orders => T::PaneServiceOrders,
            Pane::Connections => T::PaneConnections,
        }
    }

    /// The pane's tab label where the titles do not all fit (80 columns).
    pub fn short_title(self) -> T {
        match self {
            Pane::Customer => T::PaneCustomer,
            Pane::Services => T::PaneServices,
            Pane::Invoices => T::PaneInvoices,
            Pane::Tickets => T::PaneTicketsShort,
            Pane::Orders => T::PaneServiceOrdersShort,
            Pane::Connections => T::PaneConnectionsShort,
        }
    }

    /// Whether the pane belongs to the detail column of the wide layout
    /// (header and services sit on the left).
    pub fn is_detail(self) -> bool {
        !matches!(self, Pane::Customer | Pane::Services)
    }

    /// The keymap contexts active while this pane has focus. The service
    /// actions (`t u m d`...) act on the selected service from every pane
    /// (issue 13), after the pane's own keys.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            Pane::Customer | Pane::Services => &[Context::Subscriber, Context::Navigation],
            Pane::Invoices => &[Context::Financial, Context::Subscriber, Context::Navigation],
            Pane::Tickets => &[Context::Tickets, Context::Subscriber, Context::Navigation],
            Pane::Orders => &[Context::Orders, Context::Subscriber, Context::Navigation],
            Pane::Connections => &[Context::Subscriber, Context::Navigation],
        }
    }
}

/// Which request of a view a result answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// The customer search.
    Search,
    /// The full customer record.
    Customer,
    /// Invoices.
    Invoices,
    /// Tickets.
    Tickets,
    /// Service orders.
    Orders,
    /// Connection history.
    Connections,
    /// A tool screen's read (view [`tools::TOOLS_VIEW`]).
    Tool(tools::ToolSlot),
}

/// The identity of one request: its view, its slot, and a sequence number
/// unique in the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReqId {
    /// The view it belongs to.
    pub view: ViewId,
    /// What it fetches.
    pub slot: Slot,
    /// Unique, increasing.
    pub seq: u64,
}

/// A read to send to HubSoft.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// `GET /cliente` for the search box.
    Search(CustomerSearch),
    /// `GET /cliente` by code, with the last connection.
    Customer(CustomerSearch),
    /// `GET /cliente/financeiro`.
    Invoices(InvoiceSearch),
    /// `GET /cliente/atendimento`.
    Tickets(TicketSearch),
    /// `GET /cliente/ordem_servico`.
    Orders(ServiceOrderSearch),
    /// `GET /cliente/extrato_conexao`.
    Connections(ConnectionLogQuery),
    /// A tool screen's read.
    Tool(tools::ToolRequest),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send `request`; the answer comes back as [`Msg::Fetched`] with `req`.
    /// A fetch replaces (and aborts) an unfinished one of the same view and
    /// slot.
    Fetch {
        /// Identity, echoed in the reply.
        req: ReqId,
        /// What to send.
        request: Request,
    },
    /// Abort every unfinished request of `view` (the customer was left).
    Abort {
        /// The view whose requests die.
        view: ViewId,
    },
    /// Audit then send a confirmed action, once; the answer comes back as
    /// [`Msg::ActionDone`]. Never aborted when the view closes.
    Action {
        /// The in-flight guard's token, echoed in the answer.
        submission: inflight::Submission,
        /// The view it was sent from.
        view: ViewId,
        /// What to send.
        request: Box<confirm::ActionRequest>,
        /// The audit attempt (the runner fills in the host).
        audit: Box<crate::audit::AuditAttempt>,
    },
    /// Send [`Msg::RefreshSlot`] after `after` (reads only: the last
    /// connection after a disconnect).
    RefreshLater {
        /// The view.
        view: ViewId,
        /// The read to repeat.
        slot: Slot,
        /// The delay.
        after: Duration,
    },
    /// Copy `text` to the clipboard; the report comes back as [`Msg::Copied`].
    Copy {
        /// What it is, for the status line.
        what: T,
        /// The text.
        text: String,
    },
    /// Read the latest audit entries; they come back as [`Msg::AuditLoaded`].
    LoadAudit,
    /// Fetch `cliente/all` and build the local type-ahead index; it comes
    /// back as [`Msg::IndexLoaded`] with `generation`.
    LoadIndex {
        /// Echoed in the answer; an older generation's answer is dropped.
        generation: u64,
    },
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Leave the console.
    Quit,
}

/// A request's result.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Customers (search or the opened customer).
    Customers(Result<Vec<Customer>, ApiError>),
    /// Invoices.
    Invoices(Result<Vec<Invoice>, ApiError>),
    /// Tickets.
    Tickets(Result<Vec<Ticket>, ApiError>),
    /// Service orders.
    Orders(Result<Vec<ServiceOrder>, ApiError>),
    /// Connection history.
    Connections(Result<ConnectionLog, ApiError>),
    /// A tool screen's read.
    Tool(tools::ToolReply),
}

/// Everything `update` reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Pasted text (bracketed paste).
    Paste(String),
    /// The terminal's new size.
    Resize(u16, u16),
    /// One animation step (only while something loads).
    Tick,
    /// A request's result.
    Fetched {
        /// Which request.
        req: ReqId,
        /// Its result.
        reply: Reply,
    },
    /// An action's answer (never dropped as stale).
    ActionDone {
        /// The submission it answers.
        submission: inflight::Submission,
        /// The answer.
        reply: actions::ActionReply,
    },
    /// The outcome of an action just reported ([`Msg::ActionDone`]) could
    /// not be written to the audit trail: a warning after the outcome, never
    /// in its place (the action went out and the server answered).
    AuditNotRecorded(String),
    /// Read `slot` of `view` again, if it is still on screen.
    RefreshSlot {
        /// The view.
        view: ViewId,
        /// The read.
        slot: Slot,
    },
    /// A copy finished.
    Copied(crate::clipboard::CopyReport),
    /// The latest audit entries, or why they could not be read.
    AuditLoaded(Result<Vec<crate::audit::AuditEntry>, String>),
    /// An incoming call's phone from the screen-pop socket: search it and
    /// open the customer (see [`tools::pbx`]).
    ScreenPop(String),
    /// The local type-ahead index, or why it could not be loaded.
    IndexLoaded {
        /// The generation it was asked for.
        generation: u64,
        /// The index.
        result: Result<std::sync::Arc<crate::index::CustomerIndex>, ApiError>,
    },
}

/// Data fetched from the server, with its own loading and error state.
/// Old data stays visible while a refresh is in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote<T> {
    /// The last data received (or the search's summary while the full
    /// customer loads).
    pub data: Option<T>,
    /// The sequence number of the request in flight, if any; only its
    /// answer is accepted.
    pub pending: Option<u64>,
    /// The last error, localized, when the last request failed.
    pub error: Option<String>,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Remote {
            data: None,
            pending: None,
            error: None,
        }
    }
}

impl<T> Remote<T> {
    /// A request was sent.
    pub fn start(&mut self, seq: u64) {
        self.pending = Some(seq);
        self.error = None;
    }

    /// Whether a request is in flight.
    pub fn loading(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether `seq` is the request this slot waits for.
    pub fn expects(&self, seq: u64) -> bool {
        self.pending == Some(seq)
    }

    fn finish(&mut self, result: Result<T, String>) {
        self.pending = None;
        match result {
            Ok(data) => {
                self.data = Some(data);
                self.error = None;
            }
            Err(e) => {
                // Stale data would be mistaken for current: drop it.
                self.data = None;
                self.error = Some(e);
            }
        }
    }
}

/// Where the keyboard goes on the search screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFocus {
    /// The text field.
    Input,
    /// The result list (or the history, when shown).
    List,
}

/// One remembered search or customer (memory only: never written to disk,
/// LGPD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryEntry {
    /// A search that was sent.
    Search {
        /// Kind used.
        kind: CustomerSearchBy,
        /// Text as typed.
        text: String,
    },
    /// A customer that was opened.
    Customer {
        /// `codigo_cliente`.
        code: u64,
        /// Name as shown (already sanitized).
        name: String,
    },
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

/// One customer on screen, with every pane's data.
#[derive(Debug)]
pub struct CustomerView {
    /// This view's id; requests carry it.
    pub id: ViewId,
    /// `codigo_cliente`.
    pub code: u64,
    /// The customer (the search's summary until the full record arrives).
    pub customer: Remote<Customer>,
    /// Invoices.
    pub invoices: Remote<Vec<Invoice>>,
    /// All invoices instead of pending ones.
    pub invoices_all: bool,
    /// Tickets.
    pub tickets: Remote<Vec<Ticket>>,
    /// All tickets instead of open ones.
    pub tickets_all: bool,
    /// Service orders.
    pub orders: Remote<Vec<ServiceOrder>>,
    /// Status filter of the service orders (`None`: all).
    pub order_filter: Option<ServiceOrderStatus>,
    /// Connection history of [`CustomerView::connections_login`].
    pub connections: Remote<ConnectionLog>,
    /// The login whose history is loaded or loading.
    pub connections_login: Option<String>,
    /// Selected row per pane.
    pub selected: BTreeMap<PaneKey, usize>,
    /// Index of the selected service.
    pub service: usize,
    /// The `id_cliente_servico` (or index) whose password is revealed;
    /// hidden again when the view closes or another service is selected.
    pub revealed: Option<usize>,
    /// Focused pane.
    pub focus: Pane,
    /// The detail pane shown beside the header in the wide layout.
    pub detail: Pane,
    /// The focused pane's text (the Cliente pane, or the selected
    /// service's, invoice's, ticket's or order's details), which can be
    /// longer than the pane: the page keys, Home and End scroll it.
    pub detail_scroll: scroll::Scroll,
    /// What the search or screen pop that opened this customer looked
    /// for, until the attendant picks a service by hand: the service it
    /// names (a login, an IP, a MAC, a ticket contact's phone) is selected
    /// as the record and the tickets arrive, so an action lands on it
    /// (issue 13).
    pub pick: Option<(CustomerSearchBy, String)>,
    /// Forms closed with Esc after typing, until this customer is left:
    /// the same key opens them again as they were (issue 13).
    pub drafts: HashMap<actions::DraftKey, forms::AnyForm>,
    /// Sequence numbers of the lists asked by the search's CPF/CNPJ before
    /// the customer was known ([`Prefetch`]): a CPF/CNPJ may be shared by
    /// several customers (one registered twice, an old cancelled record
    /// the search leaves out), so their answers are shown only when every
    /// record names this customer; otherwise the list is read again by
    /// code.
    pub doc_keyed: Vec<u64>,
}

/// A pane as a map key for per-pane selection.
pub type PaneKey = usize;

impl CustomerView {
    /// The selected row of `pane`.
    pub fn sel(&self, pane: Pane) -> usize {
        if matches!(pane, Pane::Services | Pane::Customer) {
            return self.service;
        }
        self.selected.get(&pane.index()).copied().unwrap_or(0)
    }

    /// The selected service, when the customer has any.
    pub fn selected_service(&self) -> Option<&crate::api::CustomerService> {
        self.customer
            .data
            .as_ref()
            .and_then(|c| c.servicos.get(self.service))
    }

    /// The selected invoice (for the actions of issue 5).
    pub fn selected_invoice(&self) -> Option<&Invoice> {
        self.invoices
            .data
            .as_ref()
            .and_then(|v| v.get(self.sel(Pane::Invoices)))
    }

    /// The selected ticket.
    pub fn selected_ticket(&self) -> Option<&Ticket> {
        self.tickets
            .data
            .as_ref()
            .and_then(|v| v.get(self.sel(Pane::Tickets)))
    }

    /// The selected service order.
    pub fn selected_order(&self) -> Option<&ServiceOrder> {
        self.orders
            .data
            .as_ref()
            .and_then(|v| v.get(self.sel(Pane::Orders)))
    }

    /// Rows of a pane's list, for moving the selection.
    fn rows(&self, pane: Pane) -> usize {
        match pane {
            Pane::Customer => 0,
            Pane::Services => self.customer.data.as_ref().map_or(0, |c| c.servicos.len()),
            Pane::Invoices => self.invoices.data.as_ref().map_or(0, Vec::len),
            Pane::Tickets => self.tickets.data.as_ref().map_or(0, Vec::len),
            Pane::Orders => self.orders.data.as_ref().map_or(0, Vec::len),
            Pane::Connections => self
                .connections
                .data
                .as_ref()
                .map_or(0, |c| c.registros.len()),
        }
    }

    /// Whether any of the view's requests is in flight.
    pub fn loading(&self) -> bool {
        self.customer.loading()
            || self.invoices.loading()
            || self.tickets.loading()
            || self.orders.loading()
            || self.connections.loading()
    }

    /// Whether `pane`'s data is loading.
    pub fn pane_loading(&self, pane: Pane) -> bool {
        match pane {
            Pane::Customer | Pane::Services => self.customer.loading(),
            Pane::Invoices => self.invoices.loading(),
            Pane::Tickets => self.tickets.loading(),
            Pane::Orders => self.orders.loading(),
            Pane::Connections => self.connections.loading(),
        }
    }

    /// Whether `pane`'s last request failed.
    pub fn pane_failed(&self, pane: Pane) -> bool {
        match pane {
            Pane::Customer | Pane::Services => self.customer.error.is_some(),
            Pane::Invoices => self.invoices.error.is_some(),
            Pane::Tickets => self.tickets.error.is_some(),
            Pane::Orders => self.orders.error.is_some(),
            Pane::Connections => self.connections.error.is_some(),
        }
    }
}

/// What is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The search box and its results.
    Search,
    /// A customer.
    Customer,
    /// A tool screen (network, sales, cities, receivables, PBX).
    Tool(tools::Tool),
}

/// Settings fixed for the session.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Interface language.
    pub lang: Lang,
    /// Colours.
    pub theme: Theme,
    /// Read-only profile (actions hidden by the keymap).
    pub read_only: bool,
    /// Privacy mode: documents, phones, e-mails masked.
    pub privacy: bool,
    /// Running on the embedded simulator.
    pub demo: bool,
    /// Profile name for the status bar.
    pub profile: String,
    /// TLS verification off.
    pub insecure: bool,
    /// Plain `http://` to a remote host: credentials travel in clear.
    pub cleartext: bool,
    /// Seconds after which a read times out (for the timeout message).
    pub timeout_secs: u64,
    /// The attendant's name or login: tickets and the audit trail carry
    /// it, since HubSoft records only the shared API user.
    pub attendant: Option<String>,
    /// The attendant's PBX extension (`ramal`), for the PBX keys.
    pub ramal: Option<String>,
    /// The attendant's PBX internal id (`identificador_interno`).
    pub internal_id: Option<String>,
    /// Where the screen-pop socket listens, when it does (`None`: not
    /// listening); shown on the PBX screen.
    pub screen_pop: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::PtBr,
            theme: Theme::default(),
            read_only: false,
            privacy: false,
            demo: false,
            profile: String::new(),
            insecure: false,
            cleartext: false,
            timeout_secs: 20,
            attendant: None,
            ramal: None,
            internal_id: None,
            screen_pop: None,
        }
    }
}

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
    /// The customer on screen, if any.
    pub view: Option<CustomerView>,
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
    /// message: a confirmation becoming able to confirm. The loop wakes
    /// up then to redraw.
    pub fn wake_at(&self) -> Option<Instant> {
        match &self.overlay {
            Some(actions::Overlay::Confirm { choice, .. })
            | Some(actions::Overlay::Acknowledge { choice, .. })
            | Some(actions::Overlay::Quit { choice, .. }) => {
                Some(choice.armed_at()).filter(|t| *t > self.instant)
            }
            _ => None,
        }
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

/// What [`update`] did, for the loop: whether to redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Something visible changed.
    Yes,
    /// Nothing changed (an unbound key, a stale result).
    No,
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
            Changed::Yes
        }
        Msg::Fetched { req, reply } => {
            // A read that fails goes to the message log too.
            let before = status::failed_reads(app);
            let changed = on_reply(app, req, reply, &mut fx);
            status::log_failed_reads(app, &before);
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

/// Whether the search box still says what the last search sent looked
/// for (the kind Enter would use now, and the text).
fn box_holds_last_search(app: &App) -> bool {
    let Some((kind, text)) = &app.search.last else {
        return false;
    };
    *kind == app.search.effective().0 && text == app.search.input.value().trim()
}

/// Cancels the search in flight when `edited` (this message changed the
/// box) left the box no longer holding its text or kind (issue 13): its
/// task is aborted and a late answer is dropped, so it can never open a
/// customer the box no longer names. Enter sends the new text.
fn cancel_edited_search(app: &mut App, edited: bool, fx: &mut Vec<Effect>) -> Changed {
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

fn on_key(app: &mut App, key: KeyEvent, gap: Option<Duration>, fx: &mut Vec<Effect>) -> Changed {
    if app.overlay.is_some() {
        // Ctrl-C still leaves from a form or dialog; everything else is
        // the overlay's.
        if app.keymap.dispatch(&key, &[Context::Confirm], true) == Some(Action::Interrupt)
            && !matches!(app.overlay, Some(actions::Overlay::Quit { .. }))
        {
            return quit(app, fx);
        }
        return actions::overlay_key(app, key, gap, fx);
    }
    if app.palette.is_some() {
        return palette_key(app, key, fx);
    }
    let (contexts, text_focus) = app.contexts();
    // Below the minimum size only the "too small" screen shows, and it
    // says which key quits: that key must work even over a text field.
    let too_small = app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT;
    let action = if too_small {
        app.keymap.dispatch(&key, &[Context::Navigation], false)
    } else {
        app.keymap.dispatch(&key, contexts, text_focus)
    };
    // Checked again at execution: a read-only profile never runs an action
    // that writes, whatever path the key took.
    let action = action.filter(|a| app.keymap.allows(*a));
    // A held key repeats: an action key must act once per press.
    let action = action.filter(|a| {
        key.kind != crossterm::event::KeyEventKind::Repeat
            || (a.risk() == keymap::Risk::Safe && *a != Action::Copy)
    });
    match action {
        Some(Action::Interrupt) | Some(Action::Quit) => return quit(app, fx),
        Some(Action::Suspend) => {
            fx.push(Effect::Suspend);
            return Changed::No;
        }
        Some(Action::Help) => {
            app.help = if app.help.is_some() {
                None
            } else {
                Some(scroll::Scroll::new())
            };
            return Changed::Yes;
        }
        Some(Action::AuditLog) if app.help.is_none() && !too_small => {
            return actions::open_audit(app, fx);
        }
        Some(Action::MessageLog) if app.help.is_none() && !too_small => {
            return actions::open_messages(app);
        }
        Some(Action::Palette) if app.help.is_none() && !too_small => {
            app.palette = Some(palette::Palette::new(&app.keymap, app.view.is_some()));
            return Changed::Yes;
        }
        Some(a) if app.help.is_none() && !too_small => {
            if let Some(tool) = tools::Tool::for_action(a) {
                return tools::open_by(app, tool, a, fx);
            }
        }
        _ => {}
    }
    if app.help.is_some() {
        if action == Some(Action::Back) {
            app.help = None;
            return Changed::Yes;
        }
        let page = page(app) as i32;
        let Some(scroll) = app.help.as_mut() else {
            return Changed::No;
        };
        let moved = match action {
            Some(Action::Down) => scroll.by(1),
            Some(Action::Up) => scroll.by(-1),
            Some(Action::PageDown) => scroll.by(page),
            Some(Action::PageUp) => scroll.by(-page),
            Some(Action::Top) => scroll.top(),
            Some(Action::Bottom) => scroll.end(),
            _ => false,
        };
        return if moved { Changed::Yes } else { Changed::No };
    }
    if too_small {
        return Changed::No;
    }
    match app.screen {
        Screen::Search => search_key(app, key, action, fx),
        Screen::Customer => customer_key(app, action, fx),
        Screen::Tool(tool) => tools::key(app, tool, key, action, fx),
    }
}

/// A key while the command palette is open: typing filters, arrows
/// choose, Enter runs the chosen entry as if its key had been pressed,
/// Esc closes.
fn palette_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let action = app.keymap.dispatch(&key, &[Context::Global], true);
    let Some(palette) = app.palette.as_mut() else {
        return Changed::No;
    };
    match (action, key.code) {
        (Some(Action::Interrupt), _) => {
            app.palette = None;
            quit(app, fx)
        }
        (Some(Action::Back), _) => {
            app.palette = None;
            Changed::Yes
        }
        (Some(Action::Open), _) => {
            let chosen = palette.chosen(lang);
            app.palette = None;
            match chosen {
                Some(entry) => run_palette_entry(app, entry.action, fx),
                None => Changed::Yes,
            }
        }
        (_, KeyCode::Up) => {
            palette.step(lang, false);
            Changed::Yes
        }
        (_, KeyCode::Down) => {
            palette.step(lang, true);
            Changed::Yes
        }
        _ => {
            if palette.edit(key) {
                Changed::Yes
            } else {
                Changed::No
            }
        }
    }
}

/// Runs what a palette entry names, through the same read-only check as
/// a key.
fn run_palette_entry(app: &mut App, action: Action, fx: &mut Vec<Effect>) -> Changed {
    if !app.keymap.allows(action) {
        return Changed::Yes;
    }
    if let Some(tool) = tools::Tool::for_action(action) {
        return tools::open_by(app, tool, action, fx);
    }
    // An action on the customer: back on it, then exactly as its key.
    if palette::CUSTOMER_ENTRIES.iter().any(|e| e.action == action) {
        if app.view.is_none() {
            app.set_status(
                StatusKind::Error,
                tr(app.lang(), T::PaletteNeedsCustomer).into(),
            );
            return Changed::Yes;
        }
        app.screen = Screen::Customer;
        app.tools.return_to = None;
        return customer_key(app, Some(action), fx);
    }
    match action {
        Action::Quit => quit(app, fx),
        Action::Help => {
            app.help = Some(scroll::Scroll::new());
            Changed::Yes
        }
        Action::AuditLog => actions::open_audit(app, fx),
        Action::MessageLog => actions::open_messages(app),
        Action::Search => {
            close_view(app, fx);
            app.tools.return_to = None;
            app.search.focus.0 = SearchFocus::Input;
            app.search.input.reset();
            app.search.forced = None;
            Changed::Yes
        }
        _ => Changed::Yes,
    }
}

/// Leaves the console, unless an action is waiting for the server: then
/// asks first (issue 13), since leaving abandons it and its outcome will
/// only ever read "unknown" in the trail. The question goes over whatever
/// was open, which comes back on "Não".
fn quit(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    if !app.inflight.any_running() {
        fx.push(Effect::Quit);
        return Changed::No;
    }
    if !matches!(app.overlay, Some(actions::Overlay::Quit { .. })) {
        let under = app.overlay.take().map(Box::new);
        app.overlay = Some(actions::Overlay::Quit {
            choice: confirm::Choice::new(app.instant),
            under,
        });
    }
    Changed::Yes
}

fn page(app: &App) -> usize {
    (app.size.1 as usize).saturating_sub(10).max(1)
}

/// Moves a selection index for a navigation action.
fn moved(action: Action, sel: usize, rows: usize, page: usize) -> Option<usize> {
    if rows == 0 {
        return None;
    }
    let last = rows - 1;
    let to = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to)
}

fn search_key(
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
fn submit_search(app: &mut App, fx: &mut Vec<Effect>) {
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

fn send_search(app: &mut App, kind: CustomerSearchBy, text: String, fx: &mut Vec<Effect>) {
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
fn prefetch(app: &mut App, key: CustomerKey, search_seq: u64, fx: &mut Vec<Effect>) {
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
fn drop_prefetch(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(p) = app.search.prefetch.take() {
        fx.push(Effect::Abort { view: p.view });
    }
}

/// `GET cliente/financeiro` for a pane: pending invoices, or all of them.
fn invoices_request(key: &CustomerKey, all: bool) -> Request {
    let mut p = key.invoices();
    p.only_pending = Some(!all);
    p.limit = Some(LIST_LIMIT);
    Request::Invoices(p)
}

/// `GET cliente/atendimento` for a pane: open tickets, or all of them.
fn tickets_request(key: &CustomerKey, all: bool) -> Request {
    let mut p = key.tickets();
    p.only_open = Some(!all);
    p.limit = Some(LIST_LIMIT);
    Request::Tickets(p)
}

/// `GET cliente/ordem_servico` for a pane, with its status filter.
fn orders_request(key: &CustomerKey, status: Option<ServiceOrderStatus>) -> Request {
    let mut p = key.orders();
    p.status = status;
    p.limit = Some(LIST_LIMIT);
    Request::Orders(p)
}

/// Opens a customer from a search row: its summary shows at once while
/// the full record and every pane load concurrently.
pub fn open_customer(app: &mut App, customer: Customer, fx: &mut Vec<Effect>) {
    open_customer_matching(app, customer, None, fx);
}

/// Opens a customer that a search of `pick` (kind, term) found: the
/// service the search matched is selected (see [`CustomerView::pick`]).
pub fn open_customer_matching(
    app: &mut App,
    customer: Customer,
    pick: Option<(CustomerSearchBy, String)>,
    fx: &mut Vec<Effect>,
) {
    let Some(code) = customer.codigo_cliente else {
        return;
    };
    open_code(app, code, Some(customer), pick, None, fx);
}

/// What the last search sent looked for, as [`CustomerView::pick`] wants it.
pub fn search_pick(app: &App) -> Option<(CustomerSearchBy, String)> {
    app.search
        .last
        .as_ref()
        .map(|(kind, text)| (*kind, search_kind::term_for(*kind, text)))
}

/// Selects the service [`CustomerView::pick`] names, when the data to
/// tell is there; returns whether the selection moved.
fn apply_pick(view: &mut CustomerView) -> bool {
    let (Some((kind, term)), Some(customer)) = (view.pick.as_ref(), view.customer.data.as_ref())
    else {
        return false;
    };
    let by_contact = || {
        let tickets = view.tickets.data.as_deref()?;
        let id = search_kind::service_of_contact(tickets, term)?;
        customer
            .servicos
            .iter()
            .position(|s| s.id_cliente_servico == Some(id))
    };
    let to = match kind {
        CustomerSearchBy::Phone => by_contact(),
        _ => search_kind::matched_service(customer, *kind, term),
    };
    match to {
        Some(i) if i != view.service => {
            view.service = i;
            view.revealed = None;
            true
        }
        _ => false,
    }
}

/// Opens customer `code`, showing `summary` (a search row) until its full
/// record arrives. With `prefetched` (issue 16), `summary` is the record
/// a search by CPF/CNPJ or code has just brought whole, last connection
/// included: it is not read again, and the lists asked with that search
/// fill the panes (those already answered at once).
fn open_code(
    app: &mut App,
    code: u64,
    summary: Option<Customer>,
    pick: Option<(CustomerSearchBy, String)>,
    prefetched: Option<Prefetch>,
    fx: &mut Vec<Effect>,
) {
    close_view(app, fx);
    let id = match &prefetched {
        Some(p) => p.view,
        None => {
            let id = app.next_view;
            app.next_view += 1;
            id
        }
    };
    let name = summary
        .as_ref()
        .and_then(|c| c.display_name())
        .map(|n| crate::sanitize::clean(n).into_owned())
        .unwrap_or_else(|| code.to_string());
    app.push_history(HistoryEntry::Customer { code, name });
    let mut view = CustomerView {
        id,
        code,
        customer: Remote {
            data: summary,
            ..Remote::default()
        },
        invoices: Remote::default(),
        invoices_all: false,
        tickets: Remote::default(),
        tickets_all: false,
        orders: Remote::default(),
        order_filter: None,
        connections: Remote::default(),
        connections_login: None,
        selected: BTreeMap::new(),
        service: 0,
        revealed: None,
        focus: Pane::Customer,
        detail: Pane::Invoices,
        detail_scroll: scroll::Scroll::new(),
        pick,
        drafts: HashMap::new(),
        doc_keyed: Vec::new(),
    };
    apply_pick(&mut view);
    let arrived = match prefetched {
        Some(p) => {
            for (slot, seq) in p.sent {
                match slot {
                    Slot::Invoices => view.invoices.start(seq),
                    Slot::Tickets => view.tickets.start(seq),
                    Slot::Orders => view.orders.start(seq),
                    _ => continue,
                }
                if !p.key.is_code(code) {
                    view.doc_keyed.push(seq);
                }
            }
            p.arrived
        }
        None => {
            for slot in [Slot::Customer, Slot::Invoices, Slot::Tickets, Slot::Orders] {
                fetch(app, &mut view, slot, fx);
            }
            Vec::new()
        }
    };
    // The search row already lists the services and their logins.
    sync_connections(app, &mut view, fx);
    app.view = Some(view);
    app.screen = Screen::Customer;
    // Lists that answered before the search did, as if they came now.
    for (req, reply) in arrived {
        on_reply(app, req, reply, fx);
    }
}

/// Leaves the customer on screen: its pending reads are aborted and its
/// late answers will be dropped; a revealed password goes with it.
fn close_view(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(view) = app.view.take() {
        fx.push(Effect::Abort { view: view.id });
    }
    app.screen = Screen::Search;
}

fn fetch(app: &mut App, view: &mut CustomerView, slot: Slot, fx: &mut Vec<Effect>) {
    let seq = app.seq();
    let code = view.code.to_string();
    let request = match slot {
        Slot::Search | Slot::Tool(_) => return,
        Slot::Customer => {
            view.customer.start(seq);
            let mut p = CustomerSearch::new(CustomerSearchBy::Code, code);
            p.last_connection = Some(true);
            p.include_cancelled = Some(app.search.include_cancelled);
            Request::Customer(p)
        }
        Slot::Invoices => {
            view.invoices.start(seq);
            invoices_request(&CustomerKey::Code(view.code), view.invoices_all)
        }
        Slot::Tickets => {
            view.tickets.start(seq);
            tickets_request(&CustomerKey::Code(view.code), view.tickets_all)
        }
        Slot::Orders => {
            view.orders.start(seq);
            orders_request(&CustomerKey::Code(view.code), view.order_filter)
        }
        Slot::Connections => {
            let Some(login) = view.connections_login.clone() else {
                view.connections = Remote::default();
                return;
            };
            view.connections.start(seq);
            let mut p = ConnectionLogQuery::new(login);
            p.limit = Some(LIST_LIMIT);
            Request::Connections(p)
        }
    };
    fx.push(Effect::Fetch {
        req: ReqId {
            view: view.id,
            slot,
            seq,
        },
        request,
    });
}

/// Fetches the connection history when the selected service's login
/// differs from the one loaded (or loading).
fn sync_connections(app: &mut App, view: &mut CustomerView, fx: &mut Vec<Effect>) {
    let login = view
        .selected_service()
        .and_then(|s| s.login.clone())
        .filter(|l| !l.trim().is_empty());
    if login == view.connections_login
        && (view.connections.data.is_some()
            || view.connections.loading()
            || view.connections.error.is_some())
    {
        return;
    }
    view.connections_login = login;
    view.connections = Remote::default();
    view.selected.remove(&Pane::Connections.index());
    fetch(app, view, Slot::Connections, fx);
}

fn customer_key(app: &mut App, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
    let Some(action) = action else {
        return Changed::No;
    };
    if matches!(action, Action::PbxNotify | Action::PbxMissed) {
        return tools::pbx::send(app, action);
    }
    let lang = app.lang();
    let page = page(app);
    let wide = app.size.0 >= WIDE_FROM;
    let Some(mut view) = app.view.take() else {
        app.screen = Screen::Search;
        return Changed::Yes;
    };
    let mut close = false;
    let changed = match action {
        Action::Back => {
            // Back in the box, its text selected: typing starts the next
            // search, Enter repeats this one (issue 13).
            close = true;
            app.search.focus.0 = SearchFocus::Input;
            app.search.selected_all = !app.search.input.value().is_empty();
            Changed::Yes
        }
        Action::Search => {
            close = true;
            app.search.focus.0 = SearchFocus::Input;
            app.search.input.reset();
            app.search.forced = None;
            Changed::Yes
        }
        Action::NextPane | Action::PrevPane => {
            let n = Pane::ALL.len();
            let i = view.focus.index();
            let to = if action == Action::NextPane {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            focus(&mut view, Pane::ALL[to]);
            Changed::Yes
        }
        Action::GoToPane(n) => match Pane::ALL.get(usize::from(n).wrapping_sub(1)) {
            Some(p) => {
                focus(&mut view, *p);
                Changed::Yes
            }
            None => Changed::No,
        },
        // Left/Right move between the two columns of the wide layout,
        // and between neighbouring tabs at 80 columns.
        Action::Left | Action::Right => {
            let to = if wide {
                match (action, view.focus.is_detail()) {
                    (Action::Left, true) => Pane::Services,
                    (Action::Right, false) => view.detail,
                    _ => view.focus,
                }
            } else {
                let i = view.focus.index();
                let n = Pane::ALL.len();
                Pane::ALL[if action == Action::Right {
                    (i + 1).min(n - 1)
                } else {
                    i.saturating_sub(1)
                }]
            };
            focus(&mut view, to);
            Changed::Yes
        }
        Action::Refresh => {
            let slot = match view.focus {
                Pane::Customer | Pane::Services => Slot::Customer,
                Pane::Invoices => Slot::Invoices,
                Pane::Tickets => Slot::Tickets,
                Pane::Orders => Slot::Orders,
                Pane::Connections => Slot::Connections,
            };
            fetch(app, &mut view, slot, fx);
            Changed::Yes
        }
        Action::RefreshAll => {
            for slot in [
                Slot::Customer,
                Slot::Invoices,
                Slot::Tickets,
                Slot::Orders,
                Slot::Connections,
            ] {
                fetch(app, &mut view, slot, fx);
            }
            Changed::Yes
        }
        Action::ToggleAllPending if view.focus == Pane::Invoices => {
            view.invoices_all = !view.invoices_all;
            view.invoices.data = None;
            view.selected.remove(&Pane::Invoices.index());
            fetch(app, &mut view, Slot::Invoices, fx);
            Changed::Yes
        }
        Action::ToggleTicketsAll if view.focus == Pane::Tickets => {
            view.tickets_all = !view.tickets_all;
            view.tickets.data = None;
            view.selected.remove(&Pane::Tickets.index());
            fetch(app, &mut view, Slot::Tickets, fx);
            Changed::Yes
        }
        Action::CycleOrderFilter if view.focus == Pane::Orders => {
            view.order_filter = match view.order_filter {
                None => Some(ServiceOrderStatus::Pending),
                Some(ServiceOrderStatus::Pending) => Some(ServiceOrderStatus::AwaitingScheduling),
                Some(ServiceOrderStatus::AwaitingScheduling) => Some(ServiceOrderStatus::Finished),
                Some(ServiceOrderStatus::Finished) => None,
            };
            view.orders.data = None;
            view.selected.remove(&Pane::Orders.index());
            fetch(app, &mut view, Slot::Orders, fx);
            Changed::Yes
        }
        Action::RevealPassword => {
            let service = view.selected_service();
            let has = service
                .and_then(|s| s.senha.as_deref())
                .is_some_and(|s| !s.is_empty());
            let login = service
                .and_then(|s| s.login.as_deref())
                .map(|l| crate::sanitize::clean(l).into_owned())
                .unwrap_or_default();
            if view.revealed == Some(view.service) {
                view.revealed = None;
            } else if has {
                view.revealed = Some(view.service);
                app.set_status(
                    StatusKind::Info,
                    trf(lang, T::PasswordShown, &[("login", &login)]),
                );
            } else {
                app.set_status(StatusKind::Info, tr(lang, T::PasswordNone).into());
            }
            Changed::Yes
        }
        a @ (Action::Copy
        | Action::OpenTicket
        | Action::OpenTicketWithOrder
        | Action::Unlock
        | Action::ResetMac
        | Action::Disconnect
        | Action::SendInvoice
        | Action::EditTicket
        | Action::CloseTicket) => actions::start(app, &mut view, a, fx),
        Action::NetworkJump => tools::network::jump(app, &view, fx),
        // The panes' texts run longer than 80x24 (the selected service's
        // address and last connection, a PIX code, a ticket's text): the
        // page keys, Home and End scroll the focused pane's text and the
        // arrows move between items. The connection history is a list:
        // there the page keys move through the sessions.
        a @ (Action::PageDown | Action::PageUp | Action::Top | Action::Bottom)
            if view.focus != Pane::Connections =>
        {
            let half = (page / 2).max(1) as i32;
            let moved = match a {
                Action::PageDown => view.detail_scroll.by(half),
                Action::PageUp => view.detail_scroll.by(-half),
                Action::Top => view.detail_scroll.top(),
                _ => view.detail_scroll.end(),
            };
            if moved { Changed::Yes } else { Changed::No }
        }
        a @ (Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom) => {
            let pane = view.focus;
            view.detail_scroll.reset();
            // On the Cliente pane ↑/↓ (j/k) choose among the services it
            // lists, as on Serviços.
            let rows = match (pane, a) {
                (Pane::Customer, Action::Up | Action::Down) => view.rows(Pane::Services),
                _ => view.rows(pane),
            };
            match moved(a, view.sel(pane), rows, page) {
                Some(to) if pane == Pane::Services || pane == Pane::Customer => {
                    // Chosen by hand: the search's match no longer decides.
                    view.pick = None;
                    if to != view.service {
                        view.service = to;
                        view.revealed = None;
                        sync_connections(app, &mut view, fx);
                    }
                    Changed::Yes
                }
                Some(to) => {
                    view.selected.insert(pane.index(), to);
                    Changed::Yes
                }
                None => Changed::No,
            }
        }
        _ => Changed::No,
    };
    if close {
        app.view = Some(view);
        close_view(app, fx);
        if app.search.focus.0 == SearchFocus::Input {
            app.search.show_history = app.search.results.data.is_none() && !app.history.is_empty();
        }
    } else {
        app.view = Some(view);
    }
    changed
}

fn focus(view: &mut CustomerView, pane: Pane) {
    if view.focus != pane {
        view.detail_scroll.reset();
    }
    view.focus = pane;
    if pane.is_detail() {
        view.detail = pane;
    }
}

fn on_reply(app: &mut App, req: ReqId, reply: Reply, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let timeout = app.settings.timeout_secs;
    let err = |e: ApiError| error_text(lang, &e, timeout);
    if req.view == tools::TOOLS_VIEW {
        let Reply::Tool(reply) = reply else {
            return Changed::No;
        };
        return tools::on_reply(app, req.seq, reply);
    }
    if req.view == SEARCH_VIEW {
        let Reply::Customers(result) = reply else {
            return Changed::No;
        };
        if !app.search.results.expects(req.seq) {
            return Changed::No;
        }
        // The lists asked with this search: used by the customer it opens,
        // or aborted.
        let prefetch = app.search.prefetch.take();
        let popped = tools::pbx::answers_pop(app, req.seq);
        let single = match &result {
            Ok(list) if list.len() == 1 => list.first().cloned(),
            _ => None,
        };
        let has_rows = result.as_ref().is_ok_and(|v| !v.is_empty());
        app.search.results.finish(result.map_err(err));
        typeahead::hide(app);
        app.search.selected = 0;
        if has_rows {
            app.search.focus.0 = SearchFocus::List;
        }
        if popped {
            if let Some(p) = prefetch {
                fx.push(Effect::Abort { view: p.view });
            }
            return tools::pbx::on_answer(app, req.seq, fx);
        }
        // One match: the attendant wants that customer, open it at once,
        // unless the box no longer names what was searched.
        if let (Some(c), Screen::Search, true) = (single, app.screen, box_holds_last_search(app)) {
            let pick = search_pick(app);
            match (prefetch, c.codigo_cliente) {
                // The one the CPF/CNPJ or code names: its record and lists
                // are here or on their way (issue 16).
                (Some(p), Some(code)) if p.search_seq == req.seq && p.key.names(&c) => {
                    open_code(app, code, Some(c), pick, Some(p), fx);
                }
                (p, _) => {
                    if let Some(p) = p {
                        fx.push(Effect::Abort { view: p.view });
                    }
                    open_customer_matching(app, c, pick, fx);
                }
            }
        } else if let Some(p) = prefetch {
            // Several customers, none, or an error: the lists were asked
            // for a customer who will not open now.
            fx.push(Effect::Abort { view: p.view });
        }
        return Changed::Yes;
    }
    // A list asked with the search, answering before it: kept until the
    // search says whose it is.
    if let Some(p) = app.search.prefetch.as_mut()
        && p.view == req.view
    {
        if p.sent.contains(&(req.slot, req.seq)) {
            p.arrived.push((req, reply));
        }
        return Changed::No;
    }
    let Some(mut view) = app.view.take() else {
        return Changed::No;
    };
    if view.id != req.view {
        // A customer no longer on screen: drop it (its task was aborted).
        app.view = Some(view);
        return Changed::No;
    }
    let changed = match (req.slot, reply) {
        (Slot::Customer, Reply::Customers(result)) if view.customer.expects(req.seq) => {
            let code = view.code;
            let selected_id = view.selected_service().and_then(|s| s.id_cliente_servico);
            let result = result.map_err(err).and_then(|list| {
                list.iter()
                    .find(|c| c.codigo_cliente == Some(code))
                    .or(list.first())
                    .cloned()
                    .ok_or_else(|| tr(lang, T::ErrNotFound).to_owned())
            });
            view.customer.finish(result);
            // The selection follows the service, not its position: the full
            // record may list the services in another order.
            if let Some(i) = selected_id.and_then(|id| {
                view.customer.data.as_ref().and_then(|c| {
                    c.servicos
                        .iter()
                        .position(|s| s.id_cliente_servico == Some(id))
                })
            }) {
                view.service = i;
            }
            apply_pick(&mut view);
            let n = view.rows(Pane::Services);
            if view.service >= n {
                view.service = n.saturating_sub(1);
                view.revealed = None;
            }
            // A failed read of the header says nothing about the login: the
            // connection history already shown stays (issue 9).
            if view.customer.data.is_some() {
                sync_connections(app, &mut view, fx);
            }
            Changed::Yes
        }
        (Slot::Invoices, Reply::Invoices(result)) if view.invoices.expects(req.seq) => {
            if doc_keyed_misfit(&mut view, req.seq, &result, |i| owner(&i.cliente)) {
                fetch(app, &mut view, Slot::Invoices, fx);
                return keep(app, view);
            }
            view.invoices.finish(result.map_err(err));
            clamp(&mut view, Pane::Invoices);
            Changed::Yes
        }
        (Slot::Tickets, Reply::Tickets(result)) if view.tickets.expects(req.seq) => {
            if doc_keyed_misfit(&mut view, req.seq, &result, |t| owner(&t.cliente)) {
                fetch(app, &mut view, Slot::Tickets, fx);
                return keep(app, view);
            }
            view.tickets.finish(result.map_err(err));
            clamp(&mut view, Pane::Tickets);
            // A caller who is a ticket's contact points at its service.
            if apply_pick(&mut view) {
                sync_connections(app, &mut view, fx);
            }
            Changed::Yes
        }
        (Slot::Orders, Reply::Orders(result)) if view.orders.expects(req.seq) => {
            if doc_keyed_misfit(&mut view, req.seq, &result, |o| owner(&o.cliente)) {
                fetch(app, &mut view, Slot::Orders, fx);
                return keep(app, view);
            }
            view.orders.finish(result.map_err(err));
            clamp(&mut view, Pane::Orders);
            Changed::Yes
        }
        (Slot::Connections, Reply::Connections(result)) if view.connections.expects(req.seq) => {
            view.connections.finish(result.map_err(err));
            clamp(&mut view, Pane::Connections);
            Changed::Yes
        }
        _ => Changed::No,
    };
    app.view = Some(view);
    changed
}

/// Puts `view` back on screen after a list answer that changed nothing
/// visible (it is being read again).
fn keep(app: &mut App, view: CustomerView) -> Changed {
    app.view = Some(view);
    Changed::No
}

/// The customer code a record names in its `cliente`.
fn owner(cliente: &Option<Customer>) -> Option<u64> {
    cliente.as_ref().and_then(|c| c.codigo_cliente)
}

/// Whether the answer to list read `seq` must be read again by code: it
/// was asked by the search's CPF/CNPJ ([`CustomerView::doc_keyed`]), and
/// a record in it names another customer or none, or the server refused
/// that key. A network failure is shown as it is: the same read by code
/// would most likely meet it too.
fn doc_keyed_misfit<T>(
    view: &mut CustomerView,
    seq: u64,
    result: &Result<Vec<T>, ApiError>,
    owner: impl Fn(&T) -> Option<u64>,
) -> bool {
    let Some(i) = view.doc_keyed.iter().position(|s| *s == seq) else {
        return false;
    };
    view.doc_keyed.swap_remove(i);
    match result {
        Ok(list) => list.iter().any(|r| owner(r) != Some(view.code)),
        Err(
            ApiError::Refused { .. }
            | ApiError::NotFound { .. }
            | ApiError::Decode { .. }
            | ApiError::InvalidRequest { .. },
        ) => true,
        Err(ApiError::Http { status, .. }) => (400..500).contains(status),
        Err(_) => false,
    }
}

/// Reads `slot` of `view` again when that customer is still on screen
/// (after an action, or a delayed refresh after a disconnect).
fn refresh_slot(app: &mut App, view: ViewId, slot: Slot, fx: &mut Vec<Effect>) {
    let Some(mut v) = app.view.take() else {
        return;
    };
    if v.id == view {
        fetch(app, &mut v, slot, fx);
    }
    app.view = Some(v);
}

fn clamp(view: &mut CustomerView, pane: Pane) {
    let rows = view.rows(pane);
    let sel = view.sel(pane).min(rows.saturating_sub(1));
    view.selected.insert(pane.index(), sel);
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod action_tests;
