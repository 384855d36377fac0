//! Search-kind detection for the one search box: the attendant types
//! whatever the caller gave them, and this picks the `/cliente` `busca`
//! kind and the term to send.
//!
//! Order matters and follows how unambiguous each shape is: an IPv4, a MAC,
//! a masked CPF/CNPJ, then numbers (CPF, CNPJ, phone, code), then
//! login-shaped tokens, and names for everything else. When two readings
//! are plausible the less likely one is offered as `alternative`, so the
//! console can switch with one key instead of making the attendant retype.

#![warn(missing_docs)]

use std::net::Ipv4Addr;

use crate::api::params::CustomerSearchBy;
use crate::br::doc::{self, DocKind};
use crate::br::phone;
use crate::i18n::Msg;

/// Why the typed text should not be sent as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchProblem {
    /// Nothing but whitespace was typed.
    Empty,
    /// It looks like a CPF or CNPJ but the check digits fail: a typo that
    /// would otherwise come back as "nothing found".
    InvalidDocument(DocKind),
    /// A masked CPF or CNPJ with digits missing (`123.456.789-0`).
    IncompleteDocument(DocKind),
    /// More than [`MAX_TERM_CHARS`] characters (a paste gone wrong): the
    /// server would refuse the URL, which reads as a network failure.
    TooLong,
}

/// The longest search term, in characters (the API client's bound).
pub const MAX_TERM_CHARS: usize = crate::api::params::MAX_TERM_CHARS;

/// [`SearchProblem::TooLong`] when `term` is longer than [`MAX_TERM_CHARS`].
pub fn length_problem(term: &str) -> Option<SearchProblem> {
    (term.chars().count() > MAX_TERM_CHARS).then_some(SearchProblem::TooLong)
}

impl SearchProblem {
    /// The catalog message to show under the search box.
    pub fn msg(self) -> Msg {
        match self {
            SearchProblem::Empty => Msg::SearchEmptyTerm,
            SearchProblem::InvalidDocument(DocKind::Cpf) => Msg::SearchInvalidCpf,
            SearchProblem::InvalidDocument(DocKind::Cnpj) => Msg::SearchInvalidCnpj,
            SearchProblem::IncompleteDocument(_) => Msg::SearchIncompleteDocument,
            SearchProblem::TooLong => Msg::SearchTooLong,
        }
    }
}

/// What a typed search means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The `busca` kind to use.
    pub kind: CustomerSearchBy,
    /// The `termo_busca` to send: CPF/CNPJ without mask, phone normalised
    /// (no `+55`, no punctuation), MAC as `AA:BB:CC:DD:EE:FF`, names with
    /// whitespace collapsed, everything else trimmed.
    pub term: String,
    /// A second plausible reading and its term, e.g. 11 digits that are
    /// both a valid CPF and a plausible mobile.
    pub alternative: Option<(CustomerSearchBy, String)>,
    /// A reason to warn before sending.
    pub problem: Option<SearchProblem>,
}

impl Detection {
    fn new(kind: CustomerSearchBy, term: impl Into<String>) -> Detection {
        Detection {
            kind,
            term: term.into(),
            alternative: None,
            problem: None,
        }
    }

    fn or(mut self, kind: CustomerSearchBy, term: impl Into<String>) -> Detection {
        self.alternative = Some((kind, term.into()));
        self
    }

    fn problem(mut self, problem: SearchProblem) -> Detection {
        self.problem = Some(problem);
        self
    }
}

/// The display name of a `/cliente` search kind.
pub fn label(kind: CustomerSearchBy) -> Msg {
    match kind {
        CustomerSearchBy::Name => Msg::KindName,
        CustomerSearchBy::FantasyName => Msg::KindFantasyName,
        CustomerSearchBy::Document => Msg::KindDocument,
        CustomerSearchBy::Code => Msg::KindCode,
        CustomerSearchBy::Phone => Msg::KindPhone,
        CustomerSearchBy::Login => Msg::KindLogin,
        CustomerSearchBy::Ipv4 => Msg::KindIpv4,
        CustomerSearchBy::Mac => Msg::KindMac,
        CustomerSearchBy::ServiceId => Msg::KindServiceId,
        CustomerSearchBy::CustomerId => Msg::KindCustomerId,
        CustomerSearchBy::ExternalId => Msg::KindExternalId,
    }
}

/// The next kind in [`CustomerSearchBy::ALL`], wrapping around.
pub fn cycle(kind: CustomerSearchBy) -> CustomerSearchBy {
    let all = CustomerSearchBy::ALL;
    let i = all.iter().position(|&k| k == kind).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// The previous kind in [`CustomerSearchBy::ALL`], wrapping around.
pub fn cycle_back(kind: CustomerSearchBy) -> CustomerSearchBy {
    let all = CustomerSearchBy::ALL;
    let i = all.iter().position(|&k| k == kind).unwrap_or(0);
    all[(i + all.len() - 1) % all.len()]
}

/// The term to send when the attendant forces `kind` (after [`cycle`]),
/// normalised the same way [`detect`] would.
pub fn term_for(kind: CustomerSearchBy, input: &str) -> String {
    let s = input.trim();
    match kind {
        CustomerSearchBy::Document => s
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
        CustomerSearchBy::Phone => phone::normalize(s),
        CustomerSearchBy::Mac => parse_mac(s).unwrap_or_else(|| s.to_ascii_uppercase()),
        CustomerSearchBy::Name | CustomerSearchBy::FantasyName => collapse_ws(s),
        // `s:12345` sends 12345 (see `prefixed`).
        CustomerSearchBy::ServiceId
        | CustomerSearchBy::CustomerId
        | CustomerSearchBy::ExternalId => match prefixed(s) {
            Some(d) if d.kind == kind => d.term,
            _ => s.to_string(),
        },
        CustomerSearchBy::Code | CustomerSearchBy::Login | CustomerSearchBy::Ipv4 => s.to_string(),
    }
}

/// Detects the kind of a typed search; never panics, whatever the input.
pub fn detect(input: &str) -> Detection {
    use CustomerSearchBy as K;
    let s = input.trim();
    if s.is_empty() {
        return Detection::new(K::Name, "").problem(SearchProblem::Empty);
    }
    if let Some(problem) = length_problem(s) {
        return Detection::new(K::Name, collapse_ws(s)).problem(problem);
    }
    if let Some(d) = prefixed(s) {
        return d;
    }
    if let Ok(ip) = s.parse::<Ipv4Addr>() {
        return Detection::new(K::Ipv4, ip.to_string());
    }
    if let Some(mac) = parse_mac(s) {
        let d = Detection::new(K::Mac, mac);
        // Twelve bare hex digits can also be a login such as "abc123def456".
        return if s.len() == 12 { d.or(K::Login, s) } else { d };
    }
    if is_partial_mac(s) {
        return Detection::new(K::Mac, s.to_ascii_uppercase());
    }
    if let Some(kind) = masked_document(s) {
        let term = term_for(K::Document, s);
        let complete = DocKind::from_len(term.len()) == Some(kind);
        let d = Detection::new(K::Document, term);
        return if !complete {
            d.problem(SearchProblem::IncompleteDocument(kind))
        } else if doc::parse(s).is_ok() {
            d
        } else {
            d.problem(SearchProblem::InvalidDocument(kind))
        };
    }
    if s.chars().all(|c| c.is_ascii_digit() || is_number_punct(c))
        && s.chars().any(|c| c.is_ascii_digit())
    {
        return detect_number(s);
    }
    if is_login_shaped(s) {
        if s.len() == 14 && doc::is_valid_cnpj(s) {
            return Detection::new(K::Document, s.to_ascii_uppercase()).or(K::Login, s);
        }
        if s.chars().all(|c| c.is_ascii_alphabetic()) {
            // A single word is more often a surname than a login.
            return Detection::new(K::Name, s).or(K::Login, s);
        }
        return Detection::new(K::Login, s);
    }
    Detection::new(K::Name, collapse_ws(s))
}

/// The kinds only current servers search by, asked with a prefix: `s:`
/// (a service's `id_cliente_servico`), `c:` or `id:` (`id_cliente`), `x:`
/// or `ext:` (`id_externo`). The ids must be numbers; an external id is any
/// text. Anything else is not a prefix (a MAC's `aa:bb`, a name).
pub fn prefixed(s: &str) -> Option<Detection> {
    use CustomerSearchBy as K;
    let (prefix, rest) = s.split_once(':')?;
    let rest = rest.trim();
    let kind = match prefix.trim().to_ascii_lowercase().as_str() {
        "s" => K::ServiceId,
        "c" | "id" => K::CustomerId,
        "x" | "ext" => K::ExternalId,
        _ => return None,
    };
    let numeric = !matches!(kind, K::ExternalId);
    let fits = if numeric {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
    } else {
        !rest.is_empty() && !rest.contains(char::is_whitespace)
    };
    fits.then(|| Detection::new(kind, rest))
}

/// Inputs made of digits and punctuation: CPF, CNPJ, phone, IP or code.
fn detect_number(s: &str) -> Detection {
    use CustomerSearchBy as K;
    let digits = crate::br::digits(s);
    let n = digits.len();
    let bare = n == s.len();
    let normalized = phone::normalize(s);
    let plausible_phone = phone::is_plausible(&normalized);

    // Nobody types a CPF with "+" or parentheses.
    if s.contains(['+', '(', ')']) {
        return Detection::new(K::Phone, normalized);
    }
    match n {
        11 => {
            let cpf_ok = doc::is_valid_cpf(&digits);
            return match (cpf_ok, plausible_phone) {
                (true, true) => Detection::new(K::Document, digits).or(K::Phone, normalized),
                (true, false) => Detection::new(K::Document, digits),
                (false, true) => Detection::new(K::Phone, normalized),
                (false, false) => Detection::new(K::Document, digits)
                    .problem(SearchProblem::InvalidDocument(DocKind::Cpf)),
            };
        }
        14 => {
            return if doc::is_valid_cnpj(&digits) {
                Detection::new(K::Document, digits)
            } else if plausible_phone {
                Detection::new(K::Phone, normalized)
            } else {
                Detection::new(K::Document, digits)
                    .problem(SearchProblem::InvalidDocument(DocKind::Cnpj))
            };
        }
        _ => {}
    }
    if plausible_phone {
        let unchanged = normalized == s;
        let d = Detection::new(K::Phone, normalized);
        // A bare ten-digit number may be a long customer code; with a
        // country code or trunk prefix stripped it is surely a phone.
        return if unchanged { d.or(K::Code, s) } else { d };
    }
    if bare {
        return Detection::new(K::Code, s);
    }
    // Two or more dots between numbers: an IP typed partly or with a typo.
    if s.chars().all(|c| c.is_ascii_digit() || c == '.') && s.matches('.').count() >= 2 {
        return Detection::new(K::Ipv4, s);
    }
    // A punctuated local number without area code, e.g. "3281-8000".
    if (8..=9).contains(&n) {
        return Detection::new(K::Phone, digits);
    }
    Detection::new(K::Code, digits)
}

/// Punctuation found in typed CPFs, CNPJs and phones.
fn is_number_punct(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '(' | ')' | '+')
}

/// `Some(kind)` when `s` carries a CPF or CNPJ mask, so it is a document
/// whatever its digits say: `123.456.789-09`, `12.345.678/0001-95`,
/// `12.ABC.345/01DE-35`, one digit short of these, or 12 to 14
/// significant characters around a `/`.
fn masked_document(s: &str) -> Option<DocKind> {
    let shape = |pattern: &str| {
        s.len() == pattern.len()
            && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                b'X' => c.is_ascii_alphanumeric(),
                _ => c == p,
            })
    };
    // A masked CPF missing its last digit is still a CPF being typed, not
    // a ten-digit phone.
    if shape("999.999.999-99") || shape("999.999.999-9") {
        return Some(DocKind::Cpf);
    }
    if shape("XX.XXX.XXX/XXXX-99") {
        return Some(DocKind::Cnpj);
    }
    let only_doc_chars = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ' '));
    let significant = s.chars().filter(char::is_ascii_alphanumeric).count();
    (only_doc_chars && s.contains('/') && (12..=14).contains(&significant)).then_some(DocKind::Cnpj)
}

/// A whole MAC in any common notation, as `AA:BB:CC:DD:EE:FF`:
/// `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff` (Cisco), or
/// twelve bare hex digits with at least one letter (all-digit ones are
/// numbers). One-digit groups (`0:1a:…`, as some tools print) are padded.
fn parse_mac(s: &str) -> Option<String> {
    let hex = |g: &str| g.bytes().all(|b| b.is_ascii_hexdigit());
    let octets: Vec<String> = if s.contains([':', '-']) {
        let sep = if s.contains(':') { ':' } else { '-' };
        let groups: Vec<&str> = s.split(sep).collect();
        if groups.len() != 6 || !groups.iter().all(|g| (1..=2).contains(&g.len()) && hex(g)) {
            return None;
        }
        groups.iter().map(|g| format!("{g:0>2}")).collect()
    } else {
        let bare = if s.contains('.') {
            let groups: Vec<&str> = s.split('.').collect();
            if groups.len() != 3 || !groups.iter().all(|g| g.len() == 4 && hex(g)) {
                return None;
            }
            groups.concat()
        } else if s.len() == 12 && hex(s) && s.bytes().any(|b| b.is_ascii_alphabetic()) {
            s.to_string()
        } else {
            return None;
        };
        (0..6).map(|i| bare[2 * i..2 * i + 2].to_string()).collect()
    };
    Some(octets.join(":").to_ascii_uppercase())
}

/// The start of a MAC: hex digits and colons only, at least one colon.
fn is_partial_mac(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

/// One token of ASCII letters, digits and `._-@`, with at least one letter.
fn is_login_shaped(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The MAC's twelve hex digits, upper case (empty when it is not a MAC).
fn mac_hex(s: &str) -> String {
    let hex: String = s
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() == 12 { hex } else { String::new() }
}

/// Which of `customer`'s services a search of `kind` for `term` found
/// (issue 13): the service whose login, IPv4 (or last session's IPv4) or
/// MAC is the term; for a name search, a service whose login is the
/// typed text (a login looks like a name to detection). `None` when the
/// search named the customer, not a service, or nothing matches; the
/// first service that matches otherwise. One rule for the search box,
/// type-ahead and screen pops.
pub fn matched_service(
    customer: &crate::api::Customer,
    kind: CustomerSearchBy,
    term: &str,
) -> Option<usize> {
    use CustomerSearchBy as K;
    let term = term.trim();
    if term.is_empty() {
        return None;
    }
    let same = |v: Option<&str>| v.is_some_and(|v| v.trim().eq_ignore_ascii_case(term));
    let login = |s: &crate::api::CustomerService| same(s.login.as_deref());
    customer.servicos.iter().position(|s| match kind {
        K::Login | K::Name | K::FantasyName => login(s),
        K::Ipv4 => {
            same(s.ipv4.as_deref())
                || same(
                    s.ultima_conexao
                        .as_ref()
                        .and_then(|c| c.ultimo_ipv4.as_deref()),
                )
        }
        K::Mac => {
            let want = mac_hex(term);
            !want.is_empty() && s.mac_addr.as_deref().is_some_and(|m| mac_hex(m) == want)
        }
        K::ServiceId => term.parse::<u64>().ok() == s.id_cliente_servico,
        K::Document | K::Code | K::Phone | K::CustomerId | K::ExternalId => false,
    })
}

/// For a call from `phone`: the service whose open tickets name that
/// phone as their contact (`telefone_contato`), when they all name the
/// same service; the id of that service. A customer's own phones name
/// no service, but the contact who opened a ticket about one does.
pub fn service_of_contact(tickets: &[crate::api::Ticket], phone: &str) -> Option<u64> {
    let want = phone::normalize(phone);
    if want.is_empty() {
        return None;
    }
    let mut found = tickets.iter().filter(|t| {
        t.telefone_contato
            .as_deref()
            .is_some_and(|p| phone::normalize(p) == want)
    });
    // The ticket's own service: the raw field or the nested `servico`.
    let first = found.next()?.service_id()?;
    found
        .all(|t| t.service_id() == Some(first))
        .then_some(first)
}

#[cfg(test)]
mod tests;
