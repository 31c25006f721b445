# Sourced (bash): starts a throwaway PostgreSQL cluster for the server's
# tests and exports BEIAN_TEST_POSTGRES_URL; the cluster is stopped and its
# directory removed when the sourcing shell exits (trap EXIT).
#
#   source crates/beian-server/scripts/postgres-for-tests.sh
#   cargo test -p beian-server -p beian-tests
#
# Needs Debian's postgresql package (.ci/setup installs it). As root, the
# cluster runs as the postgres user (PostgreSQL refuses to run as root).
# Loopback only, on a free port, with fsync off: test data is thrown away.
# A BEIAN_TEST_POSTGRES_URL already set is used as it is.

if [ -z "${BEIAN_TEST_POSTGRES_URL:-}" ]; then
  beian_pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ ! -x "$beian_pg_bin/initdb" ]; then
    echo "postgres-for-tests: PostgreSQL is not installed (apt-get install postgresql, or run .ci/setup)" >&2
    return 1
  fi
  beian_pg_dir=$(mktemp -d /tmp/beian-pg.XXXXXX)
  beian_as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
  }
  if [ "$(id -u)" = 0 ]; then chown postgres: "$beian_pg_dir"; fi
  beian_as_pg "$beian_pg_bin/initdb" -D "$beian_pg_dir/data" -U beian --auth=trust \
    --encoding=UTF8 --no-locale >"$beian_pg_dir/initdb.log" 2>&1 || {
    cat "$beian_pg_dir/initdb.log" >&2
    return 1
  }
  beian_pg_port=""
  for _ in 1 2 3 4 5 6 7 8; do
    candidate=$((20000 + RANDOM % 30000))
    if beian_as_pg "$beian_pg_bin/pg_ctl" -D "$beian_pg_dir/data" -l "$beian_pg_dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$candidate -c unix_socket_directories=$beian_pg_dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      beian_pg_port=$candidate
      break
    fi
  done
  if [ -z "$beian_pg_port" ]; then
    echo "postgres-for-tests: the cluster did not start:" >&2
    cat "$beian_pg_dir/server.log" >&2
    return 1
  fi
  trap 'beian_as_pg "$beian_pg_bin/pg_ctl" -D "$beian_pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$beian_pg_dir"' EXIT
  export BEIAN_TEST_POSTGRES_URL="postgres://beian@127.0.0.1:$beian_pg_port/postgres"
  echo "postgres-for-tests: PostgreSQL $(basename "$(dirname "$beian_pg_bin")") on 127.0.0.1:$beian_pg_port (stopped at exit)"
fi
