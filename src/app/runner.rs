//! Runs [`Effect::Fetch`]: one tokio task per request, its result sent
//! back to the loop as [`Msg::Fetched`]. Tasks are kept per view and slot,
//! so leaving a customer aborts all of its reads and a refresh aborts the
//! read it replaces.

use std::collections::HashMap;
use std::time::Duration;

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::{AbortHandle, JoinHandle};

use crate::api::{ApiError, Client};
use crate::audit::{self, Audit};

use super::actions::ActionReply;
use super::confirm::ActionRequest;
use super::{Effect, Msg, Reply, Request, Slot, ViewId};

/// How many audit entries the console's audit overlay reads.
pub const AUDIT_SHOWN: usize = 200;

/// The API client, ready or still being built.
///
/// Building a `reqwest::Client` for an `https://` server reads and parses
/// the platform's trust store (tens of milliseconds), and `--demo` first
/// generates the simulator's data. Neither is needed to draw the first
/// frame, so the console starts with the client under construction on a
/// blocking task; each request awaits it (the first one waits, the rest
/// find it ready). A client that could not be built fails every request
/// with its [`ApiError`], shown like any other error.
#[derive(Clone)]
pub struct ClientSource {
    client: Shared<BoxFuture<'static, Result<Client, ApiError>>>,
    request_timeout: Duration,
}

impl std::fmt::Debug for ClientSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSource")
            .field("ready", &self.client.peek().is_some())
            .field("request_timeout", &self.request_timeout)
            .finish()
    }
}

impl ClientSource {
    /// A client built on a task (usually `spawn_blocking`); its reads time
    /// out after `request_timeout` (known before it is built, for the
    /// console's timeout message).
    pub fn building(
        request_timeout: Duration,
        task: JoinHandle<Result<Client, ApiError>>,
    ) -> ClientSource {
        let client = async move {
            task.await.unwrap_or_else(|e| {
                Err(ApiError::Config {
                    reason: format!("building the client failed: {e}"),
                })
            })
        }
        .boxed()
        .shared();
        ClientSource {
            client,
            request_timeout,
        }
    }

    /// How long one read may take.
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// The client, once built.
    pub async fn get(&self) -> Result<Client, ApiError> {
        self.client.clone().await
    }
}

impl ClientSource {
    /// The server's address, once the client is built.
    pub fn base_url_now(&self) -> Option<String> {
        match self.client.peek() {
            Some(Ok(c)) => Some(c.base_url().to_owned()),
            _ => None,
        }
    }
}

/// Writes how a NOC command that writes ended ([`crate::ops::commands::judge`]);
/// a line the trail could not take is said like an action's.
pub fn finish_command_audit(
    pending: Option<audit::PendingAttempt>,
    end: &crate::ops::commands::CommandEnd,
    tx: &UnboundedSender<Msg>,
) {
    let Some(pending) = pending else {
        return;
    };
    let (outcome, msg) = crate::ops::commands::judge(end);
    if let Err(e) = pending.finish(outcome, msg.as_deref()) {
        let _ = tx.send(Msg::AuditNotRecorded(e.to_string()));
    }
}

impl From<Client> for ClientSource {
    fn from(client: Client) -> ClientSource {
        let request_timeout = client.request_timeout();
        ClientSource {
            client: futures::future::ready(Ok(client)).boxed().shared(),
            request_timeout,
        }
    }
}

/// Spawns requests and tracks them for cancellation.
#[derive(Debug)]
pub struct Runner {
    client: ClientSource,
    tx: UnboundedSender<Msg>,
    tasks: HashMap<(ViewId, Slot), AbortHandle>,
    /// One-off tasks (copies, delayed refreshes, the audit read): never
    /// aborted by a view change.
    detached: Vec<AbortHandle>,
    /// Actions in flight: never aborted by a view change, since an
    /// action's answer must reach the attendant; awaited on shutdown so
    /// that each abandoned one has its `unknown` outcome written.
    actions: Vec<JoinHandle<()>>,
    /// The local index's load: a newer one replaces (aborts) it.
    index_task: Option<AbortHandle>,
    /// Keeps an access token ready (see [`Runner::keep_token_fresh`]).
    token_keeper: Option<AbortHandle>,
    /// NOC commands running, by run id: aborting one kills its process
    /// group ([`super::noc::process`]).
    commands: HashMap<u64, AbortHandle>,
    audit: Option<Audit>,
    /// Open the user's audit file at the first action (see
    /// [`Runner::with_audit_file`]), with its sink.
    audit_file: Option<(std::path::PathBuf, audit::Sink)>,
}

impl Runner {
    /// A runner that sends results to `tx`.
    pub fn new(client: impl Into<ClientSource>, tx: UnboundedSender<Msg>) -> Runner {
        Runner {
            client: client.into(),
            tx,
            tasks: HashMap::new(),
            detached: Vec::new(),
            actions: Vec::new(),
            index_task: None,
            token_keeper: None,
            commands: HashMap::new(),
            audit: None,
            audit_file: None,
        }
    }

    /// Obtains an access token now, in the background, and renews it
    /// before it goes stale ([`Client::keep_token_fresh`]), so that the
    /// first search after start-up, and any search after a long pause,
    /// does not wait for a grant (issue 16). Nothing reaches the screen: a
    /// grant that fails is tried again by the next request, which shows
    /// its error as any read does. Not counted by [`Runner::in_flight`].
    pub fn keep_token_fresh(&mut self) {
        if let Some(old) = self.token_keeper.take() {
            old.abort();
        }
        let client = self.client.clone();
        let handle = tokio::spawn(async move {
            // A client that cannot be built fails the first request instead.
            if let Ok(client) = client.get().await {
                client.keep_token_fresh().await;
            }
        });
        self.token_keeper = Some(handle.abort_handle());
    }

    /// Writes actions to the audit file at `path` (the user's
    /// `audit.jsonl`, the one `hubdesk audit` reads) and to `sink`, opened
    /// at the first action so that a console only used for reading
    /// creates no file.
    pub fn with_audit_file(mut self, path: std::path::PathBuf, sink: audit::Sink) -> Runner {
        self.audit_file = Some((path, sink));
        self
    }

    fn trail(&mut self) -> Result<Audit, String> {
        if let Some(a) = &self.audit {
            return Ok(a.clone());
        }
        let Some((path, sink)) = &self.audit_file else {
            return Err("no audit file configured".to_owned());
        };
        let a = Audit::open_with(path, sink.clone()).map_err(|e| e.to_string())?;
        self.audit = Some(a.clone());
        Ok(a)
    }

    fn trail_path(&self) -> Option<std::path::PathBuf> {
        match &self.audit {
            Some(a) => Some(a.path().to_path_buf()),
            None => self.audit_file.as_ref().map(|(path, _)| path.clone()),
        }
    }

    /// Writes actions to `audit`. Without an audit file every action is
    /// refused before it is sent: the trail must come first.
    pub fn with_audit(mut self, audit: Audit) -> Runner {
        self.audit = Some(audit);
        self
    }

    /// Requests still running (finished ones are forgotten lazily).
    pub fn in_flight(&self) -> usize {
        self.tasks.values().filter(|t| !t.is_finished()).count()
            + self.detached.iter().filter(|t| !t.is_finished()).count()
            + self.actions.iter().filter(|t| !t.is_finished()).count()
    }

    /// Runs one fetch or abort effect; other effects belong to the loop
    /// and are ignored here. Must be called inside a tokio runtime.
    pub fn run(&mut self, effect: Effect) {
        self.tasks.retain(|_, t| !t.is_finished());
        self.detached.retain(|t| !t.is_finished());
        self.actions.retain(|t| !t.is_finished());
        match effect {
            Effect::Fetch { req, request } => {
                if let Some(old) = self.tasks.remove(&(req.view, req.slot)) {
                    old.abort();
                }
                let client = self.client.clone();
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    let reply = match client.get().await {
                        Ok(client) => perform(&client, request).await,
                        Err(e) => failed(&request, e),
                    };
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
            Effect::Action {
                submission,
                view: _,
                request,
                audit,
            } => {
                let mut audit = *audit;
                let request = *request;
                let client = self.client.clone();
                let tx = self.tx.clone();
                let trail = self.trail();
                let handle = tokio::spawn(async move {
                    // Without a client nothing can be sent, so nothing is audited.
                    let (reply, not_recorded) = match client.get().await {
                        Ok(client) => {
                            audit.host = client.base_url().to_owned();
                            audited(&client, trail, audit, request).await
                        }
                        Err(e) => (ActionReply::NotSent(e.to_string()), None),
                    };
                    // The server's outcome first, then the trail's trouble.
                    let _ = tx.send(Msg::ActionDone { submission, reply });
                    if let Some(detail) = not_recorded {
                        let _ = tx.send(Msg::AuditNotRecorded(detail));
                    }
                });
                self.actions.push(handle);
            }
            Effect::RefreshLater { view, slot, after } => {
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::RefreshSlot { view, slot });
                });
                self.detached.push(handle.abort_handle());
            }
            Effect::Copy { what, text } => {
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    let env = crate::clipboard::Env::from_process();
                    let report = crate::clipboard::copy(what, text, env).await;
                    let _ = tx.send(Msg::Copied(report));
                });
                self.detached.push(handle.abort_handle());
            }
            Effect::LoadAudit => {
                let tx = self.tx.clone();
                let path = self.trail_path();
                let handle = tokio::task::spawn_blocking(move || {
                    let result = match path {
                        Some(p) => audit::read_latest(&p, AUDIT_SHOWN).map_err(|e| e.to_string()),
                        None => Ok(Vec::new()),
                    };
                    let _ = tx.send(Msg::AuditLoaded(result));
                });
                self.detached.push(handle.abort_handle());
            }
            Effect::LoadIndex { generation } => {
                if let Some(old) = self.index_task.take() {
                    old.abort();
                }
                let client = self.client.clone();
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    let result = load_index(client).await;
                    let _ = tx.send(Msg::IndexLoaded { generation, result });
                });
                self.index_task = Some(handle.abort_handle());
            }
            Effect::RunCommand { run, argv, audit } => {
                self.commands.retain(|_, t| !t.is_finished());
                let tx = self.tx.clone();
                // A command that writes is on the trail before it starts,
                // or does not start.
                let pending = match audit.map(|a| self.begin_command_audit(*a)) {
                    Some(Err(refusal)) => {
                        let _ = tx.send(Msg::CommandEnded {
                            run,
                            end: super::noc::CommandEnd::Failed(refusal),
                        });
                        return;
                    }
                    Some(Ok(p)) => Some(p),
                    None => None,
                };
                let handle = tokio::spawn(async move {
                    let end = super::noc::process::stream(run, argv, &tx).await;
                    finish_command_audit(pending, &end, &tx);
                    let _ = tx.send(Msg::CommandEnded { run, end });
                });
                self.commands.insert(run, handle.abort_handle());
            }
            Effect::CancelCommand { run } => {
                if let Some(task) = self.commands.remove(&run) {
                    task.abort();
                }
            }
            // The loop's: the terminal, the bell, leaving.
            Effect::Interactive { .. } | Effect::Bell | Effect::Suspend | Effect::Quit => {}
        }
    }

    /// Writes a NOC command's audit attempt (synced, and taken by the
    /// sink) before it runs; `Err` says why it must not run. Dropping the
    /// guard unfinished (the run cancelled, the console quitting) writes
    /// `unknown`.
    pub fn begin_command_audit(
        &mut self,
        mut attempt: crate::audit::AuditAttempt,
    ) -> Result<audit::PendingAttempt, String> {
        attempt.host = self.client.base_url_now().unwrap_or_default();
        let trail = self.trail();
        trail
            .and_then(|t| t.begin(&attempt).map_err(|e| e.to_string()))
            .map_err(|detail| {
                tracing::warn!("NOC command refused: the audit trail failed: {detail}");
                format!("audit: {detail}")
            })
    }

    /// Aborts everything (the console is closing). Actions still waiting
    /// for their answer are abandoned; see [`Runner::shutdown`], which
    /// also waits until their `unknown` outcomes are written.
    pub fn abort_all(&mut self) {
        for (_, task) in self.tasks.drain() {
            task.abort();
        }
        for task in self.detached.drain(..) {
            task.abort();
        }
        for task in &self.actions {
            task.abort();
        }
        if let Some(task) = self.index_task.take() {
            task.abort();
        }
        if let Some(task) = self.token_keeper.take() {
            task.abort();
        }
        for (_, task) in self.commands.drain() {
            task.abort();
        }
    }

    /// Aborts everything and waits until every abandoned action has its
    /// outcome line (`unknown`) in the trail: the console calls this on
    /// every way out, so no attempt line is left alone.
    pub async fn shutdown(&mut self) {
        self.abort_all();
        for task in self.actions.drain(..) {
            // Cancelled: its future, and the trail's guard in it, is dropped.
            let _ = task.await;
        }
    }
}

impl Drop for Runner {
    /// The token keeper never ends by itself: it goes with its runner.
    fn drop(&mut self) {
        if let Some(task) = self.token_keeper.take() {
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
        Request::Passwords(p) => Reply::Passwords(client.service_passwords(&p).await),
        Request::Tool(r) => Reply::Tool(r.perform(client).await),
    }
}

/// Fetches every customer and builds the local index as they come:
/// `cliente/todos` page by page on current servers, or the `cliente/all`
/// body (which HubSoft caches) streamed on a server without it. Each
/// customer is decoded, folded into the index and dropped, so memory holds
/// the index and one page, never the whole base (100,000 full records
/// decoded at once took over a gigabyte). A page that fails with a
/// transient error is asked again (the feed keeps its place), a few times
/// in a row at most. Nothing touches the disk.
async fn load_index(
    client: ClientSource,
) -> Result<std::sync::Arc<crate::index::CustomerIndex>, ApiError> {
    const PAGE_RESUMES: u32 = 3;
    let client = client.get().await?;
    // Only the fields the index keeps are decoded (`IndexCustomer`).
    let mut stream = client
        .customer_feed_as::<crate::index::IndexCustomer>(&crate::api::CustomerPagesQuery {
            // Cancelled services too, as `cliente/all` sends them: the
            // index finds what the attendant may still be asked about.
            cancelado: Some(true),
            ..crate::api::CustomerPagesQuery::default()
        })
        .await?;
    let mut builder = crate::index::IndexBuilder::default();
    let mut resumes = 0;
    while let Some(customer) = stream.next_customer().await {
        match customer {
            Ok(c) => {
                resumes = 0;
                builder.push(&c.0);
            }
            Err(e)
                if e.is_retryable()
                    && resumes < PAGE_RESUMES
                    && stream.next_page_number().is_some() =>
            {
                resumes += 1;
                tracing::info!(error = %e, "index page failed; asking for it again");
            }
            Err(e) => return Err(e),
        }
    }
    // Sorting and packing the last pieces is CPU work: off the runtime.
    tokio::task::spawn_blocking(move || std::sync::Arc::new(builder.finish()))
        .await
        .map_err(|e| ApiError::Config {
            reason: format!("building the local index failed: {e}"),
        })
}

/// The reply of a request that could not be sent: the client could not
/// be built.
fn failed(request: &Request, e: ApiError) -> Reply {
    match request {
        Request::Search(_) | Request::Customer(_) => Reply::Customers(Err(e)),
        Request::Invoices(_) => Reply::Invoices(Err(e)),
        Request::Tickets(_) => Reply::Tickets(Err(e)),
        Request::Orders(_) => Reply::Orders(Err(e)),
        Request::Connections(_) => Reply::Connections(Err(e)),
        Request::Passwords(_) => Reply::Passwords(Err(e)),
        Request::Tool(r) => Reply::Tool(r.failed(e)),
    }
}

/// Writes the attempt (synced to disk), sends the action once, writes the
/// outcome, through [`audit::audited`], the one path the command line takes
/// too. Nothing is sent when the attempt cannot be written; an abandoned
/// request (the console quit or was killed) leaves `unknown`. Returns the
/// reply and, when the outcome line could not be written, why.
async fn audited(
    client: &Client,
    trail: Result<Audit, String>,
    attempt: audit::AuditAttempt,
    request: ActionRequest,
) -> (ActionReply, Option<String>) {
    let trail = match trail {
        Ok(t) => t,
        Err(e) => return (ActionReply::NotSent(e), None),
    };
    let sent = audit::audited(
        &trail,
        attempt,
        crate::ops::actions::perform(client, &request),
        crate::ops::actions::judge,
    )
    .await;
    match sent {
        Ok((reply, Ok(()))) => (reply, None),
        // The request is done whatever happened to the outcome line; a
        // missing one reads as "sent, outcome not recorded", and the
        // attendant is told after the outcome.
        Ok((reply, Err(e))) => {
            tracing::warn!(error = %e, "action outcome not written to the audit trail");
            (reply, Some(e.to_string()))
        }
        Err(e) => (ActionReply::NotSent(e.to_string()), None),
    }
}
