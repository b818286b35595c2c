#!/usr/bin/env bash
# Runs every test of Allianz-Bot: makes sure PostgreSQL answers (installing and starting a
# local server if there is none) and Chromium is there (installing it if not), starts a local
# Synapse homeserver for the Matrix tests, builds the workspace and runs the whole suite on
# SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

export ALLIANZ_TEST_POSTGRES_URL="${ALLIANZ_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

pg_answers() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432
}

ensure_postgres() {
    if pg_answers; then return 0; fi
    echo "PostgreSQL antwortet nicht auf 127.0.0.1:5432 – starte/installiere einen lokalen Server …"
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Bitte PostgreSQL installieren (Debian: sudo apt-get install postgresql) oder" >&2
            echo "ALLIANZ_TEST_POSTGRES_URL auf einen erreichbaren Server setzen." >&2
            exit 1
        fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    # Tests connect over TCP as postgres without a password, as on the CI machines.
    if ! grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
        sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
    pg_answers || { echo "PostgreSQL ließ sich nicht starten." >&2; exit 1; }
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
    su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 \
        || su postgres -c "createdb test"
}

ensure_postgres

# The web view is tested in a real browser (headless Chromium).
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then return 0; fi
    echo "Chromium fehlt – installiere es für den Browser-Test …"
    if [ "$(id -u)" -ne 0 ]; then
        echo "Bitte Chromium installieren (Debian: sudo apt-get install chromium)." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
}

ensure_chromium

# Test databases left behind by an interrupted run.
if command -v psql >/dev/null 2>&1; then
    for db in $(psql "$ALLIANZ_TEST_POSTGRES_URL" -tAc \
        "SELECT datname FROM pg_database WHERE datname LIKE 'allianz_t_%'" 2>/dev/null); do
        psql "$ALLIANZ_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
    done
fi

# A real Matrix homeserver on 127.0.0.1, stopped again however the run ends.
if [ -z "${ALLIANZ_TEST_SYNAPSE_URL:-}" ]; then
    ALLIANZ_TEST_SYNAPSE_URL=$(./tests/synapse.sh start)
    export ALLIANZ_TEST_SYNAPSE_URL
    trap './tests/synapse.sh stop' EXIT
fi

# The process tests start the real binary, so build it first.
cargo build --workspace --bins --locked
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --locked --no-fail-fast
else
    cargo test --workspace --locked --no-fail-fast
fi
