//! Customers: `GET /cliente` (search) and `GET /cliente/all` (bulk), plus the
//! record types shared by other areas (services, addresses, equipment).
//!
//! Field names are the API's own keys, so the Portuguese documentation and a
//! captured body can be read side by side with these structs. Every field is
//! optional and decoded leniently (see [`super::lenient`]).
#![warn(missing_docs)]

use chrono::NaiveDate;
use reqwest::Method;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::envelope::empty_if_not_found;
use super::lenient::{self as l, ApiDate, ShortText};
use super::params::{
    CustomerSearchBy, OrderType, RecordOrderBy, check_limit, document_key, normalize_phone, path,
    push_range, search_term, yes_no,
};
use super::speed::Speed;
use super::{ApiError, Call, CallKind, Client};

// ---------------------------------------------------------------------------
// Requests

/// Parameters of `GET /cliente`: search customers by one of 8 kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerSearch {
    /// `busca`: what `term` is.
    pub by: CustomerSearchBy,
    /// `termo_busca`: CPF/CNPJ and phones are reduced to digits (and a phone
    /// loses a leading `55`) before sending.
    pub term: String,
    /// `limit`: 1..=100; `None` leaves the server default of 5.
    pub limit: Option<u32>,
    /// `cancelado`: include cancelled services (server default: no).
    pub include_cancelled: Option<bool>,
    /// `ultima_conexao`: include RADIUS last-connection data (server default: no).
    pub last_connection: Option<bool>,
    /// `order_by` (server default: registration date).
    pub order_by: Option<RecordOrderBy>,
    /// `order_type` (server default: asc).
    pub order_type: Option<OrderType>,
    /// `incluir_desbloqueios`: each service's trust-unlock history
    /// ([`CustomerService::desbloqueios`]). Current servers only; an older
    /// one ignores it and the history comes back empty.
    pub include_unlocks: Option<bool>,
}

impl CustomerSearch {
    /// Smallest valid limit of `/cliente`.
    pub const MIN_LIMIT: u32 = 1;
    /// Largest limit `/cliente` accepts; there is no pagination beyond it.
    pub const MAX_LIMIT: u32 = 100;
    /// What the server uses when no limit is sent.
    pub const DEFAULT_LIMIT: u32 = 5;

    /// A search with only the required parameters set.
    pub fn new(by: CustomerSearchBy, term: impl Into<String>) -> Self {
        Self {
            by,
            term: term.into(),
            limit: None,
            include_cancelled: None,
            last_connection: None,
            order_by: None,
            order_type: None,
            include_unlocks: None,
        }
    }

    /// The term as it will be sent for this search kind.
    pub fn normalized_term(&self) -> Result<String, ApiError> {
        let term = search_term("termo_busca", &self.term)?;
        let term = match self.by {
            CustomerSearchBy::Document => document_key(&term),
            CustomerSearchBy::Phone => normalize_phone(&term),
            _ => term,
        };
        // Every CPF/CNPJ (alphanumeric ones too: their check digits) and
        // every phone has digits.
        let needs_digits = matches!(
            self.by,
            CustomerSearchBy::Document | CustomerSearchBy::Phone
        );
        if term.is_empty() || (needs_digits && !term.bytes().any(|b| b.is_ascii_digit())) {
            return Err(ApiError::InvalidRequest {
                field: "termo_busca",
                reason: "has no digits".into(),
            });
        }
        Ok(term)
    }

    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut query = vec![
            ("busca", self.by.as_param().to_owned()),
            ("termo_busca", self.normalized_term()?),
        ];
        if let Some(limit) = self.limit {
            check_limit("limit", limit, Self::MIN_LIMIT, Some(Self::MAX_LIMIT))?;
            query.push(("limit", limit.to_string()));
        }
        if let Some(v) = self.include_cancelled {
            query.push(("cancelado", yes_no(v).to_owned()));
        }
        if let Some(v) = self.last_connection {
            query.push(("ultima_conexao", yes_no(v).to_owned()));
        }
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        if let Some(v) = self.include_unlocks {
            query.push(("incluir_desbloqueios", yes_no(v).to_owned()));
        }
        Ok(Call {
            route: "cliente",
            method: Method::GET,
            path: path("cliente"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

/// Parameters of `GET /cliente/all`. With nothing set the server returns
/// every customer (and caches the answer for a while).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllCustomers {
    /// `data_inicio`: registered on or after this day.
    pub data_inicio: Option<NaiveDate>,
    /// `data_fim`: registered on or before this day (not before `data_inicio`).
    pub data_fim: Option<NaiveDate>,
    /// `limit`: greater than zero, no documented maximum.
    pub limit: Option<u32>,
    /// `order_by` (server default: registration date).
    pub order_by: Option<RecordOrderBy>,
    /// `order_type` (server default: asc).
    pub order_type: Option<OrderType>,
}

impl AllCustomers {
    /// Builds the request, checking the documented bounds first.
    pub fn to_call(&self) -> Result<Call, ApiError> {
        let mut query = Vec::new();
        push_range(&mut query, self.data_inicio, self.data_fim)?;
        if let Some(limit) = self.limit {
            check_limit("limit", limit, 1, None)?;
            query.push(("limit", limit.to_string()));
        }
        if let Some(v) = self.order_by {
            query.push(("order_by", v.as_param().to_owned()));
        }
        if let Some(v) = self.order_type {
            query.push(("order_type", v.as_param().to_owned()));
        }
        Ok(Call {
            route: "cliente/all",
            method: Method::GET,
            path: path("cliente/all"),
            query,
            body: None,
            kind: CallKind::Read,
        })
    }
}

// ---------------------------------------------------------------------------
// Responses
/// Body of `GET /cliente` and `GET /cliente/all`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct CustomersResponse {
    /// `msg` as sent.
    #[serde(deserialize_with = "l::text")]
    pub msg: Option<String>,
    /// `clientes`.
    #[serde(deserialize_with = "l::list")]
    pub clientes: Vec<Customer>,
}

/// A customer. Also used for the shorter `cliente` objects nested in
/// tickets, invoices and service orders (only some fields are then set).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Customer {
    /// `id_cliente`: primary key.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente: Option<u64>,
    /// `codigo_cliente`: the code attendants quote.
    #[serde(deserialize_with = "l::id")]
    pub codigo_cliente: Option<u64>,
    /// `nome_razaosocial`: name or company name.
    #[serde(deserialize_with = "l::text")]
    pub nome_razaosocial: Option<String>,
    /// `nome_fantasia`: trading name.
    #[serde(deserialize_with = "l::text")]
    pub nome_fantasia: Option<String>,
    /// `tipo_pessoa`: `pf` (person) or `pj` (company).
    #[serde(deserialize_with = "l::text")]
    pub tipo_pessoa: Option<String>,
    /// `cpf_cnpj`: digits as sent (leading zeros kept).
    #[serde(deserialize_with = "l::text")]
    pub cpf_cnpj: Option<String>,
    /// `telefone_primario`.
    #[serde(deserialize_with = "l::text")]
    pub telefone_primario: Option<String>,
    /// `telefone_secundario`.
    #[serde(deserialize_with = "l::text")]
    pub telefone_secundario: Option<String>,
    /// `telefone_terciario`.
    #[serde(deserialize_with = "l::text")]
    pub telefone_terciario: Option<String>,
    /// `email_principal`.
    #[serde(deserialize_with = "l::text")]
    pub email_principal: Option<String>,
    /// `email_secundario`.
    #[serde(deserialize_with = "l::text")]
    pub email_secundario: Option<String>,
    /// `rg`: identity card number.
    #[serde(deserialize_with = "l::text")]
    pub rg: Option<String>,
    /// `inscricao_estadual`: state tax registration (companies).
    #[serde(deserialize_with = "l::text")]
    pub inscricao_estadual: Option<String>,
    /// `inscricao_municipal`: municipal tax registration (companies).
    #[serde(deserialize_with = "l::text")]
    pub inscricao_municipal: Option<String>,
    /// `data_cadastro`: registration date.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `data_nascimento`; `1969-12-31` is HubSoft's "not informed" and
    /// decodes as `None`. Read it through [`Customer::birth_date`], which
    /// also looks at the misspelt key.
    #[serde(deserialize_with = "l::birth_date")]
    pub data_nascimento: Option<ApiDate>,
    /// `data_nascmento`: the misspelling some servers send. Kept as its own
    /// field, not a serde alias, because an alias fails the whole record
    /// when a server sends both spellings.
    #[serde(deserialize_with = "l::birth_date")]
    pub data_nascmento: Option<ApiDate>,
    /// `id_externo`: the id another system (an ERP, a CRM) gave the
    /// customer, on current servers.
    #[serde(deserialize_with = "l::text")]
    pub id_externo: Option<String>,
    /// `ativo`: newer servers say whether the customer is active.
    #[serde(deserialize_with = "l::flag")]
    pub ativo: Option<bool>,
    /// `alerta`: the ISP registered alerts for this customer.
    #[serde(deserialize_with = "l::flag")]
    pub alerta: Option<bool>,
    /// `alerta_mensagens`: the alert texts (outages, notices).
    #[serde(deserialize_with = "l::text_list")]
    pub alerta_mensagens: Vec<String>,
    /// `servicos`: the customer's services (plans), with their addresses.
    #[serde(deserialize_with = "l::list")]
    pub servicos: Vec<CustomerService>,
    /// `servico`: the one service a record is about, nested in the
    /// customer of a `cliente/financeiro` invoice (with its addresses).
    #[serde(deserialize_with = "l::object")]
    pub servico: Option<Box<CustomerService>>,
}

impl Customer {
    /// The name to show: the trading name when the customer has one, else
    /// the (company) name.
    pub fn display_name(&self) -> Option<&str> {
        self.nome_fantasia
            .as_deref()
            .or(self.nome_razaosocial.as_deref())
    }

    /// The phones on file, primary first, without blanks or repeats.
    pub fn phones(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in [
            &self.telefone_primario,
            &self.telefone_secundario,
            &self.telefone_terciario,
        ]
        .into_iter()
        .flatten()
        {
            if !out.contains(&p.as_str()) {
                out.push(p);
            }
        }
        out
    }

    /// The e-mail addresses on file, main first, without blanks or repeats.
    pub fn emails(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in [&self.email_principal, &self.email_secundario]
            .into_iter()
            .flatten()
        {
            if !out.contains(&e.as_str()) {
                out.push(e);
            }
        }
        out
    }

    /// Birth date under either spelling of the key (`None` when unknown).
    pub fn birth_date(&self) -> Option<&ApiDate> {
        self.data_nascimento
            .as_ref()
            .or(self.data_nascmento.as_ref())
    }
}

/// A customer's service (a subscribed plan). Also the `servico` /
/// `cliente_servico` summary nested in tickets, service orders and the
/// connection log.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct CustomerService {
    /// `id_cliente_servico`: the id every action targets. It changes when a
    /// plan is migrated, so never keep it across sessions.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico: Option<u64>,
    /// `numero_plano`: the service's number within the customer.
    #[serde(deserialize_with = "l::int")]
    pub numero_plano: Option<i64>,
    /// `nome`: plan name.
    #[serde(deserialize_with = "l::short_text")]
    pub nome: Option<ShortText>,
    /// `valor`: monthly price.
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
    /// `status`: display text ("Serviço Habilitado", "Cancelado"...).
    #[serde(deserialize_with = "l::short_text")]
    pub status: Option<ShortText>,
    /// `status_prefixo`: machine form of `status` (`servico_habilitado`...).
    #[serde(deserialize_with = "l::short_text")]
    pub status_prefixo: Option<ShortText>,
    /// `tecnologia`: FIBRA, WIRELESS...
    #[serde(deserialize_with = "l::short_text")]
    pub tecnologia: Option<ShortText>,
    /// `login`: PPPoE/RADIUS login.
    #[serde(deserialize_with = "l::short_text")]
    pub login: Option<ShortText>,
    /// `senha`: PPPoE password in clear; show only on explicit reveal (LGPD).
    /// Never serialized: `--json` and exports must not carry it.
    #[serde(deserialize_with = "l::short_text", skip_serializing)]
    pub senha: Option<ShortText>,
    /// `referencia`: a landmark for the installation ("casa azul").
    #[serde(deserialize_with = "l::short_text")]
    pub referencia: Option<ShortText>,
    /// `ipv4`.
    #[serde(deserialize_with = "l::short_text")]
    pub ipv4: Option<ShortText>,
    /// `ipv6`.
    #[serde(deserialize_with = "l::short_text")]
    pub ipv6: Option<ShortText>,
    /// `mac_addr`: the MAC bound to the PPPoE/RADIUS login (what
    /// `reset_mac_addr` clears), sent by newer servers.
    #[serde(deserialize_with = "l::short_text")]
    pub mac_addr: Option<ShortText>,
    /// `phy_addr`: the ONU/CPE's layer-2 address, distinct from `mac_addr`;
    /// needed when an ONU is swapped. Sent by newer servers.
    #[serde(deserialize_with = "l::short_text")]
    pub phy_addr: Option<ShortText>,
    /// `velocidade_download`: kbit/s as a number (2020 servers) or text
    /// with a unit (`"30 Mbits"`, current servers); see [`Speed`].
    #[serde(deserialize_with = "super::speed::speed")]
    pub velocidade_download: Option<Speed>,
    /// `velocidade_upload`, like `velocidade_download`.
    #[serde(deserialize_with = "super::speed::speed")]
    pub velocidade_upload: Option<Speed>,
    /// `ultima_conexao`: RADIUS "last seen"; `None` when the server sent
    /// `[]` (unknown) or did not send it (ask with `ultima_conexao=sim`).
    #[serde(deserialize_with = "l::object")]
    pub ultima_conexao: Option<LastConnection>,
    /// `porta_atendimento`: the splitter/CTO port serving the customer.
    #[serde(deserialize_with = "l::object")]
    pub porta_atendimento: Option<ServicePort>,
    /// `interface`: access interface (PON, wireless AP...).
    #[serde(deserialize_with = "l::object")]
    pub interface: Option<NetInterface>,
    /// `interface_conexao`: connection interface, on servers that send it.
    #[serde(deserialize_with = "l::object")]
    pub interface_conexao: Option<NetInterface>,
    /// `interface_roteamento`: routing interface on the concentrator.
    #[serde(deserialize_with = "l::object")]
    pub interface_roteamento: Option<NetInterface>,
    /// `equipamento_conexao`: access equipment (OLT, AP).
    #[serde(deserialize_with = "l::object")]
    pub equipamento_conexao: Option<Equipment>,
    /// `equipamento_roteamento`: the concentrator (BRAS). Read it through
    /// [`CustomerService::routing_equipment`], which also looks at the
    /// spelling without underscore.
    #[serde(deserialize_with = "l::object")]
    pub equipamento_roteamento: Option<Equipment>,
    /// `equipamentoroteamento`: the same, as some responses spell it (its
    /// own field: a serde alias would fail when both keys come).
    #[serde(deserialize_with = "l::object")]
    pub equipamentoroteamento: Option<Equipment>,
    /// `pacotes`: add-on packages (empty when `null` or missing).
    #[serde(deserialize_with = "l::list")]
    pub pacotes: Vec<Package>,
    /// `endereco_cadastral`: registration address.
    #[serde(deserialize_with = "l::object")]
    pub endereco_cadastral: Option<Address>,
    /// `endereco_instalacao`: installation address (the only geocoded one).
    #[serde(deserialize_with = "l::object")]
    pub endereco_instalacao: Option<Address>,
    /// `endereco_fiscal`: tax address.
    #[serde(deserialize_with = "l::object")]
    pub endereco_fiscal: Option<Address>,
    /// `endereco_cobranca`: billing address.
    #[serde(deserialize_with = "l::object")]
    pub endereco_cobranca: Option<Address>,
    /// `desbloqueios`: the trust-unlock history, sent by current servers
    /// when asked with `incluir_desbloqueios=sim`
    /// ([`CustomerSearch::include_unlocks`]). `None` when the server did
    /// not send the key (an older server, or not asked): "no history" is
    /// not "no unlock".
    #[serde(
        deserialize_with = "unlock_history",
        skip_serializing_if = "Option::is_none"
    )]
    pub desbloqueios: Option<Vec<UnlockRecord>>,
}

/// `desbloqueios` when the key is there (even `null`): the history was sent.
fn unlock_history<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<UnlockRecord>>, D::Error> {
    l::list(d).map(Some)
}

/// One trust unlock of a service (`servicos[].desbloqueios[]`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct UnlockRecord {
    /// `id_cliente_servico_desbloqueio`, when sent.
    #[serde(deserialize_with = "l::id")]
    pub id_cliente_servico_desbloqueio: Option<u64>,
    /// `observacao`: the note ("DESBLOQUEIO PREVENTIVO - Acordo de pagamento.").
    #[serde(deserialize_with = "l::text")]
    pub observacao: Option<String>,
    /// `data_cadastro`: when it was granted.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
    /// `data_fim`: the day it ends. Read it through [`UnlockRecord::ends`],
    /// which also looks at `data_termino`.
    #[serde(deserialize_with = "l::date")]
    pub data_fim: Option<ApiDate>,
    /// `data_termino`: the end, as some servers spell it.
    #[serde(deserialize_with = "l::date")]
    pub data_termino: Option<ApiDate>,
    /// `dias_desbloqueio`: how many days it was granted for.
    #[serde(deserialize_with = "l::int")]
    pub dias_desbloqueio: Option<i64>,
}

impl UnlockRecord {
    /// The end of the unlock under either spelling of the key.
    pub fn ends(&self) -> Option<&ApiDate> {
        self.data_fim.as_ref().or(self.data_termino.as_ref())
    }
}

impl CustomerService {
    /// How many trust unlocks were granted on or after `since` (for "3rd
    /// unlock in 30 days"); records without a readable date are not
    /// counted.
    pub fn unlocks_since(&self, since: NaiveDate) -> usize {
        self.desbloqueios
            .iter()
            .flatten()
            .filter(|u| {
                u.data_cadastro
                    .as_ref()
                    .and_then(ApiDate::date)
                    .is_some_and(|d| d >= since)
            })
            .count()
    }

    /// The latest trust unlock (by its grant date; undated ones come last).
    pub fn last_unlock(&self) -> Option<&UnlockRecord> {
        self.desbloqueios.iter().flatten().max_by_key(|u| {
            let d = u.data_cadastro.as_ref();
            (d.and_then(ApiDate::date), d.and_then(ApiDate::instant))
        })
    }
}

impl CustomerService {
    /// The concentrator under either spelling of the key.
    pub fn routing_equipment(&self) -> Option<&Equipment> {
        self.equipamento_roteamento
            .as_ref()
            .or(self.equipamentoroteamento.as_ref())
    }
}

/// Last RADIUS connection of a service ("last seen", not a live probe).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct LastConnection {
    /// `conectado`: online at the last accounting record.
    #[serde(deserialize_with = "l::flag")]
    pub conectado: Option<bool>,
    /// `ultima_conexao_datetime` (`2019-12-15 18:22:24-03`).
    #[serde(deserialize_with = "l::date")]
    pub ultima_conexao_datetime: Option<ApiDate>,
    /// `ultima_desconexao_datetime`.
    #[serde(deserialize_with = "l::date")]
    pub ultima_desconexao_datetime: Option<ApiDate>,
    /// `ultima_conexao` (`15/12/2019 18:22:24`).
    #[serde(deserialize_with = "l::date")]
    pub ultima_conexao: Option<ApiDate>,
    /// `ultima_desconexao`.
    #[serde(deserialize_with = "l::date")]
    pub ultima_desconexao: Option<ApiDate>,
    /// `ultimo_ipv4`: public address of the last session.
    #[serde(deserialize_with = "l::text")]
    pub ultimo_ipv4: Option<String>,
    /// `ultimo_nas_ip`: concentrator address of the last session.
    #[serde(deserialize_with = "l::text")]
    pub ultimo_nas_ip: Option<String>,
    /// `status_txt`: server-composed summary.
    #[serde(deserialize_with = "l::text")]
    pub status_txt: Option<String>,
    /// `status_txt_resumido`: shorter summary.
    #[serde(deserialize_with = "l::text")]
    pub status_txt_resumido: Option<String>,
}

/// `porta_atendimento`: the port serving the customer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct ServicePort {
    /// `numero`: port number (an integer in the examples, kept as text).
    #[serde(deserialize_with = "l::text")]
    pub numero: Option<String>,
    /// `equipamento`: splitter/box name.
    #[serde(deserialize_with = "l::text")]
    pub equipamento: Option<String>,
}

/// A network interface (`interface`, `interface_roteamento`, zone interfaces).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct NetInterface {
    /// `id_interface_conexao` (service-zone interfaces).
    #[serde(deserialize_with = "l::id")]
    pub id_interface_conexao: Option<u64>,
    /// `nome`: e.g. `PON5`, `ether8`.
    #[serde(deserialize_with = "l::short_text")]
    pub nome: Option<ShortText>,
    /// `descricao`.
    #[serde(deserialize_with = "l::short_text")]
    pub descricao: Option<ShortText>,
    /// `tipo`: `gpon`, `epon`, `ethernet`, `wireless`...
    #[serde(deserialize_with = "l::short_text")]
    pub tipo: Option<ShortText>,
    /// `called_sid`.
    #[serde(deserialize_with = "l::short_text")]
    pub called_sid: Option<ShortText>,
    /// `equipamento_conexao`: the equipment the interface belongs to.
    #[serde(deserialize_with = "l::object")]
    pub equipamento_conexao: Option<Equipment>,
    /// `interface_conexao_roteamento`: where an equipment's interface is
    /// routed (`rede/equipamento`).
    #[serde(deserialize_with = "l::object")]
    pub interface_conexao_roteamento: Option<Box<NetInterface>>,
}

/// A piece of network equipment (OLT, concentrator, AP, switch).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct Equipment {
    /// `id_equipamento` (network routes only).
    #[serde(deserialize_with = "l::id")]
    pub id_equipamento: Option<u64>,
    /// `nome`.
    #[serde(deserialize_with = "l::short_text")]
    pub nome: Option<ShortText>,
    /// `ipv4`.
    #[serde(deserialize_with = "l::short_text")]
    pub ipv4: Option<ShortText>,
    /// `ipv6`.
    #[serde(deserialize_with = "l::short_text")]
    pub ipv6: Option<ShortText>,
    /// `modelo`.
    #[serde(deserialize_with = "l::short_text")]
    pub modelo: Option<ShortText>,
    /// `fabricante`: manufacturer.
    #[serde(deserialize_with = "l::short_text")]
    pub fabricante: Option<ShortText>,
    /// `tipo`: `ROTEADOR`, `ACCESS POINT`, `OLT`... (`rede/equipamento`).
    #[serde(deserialize_with = "l::short_text")]
    pub tipo: Option<ShortText>,
    /// `autentica_radius`: whether subscribers authenticate through it.
    #[serde(deserialize_with = "l::flag")]
    pub autentica_radius: Option<bool>,
    /// `interfaces`: its interfaces (`rede/equipamento`).
    #[serde(deserialize_with = "l::list")]
    pub interfaces: Vec<NetInterface>,
}

/// An add-on package of a service (fixed IP, TV...).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Package {
    /// `id_pacote`.
    #[serde(deserialize_with = "l::id")]
    pub id_pacote: Option<u64>,
    /// `descricao`.
    #[serde(deserialize_with = "l::text")]
    pub descricao: Option<String>,
    /// `valor` (arrives as text, `"20"`).
    #[serde(deserialize_with = "l::money", serialize_with = "l::money_out")]
    pub valor: Option<Decimal>,
    /// `observacoes`.
    #[serde(deserialize_with = "l::text")]
    pub observacoes: Option<String>,
    /// `data_cadastro`.
    #[serde(deserialize_with = "l::date")]
    pub data_cadastro: Option<ApiDate>,
}

/// One of a service's four addresses.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Address {
    /// `completo`: the whole address on one line.
    #[serde(deserialize_with = "l::short_text")]
    pub completo: Option<ShortText>,
    /// `logradouro`: street type (RUA, AV...).
    #[serde(deserialize_with = "l::short_text")]
    pub logradouro: Option<ShortText>,
    /// `endereco`: street name.
    #[serde(deserialize_with = "l::short_text")]
    pub endereco: Option<ShortText>,
    /// `numero`: house number, kept as text (`"S/N"` happens).
    #[serde(deserialize_with = "l::short_text")]
    pub numero: Option<ShortText>,
    /// `complemento`.
    #[serde(deserialize_with = "l::short_text")]
    pub complemento: Option<ShortText>,
    /// `bairro`: neighbourhood.
    #[serde(deserialize_with = "l::short_text")]
    pub bairro: Option<ShortText>,
    /// `cep`: postal code, with or without the dash.
    #[serde(deserialize_with = "l::short_text")]
    pub cep: Option<ShortText>,
    /// `estado`: a state code or full name (see [`Address::state_code`]).
    #[serde(deserialize_with = "l::short_text")]
    pub estado: Option<ShortText>,
    /// `uf`: a state code or full name, whichever `estado` is not.
    #[serde(deserialize_with = "l::short_text")]
    pub uf: Option<ShortText>,
    /// `cidade`.
    #[serde(deserialize_with = "l::short_text")]
    pub cidade: Option<ShortText>,
    /// `coordenadas`: only installation addresses are geocoded.
    #[serde(deserialize_with = "l::object")]
    pub coordenadas: Option<Coordinates>,
}

impl Address {
    /// The two-letter state code, whichever of `estado`/`uf` holds it.
    pub fn state_code(&self) -> Option<&str> {
        [&self.uf, &self.estado]
            .into_iter()
            .flatten()
            .map(ShortText::as_str)
            .find(|s| s.len() == 2)
    }

    /// The state's full name, whichever of `estado`/`uf` holds it.
    pub fn state_name(&self) -> Option<&str> {
        [&self.estado, &self.uf]
            .into_iter()
            .flatten()
            .map(ShortText::as_str)
            .find(|s| s.len() > 2)
    }
}

/// Geographic coordinates of an installation address.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Coordinates {
    /// `latitude`.
    #[serde(deserialize_with = "l::float")]
    pub latitude: Option<f64>,
    /// `longitude`.
    #[serde(deserialize_with = "l::float")]
    pub longitude: Option<f64>,
}

// ---------------------------------------------------------------------------
// Routes
impl Client {
    /// `GET /cliente`: searches customers. 404 ("nothing found") gives an
    /// empty list. When `limit` customers come back there may be more:
    /// tell the attendant to narrow the search.
    pub async fn search_customers(
        &self,
        params: &CustomerSearch,
    ) -> Result<Vec<Customer>, ApiError> {
        let call = params.to_call()?;
        let r: Result<CustomersResponse, _> = self.call(call).await;
        empty_if_not_found(r.map(|r| r.clientes)).map_err(|e| newer_kind_refused(params.by, e))
    }

    /// `GET /cliente/all`: every customer registered in the window (all of
    /// them when nothing is set). The server caches this answer. A window
    /// in which nobody registered may come back as 404: an empty list.
    pub async fn all_customers(&self, params: &AllCustomers) -> Result<Vec<Customer>, ApiError> {
        let r: Result<CustomersResponse, _> = self.call(params.to_call()?).await;
        empty_if_not_found(r.map(|r| r.clientes))
    }
}

/// A search by a kind newer than the 2020 documentation that the server
/// refuses for its `busca` (a 2020 server lists the kinds it knows) is
/// [`ApiError::NotOffered`]: this server does not offer that search.
fn newer_kind_refused(by: CustomerSearchBy, e: ApiError) -> ApiError {
    let route = match by {
        CustomerSearchBy::ServiceId => "cliente?busca=id_cliente_servico",
        CustomerSearchBy::CustomerId => "cliente?busca=id_cliente",
        CustomerSearchBy::ExternalId => "cliente?busca=id_externo",
        _ => return e,
    };
    let about_busca = |text: &str| text.to_lowercase().contains("busca");
    match &e {
        ApiError::Refused { msg, errors, .. }
            if about_busca(msg) || errors.iter().any(|x| about_busca(x)) =>
        {
            ApiError::NotOffered { route, status: 400 }
        }
        _ => e,
    }
}

#[cfg(test)]
mod tests;
