#!/usr/bin/env python3
"""Memory per joined room: start a bot, let "alice" invite it to ROOMS new rooms, one message
in each, and read the bot's resident memory after the first room and after all of them.

Usage: rooms.py HOMESERVER BOT_USER ROOMS --cmd "COMMAND" [--ready-url URL | --ready-regex RX]
                [--cwd DIR] [--json FILE]

Prints one line: name, RSS with one room, RSS with ROOMS rooms, MiB per further room.
"""
import argparse
import asyncio
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.request

from nio import AsyncClient, LoginResponse
from nio.api import RoomPreset


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_ready(proc, a, log):
    deadline = time.monotonic() + 120
    op = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"bot exited early (rc {proc.returncode}); see {log}")
        if a.ready_url:
            try:
                if op.open(a.ready_url, timeout=1).status == 200:
                    return
            except OSError:
                pass
        elif re.search(a.ready_regex, open(log, errors="replace").read()):
            return
        time.sleep(0.05)
    sys.exit(f"bot not ready; see {log}")


async def invite_rooms(hs, bot, count, first):
    alice = AsyncClient(hs, "@alice:localhost")
    if not isinstance(await alice.login("alicepass", device_name="rooms"), LoginResponse):
        sys.exit("alice cannot log in")
    rooms = []
    for i in range(count):
        r = await alice.room_create(name=f"Raum {first + i}", invite=[bot], preset=RoomPreset.private_chat)
        rooms.append(r.room_id)
        await alice.room_send(r.room_id, "m.room.message", {"msgtype": "m.text", "body": f"Hallo {i}"})
    # Joined when the bot is in the room's member list.
    deadline = time.monotonic() + 180
    waiting = set(rooms)
    while waiting and time.monotonic() < deadline:
        for room_id in list(waiting):
            members = await alice.joined_members(room_id)
            if any(m.user_id == bot for m in getattr(members, "members", [])):
                waiting.discard(room_id)
        if waiting:
            await asyncio.sleep(0.5)
    await alice.close()
    if waiting:
        sys.exit(f"{len(waiting)} rooms not joined")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hs")
    ap.add_argument("bot")
    ap.add_argument("rooms", type=int)
    ap.add_argument("--name", required=True)
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--cwd", default=".")
    ap.add_argument("--ready-url")
    ap.add_argument("--ready-regex")
    ap.add_argument("--ready-delay", type=float, default=1.0)
    ap.add_argument("--settle", type=float, default=5.0, help="seconds after the last join")
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    log = a.json[:-5] + ".log"
    with open(log, "w") as logf:
        proc = subprocess.Popen(shlex.split(a.cmd), cwd=a.cwd, stdin=subprocess.DEVNULL, stdout=logf,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_ready(proc, a, log)
        time.sleep(a.ready_delay)
        asyncio.run(invite_rooms(a.hs, a.bot, 1, 0))
        time.sleep(a.settle)
        one = rss_kib(proc.pid)
        asyncio.run(invite_rooms(a.hs, a.bot, a.rooms - 1, 1))
        time.sleep(a.settle)
        many = rss_kib(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    per_room = (many - one) / 1024 / max(1, a.rooms - 1)
    json.dump({"name": a.name, "rooms": a.rooms, "rss_one_kib": one, "rss_many_kib": many,
               "mib_per_room": per_room}, open(a.json, "w"))
    print(f"{a.name:12s} RSS 1 room {one / 1024:.1f} MiB, {a.rooms} rooms {many / 1024:.1f} MiB, "
          f"{per_room:.3f} MiB per further room")


if __name__ == "__main__":
    main()
