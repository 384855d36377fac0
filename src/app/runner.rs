//! Runs [`Effect::Fetch`]: one tokio task per request, its result sent
//! back to the loop as [`Msg::Fetched`]. Tasks are kept per view and slot,
//! so leaving a customer aborts all of its reads and a refresh aborts the
//! read it replaces.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::Client;

use super::{Effect, Msg, Reply, Request, Slot, ViewId};

/// Spawns requests and tracks them for cancellation.
#[derive(Debug)]
pub struct Runner {
    client: Client,
    tx: UnboundedSender<Msg>,
    tasks: HashMap<(ViewId, Slot), AbortHandle>,
}

impl Runner {
    /// A runner that sends results to `tx`.
    pub fn new(client: Client, tx: UnboundedSender<Msg>) -> Runner {
        Runner {
            client,
            tx,
            tasks: HashMap::new(),
        }
    }

    /// Requests still running (finished ones are forgotten lazily).
    pub fn in_flight(&self) -> usize {
        self.tasks.values().filter(|t| !t.is_finished()).count()
    }

    /// Runs one fetch or abort effect; other effects belong to the loop
    /// and are ignored here. Must be called inside a tokio runtime.
    pub fn run(&mut self, effect: Effect) {
        self.tasks.retain(|_, t| !t.is_finished());
        match effect {
            Effect::Fetch { req, request } => {
                if let Some(old) = self.tasks.remove(&(req.view, req.slot)) {
                    old.abort();
                }
                let client = self.client.clone();
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    let reply = perform(&client, request).await;
                    // The loop may be gone (quitting): nothing to do then.
                    let _ = tx.send(Msg::Fetched { req, reply });
                });
                self.tasks
                    .insert((req.view, req.slot), handle.abort_handle());
            }
            Effect::Abort { view } => {
                self.tasks.retain(|(v, _), task| {
                    if *v == view {
                        task.abort();
                        false
                    } else {
                        true
                    }
                });
            }
            Effect::Suspend | Effect::Quit => {}
        }
    }

    /// Aborts everything (the console is closing).
    pub fn abort_all(&mut self) {
        for (_, task) in self.tasks.drain() {
            task.abort();
        }
    }
}

async fn perform(client: &Client, request: Request) -> Reply {
    match request {
        Request::Search(p) | Request::Customer(p) => {
            Reply::Customers(client.search_customers(&p).await)
        }
        Request::Invoices(p) => Reply::Invoices(client.customer_invoices(&p).await),
        Request::Tickets(p) => Reply::Tickets(client.customer_tickets(&p).await),
        Request::Orders(p) => Reply::Orders(client.service_orders(&p).await),
        Request::Connections(p) => Reply::Connections(client.connection_log(&p).await),
    }
}
