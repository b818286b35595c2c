#!/usr/bin/env bash
# A real Matrix homeserver for the tests: Synapse from PyPI in a cached virtual environment,
# on 127.0.0.1 with SQLite, open registration and test-friendly rate limits.
#
#   tests/synapse.sh start   # prints the URL once the server is healthy
#   tests/synapse.sh stop
set -euo pipefail

CACHE="${ALLIANZ_CACHE_DIR:-$HOME/.cache/allianz-bot}"
VENV="$CACHE/synapse-venv"
SYNAPSE_VERSION="1.163.2"
DIR="${ALLIANZ_SYNAPSE_DIR:-$CACHE/synapse-run}"
PORT="${ALLIANZ_SYNAPSE_PORT:-18448}"

install() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import synapse' 2>/dev/null \
        && [ "$("$VENV/bin/python" -c 'import synapse; print(synapse.__version__)')" = "$SYNAPSE_VERSION" ]; then
        return 0
    fi
    echo "Installiere Synapse $SYNAPSE_VERSION nach $VENV …" >&2
    rm -rf "$VENV"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "matrix-synapse==$SYNAPSE_VERSION"
}

stop() {
    if [ -f "$DIR/homeserver.pid" ]; then
        local pid
        pid=$(cat "$DIR/homeserver.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        rm -f "$DIR/homeserver.pid"
    fi
}

# Start the server of an existing data directory again (for restart tests).
resume() {
    "$VENV/bin/python" -m synapse.app.homeserver \
        -c "$DIR/homeserver.yaml" -c "$DIR/overrides.yaml" --daemonize >/dev/null
    for _ in $(seq 1 100); do
        if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
            echo "http://127.0.0.1:$PORT"
            return 0
        fi
        sleep 0.2
    done
    echo "Synapse antwortet nicht auf Port $PORT; siehe $DIR/homeserver.log" >&2
    return 1
}

start() {
    install
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR"
    (cd "$DIR" && "$VENV/bin/python" -m synapse.app.homeserver --server-name localhost \
        --config-path homeserver.yaml --data-directory "$DIR" --generate-config \
        --report-stats=no >/dev/null)
    local limit='{per_second: 10000, burst_count: 100000}'
    # Messages are limited as a stock Synapse does it (0.2 a second after a burst of 10)
    # when ALLIANZ_SYNAPSE_MESSAGE_LIMIT=default; otherwise nothing waits.
    local message_limit="rc_message: $limit"
    if [ "${ALLIANZ_SYNAPSE_MESSAGE_LIMIT:-}" = default ]; then
        message_limit="# rc_message: Synapse's default"
    fi
    cat > "$DIR/overrides.yaml" <<YAML
listeners:
  - port: $PORT
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: $DIR/homeserver.db
pid_file: $DIR/homeserver.pid
enable_registration: true
enable_registration_without_verification: true
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
$message_limit
rc_registration: $limit
rc_login:
  address: $limit
  account: $limit
  failed_attempts: $limit
rc_joins:
  local: $limit
  remote: $limit
rc_joins_per_room: $limit
rc_invites:
  per_room: $limit
  per_user: $limit
  per_issuer: $limit
rc_room_creation: $limit
rc_key_requests: $limit
rc_admin_redaction: $limit
rc_media_create: $limit
rc_3pid_validation: $limit
rc_delayed_event_mgmt: $limit
rc_reports: $limit
rc_presence:
  per_user: $limit
YAML
    resume
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    resume) resume ;;
    install) install ;;
    *) echo "usage: $0 start|stop|resume|install" >&2; exit 2 ;;
esac
