//! The HubSoft integration API client.
//!
//! Usable as a library on its own: it knows nothing of terminals or of the
//! console's state. One [`Client`] is cheap to clone and shared by the whole
//! application.

mod client;
mod error;
pub mod params;

pub mod addresses;
pub mod connections;
pub mod customers;
pub mod envelope;
pub mod invoices;
pub mod lenient;
pub mod network;
pub mod orders;
pub mod pbx;
pub mod prospects;
pub mod receivables;
pub mod service_actions;
pub mod tickets;

pub use addresses::{CitiesResponse, City, Neighbourhood};
pub use client::{Call, CallKind, Client};
pub use connections::{ConnectionLog, ConnectionLogQuery, ConnectionRecord, ConnectionStats};
pub use customers::{
    Address, AllCustomers, Coordinates, Customer, CustomerSearch, CustomerService,
    CustomersResponse, Equipment, LastConnection, NetInterface, Package, ServicePort,
};
pub use envelope::{ActionResponse, Envelope};
pub use error::ApiError;
pub use invoices::{
    Invoice, InvoiceEmail, InvoiceLine, InvoicePush, InvoiceSearch, InvoiceSearchBy, InvoiceSms,
    InvoicesResponse, Recipient, SendJob, SendJobResponse,
};
pub use lenient::ApiDate;
pub use network::{EquipmentResponse, Pop, PopsResponse, ServiceZone, ZonesResponse};
pub use orders::{
    ServiceOrder, ServiceOrderOrderBy, ServiceOrderSearch, ServiceOrderSearchBy,
    ServiceOrderStatus, ServiceOrdersResponse,
};
pub use params::{CustomerSearchBy, InvoiceOrderBy, OrderType, RecordOrderBy};
pub use pbx::PbxCall;
pub use prospects::{
    NewProspect, PersonKind, Prospect, ProspectPlan, ProspectPlansQuery, ProspectPlansResponse,
    ProspectResponse, ProspectSearch, ProspectService, ProspectsResponse,
};
pub use receivables::{DateKind, ReceivableSearchBy, ReceivablesQuery, ResultDetail};
pub use service_actions::{Disconnect, DisconnectResponse, ResetMac, TrustUnlock};
pub use tickets::{
    NewTicket, Ticket, TicketResponse, TicketSearch, TicketSearchBy, TicketUpdate, TicketsResponse,
};
