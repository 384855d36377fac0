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

/// Serializes one value into `out`.
struct Ser<'a> {
    out: &'a mut Vec<u8>,
    w: &'a RecordWriter,
    /// The redaction context of the objects this value opens (see
    /// [`super::redact`]): it is inside an address.
    in_address: bool,
    /// When this value is an object's member: its key, and whether that
    /// object is an address (a text is masked by both).
    member: Option<(&'a str, bool)>,
}

impl<'a> Ser<'a> {
    fn text(self, s: &str) -> Result<(), Error> {
        if self.w.privacy
            && let Some((key, in_address)) = self.member
        {
            match masked_entry(key, in_address, s) {
                Some(Masked::Text(t)) => write_str(self.out, &t),
                Some(Masked::Null) => self.out.extend_from_slice(b"null"),
                None => write_str(self.out, s),
            }
        } else {
            write_str(self.out, s);
        }
        Ok(())
    }

    fn number<N: Serialize>(self, n: N) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &n).map_err(|e| Error(e.to_string()))
    }

    fn object(self, name: Option<&'static str>) -> Obj<'a> {
        Obj {
            name,
            bytes: self.w.take_bytes(),
            members: self.w.take_members(),
            out: self.out,
            w: self.w,
            in_address: self.in_address,
            key: None,
        }
    }
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = ValueVariant<'a>;
    type SerializeMap = Obj<'a>;
    type SerializeStruct = Obj<'a>;
    type SerializeStructVariant = ValueVariant<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        // A `Value` holds 64-bit integers only.
        match (u64::try_from(v), i64::try_from(v)) {
            (Ok(u), _) => self.number(u),
            (_, Ok(i)) => self.number(i),
            _ => Err(Error("number out of range".to_owned())),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.number(u),
            Err(_) => Err(Error("number out of range".to_owned())),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // A `Value` keeps an `f32` as the `f64` it converts to.
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            self.number(v)
        } else {
            self.out.extend_from_slice(b"null");
            Ok(())
        }
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(v)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        let mut text = std::mem::take(&mut self.w.pools.borrow_mut().text);
        text.clear();
        let _ = write!(text, "{value}");
        let w = self.w;
        let done = self.text(&text);
        w.pools.borrow_mut().text = text;
        done
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        use ser::SerializeStruct;
        let mut obj = self.object(None);
        obj.serialize_field(variant, value)?;
        obj.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.push(b'[');
        Ok(Seq {
            out: self.out,
            w: self.w,
            in_address: self.in_address,
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<ValueVariant<'a>, Error> {
        Ok(ValueVariant {
            ser: self,
            variant,
            value: ValueBody::Items(Vec::new()),
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Obj<'a>, Error> {
        Ok(self.object(None))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Obj<'a>, Error> {
        Ok(self.object(Some(name)))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<ValueVariant<'a>, Error> {
        Ok(ValueVariant {
            ser: self,
            variant,
            value: ValueBody::Fields(serde_json::Map::new()),
        })
    }
}

/// A list: items written in place.
struct Seq<'a> {
    out: &'a mut Vec<u8>,
    w: &'a RecordWriter,
    in_address: bool,
    first: bool,
}

impl Seq<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        value.serialize(Ser {
            out: self.out,
            w: self.w,
            in_address: self.in_address,
            member: None,
        })
    }

    fn close(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// An object: members written into `bytes`, then copied to `out` sorted
/// by key when it ends.
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    w: &'a RecordWriter,
    in_address: bool,
    bytes: Vec<u8>,
    members: Vec<Member>,
    /// A map's key, between `serialize_key` and `serialize_value`.
    key: Option<String>,
    /// The struct's type, whose writing order is remembered (not a map's).
    name: Option<&'static str>,
}

impl Obj<'_> {
    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), Error> {
        let start = self.bytes.len();
        value.serialize(Ser {
            out: &mut self.bytes,
            w: self.w,
            in_address: child_in_address(&key),
            member: Some((&key, self.in_address)),
        })?;
        self.members.push(Member {
            key,
            start,
            end: self.bytes.len(),
        });
        Ok(())
    }

    fn close(mut self) -> Result<(), Error> {
        // The kbit/s beside each speed, from the value last given under
        // its key (a `Value` map keeps the last of repeated keys).
        for (key, kbps_key) in SPEED_KEYS {
            let Some(m) = self.members.iter().rev().find(|m| m.key == key) else {
                continue;
            };
            let text = &self.bytes[m.start..m.end];
            let value = match text.first() {
                Some(b'"') => Some(speed_kbps_entry(
                    serde_json::from_slice::<String>(text).ok().as_deref(),
                )),
                Some(b'-' | b'0'..=b'9') => Some(text.to_vec()),
                _ => None,
            };
            if let Some(value) = value {
                let start = self.bytes.len();
                self.bytes.extend_from_slice(&value);
                self.members.push(Member {
                    key: Cow::Borrowed(kbps_key),
                    start,
                    end: self.bytes.len(),
                });
            }
        }
        let mut order = self.w.take_order();
        self.w.order(self.name, &self.members, &mut order);
        self.out.push(b'{');
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                self.out.push(b',');
            }
            let m = &self.members[i as usize];
            write_str(self.out, &m.key);
            self.out.push(b':');
            self.out.extend_from_slice(&self.bytes[m.start..m.end]);
        }
        self.out.push(b'}');
        self.w.give_back(self.bytes, self.members, order);
        Ok(())
    }
}

impl ser::SerializeStruct for Obj<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(KeySer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".to_owned()))?;
        self.member(Cow::Owned(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// Tuple and struct variants, which no record has: built as a `Value`
/// (`{"Variant": ...}`) and written from it, so they come out as
/// `record_json` shows them too.
struct ValueVariant<'a> {
    ser: Ser<'a>,
    variant: &'static str,
    value: ValueBody,
}

enum ValueBody {
    Items(Vec<serde_json::Value>),
    Fields(serde_json::Map<String, serde_json::Value>),
}

impl ValueVariant<'_> {
    fn close(self) -> Result<(), Error> {
        let inner = match self.value {
            ValueBody::Items(items) => serde_json::Value::Array(items),
            ValueBody::Fields(fields) => serde_json::Value::Object(fields),
        };
        let mut outer = serde_json::Map::new();
        outer.insert(self.variant.to_owned(), inner);
        serde_json::Value::Object(outer).serialize(self.ser)
    }
}

fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|e| Error(e.to_string()))
}

impl ser::SerializeTupleVariant for ValueVariant<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if let ValueBody::Items(items) = &mut self.value {
            items.push(to_value(value)?);
        }
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for ValueVariant<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if let ValueBody::Fields(fields) = &mut self.value {
            fields.insert(key.to_owned(), to_value(value)?);
        }
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key as text, as `serde_json::to_value` accepts them.
struct KeySer;

fn key_must_be_text() -> Error {
    Error("key must be a string".to_owned())
}

impl ser::Serializer for KeySer {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_f64(self, _v: f64) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, Error> {
        Err(key_must_be_text())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_text())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_text())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_text())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_text())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_text())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_text())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_text())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rand::{Rng, SeedableRng};
    use serde_json::{Value, json};

    use super::*;
    use crate::api::{Customer, CustomersResponse};
    use crate::cli::output::{Fmt, record_json};
    use crate::i18n::Lang;

    fn fmt(privacy: bool) -> Fmt {
        Fmt {
            lang: Lang::En,
            privacy,
        }
    }

    /// Asserts that the writer prints `record` as `record_json` does, with
    /// privacy mode off and on, through one writer each (pools warm).
    fn same<T: Serialize>(writers: &[RecordWriter; 2], record: &T, what: &str) {
        for (w, privacy) in writers.iter().zip([false, true]) {
            let expected = record_json(&fmt(privacy), record).to_string();
            let mut out = b"prefix ".to_vec();
            w.write(&mut out, record).expect("writes");
            let got = String::from_utf8(out).expect("UTF-8");
            assert_eq!(
                got.strip_prefix("prefix "),
                Some(expected.as_str()),
                "{what}, privacy {privacy}"
            );
        }
    }

    fn writers() -> [RecordWriter; 2] {
        [RecordWriter::new(false), RecordWriter::new(true)]
    }

    #[test]
    fn hubsoft_example_customers_come_out_as_record_json_prints_them() {
        let w = writers();
        let mut n = 0;
        for body in [
            include_str!("../../../tests/fixtures/hubsoft-examples/cliente_all.response.json"),
            include_str!("../../../tests/fixtures/hubsoft-examples/cliente.response.json"),
            include_str!("../../../tests/fixtures/hubsoft-collection/cliente.success.json"),
        ] {
            let resp: CustomersResponse = serde_json::from_str(body).expect("fixture decodes");
            for c in &resp.clientes {
                same(&w, c, &format!("customer {:?}", c.codigo_cliente));
                n += 1;
            }
        }
        assert!(n >= 3, "{n} customers in the fixtures");
    }

    #[test]
    fn simulator_customers_come_out_as_record_json_prints_them() {
        let sim = crate::sim::start(crate::sim::SimConfig {
            customers: 400,
            ..crate::sim::SimConfig::default()
        })
        .expect("simulator starts");
        let creds = crate::sim::DEMO_CREDENTIALS;
        let client = crate::api::Client::new(crate::api::ClientConfig::new(
            sim.base_url(),
            crate::api::Credentials {
                client_id: creds.client_id.to_owned(),
                client_secret: crate::api::Secret::new(creds.client_secret),
                username: creds.username.to_owned(),
                password: crate::api::Secret::new(creds.password),
            },
        ))
        .expect("client");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let customers: Vec<Customer> = rt.block_on(async {
            let mut stream = client
                .stream_all_customers(&crate::api::AllCustomers::default())
                .await
                .expect("stream");
            let mut all = Vec::new();
            while let Some(c) = stream.next_customer().await {
                all.push(c.expect("customer"));
            }
            all
        });
        assert_eq!(customers.len(), 400);
        let w = writers();
        for c in &customers {
            same(&w, c, &format!("customer {:?}", c.codigo_cliente));
        }
        // The masks did their work (the comparison above would also pass
        // if neither path masked anything).
        let mut out = Vec::new();
        w[1].write(&mut out, &customers[0]).unwrap();
        let doc = customers[0].cpf_cnpj.as_deref().expect("a document");
        assert!(!String::from_utf8(out).unwrap().contains(doc));
        sim.shutdown();
    }

    #[derive(Serialize)]
    enum Kind {
        Unit,
        New(u8),
        Tuple(i32, String),
        Struct { email: String, b: f64 },
    }

    #[derive(Serialize)]
    struct Odd {
        zeta: Option<String>,
        velocidade_download: Value,
        velocidade_upload: Value,
        velocidade_upload_kbps: u32,
        alpha: &'static str,
        #[serde(rename = "ça \"q\"\n")]
        quoted: char,
        email_principal: Kind,
        telefones: Vec<&'static str>,
        telefone_primario: Option<&'static str>,
        endereco_cadastral: BTreeMap<String, Value>,
        enderecos: Vec<BTreeMap<&'static str, Value>>,
        numero: &'static str,
        kinds: Vec<Kind>,
        ints: BTreeMap<i32, f64>,
        bytes: serde_bytes_like::Bytes,
        big: i128,
        small: f32,
        nan: f64,
        unit: (),
        tuple: (u8, &'static str),
        newtype: Newtype,
        nested: Option<Box<Odd>>,
    }

    #[derive(Serialize)]
    struct Newtype(Option<&'static str>);

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    fn odd(nested: Option<Box<Odd>>) -> Odd {
        let address = |numero: &str| {
            [
                ("numero", json!(numero)),
                ("complemento", json!("casa 2")),
                ("cpf_cnpj", json!("12345678909")),
                ("bairro", json!("Centro")),
                ("obs", json!({"numero": "77", "complemento": "x"})),
            ]
        };
        Odd {
            zeta: None,
            velocidade_download: json!("300 Mbps"),
            velocidade_upload: json!(51200),
            velocidade_upload_kbps: 7,
            alpha: "tab\there \u{1} \\ \u{7f} é",
            quoted: 'ç',
            email_principal: Kind::New(3),
            telefones: vec!["37999112233"],
            telefone_primario: Some("37999112233"),
            endereco_cadastral: address("120")
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            enderecos: vec![address("9").into_iter().collect(), BTreeMap::new()],
            numero: "55",
            kinds: vec![
                Kind::Unit,
                Kind::Tuple(-4, "celular".into()),
                Kind::Struct {
                    email: "a@b.c".into(),
                    b: 0.1,
                },
            ],
            ints: [(-1, 1.5), (10, 2.0), (2, 1e300)].into_iter().collect(),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            big: -(1 << 40),
            small: 0.1,
            nan: f64::NAN,
            unit: (),
            tuple: (1, "celular"),
            newtype: Newtype(Some("x")),
            nested,
        }
    }

    #[test]
    fn odd_shapes_come_out_as_record_json_prints_them() {
        let w = writers();
        same(&w, &odd(Some(Box::new(odd(None)))), "odd");
        let speeds = json!({"servicos": [
            {"velocidade_download": "1 Gbps", "velocidade_upload": "não sei"},
            {"velocidade_download": null, "velocidade_upload": 1.5},
            {"velocidade_download": -3, "velocidade_upload": ["x"]},
            {"velocidade_download_kbps": 1, "velocidade_download": "10M"},
        ]});
        same(&w, &speeds, "speeds");
        same(&w, &json!([1, "a", null]), "a list");
        same(&w, &json!("cpf"), "a text");
        same(&w, &Kind::Unit, "a variant");
    }

    #[test]
    fn needs_escape_finds_every_byte_json_escapes() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let naive = |s: &[u8]| s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for len in 0..40 {
            for _ in 0..300 {
                // Mostly harmless bytes (ASCII letters, UTF-8 lead and
                // continuation bytes), sometimes one that needs escaping.
                let s: Vec<u8> = (0..len)
                    .map(|_| match rng.random_range(0..40) {
                        0 => rng.random_range(0..0x20),
                        1 => b'"',
                        2 => b'\\',
                        3..=10 => rng.random_range(0x80..=0xFF),
                        11 => rng.random_range(0x20..0x80),
                        _ => rng.random_range(b'a'..=b'z'),
                    })
                    .collect();
                assert_eq!(needs_escape(&s), naive(&s), "{s:?}");
            }
        }
        for b in 0..=255u8 {
            for at in 0..17 {
                let mut s = vec![b'x'; 17];
                s[at] = b;
                assert_eq!(needs_escape(&s), naive(&s), "byte {b} at {at}");
            }
        }
    }

    #[test]
    fn a_struct_whose_keys_change_is_sorted_again() {
        #[derive(Serialize)]
        struct Varies {
            b: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u8>,
            c: u8,
        }
        let w = writers();
        for a in [None, Some(1), None, Some(2), Some(3), None] {
            same(&w, &Varies { b: 2, a, c: 3 }, &format!("a = {a:?}"));
        }
    }

    #[test]
    fn a_record_that_cannot_be_written_leaves_the_output_alone() {
        let mut bad = BTreeMap::new();
        bad.insert(vec![1u8], 1);
        let w = RecordWriter::new(false);
        let mut out = b"kept".to_vec();
        assert!(w.write(&mut out, &[bad]).is_err());
        assert_eq!(out, b"kept");
        assert_eq!(record_json(&fmt(false), &[json!(1)]), json!([1]));
        let mut out = Vec::new();
        assert!(w.write(&mut out, &u128::MAX).is_err());
        assert!(serde_json::to_value(u128::MAX).is_err());
    }

    /// Random JSON trees over the keys the rules look at.
    fn random_value(rng: &mut rand_chacha::ChaCha8Rng, depth: u32) -> Value {
        const KEYS: [&str; 16] = [
            "cpf_cnpj",
            "telefone",
            "telefone_primario",
            "celular",
            "email",
            "email_principal",
            "numero",
            "complemento",
            "endereco",
            "endereco_instalacao",
            "velocidade_download",
            "velocidade_upload",
            "velocidade_upload_kbps",
            "nome",
            "",
            "\"é\\",
        ];
        const TEXTS: [&str; 8] = [
            "",
            "37999112233",
            "123.456.789-09",
            "a@b.com.br",
            "300 Mbps",
            "512k",
            "casa \"2\"\n",
            "12",
        ];
        let pick = if depth >= 4 {
            rng.random_range(0..5)
        } else {
            rng.random_range(0..7)
        };
        match pick {
            0 => Value::Null,
            1 => Value::Bool(rng.random()),
            2 => json!(rng.random_range(-1000i64..100_000)),
            3 => json!(rng.random_range(-1e6..1e6)),
            4 => json!(TEXTS[rng.random_range(0..TEXTS.len())]),
            5 => Value::Array(
                (0..rng.random_range(0..4))
                    .map(|_| random_value(rng, depth + 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..rng.random_range(0..7))
                    .map(|_| {
                        (
                            KEYS[rng.random_range(0..KEYS.len())].to_owned(),
                            random_value(rng, depth + 1),
                        )
                    })
                    .collect(),
            ),
        }
    }

    #[test]
    fn random_trees_come_out_as_record_json_prints_them() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
        let w = writers();
        for i in 0..3_000 {
            let v = random_value(&mut rng, 0);
            same(&w, &v, &format!("tree {i}: {v}"));
        }
    }
}
