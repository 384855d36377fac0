//! The synthetic customers: names, documents, contacts and services, each
//! drawn from its own seeded stream so one index always gives the same one.

use super::*;

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

pub(super) fn pick<'a, T>(rng: &mut impl Rng, v: &'a [T]) -> &'a T {
    &v[rng.random_range(0..v.len())]
}

pub(super) fn ascii_lower(s: &str) -> String {
    docs::fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

pub(super) fn phone(rng: &mut impl Rng, ddd: u32, mobile: bool) -> String {
    if mobile {
        format!("{ddd}9{:08}", rng.random_range(80_000_000..100_000_000u32))
    } else {
        format!("{ddd}3{:07}", rng.random_range(2_000_000..10_000_000u32))
    }
}

pub(super) const LONG_NAME: &str = "MARIA APARECIDA DE FÁTIMA DOS SANTOS OLIVEIRA PEREIRA DA SILVA \
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
pub(super) const COMPLEMENTS: [&str; 8] = [
    "",
    "",
    "",
    "APTO 101",
    "CASA 2",
    "FUNDOS",
    "LOJA 1",
    "AREA RURAL",
];
