#!/usr/bin/env bash
# Side-by-side Matrix benchmark: allianz-bot against a bare matrix-nio bot (the floor) and
# maubot 0.6 with a ping plugin, on one Synapse started by tests/synapse.sh, in interleaved
# rounds so that the machine's noise hits all of them alike. Prints a Markdown table.
#
#   tests/peers/matrix/run.sh [ROUNDS=5] [N=100] [IDLE=30] [PROXY_ROUNDS=3] [ROOMS=100]
#
# Per bot: end-to-end latency (a matrix-nio "alice" sends a command and waits for the reply in
# her own sync), reaction time (through reaction_proxy.py between bot and Synapse: the sync
# response carrying the command handed over -> the bot's PUT /send arrives), CPU per command,
# RSS and idle CPU; then each bot's memory with one joined room and with ROOMS rooms (0: skip).
# allianz-bot answers `!hilfe` and `!ich` (a read of the member's own data),
# the peers `!ping N`.
#
# Python environments and the Synapse data live under $ALLIANZ_PEERS_DIR (default
# ~/.cache/allianz-peers); results under $RESULTS (default target/matrix-peers). The binary of
# the `dist` profile (the one for deployments) is built unless ALLIANZ_BOT_BIN names one; BOTS picks some of "nio_floor maubot allianz
# allianz_ich".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
ROUNDS=${1:-5}
N=${2:-100}
IDLE=${3:-30}
PROXY_ROUNDS=${4:-3}
ROOMS=${5:-100}
BOTS=" ${BOTS:-nio_floor maubot allianz allianz_ich} "
CACHE=${ALLIANZ_PEERS_DIR:-$HOME/.cache/allianz-peers}/matrix
RESULTS=${RESULTS:-$ROOT/target/matrix-peers}
export NO_PROXY='*' no_proxy='*'
# A Synapse of its own, so a test run on the default port is not disturbed.
export ALLIANZ_SYNAPSE_DIR=$CACHE/synapse ALLIANZ_SYNAPSE_PORT=18460
PROXY_PORT=18461
MAUBOT_PORT=18462
ALLIANZ_HTTP=127.0.0.1:18463

BIN=${ALLIANZ_BOT_BIN:-}
if [ -z "$BIN" ]; then
    (cd "$ROOT" && cargo build --profile dist -p allianz-bot --bin allianz-bot >&2)
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/dist/allianz-bot
fi

mkdir -p "$CACHE"
NIO=$CACHE/venv-nio/bin/python
if ! "$NIO" -c 'import nio, aiohttp' 2>/dev/null; then
    python3 -m venv "$CACHE/venv-nio"
    "$CACHE/venv-nio/bin/pip" install -q --disable-pip-version-check 'matrix-nio>=0.25,<0.27' aiohttp
fi
MAUBOT=$CACHE/venv-maubot/bin/python
if ! "$MAUBOT" -c 'import maubot' 2>/dev/null; then
    python3 -m venv "$CACHE/venv-maubot"
    "$CACHE/venv-maubot/bin/pip" install -q --disable-pip-version-check 'maubot>=0.6,<0.7'
fi

HS=$("$ROOT/tests/synapse.sh" start)
SYNAPSE_PID=$ALLIANZ_SYNAPSE_DIR/homeserver.pid
trap '"$ROOT/tests/synapse.sh" stop' EXIT
for user in bot alice maubot allianz; do
    curl -fsS -o /dev/null -X POST "$HS/_matrix/client/v3/register" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$user\",\"password\":\"${user}pass\",\"auth\":{\"type\":\"m.login.dummy\"}}"
done

rm -rf "$RESULTS"
mkdir -p "$RESULTS/direct" "$RESULTS/proxy"
WORK=$RESULTS/work
mkdir -p "$WORK"

# maubot: the example config with the port, the homeserver and an admin login; a client for
# @maubot:localhost and an instance of the ping plugin, made through its own tools. A second
# config and database point it at the proxy.
setup_maubot() {
    local dir=$WORK/maubot site mb token
    mkdir -p "$dir/plugins" "$dir/trash" "$dir/mbc"
    site=$("$MAUBOT" -c 'import maubot, os; print(os.path.dirname(maubot.__file__))')
    python3 - "$site/example-config.yaml" "$dir" "$MAUBOT_PORT" "$HS" "$PROXY_PORT" <<'PY'
import sys
example, d, port, hs, proxy_port = sys.argv[1:]
s = open(example).read()
for old, new in [
    ("    hostname: 0.0.0.0", "    hostname: 127.0.0.1"),
    ("    port: 29316", f"    port: {port}"),
    ("    public_url: https://example.com", f"    public_url: http://127.0.0.1:{port}"),
    ("    matrix.org:\n        # Client-server API URL\n        url: https://matrix-client.matrix.org",
     f"    localhost:\n        # Client-server API URL\n        url: {hs}"),
    ('    root: ""\n', '    root: ""\n    admin: adminpass\n'),
]:
    assert old in s, old
    s = s.replace(old, new)
open(f"{d}/config.yaml", "w").write(s)
assert "sqlite:maubot.db" in s and "./maubot.log" in s
proxied = (s.replace("sqlite:maubot.db", "sqlite:maubot-proxy.db")
            .replace(f"    port: {port}", f"    port: {int(port) + 10}")
            .replace("./maubot.log", "./maubot-proxy.log"))
open(f"{d}/config-proxy.yaml", "w").write(proxied)
PY
    mb=http://127.0.0.1:$MAUBOT_PORT
    (cd "$dir" && exec "$MAUBOT" -m maubot -c config.yaml >setup.log 2>&1) &
    local pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "$mb/_matrix/maubot/v1/version" && break; sleep 0.2; done
    export XDG_CONFIG_HOME=$dir/mbc
    local mbc=$CACHE/venv-maubot/bin/mbc
    "$mbc" login -s "$mb" -u admin -p adminpass -a bench </dev/null >&2
    "$mbc" auth -s "$mb" -h localhost -u maubot -p maubotpass -c -n maubot-bench </dev/null >&2
    (cd "$HERE/maubot-plugin" && "$mbc" build -o "$dir" -u -s "$mb" </dev/null >&2)
    token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["servers"][sys.argv[2]])' \
        "$XDG_CONFIG_HOME/maubot-cli.json" "$mb")
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        "$mb/_matrix/maubot/v1/instance/pingbench" \
        -d '{"type":"bench.ping","primary_user":"@maubot:localhost","enabled":true,"started":true}'
    sleep 1
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$dir"/*.mbp
    python3 - "$dir" "http://127.0.0.1:$PROXY_PORT" <<'PY'
import shutil, sqlite3, sys
d, proxy = sys.argv[1:]
shutil.copy(f"{d}/maubot.db", f"{d}/maubot-proxy.db")
c = sqlite3.connect(f"{d}/maubot-proxy.db")
c.execute("UPDATE client SET homeserver = ?", (proxy,))
c.commit()
PY
}

# A restarted maubot would replay what happened while it was away; every round starts fresh.
reset_maubot() {
    python3 - "$WORK/maubot/$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE client SET next_batch = ''")
c.commit()
PY
}

# One round of one bot. Args: results dir, name, tag, idle seconds, [--proxy-port P], command
# to start the bot (with {HS} for the homeserver it should use), readiness options.
bench() {
    python3 "$HERE/bench.py" --driver-python "$NIO" --hs "$HS" --synapse-pidfile "$SYNAPSE_PID" \
        --n "$N" "$@" | tail -1
}

# allianz-bot's command line in a fresh directory: new login, initial sync, history not
# answered. Alice is an admin (her invites are accepted); no per-person command limit.
allianz_cmd() {
    local wd
    wd=$(mktemp -d "$WORK/allianz.XXXXXX")
    echo "env ALLIANZ__MATRIX__HOMESERVER=$1 ALLIANZ__MATRIX__USER=@allianz:localhost \
ALLIANZ__MATRIX__PASSWORD=allianzpass ALLIANZ__DATABASE__URL=sqlite://$wd/allianz.db \
ALLIANZ__MATRIX__DATA_DIR=$wd/matrix ALLIANZ__HTTP__LISTEN=$ALLIANZ_HTTP \
ALLIANZ__CONSOLE__HISTORY_FILE=$wd/console-history.txt ALLIANZ__LIMITS__COMMANDS_PER_MINUTE=10000 \
'ALLIANZ__ALLIANCE__ADMINS=[\"matrix:@alice:localhost\"]' $BIN"
}

bench_allianz() {
    local results=$1 name=$2 tag=$3 idle=$4 command=$5
    shift 5
    bench --results "$results" --name "$name" --tag "$tag" --idle "$idle" --user @allianz:localhost \
        --command "$command" --ready-url "http://$ALLIANZ_HTTP/healthz" --ready-delay 1 "$@" \
        --cmd "$(allianz_cmd '{HS}')"
}

picked() {
    [[ $BOTS == *" $1 "* ]]
}

round() {
    local results=$1 tag=$2 idle=$3
    shift 3
    if picked nio_floor; then
        bench --results "$results" --name nio_floor --tag "$tag" --idle "$idle" --user @bot:localhost "$@" \
            --cmd "$NIO $HERE/nio_floor_bot.py {HS} @bot:localhost botpass" --ready-regex READY
    fi
    if picked maubot; then
        local config=config.yaml db=maubot.db
        if [ $# -gt 0 ]; then config=config-proxy.yaml db=maubot-proxy.db; fi
        reset_maubot "$db"
        bench --results "$results" --name maubot --tag "$tag" --idle "$idle" --user @maubot:localhost "$@" \
            --cwd "$WORK/maubot" --cmd "$MAUBOT -m maubot -c $config" \
            --ready-regex 'Started instance of bench.ping' --ready-delay 2
    fi
    if picked allianz; then
        bench_allianz "$results" allianz "$tag" "$idle" '!hilfe' "$@"
    fi
    if picked allianz_ich; then
        bench_allianz "$results" allianz_ich "$tag" "$idle" '!ich' "$@"
    fi
}

if picked maubot; then
    setup_maubot
fi
for r in $(seq 1 "$ROUNDS"); do
    round "$RESULTS/direct" "r$r" "$IDLE"
done
for r in $(seq 1 "$PROXY_ROUNDS"); do
    round "$RESULTS/proxy" "p$r" 5 --proxy-port "$PROXY_PORT"
done
if [ "$ROOMS" -gt 0 ]; then
    mkdir -p "$RESULTS/rooms"
    rooms() {
        local name=$1
        shift
        "$NIO" "$HERE/rooms.py" "$HS" "$@" --name "$name" --json "$RESULTS/rooms/$name.json"
    }
    if picked nio_floor; then
        rooms nio_floor @bot:localhost "$ROOMS" \
            --cmd "$NIO $HERE/nio_floor_bot.py $HS @bot:localhost botpass" --ready-regex READY
    fi
    if picked maubot; then
        reset_maubot maubot.db
        rooms maubot @maubot:localhost "$ROOMS" --cwd "$WORK/maubot" --ready-delay 2 \
            --cmd "$MAUBOT -m maubot -c config.yaml" --ready-regex 'Started instance of bench.ping'
    fi
    if picked allianz; then
        rooms allianz @allianz:localhost "$ROOMS" --cmd "$(allianz_cmd "$HS")" \
            --ready-url "http://$ALLIANZ_HTTP/healthz"
    fi
fi
python3 "$HERE/summarize.py" "$RESULTS/direct" "$RESULTS/proxy" "$RESULTS/rooms" | tee "$RESULTS/summary.md"
