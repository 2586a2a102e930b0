#!/usr/bin/env bash
# Runs every test of Pinpoint: unit, HTTP on SQLite and PostgreSQL, and the browser tests in Chromium.
# Installs what is missing (as root, from Debian's packages), starts a throw-away PostgreSQL on a free loopback
# port, and always stops and deletes it again. Exits non-zero on any failure; never skips a suite.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

say() { printf '\n== %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

# --- dependencies -----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}: install Debian's packages (apt-get install ${missing[*]}) or run ./test.sh as root"
  fi
fi
PG_BIN=$(pg_bin)
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL's server binaries were not found under /usr/lib/postgresql/*/bin"
export PINPOINT_CHROMIUM
PINPOINT_CHROMIUM=$(command -v chromium) || die "chromium is not on PATH"

# --- a throw-away PostgreSQL ------------------------------------------------------------------------------------
pg_dir=$(mktemp -d /tmp/pinpoint-pg.XXXXXX)
as_pg() {
  # PostgreSQL refuses to run as root: use the system user Debian's package creates.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  local status=$?
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
  exit $status
}
trap cleanup EXIT INT TERM
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

say "starting a throw-away PostgreSQL ($("$PG_BIN/postgres" --version))"
as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; die "initdb failed"; }
started=""
for _ in 1 2 3; do
  pg_port=$(free_port) || die "no free port on 127.0.0.1"
  if as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 start \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
    started=yes; break
  fi
done
[ -n "$started" ] || { cat "$pg_dir/server.log"; die "PostgreSQL did not start"; }
export PINPOINT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Timeout=30"
echo "PostgreSQL on 127.0.0.1:$pg_port"

# --- build and test ---------------------------------------------------------------------------------------------
say "building"
dotnet build Pinpoint.slnx -c Release -nologo -v quiet

results="$root/TestResults"
rm -rf "$results"
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  say "testing $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

# --- summary: counted from the result files, so a suite that did not run shows up as missing -------------------
say "summary"
passed=0; failed=0; skipped=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then echo "$name: no results (did not run)"; status=1; continue; fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(count passed); f=$(count failed); t=$(count total); e=$(count executed)
  s=$(( t - e ))
  echo "$name: $p passed, $f failed, $s not executed"
  [ "$p" -gt 0 ] || { echo "$name: no test passed"; status=1; }
  [ "$s" -eq 0 ] || { echo "$name: tests were not executed"; status=1; }
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
# Cases per database: a data theory names its provider in each case ("(provider: Sqlite)", "(provider: Postgres)");
# the few SQLite-only tests (pragmas, the SQLite table rebuild) say SQLite in their names. Only cases that ran count.
executed() { cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' | grep -v 'outcome="NotExecuted"' || true; }
sqlite_tests=$(executed | grep -ci 'testName="[^"]*sqlite' || true)
pg_tests=$(executed | grep -c 'testName="[^"]*(provider: Postgres' || true)
echo "SQLite test cases executed: $sqlite_tests"
echo "PostgreSQL test cases executed: $pg_tests"
[ "$sqlite_tests" -gt 0 ] || { echo "no SQLite test ran"; status=1; }
[ "$pg_tests" -gt 0 ] || { echo "no PostgreSQL test ran"; status=1; }
[ "$failed" -eq 0 ] || status=1
echo "Total: $passed passed, $failed failed"
exit $status
