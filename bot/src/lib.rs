#![recursion_limit = "256"]
//! The Allianz-Bot daemon: configuration, adapters, outbox sender. It translates and
//! transports; decisions are made in `allianz-core`.

pub mod cli;
pub mod config;
pub mod console;
pub mod daemon;
pub mod matrix;
pub mod outbox;
pub mod secret;
pub mod telegram;
