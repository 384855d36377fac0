//! The console's state types other than the search's and the customer
//! view's: the panes, a remote read's state, the history, the screen and
//! the session's settings, and the sizes and limits they go by.

use std::time::Duration;

use crate::api::{CustomerSearch, CustomerSearchBy};
use crate::i18n::{Lang, Msg as T};
use crate::theme::Theme;

use super::keymap::Context;
use super::tools;

/// Smallest usable terminal; below it only the "too small" notice is drawn
/// and keys other than quit are ignored.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable terminal height; see [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 15;

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

    pub(super) fn finish(&mut self, result: Result<T, String>) {
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
    /// The canned texts the ticket forms offer (`Ctrl-T`): the config's
    /// sound `[templates]`, else the built-in ones.
    pub templates: Vec<crate::ops::templates::Template>,
    /// The pace of watches (`[watch]` in the config).
    pub watch: super::watch::WatchConfig,
    /// The NOC commands (`[[commands]]`), checked; bound to their keys by
    /// [`super::keymap::Keymap::bind_commands`].
    pub commands: Vec<crate::ops::commands::NocCommand>,
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
            templates: crate::ops::templates::defaults(),
            watch: super::watch::WatchConfig::default(),
            commands: Vec::new(),
        }
    }
}
