//! Screen pop: a running console listens on a local Unix socket, and
//! `hubdesk call PHONE` (say from an Asterisk AGI or dialplan hook) tells it
//! which number is calling, so it can search that phone and open the
//! customer.
//!
//! # Where
//! One socket per profile, `hubdesk-<profile>.sock`, in the runtime dir
//! (`$XDG_RUNTIME_DIR`, private to the user), else in the state dir. The
//! socket file is made `0600`.
//!
//! # Protocol
//! One JSON object per line, each answered by one line:
//!
//! ```text
//! → {"phone":"(37) 99911-2233"}
//! ← {"ok":true,"phone":"37999112233"}
//! → {"fone":1}
//! ← {"ok":false,"error":"bad_request"}
//! ```
//!
//! Error codes: `bad_request` (not a JSON object with a `phone` string),
//! `bad_phone` (not a plausible Brazilian number), `too_long` (a line over
//! [`MAX_LINE`] bytes; the connection is then closed), `closed` (the console
//! is shutting down). The server normalises the phone with
//! [`crate::br::phone`] and forwards its digits on a channel; garbage never
//! stops it.

use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::br;

/// Longest request line accepted, in bytes (newline excluded).
pub const MAX_LINE: usize = 1024;
/// How long a client may stay silent before the server drops it, and how
/// long `send_call` waits for the console.
pub const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// The socket of `profile`: in `runtime_dir` when there is one, else in
/// `state_dir`. Characters other than letters, digits, `-` and `_` in the
/// profile name become `_`.
pub fn socket_path(runtime_dir: Option<&Path>, state_dir: &Path, profile: &str) -> PathBuf {
    let name: String = profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let dir = runtime_dir.unwrap_or(state_dir);
    dir.join(format!("hubdesk-{name}.sock"))
}

/// [`socket_path`] with the process's runtime dir (`$XDG_RUNTIME_DIR`).
pub fn default_socket_path(state_dir: &Path, profile: &str) -> PathBuf {
    let base = directories::BaseDirs::new();
    let runtime = base
        .as_ref()
        .and_then(directories::BaseDirs::runtime_dir)
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("XDG_RUNTIME_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .filter(|p| p.is_absolute());
    socket_path(runtime.as_deref(), state_dir, profile)
}

/// A request line.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    phone: String,
}

/// An answer line.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Reply {
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Reply {
    fn ok(phone: &str) -> Reply {
        Reply {
            ok: true,
            phone: Some(phone.to_owned()),
            error: None,
        }
    }

    fn error(code: &str) -> Reply {
        Reply {
            ok: false,
            phone: None,
            error: Some(code.to_owned()),
        }
    }

    fn line(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).unwrap_or_else(|_| b"{\"ok\":false}".to_vec());
        v.push(b'\n');
        v
    }
}

/// Why [`send_call`] did not reach a console.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// No console listens on the socket (no file, or nobody behind it).
    #[error("no console is listening on {0}")]
    NoConsole(PathBuf),
    /// The console did not answer in time.
    #[error("the console did not answer within {} s", IO_TIMEOUT.as_secs())]
    Timeout,
    /// The console refused the request; the code is one of the protocol's.
    #[error("the console refused the call: {0}")]
    Refused(String),
    /// Another I/O failure.
    #[error("screen pop failed: {0}")]
    Io(#[from] io::Error),
}

/// Tells the console listening on `path` that `phone` is calling. Returns
/// the digits the console searches for.
pub async fn send_call(path: &Path, phone: &str) -> Result<String, CallError> {
    let exchange = async {
        let mut stream = match UnixStream::connect(path).await {
            Ok(s) => s,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
                ) =>
            {
                return Err(CallError::NoConsole(path.to_path_buf()));
            }
            Err(e) => return Err(CallError::Io(e)),
        };
        let mut line = serde_json::to_vec(&Request {
            phone: phone.to_owned(),
        })
        .map_err(io::Error::other)?;
        line.push(b'\n');
        stream.write_all(&line).await?;
        let mut answer = Vec::new();
        BufReader::new(stream.take(MAX_LINE as u64 * 4))
            .read_until(b'\n', &mut answer)
            .await?;
        let reply: Reply = serde_json::from_slice(&answer)
            .map_err(|_| CallError::Refused("bad_answer".to_owned()))?;
        match (reply.ok, reply.phone, reply.error) {
            (true, phone, _) => Ok(phone.unwrap_or_default()),
            (false, _, code) => Err(CallError::Refused(
                code.unwrap_or_else(|| "unknown".to_owned()),
            )),
        }
    };
    tokio::time::timeout(IO_TIMEOUT, exchange)
        .await
        .unwrap_or(Err(CallError::Timeout))
}

/// Why [`serve`] could not listen.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A live console of the same profile already listens there.
    #[error("another console already listens on {0}")]
    InUse(PathBuf),
    /// Something that is not a socket sits at the path; it is left alone.
    #[error("{0} exists and is not a socket")]
    NotASocket(PathBuf),
    /// Creating, binding or securing the socket failed.
    #[error("cannot listen on {path}: {source}")]
    Io {
        /// The socket path.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// A listening screen-pop server. Dropping it stops the server and removes
/// its socket file (unless another process has replaced it since).
#[derive(Debug)]
pub struct ServeHandle {
    path: PathBuf,
    task: JoinHandle<()>,
    /// Device and inode of the socket file this server created.
    identity: (u64, u64),
}

impl ServeHandle {
    /// The socket path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ServeHandle {
    fn drop(&mut self) {
        self.task.abort();
        if let Ok(m) = std::fs::symlink_metadata(&self.path)
            && (m.dev(), m.ino()) == self.identity
        {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Listens on `path` and forwards each called phone (normalised digits)
/// on `tx`. A leftover socket file nobody listens on is replaced; a live
/// one is refused ([`ServeError::InUse`]). Must run inside a tokio runtime.
pub async fn serve(path: &Path, tx: UnboundedSender<String>) -> Result<ServeHandle, ServeError> {
    let io_err = |source| ServeError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_socket() => {
            return Err(ServeError::NotASocket(path.to_path_buf()));
        }
        Ok(_) => match UnixStream::connect(path).await {
            Ok(_) => return Err(ServeError::InUse(path.to_path_buf())),
            // Nobody behind it: a console that died without cleaning up.
            Err(_) => std::fs::remove_file(path).map_err(io_err)?,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(e)),
    }
    if let Some(dir) = path.parent() {
        create_private_dir(dir).map_err(io_err)?;
    }
    let listener = UnixListener::bind(path).map_err(io_err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io_err)?;
    let m = std::fs::symlink_metadata(path).map_err(io_err)?;
    let task = tokio::spawn(accept_loop(listener, tx));
    tracing::info!("screen pop listening");
    Ok(ServeHandle {
        path: path.to_path_buf(),
        task,
        identity: (m.dev(), m.ino()),
    })
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

async fn accept_loop(listener: UnixListener, tx: UnboundedSender<String>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(handle(stream, tx.clone()));
            }
            Err(e) => {
                // EMFILE and the like: wait a little rather than spin.
                tracing::warn!(error = %e, "screen pop: accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn handle(stream: UnixStream, tx: UnboundedSender<String>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut line = Vec::new();
        let mut limited = (&mut reader).take(MAX_LINE as u64 + 1);
        let n = match tokio::time::timeout(IO_TIMEOUT, limited.read_until(b'\n', &mut line)).await {
            Ok(Ok(n)) => n,
            Ok(Err(_)) | Err(_) => return,
        };
        if n == 0 {
            return;
        }
        let complete = line.last() == Some(&b'\n');
        if complete {
            line.pop();
        } else if line.len() > MAX_LINE {
            let _ = write.write_all(&Reply::error("too_long").line()).await;
            return;
        }
        let reply = answer(&line, &tx);
        if write.write_all(&reply.line()).await.is_err() {
            return;
        }
        if !complete {
            // The peer ended without a newline: that was its last line.
            return;
        }
    }
}

/// The answer to one request line; forwards the phone when it is good.
fn answer(line: &[u8], tx: &UnboundedSender<String>) -> Reply {
    let Ok(req) = serde_json::from_slice::<Request>(line) else {
        return Reply::error("bad_request");
    };
    match br::phone::parse(&req.phone) {
        Ok(phone) => {
            let digits = phone.digits().to_owned();
            if tx.send(digits.clone()).is_err() {
                return Reply::error("closed");
            }
            Reply::ok(&digits)
        }
        Err(_) => Reply::error("bad_phone"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;

    fn sock(dir: &tempfile::TempDir) -> PathBuf {
        socket_path(None, dir.path(), "main")
    }

    #[test]
    fn paths_are_per_profile_and_prefer_the_runtime_dir() {
        let state = Path::new("/state");
        assert_eq!(
            socket_path(Some(Path::new("/run/user/1000")), state, "isp-a"),
            Path::new("/run/user/1000/hubdesk-isp-a.sock")
        );
        assert_eq!(
            socket_path(None, state, "../x y"),
            Path::new("/state/hubdesk-___x_y.sock")
        );
    }

    #[tokio::test]
    async fn a_call_reaches_the_channel_normalised() {
        let dir = tempfile::tempdir().unwrap();
        let path = sock(&dir);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let server = serve(&path, tx).await.unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let digits = send_call(&path, "+55 (37) 99911-2233").await.unwrap();
        assert_eq!(digits, "37999112233");
        assert_eq!(rx.recv().await.unwrap(), "37999112233");
        drop(server);
        assert!(!path.exists(), "the socket file is removed on drop");
        assert!(matches!(
            send_call(&path, "37999112233").await,
            Err(CallError::NoConsole(_))
        ));
    }

    #[tokio::test]
    async fn garbage_is_answered_and_the_server_lives_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = sock(&dir);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let _server = serve(&path, tx).await.unwrap();
        let mut s = UnixStream::connect(&path).await.unwrap();
        let long = format!("{{\"phone\":\"{}\"}}\n", "1".repeat(MAX_LINE));
        s.write_all(b"not json\n{\"fone\":1}\n{\"phone\":\"123\"}\n{\"phone\":\"3732818000\"}\n")
            .await
            .unwrap();
        s.write_all(long.as_bytes()).await.unwrap();
        let mut answers = String::new();
        s.read_to_string(&mut answers).await.unwrap();
        let codes: Vec<serde_json::Value> = answers
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(codes[0]["error"], "bad_request");
        assert_eq!(codes[1]["error"], "bad_request");
        assert_eq!(codes[2]["error"], "bad_phone");
        assert_eq!(codes[3]["ok"], true);
        assert_eq!(codes[4]["error"], "too_long");
        assert_eq!(codes.len(), 5, "{answers}");
        assert_eq!(rx.recv().await.unwrap(), "3732818000");
        assert!(rx.try_recv().is_err(), "garbage is never forwarded");
        // Still serving.
        assert_eq!(
            send_call(&path, "37999112233").await.unwrap(),
            "37999112233"
        );
        let refused = send_call(&path, "42").await;
        assert!(matches!(refused, Err(CallError::Refused(c)) if c == "bad_phone"));
    }

    #[tokio::test]
    async fn a_stale_socket_is_replaced_and_a_live_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = sock(&dir);
        // A socket file nobody listens on, as a crashed console leaves.
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        let (tx, _rx) = mpsc::unbounded_channel();
        let first = serve(&path, tx.clone()).await.unwrap();
        match serve(&path, tx.clone()).await {
            Err(ServeError::InUse(p)) => assert_eq!(p, path),
            other => panic!("{other:?}"),
        }
        assert!(path.exists(), "the live console keeps its socket");
        drop(first);
        // A regular file is never deleted.
        std::fs::write(&path, "keep me").unwrap();
        assert!(matches!(
            serve(&path, tx).await,
            Err(ServeError::NotASocket(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    }

    #[tokio::test]
    async fn a_closed_console_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = sock(&dir);
        let (tx, rx) = mpsc::unbounded_channel();
        let _server = serve(&path, tx).await.unwrap();
        drop(rx);
        let r = send_call(&path, "37999112233").await;
        assert!(matches!(r, Err(CallError::Refused(c)) if c == "closed"));
    }
}
