//! Exactly once, for every console action: keys into `update()`, the real
//! runner and client, the simulator's side-effect counters. Each action
//! meets a double confirmation (two deliberate "Sim" + Enter, two more
//! Enter), key repeat, a server
//! that applies the change and then stalls, one that applies it and then
//! answers 500, and one that answers 500 before doing anything; and no
//! refresh key (`r`, `R`, on any pane) ever sends an action.

use std::collections::BTreeMap;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::app::inflight::{ActionKey, ActionKind, Outcome};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, Effect, Msg, Settings, update};
use hubdesk::i18n::Lang;
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, SimConfig, SimHandle, start};
use tokio::sync::mpsc;
use tokio::time::timeout;

const DEADLINE: Duration = Duration::from_secs(20);

struct Console {
    sim: SimHandle,
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
    /// Every action effect `update` returned, in order.
    sent: Vec<ActionKey>,
    _dir: tempfile::TempDir,
}

impl Console {
    fn new() -> Console {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let sim = start(SimConfig::default()).unwrap();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        let mut config = ClientConfig::new(sim.base_url(), creds);
        config.request_timeout = Duration::from_secs(1);
        config.slow_timeout = Duration::from_secs(1);
        config.retry_base_delay = Duration::from_millis(2);
        let client = Client::new(config).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let audit = hubdesk::audit::Audit::open(&dir.path().join("audit.jsonl")).unwrap();
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Runner::new(client, tx).with_audit(audit);
        let settings = Settings {
            lang: Lang::En,
            profile: "demo".into(),
            attendant: Some("ana.souza".into()),
            ..Settings::default()
        };
        let app = App::new(settings, Keymap::new(&BTreeMap::new(), false).0);
        Console {
            sim,
            app,
            runner,
            rx,
            sent: Vec::new(),
            _dir: dir,
        }
    }

    fn apply(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            if let Effect::Action { submission, .. } = &e {
                self.sent.push(submission.key);
            }
            self.runner.run(e);
        }
    }

    fn press(&mut self, code: KeyCode) {
        self.apply(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn repeat(&mut self, code: KeyCode) {
        self.apply(Msg::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Repeat,
            state: KeyEventState::NONE,
        }));
    }

    fn keys(&mut self, keys: &[Key]) {
        for k in keys {
            match k {
                Key::C(c) => self.press(KeyCode::Char(*c)),
                Key::Text(t) => t.chars().for_each(|c| self.press(KeyCode::Char(c))),
                Key::Enter => self.press(KeyCode::Enter),
                Key::Tab => self.press(KeyCode::Tab),
                Key::Right => self.press(KeyCode::Right),
                Key::Yes => {
                    // As someone reading the dialog: it is armed, then a
                    // human beat between the arrow and Enter.
                    self.app.instant += Duration::from_millis(400);
                    self.press(KeyCode::Right);
                    self.app.instant += Duration::from_millis(150);
                    self.press(KeyCode::Enter);
                }
            }
        }
    }

    async fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
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

    async fn open(&mut self, code: &str) {
        self.keys(&[Key::Text(code.into()), Key::Enter]);
        self.until("the customer", |a| {
            a.view
                .as_ref()
                .is_some_and(|v| !v.loading() && v.customer.data.is_some())
        })
        .await;
    }

    async fn settled(&mut self) {
        self.until("every pane", |a| {
            a.view.as_ref().is_some_and(|v| !v.loading())
        })
        .await;
    }
}

#[derive(Clone, Debug)]
enum Key {
    C(char),
    Text(String),
    Enter,
    Tab,
    Right,
    /// Answers the dialog on screen with "Sim", deliberately.
    Yes,
}

/// One action as the attendant reaches it.
struct Spec {
    kind: ActionKind,
    customer: &'static str,
    /// Keys from the opened customer up to (not including) the final
    /// confirmation.
    keys: Vec<Key>,
    /// The simulator's counter kind.
    counter: &'static str,
    /// The action's route (fault target).
    route: &'static str,
    /// The read route of the pane the console reads again afterwards.
    reread: &'static str,
}

fn specs() -> Vec<Spec> {
    use Key::*;
    let invoice = |channel: Vec<Key>, extra: Option<&str>| {
        let mut k = vec![C('3'), C('e')];
        k.extend(channel);
        if let Some(extra) = extra {
            k.push(Tab);
            k.push(Text(extra.into()));
        }
        k.push(Enter);
        k
    };
    vec![
        Spec {
            kind: ActionKind::TrustUnlock,
            customer: "1006",
            keys: vec![C('u'), Enter],
            counter: "unlock",
            route: "cliente/desbloqueio_confianca",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::ResetMac,
            customer: "1000",
            keys: vec![C('m')],
            counter: "mac_reset",
            route: "cliente/reset_mac_addr",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::Disconnect,
            customer: "1007",
            keys: vec![C('d')],
            counter: "disconnect",
            route: "cliente/solicitar_desconexao/{id}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::OpenTicket,
            customer: "1000",
            keys: vec![C('t'), Text("Sem internet desde ontem".into()), Enter],
            counter: "ticket_open",
            route: "atendimento",
            reread: "cliente/atendimento",
        },
        Spec {
            kind: ActionKind::CloseTicket,
            customer: "1001",
            keys: vec![C('4'), C('x'), Text("Resolvido por telefone".into()), Enter],
            counter: "ticket_close",
            route: "atendimento/{id}",
            reread: "cliente/atendimento",
        },
        Spec {
            kind: ActionKind::SendInvoiceEmail,
            customer: "1001",
            keys: invoice(vec![], Some("extra@exemplo.com.br")),
            counter: "invoice_email",
            route: "cliente/financeiro/enviar_email",
            reread: "cliente/financeiro",
        },
        Spec {
            kind: ActionKind::SendInvoiceSms,
            customer: "1001",
            keys: invoice(vec![Right], Some("(37) 99988-7766")),
            counter: "invoice_sms",
            route: "cliente/financeiro/enviar_sms",
            reread: "cliente/financeiro",
        },
        // The actions of the newer routes (issue 17), on a current server.
        Spec {
            kind: ActionKind::ResetPhy,
            customer: "1000",
            keys: vec![C('o')],
            counter: "phy_reset",
            route: "cliente/reset_phy_addr",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::RebootCpe,
            customer: "1000",
            keys: vec![C('b')],
            counter: "cpe_reboot",
            route: "rede/reiniciar_cpe/{phy_addr}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::RestoreCpe,
            customer: "1000",
            // The typed confirmation: the MAC's last 4 characters.
            keys: vec![C('Z'), Text("b4a0".into())],
            counter: "cpe_restore",
            route: "rede/restaurar_cpe/{phy_addr}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::SuspendService,
            customer: "1000",
            keys: vec![C('S'), Enter],
            counter: "service_suspend",
            route: "cliente/cliente_servico/suspender/{id}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::EnableService,
            customer: "1006",
            keys: vec![C('H'), Text("Pagamento confirmado".into()), Enter],
            counter: "service_enable",
            route: "cliente/cliente_servico/habilitar/{id}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::ActivateService,
            customer: "1003",
            keys: vec![C('V')],
            counter: "service_activate",
            route: "cliente/cliente_servico/ativar/{id}",
            reread: "cliente",
        },
        Spec {
            kind: ActionKind::AppendTicket,
            customer: "1001",
            keys: vec![
                C('4'),
                C('i'),
                Text("Cliente retornou: segue sem sinal".into()),
                Enter,
            ],
            counter: "ticket_edit",
            route: "atendimento/{id}",
            reread: "cliente/atendimento",
        },
        Spec {
            kind: ActionKind::SendInvoicePush,
            customer: "1001",
            keys: invoice(vec![Right, Right], None),
            counter: "invoice_push",
            route: "cliente/financeiro/enviar_push",
            reread: "cliente/financeiro",
        },
    ]
}

/// The action key of the one submission of `kind` so far.
fn action_key(c: &Console, kind: ActionKind) -> ActionKey {
    let sent: Vec<&ActionKey> = c.sent.iter().filter(|k| k.kind == kind).collect();
    assert_eq!(
        sent.len(),
        1,
        "{kind:?}: {sent:?}; status {:?}",
        c.app.status
    );
    *sent[0]
}

/// Opens the spec's customer with `faults` on its route, reaches the
/// confirmation, and confirms with `confirm` (the keys after the form).
/// Returns the console and the action key once the answer is in.
async fn run(
    spec: &Spec,
    faults: Option<Faults>,
    confirm: &[Key],
    repeats: bool,
) -> (Console, ActionKey, u64) {
    let mut c = Console::new();
    c.open(spec.customer).await;
    // Reads of the pane to re-read so far, sampled before the action: the
    // re-read may reach the server while the answer is being applied.
    let reads = c.sim.counters().requests(spec.reread);
    if let Some(f) = faults {
        c.sim.set_faults(Faults {
            routes: vec![spec.route.into()],
            ..f
        });
    }
    c.keys(&spec.keys);
    if repeats {
        // Auto-repeat of the confirmation key never confirms, even on "Sim".
        c.app.instant += Duration::from_millis(400);
        c.press(KeyCode::Right);
        for _ in 0..5 {
            c.app.instant += Duration::from_millis(100);
            c.repeat(KeyCode::Enter);
        }
        assert!(
            c.sent.is_empty(),
            "{:?}: a repeated key confirmed",
            spec.kind
        );
    }
    c.keys(confirm);
    let key = action_key(&c, spec.kind);
    // More presses while the first one runs: refused, never sent.
    c.keys(confirm);
    c.until("the action's answer", move |a| !a.inflight.is_running(key))
        .await;
    assert_eq!(c.sent.len(), 1, "{:?}: {:?}", spec.kind, c.sent);
    (c, key, reads)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_confirmation_and_key_repeat_apply_each_action_once() {
    use Key::*;
    for spec in specs() {
        let (mut c, key, _) = run(&spec, None, &[Yes, Yes, Enter, Enter], true).await;
        assert!(
            matches!(c.app.inflight.outcome(key), Some(Outcome::Done { .. })),
            "{:?}: {:?} / {:?}",
            spec.kind,
            c.app.inflight.outcome(key),
            c.app.status
        );
        assert_eq!(c.sim.counters().get(spec.counter), 1, "{:?}", spec.kind);
        assert_eq!(
            c.sim.counters().requests(spec.route),
            1,
            "{:?}: one request",
            spec.kind
        );
        // The same keys again after the answer are a new, deliberate
        // submission only through the form: answering "Sim" to whatever is
        // on screen now sends nothing.
        c.keys(&[Yes, Enter]);
        c.settled().await;
        assert_eq!(c.sent.len(), 1, "{:?}: {:?}", spec.kind, c.sent);
        assert_eq!(c.sim.counters().get(spec.counter), 1, "{:?}", spec.kind);
        c.sim.shutdown();
    }
}

/// Checks the "unknown" outcome: the change counted `effects` times, one
/// request only (never retried), the attendant told to check, the pane
/// read again, and a repeat needs an acknowledgement first.
async fn assert_unknown(spec: &Spec, faults: Faults, effects: u64) {
    use Key::*;
    let (mut c, key, before) = run(spec, Some(faults), &[Yes], false).await;
    assert_eq!(
        c.app.inflight.outcome(key),
        Some(&Outcome::Unknown),
        "{:?}: {:?}",
        spec.kind,
        c.app.status
    );
    assert_eq!(
        c.sim.counters().requests(spec.route),
        1,
        "{:?}: retried",
        spec.kind
    );
    assert_eq!(
        c.sim.counters().get(spec.counter),
        effects,
        "{:?}",
        spec.kind
    );
    // The affected pane is read again (now, or for a disconnect a little
    // later): wait for that read to reach the simulator.
    let end = std::time::Instant::now() + DEADLINE;
    while c.sim.counters().requests(spec.reread) == before {
        assert!(
            std::time::Instant::now() < end,
            "{:?}: no re-read",
            spec.kind
        );
        if let Ok(Some(msg)) = timeout(Duration::from_millis(100), c.rx.recv()).await {
            c.apply(msg);
        }
    }
    c.sim.set_faults(Faults::default());
    // Submitting again asks first whether the attendant checked.
    c.keys(&[Key::Enter]);
    c.keys(&[Yes]);
    assert_eq!(
        c.sent.len(),
        1,
        "{:?}: re-sent without an acknowledgement",
        spec.kind
    );
    assert!(!c.app.inflight.is_running(key));
    assert_eq!(
        c.sim.counters().get(spec.counter),
        effects,
        "{:?}",
        spec.kind
    );
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_then_stalled_is_unknown_applied_once_and_the_pane_reread() {
    for spec in specs() {
        let faults = Faults {
            apply_then_stall: true,
            ..Faults::default()
        };
        assert_unknown(&spec, faults, 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_then_500_is_unknown_and_applied_once() {
    for spec in specs() {
        let faults = Faults {
            apply_then_500: true,
            ..Faults::default()
        };
        assert_unknown(&spec, faults, 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_before_the_work_is_unknown_too_and_never_retried() {
    for spec in specs() {
        let faults = Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        };
        assert_unknown(&spec, faults, 0).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_refresh_key_on_any_pane_sends_an_action() {
    let mut c = Console::new();
    // 1007 has the online service that a disconnect would hit.
    c.open("1007").await;
    for pane in ['1', '2', '3', '4', '5', '6'] {
        c.press(KeyCode::Char(pane));
        for refresh in ['r', 'R'] {
            c.press(KeyCode::Char(refresh));
            c.repeat(KeyCode::Char(refresh));
            c.settled().await;
        }
    }
    let counters = c.sim.counters();
    for kind in [
        "disconnect",
        "unlock",
        "mac_reset",
        "ticket_open",
        "ticket_close",
        "ticket_edit",
        "invoice_email",
        "invoice_sms",
        "invoice_push",
        "phy_reset",
        "cpe_reboot",
        "cpe_restore",
        "service_suspend",
        "service_enable",
        "service_activate",
    ] {
        assert_eq!(counters.get(kind), 0, "{kind}");
    }
    assert_eq!(counters.requests("cliente/solicitar_desconexao/{id}"), 0);
    assert!(c.sent.is_empty(), "{:?}", c.sent);
    c.sim.shutdown();
}

/// Words and names an attendant types all day, some into the wrong place:
/// the letters of every action key (t u m d e x L M n p), the old "yes"
/// keys (y s), capitals that open screens (N P C F X), a space.
const WORDS: &[&str] = &[
    "mylena",
    "sim",
    "yes",
    "desbloquear",
    "maria",
    "daniel",
    "Maria",
    "Luana",
    "Marcos Mendes",
    "DANIEL",
    "ok",
    "confirmar",
    "s",
    "y",
    "tudo certo",
    "reset mac",
    "desconectar",
    "Tiago",
    "Ubiratan",
    "Xavier",
    "Natália",
    "Fernanda",
    "Paulo César",
    "joão",
    "edmundo",
    "Ximenes",
];

impl Console {
    /// Types `text` at `pace` per key, as a person would.
    fn type_at(&mut self, text: &str, pace: Duration) {
        for c in text.chars() {
            self.app.instant += pace;
            self.press(KeyCode::Char(c));
        }
    }

    /// Every side effect the simulator counted, but logins.
    fn side_effects(&self) -> Vec<(String, u64)> {
        self.sim
            .counters()
            .actions
            .into_iter()
            .filter(|(kind, n)| kind != "token" && *n > 0)
            .collect()
    }
}

/// Issue 13: typing words over every pane and screen with a customer open
/// never sends an action, whatever the pace: a burst, a typist's pace, or
/// slower than a dialog takes to arm; with Enter or a space after each
/// word. The simulator's side-effect counters stay at zero.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_words_over_every_screen_never_send_an_action() {
    let mut c = Console::new();
    // With an extension configured, L and M would reach the PBX too.
    c.app.settings.ramal = Some("201".into());
    // 1006 is blocked (unlock), 1007 online (disconnect).
    for code in ["1006", "1007"] {
        let starts: [&[KeyCode]; 11] = [
            &[KeyCode::Char('1')],
            &[KeyCode::Char('2')],
            &[KeyCode::Char('3')],
            &[KeyCode::Char('4')],
            &[KeyCode::Char('5')],
            &[KeyCode::Char('6')],
            &[KeyCode::Char('N')],
            &[KeyCode::Char('P')],
            &[KeyCode::Char('X')],
            &[KeyCode::Char('F')],
            &[KeyCode::Char('?')],
        ];
        for (i, start) in starts.iter().enumerate() {
            let pace = [1, 30, 120, 400][i % 4];
            c.app.search.input = tui_input::Input::default();
            c.app.search.focus.0 = hubdesk::app::SearchFocus::Input;
            c.open(code).await;
            for k in *start {
                c.app.instant += Duration::from_millis(500);
                c.press(*k);
            }
            for (n, word) in WORDS.iter().enumerate() {
                c.type_at(word, Duration::from_millis(pace));
                c.app.instant += Duration::from_millis(pace);
                if n % 2 == 0 {
                    c.press(KeyCode::Enter);
                } else {
                    c.press(KeyCode::Char(' '));
                }
            }
            c.settled().await;
            assert!(
                c.sent.is_empty(),
                "{code} {start:?} at {pace} ms: {:?}",
                c.sent
            );
            assert_eq!(c.side_effects(), vec![], "{code} {start:?} at {pace} ms");
            // Back to the search box for the next round.
            for _ in 0..6 {
                c.app.instant += Duration::from_millis(500);
                c.press(KeyCode::Esc);
            }
            c.app.screen = hubdesk::app::Screen::Search;
            c.app.overlay = None;
            c.app.palette = None;
            c.app.help = None;
        }
    }
    assert!(c.sent.is_empty(), "{:?}", c.sent);
    assert_eq!(c.side_effects(), vec![]);
    c.sim.shutdown();
}
