//! Exit codes and localized stderr of the real `hubdesk` binary under the
//! server faults that `tests/cli/cli.rs` does not already cover (it checks the
//! codes of 500, malformed JSON, a hang and a closed port, the 403 and
//! refusal texts, and wrong credentials). Network, timeout, 5xx and
//! unreadable answers exit 4; refusals and 403 exit 1; authentication 3.

use crate::support;

use std::path::{Path, PathBuf};
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
        "The HubSoft server did not answer within 1 s (cliente/ordem_servico)",
        "O servidor HubSoft não respondeu em 1 s (cliente/ordem_servico)",
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

// ---------------------------------------------------------------------------
// Issue 14: hostile servers, through the real binary against the scripted
// stand-in of `support/mod.rs` ("the configured server") and a second one
// ("elsewhere") that must never be reached.

/// A scripted server on its own runtime (kept alive with it).
fn scripted(replies: Vec<support::Reply>) -> (tokio::runtime::Runtime, support::Server) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(support::Server::start(replies));
    (rt, server)
}

/// `hubdesk ARGS` against `url` with the stand-in's credentials, private
/// directories under `dir`, no log file, in `lang`.
fn hubdesk_at(url: &str, dir: &Path, lang: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hubdesk"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.join("home"))
        .env("LANG", lang)
        .env("HUBDESK_CONFIG", dir.join("config.toml"))
        .env("HUBDESK_DATA_DIR", dir.join("data"))
        .env("HUBDESK_STATE_DIR", dir.join("state"))
        .env("HUBSOFT_HOST", url)
        .env("HUBSOFT_CLIENT_ID", "3")
        .env("HUBSOFT_CLIENT_SECRET", support::CLIENT_SECRET)
        .env("HUBSOFT_USERNAME", "api@provedor.com.br")
        .env("HUBSOFT_PASSWORD", support::PASSWORD)
        .args(["--log-level", "off"])
        .args(args)
        .stdin(Stdio::null());
    c
}

fn output(mut c: Command) -> Out {
    let o = c.output().expect("hubdesk runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn audit_lines(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("data/audit.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a whole JSON line"))
        .collect()
}

/// Every action command of the CLI, ready to send with `--yes`.
const CLI_ACTIONS: [&[&str]; 15] = [
    &["unlock", "100024", "--days", "1"],
    &["reset-mac", "100000"],
    &["reset-phy", "100000"],
    &["service", "suspend", "100000", "--kind", "debito"],
    &["service", "enable", "100024", "--reason", "Pago"],
    &["service", "activate", "100012"],
    &["disconnect", "100028"],
    &["send-invoice", "5", "--via", "email"],
    &["send-invoice", "5", "--via", "sms"],
    &["send-invoice", "5", "--via", "push"],
    &[
        "ticket",
        "open",
        "100000",
        "--description",
        "Sem sinal",
        "--name",
        "Ana",
        "--phone",
        "37999112233",
    ],
    &["ticket", "close", "7", "--description", "Resolvido"],
    &[
        "prospects",
        "create",
        "--name",
        "MARIA TESTE",
        "--document",
        "52998224725",
        "--phone",
        "37988887777",
        "--cep",
        "35500000",
        "--plan",
        "1",
        "--street",
        "RUA UM",
        "--number",
        "10",
        "--neighbourhood",
        "CENTRO",
        "--value",
        "100",
    ],
    &["pbx", "notify", "--phone", "37999112233", "--ramal", "201"],
    &["pbx", "cancel", "--ramal", "201"],
];

#[test]
fn every_action_answered_with_a_redirect_is_not_applied_exit_4_and_audited_failed() {
    let (_rt_b, elsewhere) = scripted(vec![support::Reply::ok()]);
    let target = format!("{}/api/v1/integracao/elsewhere", elsewhere.url());
    let (_rt, server) = scripted(vec![support::Reply::redirect(307, &target)]);
    let dir = tempfile::tempdir().unwrap();
    for (i, args) in CLI_ACTIONS.iter().enumerate() {
        let mut argv = vec!["--yes"];
        argv.extend_from_slice(args);
        let out = output(hubdesk_at(&server.url(), dir.path(), "pt_BR.UTF-8", &argv));
        assert_eq!(out.code, 4, "{args:?}: {out:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: nothing reads as done: {out:?}"
        );
        assert!(
            out.stderr.contains("Não aplicado (redirecionado): ")
                && out.stderr.contains(&format!("para {target}")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("desconhecido"),
            "{args:?}: not unknown"
        );
        let trail = audit_lines(dir.path());
        assert_eq!(trail.len(), 2 * (i + 1), "{args:?}: attempt and outcome");
        let last = &trail[trail.len() - 1];
        assert_eq!(last["outcome"], "failed", "{args:?}: {last}");
        assert!(last["msg"].as_str().unwrap().contains(&target), "{last}");
    }
    assert_eq!(server.hits(), CLI_ACTIONS.len(), "each sent once");
    assert_eq!(elsewhere.hits() + elsewhere.grants(), 0, "never reached");
}

#[test]
fn reads_answered_with_a_redirect_or_without_data_exit_4_naming_why() {
    let (_rt_b, elsewhere) = scripted(vec![support::Reply::ok()]);
    let target = format!("{}/api/v1/integracao/cliente", elsewhere.url());
    let (_rt, server) = scripted(vec![support::Reply::redirect(302, &target)]);
    let dir = tempfile::tempdir().unwrap();
    let out = output(hubdesk_at(
        &server.url(),
        dir.path(),
        "C.UTF-8",
        &["search", "ana"],
    ));
    assert_eq!(out.code, 4, "{out:?}");
    assert!(
        out.stderr.contains(&format!(
            "The server answered cliente with a redirect (HTTP 302) to {target}"
        )),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    assert_eq!(elsewhere.hits() + elsewhere.grants(), 0);

    // A success without its data key is not "no invoices".
    let (_rt, server) = scripted(vec![support::Reply::json(
        200,
        serde_json::json!({"status": "success", "msg": "ok", "fatura": []}),
    )]);
    for (lang, text) in [
        (
            "C.UTF-8",
            "Could not read the server's answer (cliente/financeiro, field faturas)",
        ),
        (
            "pt_BR.UTF-8",
            "Não foi possível ler a resposta do servidor (cliente/financeiro, campo faturas)",
        ),
    ] {
        let out = output(hubdesk_at(
            &server.url(),
            dir.path(),
            lang,
            &["invoices", "1001"],
        ));
        assert_eq!(out.code, 4, "{out:?}");
        assert!(out.stderr.contains(text), "{}", out.stderr);
        assert!(out.stdout.is_empty(), "{out:?}");
    }
}

#[test]
fn an_outcome_line_that_cannot_be_written_is_a_warning_after_the_outcome() {
    let (_rt, server) = scripted(vec![support::Reply::json(
        200,
        serde_json::json!({"status": "success", "msg": "Desbloqueado até 05/12/2026"}),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("data/audit.jsonl");
    // While the request is at the server the attempt line is on disk: a
    // file size limit 20 bytes past it makes the outcome's single write
    // short, as a full disk would.
    let child_pid = std::sync::Arc::new(std::sync::Mutex::new(None::<u32>));
    let pid = child_pid.clone();
    let path = audit.clone();
    server.on_request(move || {
        let Some(pid) = *pid.lock().unwrap() else {
            return;
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let limit = libc::rlimit {
            rlim_cur: size + 20,
            rlim_max: libc::RLIM_INFINITY,
        };
        // SAFETY: plain syscall on a child of this test, valid pointers.
        let rc = unsafe {
            libc::prlimit(
                pid as libc::pid_t,
                libc::RLIMIT_FSIZE,
                &limit,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, 0, "prlimit");
    });
    let mut cmd = hubdesk_at(
        &server.url(),
        dir.path(),
        "pt_BR.UTF-8",
        &["--yes", "unlock", "100024"],
    );
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = cmd.spawn().expect("hubdesk runs");
    *child_pid.lock().unwrap() = Some(child.id());
    let o = child.wait_with_output().unwrap();
    let (code, stdout, stderr) = (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    // The server applied it: that is what the attendant reads first, and
    // the exit code says done; the trail's trouble follows as a warning.
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("Concluído (desbloqueio em confiança): Desbloqueado até 05/12/2026"),
        "{stdout}"
    );
    assert!(
        stderr.contains("aviso: o resultado acima não foi gravado na trilha de auditoria"),
        "{stderr}"
    );
    assert!(!stderr.contains("indisponível"), "not 'not sent': {stderr}");
    assert!(
        !std::fs::read_to_string(&audit).unwrap().ends_with('\n'),
        "torn"
    );

    // The next action starts its record on a line of its own, and
    // `hubdesk audit` skips the torn line, says so, and keeps the rest.
    *child_pid.lock().unwrap() = None;
    let out = output(hubdesk_at(
        &server.url(),
        dir.path(),
        "pt_BR.UTF-8",
        &["--yes", "reset-mac", "100000"],
    ));
    assert_eq!(out.code, 0, "{out:?}");
    let out = output(hubdesk_at(
        &server.url(),
        dir.path(),
        "pt_BR.UTF-8",
        &["--json", "audit"],
    ));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("1 linha(s) corrompida(s) ignorada(s)")
            && out.stderr.contains("(linhas 2)"),
        "{}",
        out.stderr
    );
    let entries: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let phases: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["phase"].as_str().unwrap()))
        .collect();
    assert_eq!(
        phases,
        [
            ("trust_unlock", "attempt"),
            ("reset_mac", "attempt"),
            ("reset_mac", "outcome")
        ]
    );
    assert_eq!(server.hits(), 2);
}

/// Issue 14: the CLI's `connections` reads the same figures as the
/// console (no negative traffic, the sessions it got), and a date in no
/// known format never passes into `--json` as if it were ISO 8601.
#[test]
fn connections_never_print_impossible_figures_or_raw_dates_as_iso() {
    let answer = serde_json::json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "registros": [
            {"acctstarttime": "31/02/2026 10:00", "acctstoptime": "2026-02-27 11:00:00-03",
             "framedipaddress": "10.0.0.9", "download_megabytes": -12.5,
             "upload_megabytes": 20.25},
            {"acctstarttime": "2026-02-27 08:00:00-03", "acctstoptime": null,
             "download_megabytes": 1.5, "upload_megabytes": 0.5}
        ],
        "estatisticas": {"total_conexoes": -1, "download_total": -11, "upload_total": 20.75}
    });
    let dir = tempfile::tempdir().unwrap();
    let (_rt, server) = scripted(vec![
        support::Reply::json(200, answer.clone()),
        support::Reply::json(200, answer),
    ]);
    let out = output(hubdesk_at(
        &server.url(),
        dir.path(),
        "pt_BR.UTF-8",
        &["connections", "ana.silva"],
    ));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("inválido"), "{}", out.stdout);
    assert!(!out.stdout.contains("-12,5"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Total de conexões: 2"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("-1"), "{}", out.stdout);

    let out = output(hubdesk_at(
        &server.url(),
        dir.path(),
        "pt_BR.UTF-8",
        &["--json", "connections", "ana.silva"],
    ));
    assert_eq!(out.code, 0, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let first = &v["registros"][0];
    assert_eq!(
        first["acctstarttime"],
        serde_json::json!({"texto": "31/02/2026 10:00"}),
        "an unknown date is marked, never a plain string: {first}"
    );
    assert_eq!(first["acctstoptime"], "2026-02-27T11:00:00-03:00");
    assert_eq!(
        v["registros"][1]["acctstarttime"],
        "2026-02-27T08:00:00-03:00"
    );
}
