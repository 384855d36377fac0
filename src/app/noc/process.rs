//! Running a NOC command's process: never through a shell (the argument
//! vector goes to `execvp` as it is), in a session of its own so that
//! it has no controlling terminal (it cannot draw over the console or
//! read the attendant's keys) and so that cancelling stops whatever it
//! started too; output read as it comes, in whole lines of bounded size.

use std::process::Stdio;

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc::UnboundedSender;

use super::CommandEnd;
use crate::app::Msg;

/// The longest line passed on: longer ones come in pieces (a program
/// that prints without newlines cannot grow a line without bound).
pub const LINE_BYTES: usize = 4096;

/// Splits a byte stream into lines: `\n` ends a line, a `\r` before it is
/// dropped, and a line that reaches [`LINE_BYTES`] is cut there. Invalid
/// UTF-8 is replaced, never refused.
#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
}

impl LineSplitter {
    /// The lines `bytes` completes.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for &b in bytes {
            if b == b'\n' {
                out.push(self.take());
            } else {
                self.partial.push(b);
                if self.partial.len() >= LINE_BYTES {
                    out.push(self.take());
                }
            }
        }
        out
    }

    /// What is left when the stream ends.
    pub fn finish(&mut self) -> Option<String> {
        (!self.partial.is_empty()).then(|| self.take())
    }

    fn take(&mut self) -> String {
        let mut line = std::mem::take(&mut self.partial);
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        String::from_utf8_lossy(&line).into_owned()
    }
}

/// Kills the process group on drop: a cancelled run, a run whose task
/// is aborted when the console quits, or one whose program left children
/// behind (mtr's helper) leaves nothing running.
struct GroupGuard(Option<i32>);

impl Drop for GroupGuard {
    fn drop(&mut self) {
        if let Some(pgid) = self.0.filter(|p| *p > 0) {
            // SAFETY: kill(2) with a negative pid signals the group; the
            // group is the one the child leads (it called setsid).
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
    }
}

/// Runs `argv`, sending its output to `tx` as [`Msg::CommandOutput`],
/// and returns how it ended. Dropping the future (the runner aborts the
/// task to cancel it) kills the process group.
pub async fn stream(run: u64, argv: Vec<String>, tx: &UnboundedSender<Msg>) -> CommandEnd {
    match spawn(&argv) {
        Err(e) => CommandEnd::not_started(argv.first().map_or("", String::as_str), &e),
        Ok(mut child) => {
            let guard = GroupGuard(child.id().and_then(|id| i32::try_from(id).ok()));
            let out = child.stdout.take();
            let err = child.stderr.take();
            tokio::join!(pump(run, out, tx), pump(run, err, tx));
            let status = child.wait().await;
            // The leader is gone; anything it left in its group goes too.
            drop(guard);
            match status {
                Ok(s) => CommandEnd::Exited(s.code()),
                Err(e) => CommandEnd::Failed(e.to_string()),
            }
        }
    }
}

fn spawn(argv: &[String]) -> std::io::Result<tokio::process::Child> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    // SAFETY: setsid(2) is async-signal-safe, which is all a pre-exec
    // hook may call.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn()
}

async fn pump<R: AsyncRead + Unpin>(run: u64, from: Option<R>, tx: &UnboundedSender<Msg>) {
    let Some(mut from) = from else {
        return;
    };
    let mut split = LineSplitter::default();
    let mut buf = vec![0u8; 8192];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let lines = split.feed(&buf[..n]);
                if !lines.is_empty() && tx.send(Msg::CommandOutput { run, lines }).is_err() {
                    return;
                }
            }
        }
    }
    if let Some(last) = split.finish() {
        let _ = tx.send(Msg::CommandOutput {
            run,
            lines: vec![last],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_cut_and_decoded_leniently() {
        let mut s = LineSplitter::default();
        assert_eq!(s.feed(b"64 bytes from 10."), Vec::<String>::new());
        assert_eq!(s.feed(b"0.0.1\r\nPING"), ["64 bytes from 10.0.0.1"]);
        assert_eq!(s.feed(b" x\n\xff\n"), ["PING x", "\u{fffd}"]);
        assert_eq!(s.finish(), None);
        let long = vec![b'a'; LINE_BYTES * 2 + 3];
        let lines = s.feed(&long);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.len() == LINE_BYTES));
        assert_eq!(s.finish().as_deref(), Some("aaa"));
    }

    async fn collect(argv: &[&str]) -> (Vec<String>, CommandEnd) {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let end = stream(1, argv.iter().map(|s| s.to_string()).collect(), &tx).await;
        let mut lines = Vec::new();
        while let Ok(msg) = rx.try_recv() {
            if let Msg::CommandOutput { lines: l, .. } = msg {
                lines.extend(l);
            }
        }
        (lines, end)
    }

    #[tokio::test]
    async fn output_and_exit_code_come_back_and_nothing_goes_through_a_shell() {
        let (lines, end) = collect(&["sh", "-c", "echo one; echo two >&2; exit 3"]).await;
        lines.iter().for_each(|l| assert!(l == "one" || l == "two"));
        assert_eq!(lines.len(), 2);
        assert_eq!(end, CommandEnd::Exited(Some(3)));
        // A value with shell syntax is one argument, printed as it is.
        let (lines, end) = collect(&["echo", "$(id); rm -rf /"]).await;
        assert_eq!(lines, ["$(id); rm -rf /"]);
        assert_eq!(end, CommandEnd::Exited(Some(0)));
        let (_, end) = collect(&["hubdesk-no-such-program-xyz"]).await;
        assert_eq!(
            end,
            CommandEnd::NotFound("hubdesk-no-such-program-xyz".into())
        );
    }

    #[tokio::test]
    async fn the_program_has_no_terminal() {
        // Without a controlling terminal /dev/tty cannot be opened: the
        // program cannot draw over the console or read its keys.
        let (lines, _) = collect(&[
            "sh",
            "-c",
            "test -e /dev/tty && (: </dev/tty) 2>/dev/null && echo tty || echo none",
        ])
        .await;
        assert_eq!(lines, ["none"]);
    }

    #[tokio::test]
    async fn dropping_the_run_kills_what_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("pid");
        let script = format!("sleep 30 & echo $! > {}; wait", pidfile.display());
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let task =
            tokio::spawn(
                async move { stream(1, vec!["sh".into(), "-c".into(), script], &tx).await },
            );
        let mut pid = None;
        for _ in 0..200 {
            if let Ok(text) = std::fs::read_to_string(&pidfile)
                && let Ok(p) = text.trim().parse::<i32>()
            {
                pid = Some(p);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let pid = pid.expect("the script started its child");
        task.abort();
        let _ = task.await;
        // The grandchild (sleep) is gone too: signal 0 finds no process
        // once it has been reaped or is a zombie of init... poll briefly.
        let mut gone = false;
        for _ in 0..200 {
            // SAFETY: kill with signal 0 only checks that the pid exists.
            let alive = unsafe { libc::kill(pid, 0) } == 0;
            if !alive || zombie(pid) {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(gone, "sleep {pid} survived its cancelled run");
    }

    fn zombie(pid: i32) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| {
                s.rsplit(')')
                    .next()
                    .is_some_and(|r| r.trim_start().starts_with('Z'))
            })
            .unwrap_or(true)
    }
}
