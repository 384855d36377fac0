//! Mutable simulator state: tokens, actions' effects, counters.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::Value;

/// Side effects counted per kind and per target id, plus requests per route.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counters {
    /// Side effects per kind (e.g. `"ticket_open"`).
    pub actions: BTreeMap<String, u64>,
    /// Side effects per kind and target, keyed `"kind:target"` (e.g. `"unlock:100024"`).
    pub targets: BTreeMap<String, u64>,
    /// Requests received per route name (every request, even refused ones).
    pub requests: BTreeMap<String, u64>,
}

impl Counters {
    /// How many times a side effect of `kind` happened.
    pub fn get(&self, kind: &str) -> u64 {
        self.actions.get(kind).copied().unwrap_or(0)
    }
    /// How many times a side effect of `kind` happened to `target`.
    pub fn get_for(&self, kind: &str, target: impl std::fmt::Display) -> u64 {
        self.targets
            .get(&format!("{kind}:{target}"))
            .copied()
            .unwrap_or(0)
    }
    /// How many requests reached `route`.
    pub fn requests(&self, route: &str) -> u64 {
        self.requests.get(route).copied().unwrap_or(0)
    }
    pub(crate) fn bump(&mut self, kind: &str, target: impl std::fmt::Display) {
        *self.actions.entry(kind.to_string()).or_default() += 1;
        *self.targets.entry(format!("{kind}:{target}")).or_default() += 1;
    }
}

/// One recorded side effect with its details (PBX calls, queued jobs...).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Record {
    pub kind: String,
    pub target: String,
    pub at: NaiveDateTime,
    pub detail: Value,
}

/// A ticket as the state holds it (generated ones are copied in on first use).
#[derive(Clone, Debug)]
pub struct Ticket {
    pub id: u32,
    pub protocolo: String,
    pub cust: u32,
    pub service: u32,
    pub created: NaiveDateTime,
    pub closed: Option<NaiveDateTime>,
    pub status: String,
    pub tipo: String,
    pub descricao: String,
    pub descricao_fechamento: Option<String>,
    pub usuario: String,
    pub nome_contato: Option<String>,
    pub telefone_contato: Option<String>,
    pub email_contato: Option<String>,
    pub parametros: Option<Value>,
    pub os: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct ServiceOrder {
    pub id: u32,
    pub numero: String,
    pub cust: u32,
    pub service: u32,
    pub ticket: Option<u32>,
    pub created: NaiveDateTime,
    pub tipo: String,
    pub status: String,
    pub descricao: String,
    pub closed: Option<NaiveDateTime>,
    pub usuario: String,
}

#[derive(Clone, Debug)]
pub struct Prospect {
    pub id: u32,
    pub nome: String,
    pub doc: String,
    pub email: Option<String>,
    pub telefone: String,
    pub observacao: Option<String>,
    pub tipo_pessoa: String,
    pub created: NaiveDateTime,
    pub id_servico: u32,
    pub valor: String,
}

/// A session dropped through the API (a disconnect, or the router
/// restarting after a MAC reset, an unlock or a CPE reboot), and the new
/// one that follows it.
#[derive(Clone, Debug)]
pub struct Disconnect {
    pub at: NaiveDateTime,
    pub reconnect: Reconnect,
    pub new_ip: u32,
}

/// When the session of a [`Disconnect`] comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reconnect {
    /// At this time (the simulator's `reconnect_delay` after the action).
    At(NaiveDateTime),
    /// On this many more reads of the service's last connection
    /// (`cliente` with `ultima_conexao=sim`), with
    /// [`crate::sim::SimConfig::reconnect_after_reads`]: deterministic,
    /// for tests that watch the session come back.
    AfterReads(u32),
}

impl Reconnect {
    /// When the new session started, if it has by `now`.
    pub fn started_by(self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        match self {
            Reconnect::At(t) if t <= now => Some(t),
            _ => None,
        }
    }
}

/// A trust unlock granted through the API (the history also holds
/// generated ones, see `render::unlock_history`).
#[derive(Clone, Debug)]
pub struct Unlock {
    pub at: NaiveDateTime,
    pub until: chrono::NaiveDate,
    pub days: u64,
}

/// Per-service changes made by actions.
#[derive(Clone, Debug, Default)]
pub struct ServiceOverride {
    /// Trust unlock: enabled until this date (inclusive).
    pub unlocked_until: Option<chrono::NaiveDate>,
    pub mac_reset: bool,
    pub disconnects: Vec<Disconnect>,
    /// `reset_phy_addr`: the layer-2 (ONU) address was cleared.
    pub phy_reset: bool,
    /// The status set by `habilitar`, `suspender` or `ativar`.
    pub status: Option<crate::sim::data::Status>,
    /// Trust unlocks granted through the API, oldest first.
    pub unlocks: Vec<Unlock>,
    /// When the CPE was last rebooted or restored through the API.
    pub cpe_rebooted: Option<NaiveDateTime>,
    pub cpe_restored: Option<NaiveDateTime>,
}

/// A cached `cliente/all` answer, kept small: which customers, in which
/// order, and the per-service changes as they were then. The body is
/// rendered from it while it streams, so 100,000 customers never sit in
/// memory at once, and a repeat within the cache's life is the same answer.
#[derive(Debug, Default)]
pub struct AllSnapshot {
    /// Indices into `Sim::customers`, in answer order.
    pub customers: Vec<u32>,
    /// `State::services` when the answer was first rendered.
    pub services: HashMap<u32, ServiceOverride>,
}

#[derive(Default)]
pub struct State {
    pub tokens: HashMap<String, Instant>,
    pub counters: Counters,
    pub records: Vec<Record>,
    /// Tickets per customer, materialised on first access.
    pub tickets: HashMap<u32, Vec<Ticket>>,
    pub orders: HashMap<u32, Vec<ServiceOrder>>,
    /// New tickets' ids and protocols → customer.
    pub ticket_owner: HashMap<u32, u32>,
    pub protocol_owner: HashMap<String, u32>,
    pub os_owner: HashMap<u32, u32>,
    pub next_ticket: u32,
    pub next_os: u32,
    pub prospects: Vec<Prospect>,
    pub services: HashMap<u32, ServiceOverride>,
    /// `cliente/all` answers by query string: when it was first asked, and
    /// what it answers until the cache expires (see [`AllSnapshot`]).
    pub all_cache: HashMap<String, (Instant, std::sync::Arc<AllSnapshot>)>,
}
