//! The Telegram adapter: the bot in Telegram groups and private chats, through the Bot API
//! with teloxide's HTTP client.
//!
//! Intake is exactly-once (see `listener`): an update is acknowledged to Telegram only after
//! it is committed. Replies go out from the outbox within Telegram's limits (see `limits`:
//! about one message a second per chat, 20 a minute per group, 30 a second overall); a 429
//! is waited out and the message sent again.

mod deliver;
mod intake;
mod limits;
mod listener;
mod menu;

use std::sync::Arc;

use allianz_core::Engine;
use allianz_core::domain::Platform;
use anyhow::Context;
use teloxide::prelude::Requester;
use teloxide::{ApiError, Bot, RequestError};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::TelegramConfig;
use crate::outbox::Outbox;
use deliver::TelegramDelivery;
use limits::{Limits, SendLimiter};

pub struct TelegramAdapter {
    bot: Bot,
    engine: Arc<Engine>,
    outbox: Arc<Outbox>,
    me: intake::Me,
    /// `getMe` answered: the bot knows its user name (for `/befehl@botname`).
    identified: bool,
}

/// The running adapter's tasks; they end when the shutdown signal turns true.
pub struct Running {
    pub listener: JoinHandle<()>,
    pub sender: JoinHandle<()>,
    /// Turns true once Telegram has answered `getMe` with this token.
    pub connected: watch::Receiver<bool>,
}

impl Running {
    pub async fn stopped(self) {
        let _ = self.listener.await;
        let _ = self.sender.await;
    }
}

impl TelegramAdapter {
    /// Checks the token with `getMe`, registers the command menu and prepares delivery. A
    /// token Telegram refuses is an error; an unreachable Telegram is not: the listener keeps
    /// trying (a server may boot before its network is up).
    pub async fn connect(
        config: &TelegramConfig,
        engine: Arc<Engine>,
    ) -> anyhow::Result<TelegramAdapter> {
        let token = config
            .token
            .as_ref()
            .context("ALLIANZ__TELEGRAM__TOKEN ist nicht gesetzt")?;
        // A bot token is `<bot's user id>:<secret>`: the id is known without asking Telegram.
        let id = token
            .expose()
            .split_once(':')
            .and_then(|(id, _)| id.parse::<u64>().ok())
            .context("ALLIANZ__TELEGRAM__TOKEN sieht nicht aus wie ein Bot-Token (123456:ABC…)")?;
        let url = config
            .api_url
            .parse()
            .with_context(|| format!("telegram.api_url „{}“", config.api_url))?;
        let bot = Bot::new(token.expose()).set_api_url(url);
        let identified = match identify(&bot, &engine).await {
            Ok(()) => true,
            Err(RequestError::Api(ApiError::InvalidToken)) => {
                anyhow::bail!("Telegram lehnt ALLIANZ__TELEGRAM__TOKEN ab (Token prüfen)")
            }
            Err(e) => {
                tracing::warn!(error = %e, "Telegram not reachable yet; will keep trying");
                false
            }
        };
        let outbox = Outbox::new(
            engine.clone(),
            Arc::new(TelegramDelivery {
                bot: bot.clone(),
                limiter: SendLimiter::new(Limits {
                    chat_burst: config.chat_burst.max(1),
                    ..Limits::default()
                }),
                store: engine.store().clone(),
            }),
        );
        Ok(TelegramAdapter {
            bot,
            engine,
            outbox,
            me: intake::Me {
                id: teloxide::types::UserId(id),
            },
            identified,
        })
    }

    /// Starts the update listener and the outbox sender.
    pub fn start(self, shutdown: watch::Receiver<bool>) -> Running {
        let sender = tokio::spawn(self.outbox.clone().run(shutdown.clone()));
        let (connected_tx, connected) = watch::channel(self.identified);
        let listener = listener::Listener {
            connected: connected_tx,
            cursor_name: format!("telegram:{}:offset", self.me.id.0),
            bot: self.bot,
            store: self.engine.store().clone(),
            engine: self.engine,
            me: self.me,
            identified: self.identified,
            outbox: self.outbox,
        };
        let listener = tokio::spawn(listener.run(shutdown));
        Running {
            listener,
            sender,
            connected,
        }
    }
}

/// Asks Telegram who the bot is, tells the engine its user name and registers the menu.
async fn identify(bot: &Bot, engine: &Engine) -> Result<(), RequestError> {
    let me = bot.get_me().await?;
    let username = me.username.clone().unwrap_or_default();
    engine.set_bot_username(Platform::Telegram, &username);
    menu::register(bot).await;
    tracing::info!(bot = %username, "Telegram connected");
    Ok(())
}
