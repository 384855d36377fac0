//! A tiny HTTPS server with a self-signed certificate for `localhost` and
//! 127.0.0.1, on plain threads with rustls: every request is answered with a
//! token grant, which is all a TLS set-up test needs (or, from
//! [`start_redirecting`], with a redirect). The certificate and its
//! key were made for these tests only (`openssl req -x509`, P-256, 100 years).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer};

pub struct TlsServer {
    pub addr: SocketAddr,
    /// Requests answered, i.e. handshakes that the client accepted.
    pub served: Arc<AtomicUsize>,
}

/// Answers every request with a token grant.
pub fn start() -> TlsServer {
    let body = r#"{"token_type":"Bearer","expires_in":3600,"access_token":"tls-token"}"#;
    start_answering(format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ))
}

/// Answers every request with `307 Temporary Redirect` to `location`.
pub fn start_redirecting(location: &str) -> TlsServer {
    start_answering(format!(
        "HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    ))
}

fn start_answering(answer: String) -> TlsServer {
    let answer: Arc<str> = answer.into();
    let cert =
        CertificateDer::from(include_bytes!("../fixtures/tls/self-signed.cert.der").to_vec());
    let key =
        PrivateKeyDer::try_from(include_bytes!("../fixtures/tls/self-signed.key.der").to_vec())
            .unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            let counter = counter.clone();
            let answer = answer.clone();
            std::thread::spawn(move || {
                // A refused handshake ends here with an error: expected.
                let _ = serve(stream, config, &counter, &answer);
            });
        }
    });
    TlsServer { addr, served }
}

impl TlsServer {
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

fn serve(
    tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    counter: &AtomicUsize,
    answer: &str,
) -> io::Result<()> {
    tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
    let conn = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buf.len() < header_end + length {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    counter.fetch_add(1, Ordering::SeqCst);
    tls.write_all(answer.as_bytes())?;
    tls.flush()?;
    tls.conn.send_close_notify();
    tls.flush()
}
