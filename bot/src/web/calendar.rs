//! The alliance calendar as an ICS feed (`/kalender.ics`, per region
//! `/kalender/<region>.ics`) and `/healthz` (503 until every messenger is connected). The
//! engine builds the feed and keeps it until something changes.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::Web;

async fn feed(web: &Web, region: Option<&str>) -> Response {
    match web
        .engine
        .calendar_feed(&web.site.name, region, Utc::now())
        .await
    {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "calendar feed failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Kalender gerade nicht verfügbar\n",
            )
                .into_response()
        }
    }
}

pub(super) async fn whole(State(web): State<Web>) -> Response {
    feed(&web, None).await
}

pub(super) async fn region(State(web): State<Web>, Path(file): Path<String>) -> Response {
    match file.strip_suffix(".ics") {
        Some(region) if !region.is_empty() => feed(&web, Some(region)).await,
        _ => (
            StatusCode::NOT_FOUND,
            "Erwartet: /kalender/<region>.ics, z. B. /kalender/Suhl.ics\n",
        )
            .into_response(),
    }
}

/// 200 with each messenger's state once every configured messenger is connected, 503 before.
pub(super) async fn healthz(State(web): State<Web>) -> Response {
    let (ready, messengers) = web.readiness.status();
    let states: serde_json::Map<String, serde_json::Value> = messengers
        .into_iter()
        .map(|(name, up)| {
            let state = if up { "connected" } else { "connecting" };
            (name.to_string(), serde_json::Value::from(state))
        })
        .collect();
    let body = serde_json::json!({
        "status": if ready { "ok" } else { "starting" },
        "messengers": states,
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body)).into_response()
}
