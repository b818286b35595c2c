//! `/termin` and `/termine`: creating, showing, listing and changing events, one file per job.

pub mod cards;
mod documentation;
mod listing;
mod lookup;
mod manage;
mod posting;
mod problems;
pub mod programme;
mod subscriptions;

pub use documentation::{past, record};
pub use listing::{held, list};
pub use lookup::{found, next_occurrence, pick_occurrence, sees};
pub use manage::{act, create};
pub use posting::refresh_cards;
pub use problems::{draft_problem, private_text, when_question, when_question_again};
pub use programme::present;
pub use subscriptions::subscribe;
