"""A minimal python-telegram-bot 22 bot: answers every text message with one short line.
The peer that allianz-bot's reply latency, CPU and memory are measured against.

    python ptb_bot.py <Bot API base URL> <token>
"""
import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text("pong")


def main() -> None:
    url, token = sys.argv[1], sys.argv[2]
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(url + "/bot")
        .base_file_url(url + "/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, reply))
    app.run_polling(poll_interval=0, timeout=25, allowed_updates=["message"])


if __name__ == "__main__":
    main()
