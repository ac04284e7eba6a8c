#!/usr/bin/env bash
# A real PostgreSQL server with pgvector on 127.0.0.1, for checks and benchmarks that PGlite cannot
# stand in for (concurrency, a real planner, real speed). Not used by `npm test` or CI.
#
#   scripts/real-postgres.sh install   # Debian/Ubuntu, as root: PostgreSQL + pgvector (see below)
#   scripts/real-postgres.sh start     # a throwaway cluster; prints DATABASE_URL=… on its last line
#   scripts/real-postgres.sh url       # the running cluster's DATABASE_URL
#   scripts/real-postgres.sh stop      # stops it (the data folder stays; `reset` removes it)
#   scripts/real-postgres.sh reset     # stops it and removes the data folder
#
# Then: DATABASE_URL=$(scripts/real-postgres.sh url) npm run ingest   (or ask, eval, bench;
# REAL_DATABASE_URL=… npx vitest run tests/store/real-postgres.test.ts)
#
# Environment: REAL_PG_DIR (default /tmp/real-postgres: data, log, socket, port), REAL_PG_PORT
# (default: a free port), REAL_PG_DB (default article_qa).
#
# pgvector: Debian 12 (bookworm) packages PostgreSQL 15 but no pgvector (Debian has it from 13,
# trixie, as postgresql-17-pgvector). `install` takes postgresql-N-pgvector when the apt lists have
# it; otherwise it builds Debian's own pgvector source package (apt-get source, from trixie's
# deb-src) against postgresql-server-dev-N. The store needs pgvector >= 0.8 (hnsw.iterative_scan).
set -euo pipefail

DIR=${REAL_PG_DIR:-/tmp/real-postgres}
DB=${REAL_PG_DB:-article_qa}

pg_bin() { # the newest installed PostgreSQL's bin folder
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
  [[ -n $v && -x /usr/lib/postgresql/$v/bin/pg_ctl ]] || { echo "PostgreSQL is not installed: run $0 install (as root)" >&2; exit 1; }
  echo "/usr/lib/postgresql/$v/bin"
}

# The server refuses to run as root: as root, run its commands as the postgres user.
as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd_install() {
  [[ $(id -u) == 0 ]] || { echo "install needs root (apt-get)" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
  local v
  v=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  if [[ -f /usr/share/postgresql/$v/extension/vector.control ]]; then
    echo "pgvector already installed for PostgreSQL $v"
  elif apt-get install -y -qq "postgresql-$v-pgvector" >/dev/null 2>&1; then
    echo "installed postgresql-$v-pgvector"
  else
    build_pgvector "$v"
  fi
  # The packaged default cluster is not needed (we run our own on a free port).
  command -v pg_ctlcluster >/dev/null && pg_ctlcluster "$v" main stop >/dev/null 2>&1 || true
  echo "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "/usr/share/postgresql/$v/extension/vector.control") for PostgreSQL $v"
}

build_pgvector() {
  local v=$1 work
  echo "no postgresql-$v-pgvector package: building Debian's pgvector source package against PostgreSQL $v"
  apt-get install -y -qq --no-install-recommends "postgresql-server-dev-$v" build-essential dpkg-dev >/dev/null
  if [[ -z $(apt-cache showsrc pgvector 2>/dev/null) ]]; then
    # Source only (deb-src): no binary from another release is installed.
    cat >/etc/apt/sources.list.d/pgvector-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -qq
  fi
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source --download-only pgvector >/dev/null 2>&1
    dpkg-source -x ./pgvector_*.dsc src >/dev/null 2>&1 # the .dsc signature key is not installed; apt checked its hashes against the signed Sources index
    cd src
    # OPTFLAGS="" as Debian builds it: no -march=native, so the binary runs on any x86-64.
    make -s -j"$(nproc)" OPTFLAGS="" PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" >/dev/null
    make -s install PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" >/dev/null
  )
  rm -rf "$work"
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

url() { echo "postgres://postgres@127.0.0.1:$(cat "$DIR/port")/$DB"; }

running() { [[ -f $DIR/port ]] && as_owner "$(pg_bin)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

cmd_start() {
  local bin port
  bin=$(pg_bin)
  [[ -f /usr/share/postgresql/$(basename "$(dirname "$bin")")/extension/vector.control ]] ||
    { echo "pgvector is not installed: run $0 install (as root)" >&2; exit 1; }
  if running; then
    echo "already running" >&2
    echo "DATABASE_URL=$(url)"
    return
  fi
  mkdir -p "$DIR"
  [[ $(id -u) == 0 ]] && chown postgres: "$DIR"
  if [[ ! -f $DIR/data/PG_VERSION ]]; then
    # trust on loopback only: a throwaway cluster for local runs, never a deployment.
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  port=${REAL_PG_PORT:-$(free_port)}
  echo "$port" >"$DIR/port"
  # Otherwise the defaults (those of the pgvector/pgvector image too): the store raises
  # maintenance_work_mem for its own HNSW builds (src/store/postgres/write-version.ts).
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR" >/dev/null
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$DB" -qc "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
  echo "PostgreSQL $(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$DB" -qAtc "SHOW server_version") with pgvector $(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$DB" -qAtc "SELECT extversion FROM pg_extension WHERE extname = 'vector'") on 127.0.0.1:$port (data in $DIR/data, log $DIR/server.log)" >&2
  echo "DATABASE_URL=$(url)"
}

cmd_stop() {
  if running; then as_owner "$(pg_bin)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null && echo "stopped" >&2; else echo "not running" >&2; fi
}

case ${1:-} in
  install) cmd_install ;;
  start) cmd_start ;;
  url) running || { echo "not running: $0 start" >&2; exit 1; }; url ;;
  stop) cmd_stop ;;
  reset) cmd_stop; rm -rf "$DIR" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
