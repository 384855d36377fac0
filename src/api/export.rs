//! Bulk export: `GET /cliente/all` read as a stream.
//!
//! With no filter `cliente/all` returns every customer of the ISP in one
//! body, which can be hundreds of megabytes. [`Client::stream_all_customers`]
//! never holds that body: it reads it chunk by chunk, and a small
//! incremental splitter ([`ArraySplitter`]) cuts the `clientes` array into
//! one element at a time, each decoded into a [`Customer`] on its own. The
//! memory held is one chunk plus the largest single customer, whatever the
//! size of the base.
//!
//! The envelope is honoured as by [`Client::call`]: `status: "error"` (in
//! any spelling of success otherwise) becomes [`ApiError::Refused`] with the
//! server's `msg`, non-2xx statuses map as usual, a 404 is an empty list,
//! and a body that is not UTF-8 is read as Windows-1252 (Latin-1).

use std::collections::VecDeque;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use serde::de::DeserializeOwned;

use super::customers::{AllCustomers, Customer};
use super::response::{self, Outcome};
use super::{ApiError, Client};

/// The top-level members of the envelope kept aside (as raw JSON) while
/// the list streams by, to tell a refusal from a success at the end.
const ENVELOPE_KEYS: [&str; 4] = ["status", "msg", "message", "errors"];
/// Longest envelope member kept; longer ones are dropped (a `msg` is a line).
const ENVELOPE_CAP: usize = 64 * 1024;
/// Largest single element accepted: a customer is a few KiB; anything this
/// large is a broken or hostile body, and holding it would defeat the point.
pub const MAX_ELEMENT_BYTES: usize = 16 * 1024 * 1024;

/// Why a body could not be split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitError {
    /// Byte offset in the body where it went wrong.
    pub offset: u64,
    /// What was wrong, in English.
    pub reason: &'static str,
}

/// How a JSON value being scanned ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScanKind {
    /// `{...}` or `[...]`: when the brackets balance.
    Container,
    /// `"..."`: at the closing quote.
    Str,
    /// A number, `true`, `false`, `null`: at the next delimiter, which is
    /// not part of it.
    Scalar,
}

/// Follows one JSON value byte by byte until it ends. Does not validate
/// it (serde does that on the element); only strings and nesting matter.
#[derive(Clone, Copy, Debug)]
struct Scan {
    kind: ScanKind,
    depth: u32,
    in_string: bool,
    escape: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// The byte belongs to the value, which goes on.
    More,
    /// The byte closes the value.
    EndIncluding,
    /// The value ended just before this byte (a scalar's delimiter).
    EndExcluding,
}

impl Scan {
    /// The scan of a value whose first byte is `b`, or `None` when no JSON
    /// value starts with it.
    fn begin(b: u8) -> Option<Scan> {
        let (kind, depth, in_string) = match b {
            b'{' | b'[' => (ScanKind::Container, 1, false),
            b'"' => (ScanKind::Str, 0, true),
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => (ScanKind::Scalar, 0, false),
            _ => return None,
        };
        Some(Scan {
            kind,
            depth,
            in_string,
            escape: false,
        })
    }

    fn step(&mut self, b: u8) -> Step {
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.kind == ScanKind::Str {
                    return Step::EndIncluding;
                }
            }
            return Step::More;
        }
        match self.kind {
            ScanKind::Scalar => {
                if is_ws(b) || matches!(b, b',' | b']' | b'}') {
                    Step::EndExcluding
                } else {
                    Step::More
                }
            }
            // A string's only way out is its closing quote, handled above.
            ScanKind::Str => Step::More,
            ScanKind::Container => {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            return Step::EndIncluding;
                        }
                    }
                    _ => {}
                }
                Step::More
            }
        }
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Where the splitter is in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Before the first byte of the body.
    Start,
    /// In the top-level object, before a key (`first`: or its closing brace).
    Key { first: bool },
    /// Reading a top-level key.
    InKey,
    /// After a top-level key, before its colon.
    Colon,
    /// Before a top-level value.
    Value,
    /// Inside a top-level value that is not the list.
    InValue,
    /// After a top-level value: a comma or the closing brace.
    AfterValue,
    /// In the list, before an element (`first`: or the list's end).
    Elem { first: bool },
    /// A sparse list (`{"0": {...}, "1": {...}}`, PHP's arrays): its key.
    ElemKey,
    /// A sparse list: the colon after a key.
    ElemColon,
    /// A sparse list: before the element after a key.
    ElemValue,
    /// Inside an element.
    InElem,
    /// After an element: a comma or the list's end.
    AfterElem,
    /// After the body's closing brace or bracket: only whitespace may follow.
    Done,
}

/// Cuts a JSON body into the elements of one array, incrementally.
///
/// The array is the value of the top-level key given to [`ArraySplitter::new`]
/// (or the body itself when the body is an array). Feed the body in chunks
/// of any size, cut anywhere (inside a string, an escape or a number);
/// each complete element comes out as its raw bytes, in order. Elements of
/// any JSON type are passed on; an object in place of the array (PHP's
/// sparse arrays) yields its values. The members `status`, `msg`, `message`
/// and `errors` of the envelope are kept for [`ArraySplitter::finish`].
///
/// It checks the structure it walks (the envelope and the array's commas
/// and brackets), not the elements themselves: those go to serde.
#[derive(Debug)]
pub struct ArraySplitter {
    key: String,
    phase: Phase,
    scan: Option<Scan>,
    buf: Vec<u8>,
    /// The current top-level key is the list's.
    at_list: bool,
    /// The list is an object (sparse array).
    list_is_object: bool,
    /// The body itself is the list.
    top_is_array: bool,
    /// The current top-level value is kept (an envelope member).
    capturing: Option<String>,
    /// The current key's string scan.
    key_scan: Option<Scan>,
    envelope: Vec<(String, Vec<u8>)>,
    offset: u64,
    /// Element buffers handed back by [`ArraySplitter::recycle`], reused so
    /// a long body does not allocate one buffer per element.
    spare: Vec<Vec<u8>>,
}

/// How many recycled element buffers are kept, and the largest kept: a
/// customer is a few KiB, and a rare large one is not worth holding on to.
const SPARE_BUFFERS: usize = 32;
const SPARE_CAPACITY: usize = 64 * 1024;

impl ArraySplitter {
    /// A splitter for the array under the top-level `key`.
    pub fn new(key: &str) -> ArraySplitter {
        ArraySplitter {
            key: key.to_owned(),
            phase: Phase::Start,
            scan: None,
            buf: Vec::new(),
            at_list: false,
            list_is_object: false,
            top_is_array: false,
            capturing: None,
            key_scan: None,
            envelope: Vec::new(),
            offset: 0,
            spare: Vec::new(),
        }
    }

    /// Hands back an element's buffer once it has been used, to be reused
    /// for a later element (its contents are discarded).
    pub fn recycle(&mut self, mut buf: Vec<u8>) {
        if self.spare.len() < SPARE_BUFFERS && buf.capacity() <= SPARE_CAPACITY {
            buf.clear();
            self.spare.push(buf);
        }
    }

    /// Bytes consumed so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Consumes `chunk`, pushing each element completed in it onto `out`.
    /// After an error the splitter is unusable.
    pub fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<Vec<u8>>) -> Result<(), SplitError> {
        let mut i = 0;
        while i < chunk.len() {
            if self.phase == Phase::InElem
                && self.scan.is_some_and(|s| s.kind == ScanKind::Container)
            {
                // The bulk of the body: run through the element at once.
                i += self.elem_run(&chunk[i..], out)?;
                continue;
            }
            self.byte(chunk[i], out)?;
            self.offset += 1;
            i += 1;
        }
        Ok(())
    }

    /// Consumes the part of `bytes` that belongs to the object or list
    /// being read as an element (all of it, or up to its closing bracket),
    /// in bulk: strings are skipped to their next quote or backslash with
    /// `memchr`. Returns how many bytes were consumed.
    fn elem_run(&mut self, bytes: &[u8], out: &mut VecDeque<Vec<u8>>) -> Result<usize, SplitError> {
        let mut scan = self.scan.expect("an element is being read");
        let mut j = 0;
        let mut ended = false;
        while j < bytes.len() {
            if scan.in_string {
                if scan.escape {
                    scan.escape = false;
                    j += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &bytes[j..]) {
                    None => j = bytes.len(),
                    Some(k) => {
                        j += k;
                        if bytes[j] == b'\\' {
                            scan.escape = true;
                        } else {
                            scan.in_string = false;
                        }
                        j += 1;
                    }
                }
                continue;
            }
            let b = bytes[j];
            j += 1;
            match b {
                b'"' => scan.in_string = true,
                b'{' | b'[' => scan.depth += 1,
                b'}' | b']' => {
                    scan.depth -= 1;
                    if scan.depth == 0 {
                        ended = true;
                        break;
                    }
                }
                _ => {}
            }
        }
        if self.buf.len() + j > MAX_ELEMENT_BYTES {
            // Report where the byte-at-a-time walk would have stopped.
            self.offset += (MAX_ELEMENT_BYTES - self.buf.len()) as u64;
            return Err(self.error("one list element is larger than 16 MiB"));
        }
        self.buf.extend_from_slice(&bytes[..j]);
        self.offset += j as u64;
        self.scan = Some(scan);
        if ended {
            out.push_back(std::mem::take(&mut self.buf));
            self.phase = Phase::AfterElem;
        }
        Ok(j)
    }

    /// The end of the body: fails when it stopped early, else returns the
    /// envelope members kept, as `(name, raw JSON)`.
    pub fn finish(self) -> Result<Vec<(String, Vec<u8>)>, SplitError> {
        match self.phase {
            Phase::Done => Ok(self.envelope),
            Phase::Start => Err(self.error("the body is empty")),
            _ => Err(self.error("the body ends early (truncated)")),
        }
    }

    fn error(&self, reason: &'static str) -> SplitError {
        SplitError {
            offset: self.offset,
            reason,
        }
    }

    fn byte(&mut self, b: u8, out: &mut VecDeque<Vec<u8>>) -> Result<(), SplitError> {
        match self.phase {
            Phase::Start => match b {
                _ if is_ws(b) => {}
                // A UTF-8 byte-order mark.
                0xEF | 0xBB | 0xBF if self.offset < 3 => {}
                b'{' => self.phase = Phase::Key { first: true },
                b'[' => {
                    self.top_is_array = true;
                    self.list_is_object = false;
                    self.phase = Phase::Elem { first: true };
                }
                b'<' => return Err(self.error("an HTML page instead of JSON")),
                _ => return Err(self.error("the body is not JSON")),
            },
            Phase::Key { first } => match b {
                _ if is_ws(b) => {}
                b'"' => {
                    self.buf.clear();
                    self.buf.push(b);
                    self.key_scan = Scan::begin(b);
                    self.phase = Phase::InKey;
                }
                b'}' if first => self.phase = Phase::Done,
                _ => return Err(self.error("expected a key in the top-level object")),
            },
            Phase::InKey => {
                self.buf.push(b);
                if self.buf.len() > ENVELOPE_CAP {
                    return Err(self.error("a top-level key is too long"));
                }
                let scan = self.key_scan.as_mut().expect("a key is being read");
                if scan.step(b) == Step::EndIncluding {
                    let key: String = serde_json::from_slice(&self.buf).unwrap_or_else(|_| {
                        String::from_utf8_lossy(&self.buf[1..self.buf.len() - 1]).into_owned()
                    });
                    self.at_list = key == self.key;
                    self.capturing = ENVELOPE_KEYS.contains(&key.as_str()).then_some(key);
                    self.phase = Phase::Colon;
                }
            }
            Phase::Colon => match b {
                _ if is_ws(b) => {}
                b':' => self.phase = Phase::Value,
                _ => return Err(self.error("expected ':' after a key")),
            },
            Phase::Value => match b {
                _ if is_ws(b) => {}
                b'[' | b'{' if self.at_list => {
                    self.list_is_object = b == b'{';
                    self.phase = Phase::Elem { first: true };
                }
                _ => {
                    self.scan = Some(Scan::begin(b).ok_or_else(|| self.error("expected a value"))?);
                    self.buf.clear();
                    if self.capturing.is_some() {
                        self.buf.push(b);
                    }
                    self.phase = Phase::InValue;
                }
            },
            Phase::InValue => {
                let step = self.scan.as_mut().expect("a value is being read").step(b);
                if step != Step::EndExcluding && self.capturing.is_some() {
                    if self.buf.len() >= ENVELOPE_CAP {
                        // Too long to be a message: forget it.
                        self.capturing = None;
                        self.buf = Vec::new();
                    } else {
                        self.buf.push(b);
                    }
                }
                match step {
                    Step::More => {}
                    Step::EndIncluding => self.end_value(),
                    Step::EndExcluding => {
                        self.end_value();
                        return self.byte(b, out);
                    }
                }
            }
            Phase::AfterValue => match b {
                _ if is_ws(b) => {}
                b',' => self.phase = Phase::Key { first: false },
                b'}' => self.phase = Phase::Done,
                _ => return Err(self.error("expected ',' or '}' in the top-level object")),
            },
            Phase::Elem { first } => match b {
                _ if is_ws(b) => {}
                b']' if first && !self.list_is_object => self.end_list(),
                b'}' if first && self.list_is_object => self.end_list(),
                b'"' if self.list_is_object => {
                    self.key_scan = Scan::begin(b);
                    self.phase = Phase::ElemKey;
                }
                _ if self.list_is_object => {
                    return Err(self.error("expected a key in the list object"));
                }
                _ => self.begin_element(b)?,
            },
            Phase::ElemKey => {
                let scan = self.key_scan.as_mut().expect("a key is being read");
                if scan.step(b) == Step::EndIncluding {
                    self.phase = Phase::ElemColon;
                }
            }
            Phase::ElemColon => match b {
                _ if is_ws(b) => {}
                b':' => self.phase = Phase::ElemValue,
                _ => return Err(self.error("expected ':' in the list object")),
            },
            Phase::ElemValue => match b {
                _ if is_ws(b) => {}
                _ => self.begin_element(b)?,
            },
            Phase::InElem => {
                let step = self
                    .scan
                    .as_mut()
                    .expect("an element is being read")
                    .step(b);
                match step {
                    Step::More => self.push_element_byte(b)?,
                    Step::EndIncluding => {
                        self.push_element_byte(b)?;
                        out.push_back(std::mem::take(&mut self.buf));
                        self.phase = Phase::AfterElem;
                    }
                    Step::EndExcluding => {
                        out.push_back(std::mem::take(&mut self.buf));
                        self.phase = Phase::AfterElem;
                        return self.byte(b, out);
                    }
                }
            }
            Phase::AfterElem => match b {
                _ if is_ws(b) => {}
                b',' => self.phase = Phase::Elem { first: false },
                b']' if !self.list_is_object => self.end_list(),
                b'}' if self.list_is_object => self.end_list(),
                _ => return Err(self.error("expected ',' or the end of the list")),
            },
            Phase::Done => {
                if !is_ws(b) {
                    return Err(self.error("data after the end of the body"));
                }
            }
        }
        Ok(())
    }

    fn begin_element(&mut self, b: u8) -> Result<(), SplitError> {
        self.scan = Some(Scan::begin(b).ok_or_else(|| self.error("expected a list element"))?);
        self.buf = self.spare.pop().unwrap_or_else(|| Vec::with_capacity(4096));
        self.buf.push(b);
        self.phase = Phase::InElem;
        Ok(())
    }

    fn push_element_byte(&mut self, b: u8) -> Result<(), SplitError> {
        if self.buf.len() >= MAX_ELEMENT_BYTES {
            return Err(self.error("one list element is larger than 16 MiB"));
        }
        self.buf.push(b);
        Ok(())
    }

    fn end_value(&mut self) {
        if let Some(name) = self.capturing.take() {
            self.envelope.push((name, std::mem::take(&mut self.buf)));
        }
        self.phase = Phase::AfterValue;
    }

    fn end_list(&mut self) {
        self.phase = if self.top_is_array {
            Phase::Done
        } else {
            Phase::AfterValue
        };
    }
}

type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// The customers of a `cliente/all` answer, one at a time, each decoded
/// as a `T`; see [`Client::stream_all_customers`].
pub struct RecordStream<T> {
    route: &'static str,
    body: Option<ByteStream>,
    splitter: Option<ArraySplitter>,
    ready: VecDeque<Vec<u8>>,
    failed: Option<ApiError>,
    index: usize,
    bytes: u64,
    latin1: bool,
    idle_timeout: Duration,
    record: std::marker::PhantomData<fn() -> T>,
}

/// [`RecordStream`] of whole [`Customer`]s.
pub type CustomerStream = RecordStream<Customer>;

impl<T> std::fmt::Debug for RecordStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomerStream")
            .field("route", &self.route)
            .field("index", &self.index)
            .field("bytes", &self.bytes)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> RecordStream<T> {
    fn empty(route: &'static str) -> RecordStream<T> {
        RecordStream {
            route,
            body: None,
            splitter: None,
            ready: VecDeque::new(),
            failed: None,
            index: 0,
            bytes: 0,
            latin1: false,
            idle_timeout: Duration::ZERO,
            record: std::marker::PhantomData,
        }
    }

    /// Bytes of the body read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Customers handed out so far.
    pub fn count(&self) -> usize {
        self.index
    }

    /// The next customer; `None` at the end of a good body. An error ends
    /// the stream: a body cut short, a read that stalls longer than the
    /// request timeout ([`ApiError::Network`]), a broken body or element
    /// ([`ApiError::Decode`] naming `clientes[i]`), or an envelope with
    /// `status: "error"` ([`ApiError::Refused`]). Elements of the list that
    /// are not objects are skipped, as [`Client::all_customers`] does.
    pub async fn next_customer(&mut self) -> Option<Result<T, ApiError>> {
        loop {
            if let Some(raw) = self.ready.pop_front() {
                let decoded = (raw.first() == Some(&b'{')).then(|| {
                    let i = self.index;
                    self.index += 1;
                    self.decode(i, &raw)
                });
                if let Some(splitter) = self.splitter.as_mut() {
                    splitter.recycle(raw);
                }
                match decoded {
                    Some(d) => return Some(d),
                    None => continue,
                }
            }
            if let Some(e) = self.failed.take() {
                self.body = None;
                self.splitter = None;
                return Some(Err(e));
            }
            let body = self.body.as_mut()?;
            let route = self.route;
            let next = tokio::time::timeout(self.idle_timeout, body.next()).await;
            let splitter = self.splitter.as_mut().expect("a body has a splitter");
            match next {
                Err(_) => {
                    self.failed = Some(ApiError::Network {
                        route,
                        timeout: true,
                        sent: true,
                        detail: format!(
                            "no data for {} s in the middle of the body",
                            self.idle_timeout.as_secs()
                        ),
                    });
                }
                Ok(Some(Err(e))) => self.failed = Some(response::network_error(route, e)),
                Ok(Some(Ok(chunk))) => {
                    self.bytes += chunk.len() as u64;
                    if let Err(e) = splitter.feed(&chunk, &mut self.ready) {
                        self.failed = Some(split_error(route, &e));
                    }
                }
                Ok(None) => {
                    self.body = None;
                    let splitter = self.splitter.take().expect("a body has a splitter");
                    match splitter.finish() {
                        Err(e) => self.failed = Some(split_error(route, &e)),
                        Ok(envelope) => {
                            if let Some(e) = envelope_error(route, &envelope) {
                                self.failed = Some(e);
                            }
                        }
                    }
                }
            }
        }
    }

    fn decode(&mut self, i: usize, raw: &[u8]) -> Result<T, ApiError> {
        // Once one element is not UTF-8 the body is Latin-1 (Windows-1252),
        // and stays so: an accent-free element would read the same anyway.
        let utf8 = if self.latin1 {
            None
        } else {
            std::str::from_utf8(raw).ok()
        };
        let text = match utf8 {
            Some(text) => std::borrow::Cow::Borrowed(text),
            None => {
                self.latin1 = true;
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw).0
            }
        };
        response::decode_body::<T>(self.route, &text).map_err(|e| match e {
            ApiError::Decode {
                route,
                path,
                detail,
            } => ApiError::Decode {
                route,
                path: format!("clientes[{i}]{}", path.trim_start_matches('.')),
                detail,
            },
            other => other,
        })
    }
}

fn split_error(route: &'static str, e: &SplitError) -> ApiError {
    ApiError::Decode {
        route,
        path: ".".to_owned(),
        detail: format!("{} (at byte {})", e.reason, e.offset),
    }
}

/// A refusal in the kept envelope members, judged as [`Client::call`]
/// judges a whole body.
fn envelope_error(route: &'static str, envelope: &[(String, Vec<u8>)]) -> Option<ApiError> {
    if envelope.is_empty() {
        return None;
    }
    let mut text = Vec::from(&b"{"[..]);
    for (i, (name, raw)) in envelope.iter().enumerate() {
        if i > 0 {
            text.push(b',');
        }
        text.extend_from_slice(serde_json::to_string(name).unwrap_or_default().as_bytes());
        text.push(b':');
        text.extend_from_slice(raw);
    }
    text.push(b'}');
    match response::classify(route, 200, None, &response::decode_text(&text)) {
        Outcome::Failed(e) => Some(e),
        Outcome::Success | Outcome::Unauthorized(_) => None,
    }
}

impl Client {
    /// `GET /cliente/all` as a stream: the customers are decoded one by one
    /// while the body arrives, so memory stays flat whatever the size of
    /// the base (see the module documentation). The request is sent and
    /// its status checked before this returns; a 404 gives an empty stream.
    /// The body has no overall deadline (a whole base takes a while); each
    /// read of it must make progress within the request timeout.
    pub async fn stream_all_customers(
        &self,
        params: &AllCustomers,
    ) -> Result<CustomerStream, ApiError> {
        self.stream_all_customers_as(params).await
    }

    /// [`Client::stream_all_customers`], each customer decoded as a `T`:
    /// a type that reads only some of a customer's fields decodes the
    /// base much faster (the type-ahead index's
    /// [`crate::index::IndexCustomer`]).
    pub async fn stream_all_customers_as<T: DeserializeOwned>(
        &self,
        params: &AllCustomers,
    ) -> Result<RecordStream<T>, ApiError> {
        let call = params.to_call()?;
        let route = call.route;
        let response = match self.send_streaming(&call).await {
            Ok(r) => r,
            Err(ApiError::NotFound { .. }) => return Ok(RecordStream::empty(route)),
            Err(e) => return Err(e),
        };
        Ok(RecordStream {
            route,
            body: Some(Box::pin(response.bytes_stream())),
            splitter: Some(ArraySplitter::new("clientes")),
            ready: VecDeque::new(),
            failed: None,
            index: 0,
            bytes: 0,
            latin1: false,
            idle_timeout: self.request_timeout(),
            record: std::marker::PhantomData,
        })
    }
}

#[cfg(test)]
mod tests;
