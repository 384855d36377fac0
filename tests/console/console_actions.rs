//! Every console action end to end: keys into `update()`, the real runner,
//! the embedded simulator. Each test checks the state change, that the
//! simulator saw exactly one side effect, and the audit file's lines.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::app::actions::Overlay;
use hubdesk::app::inflight::{ActionKey, ActionKind, Outcome};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, Msg, Pane, Settings, update};
use hubdesk::audit::{self, Audit, AuditEntry, Phase};
use hubdesk::i18n::Lang;
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, SimConfig, SimHandle, start};
use tokio::sync::mpsc;
use tokio::time::timeout;

const DEADLINE: Duration = Duration::from_secs(15);

pub(super) struct Console {
    pub(super) sim: SimHandle,
    pub(super) app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
    audit: PathBuf,
    _dir: tempfile::TempDir,
}

impl Console {
    fn new(request_timeout: Option<Duration>) -> Console {
        Console::with(SimConfig::default(), request_timeout, false)
    }

    /// A console on a simulator started with `config`, read-only or not.
    pub(super) fn with(
        config: SimConfig,
        request_timeout: Option<Duration>,
        read_only: bool,
    ) -> Console {
        Console::with_trail(config, request_timeout, read_only, |path| {
            Audit::open(path).unwrap()
        })
    }

    /// [`Console::with`], its audit trail opened by `trail` on the file.
    pub(super) fn with_trail(
        config: SimConfig,
        request_timeout: Option<Duration>,
        read_only: bool,
        trail: impl FnOnce(&std::path::Path) -> Audit,
    ) -> Console {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let sim = start(config).unwrap();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        let mut config = ClientConfig::new(sim.base_url(), creds);
        if let Some(t) = request_timeout {
            config.request_timeout = t;
        }
        let client = Client::new(config).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let audit = dir.path().join("audit.jsonl");
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Runner::new(client, tx).with_audit(trail(&audit));
        let settings = Settings {
            lang: Lang::En,
            profile: "demo".into(),
            attendant: Some("ana.souza".into()),
            read_only,
            ..Settings::default()
        };
        let app = App::new(settings, Keymap::new(&BTreeMap::new(), read_only).0);
        Console {
            sim,
            app,
            runner,
            rx,
            audit,
            _dir: dir,
        }
    }

    /// Applies `msg`, runs its effects and returns them.
    pub(super) fn apply(&mut self, msg: Msg) -> Vec<hubdesk::app::Effect> {
        let fx = update(&mut self.app, msg).0;
        for e in fx.clone() {
            self.runner.run(e);
        }
        fx
    }

    /// The next message from the runner (bounded by [`DEADLINE`]).
    pub(super) async fn recv(&mut self, what: &str) -> Msg {
        timeout(DEADLINE, self.rx.recv())
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
            .unwrap()
    }

    pub(super) fn key(&mut self, code: KeyCode) {
        self.apply(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub(super) fn text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Answers the dialog on screen with "Sim" as someone reading it: waits
    /// until it is armed, moves to "Sim", a human beat, Enter.
    pub(super) fn yes(&mut self) {
        self.app.instant += Duration::from_millis(400);
        self.key(KeyCode::Right);
        self.app.instant += Duration::from_millis(150);
        self.key(KeyCode::Enter);
    }

    /// Feeds answers until `done` holds (bounded by [`DEADLINE`]).
    pub(super) async fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let end = tokio::time::Instant::now() + DEADLINE;
        while !done(&self.app) {
            let left = end.saturating_duration_since(tokio::time::Instant::now());
            let msg = timeout(left, self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
                .unwrap();
            self.apply(msg);
        }
    }

    /// Opens customer `code` (a code search finds exactly one) and waits
    /// for every pane.
    pub(super) async fn open(&mut self, code: &str) {
        self.text(code);
        self.key(KeyCode::Enter);
        self.until("the customer", |a| {
            a.view
                .as_ref()
                .is_some_and(|v| !v.loading() && v.customer.data.is_some())
        })
        .await;
    }

    pub(super) async fn settle(&mut self, key: ActionKey) {
        self.until("the action's answer", |a| !a.inflight.is_running(key))
            .await;
    }

    pub(super) fn audit(&self) -> Vec<AuditEntry> {
        audit::read_latest(&self.audit, 100).unwrap()
    }
}

/// The two lines of one attempt: attempt first, then its outcome.
pub(super) fn assert_audit(entries: &[AuditEntry], action: &str, outcome: audit::Outcome) {
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].phase, Phase::Attempt);
    assert_eq!(entries[1].phase, Phase::Outcome);
    assert_eq!(entries[0].id, entries[1].id);
    for e in entries {
        assert_eq!(e.attempt.action, action);
        assert_eq!(e.attempt.attendant.as_deref(), Some("ana.souza"));
        assert_eq!(e.attempt.profile, "demo");
        assert!(e.attempt.host.starts_with("http"), "{}", e.attempt.host);
    }
    assert_eq!(entries[1].outcome, Some(outcome));
}

pub(super) fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trust_unlock_unblocks_the_service_once_and_is_audited() {
    let mut c = Console::new(None);
    c.open("1006").await;
    c.key(KeyCode::Char('u'));
    c.key(KeyCode::Enter);
    c.yes();
    let key = ActionKey::new(ActionKind::TrustUnlock, 100024);
    c.settle(key).await;
    assert!(matches!(
        c.app.inflight.outcome(key),
        Some(Outcome::Done { .. })
    ));
    assert_eq!(c.sim.counters().get_for("unlock", 100024), 1);
    // The service pane is read again and shows the new status.
    c.until("the refreshed customer", |a| {
        a.view.as_ref().is_some_and(|v| !v.loading())
    })
    .await;
    let service = c
        .app
        .view
        .as_ref()
        .unwrap()
        .selected_service()
        .cloned()
        .unwrap();
    assert!(
        !service.status.unwrap_or_default().contains("Suspenso"),
        "still suspended after the unlock"
    );
    let entries = c.audit();
    assert_audit(&entries, audit::action::TRUST_UNLOCK, audit::Outcome::Ok);
    assert_eq!(entries[0].attempt.customer, Some(1006));
    assert_eq!(entries[0].attempt.service, Some(100024));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnect_happens_once_and_is_never_repeated_by_the_refresh() {
    let mut c = Console::new(None);
    c.open("1007").await;
    c.key(KeyCode::Char('d'));
    c.yes();
    let key = ActionKey::new(ActionKind::Disconnect, 100028);
    c.settle(key).await;
    assert!(
        status(&c.app).contains("disconnection"),
        "{}",
        status(&c.app)
    );
    // The delayed refresh of the last connection arrives and reads it.
    c.until("the delayed refresh", |a| {
        a.view.as_ref().is_some_and(|v| v.connections.loading())
    })
    .await;
    c.until("the refreshed connections", |a| {
        a.view.as_ref().is_some_and(|v| !v.loading())
    })
    .await;
    assert_eq!(c.sim.counters().get_for("disconnect", 100028), 1);
    assert_audit(&c.audit(), audit::action::DISCONNECT, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mac_reset_without_auth_data_is_refused_with_the_servers_words() {
    let mut c = Console::new(None);
    c.open("1004").await;
    c.key(KeyCode::Char('m'));
    c.yes();
    let key = ActionKey::new(ActionKind::ResetMac, 100016);
    c.settle(key).await;
    assert!(matches!(
        c.app.inflight.outcome(key),
        Some(Outcome::Refused { .. })
    ));
    assert_eq!(c.sim.counters().get_for("mac_reset", 100016), 0);
    let entries = c.audit();
    assert_audit(&entries, audit::action::RESET_MAC, audit::Outcome::Refused);
    assert!(entries[1].msg.as_deref().is_some_and(|m| !m.is_empty()));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mac_reset_happens_once() {
    let mut c = Console::new(None);
    c.open("1000").await;
    c.key(KeyCode::Char('m'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ResetMac, 100000)).await;
    assert_eq!(c.sim.counters().get_for("mac_reset", 100000), 1);
    assert_audit(&c.audit(), audit::action::RESET_MAC, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_ticket_shows_its_protocol_and_refreshes_the_tickets() {
    let mut c = Console::new(None);
    c.open("1000").await;
    let before = c
        .app
        .view
        .as_ref()
        .unwrap()
        .tickets
        .data
        .as_ref()
        .map_or(0, Vec::len);
    c.key(KeyCode::Char('t'));
    c.text("Sem internet desde ontem");
    c.key(KeyCode::Enter);
    c.yes();
    c.settle(ActionKey::new(ActionKind::OpenTicket, 100000))
        .await;
    let Some(Overlay::TicketOpened { result, .. }) = &c.app.overlay else {
        panic!("{:?} / {}", c.app.overlay, status(&c.app));
    };
    let protocol = result.protocol.clone().expect("a protocol");
    assert!(protocol.len() >= 14, "{protocol}");
    assert_eq!(c.sim.counters().get_for("ticket_open", 100000), 1);
    c.until("the refreshed tickets", |a| {
        a.view.as_ref().is_some_and(|v| {
            !v.loading() && v.tickets.data.as_ref().is_some_and(|t| t.len() > before)
        })
    })
    .await;
    let view = c.app.view.as_ref().unwrap();
    let ticket = view
        .tickets
        .data
        .as_ref()
        .unwrap()
        .iter()
        .find(|t| t.protocolo.as_deref() == Some(protocol.as_str()))
        .expect("the new ticket is listed");
    // The customer's words are sent as typed (issue 12); HubSoft records
    // the API user, so the attendant goes in `parametros`.
    assert!(
        ticket
            .descricao_abertura
            .as_deref()
            .is_some_and(|d| d.starts_with("Sem internet desde ontem") && !d.contains("ana.souza")),
        "{ticket:?}"
    );
    let opened = c
        .sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_open")
        .expect("recorded");
    assert_eq!(opened.detail["parametros"]["atendente"], "ana.souza");
    assert_audit(&c.audit(), audit::action::OPEN_TICKET, audit::Outcome::Ok);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resending_an_invoice_by_email_lists_the_queued_recipients() {
    let mut c = Console::new(None);
    c.open("1001").await;
    c.key(KeyCode::Char('3'));
    assert_eq!(c.app.view.as_ref().unwrap().focus, Pane::Invoices);
    let invoice = c
        .app
        .view
        .as_ref()
        .unwrap()
        .selected_invoice()
        .and_then(|i| i.id_fatura)
        .unwrap();
    c.key(KeyCode::Char('e'));
    c.key(KeyCode::Tab);
    c.text("extra@exemplo.com.br");
    c.key(KeyCode::Enter);
    c.yes();
    c.settle(ActionKey::new(ActionKind::SendInvoiceEmail, invoice))
        .await;
    let Some(Overlay::InvoiceQueued { result, .. }) = &c.app.overlay else {
        panic!("{:?} / {}", c.app.overlay, status(&c.app));
    };
    assert!(
        result
            .recipients
            .iter()
            .any(|r| r.target == "extra@exemplo.com.br")
    );
    assert_eq!(c.sim.counters().get_for("invoice_email", invoice), 1);
    let entries = c.audit();
    assert_audit(
        &entries,
        audit::action::SEND_INVOICE_EMAIL,
        audit::Outcome::Ok,
    );
    assert_eq!(entries[0].attempt.invoice, Some(invoice));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_ticket_closes_it_once() {
    let mut c = Console::new(None);
    c.open("1001").await;
    c.key(KeyCode::Char('4'));
    let ticket = c
        .app
        .view
        .as_ref()
        .unwrap()
        .selected_ticket()
        .and_then(|t| t.id_atendimento)
        .expect("1001 has an open ticket");
    c.key(KeyCode::Char('x'));
    c.text("Resolvido por telefone");
    c.key(KeyCode::Enter);
    assert!(matches!(c.app.overlay, Some(Overlay::Confirm { .. })));
    c.yes();
    c.settle(ActionKey::new(ActionKind::CloseTicket, ticket))
        .await;
    assert_eq!(c.sim.counters().get_for("ticket_close", ticket), 1);
    let entries = c.audit();
    assert_audit(&entries, audit::action::CLOSE_TICKET, audit::Outcome::Ok);
    assert_eq!(entries[0].attempt.ticket, Some(ticket));
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_unlock_is_applied_once_left_unknown_and_not_retried() {
    let mut c = Console::new(Some(Duration::from_secs(2)));
    c.open("1006").await;
    c.sim.set_faults(Faults {
        apply_then_stall: true,
        routes: vec!["cliente/desbloqueio_confianca".into()],
        ..Faults::default()
    });
    c.key(KeyCode::Char('u'));
    c.key(KeyCode::Enter);
    c.yes();
    let key = ActionKey::new(ActionKind::TrustUnlock, 100024);
    c.settle(key).await;
    assert_eq!(c.app.inflight.outcome(key), Some(&Outcome::Unknown));
    // The form stays open with the warning; Enter asks to confirm again,
    // and confirming asks first whether the attendant checked.
    c.key(KeyCode::Enter);
    c.yes();
    assert!(matches!(c.app.overlay, Some(Overlay::Acknowledge { .. })));
    assert_eq!(c.sim.counters().get_for("unlock", 100024), 1);
    assert_audit(
        &c.audit(),
        audit::action::TRUST_UNLOCK,
        audit::Outcome::Unknown,
    );
    c.sim.shutdown();
}

/// Issue 15: an alphanumeric CNPJ (issued since July 2026) survives from
/// the search box to the server: the console finds the company that holds
/// it, typed with punctuation and in lower case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alphanumeric_cnpj_finds_its_company() {
    let mut c = Console::new(None);
    let doc = c.sim.document_of(1008).expect("1008 has a document");
    assert!(doc.bytes().any(|b| b.is_ascii_uppercase()), "{doc}");
    let typed = format!(
        "{}.{}.{}/{}-{}",
        &doc[..2],
        &doc[2..5],
        &doc[5..8],
        &doc[8..12],
        &doc[12..]
    )
    .to_lowercase();
    c.open(&typed).await;
    let view = c.app.view.as_ref().unwrap();
    assert_eq!(view.code, 1008, "{typed}");
    c.sim.shutdown();
}

/// Issue 18: with `audit_sink = "journald"` (or syslog) the console's
/// action is refused before any request when the sink cannot take its
/// attempt, as the command line's is (one check, in `audit`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audit_sink_that_cannot_take_the_attempt_refuses_the_action_before_any_request() {
    let mut c = Console::with_trail(SimConfig::default(), None, false, |file| {
        let socket = file.with_file_name("no-journal.sock");
        Audit::open_with(file, audit::Sink::Journald { socket }).unwrap()
    });
    c.open("1000").await;
    c.key(KeyCode::Char('m'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ResetMac, 100000)).await;
    let shown = status(&c.app);
    assert!(
        shown.contains("Action not sent: could not write the audit trail (journald ("),
        "{shown}"
    );
    assert_eq!(c.sim.counters().requests("cliente/reset_mac_addr"), 0);
    assert_eq!(c.sim.counters().get_for("mac_reset", 100000), 0);
    let entries = c.audit();
    let got: Vec<_> = entries.iter().map(|e| (e.phase, e.outcome)).collect();
    assert_eq!(
        got,
        [
            (Phase::Attempt, None),
            (Phase::Outcome, Some(audit::Outcome::Failed)),
        ]
    );
    assert!(
        entries[1]
            .msg
            .as_deref()
            .is_some_and(|m| m.starts_with(audit::NOT_SENT_SINK))
    );
    c.sim.shutdown();
}

/// The same console action, its sink up: the journal gets both lines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_action_reaches_the_journal_with_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("journal.sock");
    let journal = std::os::unix::net::UnixDatagram::bind(&socket).unwrap();
    journal.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut c = Console::with_trail(SimConfig::default(), None, false, |file| {
        Audit::open_with(file, audit::Sink::Journald { socket }).unwrap()
    });
    c.open("1000").await;
    c.key(KeyCode::Char('m'));
    c.yes();
    c.settle(ActionKey::new(ActionKind::ResetMac, 100000)).await;
    assert_eq!(c.sim.counters().get_for("mac_reset", 100000), 1);
    let mut buf = vec![0u8; 65536];
    let mut lines = Vec::new();
    for _ in 0..2 {
        let n = journal.recv(&mut buf).unwrap();
        lines.push(String::from_utf8(buf[..n].to_vec()).unwrap());
    }
    let entries = c.audit();
    for (datagram, entry) in lines.iter().zip(&entries) {
        for field in [
            "SYSLOG_IDENTIFIER=hubdesk\n".to_owned(),
            "HUBDESK_ACTION=reset_mac\n".to_owned(),
            "HUBDESK_ATTENDANT=ana.souza\n".to_owned(),
            "HUBDESK_CUSTOMER=1000\n".to_owned(),
            "HUBDESK_SERVICE=100000\n".to_owned(),
            format!("HUBDESK_ID={}\n", entry.id),
        ] {
            assert!(datagram.contains(&field), "{field} in {datagram}");
        }
    }
    assert!(lines[1].contains("HUBDESK_OUTCOME=ok\n"), "{}", lines[1]);
    c.sim.shutdown();
}
