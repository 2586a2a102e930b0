#!/usr/bin/env bash
# Runs every test of Pinpoint: unit, HTTP on SQLite and PostgreSQL, and the browser tests in Chromium.
# Installs what is missing (as root, from Debian's packages), starts a throw-away PostgreSQL on a free loopback
# port and, after the build, the app in Production as its own process behind nginx terminating TLS (the deployment
# the proxy tests drive); always stops and deletes all of it again. Exits non-zero on any failure; never skips a suite.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

. tools/deployment.sh

# --- dependencies -----------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
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
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx was not found (Debian's package installs /usr/sbin/nginx)"

# --- a throw-away PostgreSQL ------------------------------------------------------------------------------------
pg_dir=$(mktemp -d /tmp/pinpoint-pg.XXXXXX)
deploy_dir=$(mktemp -d /tmp/pinpoint-deploy.XXXXXX)
node_count=2
deployment_logs() {
  local log
  for log in "$deploy_dir"/node*.log "$deploy_dir"/nginx/error.log; do
    [ -s "$log" ] && { printf '\n-- %s (last 60 lines)\n' "${log#"$deploy_dir"/}"; tail -n 60 "$log"; }
  done
  return 0
}
cleanup() {
  local status=$?
  [ "$status" -eq 0 ] || deployment_logs
  stop_nginx
  stop_nodes
  rm -rf "$deploy_dir"
  stop_postgres
  rm -rf "$pg_dir"
  exit $status
}
trap cleanup EXIT INT TERM

say "starting a throw-away PostgreSQL ($("$PG_BIN/postgres" --version))"
start_postgres fsync=off synchronous_commit=off full_page_writes=off
export PINPOINT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Timeout=30"
echo "PostgreSQL on 127.0.0.1:$pg_port"

# --- build -----------------------------------------------------------------------------------------------------
say "building"
dotnet build Pinpoint.slnx -c Release -nologo -v quiet

# --- the deployment: the app in Production behind nginx terminating TLS ------------------------------------------
# What ProxyDeploymentTests drive: a browser at https://pinpoint.localhost:PORT (Chromium resolves *.localhost to
# loopback; a name, because ASP.NET Core sends no HSTS to 127.0.0.1 or localhost) → nginx (self-signed certificate,
# X-Forwarded-For/-Proto) → two app nodes as real processes on one PostgreSQL database, balanced round-robin; what
# MultiNodeTests drive through the balancer and through each node.
deploy_db=pinpoint_deploy
anonymous_permits=5          # RateLimits:AnonymousPermitsPerMinute on the nodes, low so the tests can reach it
node_urls=()
chmod 755 "$deploy_dir"      # nginx's workers (nobody) keep their temporary files under it
mkdir -p "$deploy_dir/tls" "$deploy_dir/mail" "$deploy_dir/nginx"
proxy_port=$(free_port) || die "no free port on 127.0.0.1"
proxy_url="https://pinpoint.localhost:$proxy_port"

# Every node's own settings: the demo data; mail as pickup files the tests read; a low anonymous limit the tests can
# reach; short plans and leases so the test that kills a planning node finishes soon.
node_env=(Demo__Seed=true Email__Mode=Pickup "Email__PickupDirectory=$deploy_dir/mail" Email__DispatchIntervalSeconds=2
  "RateLimits__AnonymousPermitsPerMinute=$anonymous_permits" Planning__TimeLimitSeconds=6 Planning__LeaseSeconds=5 Planning__PollSeconds=1)

say "starting the app in Production behind nginx ($("$NGINX" -v 2>&1 | sed 's/.*: //'))"
# Published, as production runs it: outside Development only a published app has its static files (and their
# compressed variants) under wwwroot; the build output would answer them with empty bodies.
dotnet publish src/Pinpoint.Web -c Release --no-build -nologo -v quiet -o "$deploy_dir/app"
make_certificate
"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$deploy_db" || die "could not create the database $deploy_db"
# The nodes start together, as after a deployment: both migrate and seed the one database, and both must come up.
for n in $(seq 1 "$node_count"); do start_node "$n"; done
start_nginx
wait_deployment
nodes=$(IFS=,; echo "${node_urls[*]}")
export PINPOINT_TEST_PROXY="$proxy_url" PINPOINT_TEST_PROXY_CERT="$deploy_dir/tls/cert.pem" PINPOINT_TEST_NODES="$nodes" \
  PINPOINT_TEST_MAIL="$deploy_dir/mail" PINPOINT_TEST_ANONYMOUS_PERMITS="$anonymous_permits" \
  PINPOINT_TEST_NODE_CONTROL="$deploy_dir" PINPOINT_TEST_DEPLOY_DATABASE="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$deploy_db;Timeout=30"
echo "nginx on $proxy_url → $nodes"

# --- test --------------------------------------------------------------------------------------------------------

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
