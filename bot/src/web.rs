//! The daemon's HTTP server: the alliance calendar as an ICS feed (`/kalender.ics`, per
//! region `/kalender/<region>.ics`) and `/healthz` (503 until every messenger is connected).
//! It only reads (on the store's read connections); the engine builds the feed and keeps it
//! until something changes.

use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinHandle;

use crate::readiness::Readiness;

#[derive(Clone)]
struct Web {
    engine: Arc<Engine>,
    /// The calendar's name: the alliance's.
    name: Arc<str>,
    /// Whether the messengers are connected, for `/healthz`.
    readiness: Arc<Readiness>,
    /// Feeds being made at once: a loop of requests gets "busy" instead of a queue that
    /// holds the database.
    busy: Arc<Semaphore>,
}

/// Feeds made at the same time; more requests are told to come back.
const AT_ONCE: usize = 8;
/// A feed that takes longer than this is given up (the client may ask again).
const TIMEOUT: Duration = Duration::from_secs(10);

async fn feed(web: &Web, region: Option<&str>) -> Response {
    let Ok(_permit) = web.busy.try_acquire() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "5")],
            "Gerade viele Anfragen – bitte gleich noch einmal.\n",
        )
            .into_response();
    };
    let made = tokio::time::timeout(
        TIMEOUT,
        web.engine.calendar_feed(&web.name, region, Utc::now()),
    )
    .await;
    match made {
        Err(_) => {
            tracing::warn!("calendar feed took too long");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "30")],
                "Kalender gerade nicht verfügbar\n",
            )
                .into_response()
        }
        Ok(Ok(ics)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %format!("{e:#}"), "calendar feed failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Kalender gerade nicht verfügbar\n",
            )
                .into_response()
        }
    }
}

async fn whole(State(web): State<Web>) -> Response {
    feed(&web, None).await
}

async fn region(State(web): State<Web>, Path(file): Path<String>) -> Response {
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
async fn healthz(State(web): State<Web>) -> Response {
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

/// Binds `address` and serves until shutdown. If the address is taken, the chat works on
/// without the feed: that is said on the terminal instead of refusing to start.
pub async fn listen(
    address: &str,
    engine: Arc<Engine>,
    name: &str,
    readiness: Arc<Readiness>,
    shutdown: watch::Receiver<bool>,
) -> Option<JoinHandle<()>> {
    match TcpListener::bind(address).await {
        Ok(listener) => {
            if let Ok(bound) = listener.local_addr() {
                tracing::info!(%bound, "calendar feed at http://{bound}/kalender.ics");
            }
            Some(start(listener, engine, name, readiness, shutdown))
        }
        Err(e) => {
            tracing::warn!(listen = %address, error = %e, "web server not started");
            eprintln!(
                "Hinweis: Der Kalender-Webserver konnte {address} nicht belegen ({e}); der Bot \
                 läuft ohne ihn. Eine andere Adresse: ALLIANZ__HTTP__LISTEN=127.0.0.1:8081"
            );
            None
        }
    }
}

/// Serves until shutdown on an already bound listener.
pub fn start(
    listener: TcpListener,
    engine: Arc<Engine>,
    name: &str,
    readiness: Arc<Readiness>,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    let web = Web {
        engine,
        name: Arc::from(name),
        readiness,
        busy: Arc::new(Semaphore::new(AT_ONCE)),
    };
    let app = axum::Router::new()
        .route("/kalender.ics", get(whole))
        .route("/calendar.ics", get(whole))
        .route("/kalender/{file}", get(region))
        .route("/healthz", get(healthz))
        .with_state(web);
    tokio::spawn(async move {
        let stop = async move {
            let _ = shutdown.changed().await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::warn!(error = %e, "web server stopped");
        }
    })
}
