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
}

impl Status {
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

/// A per-purpose RNG for one customer: the same `(seed, idx, purpose)`
/// always yields the same stream.
pub fn rng_for(seed: u64, idx: u32, purpose: u64) -> ChaCha8Rng {
    let mix = seed
        ^ (u64::from(idx).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        ^ purpose.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    ChaCha8Rng::seed_from_u64(mix)
}

pub const P_CUSTOMER: u64 = 1;
pub const P_ADDRESS: u64 = 2;
pub const P_INVOICE: u64 = 3;
pub const P_TICKET: u64 = 4;
pub const P_SESSION: u64 = 5;

fn pick<'a, T>(rng: &mut impl Rng, v: &'a [T]) -> &'a T {
    &v[rng.random_range(0..v.len())]
}

fn ascii_lower(s: &str) -> String {
    docs::fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn phone(rng: &mut impl Rng, ddd: u32, mobile: bool) -> String {
    if mobile {
        format!("{ddd}9{:08}", rng.random_range(80_000_000..100_000_000u32))
    } else {
        format!("{ddd}3{:07}", rng.random_range(2_000_000..10_000_000u32))
    }
}

const LONG_NAME: &str = "MARIA APARECIDA DE FÁTIMA DOS SANTOS OLIVEIRA PEREIRA DA SILVA \
COSTA RIBEIRO MARTINS CARVALHO ALMEIDA LOPES SOARES FERNANDES VIEIRA BARBOSA ROCHA DIAS \
NASCIMENTO ANDRADE MOREIRA NUNES MARQUES MACHADO MENDES FREITAS CARDOSO RAMOS GONÇALVES";

/// The ESC sequence embedded in customer 1002's street name.
pub const NASTY_STREET: &str = "DAS \u{1b}[31mPALMEIRAS\u{1b}[0m";

/// Generates customer `idx`. Pure function of `(seed, idx, today)`.
pub fn customer(seed: u64, idx: u32, today: NaiveDate) -> Customer {
    let w = words();
    let mut rng = rng_for(seed, idx, P_CUSTOMER);
    let pj = match idx {
        1 | 8 => true,
        0 | 2..=7 => false,
        _ => rng.random_bool(0.15),
    };
    let (name, fantasy) = if idx == 0 {
        ("JOSÉ DA CONCEIÇÃO ARAÚJO".to_string(), None)
    } else if idx == 1 {
        (
            "PADARIA SÃO JOSÉ LTDA".to_string(),
            Some("PADARIA SÃO JOSÉ".to_string()),
        )
    } else if idx == 3 {
        (LONG_NAME.to_string(), None)
    } else if pj {
        let a = pick(&mut rng, &w.company_words);
        let mut b = pick(&mut rng, &w.company_words);
        while b == a {
            b = pick(&mut rng, &w.company_words);
        }
        let s = pick(&mut rng, &w.company_suffixes);
        let fantasy = format!("{a} {b}");
        (format!("{fantasy} {s}"), Some(fantasy))
    } else {
        let f = pick(&mut rng, &w.first_names);
        let s1 = pick(&mut rng, &w.surnames);
        let s2 = pick(&mut rng, &w.surnames);
        if rng.random_bool(0.3) {
            (format!("{f} {s1} {s2}"), None)
        } else {
            (format!("{f} {s2}"), None)
        }
    };
    let doc = if idx == 8 {
        // 1008: an alphanumeric CNPJ, issued since July 2026.
        docs::cnpj_alphanumeric(&mut rng)
    } else if pj {
        docs::cnpj(&mut rng)
    } else {
        docs::cpf(&mut rng)
    };
    let city_idx = if idx < 8 {
        0
    } else {
        rng.random_range(0..w.cities.len())
    };
    let bairro = match idx {
        0 => ALERT_BAIRRO,
        1..=7 => "CENTRO",
        _ => *pick(&mut rng, &w.neighbourhoods),
    };
    let ddd = 37;
    let phones = [
        phone(&mut rng, ddd, true),
        if rng.random_bool(0.6) {
            let mobile = rng.random_bool(0.5);
            phone(&mut rng, ddd, mobile)
        } else {
            String::new()
        },
        if rng.random_bool(0.1) {
            phone(&mut rng, ddd, true)
        } else {
            String::new()
        },
    ];
    let login_base = {
        let parts: Vec<&str> = name.split_whitespace().collect();
        let first = ascii_lower(parts.first().copied().unwrap_or("cliente"));
        let last = ascii_lower(parts.last().copied().unwrap_or(""));
        let mut s = format!("{first}{last}");
        s.truncate(20);
        s
    };
    let email = if idx == 0 || rng.random_bool(0.8) {
        let domain = *pick(
            &mut rng,
            &[
                "gmail.com",
                "hotmail.com",
                "yahoo.com.br",
                "uol.com.br",
                "outlook.com",
            ],
        );
        Some(format!("{login_base}{}@{domain}", idx % 100))
    } else {
        None
    };
    let email2 = if email.is_some() && rng.random_bool(0.15) {
        Some(format!("{login_base}.financeiro@outlook.com"))
    } else {
        None
    };
    let rg = (!pj).then(|| format!("MG{}", rng.random_range(10_000_000..20_000_000u32)));
    let reg_days = rng.random_range(30..3000u64);
    let registered = (today - Days::new(reg_days)).and_time(
        NaiveTime::from_hms_opt(
            rng.random_range(8..18),
            rng.random_range(0..60),
            rng.random_range(0..60),
        )
        .expect("valid time"),
    );
    let birth = if pj || rng.random_bool(0.2) {
        None
    } else {
        NaiveDate::from_ymd_opt(
            rng.random_range(1950..2004),
            rng.random_range(1..13),
            rng.random_range(1..29),
        )
    };

    // Services: fixed for the fixtures, random otherwise.
    let fixed: &[(Status, Conn, bool, u8)] = match idx {
        0 => &[(Status::Enabled, Conn::Online, true, 2)],
        1 => &[
            (Status::Enabled, Conn::Offline, true, 4),
            (Status::SuspendedDebt, Conn::Offline, true, 6),
        ],
        2 => &[(Status::Blocked, Conn::Offline, true, 1)],
        3 => &[(Status::AwaitingInstall, Conn::Unknown, true, 0)],
        4 => &[
            (Status::Enabled, Conn::Unknown, false, 1),
            (Status::Cancelled, Conn::Offline, true, 6),
        ],
        5 => &[
            (Status::Cancelled, Conn::Offline, true, 0),
            (Status::Cancelled, Conn::Unknown, true, 7),
        ],
        6 => &[(Status::SuspendedDebt, Conn::Online, true, 2)],
        7 => &[(Status::Enabled, Conn::Online, true, 3)],
        _ => &[],
    };
    let n_services = if fixed.is_empty() {
        match rng.random_range(0..100) {
            0..=74 => 1,
            75..=94 => 2,
            _ => 3,
        }
    } else {
        fixed.len()
    };
    let mut services = Vec::with_capacity(n_services);
    for s in 0..n_services {
        let (status, conn, has_auth, plan) = if let Some(f) = fixed.get(s) {
            *f
        } else {
            let status = match rng.random_range(0..100) {
                0..=77 => Status::Enabled,
                78..=85 => Status::SuspendedDebt,
                86..=88 => Status::Blocked,
                89..=94 => Status::Cancelled,
                95..=98 => Status::AwaitingInstall,
                _ => Status::AwaitingMigration,
            };
            let conn = match status {
                Status::AwaitingInstall => Conn::Unknown,
                Status::Cancelled | Status::Blocked => Conn::Offline,
                _ => match rng.random_range(0..100) {
                    0..=69 => Conn::Online,
                    70..=89 => Conn::Offline,
                    _ => Conn::Unknown,
                },
            };
            let plan = if pj {
                *pick(&mut rng, &[3u8, 4, 4, 7])
            } else {
                rng.random_range(0..PLANS.len() as u8)
            };
            (status, conn, !rng.random_bool(0.03), plan)
        };
        let id = SERVICE_BASE + idx * 4 + s as u32;
        let (login, senha) = if has_auth {
            (
                format!("{login_base}{}", id % 10_000),
                format!("{:06}", rng.random_range(0..1_000_000u32)),
            )
        } else {
            (String::new(), String::new())
        };
        // Private CGNAT-like space; unique per service id.
        let ipv4 = u32::from(std::net::Ipv4Addr::new(10, 64, 0, 0)) + id - SERVICE_BASE + 2;
        let mut mac = [0u8; 6];
        rng.fill(&mut mac[..]);
        mac[0] &= 0xFE; // unicast
        let packages = match rng.random_range(0..10) {
            0..=5 => None,
            6..=7 => Some(1),
            8 => Some(2),
            _ => Some(3),
        };
        let packages = if idx == 0 { Some(3) } else { packages };
        services.push(Service {
            id,
            plan,
            status,
            conn,
            has_auth,
            login,
            senha,
            ipv4,
            mac,
            packages,
            odd_routing_key: idx.is_multiple_of(5) && s == 0,
        });
    }
    let any_debt = services.iter().any(|s| s.status == Status::SuspendedDebt);
    let overdue = if any_debt {
        rng.random_range(2..4)
    } else if rng.random_bool(0.1) {
        1
    } else {
        0
    };
    let own_alert = match idx {
        7 => Some("Cliente solicitou contato apenas pelo WhatsApp"),
        _ if rng.random_bool(0.01) => Some("Cliente em negociação de débito com o financeiro"),
        _ => None,
    };
    Customer {
        idx,
        name_folded: docs::fold(&name),
        fantasy_folded: fantasy.as_deref().map(docs::fold),
        name,
        fantasy,
        pj,
        doc,
        phones,
        email,
        email2,
        rg,
        registered,
        birth,
        city: city_idx as u16,
        bairro,
        due_day: *pick(&mut rng, &[5u8, 10, 15, 20, 25]),
        overdue,
        own_alert,
        services,
    }
}

/// Address complements; empty most of the time.
const COMPLEMENTS: [&str; 8] = [
    "",
    "",
    "",
    "APTO 101",
    "CASA 2",
    "FUNDOS",
    "LOJA 1",
    "AREA RURAL",
];

/// One postal address, derived on demand.
pub struct Address {
    pub logradouro: &'static str,
    pub endereco: String,
    pub numero: String,
    pub complemento: &'static str,
    pub bairro: &'static str,
    pub cep: String,
    pub city: &'static City,
    pub coords: Option<(f64, f64)>,
}

impl Address {
    pub fn completo(&self) -> String {
        let mut s = format!(
            "{} {}, {} - {}, {}/{}",
            self.logradouro,
            self.endereco,
            self.numero,
            self.bairro,
            self.city.name.to_uppercase(),
            self.city.uf
        );
        if !self.complemento.is_empty() {
            s.push_str(" - ");
            s.push_str(self.complemento);
        }
        s
    }
}

/// The four addresses of service `s` of customer `c`: cadastral,
/// installation, fiscal, billing. The installation address is in the
/// customer's city and neighbourhood; the others usually equal it.
pub fn addresses(seed: u64, c: &Customer, s: usize) -> [Address; 4] {
    let w = words();
    let mut rng = rng_for(seed, c.idx, P_ADDRESS + 16 * s as u64);
    let city = c.city();
    let make = |rng: &mut ChaCha8Rng, install: bool| {
        let (lg, name) = *pick(rng, &w.streets);
        let endereco = if c.idx == 2 {
            NASTY_STREET.to_string()
        } else {
            name.to_string()
        };
        let cep = rng.random_range(city.cep_first..=city.cep_last);
        let cep = if rng.random_bool(0.5) {
            format!("{:05}-{:03}", cep / 1000, cep % 1000)
        } else {
            format!("{cep:08}")
        };
        Address {
            logradouro: lg,
            endereco,
            numero: rng.random_range(1..2000u32).to_string(),
            complemento: COMPLEMENTS[rng.random_range(0..COMPLEMENTS.len())],
            bairro: c.bairro,
            cep,
            city,
            coords: install.then(|| {
                (
                    -20.14 + rng.random_range(-0.05..0.05),
                    -44.88 + rng.random_range(-0.05..0.05),
                )
            }),
        }
    };
    let inst = make(&mut rng, true);
    let other = make(&mut rng, false);
    let copy = |a: &Address| Address {
        logradouro: a.logradouro,
        endereco: a.endereco.clone(),
        numero: a.numero.clone(),
        complemento: a.complemento,
        bairro: a.bairro,
        cep: a.cep.clone(),
        city: a.city,
        coords: None,
    };
    let billing = if rng.random_bool(0.2) {
        other
    } else {
        copy(&inst)
    };
    [
        copy(&inst),
        inst.clone_with_coords(),
        copy(&billing),
        billing,
    ]
}

impl Address {
    fn clone_with_coords(&self) -> Address {
        Address {
            logradouro: self.logradouro,
            endereco: self.endereco.clone(),
            numero: self.numero.clone(),
            complemento: self.complemento,
            bairro: self.bairro,
            cep: self.cep.clone(),
            city: self.city,
            coords: self.coords,
        }
    }
}

/// One invoice, derived on demand.
#[derive(Clone, Debug)]
pub struct Invoice {
    pub id: u32,
    pub due: NaiveDate,
    pub paid: Option<NaiveDate>,
    pub valor: f64,
    pub boleto: bool,
    /// (description, value) lines.
    pub lines: Vec<(String, f64)>,
}

impl Invoice {
    pub fn nosso_numero(&self) -> String {
        (self.id - INVOICE_BASE + 200_000).to_string()
    }
    /// A 44-digit barcode and its 47-digit typeable line, deterministic per id.
    pub fn barcode(&self) -> (String, String) {
        let cents = (self.valor * 100.0).round() as u64;
        let factor =
            (self.due - NaiveDate::from_ymd_opt(2022, 5, 29).expect("date")).num_days() + 1000;
        let free = format!("{:025}", u64::from(self.id) * 7919);
        let bar = format!("7569{}{factor:04}{cents:010}{free}", self.id % 10);
        let line = format!(
            "75691.{}{} {}.{} {}.{} {} {factor:04}{cents:010}",
            &free[0..4],
            &free[4..5],
            &free[5..10],
            &free[10..16],
            &free[16..21],
            &free[21..25].to_string().repeat(2)[..6],
            self.id % 10
        );
        (bar, line)
    }
    pub fn pix(&self) -> String {
        format!(
            "00020101021226860014br.gov.bcb.pix2564pix.provedor.example/qr/v2/cobv/{}5204000053039865406{:.2}5802BR5916PROVEDOR INTERNET6011DIVINOPOLIS62070503***6304{:04X}",
            self.id,
            self.valor,
            self.id % 0xFFFF
        )
    }
}

/// The invoices of customer `c` (oldest first): up to a year back plus the
/// next month's. The most recent `overdue` past-due ones are unpaid.
pub fn invoices(seed: u64, c: &Customer, today: NaiveDate) -> Vec<Invoice> {
    let mut rng = rng_for(seed, c.idx, P_INVOICE);
    let active: Vec<&Service> = c
        .services
        .iter()
        .filter(|s| !matches!(s.status, Status::Cancelled | Status::AwaitingInstall))
        .collect();
    if active.is_empty()
        && c.services
            .iter()
            .all(|s| s.status == Status::AwaitingInstall)
    {
        return Vec::new();
    }
    let base_month =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("date") + Months::new(1);
    let mut out = Vec::new();
    for k in (0..INVOICES_PER_CUSTOMER).rev() {
        let month = base_month - Months::new(k);
        let due = month.with_day(u32::from(c.due_day)).expect("due day <= 25");
        if due < c.registered.date() + Days::new(20) {
            continue;
        }
        let mut lines = Vec::new();
        let list: Vec<&Service> = if active.is_empty() {
            c.services.iter().take(1).collect()
        } else {
            active.clone()
        };
        for s in list {
            let p = s.plan();
            lines.push((
                format!(
                    "(+) Serviço de Comunicação e Multimídia - {} ({}) | R$ {:.2}",
                    p.nome,
                    month.format("%m/%Y"),
                    p.valor
                ),
                p.valor,
            ));
            if let Some(bits) = s.packages {
                for (i, pk) in PACKAGES.iter().enumerate() {
                    if bits & (1 << i) != 0 {
                        let v: f64 = pk.2.parse().expect("package value");
                        lines.push((format!("(+) {} | R$ {v:.2}", pk.1), v));
                    }
                }
            }
        }
        let valor = (lines.iter().map(|l| l.1).sum::<f64>() * 100.0).round() / 100.0;
        out.push(Invoice {
            id: INVOICE_BASE + c.idx * 16 + k,
            due,
            paid: None,
            valor,
            boleto: rng.random_bool(0.9),
            lines,
        });
    }
    // Pay the past ones, leaving the newest `overdue` past-due ones unpaid.
    let mut unpaid_left = c.overdue;
    for inv in out.iter_mut().rev() {
        if inv.due >= today {
            continue;
        }
        if unpaid_left > 0 {
            unpaid_left -= 1;
            continue;
        }
        let early = rng.random_range(0..8u64);
        let late = rng.random_bool(0.1);
        inv.paid = Some(if late {
            inv.due + Days::new(early + 1)
        } else {
            inv.due - Days::new(early)
        });
    }
    out
}

/// Which customer an invoice id belongs to, and its slot.
pub fn invoice_owner(id: u32) -> Option<(u32, u32)> {
    let rel = id.checked_sub(INVOICE_BASE)?;
    Some((rel / 16, rel % 16))
}

/// Which customer a service id belongs to, and its slot.
pub fn service_owner(id: u32) -> Option<(u32, usize)> {
    let rel = id.checked_sub(SERVICE_BASE)?;
    Some((rel / 4, (rel % 4) as usize))
}

/// One RADIUS accounting session.
#[derive(Clone, Debug)]
pub struct Session {
    pub start: NaiveDateTime,
    pub stop: Option<NaiveDateTime>,
    pub framed_ip: u32,
    pub nas_ip: u32,
    pub down_mb: f64,
    pub up_mb: f64,
}

/// The generated connection history of a service, oldest first, ending
/// before `today` 00:00 (so it never lies in the future of a pinned clock).
pub fn sessions(seed: u64, c: &Customer, s: &Service, today: NaiveDate) -> Vec<Session> {
    if s.conn == Conn::Unknown || !s.has_auth {
        return Vec::new();
    }
    let mut rng = rng_for(seed, c.idx, P_SESSION + 16 * u64::from(s.id % 4));
    let midnight = today.and_time(NaiveTime::MIN);
    let nas = u32::from(std::net::Ipv4Addr::new(172, 17, 24, 90)) + u32::from(c.city);
    // Walk backwards from the end of the history.
    let mut out = Vec::new();
    let mut t = midnight - chrono::Duration::minutes(rng.random_range(5..600));
    let open_last = s.conn == Conn::Online;
    let horizon = midnight - chrono::Duration::days(60);
    let mut first = true;
    while t > horizon && out.len() < 60 {
        let dur = chrono::Duration::minutes(rng.random_range(30..(60 * 24 * 4)));
        let start = t - dur;
        let stop = if first && open_last { None } else { Some(t) };
        let hours = dur.num_minutes() as f64 / 60.0;
        let down = (hours * rng.random_range(50.0..900.0) * 100.0).round() / 100.0;
        let up = (down * rng.random_range(0.03..0.15) * 100.0).round() / 100.0;
        out.push(Session {
            start,
            stop,
            framed_ip: s.ipv4,
            nas_ip: nas,
            down_mb: down,
            up_mb: up,
        });
        first = false;
        t = start - chrono::Duration::seconds(rng.random_range(5..1800));
    }
    out.reverse();
    out
}

/// A generated ticket with its service orders.
#[derive(Clone, Debug)]
pub struct GenTicket {
    pub local: u32,
    pub service: u32,
    pub created: NaiveDateTime,
    pub closed: Option<NaiveDateTime>,
    pub status: &'static str,
    pub tipo: &'static str,
    pub descricao: &'static str,
    pub os: Option<(u32, &'static str)>,
}

pub const TICKET_KINDS: [(&str, &str); 5] = [
    (
        "TÉCNICO - SEM CONEXÃO",
        "Cliente relata estar sem acesso à internet",
    ),
    (
        "TÉCNICO - CONEXÃO LENTA",
        "Cliente reclama de conexão lenta à noite",
    ),
    (
        "FINANCEIRO - SEGUNDA VIA",
        "Solicitou segunda via do boleto",
    ),
    ("SAC", "Dúvida sobre mudança de plano"),
    (
        "TÉCNICO - QUEDAS DE CONEXÃO",
        "Quedas frequentes de conexão",
    ),
];

/// The generated tickets of customer `c` (0-3; fixtures 1000 and 1007 have two).
pub fn tickets(seed: u64, c: &Customer, today: NaiveDate) -> Vec<GenTicket> {
    let mut rng = rng_for(seed, c.idx, P_TICKET);
    let n = match c.idx {
        0 | 7 => 2,
        1..=6 => 1,
        _ => rng.random_range(0..4u32),
    };
    let mut out = Vec::new();
    for k in 0..n {
        let s = &c.services[rng.random_range(0..c.services.len())];
        let created = (today - Days::new(rng.random_range(1..120u64))).and_time(
            NaiveTime::from_hms_opt(
                rng.random_range(8..18),
                rng.random_range(0..60),
                rng.random_range(0..60),
            )
            .expect("time"),
        );
        let state = if k == 0 && matches!(c.idx, 0 | 7) {
            1
        } else {
            rng.random_range(0..4u32)
        };
        let (status, closed) = match state {
            0 => ("Aguardando Análise", None),
            1 => ("Pendente", None),
            2 => ("Em Andamento", None),
            _ => (
                "Finalizado",
                Some(created + chrono::Duration::hours(rng.random_range(1..72))),
            ),
        };
        let (tipo, descricao) = *pick(&mut rng, &TICKET_KINDS);
        let os = if tipo.starts_with("TÉCNICO") {
            let os_status = match (state, rng.random_range(0..2u32)) {
                (3, _) => "finalizado",
                (_, 0) => "pendente",
                _ => "aguardando_agendamento",
            };
            Some((OS_BASE + c.idx * 4 + k, os_status))
        } else {
            None
        };
        out.push(GenTicket {
            local: c.idx * 4 + k,
            service: s.id,
            created,
            closed,
            status,
            tipo,
            descricao,
            os,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
    }

    #[test]
    fn same_seed_same_customer() {
        for idx in [0, 9, 1234] {
            let a = customer(42, idx, day());
            let b = customer(42, idx, day());
            assert_eq!(a.name, b.name);
            assert_eq!(a.doc, b.doc);
            assert_eq!(a.services.len(), b.services.len());
            assert_eq!(a.services[0].login, b.services[0].login);
        }
        assert_ne!(customer(1, 50, day()).doc, customer(2, 50, day()).doc);
    }

    #[test]
    fn documents_are_valid() {
        for idx in 0..2000 {
            let c = customer(7, idx, day());
            assert!(docs::valid_cpf_cnpj(&c.doc), "{} {}", c.name, c.doc);
            assert_eq!(c.doc.len(), if c.pj { 14 } else { 11 });
            assert!(c.phones[0].len() == 11 && c.phones[0].starts_with("37"));
        }
    }

    #[test]
    fn invoices_cover_paid_open_and_overdue() {
        let mut paid = 0;
        let mut open = 0;
        let mut overdue = 0;
        for idx in 0..300 {
            let c = customer(7, idx, day());
            for inv in invoices(7, &c, day()) {
                assert_eq!(
                    invoice_owner(inv.id),
                    Some((idx, inv.id - INVOICE_BASE - idx * 16))
                );
                match (inv.paid, inv.due < day()) {
                    (Some(_), _) => paid += 1,
                    (None, true) => overdue += 1,
                    (None, false) => open += 1,
                }
            }
        }
        assert!(
            paid > 0 && open > 0 && overdue > 0,
            "{paid} {open} {overdue}"
        );
    }

    #[test]
    fn barcode_has_44_digits() {
        let c = customer(7, 0, day());
        let inv = &invoices(7, &c, day())[0];
        let (bar, line) = inv.barcode();
        assert_eq!(bar.len(), 44, "{bar}");
        assert!(bar.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(docs::digits(&line).len(), 47, "{line}");
    }

    #[test]
    fn online_history_ends_with_open_session() {
        let c = customer(7, 0, day());
        let h = sessions(7, &c, &c.services[0], day());
        assert!(h.len() > 3);
        assert!(h.last().expect("session").stop.is_none());
        assert!(
            h.windows(2)
                .all(|w| w[0].stop.expect("closed") <= w[1].start)
        );
        assert!(h.iter().all(|s| s.start < day().and_time(NaiveTime::MIN)));
    }
}
