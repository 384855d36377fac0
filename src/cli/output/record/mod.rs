//! A record's JSON text written straight from its `Serialize`
//! implementation, for `export customers`.
//!
//! [`super::record_json`] builds a [`serde_json::Value`] (a map per object,
//! a `String` per key and per text) and then prints it: fine for one
//! record, but it was most of the time of an export of 100,000 customers.
//! [`RecordWriter`] writes the very same text without the tree: the keys of
//! each object in the order a `Value` map keeps them (sorted), the parsed
//! kbit/s beside each speed sent as text ([`super::speed_kbps_entry`]), and
//! in privacy mode the same masks ([`super::masked_entry`]). Each object's
//! members are written into a pooled buffer and reordered when the object
//! ends; nothing is allocated per record once the pools are warm, except
//! what a mask or a date's formatting needs.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::{self, Display, Write as _};

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::{Masked, SPEED_KEYS, child_in_address, masked_entry, speed_kbps_entry};

mod serializer;
mod variants;

use serializer::*;
use variants::*;

/// Why a record could not be written (a map key that is not text, a
/// number `serde_json` would refuse): the record is printed as `null`, as
/// [`super::record_json`] does.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// One member of an object being written: its key and where its value's
/// text is in the object's buffer.
#[derive(Debug)]
struct Member {
    key: Cow<'static, str>,
    start: usize,
    end: usize,
}

/// The order in which the members of one struct type are written, kept
/// while the type keeps sending the same keys in the same order.
#[derive(Debug)]
struct Order {
    name: &'static str,
    keys: Vec<&'static str>,
    /// Indexes into the members, sorted by key, repeats dropped.
    order: Vec<u32>,
}

/// Buffers reused from one object (and one record) to the next.
#[derive(Debug, Default)]
struct Pools {
    bytes: Vec<Vec<u8>>,
    members: Vec<Vec<Member>>,
    orders: Vec<Vec<u32>>,
    known: Vec<Order>,
    text: String,
}

/// Writes records as one line of JSON each; see the module documentation.
/// Keep one for a whole export: it holds the reused buffers.
#[derive(Debug, Default)]
pub struct RecordWriter {
    privacy: bool,
    pools: RefCell<Pools>,
}

impl RecordWriter {
    /// A writer; `privacy` masks personal data as privacy mode does.
    pub fn new(privacy: bool) -> RecordWriter {
        RecordWriter {
            privacy,
            pools: RefCell::default(),
        }
    }

    /// Appends `record`'s JSON to `out`: the same text as
    /// `record_json(f, record).to_string()`. On an error `out` is left as
    /// it was.
    pub fn write<T: Serialize + ?Sized>(&self, out: &mut Vec<u8>, record: &T) -> Result<(), Error> {
        let len = out.len();
        let ser = Ser {
            out: &mut *out,
            w: self,
            in_address: false,
            member: None,
        };
        record.serialize(ser).inspect_err(|_| out.truncate(len))
    }

    fn take_bytes(&self) -> Vec<u8> {
        self.pools.borrow_mut().bytes.pop().unwrap_or_default()
    }

    fn take_members(&self) -> Vec<Member> {
        self.pools.borrow_mut().members.pop().unwrap_or_default()
    }

    fn take_order(&self) -> Vec<u32> {
        self.pools.borrow_mut().orders.pop().unwrap_or_default()
    }

    fn give_back(&self, mut bytes: Vec<u8>, mut members: Vec<Member>, mut order: Vec<u32>) {
        // A rare huge object is not kept.
        if bytes.capacity() <= 1 << 20 {
            bytes.clear();
            members.clear();
            order.clear();
            let mut pools = self.pools.borrow_mut();
            pools.bytes.push(bytes);
            pools.members.push(members);
            pools.orders.push(order);
        }
    }

    /// Fills `order` with the indexes of `members` in writing order: by
    /// key (the order of a `Value` map), of repeated keys the last only.
    /// Remembered per struct type, as long as its keys do not change.
    fn order(&self, name: Option<&'static str>, members: &[Member], order: &mut Vec<u32>) {
        let same_keys = |o: &Order| {
            o.keys.len() == members.len()
                && o.keys.iter().zip(members).all(|(k, m)| match &m.key {
                    Cow::Borrowed(b) => k.len() == b.len() && (k.as_ptr() == b.as_ptr() || k == b),
                    Cow::Owned(_) => false,
                })
        };
        let mut pools = self.pools.borrow_mut();
        if let Some(name) = name
            && let Some(known) = pools.known.iter().find(|o| o.name == name)
            && same_keys(known)
        {
            order.extend_from_slice(&known.order);
            return;
        }
        order.extend(0..members.len() as u32);
        let key = |i: u32| members[i as usize].key.as_bytes();
        // Stable: of repeated keys the last comes last, and is kept.
        order.sort_by(|&a, &b| key(a).cmp(key(b)));
        let mut kept = 0;
        for i in 0..order.len() {
            if order
                .get(i + 1)
                .is_some_and(|&next| key(next) == key(order[i]))
            {
                continue;
            }
            order[kept] = order[i];
            kept += 1;
        }
        order.truncate(kept);
        let Some(name) = name else { return };
        let keys: Option<Vec<&'static str>> = members
            .iter()
            .map(|m| match m.key {
                Cow::Borrowed(k) => Some(k),
                Cow::Owned(_) => None,
            })
            .collect();
        if let Some(keys) = keys {
            let learnt = Order {
                name,
                keys,
                order: order.clone(),
            };
            let known = &mut pools.known;
            match known.iter().position(|o| o.name == name) {
                Some(i) => known[i] = learnt,
                None if known.len() < 64 => known.push(learnt),
                None => {}
            }
        }
    }
}

/// Whether `s` holds a byte JSON escapes: a control character, `"` or
/// `\`. Eight bytes at a time.
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = s.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let quote = w ^ (ONES * u64::from(b'"'));
        let slash = w ^ (ONES * u64::from(b'\\'));
        // A byte below 0x20, or one equal to `"` or `\` (zero after the
        // xor): the classic exact "has a byte less than n" tests.
        let found = (w.wrapping_sub(ONES * 0x20) & !w)
            | (quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash);
        if found & HIGH != 0 {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// `s` as a JSON string, escaped as `serde_json` escapes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Writing a `str` into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

#[cfg(test)]
mod tests;
