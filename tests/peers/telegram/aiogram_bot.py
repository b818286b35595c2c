"""A minimal aiogram 3 bot: answers every text message with one short line.
The second peer that allianz-bot is measured against.

    python aiogram_bot.py <Bot API base URL> <token>
"""
import asyncio
import sys

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


async def main() -> None:
    url, token = sys.argv[1], sys.argv[2]
    session = AiohttpSession(api=TelegramAPIServer.from_base(url))
    bot = Bot(token, session=session)
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def reply(message: Message) -> None:
        await message.answer("pong")

    await dispatcher.start_polling(bot, polling_timeout=25, allowed_updates=["message"])


if __name__ == "__main__":
    asyncio.run(main())
