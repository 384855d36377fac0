//! Screen pop end to end (issue 7): the real console (`hubdesk --demo`) in
//! a pseudo-terminal listens on its profile's socket, and `hubdesk call
//! PHONE`, run as a separate process as a PBX hook would, makes it open the
//! customer who owns that phone.

use crate::support;

use std::process::Command;
use std::time::Duration;

use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(30);

fn env_for(dir: &tempfile::TempDir) -> Vec<(String, String)> {
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    vec![
        ("LANG".into(), "pt_BR.UTF-8".into()),
        ("HUBDESK_CONFIG".into(), p("config.toml")),
        ("HUBDESK_DATA_DIR".into(), p("data")),
        ("HUBDESK_STATE_DIR".into(), p("state")),
        // The socket goes to the runtime dir; keep it private to the test.
        ("XDG_RUNTIME_DIR".into(), p("run")),
    ]
}

fn call(env: &[(String, String)], phone: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hubdesk"))
        .args(["--demo", "call", phone])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("hubdesk call runs")
}

#[test]
fn a_call_opens_the_customer_in_the_running_console() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("run")).unwrap();
    let env = env_for(&dir);

    // No console yet: the hook fails clearly and changes nothing.
    let out = call(&env, "(37) 98815-9303");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("console"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let env_ref: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut pty = Pty::hubdesk(&["--demo"], &env_ref, 100, 30);
    pty.wait_for_text("Buscar cliente", DEADLINE);

    // The simulator's customer 1001 (PADARIA SÃO JOSÉ) has this phone; the
    // hook may send it masked and with the country code.
    let deadline = std::time::Instant::now() + DEADLINE;
    loop {
        let out = call(&env, "+55 (37) 98815-9303");
        if out.status.success() {
            break;
        }
        // The socket appears right after the first frame.
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    pty.wait_for_text("PADARIA SÃO JOSÉ", DEADLINE);
    pty.wait_for_text("Código 1001", DEADLINE);

    // Ctrl-C leaves from anywhere (q on the customer view, but Esc now
    // lands in the search box, where q types).
    pty.send_keys(b"\x03");
    assert!(pty.wait_exit(DEADLINE).is_some(), "the console quits");
    // The console removed its socket on the way out.
    let left: Vec<_> = std::fs::read_dir(dir.path().join("run"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "socket left behind: {left:?}");
}
