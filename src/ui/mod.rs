//! Pure drawing. Reads state, never mutates it and never awaits: the same
//! input always draws the same cells, which is what makes the snapshot
//! tests meaningful.
//!
//! - [`theme`]: semantic colour roles; dark, light and mono themes.
//! - [`widgets`]: spinner, too-small screen, tab bar, hint bar, status
//!   line, pane frame with loading/empty/error, confirmation dialog.
//! - [`help`]: the `?` overlay generated from the keymap.
//!
//! Text is measured and cut with [`crate::text`] (display width, ellipsis).

#![warn(missing_docs)]

pub mod forms;
pub mod help;
pub mod results;
pub mod theme;
pub mod widgets;
