//! The state machine of the console: state, messages, `update`, and the key
//! bindings it dispatches. Holds no terminal and no sockets.

pub mod keymap;
