//! The alliance's vocabulary as types. Every newtype parses once, so the engine and the
//! store never see an invalid value.

pub mod agenda;
pub mod amount;
pub mod announcement;
pub mod budget;
pub mod codes;
pub mod event;
pub mod geo;
pub mod identity;
pub mod initiative;
pub mod keys;
pub mod member;
pub mod poll;
pub mod question;
pub mod series;
pub mod text;
pub mod vacancy;
pub mod visibility;
pub mod when;

pub use amount::{Amount, AmountError};
pub use budget::{
    Application, ApplicationId, ApplicationState, BallotForm, BallotState, Choice, Round, RoundId,
    RoundSettings, RoundState,
};
pub use event::{Event, EventDraft, EventId, Rsvp, RsvpStatus};
pub use geo::GeoPoint;
pub use identity::{Platform, PlatformIdentity};
pub use initiative::{Initiative, InitiativeDraft, InitiativeField, InitiativeId};
pub use member::{Lang, Member, MemberId, MemberStatus, Role};
pub use poll::{Poll, PollDraft, PollError, PollId};
pub use series::parse_schedule;
pub use visibility::{Audience, Place, Visibility, may_see};
pub use when::{When, WhenProblem, parse_when};
