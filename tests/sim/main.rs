//! The embedded simulator on its own: shapes, data, actions and faults.
//!
//! One test binary per group (issue 15): every file under `tests/` at the
//! top level is a binary that links separately, so the test files are
//! modules of this one.

#[path = "../sim_support/mod.rs"]
mod support;

mod sim_actions;
mod sim_data;
mod sim_faults;
mod sim_newer_routes;
mod sim_reconnect;
mod sim_shapes;
