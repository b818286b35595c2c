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
mod recent;

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
    /// The database the pages read, over connections of the web server's own (see `start`);
    /// `None`: the engine's connections.
    pub database_url: Option<String>,
}

impl Site {
    pub fn named(name: &str) -> Site {
        Site {
            name: name.to_string(),
            public_url: None,
            metrics_token: None,
            database_url: None,
        }
    }
}

#[derive(Clone)]
struct Web {
    /// Reads for the public: over the web server's own connections.
    engine: Arc<Engine>,
    /// The chat's engine: its counters for `/metrics`.
    chat: Arc<Engine>,
    site: Arc<Site>,
    /// Whether the messengers are connected, for `/healthz`.
    readiness: Arc<Readiness>,
    /// Answers being made at once.
    busy: Arc<Semaphore>,
    /// Answers kept until something changes.
    recent: Arc<recent::Recent>,
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
    // The chat first: no page is made while a command or its reply is under way (this
    // thread is the web server's own, see `start`).
    web.chat.chat_first().wait_for_chat();
    let open_data = is_open_data(request.uri().path());
    // Live state is never kept: readiness and the counters.
    let keep = !matches!(request.uri().path(), "/healthz" | "/metrics");
    let key = request.uri().to_string();
    let version = web.chat.changes();
    if keep && let Some(kept) = web.recent.get(&key, version) {
        return with_headers(kept, open_data);
    }
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
        Ok(answer) if keep => web.recent.keep(key, version, answer).await,
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

/// The engine the pages read through: one over connections opened on the web server's own
/// runtime (a connection belongs to the runtime that opened it; PostgreSQL's would otherwise
/// be driven by the other), or the chat's if no database address is given.
async fn reader(chat: &Arc<Engine>, url: Option<&str>) -> Arc<Engine> {
    let Some(url) = url else {
        return chat.clone();
    };
    match allianz_core::store::connect(url).await {
        Ok(store) => Arc::new(Engine::new(store, chat.config().clone())),
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "web view reads over the chat's connections");
            chat.clone()
        }
    }
}

/// Serves until shutdown on an already bound listener.
///
/// The server runs on a thread and runtime of its own, at the lowest scheduling priority,
/// with its own database connections: a burst of page, feed or API requests then uses what
/// processor time the chat leaves. The daemon keeps to one processor, so on the chat's
/// runtime each request would take its turn between commands (the `web` benchmark measures
/// both).
pub fn start(
    listener: TcpListener,
    engine: Arc<Engine>,
    site: Site,
    readiness: Arc<Readiness>,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    let (done_tx, done) = tokio::sync::oneshot::channel::<()>();
    // A listener belongs to the runtime that made it: handed over as a plain socket.
    let listener = listener.into_std();
    let spawned = std::thread::Builder::new()
        .name("allianz-web".into())
        .spawn(move || {
            lower_priority();
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    tracing::warn!(error = %e, "web server not started");
                    return;
                }
            };
            runtime.block_on(async move {
                let web = Web {
                    engine: reader(&engine, site.database_url.as_deref()).await,
                    chat: engine,
                    site: Arc::new(site),
                    readiness,
                    busy: Arc::new(Semaphore::new(AT_ONCE)),
                    recent: Arc::default(),
                };
                let app = router(web);
                let listener = match listener.and_then(TcpListener::from_std) {
                    Ok(listener) => listener,
                    Err(e) => {
                        tracing::warn!(error = %e, "web server not started");
                        return;
                    }
                };
                let stop = async move {
                    let _ = shutdown.changed().await;
                };
                if let Err(e) = axum::serve(listener, app)
                    .with_graceful_shutdown(stop)
                    .await
                {
                    tracing::warn!(error = %e, "web server stopped");
                }
            });
            let _ = done_tx.send(());
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "web server not started");
    }
    tokio::spawn(async move {
        let _ = done.await;
    })
}

/// Lets the calling thread (the web server's) run only when nothing else wants the
/// processor: `SCHED_IDLE` on Linux – a waking chat thread takes the processor at once, not
/// after the web thread's time slice. Threads it starts (its database connections) inherit
/// it. Lowering is always allowed; if it fails anyway, the server runs at normal priority.
fn lower_priority() {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
        set_thread_priority_and_policy, thread_native_id,
    };
    let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
    if let Err(e) = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle) {
        tracing::warn!(error = ?e, "web server keeps normal priority");
    }
}
