#!/usr/bin/env bash
# Creates (once) the Python environment of the Telegram peer bots and prints its python.
set -euo pipefail
venv="${ALLIANZ_PEERS_DIR:-$HOME/.cache/allianz-peers}/telegram-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import telegram, aiogram' 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet 'python-telegram-bot>=22,<23' 'aiogram>=3,<4' >&2
fi
echo "$venv/bin/python"
