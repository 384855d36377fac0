//! The console: `update()` and the real runner against the simulator,
//! screen snapshots, and the real binary or the terminal layer in a
//! pseudo-terminal.
//!
//! One test binary per group (issue 15): every file under `tests/` at the
//! top level is a binary that links separately, so the test files are
//! modules of this one.

#[path = "../screen_kit/mod.rs"]
mod screen_kit;

#[path = "../support/mod.rs"]
mod support;

mod console_actions;
mod console_actions_e2e;
mod console_bulk;
mod console_e2e;
mod console_exactly_once;
mod console_faults;
mod console_network;
mod console_newer_actions;
mod console_newer_reads;
mod console_noc;
mod console_pbx;
mod console_receivables;
mod console_runner;
mod console_sales;
mod console_screens;
mod console_tabs;
mod console_templates;
mod console_tools;
mod console_typeahead;
mod console_watch;
mod escapes;
mod pty_harness;
mod screen_pop_e2e;
mod terminal_e2e;
mod terminal_restore;
