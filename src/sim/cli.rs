//! `hubdesk sim`: the simulator as a standalone server.

use std::time::Duration;

use chrono::NaiveDate;

use super::{Credentials, DEMO_CREDENTIALS, Faults, SimConfig, SimHandle};

/// Flags of `hubdesk sim`.
#[derive(Clone, Debug, clap::Args)]
pub struct SimArgs {
    /// TCP port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 8089)]
    pub port: u16,
    /// Number of synthetic customers (1..=100000).
    #[arg(long = "customers", default_value_t = 2000)]
    pub customers: u32,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = super::DEFAULT_SEED)]
    pub seed: u64,
    /// Pin "today" (YYYY-MM-DD) instead of the real date in America/Sao_Paulo.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    #[arg(long, default_value = DEMO_CREDENTIALS.client_id)]
    pub client_id: String,
    #[arg(long, default_value = DEMO_CREDENTIALS.client_secret)]
    pub client_secret: String,
    #[arg(long, default_value = DEMO_CREDENTIALS.username)]
    pub username: String,
    #[arg(long, default_value = DEMO_CREDENTIALS.password)]
    pub password: String,
    /// Lifetime of issued tokens, in seconds.
    #[arg(long, default_value_t = 2_592_000)]
    pub token_ttl_secs: u64,
    /// Largest accepted `dias_desbloqueio`.
    #[arg(long, default_value_t = 3)]
    pub unlock_max_days: u32,
    /// Seconds until a disconnected service reconnects.
    #[arg(long, default_value_t = 10)]
    pub reconnect_delay_secs: u64,
    /// A dropped session comes back on the Nth read of its last connection
    /// instead of after the delay (deterministic, for tests).
    #[arg(long, value_name = "N")]
    pub reconnect_after_reads: Option<u32>,
    /// Seconds `cliente/all` keeps serving a cached answer.
    #[arg(long, default_value_t = 30)]
    pub cache_ttl_secs: u64,
    /// Fixed latency added to every answer, in ms.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Extra random latency, 0..=N ms.
    #[arg(long, default_value_t = 0)]
    pub jitter_ms: u64,
    /// Latency of one route, `ROUTE=MS` (repeatable), e.g. `cliente/financeiro=2000`.
    #[arg(long = "route-latency", value_parser = parse_route_latency)]
    pub route_latency: Vec<(String, u64)>,
    /// Limit the fault knobs to these routes (comma-separated names such as
    /// `cliente,cliente/financeiro`); all routes when absent.
    #[arg(long, value_delimiter = ',')]
    pub fault_routes: Vec<String>,
    /// Rate (0..1) of HTTP 500 answers with a JSON body.
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Rate of HTTP 502 answers with an HTML page.
    #[arg(long, default_value_t = 0.0)]
    pub html_502_rate: f64,
    /// Rate of requests that never get an answer.
    #[arg(long, default_value_t = 0.0)]
    pub hang_rate: f64,
    /// Rate of answers that are not valid JSON.
    #[arg(long, default_value_t = 0.0)]
    pub malformed_rate: f64,
    /// Rate of answers cut in the middle.
    #[arg(long, default_value_t = 0.0)]
    pub truncated_rate: f64,
    /// Send bodies as Latin-1 instead of UTF-8.
    #[arg(long)]
    pub latin1: bool,
    /// Answer 403 (no permission) on the fault routes.
    #[arg(long)]
    pub forbidden: bool,
    /// Rate of HTTP 429 answers.
    #[arg(long, default_value_t = 0.0)]
    pub rate_limit_rate: f64,
    /// `Retry-After` seconds sent with 429.
    #[arg(long, default_value_t = 5)]
    pub retry_after_secs: u64,
    /// Spell the success status `suscess`, as some servers do.
    #[arg(long)]
    pub suscess: bool,
    /// Answer 404 when a search finds nothing.
    #[arg(long)]
    pub not_found_on_empty: bool,
    /// Actions take effect, then never answer.
    #[arg(long)]
    pub apply_then_stall: bool,
    /// Actions take effect, then answer HTTP 500.
    #[arg(long)]
    pub apply_then_500: bool,
    /// Wrap free text of every answer in terminal control sequences.
    #[arg(long)]
    pub hostile_text: bool,
    /// Behave like a 2020 server: no newer routes or search kinds.
    #[arg(long)]
    pub legacy_2020: bool,
}

impl SimArgs {
    /// The configuration these flags describe.
    pub fn to_config(&self) -> SimConfig {
        SimConfig {
            port: self.port,
            seed: self.seed,
            customers: self.customers,
            credentials: Credentials {
                client_id: self.client_id.clone(),
                client_secret: self.client_secret.clone(),
                username: self.username.clone(),
                password: self.password.clone(),
            },
            token_ttl: Duration::from_secs(self.token_ttl_secs),
            unlock_max_days: self.unlock_max_days,
            reconnect_delay: Duration::from_secs(self.reconnect_delay_secs),
            reconnect_after_reads: self.reconnect_after_reads.filter(|n| *n > 0),
            today: self.today,
            cache_ttl: Duration::from_secs(self.cache_ttl_secs),
            generation: if self.legacy_2020 {
                super::Generation::Documented2020
            } else {
                super::Generation::Current
            },
            faults: Faults {
                routes: self.fault_routes.clone(),
                latency_ms: self.latency_ms,
                jitter_ms: self.jitter_ms,
                route_latency_ms: self.route_latency.iter().cloned().collect(),
                error_500_rate: self.error_rate,
                html_502_rate: self.html_502_rate,
                hang_rate: self.hang_rate,
                malformed_json_rate: self.malformed_rate,
                truncated_json_rate: self.truncated_rate,
                latin1: self.latin1,
                forbidden: self.forbidden,
                rate_limit_rate: self.rate_limit_rate,
                retry_after_secs: self.retry_after_secs,
                suscess: self.suscess,
                not_found_on_empty: self.not_found_on_empty,
                apply_then_stall: self.apply_then_stall,
                apply_then_500: self.apply_then_500,
                hostile_text: self.hostile_text,
                ..Faults::default()
            },
        }
    }
}

fn parse_route_latency(s: &str) -> Result<(String, u64), String> {
    let (route, ms) = s
        .split_once('=')
        .ok_or_else(|| format!("expected ROUTE=MS, got {s}"))?;
    let ms = ms.parse().map_err(|e| format!("{ms}: {e}"))?;
    Ok((route.to_string(), ms))
}

/// The banner printed at start: URL and credentials to paste into a profile.
pub fn banner(handle: &SimHandle, cfg: &SimConfig) -> String {
    let c = &cfg.credentials;
    format!(
        "HubSoft simulator listening on {url}\n\
         customers: {n} (seed {seed}, today {today})\n\
         client_id: {cid}\nclient_secret: {cs}\nusername: {u}\npassword: {p}\n\
         admin: GET {url}/_sim/counters, POST {url}/_sim/faults, POST {url}/_sim/revoke\n\
         Ctrl-C to stop.",
        url = handle.base_url(),
        n = cfg.customers,
        seed = cfg.seed,
        today = handle.today(),
        cid = c.client_id,
        cs = c.client_secret,
        u = c.username,
        p = c.password,
    )
}

/// Starts the simulator, prints its URL and credentials, serves until Ctrl-C.
pub fn run_standalone(args: SimArgs) -> anyhow::Result<()> {
    let cfg = args.to_config();
    let handle = super::start(cfg.clone())?;
    println!("{}", banner(&handle, &cfg));
    // Wait on a thread of our own, so this works whether or not the caller
    // is already inside a Tokio runtime (block_on there would panic).
    let waiter = std::thread::spawn(|| -> anyhow::Result<()> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        rt.block_on(tokio::signal::ctrl_c())?;
        Ok(())
    });
    let waited = waiter
        .join()
        .map_err(|_| anyhow::anyhow!("the Ctrl-C waiter panicked"))?;
    handle.shutdown();
    waited
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn flags_map_to_config() {
        let cli = Cli::parse_from([
            "x",
            "--port",
            "0",
            "--customers",
            "50",
            "--seed",
            "9",
            "--latency-ms",
            "20",
            "--jitter-ms",
            "5",
            "--fault-routes",
            "cliente,financeiro",
            "--error-rate",
            "0.5",
            "--latin1",
            "--suscess",
            "--route-latency",
            "cliente/financeiro=2000",
            "--today",
            "2026-01-31",
            "--unlock-max-days",
            "5",
            "--reconnect-after-reads",
            "2",
        ]);
        let cfg = cli.sim.to_config();
        assert_eq!(cfg.reconnect_after_reads, Some(2));
        assert_eq!(cfg.customers, 50);
        assert_eq!(cfg.seed, 9);
        assert_eq!(cfg.unlock_max_days, 5);
        assert_eq!(cfg.today, NaiveDate::from_ymd_opt(2026, 1, 31));
        assert_eq!(cfg.faults.latency_ms, 20);
        assert_eq!(cfg.faults.jitter_ms, 5);
        assert_eq!(
            cfg.faults.route_latency_ms.get("cliente/financeiro"),
            Some(&2000)
        );
        assert_eq!(cfg.faults.routes, vec!["cliente", "financeiro"]);
        assert!(cfg.faults.latin1 && cfg.faults.suscess && !cfg.faults.forbidden);
        assert_eq!(cfg.credentials, Credentials::from(DEMO_CREDENTIALS));
    }

    #[test]
    fn no_flags_means_the_default_demo() {
        let cfg = Cli::parse_from(["x"]).sim.to_config();
        let d = SimConfig::default();
        assert_eq!(cfg.port, 8089);
        assert_eq!(
            (cfg.seed, cfg.customers, cfg.today),
            (d.seed, d.customers, d.today)
        );
        assert_eq!(cfg.credentials, d.credentials);
        assert_eq!(
            (cfg.token_ttl, cfg.unlock_max_days),
            (d.token_ttl, d.unlock_max_days)
        );
        assert_eq!(
            (
                cfg.reconnect_delay,
                cfg.cache_ttl,
                cfg.reconnect_after_reads
            ),
            (d.reconnect_delay, d.cache_ttl, None)
        );
        assert_eq!(
            cfg.faults,
            Faults {
                retry_after_secs: 5,
                ..Faults::default()
            }
        );
    }

    #[test]
    fn banner_names_url_and_credentials() {
        let cfg = SimConfig {
            customers: 10,
            ..SimConfig::default()
        };
        let h = crate::sim::start(cfg.clone()).expect("start");
        let b = banner(&h, &cfg);
        assert!(b.contains(&h.base_url()));
        assert!(b.contains("demo-secret") && b.contains("demo@hubdesk.local"));
        h.shutdown();
    }
}
