//! The customer view: its state, opening and leaving a customer, reading
//! its panes, and its keys.

use std::collections::{BTreeMap, HashMap};

use crate::api::{
    ConnectionLog, ConnectionLogQuery, Customer, CustomerKey, CustomerSearch, CustomerSearchBy,
    Invoice, ServiceOrder, ServiceOrderStatus, ServicePassword, ServicePasswordsQuery, Ticket,
};
use crate::i18n::{Msg as T, tr, trf};
use crate::search_kind;

use super::keymap::Action;
use super::keys::{moved, page};
use super::replies::on_reply;
use super::search::Prefetch;
use super::status::StatusKind;
use super::{
    App, Changed, Effect, HistoryEntry, LIST_LIMIT, Pane, Remote, ReqId, Request, Screen,
    SearchFocus, Slot, ViewId, WIDE_FROM, actions, forms, scroll, tools,
};

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
    /// The index of the service whose passwords are revealed; hidden
    /// again when the view closes or another service is selected
    /// ([`CustomerView::hide_secrets`]).
    pub revealed: Option<usize>,
    /// The revealed service's router and Wi-Fi passwords: read when they
    /// are revealed and dropped (zeroized) when hidden, so they are held
    /// only while on screen.
    pub device_passwords: Remote<Vec<ServicePassword>>,
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
    /// Forms closed with Esc after typing, until this customer's tab is
    /// closed:
    /// the same key opens them again as they were (issue 13).
    pub drafts: HashMap<actions::DraftKey, forms::AnyForm>,
    /// Sequence numbers of the lists asked by the search's CPF/CNPJ before
    /// the customer was known ([`Prefetch`]): a CPF/CNPJ may be shared by
    /// several customers (one registered twice, an old cancelled record
    /// the search leaves out), so their answers are shown only when every
    /// record names this customer; otherwise the list is read again by
    /// code.
    pub doc_keyed: Vec<u64>,
    /// The services watched until they come online, and the offer to
    /// watch one after an action (issue 18): they belong to this
    /// customer, keep ticking while its tab is parked, and go when the tab
    /// is closed.
    pub watch: super::watch::Watches,
}

/// A pane as a map key for per-pane selection.
pub type PaneKey = usize;

impl CustomerView {
    /// Hides the revealed passwords and forgets the router and Wi-Fi
    /// ones (a late answer to their read is then dropped).
    pub fn hide_secrets(&mut self) {
        self.revealed = None;
        self.device_passwords = Remote::default();
    }

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

    /// Shows `status` as service `id`'s status at once (a service-state
    /// action's answer), until the customer is read again.
    pub fn set_service_status(&mut self, id: u64, status: &str) {
        let services = self.customer.data.as_mut().map(|c| c.servicos.iter_mut());
        for s in services.into_iter().flatten() {
            if s.id_cliente_servico == Some(id) {
                s.status = Some(status.into());
                // Its machine form belongs to the old status.
                s.status_prefixo = None;
            }
        }
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
    pub(super) fn rows(&self, pane: Pane) -> usize {
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

/// `GET cliente/financeiro` for a pane: pending invoices, or all of them.
pub(super) fn invoices_request(key: &CustomerKey, all: bool) -> Request {
    let mut p = key.invoices();
    p.only_pending = Some(!all);
    p.limit = Some(LIST_LIMIT);
    Request::Invoices(p)
}

/// `GET cliente/atendimento` for a pane: open tickets, or all of them.
pub(super) fn tickets_request(key: &CustomerKey, all: bool) -> Request {
    let mut p = key.tickets();
    p.only_open = Some(!all);
    p.limit = Some(LIST_LIMIT);
    // Each ticket's message thread (current servers; a 2020 one ignores
    // it and the threads come back empty).
    p.with_messages = true;
    Request::Tickets(p)
}

/// `GET cliente/ordem_servico` for a pane, with its status filter.
pub(super) fn orders_request(key: &CustomerKey, status: Option<ServiceOrderStatus>) -> Request {
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

/// Selects the service [`CustomerView::pick`] names, when the data to
/// tell is there; returns whether the selection moved.
pub(super) fn apply_pick(view: &mut CustomerView) -> bool {
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
            view.hide_secrets();
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
pub(super) fn open_code(
    app: &mut App,
    code: u64,
    summary: Option<Customer>,
    pick: Option<(CustomerSearchBy, String)>,
    prefetched: Option<Prefetch>,
    fx: &mut Vec<Effect>,
) {
    let name = summary
        .as_ref()
        .and_then(|c| c.display_name())
        .map(|n| crate::sanitize::clean(n).into_owned())
        .unwrap_or_else(|| code.to_string());
    // Already open (issue 18): its tab comes back as it was left; the
    // lists the search asked for it are not needed.
    if let Some(i) = super::tabs::index_of_code(app, code) {
        if let Some(p) = &prefetched {
            fx.push(Effect::Abort { view: p.view });
        }
        super::tabs::activate(app, i);
        let shown = app
            .view
            .as_ref()
            .map(|v| super::tabs::name_of(app.lang(), v))
            .unwrap_or_default();
        app.push_history(HistoryEntry::Customer { code, name });
        let text = trf(
            app.lang(),
            T::TabAlreadyOpen,
            &[("name", &shown), ("n", &(i + 1))],
        );
        app.set_status(StatusKind::Info, text);
        return;
    }
    if !super::tabs::make_room(app, fx) {
        if let Some(p) = &prefetched {
            fx.push(Effect::Abort { view: p.view });
        }
        return;
    }
    let id = match &prefetched {
        Some(p) => p.view,
        None => {
            let id = app.next_view;
            app.next_view += 1;
            id
        }
    };
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
        device_passwords: Remote::default(),
        focus: Pane::Customer,
        detail: Pane::Invoices,
        detail_scroll: scroll::Scroll::new(),
        pick,
        drafts: HashMap::new(),
        doc_keyed: Vec::new(),
        watch: super::watch::Watches::default(),
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
    // A new tab; the customer on screen, if any, is parked.
    super::tabs::open(app, view);
    // Lists that answered before the search did, as if they came now.
    for (req, reply) in arrived {
        on_reply(app, req, reply, fx);
    }
}

/// Leaves the customer on screen for the search screen: its tab stays
/// open, parked with its reads in flight and its watches (issue 18); a
/// revealed password goes, and a NOC command's window still up stops (a
/// command never outlives what it was run on). Closing a tab is
/// [`super::tabs`]' job.
pub(super) fn park_view(app: &mut App, fx: &mut Vec<Effect>) {
    super::noc::cancel_shown(app, fx);
    super::tabs::park(app);
    app.screen = Screen::Search;
}

/// `GET cliente` by code with the last connection: the customer's
/// record, for the Cliente pane and for the watches' reads.
pub(super) fn customer_request(app: &App, code: u64) -> Request {
    let mut p = CustomerSearch::new(CustomerSearchBy::Code, code.to_string());
    p.last_connection = Some(true);
    // The trust-unlock history (current servers; a 2020 one
    // ignores it and sends none).
    p.include_unlocks = Some(true);
    p.include_cancelled = Some(app.search.include_cancelled);
    Request::Customer(p)
}

pub(super) fn fetch(app: &mut App, view: &mut CustomerView, slot: Slot, fx: &mut Vec<Effect>) {
    let seq = app.seq();
    let request = match slot {
        // The watches send their own reads (`watch::on_tick`).
        Slot::Search | Slot::Tool(_) | Slot::Watch => return,
        Slot::Customer => {
            view.customer.start(seq);
            customer_request(app, view.code)
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
        Slot::Passwords => {
            let Some(id) = view
                .selected_service()
                .and_then(|s| s.id_cliente_servico)
                .filter(|_| view.revealed == Some(view.service))
            else {
                view.device_passwords = Remote::default();
                return;
            };
            view.device_passwords.start(seq);
            Request::Passwords(ServicePasswordsQuery {
                id_cliente_servico: id,
            })
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
pub(super) fn sync_connections(app: &mut App, view: &mut CustomerView, fx: &mut Vec<Effect>) {
    let login = view
        .selected_service()
        .and_then(|s| s.login.as_deref().map(str::to_owned))
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

pub(super) fn customer_key(app: &mut App, action: Option<Action>, fx: &mut Vec<Effect>) -> Changed {
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
        // Esc first stops the watches, and stays on the customer.
        Action::Back if super::watch::stop(app, &mut view) => Changed::Yes,
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
            let has_pppoe = service
                .and_then(|s| s.senha.as_deref())
                .is_some_and(|s| !s.is_empty());
            let has_id = service.and_then(|s| s.id_cliente_servico).is_some();
            let login = service
                .and_then(|s| s.login.as_deref())
                .map(|l| crate::sanitize::clean(l).into_owned())
                .unwrap_or_default();
            if view.revealed == Some(view.service) {
                view.hide_secrets();
            } else if has_pppoe || has_id {
                // The PPPoE password is in the record; the router and
                // Wi-Fi ones are read now, only because they were asked.
                view.revealed = Some(view.service);
                fetch(app, &mut view, Slot::Passwords, fx);
                app.set_status(
                    StatusKind::Info,
                    trf(lang, T::PasswordShown, &[("login", &login)]),
                );
            } else {
                app.set_status(StatusKind::Info, tr(lang, T::PasswordNone).into());
            }
            Changed::Yes
        }
        // The actions of the ops table (its row says what each needs).
        a @ (Action::Copy | Action::OpenTicketWithOrder | Action::Run(_)) => {
            actions::start(app, &mut view, a, fx)
        }
        Action::NetworkJump => tools::network::jump(app, &view, fx),
        Action::Watch => super::watch::start(app, &mut view),
        Action::Noc(i) => super::noc::start(app, &view, i, fx),
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
                        view.hide_secrets();
                        // The offer named the service the action was on.
                        view.watch.offer = None;
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
        park_view(app, fx);
        if app.search.focus.0 == SearchFocus::Input {
            app.search.show_history = app.search.results.data.is_none() && !app.history.is_empty();
        }
    } else {
        app.view = Some(view);
    }
    changed
}

pub(super) fn focus(view: &mut CustomerView, pane: Pane) {
    if view.focus != pane {
        view.detail_scroll.reset();
    }
    view.focus = pane;
    if pane.is_detail() {
        view.detail = pane;
    }
}

/// Reads `slot` of `view` again when that customer is still open, on
/// screen or in a parked tab (after an action, or a delayed refresh after
/// a disconnect).
pub(super) fn refresh_slot(app: &mut App, view: ViewId, slot: Slot, fx: &mut Vec<Effect>) {
    let Some((mut v, seat)) = super::tabs::take(app, view) else {
        return;
    };
    fetch(app, &mut v, slot, fx);
    super::tabs::put(app, v, seat);
}

pub(super) fn clamp(view: &mut CustomerView, pane: Pane) {
    let rows = view.rows(pane);
    let sel = view.sel(pane).min(rows.saturating_sub(1));
    view.selected.insert(pane.index(), sel);
}
