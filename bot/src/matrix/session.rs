//! Logging in once and staying the same device: the session is saved under the data
//! directory and restored at every start. A new login would be a new device, and encrypted
//! rooms would then show "unable to decrypt" for the bot.

use std::path::Path;

use anyhow::Context;
use matrix_sdk::Client;
use matrix_sdk::authentication::matrix::MatrixSession;

use crate::config::MatrixConfig;

const SESSION_FILE: &str = "session.json";

/// matrix-sdk's SQLite stores under `store_dir`: room state and encryption keys.
pub const STORE_FILES: [&str; 2] = ["matrix-sdk-state.sqlite3", "matrix-sdk-crypto.sqlite3"];

pub fn store_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("store")
}

pub async fn build_client(config: &MatrixConfig, dir: &Path) -> anyhow::Result<Client> {
    allianz_core::store::create_private_dir(dir)
        .with_context(|| format!("{} anlegen", dir.display()))?;
    // With a passphrase the session and the encryption keys are encrypted on disk: a copy of
    // the directory alone does not let anyone read the confidential rooms.
    let passphrase = config.store_passphrase.as_ref().map(|p| p.expose());
    let client = Client::builder()
        .homeserver_url(&config.homeserver)
        .sqlite_store(store_dir(dir), passphrase)
        .build()
        .await
        .context("Matrix-Client erstellen")?;
    Ok(client)
}

/// Restores the saved session or logs in with the configured password; saves the result.
pub async fn sign_in(client: &Client, config: &MatrixConfig, dir: &Path) -> anyhow::Result<()> {
    let file = dir.join(SESSION_FILE);
    if let Ok(text) = std::fs::read_to_string(&file) {
        let session: MatrixSession =
            serde_json::from_str(&text).context("gespeicherte Matrix-Sitzung lesen")?;
        client
            .restore_session(session)
            .await
            .context("Matrix-Sitzung wiederherstellen")?;
        return Ok(());
    }
    let auth = client.matrix_auth();
    if let Some(password) = &config.password {
        auth.login_username(&config.user, password.expose())
            .initial_device_display_name("Allianz-Bot")
            .send()
            .await
            .context("Matrix-Anmeldung mit Passwort")?;
    } else if let Some(token) = &config.access_token {
        let whoami = whoami(&config.homeserver, token.expose()).await?;
        let session = MatrixSession {
            meta: matrix_sdk::SessionMeta {
                user_id: whoami.0,
                device_id: whoami.1,
            },
            tokens: matrix_sdk::SessionTokens {
                access_token: token.expose().to_string(),
                refresh_token: None,
            },
        };
        client
            .restore_session(session)
            .await
            .context("Matrix-Anmeldung mit Zugangstoken")?;
    } else {
        anyhow::bail!(
            "matrix.homeserver ist gesetzt, aber weder ALLIANZ__MATRIX__PASSWORD noch \
             ALLIANZ__MATRIX__ACCESS_TOKEN"
        );
    }
    let session = auth.session().context("keine Sitzung nach der Anmeldung")?;
    write_private(&file, &serde_json::to_string(&session)?)?;
    Ok(())
}

/// The saved session's access token, if the bot has logged in before (for `check`).
pub fn saved_token(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(SESSION_FILE)).ok()?;
    let session: MatrixSession = serde_json::from_str(&text).ok()?;
    Some(session.tokens.access_token)
}

/// The session holds an access token: readable by the bot's user only.
fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut f = options
        .open(path)
        .with_context(|| format!("{} schreiben", path.display()))?;
    f.write_all(content.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// For an access token without a saved session: which user and device it belongs to.
async fn whoami(
    homeserver: &str,
    token: &str,
) -> anyhow::Result<(
    matrix_sdk::ruma::OwnedUserId,
    matrix_sdk::ruma::OwnedDeviceId,
)> {
    #[derive(serde::Deserialize)]
    struct WhoAmI {
        user_id: matrix_sdk::ruma::OwnedUserId,
        device_id: Option<matrix_sdk::ruma::OwnedDeviceId>,
    }
    let url = format!(
        "{}/_matrix/client/v3/account/whoami",
        homeserver.trim_end_matches('/')
    );
    let body = matrix_sdk::reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .context("whoami")?
        .error_for_status()
        .context("whoami: Zugangstoken abgelehnt")?
        .text()
        .await
        .context("whoami: Antwort")?;
    let response: WhoAmI = serde_json::from_str(&body).context("whoami: Antwort")?;
    let device = response
        .device_id
        .context("das Zugangstoken gehört zu keinem Gerät")?;
    Ok((response.user_id, device))
}
