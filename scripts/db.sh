#!/usr/bin/env bash
# The project-local PostgreSQL: a private cluster under var/pg, reachable only
# through a unix socket inside the project, so it never clashes with another
# server on the machine.  Usage: scripts/db.sh start|stop|status|url|app-url
# (`url` names the owner, for migrations and tests; `app-url` the application's role).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGROOT="$ROOT/var/pg"
DB_NAME="workforce"
DB_USER="workforce"       # owns the tables: migrations, seeding, tests
APP_USER="workforce_app"  # what `make run` serves as: no UPDATE/DELETE on audit tables
# No personal data in the server log: no statement text or parameters, not even of a
# failing statement, no DETAIL lines (a unique violation's DETAIL quotes the key), and no
# ERROR messages at all (some quote the value, e.g. invalid input syntax for type integer:
# "123-45-6789"); the application reports its errors. docs/deployment.md, "Database logs".
LOG_SETTINGS=(
    "log_statement = 'none'"
    "log_min_error_statement = 'panic'"
    "log_min_messages = 'log'"
    "log_error_verbosity = 'terse'"
    "log_parameter_max_length = 0"
    "log_parameter_max_length_on_error = 0"
    "log_min_duration_statement = -1"
    "log_min_duration_sample = -1"
    "log_transaction_sample_rate = 0"
)

die() { echo "db: $*" >&2; exit 1; }

find_bindir() {
    local initdb
    if initdb="$(command -v initdb 2>/dev/null)"; then dirname "$(readlink -f "$initdb")"; return; fi
    # Debian keeps the server binaries off PATH, in the versioned package dir.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
    done
    return 1
}

BINDIR="$(find_bindir)" || die "no PostgreSQL server binaries found (initdb/pg_ctl). Install them with 'apt-get install postgresql' (15 or newer), or set DATABASE_URL to an existing PostgreSQL database."

version="$("$BINDIR/pg_ctl" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')"
[ "$version" -ge 15 ] || die "PostgreSQL $version found in $BINDIR; Workforce needs 15 or newer."

# initdb refuses to run as root: run the server as the postgres OS user then.
AS=()
cd /  # every path below is absolute; the server user may not be able to enter the caller's cwd
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user to run the server as; install the postgresql package or run as an ordinary user."
    AS=(runuser -u postgres --)
fi

prepare_root() {
    [ -e "$PGROOT" ] && return
    mkdir -p "$ROOT/var"
    if [ ${#AS[@]} -gt 0 ] && ! "${AS[@]}" test -x "$ROOT/var"; then
        # The postgres user cannot reach into this checkout (a private parent
        # directory, e.g. a mktemp clone): keep the cluster in a private
        # directory it can reach and link it from var/pg.
        local alt
        alt="$(mktemp -d /tmp/workforce-pg.XXXXXX)"
        chown postgres: "$alt"
        ln -s "$alt" "$PGROOT"
    else
        mkdir -p "$PGROOT"
        [ ${#AS[@]} -gt 0 ] && chown postgres: "$PGROOT"
    fi
    return 0
}

real_pgroot() { readlink -f "$PGROOT"; }

is_running() {
    [ -f "$PGROOT/data/postmaster.pid" ] && "${AS[@]}" "$BINDIR/pg_ctl" -D "$(real_pgroot)/data" status >/dev/null 2>&1
}

start() {
    prepare_root
    local pgdir; pgdir="$(real_pgroot)"
    if [ ! -f "$pgdir/data/PG_VERSION" ]; then
        echo "db: creating a private PostgreSQL $version cluster in var/pg"
        "${AS[@]}" "$BINDIR/initdb" -D "$pgdir/data" -U "$DB_USER" --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
            || die "initdb failed; see $pgdir/initdb.log"
        "${AS[@]}" mkdir -p "$pgdir/run"
    fi
    if ! is_running; then
        "${AS[@]}" "$BINDIR/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
            -o "-c listen_addresses='' -c unix_socket_directories='$pgdir/run' -c unix_socket_permissions=0770 -c max_connections=200 -c shared_buffers=256MB -c fsync=${PG_FSYNC:-on}" \
            start >/dev/null || die "the server did not start; see var/pg/server.log"
    fi
    chmod o+rx "$pgdir/run" 2>/dev/null || true
    configure "$pgdir/run"
    if ! "${AS[@]}" "$BINDIR/psql" -h "$pgdir/run" -U "$DB_USER" -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        "${AS[@]}" "$BINDIR/createdb" -h "$pgdir/run" -U "$DB_USER" "$DB_NAME"
    fi
}

# Every start, so that a cluster made by an older checkout gets the settings too: the log
# settings (ALTER SYSTEM, then a reload) and the application's role.
configure() {
    local args=() setting pairs=() name value
    for setting in "${LOG_SETTINGS[@]}"; do
        name="${setting%% =*}"; value="${setting#*= }"; value="${value//\'/}"
        pairs+=("('$name', '$value')")
    done
    local IFS=,
    # Reload only when a setting differs: a reload logs warnings about start-up options.
    if [ "$("${AS[@]}" "$BINDIR/psql" -h "$1" -U "$DB_USER" -d postgres -Atqc \
        "SELECT bool_and(current_setting(n) = v) FROM (VALUES ${pairs[*]}) AS s(n, v)")" != t ]; then
        for setting in "${LOG_SETTINGS[@]}"; do args+=(-c "ALTER SYSTEM SET $setting"); done
        args+=(-c "SELECT pg_reload_conf()")
    fi
    args+=(-c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_USER')
               THEN CREATE ROLE $APP_USER LOGIN; END IF; END \$\$")
    "${AS[@]}" "$BINDIR/psql" -h "$1" -U "$DB_USER" -d postgres -Atq -v ON_ERROR_STOP=1 \
        "${args[@]}" >/dev/null || die "could not configure the server; see var/pg/server.log"
}

stop() {
    if is_running; then "${AS[@]}" "$BINDIR/pg_ctl" -D "$(real_pgroot)/data" -m fast -w stop >/dev/null; fi
    echo "db: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if is_running; then echo "db: running (socket $(real_pgroot)/run)"; else echo "db: not running"; fi ;;
    url) echo "postgresql://$DB_USER@/$DB_NAME?host=$PGROOT/run" ;;
    app-url) echo "postgresql://$APP_USER@/$DB_NAME?host=$PGROOT/run" ;;
    *) die "usage: scripts/db.sh start|stop|status|url|app-url" ;;
esac
