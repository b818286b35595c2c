#![recursion_limit = "256"]
use std::process::ExitCode;

use allianz_bot::cli::{self, Action};
use allianz_bot::config::Config;
use allianz_bot::daemon;

fn main() -> ExitCode {
    let de = cli::help_is_german();
    let cli = cli::parse(de);
    let mut config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("Konfigurationsfehler / configuration error:\n{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(url) = cli.database_url {
        config.database.url = url;
        if let Err(e) = config.validate() {
            eprintln!("Konfigurationsfehler / configuration error:\n{e}");
            return ExitCode::from(2);
        }
    }
    init_tracing(&config.log.level, &config.log.format);

    if cli.action == Action::CheckConfig {
        return check_config(&config);
    }
    if config.runtime.one_cpu
        && let Err(e) = allianz_bot::cpu::stay_on_this_cpu()
    {
        tracing::debug!(error = %e, "threads not kept on one processor");
    }
    // One runtime thread: the daemon waits on the network and its database (whose SQLite
    // connections have threads of their own), and hand-offs between worker threads cost more
    // CPU per command than they save (measured with `--bench telegram_peers`).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.action {
            Action::Migrate => daemon::migrate(&config).await.map(|()| true),
            Action::Check => daemon::check(&config).await,
            Action::Recount(round) => allianz_bot::budget::recount(&config, round).await,
            Action::Export(round) => allianz_bot::budget::export(&config, round).await,
            Action::Backup => match &cli.backup_to {
                Some(to) => daemon::backup(&config, to).await,
                None => Ok(false),
            },
            Action::Run | Action::CheckConfig => daemon::run(config).await.map(|()| true),
        }
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("Fehler / error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// matrix-sdk asks its key backup after every sync, and the backup warns each time that no
/// backup key is set up; the bot does not use key backups, so that warning is no news.
const QUIET: &str = "matrix_sdk_crypto::backups=error";

fn init_tracing(level: &str, format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{level},{QUIET}")));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        logs.json().init();
    } else {
        logs.init();
    }
}

fn check_config(config: &Config) -> ExitCode {
    let mut shown = config.clone();
    shown.database.url = daemon::redact_url(&shown.database.url);
    match toml::to_string_pretty(&shown) {
        Ok(text) => {
            println!("{text}");
            for (section, key, set) in [
                ("telegram", "token", config.telegram.token.is_some()),
                ("matrix", "password", config.matrix.password.is_some()),
                (
                    "matrix",
                    "access_token",
                    config.matrix.access_token.is_some(),
                ),
                (
                    "matrix",
                    "store_passphrase",
                    config.matrix.store_passphrase.is_some(),
                ),
            ] {
                let state = if set {
                    "gesetzt / set"
                } else {
                    "nicht gesetzt / not set"
                };
                println!("# {section}.{key}: {state}");
            }
            println!("# OK");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
