//! Secret canaries, beyond the CLI's own test (`tests/cli/cli.rs`,
//! `canary_secrets_never_reach_logs_audit_or_output`): a unique client
//! secret and password, and the bearer and refresh tokens (recognised by
//! the prefixes every simulator token has), must never appear
//! - on the console's screen (the whole PTY byte stream of a session that
//!   logs in, searches, opens a customer, reveals a PPPoE password and
//!   runs an action);
//! - in the log files (at `trace`) and the audit trail of that session;
//! - in panic output (the test-only switch, with a full backtrace);
//! - in CLI errors: a refused grant and an unreachable server, plain and
//!   `--json`;
//! - in the `Debug` text of the credentials, the client configuration and
//!   the client.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
use hubdesk::sim::{self, SimConfig, SimHandle};
use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(30);
const CLIENT_SECRET: &str = "CANARY-SECRET-5c1e-client";
const PASSWORD: &str = "CANARY-PASSWORD-a9f4-user";
const WRONG_PASSWORD: &str = "CANARY-WRONG-PASSWORD-3d77";
/// Every access token the simulator issues starts with this JWT header,
/// every refresh token with `def50200`.
const TOKEN_PREFIX: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9";
const REFRESH_PREFIX: &str = "def50200";
const CANARIES: [&str; 5] = [
    CLIENT_SECRET,
    PASSWORD,
    WRONG_PASSWORD,
    TOKEN_PREFIX,
    REFRESH_PREFIX,
];

fn canary_sim() -> SimHandle {
    sim::start(SimConfig {
        credentials: sim::Credentials {
            client_id: "canary-client".into(),
            client_secret: CLIENT_SECRET.into(),
            username: "canary@isp.example".into(),
            password: PASSWORD.into(),
        },
        ..SimConfig::default()
    })
    .unwrap()
}

/// The environment of a run against `url` with the canary credentials and
/// private files under `dir`.
fn env(dir: &Path, url: &str, password: &str) -> Vec<(String, String)> {
    let p = |s: &str| dir.join(s).to_string_lossy().into_owned();
    [
        ("LANG", "pt_BR.UTF-8".to_owned()),
        ("HUBDESK_CONFIG", p("config.toml")),
        ("HUBDESK_DATA_DIR", p("data")),
        ("HUBDESK_STATE_DIR", p("state")),
        ("HUBSOFT_HOST", url.to_owned()),
        ("HUBSOFT_CLIENT_ID", "canary-client".to_owned()),
        ("HUBSOFT_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ("HUBSOFT_USERNAME", "canary@isp.example".to_owned()),
        ("HUBSOFT_PASSWORD", password.to_owned()),
        ("RUST_BACKTRACE", "full".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn assert_clean(what: &str, text: &str) {
    for canary in CANARIES {
        assert!(
            !text.contains(canary),
            "{canary} leaked into {what}:\n{text}"
        );
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every file under `dir`, checked; returns their paths.
fn assert_files_clean(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    files(dir, &mut all);
    for f in &all {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        assert_clean(&f.display().to_string(), &text);
    }
    all
}

fn console(dir: &Path, url: &str, extra: &[(&str, &str)]) -> Pty {
    let env = env(dir, url, PASSWORD);
    let mut pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.extend_from_slice(extra);
    let pty = Pty::hubdesk(&["--log-level", "trace"], &pairs, 100, 30);
    pty.wait_for_text("Buscar cliente", DEADLINE);
    pty
}

#[test]
fn a_console_session_shows_logs_and_audits_no_secret() {
    let sim = canary_sim();
    let dir = tempfile::tempdir().unwrap();
    let mut pty = console(dir.path(), &sim.base_url(), &[]);
    pty.send_keys(b"1000\r");
    pty.wait_for_text("1 Cliente", DEADLINE);
    for pane in [b"2", b"3", b"4", b"5", b"6", b"1"] {
        pty.send_keys(pane);
        pty.wait_quiet(Duration::from_millis(100), DEADLINE);
    }
    // The PPPoE password is the subscriber's, shown on purpose; ours never.
    pty.send_keys(b"p");
    pty.wait_quiet(Duration::from_millis(100), DEADLINE);
    // An action: the audit trail gets its two lines.
    pty.send_keys(b"m");
    pty.confirm_yes(DEADLINE);
    pty.wait_until(DEADLINE, |_| sim.counters().get("mac_reset") == 1)
        .expect("the MAC reset reached the server");
    pty.wait_quiet(Duration::from_millis(300), DEADLINE);
    pty.send_keys(b"\x1b\x1b\x03");
    pty.wait_exit(DEADLINE).expect("exits");
    assert!(sim.counters().get("token") >= 1, "never logged in");
    assert_clean(
        "the console's screen",
        &String::from_utf8_lossy(&pty.raw_output()),
    );
    let written = assert_files_clean(dir.path());
    let audit = written.iter().find(|p| p.ends_with("audit.jsonl"));
    let audit = std::fs::read_to_string(audit.expect("an audit file")).unwrap();
    assert_eq!(audit.lines().count(), 2, "{audit}");
    let logs: String = written
        .iter()
        .filter(|p| p.to_string_lossy().contains("logs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        logs.contains("access token granted"),
        "logs too quiet:\n{logs}"
    );
    sim.shutdown();
}

#[test]
fn panic_output_with_a_backtrace_shows_no_secret() {
    let sim = canary_sim();
    let dir = tempfile::tempdir().unwrap();
    let mut pty = console(
        dir.path(),
        &sim.base_url(),
        &[("HUBDESK_TEST_PANIC", "f12")],
    );
    // Logged in, a customer open: secrets and tokens are in memory.
    pty.send_keys(b"1000\r");
    pty.wait_for_text("1 Cliente", DEADLINE);
    pty.send_keys(b"\x1b[24~");
    let status = pty.wait_exit(DEADLINE).expect("exits on the panic");
    assert_eq!(status.exit_code(), 101);
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(raw.contains("injected panic"), "{raw}");
    assert!(
        raw.contains("stack backtrace"),
        "RUST_BACKTRACE=full gave no backtrace"
    );
    assert_clean("the panic output", &raw);
    assert_files_clean(dir.path());
    sim.shutdown();
}

fn run_cli(dir: &Path, url: &str, password: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args(args)
        .envs(env(dir, url, password))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn cli_errors_show_no_secret() {
    let sim = canary_sim();
    let dir = tempfile::tempdir().unwrap();
    let url = sim.base_url();
    // A refused grant (wrong password), plain and --json.
    for json in [false, true] {
        let mut args = vec!["--log-level", "trace", "search", "ana"];
        if json {
            args.push("--json");
        }
        let (code, text) = run_cli(dir.path(), &url, WRONG_PASSWORD, &args);
        assert_eq!(code, 3, "{text}");
        assert_clean("a refused grant", &text);
    }
    // An unreachable server: a closed port.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    for json in [false, true] {
        let mut args = vec!["--log-level", "trace", "customer", "1000"];
        if json {
            args.push("--json");
        }
        let (code, text) = run_cli(dir.path(), &closed, PASSWORD, &args);
        assert_eq!(code, 4, "{text}");
        assert!(text.contains("Falha de rede"), "{text}");
        assert_clean("a network error", &text);
    }
    // A success, --json: the token never reaches the output.
    let (code, text) = run_cli(dir.path(), &url, PASSWORD, &["login", "--json"]);
    assert_eq!(code, 0, "{text}");
    assert_clean("login --json", &text);
    assert_files_clean(dir.path());
    sim.shutdown();
}

#[tokio::test]
async fn debug_text_of_credentials_config_and_client_hides_secrets() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sim = canary_sim();
    let creds = Credentials {
        client_id: "canary-client".into(),
        client_secret: Secret::new(CLIENT_SECRET),
        username: "canary@isp.example".into(),
        password: Secret::new(PASSWORD),
    };
    let config = ClientConfig::new(sim.base_url(), creds.clone());
    let client = Client::new(config.clone()).unwrap();
    // Logged in: the client holds a token now.
    client.login().await.unwrap();
    for (what, text) in [
        ("Credentials", format!("{creds:?} {creds:#?}")),
        ("ClientConfig", format!("{config:?} {config:#?}")),
        ("Client", format!("{client:?} {client:#?}")),
    ] {
        assert_clean(what, &text);
        assert!(
            text.contains("canary-client") || what == "Client",
            "{what}: {text}"
        );
    }
    sim.shutdown();
}
