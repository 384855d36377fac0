//! Deterministic synthetic data.
//!
//! Only what searches need is generated up front (customers and their
//! services, a few hundred bytes each). Everything bulky (addresses,
//! invoices, tickets, connection history) is derived on demand from
//! `(seed, customer index)` by a fresh RNG, so 100,000 customers stay small
//! and every read of the same thing gives the same answer.
//!
//! Fixed fixtures (customer index → `codigo_cliente` = 1000 + index):
//! - 1000 `JOSÉ DA CONCEIÇÃO ARAÚJO`: accented name; FIBRA, enabled, online,
//!   with packages and an e-mail; lives in the fiber-cut neighbourhood (alert).
//! - 1001 `PADARIA SÃO JOSÉ LTDA` (CNPJ, fantasy name): one enabled but
//!   offline service and one suspended for debt (overdue invoices).
//! - 1002: an ESC sequence (`\x1b[31m...\x1b[0m`) in the street name of every
//!   address; service blocked.
//! - 1003: a very long name (over 200 characters); awaiting installation,
//!   no connection data (`ultima_conexao: []`).
//! - 1004: an enabled service WITHOUT authentication data (login, password
//!   and IP are null; MAC reset and disconnect are refused) plus a cancelled one.
//! - 1005: only cancelled services (hidden by `cancelado=nao`).
//! - 1006: one service suspended for debt, online until the suspension
//!   (trust-unlock target).
//! - 1007: enabled and online (disconnect target), with an individual alert.
//! - 1008: a company with an alphanumeric CNPJ (issued since July 2026).
//! - Every customer whose installation is in the alert neighbourhood
//!   (`ALERT_BAIRRO` of `ALERT_CITY`) carries the fiber-cut alert.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::docs;
use super::words::{City, words};

mod people;
mod records;

pub use people::*;
pub use records::*;

pub const ID_CLIENTE_BASE: u32 = 10_000;

pub const CODIGO_BASE: u32 = 1_000;

pub const SERVICE_BASE: u32 = 100_000;

pub const INVOICE_BASE: u32 = 1_000_000;

pub const TICKET_BASE: u32 = 500_000;

pub const OS_BASE: u32 = 700_000;

/// Invoices per customer at most (ids are `INVOICE_BASE + idx*16 + k`).
pub const INVOICES_PER_CUSTOMER: u32 = 13;

pub const ALERT_CITY: usize = 0;

pub const ALERT_BAIRRO: &str = "IPIRANGA";

pub const FIBER_CUT_MSGS: [&str; 2] = [
    "Existe um rompimento de fibra no bairro IPIRANGA, na cidade Divinópolis que está afetando esse cliente",
    "A equipe técnica já está a caminho para resolver o rompimento de fibra",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Enabled,
    SuspendedDebt,
    Blocked,
    Cancelled,
    AwaitingInstall,
    AwaitingMigration,
    /// Suspended at the customer's request (`suspender` of current servers).
    SuspendedRequest,
}

impl Status {
    /// HubSoft's `id_servico_status` for the status (as its panel numbers them).
    pub fn id(self) -> u32 {
        match self {
            Status::Enabled => 9,
            Status::SuspendedDebt => 4,
            Status::Blocked => 6,
            Status::Cancelled => 2,
            Status::AwaitingInstall => 1,
            Status::AwaitingMigration => 12,
            Status::SuspendedRequest => 5,
        }
    }

    /// (`status`, `status_prefixo`). The document shows `servico_habilitado`,
    /// `cancelado` and `aguardando_migracao`; the others follow HubSoft's
    /// panel wording.
    pub fn text(self) -> (&'static str, &'static str) {
        match self {
            Status::Enabled => ("Serviço Habilitado", "servico_habilitado"),
            Status::SuspendedDebt => ("Suspenso por Débito", "suspenso_debito"),
            Status::Blocked => ("Bloqueio Administrativo", "bloqueio_administrativo"),
            Status::Cancelled => ("Cancelado", "cancelado"),
            Status::AwaitingInstall => ("Aguardando Instalação", "aguardando_instalacao"),
            Status::AwaitingMigration => ("Aguardando Migração", "aguardando_migracao"),
            Status::SuspendedRequest => ("Suspenso Pedido Cliente", "suspenso_pedido_cliente"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tech {
    Fibra,
    Wireless,
}

impl Tech {
    pub fn text(self) -> &'static str {
        match self {
            Tech::Fibra => "FIBRA",
            Tech::Wireless => "WIRELESS",
        }
    }
}

/// What RADIUS accounting knows about the service's last connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conn {
    Online,
    Offline,
    Unknown,
}

/// A plan sold to customers.
pub struct Plan {
    pub numero: u32,
    pub nome: &'static str,
    pub valor: f64,
    pub tech: Tech,
    pub down_kbps: u32,
    pub up_kbps: u32,
}

pub const PLANS: [Plan; 8] = [
    Plan {
        numero: 1,
        nome: "FIBRA 100M",
        valor: 79.9,
        tech: Tech::Fibra,
        down_kbps: 102_400,
        up_kbps: 51_200,
    },
    Plan {
        numero: 2,
        nome: "FIBRA 300M",
        valor: 99.9,
        tech: Tech::Fibra,
        down_kbps: 307_200,
        up_kbps: 153_600,
    },
    Plan {
        numero: 3,
        nome: "FIBRA 500M",
        valor: 119.9,
        tech: Tech::Fibra,
        down_kbps: 512_000,
        up_kbps: 256_000,
    },
    Plan {
        numero: 4,
        nome: "FIBRA 1G",
        valor: 169.9,
        tech: Tech::Fibra,
        down_kbps: 1_024_000,
        up_kbps: 512_000,
    },
    Plan {
        numero: 5,
        nome: "FIBRA EMPRESARIAL 600M",
        valor: 254.9,
        tech: Tech::Fibra,
        down_kbps: 614_400,
        up_kbps: 307_200,
    },
    Plan {
        numero: 6,
        nome: "4M",
        valor: 69.9,
        tech: Tech::Wireless,
        down_kbps: 4_096,
        up_kbps: 1_024,
    },
    Plan {
        numero: 7,
        nome: "10M RADIO",
        valor: 89.9,
        tech: Tech::Wireless,
        down_kbps: 10_240,
        up_kbps: 2_048,
    },
    Plan {
        numero: 8,
        nome: "20M RADIO",
        valor: 115.9,
        tech: Tech::Wireless,
        down_kbps: 20_480,
        up_kbps: 4_096,
    },
];
/// Optional packages (`pacotes`); `valor` is a string, as documented.
pub const PACKAGES: [(u32, &str, &str, &str); 3] = [
    (1, "IP FIXO", "20", "IP FIXO"),
    (2, "TV", "20", "ASSINATURA DE TV"),
    (3, "TELEFONIA", "15", "LINHA FIXA VOIP"),
];

#[derive(Clone, Debug)]
pub struct Service {
    pub id: u32,
    pub plan: u8,
    pub status: Status,
    pub conn: Conn,
    /// False for the few services without RADIUS authentication data.
    pub has_auth: bool,
    pub login: String,
    pub senha: String,
    pub ipv4: u32,
    pub mac: [u8; 6],
    /// Bit i set = package i; `None` renders `"pacotes": null`.
    pub packages: Option<u8>,
    /// Renders the key `equipamentoroteamento` (no underscore) in `/cliente`,
    /// as the documented example does for one of its clients.
    pub odd_routing_key: bool,
}

impl Service {
    pub fn plan(&self) -> &'static Plan {
        &PLANS[usize::from(self.plan)]
    }
    pub fn ipv4_text(&self) -> String {
        std::net::Ipv4Addr::from(self.ipv4).to_string()
    }
    /// The ONU's own layer-2 address (fibre services with authentication
    /// only), distinct from the MAC the login is bound to.
    pub fn phy_text(&self) -> Option<String> {
        if !self.has_auth || self.plan().tech != Tech::Fibra {
            return None;
        }
        let onu = self.id.wrapping_mul(2_654_435_761);
        Some(format!(
            "48:57:02:{:02X}:{:02X}:{:02X}",
            (onu >> 16) & 0xFF,
            (onu >> 8) & 0xFF,
            onu & 0xFF
        ))
    }
    pub fn mac_text(&self) -> String {
        self.mac
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":")
    }
}

#[derive(Clone, Debug)]
pub struct Customer {
    pub idx: u32,
    pub name: String,
    /// `fold(name)`, kept for searching.
    pub name_folded: String,
    pub fantasy: Option<String>,
    pub fantasy_folded: Option<String>,
    pub pj: bool,
    pub doc: String,
    pub phones: [String; 3],
    pub email: Option<String>,
    pub email2: Option<String>,
    pub rg: Option<String>,
    pub registered: NaiveDateTime,
    pub birth: Option<NaiveDate>,
    /// Installation city (index into the word list) and neighbourhood.
    pub city: u16,
    pub bairro: &'static str,
    pub due_day: u8,
    /// Unpaid past invoices (suspended for debt, or simply late).
    pub overdue: u8,
    pub own_alert: Option<&'static str>,
    pub services: Vec<Service>,
}

impl Customer {
    pub fn id_cliente(&self) -> u32 {
        ID_CLIENTE_BASE + self.idx
    }
    pub fn codigo(&self) -> u32 {
        CODIGO_BASE + self.idx
    }
    pub fn city(&self) -> &'static City {
        &words().cities[usize::from(self.city)]
    }
    pub fn in_fiber_cut(&self) -> bool {
        usize::from(self.city) == ALERT_CITY && self.bairro == ALERT_BAIRRO
    }
    pub fn alerts(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.in_fiber_cut() {
            v.extend(FIBER_CUT_MSGS);
        }
        if let Some(a) = self.own_alert {
            v.push(a);
        }
        v
    }
}

#[cfg(test)]
mod tests;
