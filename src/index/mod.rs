//! The local customer index behind instant type-ahead (opt-in).
//!
//! Built in memory from `cliente/all` and never written anywhere (LGPD):
//! it lives as long as the console. Each customer keeps only what matching
//! and one result row need, packed into one byte arena and a 16-byte entry:
//!
//! - three ASCII haystacks, folded once at build time (lower case, Portuguese
//!   accents removed) so a keystroke never normalises text:
//!   *words* (name, fantasy name, RADIUS logins), *digits* (CPF/CNPJ, code,
//!   phones, digits only; two to a byte, see [`digits`]) and *net* (IPv4
//!   addresses, MACs as bare hex);
//! - the name as shown, as a patch over its folded copy in the words
//!   ([`name`]: case and accents);
//! - the code (read back from the digits), and the city as an index into a
//!   table of distinct cities.
//!
//! E-mails, addresses, passwords, services and invoices are never copied in.
//! Matching lives in [`search`].

mod digits;
mod fast;
mod name;
mod record;
pub mod search;

use std::borrow::Cow;

use crate::api::Customer;

pub use record::IndexCustomer;
pub use search::{Hit, Matches, Searcher};

/// A piece of the arena.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Piece {
    start: u32,
    len: u32,
}

/// One customer in the index: 16 bytes. Its four pieces follow each other
/// in the arena (name, words, digits, net), so one offset and four lengths
/// place them; the code is read back from the digits.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Which characters the *words* haystack holds ([`char_bit`]): a query
    /// needing one it lacks cannot match, without running the matcher.
    chars: u32,
    start: u32,
    /// The lengths of the name (encoded) and words in bytes, of the digits
    /// in characters (the document's `doc_len` digits, a space, the code,
    /// phones; packed two to a byte) and of the net in bytes; all [`LONG`]
    /// when one of them is 255 or more: the customer's lengths are then in
    /// [`CustomerIndex::long`] (a customer with a dozen services).
    lens: [u8; 4],
    /// Index into `cities`; `u16::MAX` when unknown.
    city: u16,
    doc_len: u8,
}

/// [`Entry::lens`] of a customer whose lengths are kept aside.
const LONG: u8 = u8::MAX;

/// Where one customer's pieces are in the arena.
#[derive(Debug, Clone, Copy)]
struct Layout {
    pieces: [Piece; 4],
    /// How many characters the (packed) digits hold.
    digit_count: usize,
}

impl Layout {
    fn of(start: u32, lens: [u16; 4]) -> Layout {
        let mut at = start;
        let pieces = [0, 1, 2, 3].map(|n| {
            let len = u32::from(lens[n]);
            let len = if n == 2 { len.div_ceil(2) } else { len };
            let p = Piece { start: at, len };
            at += len;
            p
        });
        Layout {
            pieces,
            digit_count: usize::from(lens[2]),
        }
    }
    fn name(&self) -> Piece {
        self.pieces[0]
    }
    fn words(&self) -> Piece {
        self.pieces[1]
    }
    /// The packed digits ([`CustomerIndex::digits`] unpacks them).
    fn digits(&self) -> Piece {
        self.pieces[2]
    }
    fn net(&self) -> Piece {
        self.pieces[3]
    }
}

const NO_CITY: u16 = u16::MAX;

/// What one result row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// `codigo_cliente`.
    pub code: u64,
    /// The fantasy name, else the name, as the server sent it (not yet
    /// sanitized: the UI cleans it like any server text).
    pub name: Cow<'a, str>,
    /// CPF/CNPJ digits ("" when unknown).
    pub document: String,
    /// The city of the first service, if any.
    pub city: Option<&'a str>,
}

/// The index: every customer's haystacks and row, in `cliente/all` order.
#[derive(Default)]
pub struct CustomerIndex {
    arena: Vec<u8>,
    entries: Vec<Entry>,
    /// The lengths of the customers whose [`Entry::lens`] are [`LONG`], by
    /// id, ascending.
    long: Vec<(u32, [u16; 4])>,
    cities: Vec<Box<str>>,
}

impl std::fmt::Debug for CustomerIndex {
    // Never prints customer data (it could reach a log).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomerIndex")
            .field("customers", &self.entries.len())
            .field("heap_bytes", &self.heap_bytes())
            .finish()
    }
}

impl CustomerIndex {
    /// Indexes `customers`.
    pub fn build<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> CustomerIndex {
        let mut b = IndexBuilder::default();
        for c in customers {
            b.push(c);
        }
        b.finish()
    }

    /// How many customers it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The row of customer number `id` (as in [`Hit::id`]).
    pub fn row(&self, id: u32) -> Option<Row<'_>> {
        let (e, l) = self.layout(id)?;
        let mut buf = Vec::new();
        let digits = self.digits(&l, &mut buf);
        let doc_len = usize::from(e.doc_len).min(digits.len());
        // The code follows the document and a space.
        let code = digits
            .get(doc_len + 1..)
            .and_then(|rest| rest.split(|b| *b == b' ').next())
            .and_then(|code| std::str::from_utf8(code).ok()?.parse().ok())?;
        Some(Row {
            code,
            name: name::decode(self.bytes(l.name()), self.bytes(l.words())),
            document: String::from_utf8_lossy(&digits[..doc_len]).into_owned(),
            city: (e.city != NO_CITY).then(|| &*self.cities[usize::from(e.city)]),
        })
    }

    /// Customer `id`'s entry and where its pieces are.
    #[inline]
    fn layout(&self, id: u32) -> Option<(&Entry, Layout)> {
        let e = self.entries.get(id as usize)?;
        let lens = if e.lens == [LONG; 4] {
            let at = self.long.binary_search_by_key(&id, |(i, _)| *i).ok()?;
            self.long[at].1
        } else {
            e.lens.map(u16::from)
        };
        Some((e, Layout::of(e.start, lens)))
    }

    /// Bytes the index holds on the heap (arena, entries, city table),
    /// counted from capacities: what the benchmark reports as its memory.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.long.capacity() * std::mem::size_of::<(u32, [u16; 4])>()
            + self.cities.capacity() * std::mem::size_of::<Box<str>>()
            + self.cities.iter().map(|c| c.len()).sum::<usize>()
    }

    /// Where the heap bytes go, for the benchmark: the names (encoded),
    /// words, digits (packed), net, the entries and the city table.
    pub fn heap_parts(&self) -> [(&'static str, usize); 6] {
        let mut sums = [0usize; 4];
        for id in 0..self.len() as u32 {
            if let Some((_, l)) = self.layout(id) {
                for (sum, p) in sums.iter_mut().zip(l.pieces) {
                    *sum += p.len as usize;
                }
            }
        }
        [
            ("names", sums[0]),
            ("words", sums[1]),
            ("digits", sums[2]),
            ("net", sums[3]),
            (
                "entries",
                self.entries.capacity() * std::mem::size_of::<Entry>()
                    + self.long.capacity() * std::mem::size_of::<(u32, [u16; 4])>(),
            ),
            (
                "cities",
                self.cities.capacity() * std::mem::size_of::<Box<str>>()
                    + self.cities.iter().map(|c| c.len()).sum::<usize>(),
            ),
        ]
    }

    fn bytes(&self, p: Piece) -> &[u8] {
        &self.arena[p.start as usize..(p.start + p.len) as usize]
    }

    /// Piece `p` and up to `ahead` bytes after it, as far as the arena goes
    /// (read ahead by a search, never matched).
    #[inline]
    fn bytes_ahead(&self, p: Piece, ahead: usize) -> &[u8] {
        let end = (p.start as usize + p.len as usize + ahead).min(self.arena.len());
        &self.arena[p.start as usize..end]
    }

    /// The digits haystack of a customer, unpacked into `buf`.
    #[inline]
    fn digits<'a>(&self, l: &Layout, buf: &'a mut Vec<u8>) -> &'a [u8] {
        digits::unpack(self.bytes(l.digits()), l.digit_count, buf)
    }
}

/// Builds a [`CustomerIndex`] one customer at a time.
#[derive(Default)]
pub struct IndexBuilder {
    index: CustomerIndex,
    city_ids: std::collections::HashMap<Box<str>, u16>,
}

impl IndexBuilder {
    /// Adds one customer (one without a code cannot be opened: skipped).
    pub fn push(&mut self, c: &Customer) {
        let Some(code) = c.codigo_cliente else {
            return;
        };
        let mut words = String::new();
        for part in [c.nome_razaosocial.as_deref(), c.nome_fantasia.as_deref()]
            .into_iter()
            .flatten()
            .chain(c.servicos.iter().filter_map(|s| s.login.as_deref()))
        {
            if !part.trim().is_empty() {
                fold_into(part, &mut words);
                words.push(' ');
            }
        }
        trim_end(&mut words, 0);
        let doc: String = c
            .cpf_cnpj
            .as_deref()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .take(usize::from(u8::MAX))
            .collect();
        let mut digits = doc.clone();
        digits.push(' ');
        digits.push_str(&code.to_string());
        for phone in c.phones() {
            digits.push(' ');
            digits.extend(phone.chars().filter(char::is_ascii_digit));
        }
        let mut net = String::new();
        for svc in &c.servicos {
            if let Some(ip) = svc.ipv4.as_deref().map(str::trim).filter(|v| is_ipv4ish(v)) {
                net.push_str(ip);
                net.push(' ');
            }
            if let Some(mac) = svc.mac_addr.as_deref() {
                let hex = mac_hex(mac);
                if !hex.is_empty() {
                    net.push_str(&hex);
                    net.push(' ');
                }
            }
        }
        trim_end(&mut net, 0);
        // A name, or the logins, phones or addresses of one customer, 64 KiB
        // long are not real data: each piece is cut there (the haystacks are
        // ASCII; the name at a character boundary).
        let max = usize::from(u16::MAX);
        let words = cut(&words, max);
        let digits = cut(&digits, max);
        let net = cut(&net, max);
        let shown = cut(c.display_name().unwrap_or("").trim(), max - 1);
        let mut name = Vec::new();
        name::encode(shown, words.as_bytes(), &mut name);

        let arena = &mut self.index.arena;
        // An arena past 4 GiB would need ~20 million customers: the
        // customers past it are not indexed rather than misplaced.
        let Ok(start) = u32::try_from(arena.len()) else {
            return;
        };
        arena.extend_from_slice(&name);
        arena.extend_from_slice(words.as_bytes());
        digits::pack(digits.as_bytes(), arena);
        arena.extend_from_slice(net.as_bytes());
        let city = city_of(c).map_or(NO_CITY, |name| {
            let name = name.trim();
            match self.city_ids.get(name) {
                Some(id) => *id,
                None if self.index.cities.len() < usize::from(NO_CITY) => {
                    let id = self.index.cities.len() as u16;
                    self.index.cities.push(name.into());
                    self.city_ids.insert(name.into(), id);
                    id
                }
                None => NO_CITY,
            }
        });
        let lens = [name.len(), words.len(), digits.len(), net.len()].map(|l| l as u16);
        let short = lens.map(|l| u8::try_from(l).ok().filter(|l| *l != LONG));
        let lens = if let [Some(a), Some(b), Some(c), Some(d)] = short {
            [a, b, c, d]
        } else {
            let id = self.index.entries.len() as u32;
            self.index.long.push((id, lens));
            [LONG; 4]
        };
        self.index.entries.push(Entry {
            chars: chars_of(words.as_bytes()),
            start,
            lens,
            city,
            doc_len: doc.len() as u8,
        });
    }

    /// How many customers were added so far.
    pub fn len(&self) -> usize {
        self.index.entries.len()
    }

    /// Whether none was added.
    pub fn is_empty(&self) -> bool {
        self.index.entries.is_empty()
    }

    /// The index, with its spare capacity released.
    pub fn finish(mut self) -> CustomerIndex {
        self.index.arena.shrink_to_fit();
        self.index.entries.shrink_to_fit();
        self.index.long.shrink_to_fit();
        self.index.cities.shrink_to_fit();
        self.index
    }
}

/// The bit of one (folded, ASCII) character in [`Entry::chars`]: one per
/// letter, digits and other characters sharing three bits each (a filter
/// may let through what cannot match, never the reverse); spaces have none.
pub(crate) fn char_bit(b: u8) -> u32 {
    match b {
        b' ' => 0,
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + (b - b'0') % 3),
        other => 1 << (29 + other % 3),
    }
}

/// Every character of `bytes`, as bits.
pub(crate) fn chars_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |acc, b| acc | char_bit(*b))
}

/// `s` cut to at most `max` bytes, at a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Drops the trailing spaces of what was appended since `from`.
fn trim_end(s: &mut String, from: usize) {
    while s.len() > from && s.ends_with(' ') {
        s.pop();
    }
}

/// The city of a customer: the first service's installation address, else
/// its registration address (as the server's result list shows it).
fn city_of(c: &Customer) -> Option<&str> {
    c.servicos
        .iter()
        .find_map(|s| {
            s.endereco_instalacao
                .as_ref()
                .and_then(|a| a.cidade.as_deref())
                .or_else(|| {
                    s.endereco_cadastral
                        .as_ref()
                        .and_then(|a| a.cidade.as_deref())
                })
        })
        .filter(|c| !c.trim().is_empty())
}

fn is_ipv4ish(s: &str) -> bool {
    !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// A MAC as 12 lower-case hex digits, whatever the separators; "" when it
/// is not one.
pub(crate) fn mac_hex(mac: &str) -> String {
    let hex: String = mac
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if hex.len() == 12 { hex } else { String::new() }
}

/// Appends `s` folded for matching: lower case, Portuguese (and common
/// Latin) accents removed, anything else that is not ASCII as a space, so
/// every haystack stays one byte per character.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(if c.is_ascii_control() {
                ' '
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        // Anything not a Latin letter becomes a space: one byte per char.
        let base = crate::text::unaccent(c).unwrap_or(' ');
        out.push(base);
    }
}

/// `s` folded (see [`fold_into`]).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Address, CustomerService};

    pub(crate) fn customer(code: u64, name: &str, doc: &str) -> Customer {
        Customer {
            codigo_cliente: Some(code),
            nome_razaosocial: Some(name.to_owned()),
            cpf_cnpj: Some(doc.to_owned()),
            ..Customer::default()
        }
    }

    #[test]
    fn folding_removes_accents_and_case_and_keeps_one_byte_per_char() {
        assert_eq!(fold("JOÃO Conceição Ñandú"), "joao conceicao nandu");
        assert_eq!(fold("a\u{1b}[2Jb"), "a [2jb");
        assert_eq!(fold("日本"), "  ");
        assert!(fold("Ação é ótima").is_ascii());
    }

    #[test]
    fn mac_is_normalised_to_bare_hex() {
        assert_eq!(mac_hex("AA:BB:CC:DD:EE:0F"), "aabbccddee0f");
        assert_eq!(mac_hex("aa-bb-cc-dd-ee-0f"), "aabbccddee0f");
        assert_eq!(mac_hex("aabb.ccdd.ee0f"), "aabbccddee0f");
        assert_eq!(mac_hex("not a mac"), "");
    }

    #[test]
    fn rows_show_name_document_code_and_city() {
        let mut c = customer(1234, "José da Silva", "123.456.789-09");
        c.nome_fantasia = Some("Zé Internet".into());
        c.servicos = vec![CustomerService {
            endereco_instalacao: Some(Address {
                cidade: Some("Divinópolis".into()),
                ..Address::default()
            }),
            ..CustomerService::default()
        }];
        let plain = customer(77, "Ana", "");
        let idx = CustomerIndex::build([&c, &plain]);
        assert_eq!(idx.len(), 2);
        assert_eq!(
            idx.row(0),
            Some(Row {
                code: 1234,
                name: "Zé Internet".into(),
                document: "12345678909".into(),
                city: Some("Divinópolis"),
            })
        );
        assert_eq!(idx.row(1).unwrap().document, "");
        assert_eq!(idx.row(1).unwrap().city, None);
        assert_eq!(idx.row(2), None);
    }

    #[test]
    fn a_piece_longer_than_64_kib_is_cut_and_the_next_customer_is_intact() {
        let mut huge = customer(7, "Muitos Logins", "123");
        huge.servicos = (0..9_000)
            .map(|i| CustomerService {
                login: Some(format!("login.numero.{i}").into()),
                ..CustomerService::default()
            })
            .collect();
        let next = customer(8, "Ana Depois", "98765432100");
        let idx = CustomerIndex::build([&huge, &next]);
        let words = idx.layout(0).unwrap().1.words();
        assert_eq!(words.len, u32::from(u16::MAX));
        assert_eq!(idx.entries[0].lens, [LONG; 4]);
        assert_eq!(idx.long.len(), 1);
        assert_eq!(idx.entries[1].lens, [6, 10, 13, 0]);
        assert_eq!(idx.row(0).unwrap().code, 7);
        assert_eq!(
            idx.row(1),
            Some(Row {
                code: 8,
                name: "Ana Depois".into(),
                document: "98765432100".into(),
                city: None,
            })
        );
        let mut s = Searcher::default();
        let found = s.search(&idx, "ana dep").unwrap();
        assert_eq!(found.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn customers_without_a_code_are_skipped() {
        let mut c = customer(1, "Sem Código", "");
        c.codigo_cliente = None;
        assert!(CustomerIndex::build([&c]).is_empty());
    }

    #[test]
    fn cities_are_stored_once() {
        let with_city = |code, city: &str| {
            let mut c = customer(code, "X", "");
            c.servicos = vec![CustomerService {
                endereco_cadastral: Some(Address {
                    cidade: Some(city.into()),
                    ..Address::default()
                }),
                ..CustomerService::default()
            }];
            c
        };
        let all: Vec<Customer> = (0..50)
            .map(|i| {
                with_city(
                    i,
                    if i % 2 == 0 {
                        "Itaúna"
                    } else {
                        "Pará de Minas"
                    },
                )
            })
            .collect();
        let idx = CustomerIndex::build(&all);
        assert_eq!(idx.cities.len(), 2);
        assert_eq!(idx.row(3).unwrap().city, Some("Pará de Minas"));
    }

    #[test]
    fn the_index_holds_only_what_matching_and_a_row_need() {
        // A customer full of data the index must not keep: e-mails, the
        // PPPoE password, addresses, RG, plan names.
        let mut c = customer(4321, "Maria Aparecida", "98765432100");
        c.email_principal = Some("maria.secret@example.com".into());
        c.rg = Some("MG-99.888.777".into());
        c.telefone_primario = Some("(37) 99911-2233".into());
        c.servicos = vec![CustomerService {
            login: Some("maria.ap".into()),
            senha: Some("s3nh4-pppoe".into()),
            ipv4: Some("10.20.30.40".into()),
            mac_addr: Some("AA:BB:CC:DD:EE:FF".into()),
            nome: Some("PLANO FIBRA 500 MEGA".into()),
            endereco_instalacao: Some(Address {
                endereco: Some("Rua das Flores Escondidas".into()),
                numero: Some("1234".into()),
                cidade: Some("Itaúna".into()),
                ..Address::default()
            }),
            ..CustomerService::default()
        }];
        let idx = CustomerIndex::build([&c]);
        for secret in [
            "secret", "s3nh4", "MG-99", "99.888", "Flores", "flores", "PLANO", "plano",
        ] {
            assert!(
                memchr::memmem::find(&idx.arena, secret.as_bytes()).is_none(),
                "the index keeps {secret:?}"
            );
        }
        // What it keeps: the name (a patch over the words: where, how long,
        // the case of each letter), folded words and login, the digits
        // packed, the net.
        let (_, l) = idx.layout(0).unwrap();
        assert_eq!(idx.bytes(l.name()), [3, 0, 0, 15, 0b0100_0001, 0]);
        assert_eq!(idx.bytes(l.words()), b"maria aparecida maria.ap");
        let mut buf = Vec::new();
        assert_eq!(idx.digits(&l, &mut buf), b"98765432100 4321 37999112233");
        assert_eq!(idx.bytes(l.digits()).len(), 14);
        assert_eq!(idx.bytes(l.net()), b"10.20.30.40 aabbccddeeff");
        assert_eq!(idx.row(0).unwrap().name, "Maria Aparecida");
        assert_eq!(std::mem::size_of::<Entry>(), 16);
        // Arena + one entry + one city: well under a kilobyte.
        assert!(idx.heap_bytes() < 150, "{} bytes", idx.heap_bytes());
    }
}
