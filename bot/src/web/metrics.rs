//! `/metrics` for Prometheus (OpenMetrics text, encoded by `prometheus-client`): what the
//! engine handled since the start (events, their outcome, commands by kind), deliveries and
//! failed sends per messenger, reminder lateness, and – read from the database at each
//! scrape – the outbox's depth and oldest message per messenger and the set-aside events.
//! Counts only: no names, no chats, nothing anyone wrote.

use allianz_core::engine::stats::{LATENESS_BUCKETS, StatsSnapshot};
use allianz_core::store::OutboxBacklog;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Registry;

use super::Web;
use super::api::unavailable;

/// Everything one scrape shows, gathered before encoding (the encoder is synchronous).
#[derive(Debug)]
struct Scrape {
    stats: StatsSnapshot,
    backlog: Vec<OutboxBacklog>,
    dead_letters: i64,
    connected: Vec<(&'static str, bool)>,
    now: DateTime<Utc>,
}

fn counters(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    label: &str,
    values: &std::collections::BTreeMap<&'static str, u64>,
) -> Result<(), std::fmt::Error> {
    let mut family = encoder.encode_descriptor(name, help, None, MetricType::Counter)?;
    for (value, count) in values {
        let labels = [(label, *value)];
        ConstCounter::new(*count).encode(family.encode_family(&labels)?)?;
    }
    Ok(())
}

fn gauges(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    values: &[(&str, f64)],
) -> Result<(), std::fmt::Error> {
    let mut family = encoder.encode_descriptor(name, help, None, MetricType::Gauge)?;
    for (messenger, value) in values {
        let labels = [("messenger", *messenger)];
        ConstGauge::new(*value).encode(family.encode_family(&labels)?)?;
    }
    Ok(())
}

impl Collector for Scrape {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let s = &self.stats;
        counters(
            &mut encoder,
            "allianz_events",
            "Incoming events taken in, by kind",
            "kind",
            &s.events,
        )?;
        counters(
            &mut encoder,
            "allianz_event_outcomes",
            "How incoming events ended: processed, refused (answered with an error), duplicate, failed (not committed, repeated by the platform), set_aside",
            "outcome",
            &s.outcomes,
        )?;
        counters(
            &mut encoder,
            "allianz_commands",
            "Commands handled, by command",
            "command",
            &s.commands,
        )?;
        counters(
            &mut encoder,
            "allianz_deliveries",
            "Messages delivered, by messenger",
            "messenger",
            &s.delivered,
        )?;
        counters(
            &mut encoder,
            "allianz_delivery_failures",
            "Sends that failed (tried again later or given up), by messenger",
            "messenger",
            &s.delivery_failures,
        )?;
        let pending: Vec<(&str, f64)> = self
            .backlog
            .iter()
            .map(|b| (b.platform.as_str(), b.pending as f64))
            .collect();
        gauges(
            &mut encoder,
            "allianz_outbox_pending",
            "Messages waiting to be sent, by messenger",
            &pending,
        )?;
        let age: Vec<(&str, f64)> = self
            .backlog
            .iter()
            .map(|b| {
                let age = b
                    .oldest
                    .map(|oldest| (self.now - oldest).num_milliseconds().max(0) as f64 / 1000.0)
                    .unwrap_or(0.0);
                (b.platform.as_str(), age)
            })
            .collect();
        gauges(
            &mut encoder,
            "allianz_outbox_oldest_age_seconds",
            "Age of the oldest message waiting to be sent, by messenger",
            &age,
        )?;
        let connected: Vec<(&str, f64)> = self
            .connected
            .iter()
            .map(|(name, up)| (*name, if *up { 1.0 } else { 0.0 }))
            .collect();
        gauges(
            &mut encoder,
            "allianz_messenger_connected",
            "1 while the messenger is connected",
            &connected,
        )?;
        let dead = ConstGauge::new(self.dead_letters);
        dead.encode(encoder.encode_descriptor(
            "allianz_dead_letters",
            "Events set aside after failing again and again (all time; see allianz-bot check)",
            None,
            dead.metric_type(),
        )?)?;
        let count: u64 = s.lateness_counts.iter().sum();
        let buckets: Vec<(f64, u64)> = LATENESS_BUCKETS
            .iter()
            .copied()
            .chain([f64::MAX])
            .zip(s.lateness_counts.iter().copied())
            .collect();
        encoder
            .encode_descriptor(
                "allianz_reminder_lateness_seconds",
                "How long after it was due each reminder went out",
                None,
                MetricType::Histogram,
            )?
            .encode_histogram::<prometheus_client::encoding::NoLabelSet>(
                s.lateness_sum_seconds,
                count,
                &buckets,
                None,
            )?;
        Ok(())
    }
}

fn authorised(web: &Web, headers: &HeaderMap) -> bool {
    let Some(token) = &web.site.metrics_token else {
        return true;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compared in full whatever the first difference, so the time says nothing about it.
    let (a, b) = (given.as_bytes(), token.expose().as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(super) async fn metrics(State(web): State<Web>, headers: HeaderMap) -> Response {
    if !authorised(&web, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Erwartet: Authorization: Bearer <ALLIANZ__HTTP__METRICS_TOKEN>\n",
        )
            .into_response();
    }
    let store = web.engine.store();
    let (backlog, dead_letters) = match (
        store.outbox_backlog().await,
        store.dead_letter_count().await,
    ) {
        (Ok(b), Ok(d)) => (b, d),
        (Err(e), _) | (_, Err(e)) => return unavailable(e),
    };
    let (_, connected) = web.readiness.status();
    let scrape = Scrape {
        stats: web.chat.stats().snapshot(),
        backlog,
        dead_letters,
        connected,
        now: Utc::now(),
    };
    let mut registry = Registry::default();
    registry.register_collector(Box::new(scrape));
    let mut text = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut text, &registry) {
        return unavailable(e);
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}
