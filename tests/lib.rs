//! Integration tests, one binary (see `Cargo.toml`): reading and writing,
//! validation, hostile inputs and the command line.

mod browser;
mod buffer;
mod claims;
mod cli;
mod cli_events;
mod common;
mod contract;
mod coverage;
mod crs;
mod degenerate;
mod distance;
mod hostile;
mod incursion;
mod lake_malawi;
mod large_rings;
mod layers;
mod median;
mod overlap;
mod real_border;
mod render;
mod roundtrip;
mod schedule;
mod territory;
mod validation;
