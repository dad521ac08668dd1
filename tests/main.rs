//! lede's integration tests: one binary, fixture sites under
//! `tests/fixtures/sites/`, the real `lede` executable, output checked by
//! parsing HTML.

#![allow(unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

mod support;

mod architecture;
mod browser;
mod build;
mod cases;
mod check;
mod cli;
mod components;
mod constructs;
mod crash;
mod distribution;
mod errors;
mod escaping;
mod hostile;
mod images;
mod languages;
mod messages;
mod publishing;
mod reader;
mod reproducible;
mod scaffold;
mod schema;
mod serve;
mod structure;
