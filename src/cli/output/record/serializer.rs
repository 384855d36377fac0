//! The serde `Serializer` that writes a record's members straight into
//! the output buffer, with its sequence and object states.

use super::*;

/// Serializes one value into `out`.
pub(super) struct Ser<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) w: &'a RecordWriter,
    /// The redaction context of the objects this value opens (see
    /// `redact` in `cli::output`): it is inside an address.
    pub(super) in_address: bool,
    /// When this value is an object's member: its key, and whether that
    /// object is an address (a text is masked by both).
    pub(super) member: Option<(&'a str, bool)>,
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
pub(super) struct Seq<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) w: &'a RecordWriter,
    pub(super) in_address: bool,
    pub(super) first: bool,
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
pub(super) struct Obj<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) w: &'a RecordWriter,
    pub(super) in_address: bool,
    pub(super) bytes: Vec<u8>,
    pub(super) members: Vec<Member>,
    /// A map's key, between `serialize_key` and `serialize_value`.
    pub(super) key: Option<String>,
    /// The struct's type, whose writing order is remembered (not a map's).
    pub(super) name: Option<&'static str>,
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
