//! Exit codes and localized stderr of the real `hubdesk` binary under the
//! server faults that `tests/cli.rs` does not already cover (it checks the
//! codes of 500, malformed JSON, a hang and a closed port, the 403 and
//! refusal texts, and wrong credentials). Network, timeout, 5xx and
//! unreadable answers exit 4; refusals and 403 exit 1; authentication 3.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use hubdesk::sim::{self, Credentials, DEMO_CREDENTIALS, Faults, SimConfig, SimHandle};

struct Harness {
    sim: SimHandle,
    dir: tempfile::TempDir,
    creds: Credentials,
}

#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Harness {
    fn with(cfg: SimConfig) -> Harness {
        let creds = cfg.credentials.clone();
        Harness {
            sim: sim::start(SimConfig {
                customers: 40,
                ..cfg
            })
            .expect("simulator starts"),
            dir: tempfile::tempdir().expect("temp dir"),
            creds,
        }
    }

    fn new() -> Harness {
        Harness::with(SimConfig {
            credentials: DEMO_CREDENTIALS.into(),
            ..SimConfig::default()
        })
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The binary with private directories, the simulator's address and
    /// credentials, and `lang` as the locale.
    fn command(&self, lang: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hubdesk"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("xdg/config"))
            .env("XDG_DATA_HOME", self.path("xdg/data"))
            .env("XDG_STATE_HOME", self.path("xdg/state"))
            .env("LANG", lang)
            .env("HUBDESK_CONFIG", self.path("config.toml"))
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

    fn run_cmd(mut c: Command) -> Out {
        let o = c.output().expect("hubdesk runs");
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Runs `args` in English and in pt-BR.
    fn run_both(&self, args: &[&str]) -> (Out, Out) {
        (
            Harness::run_cmd(self.command("C.UTF-8", args)),
            Harness::run_cmd(self.command("pt_BR.UTF-8", args)),
        )
    }

    fn fault(&self, route: &str, f: Faults) {
        self.sim.set_faults(Faults {
            routes: vec![route.to_owned()],
            ..f
        });
    }
}

/// Both runs exited `code` and their stderr holds the English and the
/// Portuguese text.
#[track_caller]
fn expect(runs: &(Out, Out), code: i32, en: &str, pt: &str) {
    let (e, p) = runs;
    assert_eq!(e.code, code, "English run: {e:?}");
    assert_eq!(p.code, code, "pt-BR run: {p:?}");
    assert!(e.stderr.contains(en), "English stderr: {:?}", e.stderr);
    assert!(p.stderr.contains(pt), "pt-BR stderr: {:?}", p.stderr);
}

#[test]
fn html_502_exits_4_naming_the_status_and_page_title() {
    let h = Harness::new();
    h.fault(
        "cliente",
        Faults {
            html_502_rate: 1.0,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["search", "ana"]),
        4,
        "The server answered HTTP 502: 502 Bad Gateway",
        "O servidor respondeu HTTP 502: 502 Bad Gateway",
    );
}

#[test]
fn http_500_exits_4_with_the_server_message() {
    let h = Harness::new();
    h.fault(
        "cliente/atendimento",
        Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["tickets", "1001"]),
        4,
        "The server answered HTTP 500: Server Error",
        "O servidor respondeu HTTP 500: Server Error",
    );
}

#[test]
fn malformed_and_truncated_bodies_exit_4_naming_the_route() {
    let h = Harness::new();
    h.fault(
        "cliente/financeiro",
        Faults {
            truncated_json_rate: 1.0,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["invoices", "1001"]),
        4,
        "The server's answer was cut short (cliente/financeiro): its JSON ends before it is complete; nothing was shown",
        "A resposta do servidor veio cortada (cliente/financeiro): o JSON termina antes de fechar; nada foi mostrado",
    );
    h.fault(
        "cliente/ordem_servico",
        Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["orders", "1003"]),
        4,
        "The server's answer is not valid JSON (cliente/ordem_servico, line 1, column 2); nothing was shown",
        "A resposta do servidor não é JSON válido (cliente/ordem_servico, linha 1, coluna 2); nada foi mostrado",
    );
}

#[test]
fn a_hang_exits_4_saying_the_server_did_not_answer_in_time() {
    let h = Harness::new();
    h.fault(
        "cliente/ordem_servico",
        Faults {
            hang_rate: 1.0,
            ..Faults::default()
        },
    );
    // Both languages at once: each run waits out three 1 s attempts.
    let args = ["--timeout", "1", "orders", "1003"];
    let en = h.command("C.UTF-8", &args);
    let pt = h.command("pt_BR.UTF-8", &args);
    let en = std::thread::spawn(move || Harness::run_cmd(en));
    let pt = Harness::run_cmd(pt);
    expect(
        &(en.join().unwrap(), pt),
        4,
        "The HubSoft server did not answer in time (cliente/ordem_servico)",
        "O servidor HubSoft não respondeu a tempo (cliente/ordem_servico)",
    );
}

#[test]
fn a_closed_port_exits_4_with_a_network_failure() {
    let h = Harness::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let mut en = h.command("C.UTF-8", &["search", "ana"]);
    en.env("HUBSOFT_HOST", &url);
    let mut pt = h.command("pt_BR.UTF-8", &["search", "ana"]);
    pt.env("HUBSOFT_HOST", &url);
    expect(
        &(Harness::run_cmd(en), Harness::run_cmd(pt)),
        4,
        "Network failure: ",
        "Falha de rede: ",
    );
}

#[test]
fn persistent_429_exits_4_asking_to_wait() {
    let h = Harness::new();
    h.fault(
        "cliente/extrato_conexao",
        Faults {
            rate_limit_rate: 1.0,
            retry_after_secs: 0,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["connections", "1000"]),
        4,
        "Too many requests: wait a moment and try again",
        "Muitas requisições: aguarde um pouco e tente de novo",
    );
}

#[test]
fn a_403_on_a_read_exits_1_in_both_languages() {
    let h = Harness::new();
    h.fault(
        "cliente/atendimento",
        Faults {
            forbidden: true,
            ..Faults::default()
        },
    );
    expect(
        &h.run_both(&["tickets", "1001"]),
        1,
        "No permission for",
        "Sem permissão para",
    );
}

#[test]
fn a_401_that_persists_after_a_new_grant_exits_3() {
    // Tokens that expire as they are issued: the server refuses every one.
    let h = Harness::with(SimConfig {
        credentials: DEMO_CREDENTIALS.into(),
        token_ttl: Duration::ZERO,
        ..SimConfig::default()
    });
    expect(
        &h.run_both(&["search", "ana"]),
        3,
        "Authentication failed: check user, password, client_id and client_secret",
        "Falha na autenticação: verifique usuário, senha, client_id e client_secret",
    );
    assert_eq!(
        h.sim.counters().requests("cliente"),
        4,
        "each run: one request, one new grant, one resend"
    );
}

#[test]
fn a_404_on_an_empty_search_reads_like_an_empty_answer() {
    let h = Harness::new();
    let args = ["search", "zzzz nadaaqui"];
    let plain = h.run_both(&args);
    h.fault(
        "cliente",
        Faults {
            not_found_on_empty: true,
            ..Faults::default()
        },
    );
    let with_404 = h.run_both(&args);
    // An empty search is the CLI's "nothing found" (exit 1), whether the
    // server said it with an empty list or with HTTP 404.
    expect(&plain, 1, "No customer found", "Nenhum cliente encontrado");
    for (a, b) in [(&plain.0, &with_404.0), (&plain.1, &with_404.1)] {
        assert_eq!(
            (a.code, &a.stdout, &a.stderr),
            (b.code, &b.stdout, &b.stderr)
        );
    }
    assert_eq!(h.sim.counters().requests("cliente"), 4);
}

#[test]
fn latin1_answers_exit_0_with_accents_intact() {
    let h = Harness::new();
    h.fault(
        "cliente",
        Faults {
            latin1: true,
            ..Faults::default()
        },
    );
    let (en, pt) = h.run_both(&["customer", "1000"]);
    for out in [&en, &pt] {
        assert_eq!(out.code, 0, "{out:?}");
        assert!(out.stdout.contains("JOSÉ"), "{}", out.stdout);
        assert!(!out.stdout.contains('\u{FFFD}'), "{}", out.stdout);
    }
}
