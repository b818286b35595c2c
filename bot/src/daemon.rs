//! Starting and stopping the daemon: store, engine, outbox senders, adapters.

use std::path::PathBuf;
use std::sync::Arc;

use allianz_core::Engine;
use allianz_core::store::{self, Store};
use anyhow::Context;
use tokio::sync::watch;

use crate::config::Config;
use std::io::IsTerminal;

use crate::console::{Console, ConsoleOutput};
use crate::matrix::MatrixAdapter;
use crate::outbox::Outbox;
use crate::partners::Partners;
use crate::readiness::Readiness;
use crate::scheduler::Scheduler;
use crate::telegram::TelegramAdapter;
use crate::web;

pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    store::connect(&config.database.url).await.with_context(|| {
        format!(
            "Datenbank {} nicht erreichbar",
            redact_url(&config.database.url)
        )
    })
}

/// Database URLs may carry a password: show only scheme and host part.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://***@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    allianz_core::i18n::set_alliance_name(&config.alliance.name);
    let store = open_store(&config).await?;
    let engine = Arc::new(Engine::new(store.clone(), config.engine_config()?));
    let (shutdown_tx, shutdown_rx) = watch::channel(false);

    let history_file = PathBuf::from(&config.console.history_file);
    let export_dir = history_file
        .parent()
        .map(|p| p.join("exports"))
        .unwrap_or_else(|| PathBuf::from("exports"));
    let console_out = Arc::new(ConsoleOutput::new(Box::new(std::io::stdout()), export_dir));
    let console_outbox = Outbox::new(engine.clone(), console_out);
    // Replies committed before a crash or restart go out first.
    console_outbox.drain().await?;
    let sender = tokio::spawn(console_outbox.clone().run(shutdown_rx.clone()));
    let scheduler = Scheduler::new(engine.clone()).start(shutdown_rx.clone());
    let readiness = Readiness::new();
    let web = web::listen(
        &config.http.listen,
        engine.clone(),
        web::Site {
            name: config.alliance.name.clone(),
            public_url: Some(config.http.public_url.clone()).filter(|u| !u.is_empty()),
            metrics_token: config.http.metrics_token.clone(),
            database_url: Some(config.database.url.clone()),
        },
        readiness.clone(),
        shutdown_rx.clone(),
    )
    .await;
    let partners =
        Partners::new(&config.calendar, engine.clone())?.map(|p| p.start(shutdown_rx.clone()));

    let matrix = if config.matrix.homeserver.is_empty() {
        None
    } else {
        let adapter = MatrixAdapter::connect(&config.matrix, engine.clone(), store.clone())
            .await
            .context("Matrix")?;
        let running = adapter.start(shutdown_rx.clone());
        readiness.watch("matrix", running.connected.clone());
        Some(running)
    };

    let telegram = match &config.telegram.token {
        None => None,
        Some(_) => {
            let adapter = TelegramAdapter::connect(&config.telegram, engine.clone())
                .await
                .context("Telegram")?;
            let running = adapter.start(shutdown_rx.clone());
            readiness.watch("telegram", running.connected.clone());
            Some(running)
        }
    };

    // The terminal chat runs when it is the only way in, or beside the messengers when a
    // person sits at the terminal; otherwise the daemon runs until Ctrl-C or SIGTERM.
    let messengers = matrix.is_some() || telegram.is_some();
    let console = config.console.enabled && (!messengers || std::io::stdin().is_terminal());
    if console {
        Console::new(engine.clone(), console_outbox.clone(), history_file)
            .run()
            .await?;
    } else {
        wait_for_stop_signal().await?;
    }

    let _ = shutdown_tx.send(true);
    let _ = sender.await;
    let _ = scheduler.await;
    if let Some(web) = web {
        let _ = web.await;
    }
    if let Some(partners) = partners {
        let _ = partners.await;
    }
    if let Some(matrix) = matrix {
        matrix.stopped().await;
    }
    if let Some(telegram) = telegram {
        telegram.stopped().await;
    }
    store.close().await;
    Ok(())
}

async fn wait_for_stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r?,
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c().await?;
    Ok(())
}

/// `allianz-bot check`: the database answers and is up to date; what waits in the outbox;
/// which events were set aside. `Ok(false)` when something needs an admin's look.
/// `allianz-bot backup <datei>`: a consistent copy of a SQLite database, taken while the
/// daemon may run; restoring is putting the copy where `database.url` points while the
/// daemon is stopped. PostgreSQL has its own tool for that; the answer names it.
pub async fn backup(config: &Config, to: &std::path::Path) -> anyhow::Result<bool> {
    if to.exists() {
        anyhow::bail!(
            "{} gibt es schon; die Sicherung überschreibt nichts / exists already; the backup \
             overwrites nothing",
            to.display()
        );
    }
    let store = open_store(config).await?;
    let done = store.backup(to).await;
    store.close().await;
    match done? {
        allianz_core::store::Backup::Written => {
            let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
            println!(
                "Gesichert / backed up: {} ({} KiB)",
                to.display(),
                size.div_ceil(1024)
            );
            Ok(true)
        }
        allianz_core::store::Backup::UseTool(tool) => {
            println!(
                "PostgreSQL sichert man mit {tool}, z. B. / back up PostgreSQL with {tool}, e.g.: \
                 {tool} --format=custom --file={} <datenbank-url>",
                to.display()
            );
            Ok(false)
        }
    }
}

pub async fn check(config: &Config) -> anyhow::Result<bool> {
    crate::check::run(config).await
}

pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    store.close().await;
    Ok(())
}
