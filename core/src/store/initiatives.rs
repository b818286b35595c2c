//! The initiatives of the alliance.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Result;
use crate::domain::{Initiative, InitiativeDraft, InitiativeId, MemberId};

#[async_trait]
pub trait InitiativesTx: Send {
    async fn insert_initiative(
        &mut self,
        owner: MemberId,
        draft: &InitiativeDraft,
        at: DateTime<Utc>,
    ) -> Result<InitiativeId>;

    /// The active (not archived) initiative with this name, compared folded.
    async fn initiative_by_name(&mut self, name: &str) -> Result<Option<Initiative>>;

    /// The initiative with this number, archived or not.
    async fn initiative(&mut self, id: InitiativeId) -> Result<Option<Initiative>>;

    async fn update_initiative(&mut self, initiative: &Initiative) -> Result<()>;

    /// Active initiatives whose name, region or topics contain the folded query.
    async fn search_initiatives(
        &mut self,
        query: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Initiative>>;

    async fn initiatives_of(&mut self, owner: MemberId) -> Result<Vec<Initiative>>;

    /// Keeps the initiatives of a forgotten member, without the link to the person.
    async fn disown_initiatives(&mut self, owner: MemberId) -> Result<()>;
}
