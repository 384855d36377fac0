//! The HubSoft integration API client.
//!
//! Usable as a library on its own: it knows nothing of terminals or of the
//! console's state. One [`Client`] is cheap to clone and shared by the whole
//! application.

mod client;
mod error;
pub mod params;

pub use client::{Call, CallKind, Client};
pub use error::ApiError;
