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
        "Referência inválida \"abc\": use o código do cliente, um CPF/CNPJ ou service:ID",
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
