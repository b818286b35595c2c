//! The daemon's web server over a test's engine, and a reader for it.

use std::sync::Arc;

use allianz_core::Engine;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Every public address of the web view, pages and data, for tests that walk the site.
pub const PUBLIC_PATHS: &[&str] = &[
    "/",
    "/termine",
    "/termine?region=Suhl",
    "/termine/vergangen",
    "/initiativen",
    "/initiativen?q=Tafel",
    "/initiativen?region=Suhl",
    "/leerstand",
    "/leerstand?art=laden",
    "/neuigkeiten",
    "/neuigkeiten.atom",
    "/runden",
    "/runden/1",
    "/runden/2",
    "/api/termine",
    "/api/termine?region=Suhl",
    "/api/termine/vergangen",
    "/api/initiativen",
    "/api/initiativen.geojson",
    "/api/leerstand",
    "/api/leerstand.geojson",
    "/api/neuigkeiten",
    "/api/runden",
    "/api/runden/1",
    "/api/runden/2",
    "/kalender.ics",
    "/kalender/Suhl.ics",
    "/metrics",
];

/// A running web server; stops when dropped.
pub struct Site {
    pub url: String,
    stop: watch::Sender<bool>,
}

/// One answer as a reader gets it.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Site {
    /// Serves the web view of `engine` on a free port of 127.0.0.1, reading `db` over its
    /// own connections as the daemon does.
    pub async fn serve(db: &crate::TestDb, engine: Arc<Engine>, name: &str) -> Site {
        Self::serve_as(db, engine, allianz_bot::web::Site::named(name)).await
    }

    pub async fn serve_as(
        db: &crate::TestDb,
        engine: Arc<Engine>,
        mut site: allianz_bot::web::Site,
    ) -> Site {
        site.database_url = Some(db.url().to_string());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = watch::channel(false);
        allianz_bot::web::start(
            listener,
            engine,
            site,
            allianz_bot::readiness::Readiness::new(),
            stopped,
        );
        Site { url, stop }
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = reqwest::get(format!("{}{path}", self.url))
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        Page {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    /// Every public address with its answer.
    pub async fn walk(&self) -> Vec<(&'static str, Page)> {
        let mut out = Vec::new();
        for path in PUBLIC_PATHS {
            out.push((*path, self.get(path).await));
        }
        out
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
