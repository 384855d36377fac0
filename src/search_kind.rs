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
fn prefixed(s: &str) -> Option<Detection> {
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
mod tests {
    use super::*;
    use crate::i18n::{Lang, tr};

    #[test]
    fn search_kinds_have_names() {
        let names: Vec<_> = CustomerSearchBy::ALL
            .iter()
            .map(|&k| tr(Lang::PtBr, label(k)))
            .collect();
        assert_eq!(
            names,
            [
                "Nome",
                "Nome fantasia",
                "CPF/CNPJ",
                "Código",
                "Telefone",
                "Login",
                "IPv4",
                "MAC"
            ]
        );
    }
    use crate::br::doc::cpf_check_digits;
    use CustomerSearchBy as K;

    fn two_services() -> crate::api::Customer {
        use crate::api::{CustomerService, LastConnection};
        crate::api::Customer {
            codigo_cliente: Some(7),
            servicos: vec![
                CustomerService {
                    id_cliente_servico: Some(1),
                    login: Some("padaria.loja".into()),
                    ipv4: Some("100.64.0.1".into()),
                    mac_addr: Some("aa:bb:cc:00:00:01".into()),
                    ..Default::default()
                },
                CustomerService {
                    id_cliente_servico: Some(2),
                    login: Some("Padaria.Casa".into()),
                    ipv4: None,
                    mac_addr: Some("AA-BB-CC-00-00-02".into()),
                    ultima_conexao: Some(LastConnection {
                        ultimo_ipv4: Some("189.90.1.2".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn the_matched_service_is_the_one_whose_login_ip_or_mac_was_searched() {
        let c = two_services();
        assert_eq!(matched_service(&c, K::Login, "padaria.casa"), Some(1));
        assert_eq!(matched_service(&c, K::Login, " padaria.loja "), Some(0));
        assert_eq!(matched_service(&c, K::Name, "padaria.casa"), Some(1));
        assert_eq!(matched_service(&c, K::Ipv4, "100.64.0.1"), Some(0));
        // The address of the last session counts as the service's IP.
        assert_eq!(matched_service(&c, K::Ipv4, "189.90.1.2"), Some(1));
        assert_eq!(matched_service(&c, K::Mac, "AA:BB:CC:00:00:02"), Some(1));
        assert_eq!(matched_service(&c, K::Mac, "aabb.cc00.0001"), Some(0));
        // Searches that name the customer name no service.
        assert_eq!(matched_service(&c, K::Code, "7"), None);
        assert_eq!(matched_service(&c, K::Name, "padaria"), None);
        assert_eq!(matched_service(&c, K::Ipv4, "10.0.0.9"), None);
        assert_eq!(matched_service(&c, K::Mac, ""), None);
    }

    #[test]
    fn a_caller_who_is_a_tickets_contact_points_at_its_service() {
        let t = |service, phone: &str| crate::api::Ticket {
            id_cliente_servico: Some(service),
            telefone_contato: Some(phone.into()),
            ..Default::default()
        };
        let tickets = [
            t(1, "3732221111"),
            t(2, "(37) 98888-7777"),
            t(2, "37988887777"),
        ];
        assert_eq!(service_of_contact(&tickets, "+55 37 98888-7777"), Some(2));
        assert_eq!(service_of_contact(&tickets, "37 3222-1111"), Some(1));
        assert_eq!(service_of_contact(&tickets, "37999990000"), None);
        // A contact of two services names neither.
        let both = [t(1, "37988887777"), t(2, "37988887777")];
        assert_eq!(service_of_contact(&both, "37988887777"), None);
    }
    use proptest::prelude::*;

    type Alt = Option<(K, &'static str)>;

    #[test]
    fn detection_table() {
        use SearchProblem::{IncompleteDocument as Short, InvalidDocument as Bad};
        let cases: &[(&str, K, &str, Alt, Option<SearchProblem>)] = &[
            // Documents.
            ("123.456.789-09", K::Document, "12345678909", None, None),
            ("12345678909", K::Document, "12345678909", None, None),
            (" 267.884.930-90 ", K::Document, "26788493090", None, None),
            (
                "123.456.789-00",
                K::Document,
                "12345678900",
                None,
                Some(Bad(DocKind::Cpf)),
            ),
            (
                "12345678900",
                K::Document,
                "12345678900",
                None,
                Some(Bad(DocKind::Cpf)),
            ),
            (
                "11.222.333/0001-81",
                K::Document,
                "11222333000181",
                None,
                None,
            ),
            ("11222333000181", K::Document, "11222333000181", None, None),
            (
                "11.222.333/0001-80",
                K::Document,
                "11222333000180",
                None,
                Some(Bad(DocKind::Cnpj)),
            ),
            (
                "11222333000180",
                K::Document,
                "11222333000180",
                None,
                Some(Bad(DocKind::Cnpj)),
            ),
            (
                "123.456.789-0",
                K::Document,
                "1234567890",
                None,
                Some(Short(DocKind::Cpf)),
            ),
            (
                "11.222.333/0001-8",
                K::Document,
                "1122233300018",
                None,
                Some(Short(DocKind::Cnpj)),
            ),
            (
                "12.ABC.345/01DE-35",
                K::Document,
                "12ABC34501DE35",
                None,
                None,
            ),
            (
                "12abc34501de35",
                K::Document,
                "12ABC34501DE35",
                Some((K::Login, "12abc34501de35")),
                None,
            ),
            // 11 digits, valid CPF and plausible mobile: CPF first, phone offered.
            (
                "37999112275",
                K::Document,
                "37999112275",
                Some((K::Phone, "37999112275")),
                None,
            ),
            // Phones.
            ("(37) 99911-2233", K::Phone, "37999112233", None, None),
            ("+55 37 99911-2233", K::Phone, "37999112233", None, None),
            ("5537999112233", K::Phone, "37999112233", None, None),
            ("37999112233", K::Phone, "37999112233", None, None),
            ("37 3281-8000", K::Phone, "3732818000", None, None),
            (
                "3732818000",
                K::Phone,
                "3732818000",
                Some((K::Code, "3732818000")),
                None,
            ),
            ("3281-8000", K::Phone, "32818000", None, None),
            // IPv4.
            ("10.20.1.114", K::Ipv4, "10.20.1.114", None, None),
            ("10.20.1", K::Ipv4, "10.20.1", None, None),
            // MACs.
            ("58:10:8c:4b:ff:aa", K::Mac, "58:10:8C:4B:FF:AA", None, None),
            ("58-10-8C-4B-FF-AA", K::Mac, "58:10:8C:4B:FF:AA", None, None),
            ("5810.8c4b.ffaa", K::Mac, "58:10:8C:4B:FF:AA", None, None),
            (
                "58108c4bffaa",
                K::Mac,
                "58:10:8C:4B:FF:AA",
                Some((K::Login, "58108c4bffaa")),
                None,
            ),
            ("0:1a:2b:3c:4d:5e", K::Mac, "00:1A:2B:3C:4D:5E", None, None),
            ("58:10:8c", K::Mac, "58:10:8C", None, None),
            // Codes.
            ("1068", K::Code, "1068", None, None),
            ("007", K::Code, "007", None, None),
            ("581084412345", K::Code, "581084412345", None, None),
            // Logins.
            ("joao.silva", K::Login, "joao.silva", None, None),
            ("cliente123@isp", K::Login, "cliente123@isp", None, None),
            (
                "guilhermesilva1068",
                K::Login,
                "guilhermesilva1068",
                None,
                None,
            ),
            ("maria_2", K::Login, "maria_2", None, None),
            // Names.
            ("silva", K::Name, "silva", Some((K::Login, "silva")), None),
            ("Maria  da   Silva", K::Name, "Maria da Silva", None, None),
            ("João", K::Name, "João", None, None),
            (
                "Padaria Pão & Cia",
                K::Name,
                "Padaria Pão & Cia",
                None,
                None,
            ),
            ("", K::Name, "", None, Some(SearchProblem::Empty)),
            ("   ", K::Name, "", None, Some(SearchProblem::Empty)),
        ];
        for (input, kind, term, alt, problem) in cases {
            let d = detect(input);
            let want = Detection {
                kind: *kind,
                term: term.to_string(),
                alternative: alt.map(|(k, t)| (k, t.to_string())),
                problem: *problem,
            };
            assert_eq!(d, want, "{input:?}");
        }
    }

    #[test]
    fn prefixes_ask_for_the_newer_kinds_where_unambiguous() {
        use CustomerSearchBy as K;
        let d = |s: &str| {
            let d = detect(s);
            (d.kind, d.term)
        };
        assert_eq!(d("s:12345"), (K::ServiceId, "12345".into()));
        assert_eq!(d(" S: 22390 "), (K::ServiceId, "22390".into()));
        assert_eq!(d("c:71"), (K::CustomerId, "71".into()));
        assert_eq!(d("id:71"), (K::CustomerId, "71".into()));
        assert_eq!(d("x:ERP-71000"), (K::ExternalId, "ERP-71000".into()));
        assert_eq!(d("ext:crm/9"), (K::ExternalId, "crm/9".into()));
        // The console sends the term of the kind shown, without its prefix.
        assert_eq!(term_for(K::ServiceId, "s:12345"), "12345");
        assert_eq!(term_for(K::ExternalId, "x:ERP-1"), "ERP-1");
        // Not a number after s:/c:, a MAC, or a prefix we do not know.
        assert_ne!(detect("s:abc").kind, K::ServiceId);
        assert_ne!(detect("c:").kind, K::CustomerId);
        assert_eq!(detect("aa:bb:cc:dd:ee:ff").kind, K::Mac);
        assert_eq!(detect("x: two words").kind, K::Name);
    }

    #[test]
    fn cycle_visits_every_kind_and_back_undoes_it() {
        let mut k = K::Name;
        let mut seen = Vec::new();
        for _ in 0..K::ALL.len() {
            seen.push(k);
            assert_eq!(cycle_back(cycle(k)), k);
            k = cycle(k);
        }
        assert_eq!(k, K::Name);
        assert_eq!(seen, K::ALL);
    }

    #[test]
    fn term_for_forced_kinds() {
        assert_eq!(term_for(K::Document, " 123.456.789-00 "), "12345678900");
        assert_eq!(term_for(K::Phone, "+55 (37) 3281-8000"), "3732818000");
        assert_eq!(term_for(K::Mac, "5810.8c4b.ffaa"), "58:10:8C:4B:FF:AA");
        assert_eq!(term_for(K::Mac, "58:10"), "58:10");
        assert_eq!(
            term_for(K::FantasyName, " Pão  de Queijo "),
            "Pão de Queijo"
        );
        assert_eq!(term_for(K::Login, " joao "), "joao");
    }

    #[test]
    fn problems_have_messages() {
        assert_eq!(SearchProblem::Empty.msg(), Msg::SearchEmptyTerm);
        assert_eq!(
            SearchProblem::InvalidDocument(DocKind::Cpf).msg(),
            Msg::SearchInvalidCpf
        );
        assert_eq!(
            SearchProblem::InvalidDocument(DocKind::Cnpj).msg(),
            Msg::SearchInvalidCnpj
        );
    }

    fn valid_cpf() -> impl Strategy<Value = String> {
        proptest::collection::vec(0u8..10, 9)
            .prop_filter("not all equal", |d| d.iter().any(|&x| x != d[0]))
            .prop_map(|d| {
                let base: Vec<u8> = d.iter().map(|x| b'0' + x).collect();
                let [d1, d2] = cpf_check_digits(&base);
                format!("{}{d1}{d2}", String::from_utf8(base).unwrap())
            })
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = detect(&s);
        }

        #[test]
        fn never_panics_on_search_box_alphabet(s in "[0-9a-fA-F:.\\-/()+ @_]{0,24}") {
            let d = detect(&s);
            prop_assert!(d.term.len() <= s.len() + 5);
        }

        #[test]
        fn valid_cpfs_are_documents(cpf in valid_cpf()) {
            let masked = format!("{}.{}.{}-{}", &cpf[..3], &cpf[3..6], &cpf[6..9], &cpf[9..]);
            for typed in [cpf.clone(), masked, format!(" {cpf} ")] {
                let d = detect(&typed);
                prop_assert_eq!(d.kind, K::Document, "{}", typed);
                prop_assert_eq!(&d.term, &cpf);
                prop_assert_eq!(d.problem, None);
            }
        }

        #[test]
        fn masked_mobiles_are_phones(ddd in 11u8..100, rest in "[0-9]{8}") {
            prop_assume!(crate::br::phone::is_valid_ddd(ddd));
            let typed = format!("({ddd}) 9{}-{}", &rest[..4], &rest[4..]);
            let d = detect(&typed);
            prop_assert_eq!(d.kind, K::Phone);
            prop_assert_eq!(d.term, format!("{ddd}9{rest}"));
        }

        #[test]
        fn ipv4s_are_ipv4(a in any::<[u8; 4]>()) {
            let ip = Ipv4Addr::from(a).to_string();
            prop_assert_eq!(detect(&ip), Detection::new(K::Ipv4, ip.clone()));
        }

        #[test]
        fn macs_in_any_notation_agree(b in any::<[u8; 6]>(), style in 0usize..3, upper in any::<bool>()) {
            let canonical = b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(":");
            let lower: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            let typed = match style {
                0 => lower.join(":"),
                1 => lower.join("-"),
                _ => format!("{}{}.{}{}.{}{}", lower[0], lower[1], lower[2], lower[3], lower[4], lower[5]),
            };
            let typed = if upper { typed.to_uppercase() } else { typed };
            let d = detect(&typed);
            prop_assert_eq!(d.kind, K::Mac);
            prop_assert_eq!(d.term, canonical);
        }
    }
}
