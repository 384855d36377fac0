//! The bad-input catalogue of `docs/RELIABILITY.md`, as tests: every kind
//! of value an attendant types, with bad examples and the exact localized
//! message. Two levels: the parsers every form and CLI argument shares
//! (`br::*`, `search_kind`), and the real binary (exit 2, message on
//! stderr, nothing sent: the server is a closed port). That the forms keep
//! what was typed next to the message is `app::forms`'
//! `failed_submit_keeps_every_character_and_puts_messages_at_fields`.

use std::process::Command;

use hubdesk::br::{FieldError, cep, dates, doc, email, money, phone};
use hubdesk::i18n::{Lang, tr};

/// (field, typed, pt-BR message, English message).
type Row = (&'static str, &'static str, &'static str, &'static str);

const EMPTY: (&str, &str) = ("Campo vazio", "Field is empty");

fn check(rows: &[Row], parse: impl Fn(&str) -> Result<(), Box<dyn FieldError>>) {
    for (field, typed, pt, en) in rows {
        let e = match parse(typed) {
            Ok(()) => panic!("{field}: {typed:?} was accepted"),
            Err(e) => e,
        };
        assert_eq!(e.message(Lang::PtBr), *pt, "{field} {typed:?}");
        assert_eq!(e.message(Lang::En), *en, "{field} {typed:?}");
    }
}

fn boxed<T, E: FieldError + 'static>(r: Result<T, E>) -> Result<(), Box<dyn FieldError>> {
    r.map(|_| ())
        .map_err(|e| Box::new(e) as Box<dyn FieldError>)
}

#[test]
fn catalogue_cpf_cnpj() {
    check(
        &[
            ("CPF/CNPJ", "", EMPTY.0, EMPTY.1),
            (
                "CPF/CNPJ",
                "123.456.789-00",
                "CPF com dígitos verificadores inválidos",
                "CPF with invalid check digits",
            ),
            (
                "CPF/CNPJ",
                "12.345.678/0001-00",
                "CNPJ com dígitos verificadores inválidos",
                "CNPJ with invalid check digits",
            ),
            (
                "CPF/CNPJ",
                "1234567890",
                "CPF tem 11 dígitos e CNPJ tem 14; foram digitados 10",
                "A CPF has 11 digits and a CNPJ 14; 10 were typed",
            ),
            (
                "CPF/CNPJ",
                "abc",
                "CPF tem 11 dígitos e CNPJ tem 14; foram digitados 3",
                "A CPF has 11 digits and a CNPJ 14; 3 were typed",
            ),
        ],
        |s| boxed(doc::parse(s)),
    );
}

#[test]
fn catalogue_phone() {
    check(
        &[
            ("phone", "", EMPTY.0, EMPTY.1),
            (
                "phone",
                "123",
                "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 3",
                "A phone needs the area code and 8 or 9 digits; 3 were typed",
            ),
            (
                "phone",
                "(37) 1234-567",
                "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 9",
                "A phone needs the area code and 8 or 9 digits; 9 were typed",
            ),
            (
                "phone",
                "+1 555 1234",
                "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 8",
                "A phone needs the area code and 8 or 9 digits; 8 were typed",
            ),
            // Names the area code as typed (it said "09" before the
            // normalisation fix found by fuzz/phone).
            (
                "phone",
                "(00) 99999-9999",
                "DDD 00 não existe",
                "Area code 00 does not exist",
            ),
        ],
        |s| boxed(phone::parse(s)),
    );
}

#[test]
fn catalogue_email() {
    let bad = ("E-mail inválido", "Invalid e-mail address");
    check(
        &[
            ("e-mail", "", EMPTY.0, EMPTY.1),
            ("e-mail", "ana@", bad.0, bad.1),
            ("e-mail", "ana@@x.com", bad.0, bad.1),
            ("e-mail", "ana x@y.com", bad.0, bad.1),
            ("e-mail", "a@b", bad.0, bad.1),
        ],
        |s| boxed(email::validate(s)),
    );
}

#[test]
fn catalogue_dates() {
    let format = (
        "Data inválida: use dd/mm/aaaa",
        "Invalid date: use dd/mm/yyyy or yyyy-mm-dd",
    );
    check(
        &[
            ("date", "", EMPTY.0, EMPTY.1),
            (
                "date",
                "31/02/2026",
                "Data inexistente: 31/02/2026",
                "No such date: 31/02/2026",
            ),
            (
                "date",
                "2026-13-01",
                "Data inexistente: 2026-13-01",
                "No such date: 2026-13-01",
            ),
            ("date", "01/01/26", format.0, format.1),
            ("date", "ontem", format.0, format.1),
        ],
        |s| boxed(dates::parse_date(s)),
    );
}

#[test]
fn catalogue_money() {
    let bad = (
        "Valor inválido: use 1.234,56",
        "Invalid amount: use 1.234,56 or 1234.56",
    );
    check(
        &[
            ("amount", "", EMPTY.0, EMPTY.1),
            ("amount", "1.23.4", bad.0, bad.1),
            ("amount", "R$ abc", bad.0, bad.1),
            ("amount", "--5", bad.0, bad.1),
            (
                "amount",
                "12,345",
                "Use no máximo 2 casas decimais",
                "Use at most 2 decimal places",
            ),
            (
                "amount",
                "99999999999999999999999",
                "Valor grande demais",
                "Amount too large",
            ),
        ],
        |s| boxed(money::parse_brl(s)),
    );
}

#[test]
fn catalogue_cep() {
    let bad = ("CEP deve ter 8 dígitos", "A CEP has 8 digits");
    check(
        &[
            ("CEP", "", EMPTY.0, EMPTY.1),
            ("CEP", "1234-567", bad.0, bad.1),
            ("CEP", "ABCDE-FGH", bad.0, bad.1),
            ("CEP", "123456789", bad.0, bad.1),
        ],
        |s| boxed(cep::parse(s)),
    );
}

#[test]
fn catalogue_search_box() {
    // A CPF-shaped term with wrong check digits is flagged before sending.
    let d = hubdesk::search_kind::detect("123.456.789-00");
    let p = d.problem.expect("flagged");
    assert_eq!(
        tr(Lang::PtBr, p.msg()),
        "CPF com dígitos verificadores inválidos"
    );
    assert_eq!(tr(Lang::En, p.msg()), "CPF with invalid check digits");
}

/// Runs the binary against a closed port (nothing can be sent) in pt-BR.
fn cli(args: &[&str]) -> (i32, String) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args(args)
        .env("LANG", "pt_BR.UTF-8")
        .env("HUBDESK_CONFIG", dir.path().join("config.toml"))
        .env("HUBDESK_DATA_DIR", dir.path())
        .env("HUBDESK_STATE_DIR", dir.path())
        .env("HUBSOFT_HOST", url)
        .env("HUBSOFT_CLIENT_ID", "x")
        .env("HUBSOFT_CLIENT_SECRET", "y")
        .env("HUBSOFT_USERNAME", "u")
        .env("HUBSOFT_PASSWORD", "p")
        .output()
        .unwrap();
    drop(closed);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (arguments, what stderr says). Every one exits 2 before any request.
const CLI_ROWS: &[(&[&str], &str)] = &[
    (
        &["customer", "abc"],
        "Referência inválida \"abc\": use o código do cliente, um CPF/CNPJ, s:ID do serviço, c:ID do cliente ou x:ID externo",
    ),
    (
        &["customer", "123.456.789-00"],
        "CPF com dígitos verificadores inválidos",
    ),
    (
        &["unlock", "abc"],
        "valor inválido 'abc' para '<ID_SERVIÇO>'",
    ),
    (
        &["unlock", "100024", "--days", "0"],
        "Parâmetro inválido (dias_desbloqueio): must be greater than zero",
    ),
    (
        &["unlock", "100024", "--days", "abc"],
        "valor inválido 'abc' para '--days <N>'",
    ),
    (
        &["connections", "ana", "--from", "31/02/2026"],
        "Data inexistente: 31/02/2026",
    ),
    (
        &["connections", "ana", "--from", "ontem"],
        "Data inválida: use dd/mm/aaaa",
    ),
    (
        &["search", "ana", "--limit", "0"],
        "Parâmetro inválido (limit): 0 is outside 1..=100",
    ),
    (
        &["search", "ana", "--limit", "5000"],
        "Parâmetro inválido (limit): 5000 is outside 1..=100",
    ),
    (
        &["invoices", "1000", "--limit", "0"],
        "Parâmetro inválido (limit): 0 is outside 1..=50",
    ),
    (&["search", ""], "Digite algo para buscar"),
    (
        &["send-invoice", "1", "--via", "sms", "--to", "123"],
        "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 3",
    ),
    (
        &["send-invoice", "1", "--via", "email", "--to", "ana@"],
        "E-mail inválido",
    ),
    (
        &[
            "ticket",
            "open",
            "100000",
            "--description",
            "x",
            "--name",
            "Ana",
            "--phone",
            "123",
        ],
        "Telefone precisa de DDD e 8 ou 9 dígitos",
    ),
    (
        &[
            "ticket",
            "open",
            "100000",
            "--description",
            "x",
            "--name",
            "Ana",
            "--phone",
            "37999887766",
            "--email",
            "ana@",
        ],
        "E-mail inválido",
    ),
    (
        &["--config", "/nonexistent/hubdesk.toml", "customer", "1000"],
        "Arquivo de configuração não encontrado: /nonexistent/hubdesk.toml (indicado por --config)",
    ),
];

#[test]
fn catalogue_cli_arguments() {
    for (args, want) in CLI_ROWS {
        let (code, stderr) = cli(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Falha de rede"),
            "{args:?} was sent: {stderr}"
        );
    }
}

// ---------------------------------------------------------------------------
// Issue 14: hazards in the address, the config file and the search term,
// refused (exit 2) before anything is run or sent.

/// The binary in pt-BR against a closed port (`HUBSOFT_HOST`, unless the
/// config names its own `host`), with `config` written (mode `mode`) as
/// its config file unless `None`. Never waits more than 30 s (a FIFO
/// config used to block forever). Returns (code, stdout, stderr).
fn cli_in(
    dir: &std::path::Path,
    config: Option<(&str, u32)>,
    args: &[&str],
) -> (i32, String, String) {
    use std::os::unix::fs::PermissionsExt;
    // Bound then released: nothing listens there, a connection is refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let cfg = dir.join("config.toml");
    if let Some((text, mode)) = config {
        std::fs::write(&cfg, text).unwrap();
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_hubdesk"));
    command.env_clear();
    if !config.is_some_and(|(text, _)| text.contains("host =")) {
        command.env("HUBSOFT_HOST", url);
    }
    let mut child = command
        .args(args)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "pt_BR.UTF-8")
        .env("HUBDESK_CONFIG", &cfg)
        .env("HUBDESK_DATA_DIR", dir)
        .env("HUBDESK_STATE_DIR", dir)
        .env("HUBSOFT_CLIENT_ID", "x")
        .env("HUBSOFT_USERNAME", "u")
        .env("HUBSOFT_CLIENT_SECRET", "y")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > end {
            let _ = child.kill();
            panic!("{args:?} still running after 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_password_in_the_server_address_is_refused_and_never_echoed() {
    let secret = "s3nh4-n4-url";
    let dir = tempfile::tempdir().unwrap();
    let host = format!("https://api:{secret}@erp.example");
    let (code, out, err) = cli_in(dir.path(), None, &["--host", &host, "login"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("O endereço do servidor (--host) contém usuário ou senha"),
        "{err}"
    );
    let config = format!("[profiles.p]\nhost = '{host}'\npassword = 'p'\n");
    for args in [&["config", "check"][..], &["search", "ana"], &["login"]] {
        let (code, out, err) = cli_in(dir.path(), Some((&config, 0o600)), args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            (out.clone() + &err).contains("(profiles.p.host) contém usuário ou senha"),
            "{args:?}: {out}{err}"
        );
        assert!(
            !out.contains(secret) && !err.contains(secret),
            "{args:?} echoed it: {out}{err}"
        );
    }
    assert!(
        !std::fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name() == "audit.jsonl"),
        "nothing was attempted"
    );
}

#[test]
fn a_config_others_may_write_never_runs_its_commands() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let config = format!(
        "[profiles.p]\npassword_command = \"touch '{}'; echo pw\"\n",
        marker.display()
    );
    for mode in [0o666, 0o664, 0o646] {
        let (code, out, err) = cli_in(dir.path(), Some((&config, mode)), &["search", "ana"]);
        assert_eq!(code, 2, "{mode:o}: {out}{err}");
        assert!(
            err.contains("executa comandos (password_command, client_secret_command, [[commands]]) e outros usuários podem alterá-lo: recusado"),
            "{err}"
        );
        assert!(!marker.exists(), "{mode:o}: the command ran");
        let (code, out, _) = cli_in(dir.path(), Some((&config, mode)), &["config", "check"]);
        assert_eq!(code, 2);
        assert!(out.contains("recusado"), "{out}");
    }
    // Mode 600: it runs (and the search then fails on the closed port).
    let (code, _, err) = cli_in(dir.path(), Some((&config, 0o600)), &["search", "ana"]);
    assert_eq!(code, 4, "{err}");
    assert!(marker.exists(), "a private file runs its command");
}

#[test]
fn a_fifo_as_config_file_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (code, _, err) = cli_in(dir.path(), None, &["search", "ana"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn unknown_config_keys_are_warned_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let config = "thme = 'dark'\n[profiles.p]\npasword_command = 'x'\npassword = 'p'\n";
    let (code, _, err) = cli_in(dir.path(), Some((config, 0o600)), &["search", "ana"]);
    assert_eq!(code, 4, "the run goes on: {err}");
    assert!(
        err.contains("aviso: chaves desconhecidas em ")
            && err.contains(": profiles.p.pasword_command, thme"),
        "{err}"
    );
}

#[test]
fn an_overlong_search_term_exits_2_and_is_flagged_in_the_search_box() {
    let long = "a".repeat(65_000);
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["search", long.as_str()],
        vec!["search", "--by", "name", long.as_str()],
    ] {
        let (code, _, err) = cli_in(dir.path(), None, &args);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("Termo de busca longo demais: no máximo 200 caracteres"),
            "{err}"
        );
        assert!(!err.contains("Falha de rede"), "sent: {err}");
    }
    let d = hubdesk::search_kind::detect(&long);
    let p = d.problem.expect("flagged");
    assert_eq!(
        tr(Lang::En, p.msg()),
        "Search term too long: at most 200 characters"
    );
    assert!(
        hubdesk::search_kind::detect(&"a".repeat(200))
            .problem
            .is_none()
    );
    assert!(tr(Lang::PtBr, p.msg()).contains(&hubdesk::search_kind::MAX_TERM_CHARS.to_string()));

    // The console's search box: pasted and submitted, nothing is sent.
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use hubdesk::app::{App, Effect, Msg, Settings, keymap::Keymap, update};
    let (keymap, _) = Keymap::new(&Default::default(), false);
    let mut app = App::new(
        Settings {
            lang: Lang::PtBr,
            ..Settings::default()
        },
        keymap,
    );
    update(&mut app, Msg::Paste(long.clone()));
    let (fx, _) = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Fetch { .. })),
        "{fx:?}"
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Termo de busca longo demais: no máximo 200 caracteres")
    );
}
