//! A read's answer: to the search, to the lists asked with it, or to the
//! customer tab it belongs to, on screen or parked; anything else is
//! dropped.

use crate::api::{ApiError, Customer};
use crate::i18n::{Msg as T, tr};

use super::customer::{
    apply_pick, clamp, fetch, open_code, open_customer_matching, sync_connections,
};
use super::search::{box_holds_last_search, search_pick};
use super::{
    App, Changed, CustomerView, Effect, Pane, Reply, ReqId, SEARCH_VIEW, Screen, SearchFocus, Slot,
    error_text, tabs, tools, typeahead,
};

pub(super) fn on_reply(app: &mut App, req: ReqId, reply: Reply, fx: &mut Vec<Effect>) -> Changed {
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
    // The tab it belongs to, on screen or parked (issue 18). A closed
    // tab's answer finds none and is dropped (its task was aborted).
    let Some((mut view, seat)) = tabs::take(app, req.view) else {
        return Changed::No;
    };
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
                view.hide_secrets();
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
                return keep(app, view, seat);
            }
            view.invoices.finish(result.map_err(err));
            clamp(&mut view, Pane::Invoices);
            Changed::Yes
        }
        (Slot::Tickets, Reply::Tickets(result)) if view.tickets.expects(req.seq) => {
            if doc_keyed_misfit(&mut view, req.seq, &result, |t| owner(&t.cliente)) {
                fetch(app, &mut view, Slot::Tickets, fx);
                return keep(app, view, seat);
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
                return keep(app, view, seat);
            }
            view.orders.finish(result.map_err(err));
            clamp(&mut view, Pane::Orders);
            Changed::Yes
        }
        (Slot::Passwords, Reply::Passwords(result))
            if view.device_passwords.expects(req.seq) && view.revealed == Some(view.service) =>
        {
            view.device_passwords.finish(result.map_err(err));
            Changed::Yes
        }
        (Slot::Connections, Reply::Connections(result)) if view.connections.expects(req.seq) => {
            view.connections.finish(result.map_err(err));
            clamp(&mut view, Pane::Connections);
            Changed::Yes
        }
        (Slot::Watch, Reply::Customers(result)) => {
            super::watch::on_reply(app, &mut view, req.seq, result, fx)
        }
        _ => Changed::No,
    };
    tabs::put(app, view, seat);
    changed
}

/// Puts `view` back in its tab after a list answer that changed nothing
/// visible (it is being read again).
fn keep(app: &mut App, view: CustomerView, seat: tabs::Seat) -> Changed {
    tabs::put(app, view, seat);
    Changed::No
}

/// The customer code a record names in its `cliente`.
pub(super) fn owner(cliente: &Option<Customer>) -> Option<u64> {
    cliente.as_ref().and_then(|c| c.codigo_cliente)
}

/// Whether the answer to list read `seq` must be read again by code: it
/// was asked by the search's CPF/CNPJ ([`CustomerView::doc_keyed`]), and
/// a record in it names another customer or none, or the server refused
/// that key. A network failure is shown as it is: the same read by code
/// would most likely meet it too.
pub(super) fn doc_keyed_misfit<T>(
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
