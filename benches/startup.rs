//! The real binary in a pseudo-terminal: start to first frame, and peak
//! resident memory with a customer open (issue 8, figures 6 and 7).
//!
//! - Figure 6: from spawning `hubdesk` to its first frame on screen,
//!   against `examples/minimal_frame.rs` (one ratatui frame, then exit);
//!   goal <= 1.5x. Measured both with `--demo` (which generates the
//!   2,000-customer simulator before drawing) and against an external
//!   simulator (what an attendant on a real server sees, minus the
//!   network: no request is made before the first frame).
//! - Figure 7: `VmHWM` from `/proc/PID/status` after searching and
//!   opening a customer with all panes loaded; goals <= 30 MB with
//!   `--demo` (simulator in the same process) and <= 15 MB against an
//!   external `hubdesk sim` (a separate process).
//!
//! - Figure 11: a long shift. Against the external simulator, 500
//!   customers opened by code and left again (`Esc`), one after another
//!   (the last nine stay open in tabs, issue 18);
//!   `VmRSS` after the 1st, 100th and 500th, and `VmHWM` at the end.
//!   Memory must return after a customer is left: the 500th must not sit
//!   higher than the 100th by more than noise.
//!
//! Build the baseline first: `cargo build --profile bench --example
//! minimal_frame`, then `cargo bench --bench startup`
//! (`STARTUP_BIN=/path/to/hubdesk` measures another build instead). Both use the bench
//! profile (fat LTO, as the `dist` build that ships), whose files live in
//! target/release.

#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::Pty;

const DEADLINE: Duration = Duration::from_secs(20);
const PORT: u16 = 18_431;
const RUNS: usize = 7;

/// The console measured: this build's, or `STARTUP_BIN`'s (another
/// build of the same commit, e.g. with other profile settings, measured by
/// the same code for a comparison).
fn hubdesk() -> PathBuf {
    std::env::var_os("STARTUP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_hubdesk")))
}

fn minimal() -> Option<PathBuf> {
    // The bench runs from target/release/deps; the example sits in
    // target/release/examples.
    let exe = std::env::current_exe().ok()?;
    let path = exe
        .parent()?
        .parent()?
        .join("examples")
        .join("minimal_frame");
    path.exists().then_some(path)
}

/// A clean environment: no user config, the external simulator's
/// address and demo credentials, pt-BR.
fn console_cmd(args: &[&str], dir: &std::path::Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(hubdesk());
    cmd.args(args);
    cmd.env("LANG", "pt_BR.UTF-8");
    cmd.env("HUBDESK_CONFIG", dir.join("absent.toml"));
    cmd.env("HUBDESK_STATE_DIR", dir);
    cmd.env("HUBDESK_DATA_DIR", dir);
    cmd.env("HUBSOFT_HOST", format!("http://127.0.0.1:{PORT}"));
    cmd.env(
        "HUBSOFT_CLIENT_ID",
        hubdesk::sim::DEMO_CREDENTIALS.client_id,
    );
    cmd.env(
        "HUBSOFT_CLIENT_SECRET",
        hubdesk::sim::DEMO_CREDENTIALS.client_secret,
    );
    cmd.env("HUBSOFT_USERNAME", hubdesk::sim::DEMO_CREDENTIALS.username);
    cmd.env("HUBSOFT_PASSWORD", hubdesk::sim::DEMO_CREDENTIALS.password);
    cmd
}

/// Spawns `cmd` and returns the time until `text` is on screen.
fn first_frame(cmd: CommandBuilder, text: &str) -> (Duration, Pty) {
    let started = Instant::now();
    let pty = Pty::spawn(cmd, 160, 48);
    pty.wait_for_text(text, DEADLINE);
    (started.elapsed(), pty)
}

/// Ends the console the way a closed session does (SIGTERM restores the
/// terminal and exits), whatever has focus.
fn quit(mut pty: Pty) {
    pty.signal("TERM");
    let _ = pty.wait_exit(DEADLINE);
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    proc_status_kib(pid, "VmHWM:")
}

/// A `kB` line of `/proc/PID/status` (`VmHWM:`, `VmRSS:`).
fn proc_status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Customers the soak opens, one after another.
const SOAK: usize = 500;

/// Opens the customer with `code` from the search box and leaves it again.
fn open_and_leave(pty: &mut Pty, code: u32) {
    // Ctrl-U empties the box; the code alone opens its customer.
    pty.send_keys(b"\x15");
    pty.send_keys(code.to_string().as_bytes());
    pty.send_keys(b"\r");
    // The Cliente pane's line: with several tabs open the title row is
    // the tab strip, which may leave the code out.
    pty.wait_for_text(&format!("Código: {code} "), DEADLINE);
    pty.wait_for_text("Visto por último", DEADLINE);
    pty.send_keys(b"\x1b");
    pty.wait_for_text("Buscar por", DEADLINE);
}

/// Searches "silva", opens the first customer, waits for its panes.
fn open_customer(pty: &mut Pty) {
    pty.send_keys(b"silva");
    pty.wait_for_text("Buscar por Nome", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("clientes encontrados", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("Visto por último", DEADLINE);
    pty.wait_quiet(Duration::from_millis(500), DEADLINE);
}

struct ExternalSim(Child);

impl Drop for ExternalSim {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn external_sim() -> ExternalSim {
    let child = Command::new(hubdesk())
        .args(["sim", "--port", &PORT.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("hubdesk sim starts");
    let end = Instant::now() + DEADLINE;
    while std::net::TcpStream::connect(("127.0.0.1", PORT)).is_err() {
        assert!(
            Instant::now() < end,
            "the external simulator never listened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    ExternalSim(child)
}

fn main() {
    // `cargo bench` passes `--bench`; any filter argument is ignored.
    let dir = tempfile::tempdir().expect("temp dir");
    let _sim = external_sim();

    // ---- figure 6 ---------------------------------------------------------
    let mut demo = Vec::new();
    let mut external = Vec::new();
    let mut base = Vec::new();
    let baseline = minimal();
    for _ in 0..RUNS {
        let (t, pty) = first_frame(console_cmd(&["--demo"], dir.path()), "Buscar cliente");
        demo.push(t);
        quit(pty);
        let (t, pty) = first_frame(console_cmd(&[], dir.path()), "Buscar cliente");
        external.push(t);
        quit(pty);
        if let Some(exe) = &baseline {
            let (t, mut pty) = first_frame(CommandBuilder::new(exe), "minimal frame");
            base.push(t);
            let _ = pty.wait_exit(DEADLINE);
        }
    }
    let (demo, external) = (median(demo), median(external));
    if base.is_empty() {
        println!(
            "figure 6: first frame: hubdesk --demo {demo:?}, against an external server \
             {external:?} (median of {RUNS}); baseline missing: run \
             `cargo build --profile bench --example minimal_frame` first"
        );
    } else {
        let base = median(base);
        println!(
            "figure 6: first frame (median of {RUNS}, 160x48 PTY): minimal ratatui program \
             {base:?}; hubdesk against an external server {external:?} = {:.2}x; \
             hubdesk --demo {demo:?} = {:.2}x (goal <= 1.5x)",
            external.as_secs_f64() / base.as_secs_f64(),
            demo.as_secs_f64() / base.as_secs_f64(),
        );
    }

    // ---- figure 7 ---------------------------------------------------------
    for (label, args, goal) in [
        ("--demo", &["--demo"][..], 30),
        ("external `hubdesk sim`", &[][..], 15),
    ] {
        let (_, mut pty) = first_frame(console_cmd(args, dir.path()), "Buscar cliente");
        let pid = pty.pid();
        open_customer(&mut pty);
        let hwm = vm_hwm_kib(pid);
        quit(pty);
        match hwm {
            Some(kib) => println!(
                "figure 7: peak RSS (VmHWM) with a customer open, {label}: {:.1} MB \
                 (goal <= {goal} MB)",
                kib as f64 / 1024.0
            ),
            None => println!("figure 7: {label}: /proc/{pid}/status unreadable"),
        }
    }

    // ---- figure 11 --------------------------------------------------------
    let (_, mut pty) = first_frame(console_cmd(&[], dir.path()), "Buscar cliente");
    let pid = pty.pid();
    // Customers whose services are all cancelled are hidden by default;
    // Ctrl-X includes them, so every code of the simulator opens.
    pty.send_keys(b"\x18");
    let mut at = Vec::new();
    for i in 0..SOAK {
        // Spread over the simulator's 2,000 customers (codes from 1,000).
        let code = 1_000 + (i as u32 * 7) % 2_000;
        open_and_leave(&mut pty, code);
        if matches!(i + 1, 1 | 100 | SOAK) {
            pty.wait_quiet(Duration::from_millis(300), DEADLINE);
            at.push((i + 1, proc_status_kib(pid, "VmRSS:")));
        }
    }
    let hwm = vm_hwm_kib(pid);
    quit(pty);
    let mb = |k: Option<u64>| k.map_or("?".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    let line: Vec<String> = at
        .iter()
        .map(|(n, k)| format!("after {n}: {}", mb(*k)))
        .collect();
    println!(
        "figure 11: {SOAK} customers opened and left, external `hubdesk sim`: RSS {}; \
         peak (VmHWM) {}",
        line.join(", "),
        mb(hwm)
    );
}
