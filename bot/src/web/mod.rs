//! The daemon's HTTP server: the alliance's public side. German pages for people (and for an
//! iframe on a town's website), the same as JSON and GeoJSON for programs and maps, the news
//! as Atom, the calendar as ICS, and `/healthz`. It only reads (on the store's read
//! connections) and shows only what core says the public may see.
//!
//! Every answer carries security headers; a request may not be larger than a page needs; a
//! burst of requests gets "busy" (503) instead of a queue that holds the database, and a slow
//! answer is given up.

mod api;
mod calendar;
mod metrics;
mod news;
mod pages;

use std::sync::Arc;
use std::time::Duration;

use allianz_core::Engine;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinHandle;

use crate::readiness::Readiness;

/// What the pages say about the alliance.
#[derive(Debug, Clone)]
pub struct Site {
    /// The alliance's name: titles, the calendar's name.
    pub name: String,
    /// Where the public reaches the server (`https://allianz.example.org`), for absolute
    /// links in the Atom feed; without it they are made from the request's `Host`.
    pub public_url: Option<String>,
    /// If set, `/metrics` wants it as a bearer token.
    pub metrics_token: Option<crate::secret::Secret>,
}

impl Site {
    pub fn named(name: &str) -> Site {
        Site {
            name: name.to_string(),
            public_url: None,
            metrics_token: None,
        }
    }
}

#[derive(Clone)]
struct Web {
    engine: Arc<Engine>,
    site: Arc<Site>,
    /// Whether the messengers are connected, for `/healthz`.
    readiness: Arc<Readiness>,
    /// Answers being made at once.
    busy: Arc<Semaphore>,
}

/// Answers made at the same time; more requests are told to come back.
const AT_ONCE: usize = 16;
/// An answer that takes longer than this is given up (the client may ask again).
const TIMEOUT: Duration = Duration::from_secs(10);
/// The server only answers GET and HEAD: no request needs a body.
const MAX_BODY: usize = 1024;
/// Longer addresses are no address of ours.
const MAX_URI: usize = 2048;

/// The headers every answer carries: nothing but our own styles, no scripts, no third-party
/// requests, no referrer leaking a reader's path, embeddable in any site's iframe (the
/// pages are public and made to be embedded).
const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors *",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];

async fn guard(State(web): State<Web>, request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI {
        return (StatusCode::URI_TOO_LONG, "Adresse zu lang\n").into_response();
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut refused = (
            StatusCode::METHOD_NOT_ALLOWED,
            "Hier gibt es nur zu lesen (GET).\n",
        )
            .into_response();
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return with_headers(refused, false);
    }
    let open_data = is_open_data(request.uri().path());
    let Ok(_permit) = web.busy.clone().try_acquire_owned() else {
        let busy = (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "5")],
            "Gerade viele Anfragen – bitte gleich noch einmal.\n",
        )
            .into_response();
        return with_headers(busy, open_data);
    };
    let answer = match tokio::time::timeout(TIMEOUT, next.run(request)).await {
        Ok(answer) => answer,
        Err(_) => {
            tracing::warn!("web answer took too long");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "30")],
                "Gerade nicht verfügbar – bitte später noch einmal.\n",
            )
                .into_response()
        }
    };
    with_headers(answer, open_data)
}

/// Feeds and JSON are read by other sites' pages too (uMap loads the GeoJSON in the
/// reader's browser): they may be fetched from anywhere.
fn is_open_data(path: &str) -> bool {
    path.starts_with("/api/")
        || path.ends_with(".ics")
        || path.ends_with(".atom")
        || path.starts_with("/kalender/")
}

fn with_headers(mut answer: Response, open_data: bool) -> Response {
    let headers = answer.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if open_data {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    answer
}

fn router(web: Web) -> axum::Router {
    axum::Router::new()
        .route("/", get(pages::home))
        .route("/termine", get(pages::upcoming))
        .route("/termine/vergangen", get(pages::past))
        .route("/initiativen", get(pages::initiatives))
        .route("/leerstand", get(pages::vacancies))
        .route("/neuigkeiten", get(pages::news))
        .route("/runden", get(pages::rounds))
        .route("/runden/{id}", get(pages::round))
        .route("/stil.css", get(pages::style))
        .route("/neuigkeiten.atom", get(news::atom))
        .route("/api/termine", get(api::upcoming))
        .route("/api/termine/vergangen", get(api::past))
        .route("/api/initiativen", get(api::initiatives))
        .route("/api/initiativen.geojson", get(api::initiatives_geojson))
        .route("/api/leerstand", get(api::vacancies))
        .route("/api/leerstand.geojson", get(api::vacancies_geojson))
        .route("/api/neuigkeiten", get(api::news))
        .route("/api/runden", get(api::rounds))
        .route("/api/runden/{id}", get(api::round))
        .route("/kalender.ics", get(calendar::whole))
        .route("/calendar.ics", get(calendar::whole))
        .route("/kalender/{file}", get(calendar::region))
        .route("/healthz", get(calendar::healthz))
        .route("/metrics", get(metrics::metrics))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(web.clone(), guard))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(web)
}

/// Binds `address` and serves until shutdown. If the address is taken, the chat works on
/// without the web view: that is said on the terminal instead of refusing to start.
pub async fn listen(
    address: &str,
    engine: Arc<Engine>,
    site: Site,
    readiness: Arc<Readiness>,
    shutdown: watch::Receiver<bool>,
) -> Option<JoinHandle<()>> {
    match TcpListener::bind(address).await {
        Ok(listener) => {
            if let Ok(bound) = listener.local_addr() {
                tracing::info!(%bound, "web view at http://{bound}/ (calendar: /kalender.ics)");
            }
            Some(start(listener, engine, site, readiness, shutdown))
        }
        Err(e) => {
            tracing::warn!(listen = %address, error = %e, "web server not started");
            eprintln!(
                "Hinweis: Der Webserver konnte {address} nicht belegen ({e}); der Bot läuft ohne \
                 ihn. Eine andere Adresse: ALLIANZ__HTTP__LISTEN=127.0.0.1:8081"
            );
            None
        }
    }
}

/// Serves until shutdown on an already bound listener.
pub fn start(
    listener: TcpListener,
    engine: Arc<Engine>,
    site: Site,
    readiness: Arc<Readiness>,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    let web = Web {
        engine,
        site: Arc::new(site),
        readiness,
        busy: Arc::new(Semaphore::new(AT_ONCE)),
    };
    let app = router(web);
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
