//! What hangs off a customer: addresses, invoices, sessions and tickets.

use super::*;

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
