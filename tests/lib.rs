//! Integration tests, one binary (see `Cargo.toml`): reading and writing,
//! validation, hostile inputs and the command line.

mod cli;
mod common;
mod distance;
mod hostile;
mod roundtrip;
mod validation;
