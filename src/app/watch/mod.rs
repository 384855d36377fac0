//! Watch until online (issue 18, part 1): after a MAC reset, a
//! disconnect, an unlock or a CPE reboot the attendant asks the customer
//! to restart the router and waits; `w` re-reads the service's last
//! connection every few seconds instead of the attendant pressing `r`
//! again and again, and rings the terminal bell when the service comes
//! online or gets a new session.
//!
//! The watches live in the customer view they were started on
//! ([`crate::app::CustomerView::watch`]), never in the app: they keep
//! reading while the customer's tab is parked (issue 18, part 2), closing
//! the tab drops them, and a read for a closed tab is dropped like every
//! other read. Time comes in with the messages
//! ([`crate::app::App::instant`], stepped by tests) and a tick
//! ([`crate::app::Msg::Tick`]): nothing here reads a clock.
//!
//! One read serves every watch of the view: the customer's record with
//! its last connections (the read the Cliente pane's "last seen" comes
//! from), asked at most once per interval, never while the previous one
//! is in flight, and less often after errors (the wait doubles up to
//! [`MAX_BACKOFF`]). A service is watched once, whatever the keys.

use std::time::{Duration, Instant};

use crate::api::{Customer, CustomerService, LastConnection};

mod app;
#[cfg(test)]
mod tests;

pub(super) use app::{offer, on_reply, on_tick, start, stop};

/// How often a watch reads by default.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// How long a watch lasts by default.
pub const DEFAULT_LIMIT: Duration = Duration::from_secs(5 * 60);
const NANOS: u128 = 1_000_000_000;

/// The longest wait between reads after errors (unless the interval
/// itself is longer).
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The pace of watches (`[watch]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchConfig {
    /// Time between two reads.
    pub interval: Duration,
    /// A watch stops by itself after this long.
    pub limit: Duration,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            interval: DEFAULT_INTERVAL,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl WatchConfig {
    /// The wait before the next read after `failures` errors in a row:
    /// the interval, doubled for each error, at most [`MAX_BACKOFF`] (or
    /// the interval, when that is longer).
    pub fn delay(&self, failures: u32) -> Duration {
        let cap = MAX_BACKOFF.max(self.interval);
        let factor = 1u32.checked_shl(failures.min(16)).unwrap_or(u32::MAX);
        self.interval.saturating_mul(factor).min(cap)
    }
}

/// What a last connection says, as far as a watch compares it: online or
/// not, and which session (its start and address together: two sessions
/// may start in the same second, rarely with the same address).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// `conectado` (`None`: unknown).
    pub online: Option<bool>,
    /// The session's start (to the second), and its address.
    pub session: Option<(String, Option<String>)>,
    /// The session's start as shown (`dd/mm/aaaa hh:mm`).
    pub since: Option<String>,
}

impl Seen {
    /// What `lc` says (`None`: the server knows nothing).
    pub fn of(lc: Option<&LastConnection>) -> Seen {
        let Some(lc) = lc else {
            return Seen::default();
        };
        let start = lc
            .ultima_conexao_datetime
            .as_ref()
            .or(lc.ultima_conexao.as_ref());
        // To the second: the shown form stops at the minute.
        let id = start.map(|d| match d {
            crate::api::ApiDate::Instant(t) => t.to_rfc3339(),
            other => other.to_br(),
        });
        Seen {
            online: lc.conectado,
            session: id.map(|s| (s, lc.ultimo_ipv4.clone())),
            since: start.map(crate::api::ApiDate::to_br),
        }
    }

    /// Whether `self`, read now, is what the watch waited for against
    /// `before`: online, after being offline or unknown, or online in
    /// another session.
    pub fn flip_from(&self, before: &Seen) -> Option<Flip> {
        if self.online != Some(true) {
            return None;
        }
        if before.online != Some(true) {
            return Some(Flip::CameOnline);
        }
        (self.session.is_some() && self.session != before.session).then_some(Flip::NewSession)
    }
}

/// How a watched service reached what the attendant waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flip {
    /// It was offline (or unknown) and is online.
    CameOnline,
    /// It was online and is online again in a new session.
    NewSession,
}

/// Where a watch is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Reading every interval.
    Waiting,
    /// Done: online (the badge shows until Esc or the customer's tab is
    /// closed).
    Online {
        /// When the read that saw it arrived.
        at: Instant,
        /// How.
        flip: Flip,
        /// The session's start, as the server sent it.
        since: Option<String>,
    },
}

/// One watched service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    /// `id_cliente_servico`.
    pub service: u64,
    /// How the attendant knows it: the login, else the plan, else the id
    /// (sanitized, one line).
    pub label: String,
    /// When it started.
    pub started: Instant,
    /// Its last connection when it started.
    pub baseline: Seen,
    /// Where it is.
    pub state: State,
}

impl Watch {
    /// Whether it still reads.
    pub fn waiting(&self) -> bool {
        self.state == State::Waiting
    }
}

/// What `start` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// A new watch.
    New,
    /// The service was already watched: nothing changed.
    Already,
}

/// What a tick asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tick {
    /// Send the read now.
    pub poll: bool,
    /// The watches that reached their limit, removed.
    pub expired: Vec<Watch>,
}

/// The watches of one customer view and their one read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Watches {
    /// Every watch, oldest first; a service at most once.
    pub list: Vec<Watch>,
    /// When the next read is due (none while nothing waits).
    pub next_at: Option<Instant>,
    /// The sequence number of the read in flight.
    pub in_flight: Option<u64>,
    /// Failed reads in a row (each doubles the wait).
    pub failures: u32,
    /// The last read's error, localized, while reads fail.
    pub error: Option<String>,
    /// Reads sent.
    pub reads: u32,
    /// Ticks that found a read due while the previous one was still in
    /// flight (it is never sent twice: the read waits for the next slot).
    pub skipped: u32,
    /// A service an action just touched: `w` is offered for it until the
    /// attendant takes it, selects another service or sends another action.
    pub offer: Option<u64>,
}

impl Watches {
    /// Whether any watch still reads.
    pub fn waiting(&self) -> bool {
        self.list.iter().any(Watch::waiting)
    }

    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The wait after the last read, as it stands.
    pub fn delay(&self, cfg: &WatchConfig) -> Duration {
        cfg.delay(self.failures)
    }

    /// Starts watching `service` at `now` with its last connection
    /// `baseline`. A service already waiting is not watched twice; one
    /// that came online is watched afresh. The first read is due one
    /// interval later (the action's own re-read has just gone out).
    pub fn start(
        &mut self,
        service: u64,
        label: String,
        baseline: Seen,
        now: Instant,
        cfg: &WatchConfig,
    ) -> Started {
        if self
            .list
            .iter()
            .any(|w| w.service == service && w.waiting())
        {
            return Started::Already;
        }
        self.list.retain(|w| w.service != service);
        self.list.push(Watch {
            service,
            label,
            started: now,
            baseline,
            state: State::Waiting,
        });
        if self.offer == Some(service) {
            self.offer = None;
        }
        if self.next_at.is_none() {
            self.next_at = Some(now + self.delay(cfg));
        }
        Started::New
    }

    /// Time passed up to `now`: the watches past their limit stop, and the
    /// read is asked for when it is due and the previous one has answered
    /// (the caller sends it and calls [`Watches::sent`]). A read due while
    /// the previous one is still in flight waits for the next slot.
    pub fn tick(&mut self, now: Instant, cfg: &WatchConfig) -> Tick {
        let mut out = Tick::default();
        let (expired, kept): (Vec<Watch>, Vec<Watch>) = std::mem::take(&mut self.list)
            .into_iter()
            .partition(|w| w.waiting() && now >= w.started + cfg.limit);
        self.list = kept;
        out.expired = expired;
        if !self.waiting() {
            self.next_at = None;
            return out;
        }
        match self.next_at {
            Some(at) if now >= at => {
                if self.in_flight.is_some() {
                    self.skipped += 1;
                } else {
                    out.poll = true;
                }
                self.next_at = Some(now + self.delay(cfg));
            }
            Some(_) => {}
            None => self.next_at = Some(now + self.delay(cfg)),
        }
        out
    }

    /// The read `seq` went out.
    pub fn sent(&mut self, seq: u64) {
        self.in_flight = Some(seq);
        self.reads += 1;
    }

    /// Read `seq` answered at `now` with each service's last connection,
    /// or failed. Returns the watches that came online (now marked), or
    /// `None` when `seq` is not the read in flight (stopped meanwhile).
    pub fn answered(
        &mut self,
        seq: u64,
        now: Instant,
        result: Result<Vec<(u64, Seen)>, String>,
        cfg: &WatchConfig,
    ) -> Option<Vec<Watch>> {
        if self.in_flight != Some(seq) {
            return None;
        }
        self.in_flight = None;
        let seen = match result {
            Ok(seen) => seen,
            Err(e) => {
                self.failures = self.failures.saturating_add(1);
                self.error = Some(e);
                // Backing off from the failure, not from when it was sent.
                self.next_at = Some(now + self.delay(cfg));
                return Some(Vec::new());
            }
        };
        // Back to the interval after a backoff, never sooner than one
        // interval after this read went out.
        if self.failures > 0 {
            self.next_at = self.next_at.map(|at| at.min(now + cfg.interval));
        }
        self.failures = 0;
        self.error = None;
        let mut flipped = Vec::new();
        for w in self.list.iter_mut().filter(|w| w.waiting()) {
            let Some((_, now_seen)) = seen.iter().find(|(id, _)| *id == w.service) else {
                continue;
            };
            if let Some(flip) = now_seen.flip_from(&w.baseline) {
                w.state = State::Online {
                    at: now,
                    flip,
                    since: now_seen.since.clone(),
                };
                flipped.push(w.clone());
            }
        }
        if !self.waiting() {
            self.next_at = None;
        }
        Some(flipped)
    }

    /// Stops every watch (Esc): a read in flight will be dropped.
    pub fn stop(&mut self) -> bool {
        let had = !self.list.is_empty();
        *self = Watches::default();
        had
    }

    /// Whole seconds until the next read, rounded up (`None`: no read is
    /// scheduled, or one is in flight).
    pub fn countdown(&self, now: Instant) -> Option<u64> {
        if self.in_flight.is_some() {
            return None;
        }
        let left = self.next_at?.saturating_duration_since(now);
        Some(left.as_nanos().div_ceil(NANOS) as u64)
    }

    /// The oldest waiting watch (its elapsed time is the one shown).
    pub fn oldest_waiting(&self) -> Option<&Watch> {
        self.list.iter().find(|w| w.waiting())
    }

    /// The next instant after `now` at which something changes by itself:
    /// a read falls due, a watch reaches its limit, or the countdown or
    /// the elapsed time shown turns to the next second. The loop wakes up
    /// then with a tick.
    pub fn wake_at(&self, now: Instant, cfg: &WatchConfig) -> Option<Instant> {
        if !self.waiting() {
            return None;
        }
        let second = Duration::from_secs(1);
        // The next whole second counted from `from`, after `now`.
        let next_second = |from: Instant| -> Instant {
            if now < from {
                return from;
            }
            let past = now.duration_since(from).as_nanos() / NANOS + 1;
            from + second * past as u32
        };
        let mut times: Vec<Instant> = Vec::new();
        if let Some(at) = self.next_at {
            times.push(at);
            // The countdown turns at `at - k s`: the same phase as `at`,
            // to the nanosecond (a truncated millisecond would wake the
            // loop just before the read is due, to send nothing).
            if at > now {
                let step = (at.duration_since(now).as_nanos() % NANOS) as u64;
                times.push(now + Duration::from_nanos(if step == 0 { NANOS as u64 } else { step }));
            }
        }
        for w in self.list.iter().filter(|w| w.waiting()) {
            times.push(w.started + cfg.limit);
            times.push(next_second(w.started));
        }
        times.into_iter().filter(|t| *t > now).min()
    }
}

/// Each service of `customer` with what its last connection says.
pub fn seen_in(customer: &Customer) -> Vec<(u64, Seen)> {
    customer
        .servicos
        .iter()
        .filter_map(|s| Some((s.id_cliente_servico?, Seen::of(s.ultima_conexao.as_ref()))))
        .collect()
}

/// How the attendant knows `service`: its login, else its plan, else its
/// id; sanitized to one line.
pub fn label_of(service: &CustomerService, id: u64) -> String {
    let text = service
        .login
        .as_deref()
        .filter(|l| !l.trim().is_empty())
        .or(service.nome.as_deref().filter(|n| !n.trim().is_empty()))
        .map(|t| crate::sanitize::clean_line(t).trim().to_owned());
    text.unwrap_or_else(|| id.to_string())
}

/// `m:ss`.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}
