//! Handing the terminal to another program for a while (an interactive
//! NOC command: `ssh noc@{equipamento_ip}`), the way a shell runs a job
//! in the foreground: the loop leaves the full screen and stops reading
//! keys, the program runs with the terminal as its stdin, stdout and
//! stderr, and the console takes the terminal back when it ends.

use std::io::{self, Write};

/// A program to run in the terminal, and what the console says around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The program and its arguments (run directly, never by a shell).
    pub argv: Vec<String>,
    /// Printed on the plain screen before it starts (what runs, how to
    /// come back).
    pub banner: String,
    /// Printed when it fails (a non-zero exit), before waiting for Enter,
    /// so its last words stay readable.
    pub pause_prompt: String,
}

/// Runs `ext` in the terminal (already restored to its normal state) and
/// waits for it: its exit code, `None` when a signal ended it.
///
/// Ctrl-Z is ignored in the program (a stopped job would leave the
/// console waiting forever; there is no shell to resume it): the
/// attendant leaves it as it is meant to be left (`exit`, `~.`).
pub async fn run_in_terminal(ext: &External) -> io::Result<Option<i32>> {
    let (program, args) = ext
        .argv
        .split_first()
        .ok_or_else(|| io::Error::other("empty command"))?;
    {
        let mut err = io::stderr();
        let _ = write!(err, "{}\r\n", ext.banner);
        let _ = err.flush();
    }
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args);
    // SAFETY: signal(2) is async-signal-safe, which is all a pre-exec
    // hook may call.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGTSTP, libc::SIG_IGN);
            Ok(())
        });
    }
    let status = cmd.status().await?;
    if !status.success() {
        let mut err = io::stderr();
        let _ = write!(err, "\r\n{}", ext.pause_prompt);
        let _ = err.flush();
        let _ = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            io::stdin().read_line(&mut line)
        })
        .await;
    }
    Ok(status.code())
}
