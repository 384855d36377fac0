//! Pure drawing. Reads state, never mutates it and never awaits: the same
//! input always draws the same cells, which is what makes the snapshot
//! tests meaningful.
//!
//! - [`theme`]: semantic colour roles; dark, light and mono themes.
//! - [`widgets`]: spinner, too-small screen, tab bar, hint bar, status
//!   line, pane frame with loading/empty/error, confirmation dialog.
//! - [`help`]: the `?` overlay generated from the keymap.
//! - [`console`]: the whole screen of the console; [`search`] and
//!   [`customer`] its two screens; one file per list pane
//!   ([`invoices`], [`tickets`], [`orders`], [`connections`]).
//!
//! Text is measured and cut with [`crate::text`] (display width, ellipsis).

#![warn(missing_docs)]

pub mod actions;
pub mod cells;
pub mod connections;
pub mod console;
pub mod customer;
pub mod detail;
pub mod forms;
pub mod help;
pub mod invoices;
pub mod orders;
pub mod palette;
pub mod results;
pub mod search;
pub mod tab_strip;
/// The colour themes live at the top level (`crate::theme`), below `app` and
/// `config`; this path stays for code that names them as part of the UI.
pub use crate::theme;
pub mod tickets;
pub mod tools;
pub mod watch;
pub mod widgets;
