//! End to end: the console in a real pseudo-terminal against the embedded
//! simulator. The attendant searches, opens a customer and reads the
//! invoices; then quits and the terminal is given back.
//!
//! Two entry points run the same scenario:
//! - `hubdesk_demo_searches_opens_and_shows_invoices` runs the real binary
//!   with `--demo` (the CLI wires `--demo` to the simulator and
//!   `console::run`);
//! - `console_in_a_pty_against_the_simulator` re-runs this test executable
//!   as the PTY child (`e2e_child_console`), which starts the simulator and
//!   calls `hubdesk::console::run` itself, so the console's terminal path is
//!   proven even before the binary has its flags.

mod support;

use std::time::Duration;

use portable_pty::CommandBuilder;
use support::pty::Pty;

const CHILD_ENV: &str = "HUBDESK_CONSOLE_E2E_CHILD";
const DEADLINE: Duration = Duration::from_secs(20);

/// Search "silva", open the first result, go to the invoices pane, see
/// invoice rows with amounts and states, quit with `q`.
fn scenario(mut pty: Pty) {
    pty.wait_for_text("Buscar cliente", DEADLINE);
    pty.wait_for_text("DEMONSTRAÇÃO", DEADLINE);
    pty.send_keys(b"silva");
    pty.wait_for_text("Buscar por Nome", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("clientes encontrados", DEADLINE);
    pty.send_keys(b"\r");
    pty.wait_for_text("1 Cliente", DEADLINE);
    pty.wait_for_text("Visto por último", DEADLINE);
    pty.send_keys(b"3");
    pty.wait_for_text("Faturas · pendentes", DEADLINE);
    pty.wait_for_text("Vencimento", DEADLINE);
    // Rows: a date, an amount in reais and a state.
    pty.wait_until(DEADLINE, |screen| {
        let text = screen.contents();
        text.contains("R$ ")
            && (text.contains("vence") || text.contains("vencida") || text.contains("paga em"))
    })
    .unwrap_or_else(|screen| panic!("no invoice rows on screen:\n{screen}"));
    let screen = pty.screen_text();
    assert!(
        screen.contains("Linha digitável") || screen.contains("Código PIX"),
        "{screen}"
    );
    pty.send_keys(b"q");
    let status = pty.wait_exit(DEADLINE).expect("the console exits on q");
    assert!(status.success(), "exit status {status:?}");
    // The alternate screen was left: the console's frame is gone.
    pty.with_screen(|s| assert!(!s.alternate_screen(), "still in the alternate screen"));
}

#[test]
fn hubdesk_demo_searches_opens_and_shows_invoices() {
    let pty = Pty::hubdesk(&["--demo"], &[("LANG", "pt_BR.UTF-8")], 80, 24);
    scenario(pty);
}

#[test]
fn console_in_a_pty_against_the_simulator() {
    let exe = std::env::current_exe().expect("test executable");
    let mut cmd = CommandBuilder::new(exe);
    cmd.args([
        "e2e_child_console",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    cmd.env(CHILD_ENV, "1");
    cmd.env("TERM", "xterm-256color");
    cmd.env("RUST_BACKTRACE", "0");
    scenario(Pty::spawn(cmd, 80, 24));
}

#[test]
#[ignore = "entry point of the PTY child, run by console_in_a_pty_against_the_simulator"]
fn e2e_child_console() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
    use hubdesk::sim::{DEMO_CREDENTIALS, SimConfig, start};
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let code = rt.block_on(async {
        let sim = start(SimConfig::default()).unwrap();
        let creds = Credentials {
            client_id: DEMO_CREDENTIALS.client_id.into(),
            client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
            username: DEMO_CREDENTIALS.username.into(),
            password: Secret::new(DEMO_CREDENTIALS.password),
        };
        let client = Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap();
        let code = hubdesk::console::run(hubdesk::console::ConsoleOptions {
            client: client.into(),
            lang: hubdesk::i18n::Lang::PtBr,
            theme: hubdesk::ui::theme::Theme::default(),
            read_only: false,
            privacy: false,
            demo: true,
            profile: "demo".into(),
            attendant: None,
            ramal: None,
            internal_id: None,
            insecure: false,
            cleartext: false,
            key_overrides: Default::default(),
            typeahead: false,
            screen_pop: None,
            warnings: Vec::new(),
        })
        .await
        .unwrap();
        sim.shutdown();
        code
    });
    std::process::exit(code);
}
