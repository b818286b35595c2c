//! `allianz-bot check`: is everything the daemon needs there and working? The database,
//! each configured messenger's credentials, the partner calendars and the web server's
//! address – as a table that says what is wrong and what to do about it. It changes
//! nothing: no login (a password login would be a new Matrix device), no message sent.

use std::sync::Arc;

use allianz_core::Engine;
use allianz_core::domain::Lang;

use crate::config::Config;

/// One line of the table.
struct Row {
    what: String,
    ok: bool,
    result: String,
    /// What to do when it is not OK.
    fix: String,
}

impl Row {
    fn ok(what: impl Into<String>, result: impl Into<String>) -> Row {
        Row {
            what: what.into(),
            ok: true,
            result: result.into(),
            fix: String::new(),
        }
    }

    fn wrong(what: impl Into<String>, result: impl Into<String>, fix: impl Into<String>) -> Row {
        Row {
            what: what.into(),
            ok: false,
            result: result.into(),
            fix: fix.into(),
        }
    }
}

fn print_table(rows: &[Row]) {
    let width = |f: &dyn Fn(&Row) -> usize, title: &str| {
        rows.iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .max(title.chars().count())
    };
    let what_w = width(&|r| r.what.chars().count(), "Prüfung / check");
    let result_w = width(&|r| r.result.chars().count() + 2, "Ergebnis / result");
    println!(
        "{:what_w$}  {:result_w$}  Was tun / what to do",
        "Prüfung / check", "Ergebnis / result"
    );
    println!("{}", "-".repeat(what_w + result_w + 24));
    for row in rows {
        let mark = if row.ok { "✓" } else { "✗" };
        let result = format!("{mark} {}", row.result);
        println!("{:what_w$}  {:result_w$}  {}", row.what, result, row.fix);
    }
}

async fn telegram(config: &Config) -> Option<Row> {
    use teloxide::requests::Requester;
    let token = config.telegram.token.as_ref()?;
    let what = "Telegram";
    let Ok(url) = config.telegram.api_url.parse() else {
        return Some(Row::wrong(
            what,
            format!(
                "telegram.api_url „{}“ ist keine Adresse",
                config.telegram.api_url
            ),
            "telegram.api_url leer lassen (https://api.telegram.org)",
        ));
    };
    let bot = teloxide::Bot::new(token.expose()).set_api_url(url);
    let asked = tokio::time::timeout(std::time::Duration::from_secs(15), bot.get_me()).await;
    Some(match asked {
        Ok(Ok(me)) => Row::ok(
            what,
            format!("Token gilt: @{}", me.username.clone().unwrap_or_default()),
        ),
        Ok(Err(teloxide::RequestError::Api(teloxide::ApiError::InvalidToken))) => Row::wrong(
            what,
            "Token abgelehnt",
            "bei @BotFather /token, dann ALLIANZ__TELEGRAM__TOKEN neu setzen",
        ),
        Ok(Err(e)) => Row::wrong(
            what,
            format!("nicht erreichbar ({})", short(&e.to_string())),
            format!(
                "Netz/Firewall zu {} prüfen; der Bot versucht es beim Start weiter",
                config.telegram.api_url
            ),
        ),
        Err(_) => Row::wrong(
            what,
            "keine Antwort in 15 s",
            format!("Netz/Firewall zu {} prüfen", config.telegram.api_url),
        ),
    })
}

async fn matrix(config: &Config) -> Option<Row> {
    let m = &config.matrix;
    if m.homeserver.is_empty() {
        return None;
    }
    let what = "Matrix";
    let base = m.homeserver.trim_end_matches('/');
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .ok()?;
    match client
        .get(format!("{base}/_matrix/client/versions"))
        .send()
        .await
    {
        Ok(r) if r.status().is_success() => {}
        Ok(r) => {
            return Some(Row::wrong(
                what,
                format!("{base} antwortet {} statt wie ein Homeserver", r.status()),
                "matrix.homeserver prüfen (die Client-Adresse, z. B. https://matrix.example.org)",
            ));
        }
        Err(e) => {
            return Some(Row::wrong(
                what,
                format!("{base} nicht erreichbar ({})", short(&e.to_string())),
                "matrix.homeserver und Netz prüfen",
            ));
        }
    }
    // The token to try: the saved session's, else the configured one. A password is only
    // tried at the first start (a login here would make a second device).
    let token = crate::matrix::session::saved_token(std::path::Path::new(&m.data_dir))
        .or_else(|| m.access_token.as_ref().map(|t| t.expose().to_string()));
    let Some(token) = token else {
        return Some(if m.password.is_some() {
            Row::ok(
                what,
                format!("{base} erreichbar; Passwort wird beim ersten Start geprüft"),
            )
        } else {
            Row::wrong(
                what,
                "weder Passwort noch Zugangstoken",
                "ALLIANZ__MATRIX__PASSWORD oder ALLIANZ__MATRIX__ACCESS_TOKEN setzen",
            )
        });
    };
    let answer = client
        .get(format!("{base}/_matrix/client/v3/account/whoami"))
        .bearer_auth(token)
        .send()
        .await;
    Some(match answer {
        Ok(r) if r.status().is_success() => {
            let body = r.text().await.unwrap_or_default();
            let user = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["user_id"].as_str().map(str::to_string))
                .unwrap_or_default();
            if !m.user.is_empty() && user != m.user {
                Row::wrong(
                    what,
                    format!("angemeldet als {user}, nicht {}", m.user),
                    "matrix.user oder das Zugangstoken anpassen",
                )
            } else {
                Row::ok(what, format!("angemeldet als {user}"))
            }
        }
        Ok(r) if r.status().as_u16() == 401 => Row::wrong(
            what,
            "Sitzung oder Zugangstoken abgelehnt",
            format!(
                "neues Zugangstoken setzen, oder {}/session.json löschen und mit Passwort neu anmelden",
                m.data_dir
            ),
        ),
        Ok(r) => Row::wrong(what, format!("whoami: {}", r.status()), "Homeserver prüfen"),
        Err(e) => Row::wrong(
            what,
            format!("whoami: {}", short(&e.to_string())),
            "Netz prüfen",
        ),
    })
}

async fn partners(config: &Config, engine: Arc<Engine>) -> Vec<Row> {
    let Ok(Some(partners)) = crate::partners::Partners::new(&config.calendar, engine) else {
        return Vec::new();
    };
    partners
        .check()
        .await
        .into_iter()
        .map(|(name, result)| {
            let what = format!("Kalender {name}");
            match result {
                Ok(count) => Row::ok(what, format!("{count} Termine gelesen")),
                Err(problem) => Row::wrong(
                    what,
                    allianz_core::engine::partner_problem(Lang::De, &problem),
                    "Adresse in calendar.partners prüfen, oder die Initiative fragen",
                ),
            }
        })
        .collect()
}

fn http_address(config: &Config) -> Row {
    let what = "Webserver";
    let address = &config.http.listen;
    match std::net::TcpListener::bind(address) {
        Ok(_) => Row::ok(what, format!("{address} frei")),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Row::wrong(
            what,
            format!("{address} belegt"),
            "läuft der Bot schon? Sonst http.listen ändern (ALLIANZ__HTTP__LISTEN=127.0.0.1:8081)",
        ),
        Err(e) => Row::wrong(
            what,
            format!("{address}: {e}"),
            "http.listen prüfen (z. B. 127.0.0.1:8080)",
        ),
    }
}

/// The first line of an error, short enough for a table cell.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line.to_string()
    }
}

/// Runs every check and prints the table; `true` if everything is fine.
pub async fn run(config: &Config) -> anyhow::Result<bool> {
    let mut rows = Vec::new();
    let store = match crate::daemon::open_store(config).await {
        Ok(store) => {
            rows.push(Row::ok(
                "Datenbank",
                crate::daemon::redact_url(&config.database.url),
            ));
            Some(store)
        }
        Err(e) => {
            rows.push(Row::wrong(
                "Datenbank",
                short(&format!("{e:#}")),
                "database.url prüfen (SQLite: Verzeichnis beschreibbar? PostgreSQL: Server, Nutzer, Datenbank)",
            ));
            None
        }
    };
    let mut set_aside = Vec::new();
    if let Some(store) = &store {
        let now = chrono::Utc::now();
        for platform in allianz_core::domain::Platform::ALL {
            let waiting = store.pending_outbox(platform, now, 10_000).await?.len();
            if waiting > 0 {
                rows.push(Row::ok(
                    format!("Warteschlange {platform}"),
                    format!("{waiting} Nachrichten warten"),
                ));
            }
        }
        set_aside = store.dead_letters(20).await?;
        if set_aside.is_empty() {
            rows.push(Row::ok("Übersprungene Ereignisse", "keine"));
        } else {
            rows.push(Row::wrong(
                "Übersprungene Ereignisse",
                format!("{} (unten, neueste zuerst)", set_aside.len()),
                "Fehler unten lesen; die Ereignisse wurden nicht ausgeführt",
            ));
        }
    }
    rows.extend(telegram(config).await);
    rows.extend(matrix(config).await);
    if let Some(store) = &store {
        let engine = Arc::new(Engine::new(store.clone(), config.engine_config()?));
        rows.extend(partners(config, engine).await);
    }
    rows.push(http_address(config));
    print_table(&rows);
    if !set_aside.is_empty() {
        println!();
        println!("Übersprungene Ereignisse / skipped events (neueste zuerst / newest first):");
        for d in &set_aside {
            println!(
                "  {} {} {} {}: {}",
                d.at.to_rfc3339(),
                d.platform,
                d.kind,
                d.event_id,
                d.error
            );
        }
    }
    if let Some(store) = store {
        store.close().await;
    }
    Ok(rows.iter().all(|r| r.ok))
}
