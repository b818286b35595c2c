//! Allianz-Bot's core: everything that is true on every messenger, and no network I/O.
//!
//! Adapters turn platform events into [`message::Incoming`], hand them to
//! [`engine::Engine::handle`] and deliver what lands in the outbox.

pub mod calendar;
pub mod command;
pub mod domain;
pub mod engine;
pub mod format;
pub mod i18n;
pub mod message;
pub mod schedule;
pub mod store;

pub use engine::{Engine, EngineConfig, EngineError, EventRules, Handled, Limits, VacancyRules};
