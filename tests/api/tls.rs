//! TLS certificates are verified unless `--insecure` is explicit: the real
//! binary against the self-signed HTTPS stand-in of `support/tls.rs`.
//! (`tests/api/api_client.rs` covers the same at the client level.)

use crate::support;

use std::process::Command;
use std::time::Duration;

use support::pty::Pty;

fn run(dir: &std::path::Path, url: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args(args)
        .env("LANG", "pt_BR.UTF-8")
        .env("HUBDESK_CONFIG", dir.join("config.toml"))
        .env("HUBDESK_DATA_DIR", dir.join("data"))
        .env("HUBDESK_STATE_DIR", dir.join("state"))
        .env("HUBSOFT_HOST", url)
        .env("HUBSOFT_CLIENT_ID", "demo")
        .env("HUBSOFT_CLIENT_SECRET", "demo-secret")
        .env("HUBSOFT_USERNAME", "demo@hubdesk.local")
        .env("HUBSOFT_PASSWORD", "demo")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_self_signed_certificate_is_refused_without_insecure() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = support::tls::start();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("https://localhost:{}", server.addr.port());
    let (code, _, stderr) = run(dir.path(), &url, &["login"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("Falha de rede"), "{stderr}");
    assert!(
        stderr.contains("certificate"),
        "the reason is named: {stderr}"
    );
    assert!(!stderr.contains("NÃO são verificados"), "{stderr}");
    assert_eq!(
        server.served(),
        0,
        "nothing was sent over the refused handshake"
    );
}

#[test]
fn insecure_accepts_it_and_says_so_every_time() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = support::tls::start();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("https://localhost:{}", server.addr.port());
    let (code, stdout, stderr) = run(dir.path(), &url, &["--insecure", "login"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("certificados TLS NÃO são verificados (--insecure)"),
        "{stderr}"
    );
    assert_eq!(server.served(), 1);
}

#[test]
fn the_console_shows_the_insecure_badge() {
    let server = support::tls::start();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("https://localhost:{}", server.addr.port());
    let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    let (cfg, data, state) = (p("config.toml"), p("data"), p("state"));
    let env = [
        ("LANG", "pt_BR.UTF-8"),
        ("HUBDESK_CONFIG", cfg.as_str()),
        ("HUBDESK_DATA_DIR", data.as_str()),
        ("HUBDESK_STATE_DIR", state.as_str()),
        ("HUBSOFT_HOST", url.as_str()),
        ("HUBSOFT_CLIENT_ID", "demo"),
        ("HUBSOFT_CLIENT_SECRET", "demo-secret"),
        ("HUBSOFT_USERNAME", "demo@hubdesk.local"),
        ("HUBSOFT_PASSWORD", "demo"),
    ];
    let deadline = Duration::from_secs(30);
    for insecure in [true, false] {
        let args: &[&str] = if insecure { &["--insecure"] } else { &[] };
        let mut pty = Pty::hubdesk(args, &env, 120, 30);
        pty.wait_for_text("Buscar cliente", deadline);
        pty.wait_quiet(Duration::from_millis(200), deadline);
        assert_eq!(
            pty.screen_text().contains("TLS SEM VERIFICAÇÃO"),
            insecure,
            "{}",
            pty.screen_text()
        );
        pty.send_keys(b"\x03");
        pty.wait_exit(deadline).expect("exits");
    }
}

/// `insecure_http = true` to a host that is not loopback: allowed, but
/// said on every run (stderr), by `config check` (never "OK") and by a
/// badge in the console. 192.0.2.1 (TEST-NET-1) is never reached: the
/// console draws before any request, the CLI gives up after 1 s.
#[test]
fn plain_http_to_a_remote_host_is_said_every_run_and_badged() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    let remote = "[profiles.p]\nhost = 'http://192.0.2.1:8080'\ninsecure_http = true\n";
    std::fs::write(&cfg, remote).unwrap();
    let p = |s: &str| dir.path().join(s).to_string_lossy().into_owned();
    let (cfg_s, data, state) = (p("config.toml"), p("data"), p("state"));
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_hubdesk"))
            .args(args)
            .env_remove("HUBSOFT_HOST")
            .env("LANG", "pt_BR.UTF-8")
            .env("HUBDESK_CONFIG", &cfg_s)
            .env("HUBDESK_DATA_DIR", &data)
            .env("HUBDESK_STATE_DIR", &state)
            .env("HUBSOFT_CLIENT_ID", "demo")
            .env("HUBSOFT_CLIENT_SECRET", "demo-secret")
            .env("HUBSOFT_USERNAME", "demo@hubdesk.local")
            .env("HUBSOFT_PASSWORD", "demo")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let said = "aviso: http://192.0.2.1:8080 é http:// sem criptografia (insecure_http = true)";
    let (code, _, err) = cli(&["--timeout", "1", "search", "ana"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains(said), "{err}");
    let (code, out, _) = cli(&["config", "check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(said), "{out}");
    assert!(!out.contains("Configuração OK"), "{out}");

    let env = [
        ("LANG", "pt_BR.UTF-8"),
        ("HUBDESK_CONFIG", cfg_s.as_str()),
        ("HUBDESK_DATA_DIR", data.as_str()),
        ("HUBDESK_STATE_DIR", state.as_str()),
        ("HUBSOFT_CLIENT_ID", "demo"),
        ("HUBSOFT_CLIENT_SECRET", "demo-secret"),
        ("HUBSOFT_USERNAME", "demo@hubdesk.local"),
        ("HUBSOFT_PASSWORD", "demo"),
    ];
    let deadline = Duration::from_secs(30);
    for (config, badged) in [
        (remote, true),
        ("[profiles.p]\nhost = 'http://127.0.0.1:9'\n", false),
    ] {
        std::fs::write(&cfg, config).unwrap();
        let mut pty = Pty::hubdesk(&[], &env, 160, 30);
        pty.wait_for_text("Buscar cliente", deadline);
        pty.wait_quiet(Duration::from_millis(200), deadline);
        let screen = pty.screen_text();
        assert_eq!(screen.contains("HTTP SEM CRIPTOGRAFIA"), badged, "{screen}");
        assert_eq!(
            screen.contains("sem criptografia (insecure_http"),
            badged,
            "{screen}"
        );
        pty.send_keys(b"\x03");
        pty.wait_exit(deadline).expect("exits");
    }
}
