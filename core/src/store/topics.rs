//! Topics for the meetups and the members' points on them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Result;
use crate::domain::MemberId;

/// A topic with the points it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: i64,
    pub title: String,
    pub proposed_by: Option<MemberId>,
    pub points: i64,
}

#[async_trait]
pub trait TopicsTx: Send {
    async fn insert_topic(&mut self, title: &str, by: MemberId, at: DateTime<Utc>) -> Result<i64>;

    async fn topic(&mut self, id: i64) -> Result<Option<Topic>>;

    /// All topics, the most points first (then the oldest).
    async fn topics(&mut self) -> Result<Vec<Topic>>;

    /// How many points a member has given, on all topics together.
    async fn points_given(&mut self, member: MemberId) -> Result<i64>;

    /// A member's points on one topic.
    async fn points_on(&mut self, topic: i64, member: MemberId) -> Result<i64>;

    /// Sets a member's points on a topic (0 removes them).
    async fn set_points(
        &mut self,
        topic: i64,
        member: MemberId,
        points: i64,
        at: DateTime<Utc>,
    ) -> Result<()>;
}
