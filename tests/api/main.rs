//! API-level integration tests: the typed client against scripted servers,
//! the documented examples, the quirks, the simulator round trip, the fault
//! matrix, the fuzz properties and TLS verification.
//!
//! One test binary per group (issue 15): every file under `tests/` at the
//! top level is a binary that links separately, so the test files are
//! modules of this one.

#[path = "../support/mod.rs"]
mod support;

mod api_client;
mod api_examples;
mod api_newer_routes;
mod api_quirks;
mod api_roundtrip;
mod fault_matrix;
mod properties;
mod tls;
