//! The state machine of the console: state, messages, `update`, and the key
//! bindings it dispatches. Holds no terminal and no sockets.

#![warn(missing_docs)]

pub mod confirm;
pub mod forms;
pub mod inflight;
pub mod keymap;
pub mod results;
