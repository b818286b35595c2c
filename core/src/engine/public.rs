//! What the alliance shows the world: read models for the web view and its JSON. The web is
//! nobody in particular, so every item passes `may_see` without a viewer or a place; no
//! member's name is in any of them (not who came, voted, asked or wrote), and an initiative's
//! contact only if it chose so.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::Serialize;

use super::budget::outcome_text;
use super::events::cards::when_line;
use super::{Engine, EngineError};
use crate::domain::budget::RoundState;
use crate::domain::text::loose;
use crate::domain::vacancy::VacancyKind;
use crate::domain::{Audience, Event, GeoPoint, Initiative, Lang, Visibility, may_see};
use crate::store::StoreTx;

/// How far ahead the upcoming dates reach, and how far back the past ones.
const AHEAD_DAYS: i64 = 180;
const PAST_DAYS: i64 = 365;
/// A page lists at most this many dates or news items.
const MAX_ITEMS: usize = 200;

/// One date of a public event.
#[derive(Debug, Clone, Serialize)]
pub struct PublicDate {
    pub event: i64,
    pub title: String,
    /// Local time with its offset (RFC 3339).
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
    pub all_day: bool,
    /// As the chat shows it: `Fr, 30.01.2026, 17:00 Uhr`.
    pub when: String,
    pub place: Option<String>,
    pub region: Option<String>,
    /// The date's own topic, else the event's.
    pub topic: Option<String>,
    pub description: Option<String>,
    /// Only when it is not reserved for those who registered.
    pub online_link: Option<String>,
    pub cancelled: bool,
    pub series: bool,
    pub documentation: Option<PublicDocumentation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicDocumentation {
    pub link: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicInitiative {
    pub id: i64,
    pub name: String,
    pub region: String,
    pub description: String,
    pub website: Option<String>,
    pub topics: Vec<String>,
    /// Only if the initiative chose to show it (`/initiative X kontakt öffentlich`).
    pub contact: Option<String>,
    pub location: Option<GeoPoint>,
}

/// A vacant place on the board.
#[derive(Debug, Clone, Serialize)]
pub struct PublicVacancy {
    pub id: i64,
    pub title: String,
    /// Town or address, as the owner wrote it.
    pub place: String,
    /// `shop`, `flat`, `house`, `workshop`, `office`, `hall`, `restaurant`, `land`, `other`.
    pub kind: &'static str,
    /// The kind in German.
    pub kind_name: &'static str,
    pub description: String,
    /// Only if the owner chose to show it (`/leerstand L3 kontakt öffentlich`).
    pub contact: Option<String>,
    pub location: Option<GeoPoint>,
    pub listed_until: DateTime<Utc>,
}

/// Filters of the vacancies page: free text (place, title, description) and kind.
#[derive(Debug, Clone, Default)]
pub struct VacancyFilter {
    pub query: Option<String>,
    /// A kind as people write it (`laden`, `Werkstatt`).
    pub kind: Option<String>,
}

/// An announcement that organisers sent as news (`/ankuendigung öffentlich …`).
#[derive(Debug, Clone, Serialize)]
pub struct PublicNews {
    pub id: i64,
    pub text: String,
    pub published: DateTime<Utc>,
    /// `Fr, 30.01.2026, 17:00 Uhr`.
    pub when: String,
    pub region: Option<String>,
}

/// A published Spendenparlament round.
#[derive(Debug, Clone, Serialize)]
pub struct PublicRound {
    pub id: i64,
    pub title: String,
    pub pot_cents: i64,
    pub granted_cents: i64,
    /// `1.200,00 €`.
    pub pot: String,
    pub granted: String,
    pub counted_at: Option<DateTime<Utc>>,
    /// The vote log's checksum as announced, to recount against.
    pub seal: Option<String>,
    pub results: Vec<PublicResult>,
}

/// One application's result: counts only, never who voted how.
#[derive(Debug, Clone, Serialize)]
pub struct PublicResult {
    pub application: i64,
    pub title: String,
    pub initiative: String,
    pub asked_cents: i64,
    pub granted_cents: i64,
    pub asked: String,
    pub granted: String,
    /// `funded`, `partly`, `no_quorum`, `not_approved`, `pot_exhausted`, `no_points`.
    pub outcome: &'static str,
    /// The outcome in German words.
    pub outcome_text: String,
    pub rank: Option<u32>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub points: u64,
    pub voters: u32,
}

/// Filters of the initiatives page: free text, region, topic (each matched as people write).
#[derive(Debug, Clone, Default)]
pub struct InitiativeFilter {
    pub query: Option<String>,
    pub region: Option<String>,
    pub topic: Option<String>,
}

fn public(visibility: Visibility) -> bool {
    may_see(
        None,
        None,
        Audience {
            visibility,
            chats: &[],
        },
    )
}

fn contains(text: &str, wanted: &Option<String>) -> bool {
    match wanted.as_deref().map(loose).filter(|w| !w.is_empty()) {
        None => true,
        Some(w) => loose(text).contains(&w),
    }
}

impl InitiativeFilter {
    fn keeps(&self, i: &Initiative) -> bool {
        let d = &i.draft;
        let all = format!(
            "{} {} {} {}",
            d.name,
            d.region,
            d.description,
            d.topics.join(" ")
        );
        contains(&all, &self.query)
            && contains(&d.region, &self.region)
            && (self.topic.is_none() || d.topics.iter().any(|t| contains(t, &self.topic)))
    }
}

fn public_initiative(i: Initiative) -> PublicInitiative {
    PublicInitiative {
        id: i.id.0,
        contact: i.contact_public.then(|| i.draft.contact.clone()),
        location: i.place,
        name: i.draft.name,
        region: i.draft.region,
        description: i.draft.description,
        website: i.draft.website,
        topics: i.draft.topics,
    }
}

/// The dates of public events between `from` and `to`, in time order.
async fn dates_between(
    tx: &mut dyn StoreTx,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    past: bool,
) -> Result<Vec<PublicDate>, EngineError> {
    let mut out = Vec::new();
    for event in tx.public_events(from).await? {
        if !public(event.visibility) || event.held {
            continue;
        }
        let exceptions = tx.exceptions(event.id).await?;
        let notes = tx.all_date_notes(event.id).await?;
        for occurrence in event.schedule.occurrences(from, to, &exceptions) {
            let start = occurrence.start.with_timezone(&Utc);
            // Past: what has begun (and took place); upcoming: what has not ended.
            let ended = occurrence
                .end
                .map(|e| e.with_timezone(&Utc))
                .unwrap_or(start);
            if past && (start > to || occurrence.cancelled) || !past && ended < from {
                continue;
            }
            let date_notes = notes
                .iter()
                .find(|(d, _)| *d == occurrence.key)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            out.push(PublicDate {
                event: event.id.0,
                title: event.title.clone(),
                start: occurrence.start.fixed_offset(),
                end: occurrence.end.map(|e| e.fixed_offset()),
                all_day: event.schedule.all_day,
                when: when_line(Lang::De, &event, &occurrence),
                place: event.place.clone(),
                region: event.region.clone(),
                topic: date_notes.topic.or_else(|| event.topic.clone()),
                description: event.description.clone(),
                online_link: online_link(&event),
                cancelled: occurrence.cancelled || event.cancelled_at.is_some(),
                series: event.schedule.is_series(),
                documentation: date_notes.documentation.map(|d| PublicDocumentation {
                    link: d.link,
                    summary: d.summary,
                }),
            });
        }
    }
    out.sort_by_key(|d| d.start);
    if past {
        out.reverse();
    }
    out.truncate(MAX_ITEMS);
    Ok(out)
}

fn online_link(event: &Event) -> Option<String> {
    (!event.link_private)
        .then(|| event.online_link.clone())
        .flatten()
}

impl Engine {
    /// Upcoming dates of public events (the next half year), optionally of one region.
    pub async fn public_upcoming(
        &self,
        now: DateTime<Utc>,
        region: Option<&str>,
    ) -> Result<Vec<PublicDate>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let mut dates =
            dates_between(&mut *tx, now, now + Duration::days(AHEAD_DAYS), false).await?;
        let region = region.map(str::to_string);
        dates.retain(|d| contains(d.region.as_deref().unwrap_or(""), &region));
        Ok(dates)
    }

    /// Past dates of public events (the last year), latest first, with their documentation.
    pub async fn public_past(&self, now: DateTime<Utc>) -> Result<Vec<PublicDate>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        dates_between(&mut *tx, now - Duration::days(PAST_DAYS), now, true).await
    }

    /// Active initiatives that match the filter, by name.
    pub async fn public_initiatives(
        &self,
        filter: &InitiativeFilter,
    ) -> Result<Vec<PublicInitiative>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let all = tx.search_initiatives(None, 10_000).await?;
        Ok(all
            .into_iter()
            .filter(|i| filter.keeps(i))
            .map(public_initiative)
            .collect())
    }

    /// Listed vacant places that match the filter, newest first.
    pub async fn public_vacancies(
        &self,
        filter: &VacancyFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<PublicVacancy>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let kind = filter.kind.as_deref().map(VacancyKind::from_word);
        Ok(tx
            .open_vacancies(now)
            .await?
            .into_iter()
            .filter(|v| {
                let d = &v.draft;
                let text = format!("{} {} {}", d.title, d.place, d.description);
                contains(&text, &filter.query)
                    && match kind {
                        None => true,
                        Some(wanted) => wanted == Some(d.kind),
                    }
            })
            .map(|v| PublicVacancy {
                id: v.id,
                kind: v.draft.kind.key(),
                kind_name: v.draft.kind.german(),
                contact: v.contact_public.then(|| v.draft.contact.clone()),
                location: v.location,
                listed_until: v.expires_at,
                title: v.draft.title,
                place: v.draft.place,
                description: v.draft.description,
            })
            .collect())
    }

    /// The news: announcements sent with `öffentlich`, newest first.
    pub async fn public_news(&self, limit: usize) -> Result<Vec<PublicNews>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let limit = limit.min(MAX_ITEMS) as i64;
        let tz = self.config.timezone;
        Ok(tx
            .web_news(limit)
            .await?
            .into_iter()
            .filter_map(|a| {
                let published = a.sent_at?;
                Some(PublicNews {
                    id: a.id,
                    published,
                    when: crate::format::datetime(Lang::De, published, tz),
                    region: a.scope.region().map(str::to_string),
                    text: a.body,
                })
            })
            .collect())
    }

    /// Published public rounds, newest first (without their results).
    pub async fn public_rounds(&self) -> Result<Vec<PublicRound>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let mut out = Vec::new();
        for round in tx.rounds(100).await? {
            if round.state == RoundState::Published && public(round.visibility) {
                let mut summary = round_summary(&round);
                let granted: i64 = tx
                    .results(round.id)
                    .await?
                    .iter()
                    .map(|r| r.decision.granted.cents())
                    .sum();
                summary.granted_cents = granted;
                summary.granted = crate::domain::Amount::from_cents(granted).german();
                out.push(summary);
            }
        }
        Ok(out)
    }

    /// One published public round with every application's result; `None` if there is no
    /// such round (or it is not public, or not published yet).
    pub async fn public_round(&self, id: i64) -> Result<Option<PublicRound>, EngineError> {
        let mut tx = self.store.begin_read().await?;
        let Some(round) = tx.round(crate::domain::RoundId(id)).await? else {
            return Ok(None);
        };
        if round.state != RoundState::Published || !public(round.visibility) {
            return Ok(None);
        }
        let applications = tx.applications(round.id).await?;
        let mut summary = round_summary(&round);
        summary.seal = tx.log_seal(round.id).await?;
        for row in tx.results(round.id).await? {
            let Some(application) = applications.iter().find(|a| a.id == row.decision.id) else {
                continue;
            };
            let initiative = tx
                .initiative(application.initiative)
                .await?
                .map(|i| i.draft.name)
                .unwrap_or_default();
            let asked = application.reduced_to.unwrap_or(application.amount);
            summary.granted_cents += row.decision.granted.cents();
            summary.results.push(PublicResult {
                application: application.id.0,
                title: application.title.clone(),
                initiative,
                asked_cents: asked.cents(),
                granted_cents: row.decision.granted.cents(),
                asked: asked.german(),
                granted: row.decision.granted.german(),
                outcome: row.decision.outcome.as_str(),
                outcome_text: outcome_text(Lang::De, &row.decision),
                rank: row.decision.rank,
                yes: row.tally.yes,
                no: row.tally.no,
                abstain: row.tally.abstain,
                points: row.tally.points,
                voters: row.tally.voters,
            });
        }
        summary.granted = crate::domain::Amount::from_cents(summary.granted_cents).german();
        Ok(Some(summary))
    }
}

fn round_summary(round: &crate::domain::Round) -> PublicRound {
    PublicRound {
        id: round.id.0,
        title: round.title.clone(),
        pot_cents: round.pot().cents(),
        granted_cents: 0,
        pot: round.pot().german(),
        granted: String::new(),
        counted_at: round.counted_at,
        seal: None,
        results: Vec::new(),
    }
}
