//! The fault matrix in the console's panes: keys into `update()`, the real
//! runner and client, the embedded simulator with one fault targeted at one
//! customer-view route. After each fault the attendant presses `R` (read
//! every pane again); the faulty route's pane must show the right
//! localized text (state and rendered screen), every other pane must come
//! back with its data, and a second `R` after the fault is lifted must
//! bring the faulty pane back too: the console keeps running.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::app::keymap::Keymap;
use hubdesk::app::runner::Runner;
use hubdesk::app::{App, CustomerView, Msg, Settings, update};
use hubdesk::i18n::Lang;
use hubdesk::sim::{DEMO_CREDENTIALS, Faults, SimConfig, SimHandle, start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;
use tokio::time::timeout;

const DEADLINE: Duration = Duration::from_secs(20);
/// The console's configured timeout, as shown in the timeout text.
const SHOWN_TIMEOUT_SECS: u64 = 20;

/// The five reads of a customer view, with the pane key and a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    Customer,
    Invoices,
    Tickets,
    Orders,
    Connections,
}

const PANES: [Pane; 5] = [
    Pane::Customer,
    Pane::Invoices,
    Pane::Tickets,
    Pane::Orders,
    Pane::Connections,
];

impl Pane {
    fn route(self) -> &'static str {
        match self {
            Pane::Customer => "cliente",
            Pane::Invoices => "cliente/financeiro",
            Pane::Tickets => "cliente/atendimento",
            Pane::Orders => "cliente/ordem_servico",
            Pane::Connections => "cliente/extrato_conexao",
        }
    }

    /// The digit that focuses the pane.
    fn key(self) -> char {
        match self {
            Pane::Customer => '1',
            Pane::Invoices => '3',
            Pane::Tickets => '4',
            Pane::Orders => '5',
            Pane::Connections => '6',
        }
    }

    fn error(self, v: &CustomerView) -> Option<&String> {
        match self {
            Pane::Customer => v.customer.error.as_ref(),
            Pane::Invoices => v.invoices.error.as_ref(),
            Pane::Tickets => v.tickets.error.as_ref(),
            Pane::Orders => v.orders.error.as_ref(),
            Pane::Connections => v.connections.error.as_ref(),
        }
    }

    /// A digest of the pane's data (its `Debug` text hashed, so a failure
    /// message stays readable), to compare before and after.
    fn data(self, v: &CustomerView) -> Option<String> {
        self.data_text(v).map(|t| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            format!("{:016x} len={}", h.finish(), t.len())
        })
    }

    fn data_text(self, v: &CustomerView) -> Option<String> {
        match self {
            Pane::Customer => v.customer.data.as_ref().map(|d| format!("{d:?}")),
            Pane::Invoices => v.invoices.data.as_ref().map(|d| format!("{d:?}")),
            Pane::Tickets => v.tickets.data.as_ref().map(|d| format!("{d:?}")),
            Pane::Orders => v.orders.data.as_ref().map(|d| format!("{d:?}")),
            Pane::Connections => v.connections.data.as_ref().map(|d| format!("{d:?}")),
        }
    }
}

struct Console {
    sim: SimHandle,
    app: App,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
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
        // Test-sized timings: a hang ends fast, retries do not wait.
        config.request_timeout = Duration::from_millis(400);
        config.retry_base_delay = Duration::from_millis(2);
        config.max_retry_delay = Duration::from_millis(5);
        let client = Client::new(config).unwrap();
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Runner::new(client, tx);
        let settings = Settings {
            lang: Lang::PtBr,
            profile: "demo".into(),
            timeout_secs: SHOWN_TIMEOUT_SECS,
            ..Settings::default()
        };
        let mut app = App::new(settings, Keymap::new(&BTreeMap::new(), false).0);
        app.size = (100, 30);
        Console {
            sim,
            app,
            runner,
            rx,
        }
    }

    fn apply(&mut self, msg: Msg) {
        for e in update(&mut self.app, msg).0 {
            self.runner.run(e);
        }
    }

    fn key(&mut self, c: char) {
        self.apply(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
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

    fn view(&self) -> &CustomerView {
        self.app.view.as_ref().expect("a customer view")
    }

    async fn settled(&mut self) {
        self.until("every pane", |a| {
            a.view.as_ref().is_some_and(|v| !v.loading())
        })
        .await;
    }

    /// Opens customer 1001 and waits for every pane, all with data.
    async fn open(&mut self) {
        for c in "1001".chars() {
            self.key(c);
        }
        self.apply(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        self.until("the customer", |a| {
            a.view
                .as_ref()
                .is_some_and(|v| !v.loading() && v.customer.data.is_some())
        })
        .await;
        for p in PANES {
            assert_eq!(p.error(self.view()), None, "{p:?} at the start");
            assert!(p.data(self.view()).is_some(), "{p:?} has no data");
        }
    }

    /// Presses `R` and waits for every pane to answer.
    async fn refresh_all(&mut self) {
        self.key('R');
        assert!(self.view().loading(), "R sent nothing");
        self.settled().await;
    }

    /// The screen with `pane` focused, as text.
    fn screen(&mut self, pane: Pane) -> String {
        self.key(pane.key());
        let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        term.draw(|f| hubdesk::ui::console::draw(f, &self.app, Instant::now()))
            .unwrap();
        let buf = term.backend().buffer();
        let mut text = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                text.push_str(buf[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }
}

/// What the attendant must read in the faulty pane.
enum Expect {
    /// An error whose text starts with this (the rest may be a network
    /// detail); the rendered pane shows the first `shown` characters.
    Error(&'static str),
    /// No error: the pane has data equal to the healthy answer.
    SameData,
    /// No error: the pane is empty (a 404 that means "nothing found").
    Empty,
}

/// Runs one fault over the five routes on one console: fault on, `R`,
/// assertions, fault off, `R`, everything back.
async fn matrix(faults: Faults, expect: impl Fn(Pane) -> Expect) {
    let mut c = Console::new();
    c.open().await;
    let healthy: Vec<Option<String>> = PANES.iter().map(|p| p.data(c.view())).collect();
    for pane in PANES {
        c.sim.set_faults(Faults {
            routes: vec![pane.route().into()],
            ..faults.clone()
        });
        c.refresh_all().await;
        let view = c.view();
        for (other, before) in PANES.iter().zip(&healthy) {
            if *other == pane {
                continue;
            }
            assert_eq!(
                other.error(view),
                None,
                "fault on {pane:?}: {other:?} got an error"
            );
            // The customer record carries the live last connection; every
            // other pane must be exactly what it was.
            if *other != Pane::Customer {
                assert_eq!(&other.data(view), before, "fault on {pane:?}: {other:?}");
            } else {
                assert!(other.data(view).is_some(), "fault on {pane:?}: no customer");
            }
        }
        let error = pane.error(view).cloned();
        match expect(pane) {
            Expect::Error(text) => {
                let e = error.unwrap_or_else(|| panic!("{pane:?}: no error shown"));
                assert!(e.starts_with(text), "{pane:?}: {e:?}, expected {text:?}");
                assert_eq!(pane.data(c.view()), None, "{pane:?}: stale data kept");
                // On screen, inside the focused pane (the first words: the
                // pane may be narrower than the whole text).
                let words: String = text.chars().take(28).collect();
                let screen = c.screen(pane);
                assert!(
                    screen.contains(&words),
                    "{pane:?}: {words:?} not in\n{screen}"
                );
            }
            Expect::SameData => {
                assert_eq!(error, None, "{pane:?}");
                let idx = PANES.iter().position(|p| *p == pane).unwrap();
                if pane != Pane::Customer {
                    assert_eq!(pane.data(c.view()), healthy[idx], "{pane:?}");
                } else {
                    let d = pane.data_text(c.view()).expect("customer");
                    assert!(d.contains("1001"), "{d}");
                }
            }
            Expect::Empty => {
                assert_eq!(error, None, "{pane:?}");
                let d = pane
                    .data_text(c.view())
                    .expect("an empty list, not an error");
                let empty = d == "[]" || d.contains("registros: []");
                assert!(empty, "{pane:?}: not empty: {}", &d[..d.len().min(200)]);
            }
        }
        // The console keeps running: lift the fault, read again, all back.
        c.sim.set_faults(Faults::default());
        c.refresh_all().await;
        for p in PANES {
            assert_eq!(p.error(c.view()), None, "after {pane:?} recovered: {p:?}");
            assert!(
                p.data(c.view()).is_some(),
                "after {pane:?} recovered: {p:?}"
            );
        }
    }
    c.sim.shutdown();
}

const HTTP_500: &str = "O servidor respondeu HTTP 500: Server Error";
const HTTP_502: &str = "O servidor respondeu HTTP 502: 502 Bad Gateway";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_shows_the_configured_seconds_in_its_pane() {
    matrix(
        Faults {
            hang_rate: 1.0,
            ..Faults::default()
        },
        |_| Expect::Error("O servidor HubSoft não respondeu em 20 s"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_500_json_is_shown_with_its_message() {
    matrix(
        Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        },
        |_| Expect::Error(HTTP_500),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_502_is_shown_with_the_page_title() {
    matrix(
        Faults {
            html_502_rate: 1.0,
            ..Faults::default()
        },
        |_| Expect::Error(HTTP_502),
    )
    .await;
}

/// Malformed and truncated bodies name the route (which differs per pane).
fn route_of(pane: Pane) -> &'static str {
    match pane {
        Pane::Customer => "cliente",
        Pane::Invoices => "cliente/financeiro",
        Pane::Tickets => "cliente/atendimento",
        Pane::Orders => "cliente/ordem_servico",
        Pane::Connections => "cliente/extrato_conexao",
    }
}

/// A body that is not JSON: said plainly, with where it breaks.
fn not_json_text(pane: Pane) -> Expect {
    let text = format!(
        "A resposta do servidor não é JSON válido ({}, linha 1, coluna 2); nada foi mostrado",
        route_of(pane)
    );
    Expect::Error(Box::leak(text.into_boxed_str()))
}

/// A body cut in the middle: said plainly.
fn cut_short_text(pane: Pane) -> Expect {
    let text = format!(
        "A resposta do servidor veio cortada ({}): o JSON termina antes de fechar; nada foi mostrado",
        route_of(pane)
    );
    Expect::Error(Box::leak(text.into_boxed_str()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_names_the_route() {
    matrix(
        Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        },
        not_json_text,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_body_names_the_route() {
    matrix(
        Faults {
            truncated_json_rate: 1.0,
            ..Faults::default()
        },
        cut_short_text,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_error_with_http_200_shows_the_servers_words() {
    matrix(
        Faults {
            status_error: true,
            ..Faults::default()
        },
        |_| Expect::Error("Recusado pelo servidor: Favor preencher o atributo (busca)"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persisting_401_is_an_authentication_failure() {
    matrix(
        Faults {
            unauthorized: true,
            ..Faults::default()
        },
        |_| {
            Expect::Error(
                "Falha na autenticação: verifique usuário, senha, client_id e client_secret",
            )
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbidden_names_the_route() {
    matrix(
        Faults {
            forbidden: true,
            ..Faults::default()
        },
        |pane| {
            Expect::Error(match pane {
                Pane::Customer => "Sem permissão para cliente:",
                Pane::Invoices => "Sem permissão para cliente/financeiro:",
                Pane::Tickets => "Sem permissão para cliente/atendimento:",
                Pane::Orders => "Sem permissão para cliente/ordem_servico:",
                Pane::Connections => "Sem permissão para cliente/extrato_conexao:",
            })
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_404_means_nothing_found() {
    matrix(
        Faults {
            not_found: true,
            ..Faults::default()
        },
        |pane| match pane {
            // The customer itself is gone: said plainly, not "empty".
            Pane::Customer => Expect::Error("Nada encontrado"),
            _ => Expect::Empty,
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persisting_429_asks_to_wait() {
    matrix(
        Faults {
            rate_limit_rate: 1.0,
            retry_after_secs: 0,
            ..Faults::default()
        },
        |_| Expect::Error("Muitas requisições: aguarde um pouco e tente de novo"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_latin1_body_reads_exactly_like_utf8() {
    matrix(
        Faults {
            latin1: true,
            ..Faults::default()
        },
        |_| Expect::SameData,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_tokens_are_granted_again_without_a_word() {
    let mut c = Console::new();
    c.open().await;
    let grants = c.sim.counters().get("token");
    c.sim.revoke_tokens();
    c.refresh_all().await;
    for p in PANES {
        assert_eq!(p.error(c.view()), None, "{p:?}");
        assert!(p.data(c.view()).is_some(), "{p:?}");
    }
    // One new grant for the five concurrent reads, not five.
    assert_eq!(c.sim.counters().get("token"), grants + 1);
    c.sim.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_fails_every_pane_and_the_console_recovers() {
    let mut c = Console::new();
    c.open().await;
    let port = c.sim.addr.port();
    // The server goes away (a stand-in listens elsewhere; the client still
    // targets the old port): every pane says "network failure".
    let stand_in = start(SimConfig::default()).unwrap();
    std::mem::replace(&mut c.sim, stand_in).shutdown();
    c.key('R');
    c.settled().await;
    for p in PANES {
        let e = p.error(c.view()).cloned();
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("Falha de rede: ")),
            "{p:?}: {e:?}"
        );
    }
    let screen = c.screen(Pane::Invoices);
    assert!(screen.contains("Falha de rede"), "{screen}");
    // The server comes back on the same port, with new tokens: R works again.
    let fresh = start(SimConfig {
        port,
        ..SimConfig::default()
    })
    .expect("bind the old port again");
    std::mem::replace(&mut c.sim, fresh).shutdown();
    c.refresh_all().await;
    for p in PANES {
        assert_eq!(p.error(c.view()), None, "{p:?}");
        assert!(p.data(c.view()).is_some(), "{p:?}");
    }
    c.sim.shutdown();
}
