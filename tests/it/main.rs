//! Allianz-Bot's integration tests, one binary: the store contract and the engine's
//! scenarios on SQLite and PostgreSQL, the daemon as a process, config and README checks.

mod agenda;
mod announcements;
mod backup;
mod browser;
mod budget;
mod calendar;
mod channels;
mod config_file;
mod events;
mod exactly_once;
mod matrix;
mod members;
mod newcomer;
mod polls;
mod privacy;
mod process;
mod questions;
mod readme;
mod service;
mod store_contract;
mod telegram;
mod topics;
mod vacancies;
mod visibility;
mod web;
