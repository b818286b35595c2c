#![recursion_limit = "256"]
//! The Allianz-Bot daemon: configuration, adapters, outbox sender, reminder scheduler. It translates and
//! transports; decisions are made in `allianz-core`.

pub mod budget;
mod check;
pub mod cli;
pub mod config;
pub mod console;
pub mod cpu;
pub mod daemon;
pub mod matrix;
pub mod outbox;
pub mod partners;
mod pause;
pub mod readiness;
pub mod scheduler;
pub mod secret;
pub mod telegram;
pub mod web;
