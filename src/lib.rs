//! hubdesk: a keyboard-driven terminal console for help-desk and NOC staff of
//! internet providers that run the HubSoft ISP management system.
//!
//! The crate is one package with a library target so that integration tests
//! and benchmarks reach its modules. Imports run one way only (see
//! `../shared/GUIDE.md` §1): `api` knows nothing of terminals or the app,
//! `sim` never imports `api` types.

pub mod api;
pub mod app;
pub mod audit;
pub mod br;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod console;
pub mod hardening;
pub mod i18n;
pub mod index;
pub mod logging;
pub mod mask;
pub mod ops;
pub mod sanitize;
pub mod screenpop;
pub mod search_kind;
pub mod sim;
pub mod text;
pub mod tui;
pub mod ui;
