//! The command menu Telegram shows when someone types `/`: German by default and for German
//! clients, English for English clients.

use allianz_core::command::menu;
use allianz_core::domain::Lang;
use teloxide::Bot;
use teloxide::payloads::SetMyCommandsSetters;
use teloxide::prelude::Requester;
use teloxide::types::BotCommand;

fn commands(lang: Lang) -> Vec<BotCommand> {
    menu(lang)
        .into_iter()
        .map(|(name, description)| BotCommand::new(name, description))
        .collect()
}

/// Registers the menu for every language; a failure is logged, the bot works without it.
pub async fn register(bot: &Bot) {
    let menus = [
        (None, Lang::De),
        (Some("de"), Lang::De),
        (Some("en"), Lang::En),
    ];
    for (code, lang) in menus {
        let mut request = bot.set_my_commands(commands(lang));
        if let Some(code) = code {
            request = request.language_code(code);
        }
        if let Err(e) = request.await {
            tracing::warn!(error = %e, language = ?code, "registering the command menu failed");
        }
    }
}
