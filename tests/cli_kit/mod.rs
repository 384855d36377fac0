//! The harness of the CLI end-to-end tests (`tests/cli/cli.rs`,
//! `tests/cli/cli_more.rs`): the real `hubdesk` binary, run without a terminal,
//! against a simulator started in the test on a free port. Every run gets a
//! private HOME, config, data, state and runtime directory, so no test
//! reads or writes the real user's files.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use hubdesk::sim::{self, Credentials, DEMO_CREDENTIALS, SimConfig, SimHandle};
use serde_json::Value;

/// One simulator and one private set of directories.
pub struct Harness {
    pub sim: SimHandle,
    pub dir: tempfile::TempDir,
    pub creds: Credentials,
}

/// What one run of the binary gave.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Asserts the exit code, printing both streams when it differs.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Out {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A small simulator (40 customers) with `creds`.
pub fn small(creds: Credentials) -> SimConfig {
    SimConfig {
        customers: 40,
        credentials: creds,
        ..SimConfig::default()
    }
}

impl Harness {
    /// A small simulator with the demo credentials.
    pub fn new() -> Harness {
        Harness::with(small(DEMO_CREDENTIALS.into()))
    }

    /// A simulator configured as `cfg`.
    pub fn with(cfg: SimConfig) -> Harness {
        let creds = cfg.credentials.clone();
        let sim = sim::start(cfg).expect("simulator starts");
        Harness {
            sim,
            dir: tempfile::tempdir().expect("temp dir"),
            creds,
        }
    }

    /// A path inside the private directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The config file the binary is pointed at.
    pub fn config_path(&self) -> PathBuf {
        self.path("config.toml")
    }

    /// The audit trail the binary writes.
    pub fn audit_path(&self) -> PathBuf {
        self.path("data/audit.jsonl")
    }

    /// The binary with a clean environment: private dirs, English, and the
    /// simulator's address and credentials through the environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hubdesk"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("xdg/config"))
            .env("XDG_DATA_HOME", self.path("xdg/data"))
            .env("XDG_STATE_HOME", self.path("xdg/state"))
            .env("XDG_RUNTIME_DIR", self.path("run"))
            .env("LANG", "C.UTF-8")
            .env("HUBDESK_CONFIG", self.config_path())
            .env("HUBDESK_DATA_DIR", self.path("data"))
            .env("HUBDESK_STATE_DIR", self.path("state"))
            .env("HUBSOFT_HOST", self.sim.base_url())
            .env("HUBSOFT_CLIENT_ID", &self.creds.client_id)
            .env("HUBSOFT_CLIENT_SECRET", &self.creds.client_secret)
            .env("HUBSOFT_USERNAME", &self.creds.username)
            .env("HUBSOFT_PASSWORD", &self.creds.password)
            .args(args)
            .stdin(Stdio::null());
        c
    }

    /// Runs the binary with `args`.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_cmd(self.command(args))
    }

    /// Runs a prepared command.
    pub fn run_cmd(&self, mut c: Command) -> Out {
        let o = c.output().expect("hubdesk runs");
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Side effects on subscribers' data (token grants are not).
    pub fn actions(&self) -> BTreeMap<String, u64> {
        let mut a = self.sim.counters().actions;
        a.remove("token");
        a
    }

    /// Requests that reached `route`.
    pub fn requests(&self, route: &str) -> u64 {
        self.sim.counters().requests(route)
    }

    /// Writes the config file.
    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).expect("config written");
    }

    /// The audit trail, one JSON value per line.
    pub fn audit(&self) -> Vec<Value> {
        std::fs::read_to_string(self.audit_path())
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("audit line is JSON"))
            .collect()
    }
}
