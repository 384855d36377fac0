//! The HubSoft integration API client.
//!
//! Usable as a library on its own: it knows nothing of terminals or of the
//! console's state. One [`Client`] is cheap to clone and shared by the whole
//! application.
//!
//! # Typed routes
//!
//! Each route has a parameter type whose pure `to_call()` checks the
//! documented bounds (failing with [`ApiError::InvalidRequest`] before
//! anything is sent) and builds the [`Call`], plus one method on [`Client`]:
//!
//! | Method | Route | Parameters | Returns |
//! |---|---|---|---|
//! | [`Client::search_customers`] | `GET /cliente` | [`CustomerSearch`] | `Vec<`[`Customer`]`>` (404 = empty) |
//! | [`Client::all_customers`] | `GET /cliente/all` | [`AllCustomers`] | `Vec<`[`Customer`]`>` |
//! | [`Client::stream_all_customers`] | `GET /cliente/all` | [`AllCustomers`] | [`CustomerStream`] (404 = empty), memory flat |
//! | [`Client::customer_tickets`] | `GET /cliente/atendimento` | [`TicketSearch`] | `Vec<`[`Ticket`]`>` (404 = empty) |
//! | [`Client::open_ticket`] | `POST /atendimento` | [`NewTicket`] | [`TicketResponse`] |
//! | [`Client::update_ticket`] | `PUT /atendimento/{id}` | [`TicketUpdate`] | [`TicketResponse`] |
//! | [`Client::trust_unlock`] | `POST /cliente/desbloqueio_confianca` | [`TrustUnlock`] | [`ActionResponse`] |
//! | [`Client::request_disconnect`] | `GET /cliente/solicitar_desconexao/{id}` | [`Disconnect`] | [`DisconnectResponse`] |
//! | [`Client::connection_log`] | `GET /cliente/extrato_conexao` | [`ConnectionLogQuery`] | [`ConnectionLog`] (404 = empty) |
//! | [`Client::customer_invoices`] | `GET /cliente/financeiro` | [`InvoiceSearch`] | `Vec<`[`Invoice`]`>` (404 = empty) |
//! | [`Client::send_invoice_email`] | `POST /cliente/financeiro/enviar_email` | [`InvoiceEmail`] | [`SendJobResponse`] |
//! | [`Client::send_invoice_sms`] | `POST /cliente/financeiro/enviar_sms` | [`InvoiceSms`] | [`SendJobResponse`] |
//! | [`Client::send_invoice_push`] | `POST /cliente/financeiro/enviar_push` | [`InvoicePush`] | [`ActionResponse`] |
//! | [`Client::service_orders`] | `GET /cliente/ordem_servico` | [`ServiceOrderSearch`] | `Vec<`[`ServiceOrder`]`>` (404 = empty) |
//! | [`Client::reset_mac`] | `POST /cliente/reset_mac_addr` | [`ResetMac`] | [`ActionResponse`] |
//! | [`Client::cities`] | `GET /endereco/cidade` | none | `Vec<`[`City`]`>` |
//! | [`Client::receivables`] | `GET /financeiro` | [`ReceivablesQuery`] | `Vec<`[`Invoice`]`>` (404 = empty) |
//! | [`Client::pbx_notify`] | `POST /pbx/ligacao/notificar` | [`PbxCall`] | [`ActionResponse`] |
//! | [`Client::pbx_cancel`] | `POST /pbx/ligacao/cancelar` | [`PbxCall`] | [`ActionResponse`] |
//! | [`Client::prospect_plans`] | `GET /prospecto/create?cep=` | [`ProspectPlansQuery`] | `Vec<`[`ProspectPlan`]`>` |
//! | [`Client::create_prospect`] | `POST /prospecto` | [`NewProspect`] | [`ProspectResponse`] |
//! | [`Client::search_prospects`] | `GET /prospecto?busca=` | [`ProspectSearch`] | `Vec<`[`Prospect`]`>` (404 = empty) |
//! | [`Client::network_equipment`] | `GET /rede/equipamento` | none | `Vec<`[`Equipment`]`>` |
//! | [`Client::network_pops`] | `GET /rede/pop` | none | `Vec<`[`Pop`]`>` |
//! | [`Client::service_zones`] | `GET /rede/zona_atendimento` | none | `Vec<`[`ServiceZone`]`>` |
//!
//! Routes of current servers, newer than the 2020 documentation
//! ([`NEWER_ROUTES`]). A server that predates one answers
//! [`ApiError::NotOffered`]; the client remembers that for the session
//! ([`Client::lacks`]) and, where a 2020 route does the same job, uses it:
//!
//! | Method | Route | Parameters | Returns | Without it |
//! |---|---|---|---|---|
//! | [`Client::reset_phy`] | `POST /cliente/reset_phy_addr` | [`ResetPhy`] | [`ActionResponse`] | `NotOffered` |
//! | [`Client::enable_service`] | `POST /cliente/cliente_servico/habilitar/{id}` | [`EnableService`] | [`ServiceStateResponse`] | `NotOffered` |
//! | [`Client::suspend_service`] | `POST /cliente/cliente_servico/suspender/{id}` | [`SuspendService`] | [`ServiceStateResponse`] | `NotOffered` |
//! | [`Client::activate_service`] | `POST /cliente/cliente_servico/ativar/{id}` | [`ActivateService`] | [`ServiceStateResponse`] | `NotOffered` |
//! | [`Client::service_passwords`] | `GET /cliente/cliente_servico/{id}/senhas` | [`ServicePasswordsQuery`] | `Vec<`[`ServicePassword`]`>` | `NotOffered` |
//! | [`Client::reboot_cpe`] | `POST /rede/reiniciar_cpe/{phy_addr}` | [`RebootCpe`] | [`ActionResponse`] | `NotOffered` |
//! | [`Client::factory_reset_cpe`] | `POST /rede/restaurar_cpe/{phy_addr}` | [`FactoryResetCpe`] | [`ActionResponse`] | `NotOffered` |
//! | [`Client::cpe_pages`] | `GET /rede/cpe/todos` | [`CpeQuery`] | [`Pager`] of [`Cpe`] | `NotOffered` |
//! | [`Client::customer_feed`] | `GET /cliente/todos` | [`CustomerPagesQuery`] | [`CustomerFeed`] | `cliente/all` streamed |
//! | [`Client::invoice_feed`] | `GET /financeiro/fatura` | [`InvoicePagesQuery`] | [`InvoiceFeed`] | `financeiro` |
//! | [`Client::list_cities`] | `GET /configuracao/cidade` | none | `Vec<`[`City`]`>` | `endereco/cidade` |
//! | [`Client::open_ticket_with`] | `POST /atendimento` + type and order parameters | [`TicketOpening`] | [`TicketResponse`] | fields ignored |
//!
//! Parameters current servers add to 2020 routes (an older server ignores
//! them): [`CustomerSearch::include_unlocks`] (`incluir_desbloqueios`,
//! [`CustomerService::desbloqueios`]), [`TicketSearch::with_messages`]
//! (`relacoes`, [`Ticket::messages`]), the `busca` kinds
//! [`CustomerSearchBy::ServiceId`], [`CustomerSearchBy::CustomerId`],
//! [`CustomerSearchBy::ExternalId`] (an older server refuses them) and
//! [`ConnectionLogBy`] (`ipv4`, `mac`, `ipv6_wan`, `ipv6_lan`).
//!
//! Response fields keep the API's own (Portuguese) key names and are all
//! optional: [`lenient`] decodes each one so that an odd value becomes
//! `None` (or [`ApiDate::Raw`]) instead of failing the record. Where HubSoft
//! spells a key two ways, both are fields and an accessor picks either
//! ([`Invoice::pix`], [`CustomerService::routing_equipment`],
//! [`Customer::birth_date`], [`Ticket::service_orders`],
//! [`ServiceOrder::service`]).

#![warn(missing_docs)]

mod auth;
mod client;
mod error;
pub mod params;
mod response;
mod routes;
mod secret;
mod tls;

pub use auth::{Credentials, TokenInfo};
pub use client::{Call, CallKind, Client, ClientConfig};
pub use error::{AUTH_FRESH_TOKEN_REFUSED, AUTH_REFUSED_WITHOUT_REASON, ApiError};
pub use response::{DETAIL_CUT_SHORT, DETAIL_EMPTY, DETAIL_NOT_JSON};
pub use routes::{NEWER_ROUTES, body_limit, fallback_of, is_newer};
pub use secret::Secret;
pub mod addresses;
pub mod bulk;
pub mod connections;
pub mod cpe;
pub mod customer_key;
pub mod customers;
pub mod envelope;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod invoices;
pub mod lenient;
pub mod network;
pub mod orders;
pub mod pages;
pub mod passwords;
pub mod pbx;
pub mod prospects;
pub mod receivables;
pub mod service_actions;
pub mod service_state;
pub mod speed;
pub mod ticket_extras;
pub mod tickets;

pub use addresses::{CitiesResponse, City, Neighbourhood};
pub use bulk::{
    CustomerFeed, CustomerPagesAs, CustomerPagesQuery, CustomersPage, InvoiceFeed,
    InvoicePagesQuery, InvoicesPage,
};
pub use connections::{
    ConnectionLog, ConnectionLogBy, ConnectionLogQuery, ConnectionRecord, ConnectionStats,
    ConnectionTotals, Traffic,
};
pub use cpe::{
    Cpe, CpePage, CpeQuery, CpeReading, CpeService, CpeSignals, FactoryResetCpe, RebootCpe,
};
pub use customer_key::CustomerKey;
pub use customers::{
    Address, AllCustomers, Coordinates, Customer, CustomerSearch, CustomerService,
    CustomersResponse, Equipment, LastConnection, NetInterface, Package, ServicePort, UnlockRecord,
};
pub use envelope::{ActionResponse, Envelope};
pub use export::{ArraySplitter, CustomerStream, RecordStream};
pub use invoices::{
    Invoice, InvoiceEmail, InvoiceLine, InvoicePush, InvoiceSearch, InvoiceSearchBy, InvoiceSms,
    InvoicesResponse, Recipient, SendJob, SendJobResponse,
};
pub use lenient::{ApiDate, ShortText};
pub use network::{EquipmentResponse, Pop, PopsResponse, ServiceZone, ZonesResponse};
pub use orders::{
    ServiceOrder, ServiceOrderOrderBy, ServiceOrderSearch, ServiceOrderSearchBy,
    ServiceOrderStatus, ServiceOrdersResponse, Technician,
};
pub use pages::{MAX_PER_PAGE, PageBody, PagedQuery, Pager, Pagination};
pub use params::{CustomerSearchBy, InvoiceOrderBy, OrderType, RecordOrderBy};
pub use passwords::{ServicePassword, ServicePasswordsQuery, ServicePasswordsResponse};
pub use pbx::PbxCall;
pub use prospects::{
    NewProspect, PersonKind, Prospect, ProspectPlan, ProspectPlansQuery, ProspectPlansResponse,
    ProspectResponse, ProspectSearch, ProspectService, ProspectsResponse,
};
pub use receivables::{DateKind, ReceivableSearchBy, ReceivablesQuery, ResultDetail};
pub use service_actions::{Disconnect, DisconnectResponse, ResetMac, ResetPhy, TrustUnlock};
pub use service_state::{
    ActivateService, EnableService, Permission, ServiceState, ServiceStateResponse, SuspendService,
    SuspensionKind,
};
pub use speed::Speed;
pub use ticket_extras::{MessagePlace, OrderParams, TicketMessage, TicketOpening};
pub use tickets::{
    NewTicket, Ticket, TicketResponse, TicketSearch, TicketSearchBy, TicketUpdate, TicketsResponse,
};
