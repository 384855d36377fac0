//! A scriptable HubSoft stand-in for client tests: an axum server on
//! 127.0.0.1:0 that counts token grants and requests and answers from a
//! queue of scripted replies (the last reply repeats once the queue is down
//! to one).

#![allow(dead_code)]

pub mod pty;
pub mod tls;

use std::collections::{HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::post;
use hubdesk::api::{Client, ClientConfig, Credentials, Secret};

pub const CLIENT_SECRET: &str = "cl13nt-s3cr3t-value";
pub const PASSWORD: &str = "p4ssw0rd-value";

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// A large body made on the fly instead of `body`: `len` bytes of a
    /// JSON object, sent in 64 KiB chunks, with a `Content-Length` when
    /// `announce` (else chunked). Nothing that size is ever held here.
    pub filler: Option<(u64, bool)>,
}

impl Reply {
    pub fn json(status: u16, value: serde_json::Value) -> Self {
        Self::raw(status, "application/json", value.to_string().into_bytes())
    }

    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
            filler: None,
        }
    }

    /// HTTP `status` (3xx) pointing at `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::raw(status, "text/html", "<html><title>Moved</title></html>")
            .header("location", location)
    }

    /// A 200 whose body is `len` bytes of valid JSON (`{"status":"success",
    /// "x":"aaaa…"}`), made on the fly; `announce` sends its length.
    pub fn huge(len: u64, announce: bool) -> Self {
        let mut reply = Self::raw(200, "application/json", Vec::new());
        reply.filler = Some((len, announce));
        reply
    }

    pub fn html(status: u16, title: &str) -> Self {
        Self::raw(
            status,
            "text/html",
            format!(
                "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            ),
        )
    }

    /// A success that carries the data key of `cliente`, empty (a read
    /// without its data key is an error).
    pub fn ok() -> Self {
        Self::json(
            200,
            serde_json::json!({"status": "success", "msg": "Dados consultados com sucesso", "clientes": []}),
        )
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// What the server saw of one request to a non-token route.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path_and_query: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

#[derive(Default)]
pub struct Shared {
    pub grants: AtomicUsize,
    pub hits: AtomicUsize,
    /// Seconds put in `expires_in` of generated tokens.
    pub expires_in: Mutex<serde_json::Value>,
    /// Delay of each grant (to make concurrent callers overlap).
    pub grant_delay: Mutex<Duration>,
    /// Scripted token answers; when empty a fresh `tok-N` is issued.
    pub token_replies: Mutex<VecDeque<Reply>>,
    /// Bodies of the grant requests, with their content type.
    pub grant_requests: Mutex<Vec<(Option<String>, Vec<u8>)>>,
    pub replies: Mutex<VecDeque<Reply>>,
    /// Access tokens answered with 401 whatever the script says.
    pub rejected_tokens: Mutex<HashSet<String>>,
    pub seen: Mutex<Vec<Seen>>,
    /// Run on every request to a non-token route, before it is answered
    /// (e.g. to change the client's world while it waits).
    pub on_request: Mutex<Option<Box<dyn Fn() + Send + Sync>>>,
}

pub struct Server {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
}

impl Server {
    /// Starts a server that answers the non-token routes with `replies` in order.
    pub async fn start(replies: Vec<Reply>) -> Server {
        let shared = Arc::new(Shared::default());
        *shared.expires_in.lock().unwrap() = serde_json::json!(2_592_000);
        *shared.replies.lock().unwrap() = replies.into();
        let app = Router::new()
            .route("/oauth/token", post(token))
            .fallback(resource)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn grants(&self) -> usize {
        self.shared.grants.load(Ordering::SeqCst)
    }

    pub fn hits(&self) -> usize {
        self.shared.hits.load(Ordering::SeqCst)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }

    pub fn set_expires_in(&self, value: serde_json::Value) {
        *self.shared.expires_in.lock().unwrap() = value;
    }

    pub fn set_grant_delay(&self, delay: Duration) {
        *self.shared.grant_delay.lock().unwrap() = delay;
    }

    pub fn on_request(&self, hook: impl Fn() + Send + Sync + 'static) {
        *self.shared.on_request.lock().unwrap() = Some(Box::new(hook));
    }

    pub fn script_token(&self, replies: Vec<Reply>) {
        *self.shared.token_replies.lock().unwrap() = replies.into();
    }

    pub fn reject_token(&self, token: &str) {
        self.shared
            .rejected_tokens
            .lock()
            .unwrap()
            .insert(token.to_owned());
    }

    /// A client for this server with test-friendly timings: tiny backoff,
    /// short timeouts. `tweak` adjusts it further.
    pub fn client(&self, tweak: impl FnOnce(&mut ClientConfig)) -> Client {
        let mut config = ClientConfig::new(self.url(), credentials());
        config.retry_base_delay = Duration::from_millis(1);
        config.max_retry_delay = Duration::from_millis(20);
        config.connect_timeout = Duration::from_secs(2);
        config.request_timeout = Duration::from_secs(5);
        tweak(&mut config);
        Client::new(config).expect("client for a loopback server")
    }
}

pub fn credentials() -> Credentials {
    Credentials {
        client_id: "3".to_owned(),
        client_secret: Secret::new(CLIENT_SECRET),
        username: "api@provedor.com.br".to_owned(),
        password: Secret::new(PASSWORD),
    }
}

/// `len` bytes of one JSON object, in chunks, never held whole.
fn filler_body(len: u64) -> Body {
    const HEAD: &[u8] = br#"{"status":"success","x":""#;
    const TAIL: &[u8] = br#""}"#;
    const CHUNK: u64 = 64 * 1024;
    let fill = len.saturating_sub((HEAD.len() + TAIL.len()) as u64);
    let chunks = fill.div_ceil(CHUNK);
    let middle = (0..chunks).map(move |i| {
        let n = CHUNK.min(fill - i * CHUNK) as usize;
        Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b'a'; n]))
    });
    let parts = std::iter::once(Ok(bytes::Bytes::from_static(HEAD)))
        .chain(middle)
        .chain(std::iter::once(Ok(bytes::Bytes::from_static(TAIL))));
    Body::from_stream(futures::stream::iter(parts))
}

fn build(reply: &Reply) -> Response {
    let body = match reply.filler {
        Some((len, _)) => filler_body(len),
        None => Body::from(reply.body.clone()),
    };
    let mut response = Response::new(body);
    if let Some((len, true)) = reply.filler {
        response.headers_mut().insert(
            axum::http::header::CONTENT_LENGTH,
            HeaderValue::from_str(&len.to_string()).unwrap(),
        );
    }
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap();
    for (name, value) in &reply.headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    response
}

fn next(queue: &Mutex<VecDeque<Reply>>) -> Option<Reply> {
    let mut queue = queue.lock().unwrap();
    if queue.len() > 1 {
        queue.pop_front()
    } else {
        queue.front().cloned()
    }
}

async fn token(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let n = shared.grants.fetch_add(1, Ordering::SeqCst) + 1;
    let content_type = request
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(request.into_body(), 1 << 20).await.unwrap();
    shared
        .grant_requests
        .lock()
        .unwrap()
        .push((content_type, body.to_vec()));
    let delay = *shared.grant_delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    if let Some(reply) = next(&shared.token_replies) {
        return build(&reply);
    }
    let expires_in = shared.expires_in.lock().unwrap().clone();
    build(&Reply::json(
        200,
        serde_json::json!({
            "token_type": "Bearer",
            "expires_in": expires_in,
            "access_token": format!("tok-{n}"),
            "refresh_token": "def502-never-used",
        }),
    ))
}

async fn resource(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    shared.hits.fetch_add(1, Ordering::SeqCst);
    if let Some(hook) = shared.on_request.lock().unwrap().as_ref() {
        hook();
    }
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, 1 << 20).await.unwrap();
    shared.seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        path_and_query: parts
            .uri
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        headers: parts.headers.clone(),
        body: body.to_vec(),
    });
    let presented = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    if shared.rejected_tokens.lock().unwrap().contains(&presented) {
        return build(&Reply::json(
            401,
            serde_json::json!({"message": "Unauthenticated."}),
        ));
    }
    let reply = next(&shared.replies).unwrap_or_else(Reply::ok);
    tokio::time::sleep(reply.delay).await;
    build(&reply)
}
