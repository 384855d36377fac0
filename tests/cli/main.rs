//! The scriptable CLI: the real `hubdesk` binary, with and without a
//! terminal, its exit codes, bad input, and secrets kept out of every output.
//!
//! One test binary per group (issue 15): every file under `tests/` at the
//! top level is a binary that links separately, so the test files are
//! modules of this one.

#[path = "../cli_kit/mod.rs"]
mod cli_kit;

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod cli;
mod cli_audit;
mod cli_bulk;
mod cli_confirm;
mod cli_faults;
mod cli_more;
mod cli_newer_actions;
mod cli_newer_reads;
mod cli_templates;
mod packaging;
mod secrets;
