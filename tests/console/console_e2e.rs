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

use crate::support;

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
        // The full test path: this file is a module of the `console` binary.
        "console_e2e::e2e_child_console",
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
            settings: hubdesk::app::Settings {
                demo: true,
                profile: "demo".into(),
                ..Default::default()
            },
            key_overrides: Default::default(),
            first_frame: None,
            typeahead: false,
            screen_pop: None,
            warnings: Vec::new(),
            audit_file: hubdesk::config::Paths::resolve(None, &hubdesk::config::process_env)
                .ok()
                .map(|p| p.audit_file()),
            audit_sink: Default::default(),
        })
        .await
        .unwrap();
        sim.shutdown();
        code
    });
    std::process::exit(code);
}

/// A private tmux server with tmux's *default* settings (`-f /dev/null`:
/// `set-clipboard external`, `allow-passthrough off`), killed on drop.
struct Tmux {
    socket: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn tmux(&self) -> std::process::Command {
        let mut c = std::process::Command::new("tmux");
        c.arg("-S").arg(&self.socket);
        c
    }

    /// Runs `command` in a new 100x30 session.
    fn start(command: &str) -> Tmux {
        let version = std::process::Command::new("tmux").arg("-V").output();
        assert!(
            version.is_ok_and(|o| o.status.success()),
            "this test needs tmux installed: it checks copying inside a real tmux"
        );
        let dir = tempfile::tempdir().unwrap();
        let t = Tmux {
            socket: dir.path().join("tmux.sock"),
            _dir: dir,
        };
        let ok = t
            .tmux()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
            ])
            .arg(command)
            .status()
            .unwrap();
        assert!(ok.success(), "tmux new-session");
        t
    }

    fn out(&self, args: &[&str]) -> String {
        let o = self.tmux().args(args).output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn keys(&self, args: &[&str]) {
        let ok = self.tmux().arg("send-keys").args(args).status().unwrap();
        assert!(ok.success(), "send-keys {args:?}");
    }

    /// Waits (polling, bounded by `deadline`) until the pane shows `text`.
    fn wait_for(&self, text: &str, deadline: Duration) -> String {
        let start = std::time::Instant::now();
        loop {
            let screen = self.out(&["capture-pane", "-p"]);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < deadline,
                "{text:?} never showed:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

/// Issue 13: inside tmux with its default settings the wrapped OSC 52
/// alone was dropped and the console still said "Copiado". Copying loads
/// tmux's own buffer, which tmux passes on to the terminal its client runs
/// in (here a pseudo-terminal, whose output is read), and the status line
/// says so, with the text.
#[test]
fn copy_inside_tmux_with_default_settings_reaches_the_outer_terminal_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().display();
    let command = format!(
        "env HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data \
         XDG_STATE_HOME={h}/state HUBDESK_DATA_DIR={h}/data HUBDESK_STATE_DIR={h}/state \
         LANG=C.UTF-8 TERM=xterm-256color {} --demo --lang pt-BR",
        env!("CARGO_BIN_EXE_hubdesk")
    );
    let t = Tmux::start(&command);
    t.wait_for("Buscar cliente", DEADLINE);
    assert_eq!(
        t.out(&["show-options", "-gv", "set-clipboard"]).trim(),
        "external",
        "tmux's default"
    );
    // The attendant's terminal: a tmux client in a pseudo-terminal.
    let mut attach = CommandBuilder::new("tmux");
    attach.arg("-S");
    attach.arg(&t.socket);
    attach.arg("attach");
    attach.env_remove("TMUX");
    let client = Pty::spawn(attach, 100, 30);
    client.wait_for_text("Buscar cliente", DEADLINE);
    t.keys(&["-l", "silva"]);
    t.keys(&["Enter"]);
    t.wait_for("clientes encontrados", DEADLINE);
    t.keys(&["Enter"]);
    t.wait_for("Visto por último", DEADLINE);
    // The copy menu of the Cliente pane lists the login under "l".
    t.keys(&["c"]);
    let menu = t.wait_for("[l] login: ", DEADLINE);
    let login: String = menu
        .split("[l] login: ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(!login.is_empty(), "{menu}");
    t.keys(&["l"]);
    let screen = t.wait_for("No buffer do tmux", DEADLINE);
    // The status line wraps: read it as one sentence.
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("No buffer do tmux e enviado à área de transferência do"),
        "{screen}"
    );
    assert!(words.contains(&format!("login: {login}")), "{screen}");
    assert!(!screen.contains("Copiado"), "{screen}");
    assert_eq!(t.out(&["show-buffer"]), login);
    // tmux passed its buffer on to the outer terminal as OSC 52 (the form
    // its terminfo gives: `ESC ] 52 ; ; <base64> BEL`).
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&login);
    let wanted = format!("\x1b]52;;{encoded}\x07");
    let start = std::time::Instant::now();
    loop {
        let raw = String::from_utf8_lossy(&client.raw_output()).into_owned();
        if raw.contains(&wanted) {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the outer terminal never got {wanted:?}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    t.keys(&["q"]);
}
