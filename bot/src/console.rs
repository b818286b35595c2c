//! The terminal chat: the embedded default adapter. Every command works here, as the local
//! admin (`console:lokal`); `/als <name>` switches to another local person to try
//! multi-person flows alone. Reads a terminal with line editing and history, or stdin line
//! by line when scripted.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use allianz_core::Engine;
use allianz_core::domain::{Platform, PlatformIdentity};
use allianz_core::message::{ChatRef, Incoming, IncomingKind, Outgoing, Target};
use allianz_core::store::OutboxItem;
use async_trait::async_trait;
use chrono::Utc;
use tokio::io::AsyncBufReadExt;
use tokio::sync::{mpsc, watch};

use crate::outbox::{Deliver, DeliveryError, Outbox};

pub const CHAT_ID: &str = "terminal";

/// Prints outgoing console messages; files (data exports) are written next to the data.
pub struct ConsoleOutput {
    out: Mutex<Box<dyn Write + Send>>,
    export_dir: PathBuf,
}

impl ConsoleOutput {
    pub fn new(out: Box<dyn Write + Send>, export_dir: PathBuf) -> Self {
        Self {
            out: Mutex::new(out),
            export_dir,
        }
    }

    fn render(&self, message: &Outgoing) -> std::io::Result<String> {
        let mut text = String::new();
        if let Target::Direct { identity } = &message.target {
            text.push_str(&format!("🔒 privat an {}:\n", identity.user()));
        }
        text.push_str(&message.body.to_plain());
        for row in &message.buttons {
            let labels: Vec<_> = row.iter().map(|b| format!("[{}]", b.label)).collect();
            text.push_str(&format!("\n{}", labels.join(" ")));
        }
        if let Some(file) = &message.attachment {
            allianz_core::store::create_private_dir(&self.export_dir)?;
            let owner = match &message.target {
                Target::Direct { identity } => identity.user().to_string(),
                Target::Chat { .. } => "terminal".to_string(),
            };
            let path = self.export_dir.join(format!("{owner}-{}", file.filename));
            std::fs::write(&path, &file.content)?;
            text.push_str(&format!("\n📎 {}", path.display()));
        }
        Ok(text)
    }
}

#[async_trait]
impl Deliver for ConsoleOutput {
    fn platform(&self) -> Platform {
        Platform::Console
    }

    async fn deliver(&self, item: &OutboxItem) -> Result<Option<String>, DeliveryError> {
        let message = &item.message;
        let retry = |e: std::io::Error| DeliveryError::Retry {
            after: None,
            reason: e.to_string(),
        };
        let text = self.render(message).map_err(retry)?;
        let mut out = self.out.lock().map_err(|_| DeliveryError::Retry {
            after: None,
            reason: "console output poisoned".into(),
        })?;
        writeln!(out, "{text}\n")
            .and_then(|_| out.flush())
            .map_err(retry)?;
        Ok(None)
    }
}

/// Who is typing in the terminal chat.
struct Speaker {
    identity: PlatformIdentity,
}

impl Speaker {
    fn prompt(&self) -> String {
        format!("{}> ", self.identity.user())
    }
}

enum LineOutcome {
    Continue,
    Quit,
}

/// What the terminal chat handles itself, before the engine sees a line.
fn local_command(speaker: &mut Speaker, line: &str, out: &mut dyn Write) -> Option<LineOutcome> {
    let trimmed = line.trim();
    let (word, rest) = trimmed
        .split_once(char::is_whitespace)
        .unwrap_or((trimmed, ""));
    match word {
        "/als" | "!als" | "/as" => {
            let rest = rest.trim();
            if rest.is_empty() {
                let _ = writeln!(out, "Du schreibst als {}.\n", speaker.identity);
            } else {
                match PlatformIdentity::console(rest) {
                    Ok(identity) => {
                        let _ = writeln!(out, "Du schreibst jetzt als {identity}.\n");
                        speaker.identity = identity;
                    }
                    Err(_) => {
                        let _ = writeln!(
                            out,
                            "„{rest}“ geht nicht als Name: ein Wort aus Buchstaben, Ziffern, _ . - \
                             (z. B. /als anna).\n"
                        );
                    }
                }
            }
            Some(LineOutcome::Continue)
        }
        "/beenden" | "/quit" | "/exit" => Some(LineOutcome::Quit),
        _ => None,
    }
}

pub struct Console {
    engine: Arc<Engine>,
    outbox: Arc<Outbox>,
    history_file: PathBuf,
}

/// Turns true at the first Ctrl-C (SIGINT). Listening from the start: a Ctrl-C that comes
/// while a line is being answered is not lost – the chat ends after that line.
fn interrupted() -> anyhow::Result<watch::Receiver<bool>> {
    let (tx, rx) = watch::channel(false);
    #[cfg(unix)]
    {
        let mut interrupt =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        tokio::spawn(async move {
            if interrupt.recv().await.is_some() {
                let _ = tx.send(true);
            }
        });
    }
    #[cfg(not(unix))]
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = tx.send(true);
        }
    });
    Ok(rx)
}

impl Console {
    pub fn new(engine: Arc<Engine>, outbox: Arc<Outbox>, history_file: PathBuf) -> Self {
        Self {
            engine,
            outbox,
            history_file,
        }
    }

    /// Runs until end of input, `/beenden` or Ctrl-C. Every line read is committed and
    /// answered before the next is read, so nothing typed is lost on the way out.
    pub async fn run(self) -> anyhow::Result<()> {
        let mut speaker = Speaker {
            identity: PlatformIdentity::console("lokal").expect("valid console identity"),
        };
        let stop = interrupted()?;
        if std::io::stdin().is_terminal() {
            self.run_terminal(&mut speaker, stop).await
        } else {
            self.run_script(&mut speaker, stop).await
        }
    }

    async fn run_script(
        &self,
        speaker: &mut Speaker,
        mut stop: watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
        loop {
            let line = tokio::select! {
                line = lines.next_line() => line?,
                _ = stop.changed() => None,
            };
            let Some(line) = line else { return Ok(()) };
            if let LineOutcome::Quit = self.line(speaker, &line).await? {
                return Ok(());
            }
            if *stop.borrow() {
                return Ok(());
            }
        }
    }

    async fn run_terminal(
        &self,
        speaker: &mut Speaker,
        stop: watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        println!(
            "Allianz-Bot – Terminal-Chat. /hilfe zeigt alle Befehle, /als <name> wechselt die \
             Person, /beenden oder Strg-D beendet."
        );
        // rustyline blocks, so it lives on its own thread; it waits for an answer after each
        // line so that replies are printed before the next prompt.
        let (line_tx, mut line_rx) = mpsc::channel::<Option<String>>(1);
        let (prompt_tx, prompt_rx) = std::sync::mpsc::channel::<Option<String>>();
        let history = self.history_file.clone();
        let reader = std::thread::spawn(move || {
            let Ok(mut editor) = rustyline::DefaultEditor::new() else {
                let _ = line_tx.blocking_send(None);
                return;
            };
            let _ = editor.load_history(&history);
            while let Ok(Some(prompt)) = prompt_rx.recv() {
                match editor.readline(&prompt) {
                    Ok(line) => {
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                        }
                        if line_tx.blocking_send(Some(line)).is_err() {
                            break;
                        }
                    }
                    // Ctrl-C, Ctrl-D or a broken terminal all end the chat.
                    Err(_) => {
                        let _ = line_tx.blocking_send(None);
                        break;
                    }
                }
            }
            if let Some(dir) = history.parent() {
                let _ = allianz_core::store::create_private_dir(dir);
            }
            let _ = editor.save_history(&history);
        });
        let _ = prompt_tx.send(Some(speaker.prompt()));
        while let Some(Some(line)) = line_rx.recv().await {
            if let LineOutcome::Quit = self.line(speaker, &line).await? {
                break;
            }
            // Ctrl-C while the line was being answered: it is answered, then the chat ends.
            if *stop.borrow() {
                break;
            }
            let _ = prompt_tx.send(Some(speaker.prompt()));
        }
        let _ = prompt_tx.send(None);
        drop(line_rx);
        let _ = tokio::task::spawn_blocking(move || reader.join()).await;
        Ok(())
    }

    async fn line(&self, speaker: &mut Speaker, line: &str) -> anyhow::Result<LineOutcome> {
        if line.trim().is_empty() {
            return Ok(LineOutcome::Continue);
        }
        if let Some(outcome) = local_command(speaker, line, &mut std::io::stdout()) {
            return Ok(outcome);
        }
        let incoming = Incoming {
            // The terminal has no event ids of its own; each line typed is a new event.
            event_id: uuid::Uuid::new_v4().to_string(),
            chat: ChatRef {
                platform: Platform::Console,
                id: CHAT_ID.into(),
                is_private: true,
                encrypted: false,
                title: None,
            },
            sender: speaker.identity.clone(),
            sender_name: Some(speaker.identity.user().to_string()),
            sender_handle: None,
            at: Utc::now(),
            kind: IncomingKind::Text {
                text: line.to_string(),
            },
        };
        if let Err(e) = self.engine.handle(&incoming).await {
            tracing::error!(error = %e, "command failed");
            println!("⚠ Das hat nicht geklappt ({e}). Es wurde nichts gespeichert.\n");
        }
        self.outbox.drain().await?;
        Ok(LineOutcome::Continue)
    }
}
