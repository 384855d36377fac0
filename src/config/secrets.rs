//! Where each secret comes from, and running a `*_command` to fetch one.

use super::*;

/// Where a secret will come from (for `config check`, never the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretSource {
    /// An environment variable.
    Env,
    /// The profile's `*_command`.
    Command,
    /// The config file itself.
    File,
    /// Nowhere: the run will fail when it needs it.
    Missing,
}

impl SecretSource {
    /// A short localized description.
    pub fn describe(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                SecretSource::Env => Msg::CfgSourceEnv,
                SecretSource::Command => Msg::CfgSourceCommand,
                SecretSource::File => Msg::CfgSourceFile,
                SecretSource::Missing => Msg::CfgSourceMissing,
            },
        )
    }
}

pub(super) fn source(env: bool, command: bool, file: bool) -> SecretSource {
    if env {
        SecretSource::Env
    } else if command {
        SecretSource::Command
    } else if file {
        SecretSource::File
    } else {
        SecretSource::Missing
    }
}

pub(super) fn secret(
    from_env: bool,
    value: Option<&Secret>,
    command: Option<&str>,
    what: &'static str,
    command_key: &'static str,
    env: &'static str,
) -> Result<Secret, ConfigError> {
    if from_env && let Some(v) = value {
        return Ok(v.clone());
    }
    if let Some(cmd) = command {
        return run_secret_command(cmd, command_key, SECRET_COMMAND_TIMEOUT);
    }
    match value {
        Some(v) => Ok(v.clone()),
        None => Err(ConfigError::Missing { what, env }),
    }
}

/// How long a `*_command` may take: long enough to type a passphrase into
/// a password manager's prompt, short enough that a hung command does
/// not hang hubdesk forever.
pub const SECRET_COMMAND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs a `*_command` through the shell; its output, trimmed, is the
/// secret. Its stderr goes to the user's terminal (a password manager may
/// ask for a passphrase); its stdout is never logged or shown, and the
/// buffers that held it are zeroed. After `timeout` the command is killed
/// and the run fails.
pub(super) fn run_secret_command(
    cmd: &str,
    what: &'static str,
    timeout: std::time::Duration,
) -> Result<Secret, ConfigError> {
    use std::io::Read;
    let failed = |detail: String| ConfigError::SecretCommand { what, detail };
    let shell = if cfg!(windows) { "cmd" } else { "sh" };
    let flag = if cfg!(windows) { "/C" } else { "-c" };
    let mut child = std::process::Command::new(shell)
        .arg(flag)
        .arg(cmd)
        .stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| failed("no output".into()))?;
    let (tx, rx) = std::sync::mpsc::channel();
    // A thread reads (a pipe cannot be read with a deadline in std); it
    // ends with the command, or stays blocked on a command that was killed
    // but left a grandchild holding the pipe: harmless, it owns nothing.
    std::thread::spawn(move || {
        let mut out = Zeroizing::new(Vec::new());
        let read = stdout.read_to_end(&mut out).map(|_| out);
        let _ = tx.send(read);
    });
    let out = match rx.recv_timeout(timeout) {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(e.to_string()));
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(format!(
                "no answer within {} s (killed)",
                timeout.as_secs()
            )));
        }
    };
    let status = child.wait().map_err(|e| failed(e.to_string()))?;
    if !status.success() {
        return Err(failed(status.to_string()));
    }
    let text = Zeroizing::new(String::from_utf8_lossy(&out).into_owned());
    let secret = text.trim();
    if secret.is_empty() {
        return Err(failed("empty output".to_owned()));
    }
    Ok(Secret::new(secret))
}
