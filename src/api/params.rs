//! Typed request parameters shared by the routes: the `/cliente` search
//! kinds, sort orders, yes/no and date rendering, and the bound checks that
//! run before anything is sent. `CustomerSearchBy` keeps its contract
//! variants and `as_param`. Route-specific parameter structs live beside
//! their routes (`customers.rs`, `invoices.rs`, ...).
#![warn(missing_docs)]

/// The 8 documented `busca` kinds of `GET /cliente`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CustomerSearchBy {
    /// `nome_razaosocial`: name or company name (substring match).
    Name,
    /// `nome_fantasia`: trading name.
    FantasyName,
    /// `cpf_cnpj`: sent as digits only.
    Document,
    /// `codigo_cliente`: the customer code.
    Code,
    /// `telefone`: sent as digits only, without the country code.
    Phone,
    /// `login_radius`: the PPPoE/RADIUS login.
    Login,
    /// `ipv4`: the service's IPv4 address.
    Ipv4,
    /// `mac`: the CPE's MAC address.
    Mac,
    /// `id_cliente_servico`: a service id. Accepted by current servers, not
    /// by the 2020 documentation; outside [`Self::ALL`] so the search box
    /// never cycles to it.
    ServiceId,
    /// `id_cliente`: the customer's internal id (current servers only).
    CustomerId,
    /// `id_externo`: the id another system gave the customer (current
    /// servers only).
    ExternalId,
}

impl CustomerSearchBy {
    /// All kinds, in the order a key cycles through them.
    pub const ALL: [CustomerSearchBy; 8] = [
        Self::Name,
        Self::FantasyName,
        Self::Document,
        Self::Code,
        Self::Phone,
        Self::Login,
        Self::Ipv4,
        Self::Mac,
    ];

    /// The value sent as `busca`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Name => "nome_razaosocial",
            Self::FantasyName => "nome_fantasia",
            Self::Document => "cpf_cnpj",
            Self::Code => "codigo_cliente",
            Self::Phone => "telefone",
            Self::Login => "login_radius",
            Self::Ipv4 => "ipv4",
            Self::Mac => "mac",
            Self::ServiceId => "id_cliente_servico",
            Self::CustomerId => "id_cliente",
            Self::ExternalId => "id_externo",
        }
    }
}

// ---------------------------------------------------------------------------
// Everything below is shared by the typed routes of the area modules.

use chrono::NaiveDate;

use super::error::ApiError;

/// Common prefix of every integration route.
pub const BASE: &str = "/api/v1/integracao";

/// Sort direction (`order_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderType {
    /// Smallest / oldest first (`asc`).
    Asc,
    /// Largest / newest first (`desc`).
    Desc,
}

impl OrderType {
    /// The value sent as `order_type`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// `order_by` of `/cliente`, `/cliente/all` and `/cliente/atendimento`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordOrderBy {
    /// `data_cadastro`: registration date.
    Registration,
    /// `data_fechamento`: closing date.
    Closing,
}

impl RecordOrderBy {
    /// The value sent as `order_by`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Registration => "data_cadastro",
            Self::Closing => "data_fechamento",
        }
    }
}

/// `order_by` of the invoice routes (`/cliente/financeiro`, `/financeiro`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvoiceOrderBy {
    /// `data_vencimento`: due date.
    DueDate,
    /// `data_pagamento`: payment date.
    PaymentDate,
    /// `valor`: amount.
    Amount,
}

impl InvoiceOrderBy {
    /// The value sent as `order_by`.
    pub fn as_param(self) -> &'static str {
        match self {
            Self::DueDate => "data_vencimento",
            Self::PaymentDate => "data_pagamento",
            Self::Amount => "valor",
        }
    }
}

/// Renders a yes/no flag the way HubSoft expects it in query strings.
pub fn yes_no(v: bool) -> &'static str {
    if v { "sim" } else { "nao" }
}

/// Renders a request date as `YYYY-MM-DD`.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Keeps only ASCII digits (CPF/CNPJ, CEP, phones are sent bare).
pub fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// A CPF/CNPJ as HubSoft takes it: punctuation removed, letters kept in
/// upper case. Since July 2026 a CNPJ may be alphanumeric
/// (`12.ABC.345/01DE-35`); stripping its letters, as a digits-only rule
/// did, sends a different document. The only normaliser of a document
/// on the way to the server.
pub fn document_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Reduces a phone to its national digits, as HubSoft stores them
/// (`DDNNNNNNNNN`, which finds nothing with a country code): drops
/// punctuation, the `+55` or `55` country code of 12–13 digit numbers, and
/// the trunk prefix `0` (with its carrier code, as in `0 15 37 99911-2233`).
/// The one phone normaliser, for what an attendant types and what is sent.
///
/// Does not validate; the result may have any length. Idempotent: an area
/// code never starts with 0, so when stripping would leave a leading 0
/// (`0800 12 2122-4567`) the digits are kept as they are (found by
/// fuzz/phone).
pub fn normalize_phone(input: &str) -> String {
    let d = digits_only(input);
    let n = d.len();
    let stripped = if let Some(rest) = d.strip_prefix('0') {
        match n {
            11 | 12 => rest,
            13 | 14 => &rest[2..],
            _ => return d,
        }
    } else {
        match d.strip_prefix("55") {
            Some(rest) if n == 12 || n == 13 => rest,
            _ => return d,
        }
    };
    if stripped.starts_with('0') {
        return d;
    }
    stripped.to_string()
}

/// Fails with [`ApiError::InvalidRequest`] unless `min <= value <= max`.
pub fn check_limit(
    field: &'static str,
    value: u32,
    min: u32,
    max: Option<u32>,
) -> Result<(), ApiError> {
    let ok = value >= min && max.is_none_or(|m| value <= m);
    if ok {
        return Ok(());
    }
    let reason = match max {
        Some(max) => format!("{value} is outside {min}..={max}"),
        None => format!("{value} must be at least {min}"),
    };
    Err(ApiError::InvalidRequest { field, reason })
}

/// Fails unless `id > 0`.
pub fn check_id(field: &'static str, id: u64) -> Result<(), ApiError> {
    if id == 0 {
        return Err(ApiError::InvalidRequest {
            field,
            reason: "must be greater than zero".into(),
        });
    }
    Ok(())
}

/// Trims `value` and fails if nothing is left.
pub fn required(field: &'static str, value: &str) -> Result<String, ApiError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(ApiError::InvalidRequest {
            field,
            reason: "must not be empty".into(),
        });
    }
    Ok(t.to_owned())
}

/// The longest text hubdesk sends as a search term or any other query
/// value, in characters. No CPF, phone, login, IP or name comes close;
/// a longer value (a paste gone wrong) would make a URL the server or a
/// proxy refuses, which reads as a network failure.
pub const MAX_TERM_CHARS: usize = 200;

/// [`required`], and at most [`MAX_TERM_CHARS`] characters.
pub fn search_term(field: &'static str, value: &str) -> Result<String, ApiError> {
    let t = required(field, value)?;
    check_length(field, &t)?;
    Ok(t)
}

/// Fails when `value` has more than [`MAX_TERM_CHARS`] characters.
pub fn check_length(field: &'static str, value: &str) -> Result<(), ApiError> {
    let n = value.chars().count();
    if n > MAX_TERM_CHARS {
        return Err(ApiError::InvalidRequest {
            field,
            reason: format!("{n} characters; at most {MAX_TERM_CHARS}"),
        });
    }
    Ok(())
}

/// Fails when both dates are given and `data_fim` precedes `data_inicio`.
pub fn check_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), ApiError> {
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(ApiError::InvalidRequest {
            field: "data_fim",
            reason: format!("{} is before data_inicio {}", ymd(e), ymd(s)),
        });
    }
    Ok(())
}

/// Pushes `data_inicio`/`data_fim` after checking their order.
pub fn push_range(
    query: &mut Vec<(&'static str, String)>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Result<(), ApiError> {
    check_range(start, end)?;
    if let Some(s) = start {
        query.push(("data_inicio", ymd(s)));
    }
    if let Some(e) = end {
        query.push(("data_fim", ymd(e)));
    }
    Ok(())
}

/// Full path of an integration route (`rel` without a leading slash).
pub fn path(rel: &str) -> String {
    format!("{BASE}/{rel}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_the_letters_of_an_alphanumeric_cnpj() {
        assert_eq!(document_key("12.ABC.345/01DE-35"), "12ABC34501DE35");
        assert_eq!(document_key("12.abc.345/01de-35"), "12ABC34501DE35");
        assert_eq!(document_key("862.149.410-81"), "86214941081");
    }

    #[test]
    fn phones_lose_country_code_and_punctuation() {
        assert_eq!(normalize_phone("+55 (37) 99911-2233"), "37999112233");
        assert_eq!(normalize_phone("553732818000"), "3732818000");
        assert_eq!(normalize_phone("(37) 9911-2233"), "3799112233");
        // 11 digits starting with 55 is a DDD 55 number, not a country code.
        assert_eq!(normalize_phone("55999112233"), "55999112233");
    }

    #[test]
    fn limits_and_ranges() {
        assert!(check_limit("limit", 1, 1, Some(50)).is_ok());
        assert!(check_limit("limit", 50, 1, Some(50)).is_ok());
        let err = check_limit("limit", 51, 1, Some(50)).unwrap_err();
        assert!(matches!(
            err,
            ApiError::InvalidRequest { field: "limit", .. }
        ));
        assert!(check_limit("limit", 0, 1, None).is_err());
        assert!(check_limit("limit", 100_000, 1, None).is_ok());
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(check_range(Some(d("2020-01-02")), Some(d("2020-01-02"))).is_ok());
        assert!(matches!(
            check_range(Some(d("2020-01-02")), Some(d("2020-01-01"))),
            Err(ApiError::InvalidRequest {
                field: "data_fim",
                ..
            })
        ));
        assert!(matches!(
            required("busca", "  "),
            Err(ApiError::InvalidRequest { field: "busca", .. })
        ));
        assert!(matches!(
            check_id("id_fatura", 0),
            Err(ApiError::InvalidRequest {
                field: "id_fatura",
                ..
            })
        ));
    }
}
