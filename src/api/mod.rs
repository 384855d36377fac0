//! The HubSoft integration API client.
//!
//! Usable as a library on its own: it knows nothing of terminals or of the
//! console's state. One [`Client`] is cheap to clone and shared by the whole
//! application.

mod auth;
mod client;
mod error;
pub mod params;
mod response;
mod secret;
mod tls;

pub use auth::{Credentials, TokenInfo};
pub use client::{Call, CallKind, Client, ClientConfig};
pub use error::ApiError;
pub use secret::Secret;
