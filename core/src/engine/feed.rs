//! Read models of the calendar: the iCalendar feed, and partner calendars taken in.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::{Engine, EngineError};
use crate::calendar::{Entry, FeedProblem, PartnerEvent, feed};
use crate::domain::text::{fold, loose};
use crate::domain::{Audience, Lang, may_see};
use crate::t;

/// How far back the feed shows events (calendars keep recent past dates visible).
const FEED_PAST: Duration = Duration::days(90);
/// A rendered feed is reused until something changes, but not longer than this (what is
/// "past" moves on).
const FEED_FRESH: std::time::Duration = std::time::Duration::from_secs(300);

/// Rendered feeds by (calendar name, region), with the store's version they were made at:
/// calendar apps poll often, and rendering reads every event.
#[derive(Default)]
pub(super) struct FeedCache {
    feeds: std::sync::Mutex<HashMap<(String, Option<String>), Cached>>,
}

struct Cached {
    version: (i64, i64),
    made: std::time::Instant,
    ics: String,
}

impl FeedCache {
    fn get(&self, key: &(String, Option<String>), version: (i64, i64)) -> Option<String> {
        let feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        feeds
            .get(key)
            .filter(|c| c.version == version && c.made.elapsed() < FEED_FRESH)
            .map(|c| c.ics.clone())
    }

    fn put(&self, key: (String, Option<String>), version: (i64, i64), ics: &str) {
        let mut feeds = self.feeds.lock().unwrap_or_else(|p| p.into_inner());
        // Regions are typed by whoever asks: keep the cache from growing without bound.
        if feeds.len() >= 256 {
            feeds.clear();
        }
        feeds.insert(
            key,
            Cached {
                version,
                made: std::time::Instant::now(),
                ics: ics.to_string(),
            },
        );
    }
}

fn in_region(region: Option<&str>, value: Option<&String>) -> bool {
    match region {
        None => true,
        Some(wanted) => value.is_some_and(|v| loose(v).contains(&loose(wanted))),
    }
}

/// Why a partner calendar could not be read, in words.
pub fn problem_text(lang: Lang, problem: &FeedProblem) -> String {
    match problem {
        FeedProblem::Unreachable => t!(lang, "partner-problem-unreachable"),
        FeedProblem::NoAnswer => t!(lang, "partner-problem-no-answer"),
        FeedProblem::Status(status) => {
            t!(lang, "partner-problem-status", status = u32::from(*status))
        }
        FeedProblem::TooLarge { kib } => t!(lang, "partner-problem-large", kib = *kib),
        FeedProblem::NotText => t!(lang, "partner-problem-not-text"),
        FeedProblem::NotCalendar => t!(lang, "partner-problem-not-calendar"),
    }
}

impl Engine {
    /// The public calendar as iCalendar text; with `region`, only that region's events.
    pub async fn calendar_feed(
        &self,
        name: &str,
        region: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<String, EngineError> {
        let version = self.store.feed_version().await?;
        let key = (name.to_string(), region.map(fold));
        if let Some(cached) = self.feed_cache.get(&key, version) {
            return Ok(cached);
        }
        let since = now - FEED_PAST;
        let mut tx = self.store.begin_read().await?;
        let mut entries = Vec::new();
        for event in tx.public_events(since).await? {
            // The web is nobody in particular: the one rule says what it may show.
            let audience = Audience {
                visibility: event.visibility,
                chats: &[],
            };
            if !may_see(None, None, audience) || !in_region(region, event.region.as_ref()) {
                continue;
            }
            let exceptions = tx.exceptions(event.id).await?;
            let dates = tx.all_date_notes(event.id).await?;
            entries.push(Entry {
                event,
                exceptions,
                dates,
            });
        }
        // Partner calendars carry no region of ours: they belong to the whole feed.
        let partners = if region.is_none() {
            tx.partner_events(since).await?
        } else {
            Vec::new()
        };
        drop(tx);
        let length = self.config.events.default_length;
        let ics = feed(name, self.config.timezone, &entries, &partners, length, now);
        self.feed_cache.put(key, version, &ics);
        Ok(ics)
    }

    /// Takes in a partner calendar's events (replacing what it had before), or, if it could
    /// not be read, tells the admins once until it works again.
    pub async fn partner_feed(
        &self,
        source: &str,
        result: Result<Vec<PartnerEvent>, FeedProblem>,
        now: DateTime<Utc>,
    ) -> Result<(), EngineError> {
        let flag = format!("partner.{source}.failing");
        let failing = self.store.cursor(&flag).await?.is_some_and(|v| v == "1");
        match result {
            Ok(events) => {
                let mut tx = self.store.begin().await?;
                tx.replace_partner_events(source, &events, now).await?;
                tx.commit().await?;
                self.changed();
                if failing {
                    self.store.set_cursor(&flag, "0", now).await?;
                    tracing::info!(source, "partner calendar readable again");
                }
            }
            Err(problem) => {
                tracing::warn!(source, ?problem, "partner calendar not read");
                if failing {
                    return Ok(());
                }
                let mut tx = self.store.begin().await?;
                let messages = self
                    .to_admins(&mut *tx, |lang| {
                        let error = problem_text(lang, &problem);
                        t!(lang, "partner-feed-failed", source = source, error = &error)
                    })
                    .await?;
                self.commit_effects(tx, &[], &messages, now.min(Utc::now()))
                    .await?;
                self.store.set_cursor(&flag, "1", now).await?;
            }
        }
        Ok(())
    }
}
