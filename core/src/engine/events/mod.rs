//! `/termin` and `/termine`: creating, showing, listing and changing events, one file per job.

pub mod cards;
mod listing;
mod lookup;
mod manage;
mod posting;
mod problems;
mod subscriptions;

pub use listing::list;
pub use lookup::{found, next_occurrence, pick_occurrence, sees};
pub use manage::{act, create};
pub use posting::refresh_cards;
pub use problems::{draft_problem, private_text, when_question, when_question_again};
pub use subscriptions::subscribe;
