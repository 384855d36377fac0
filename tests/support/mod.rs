//! Helpers shared by the integration tests. Each test binary compiles this
//! module and uses a subset of it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod pty;
