//! Partner calendars: the ICS feeds of member initiatives, fetched on a cron schedule with a
//! timeout and a size limit. A feed that cannot be read is reported to the admins (once until
//! it works again) and never stops the daemon; its last good events stay.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use allianz_core::calendar::{FeedProblem, PartnerEvent, parse_partner_feed};
use chrono::Utc;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::{CalendarConfig, PartnerFeed};

pub struct Partners {
    engine: Arc<Engine>,
    feeds: Vec<PartnerFeed>,
    schedule: cron::Schedule,
    client: reqwest::Client,
    max_bytes: usize,
}

impl Partners {
    /// `None` when no partner calendars are configured.
    pub fn new(config: &CalendarConfig, engine: Arc<Engine>) -> anyhow::Result<Option<Self>> {
        if config.partners.is_empty() {
            return Ok(None);
        }
        let schedule = cron::Schedule::from_str(&config.refresh)?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(u64::from(config.timeout_seconds)))
            .user_agent("Allianz-Bot (Kalender)")
            .build()?;
        Ok(Some(Self {
            engine,
            feeds: config.partners.clone(),
            schedule,
            client,
            max_bytes: config.max_kib as usize * 1024,
        }))
    }

    pub fn start(self, shutdown: watch::Receiver<bool>) -> JoinHandle<()> {
        tokio::spawn(self.run(shutdown))
    }

    async fn run(self, mut shutdown: watch::Receiver<bool>) {
        loop {
            for feed in &self.feeds {
                let result = self.fetch(feed).await;
                if let Err(e) = self
                    .engine
                    .partner_feed(&feed.name, result, Utc::now())
                    .await
                {
                    tracing::warn!(source = %feed.name, error = %e, "partner calendar not stored");
                }
            }
            let Some(next) = self.schedule.upcoming(Utc).next() else {
                return;
            };
            let wait = (next - Utc::now()).to_std().unwrap_or(Duration::ZERO);
            if crate::pause::pause(&mut shutdown, wait).await {
                return;
            }
        }
    }

    /// Reads every feed once, storing nothing: how many events each has, or why it could not
    /// be read (for `allianz-bot check`).
    pub async fn check(&self) -> Vec<(String, Result<usize, FeedProblem>)> {
        // All at once: a feed that does not answer costs its timeout once, not once per feed
        // before it.
        futures::future::join_all(self.feeds.iter().map(|feed| async move {
            let read = self.fetch(feed).await.map(|events| events.len());
            (feed.name.clone(), read)
        }))
        .await
    }

    /// The feed's events, or why it could not be read.
    async fn fetch(&self, feed: &PartnerFeed) -> Result<Vec<PartnerEvent>, FeedProblem> {
        let too_large = FeedProblem::TooLarge {
            kib: (self.max_bytes / 1024) as u32,
        };
        let mut response = self.client.get(&feed.url).send().await.map_err(problem)?;
        if !response.status().is_success() {
            return Err(FeedProblem::Status(response.status().as_u16()));
        }
        if response
            .content_length()
            .is_some_and(|n| n as usize > self.max_bytes)
        {
            return Err(too_large);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(problem)? {
            body.extend_from_slice(&chunk);
            if body.len() > self.max_bytes {
                return Err(too_large);
            }
        }
        let text = String::from_utf8(body).map_err(|_| FeedProblem::NotText)?;
        parse_partner_feed(&feed.name, &text, self.engine.config().timezone)
    }
}

fn problem(e: reqwest::Error) -> FeedProblem {
    if e.is_timeout() {
        FeedProblem::NoAnswer
    } else {
        FeedProblem::Unreachable
    }
}
