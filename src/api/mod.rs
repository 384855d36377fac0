//! The HubSoft integration API client.
//!
//! Usable as a library on its own: it knows nothing of terminals or of the
//! console's state. One [`Client`] is cheap to clone and shared by the whole
//! application.

mod client;
mod error;
pub mod params;

pub mod customers;
pub mod envelope;
pub mod lenient;

pub use client::{Call, CallKind, Client};
pub use customers::{
    Address, AllCustomers, Coordinates, Customer, CustomerSearch, CustomerService,
    CustomersResponse, Equipment, LastConnection, NetInterface, Package, ServicePort,
};
pub use envelope::{ActionResponse, Envelope};
pub use error::ApiError;
pub use lenient::ApiDate;
pub use params::{CustomerSearchBy, InvoiceOrderBy, OrderType, RecordOrderBy};
