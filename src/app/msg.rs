//! The messages `update` reads and the effects it returns: what comes
//! in (keys, pastes, results), what goes out (reads, actions, copies), and
//! the identity every request carries.

use std::time::Duration;

use crossterm::event::KeyEvent;

use crate::api::{
    ApiError, ConnectionLog, ConnectionLogQuery, Customer, CustomerSearch, Invoice, InvoiceSearch,
    ServiceOrder, ServiceOrderSearch, ServicePassword, ServicePasswordsQuery, Ticket, TicketSearch,
};
use crate::i18n::Msg as T;

use super::{actions, confirm, inflight, tools};

/// Identifies one customer view (a customer opened once). The search has
/// its own id, [`SEARCH_VIEW`]; customer views count up from 1 and are
/// never reused, so a late result can never land on another customer.
pub type ViewId = u64;

/// The [`ViewId`] of search requests.
pub const SEARCH_VIEW: ViewId = 0;

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
    /// The selected service's router and Wi-Fi passwords, read only while
    /// they are revealed.
    Passwords,
    /// The watches' read of the last connections ([`super::watch`]).
    Watch,
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
    /// `GET /cliente/cliente_servico/{id}/senhas`.
    Passwords(ServicePasswordsQuery),
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
    /// Abort every unfinished request of `view` (its tab was closed, or
    /// the lists asked with a search were not needed).
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
    /// Ring the terminal bell (BEL), written by the loop between frames:
    /// a watched service came online.
    Bell,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Start a NOC command with its output piped back as
    /// [`Msg::CommandOutput`] and its end as [`Msg::CommandEnded`] (see
    /// [`super::noc::process`]).
    RunCommand {
        /// The run's id, echoed in the messages.
        run: u64,
        /// The program and its arguments, filled.
        argv: Vec<String>,
        /// For a command that writes: the audit attempt, written before
        /// it starts (the runner fills in the host).
        audit: Option<Box<crate::audit::AuditAttempt>>,
    },
    /// Stop a NOC command started by [`Effect::RunCommand`] (and whatever
    /// it started).
    CancelCommand {
        /// The run.
        run: u64,
    },
    /// Hand the terminal to a NOC command (ssh to an OLT): the loop
    /// leaves the full screen, runs it, takes the terminal back and sends
    /// [`Msg::CommandEnded`].
    Interactive {
        /// The run's id.
        run: u64,
        /// The program and its arguments, filled.
        argv: Vec<String>,
        /// As for [`Effect::RunCommand`].
        audit: Option<Box<crate::audit::AuditAttempt>>,
    },
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
    /// A service's router and Wi-Fi passwords.
    Passwords(Result<Vec<ServicePassword>, ApiError>),
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
    /// Read `slot` of `view` again, if its tab is still open (on screen
    /// or parked).
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
    /// Output lines of a NOC command.
    CommandOutput {
        /// The run.
        run: u64,
        /// Whole lines (a very long line comes in pieces).
        lines: Vec<String>,
    },
    /// A NOC command ended.
    CommandEnded {
        /// The run.
        run: u64,
        /// How.
        end: super::noc::CommandEnd,
    },
    /// The local type-ahead index, or why it could not be loaded.
    IndexLoaded {
        /// The generation it was asked for.
        generation: u64,
        /// The index.
        result: Result<std::sync::Arc<crate::index::CustomerIndex>, ApiError>,
    },
}

/// What [`update`] did, for the loop: whether to redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Something visible changed.
    Yes,
    /// Nothing changed (an unbound key, a stale result).
    No,
}
