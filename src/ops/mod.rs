//! The operations core shared by the console and the command line.
//!
//! What an action sends and who it is recorded as must not depend on the
//! front end that asked for it: both build their requests here, so a fix
//! made once holds for both (and is pinned by a test for each).

pub mod actions;
pub mod bulk;
pub mod commands;
pub mod errors;
pub mod identity;
pub mod templates;
pub mod tickets;
pub mod unlocks;
