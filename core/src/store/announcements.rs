//! What organisers announce to the alliance's channels, and how its delivery goes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Result;
pub use crate::domain::announcement::Scope;
use crate::domain::{Lang, MemberId, Platform};
use crate::message::Target;

#[derive(Debug, Clone)]
pub struct NewAnnouncement {
    pub author: MemberId,
    pub scope: Scope,
    pub body: String,
    /// Where the organiser asked: the delivery report is kept up to date there.
    pub report_to: Target,
    pub lang: Lang,
    pub created_at: DateTime<Utc>,
    /// When it is to go out; `None`: at once (it is sent as it is made).
    pub due_at: Option<DateTime<Utc>>,
    /// Also the news on the public web view (never a confidential one).
    pub on_web: bool,
}

#[derive(Debug, Clone)]
pub struct Announcement {
    pub id: i64,
    pub author: Option<MemberId>,
    pub scope: Scope,
    pub body: String,
    pub report_to: Target,
    pub lang: Lang,
    /// The report's text as last sent.
    pub report: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub on_web: bool,
}

/// One channel's message of an announcement, as far as it got.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub platform: Platform,
    pub chat_id: String,
    /// The channel's name (`None` if it was disconnected since).
    pub title: Option<String>,
    pub state: DeliveryState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryState {
    Sent,
    /// Not yet: waiting for its turn, or to be tried again after this error.
    Pending {
        last_error: Option<String>,
    },
    /// Given up for good, with the platform's reason.
    Failed {
        reason: String,
    },
}

#[async_trait]
pub trait AnnouncementsTx: Send {
    async fn insert_announcement(&mut self, new: &NewAnnouncement) -> Result<i64>;

    async fn announcement(&mut self, id: i64) -> Result<Option<Announcement>>;

    /// What went out as the website's news, newest first (not confidential, not called off).
    async fn web_news(&mut self, limit: i64) -> Result<Vec<Announcement>>;

    /// The outbox messages that carry it to the channels (not its report), in the order they
    /// were queued.
    async fn announcement_deliveries(&mut self, id: i64) -> Result<Vec<Delivery>>;

    /// Keeps the report's text as sent.
    async fn set_announcement_report(&mut self, id: i64, report: &str) -> Result<()>;

    /// Those still to go out, the next first.
    async fn scheduled_announcements(&mut self) -> Result<Vec<Announcement>>;

    /// Those due by `now` and not sent or called off.
    async fn due_announcements(&mut self, now: DateTime<Utc>) -> Result<Vec<Announcement>>;

    /// Marks it sent; `false` if it was sent or called off already (by another daemon, or
    /// before a restart): then it must not go out again.
    async fn claim_announcement(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool>;

    /// Calls off one still to go out; `false` if there is none with that number.
    async fn cancel_announcement(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool>;
}
