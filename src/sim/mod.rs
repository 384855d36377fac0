//! The embedded HubSoft simulator.
//!
//! An axum server implementing the 25 documented integration routes with
//! deterministic synthetic data, stateful actions, side-effect counters and
//! fault knobs. It builds its JSON on its own (never with the client's
//! types), so the client and the simulator check each other.
//!
//! ```no_run
//! let sim = hubdesk::sim::start(hubdesk::sim::SimConfig::default())?;
//! println!("{}", sim.base_url());
//! # anyhow::Ok(())
//! ```
//!
//! # Data
//! Deterministic for a seed ([`DEFAULT_SEED`] by default) and a "today"
//! ([`SimConfig::today`]). Ids are arithmetic so lookups need no index:
//! customer index `i` has `id_cliente` 10000+i, `codigo_cliente` 1000+i,
//! services `100000 + 4i + slot`, invoices `1000000 + 16i + k`. Fixed
//! fixtures (customers 1000-1007: accented names, an ESC sequence in a
//! street, a 200+ character name, a service without authentication data,
//! a suspended-for-debt service to unlock, an online one to disconnect, the
//! fiber-cut alert of neighbourhood IPIRANGA in Divinópolis) are listed in
//! `data.rs`. Prospect `EMPRESA XPTO LTDA` (CNPJ 41483316000169) exists
//! from the start, as in the documentation.
//!
//! # Counters
//! Every side effect bumps [`Counters`] by kind and by target:
//! `token` (username), `ticket_open` / `os_open` (service id),
//! `ticket_edit` / `ticket_close` (ticket id), `os_close` (order id),
//! `unlock`, `disconnect`, `mac_reset` (service id), `invoice_email`,
//! `invoice_sms`, `invoice_push` (invoice id), `prospect_create` (CPF/CNPJ),
//! `pbx_notify` / `pbx_cancel` (ramal or identificador_interno), and on
//! current servers `phy_reset`, `service_enable`, `service_suspend`,
//! `service_activate` (service id), `cpe_reboot` / `cpe_restore` (the
//! ONU's `phy_addr`). Refused requests count nothing. Details of each effect are kept as [`Record`]s.
//!
//! # Admin routes (not HubSoft's)
//! `GET /_sim/counters` (the [`Counters`] as JSON), `GET|POST /_sim/faults`
//! (a [`Faults`] as JSON; missing fields take their defaults) and
//! `POST /_sim/revoke` (revoke every token). They need no token and no
//! fault knob touches them.

mod cli;
mod data;
mod docs;
mod faults;
mod render;
mod routes;
mod state;
mod words;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tokio::sync::watch;

pub use cli::{SimArgs, run_standalone};
pub use docs::valid_cpf_cnpj;
pub use faults::{Faults, HOSTILE_PREFIX, HOSTILE_SUFFIX};
pub use state::{Counters, Record};

/// OAuth password-grant credentials the simulator accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
}

/// The fixed demo credentials.
pub const DEMO_CREDENTIALS: DemoCredentials = DemoCredentials {
    client_id: "demo",
    client_secret: "demo-secret",
    username: "demo@hubdesk.local",
    password: "demo",
};

/// Static form of [`Credentials`], usable in a `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoCredentials {
    pub client_id: &'static str,
    pub client_secret: &'static str,
    pub username: &'static str,
    pub password: &'static str,
}

impl From<DemoCredentials> for Credentials {
    fn from(d: DemoCredentials) -> Self {
        Credentials {
            client_id: d.client_id.into(),
            client_secret: d.client_secret.into(),
            username: d.username.into(),
            password: d.password.into(),
        }
    }
}

/// Everything that shapes a simulator run.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Seed of the synthetic data.
    pub seed: u64,
    /// Number of customers, 1..=100_000.
    pub customers: u32,
    pub credentials: Credentials,
    /// Lifetime of issued tokens (`expires_in`).
    pub token_ttl: Duration,
    /// Largest `dias_desbloqueio` a trust unlock accepts (the panel's rule).
    pub unlock_max_days: u32,
    /// How long after a requested disconnect the service reconnects.
    pub reconnect_delay: Duration,
    /// When set, a session dropped by an action (a disconnect, or the
    /// router restarting after a MAC reset, an ONU MAC reset, a trust
    /// unlock or a CPE reboot or restore) comes back on the Nth read of
    /// the service's last connection after it (`cliente` with
    /// `ultima_conexao=sim`; 1 = the first read already sees it online)
    /// instead of after [`SimConfig::reconnect_delay`]: deterministic,
    /// for tests that watch it come back.
    pub reconnect_after_reads: Option<u32>,
    /// "Today" for the data and the default date windows; `None` = the real
    /// date in America/Sao_Paulo.
    pub today: Option<NaiveDate>,
    /// How long `cliente/all` serves the same cached answer.
    pub cache_ttl: Duration,
    /// Which HubSoft the simulator plays: the 2020 documentation, or a
    /// current server with the newer routes and `busca` kinds.
    pub generation: Generation,
    pub faults: Faults,
}

/// The HubSoft server generation the simulator behaves like, so both the
/// newer paths and the fallbacks to the 2020 ones are tested.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Generation {
    /// As the 2020 documentation: `cliente` refuses `busca=id_cliente_servico`
    /// and `busca=id_cliente`.
    Documented2020,
    /// As servers of 2023 and later (the default).
    #[default]
    Current,
}

pub const DEFAULT_SEED: u64 = 20_250_128;
pub const MAX_CUSTOMERS: u32 = 100_000;

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            port: 0,
            seed: DEFAULT_SEED,
            customers: 2_000,
            credentials: DEMO_CREDENTIALS.into(),
            token_ttl: Duration::from_secs(2_592_000),
            unlock_max_days: 3,
            reconnect_delay: Duration::from_secs(10),
            reconnect_after_reads: None,
            today: None,
            cache_ttl: Duration::from_secs(30),
            generation: Generation::Current,
            faults: Faults::default(),
        }
    }
}

/// The 25 documented routes, by the names fault knobs and counters use
/// (the path under `/api/v1/integracao/`, or `oauth/token`). `prospecto`
/// covers both the GET search and the POST creation.
pub const ROUTES: [&str; 24] = [
    "oauth/token",
    "atendimento",
    "atendimento/{id}",
    "cliente/all",
    "cliente/atendimento",
    "cliente",
    "cliente/desbloqueio_confianca",
    "cliente/solicitar_desconexao/{id}",
    "cliente/extrato_conexao",
    "cliente/financeiro",
    "cliente/financeiro/enviar_email",
    "cliente/financeiro/enviar_sms",
    "cliente/financeiro/enviar_push",
    "cliente/ordem_servico",
    "cliente/reset_mac_addr",
    "endereco/cidade",
    "financeiro",
    "pbx/ligacao/notificar",
    "pbx/ligacao/cancelar",
    "prospecto/create",
    "prospecto",
    "rede/equipamento",
    "rede/pop",
    "rede/zona_atendimento",
];

/// The routes of current servers the simulator also serves (not in the
/// 2020 documentation, so not in [`ROUTES`]): with
/// [`Generation::Documented2020`] each answers as a server without it
/// does (404 for a GET, 405 for a POST), with [`Generation::Current`] it
/// works. Named as [`ROUTES`] are, for fault knobs and counters.
pub const NEWER_ROUTES: [&str; 11] = [
    "cliente/reset_phy_addr",
    "cliente/cliente_servico/habilitar/{id}",
    "cliente/cliente_servico/suspender/{id}",
    "cliente/cliente_servico/ativar/{id}",
    "cliente/cliente_servico/{id}/senhas",
    "cliente/todos",
    "financeiro/fatura",
    "configuracao/cidade",
    "rede/cpe/todos",
    "rede/reiniciar_cpe/{phy_addr}",
    "rede/restaurar_cpe/{phy_addr}",
];

/// Shared by all handlers.
pub(crate) struct Sim {
    pub cfg: SimConfig,
    /// The date the data was generated for.
    pub today: NaiveDate,
    pub customers: Vec<data::Customer>,
    pub state: Mutex<State>,
    pub faults: Mutex<Faults>,
    pub rng: Mutex<ChaCha8Rng>,
    pub shutdown: watch::Receiver<bool>,
}

use state::State;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked cannot leave the maps half-updated in a way
    // that matters more than stopping the whole simulator would.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn real_now() -> NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::America::Sao_Paulo)
        .naive_local()
}

impl Sim {
    pub fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
    /// Local time in America/Sao_Paulo; with a pinned `today`, that date
    /// with the real time of day (so live actions still move forward).
    pub fn now(&self) -> NaiveDateTime {
        let real = real_now();
        match self.cfg.today {
            Some(d) => d.and_time(real.time()),
            None => real,
        }
    }
    pub fn customer(&self, idx: u32) -> Option<&data::Customer> {
        self.customers.get(idx as usize)
    }
}

/// A running simulator. Dropping it stops the server (without waiting).
pub struct SimHandle {
    pub addr: SocketAddr,
    sim: Arc<Sim>,
    shutdown_tx: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// The CPF/CNPJ of the customer with `codigo_cliente` `code`, as the
    /// simulator stores it (digits, or letters and digits for an
    /// alphanumeric CNPJ): for tests that type it.
    pub fn document_of(&self, code: u32) -> Option<String> {
        let idx = code.checked_sub(data::CODIGO_BASE)?;
        self.sim.customer(idx).map(|c| c.doc.clone())
    }
    /// A snapshot of the counters.
    pub fn counters(&self) -> Counters {
        self.sim.state().counters.clone()
    }
    /// Recorded side effects with their details, oldest first.
    pub fn records(&self) -> Vec<Record> {
        self.sim.state().records.clone()
    }
    pub fn faults(&self) -> Faults {
        lock(&self.sim.faults).clone()
    }
    /// Replaces the active fault knobs; takes effect for the next request.
    pub fn set_faults(&self, faults: Faults) {
        *lock(&self.sim.faults) = faults;
    }
    /// Revokes every issued token now (as an admin or an upgrade would).
    pub fn revoke_tokens(&self) {
        self.sim.state().tokens.clear();
    }
    /// The date the data was generated for.
    pub fn today(&self) -> NaiveDate {
        self.sim.today
    }
    /// Stops the server and waits for it to finish.
    pub fn shutdown(mut self) {
        let _ = self.shutdown_tx.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.shutdown_tx.send(true);
    }
}

impl Sim {
    fn new(cfg: SimConfig, shutdown: watch::Receiver<bool>) -> anyhow::Result<Sim> {
        anyhow::ensure!(
            (1..=MAX_CUSTOMERS).contains(&cfg.customers),
            "customers must be between 1 and {MAX_CUSTOMERS}"
        );
        let today = cfg.today.unwrap_or_else(|| real_now().date());
        let customers = (0..cfg.customers)
            .map(|i| data::customer(cfg.seed, i, today))
            .collect();
        let mut st = State {
            next_ticket: 5_000_000,
            next_os: 7_500_000,
            ..State::default()
        };
        st.prospects = render::seed_prospects(cfg.seed, today);
        Ok(Sim {
            faults: Mutex::new(cfg.faults.clone()),
            rng: Mutex::new(ChaCha8Rng::seed_from_u64(cfg.seed ^ 0xFA17)),
            today,
            customers,
            state: Mutex::new(st),
            shutdown,
            cfg,
        })
    }
}

/// Generates the data, binds 127.0.0.1:`cfg.port` and serves on a
/// background thread with its own runtime, so it works from sync code and
/// from any async runtime alike.
pub fn start(cfg: SimConfig) -> anyhow::Result<SimHandle> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", cfg.port))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let (tx, rx) = watch::channel(false);
    let sim = Arc::new(Sim::new(cfg, rx.clone())?);
    let app = routes::router(sim.clone());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("hubdesk-sim")
        .enable_all()
        .build()?;
    let thread = std::thread::Builder::new()
        .name("hubdesk-sim".into())
        .spawn(move || {
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let mut rx = rx;
                let stop = async move {
                    while !*rx.borrow() {
                        if rx.changed().await.is_err() {
                            break;
                        }
                    }
                };
                if let Err(e) = axum::serve(listener, app)
                    .with_graceful_shutdown(stop)
                    .await
                {
                    tracing::warn!("simulator stopped: {e}");
                }
            });
            // Connections stuck in a hang end with the runtime.
            rt.shutdown_timeout(Duration::from_millis(100));
        })?;
    Ok(SimHandle {
        addr,
        sim,
        shutdown_tx: tx,
        thread: Some(thread),
    })
}
