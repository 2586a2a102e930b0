#!/usr/bin/env bash
# Booking throughput through nginx with one and with two app nodes on one PostgreSQL (issue 20), on this machine:
# the deployment ./test.sh runs (tools/deployment.sh), in Production, seeded once with 2,000 therapists and 200,000
# visits and copied for every run, so each run starts from the same data. Runs, in turn, for each workload (bookings
# only; a search for the day before each booking): one node, two nodes, two nodes with the cache signals switched off
# (the triggers disabled: what they cost, not a configuration to run). Then the day planner's lease writes on their
# own. Prints a table for docs/benchmarks.md. Needs what ./test.sh installs (PostgreSQL, nginx, openssl, curl).
# Usage: bench/nodes.sh [rounds]   (default 2: each configuration is run that many times, interleaved)
# BENCH_WORKLOADS ("book search-book"), BENCH_CONFIGS ("1:on 2:on 2:off", nodes:signals) and BENCH_NODE_ENV (more
# NAME=value settings for every node, e.g. runtime settings) narrow or vary a run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/deployment.sh

rounds=${1:-2}
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
PG_BIN=$(pg_bin)
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL's server binaries were not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx was not found (apt-get install nginx)"
command -v openssl >/dev/null || die "openssl was not found"
command -v curl >/dev/null || die "curl was not found"

pg_dir=$(mktemp -d /tmp/pinpoint-bench-pg.XXXXXX)
deploy_dir=$(mktemp -d /tmp/pinpoint-bench-deploy.XXXXXX)
cleanup() {
  local status=$?
  [ "$status" -eq 0 ] || for log in "$deploy_dir"/node*.log; do [ -s "$log" ] && tail -n 30 "$log"; done
  stop_nginx
  stop_nodes
  stop_postgres
  rm -rf "$deploy_dir" "$pg_dir"
  exit $status
}
trap cleanup EXIT INT TERM

# Durable commits as in production (fsync on): a booking's commit waits for the disk on every configuration alike.
say "starting a throw-away PostgreSQL ($("$PG_BIN/postgres" --version))"
start_postgres shared_buffers=256MB
server="Host=127.0.0.1;Port=$pg_port;Username=postgres;Timeout=30"
psql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }

say "building"
dotnet build bench/Pinpoint.Bench -c Release -nologo -v quiet
bench() { dotnet bench/Pinpoint.Bench/bin/Release/net10.0/Pinpoint.Bench.dll "$@"; }
chmod 755 "$deploy_dir"
mkdir -p "$deploy_dir/tls" "$deploy_dir/mail" "$deploy_dir/nginx"
dotnet publish src/Pinpoint.Web -c Release -nologo -v quiet -o "$deploy_dir/app"
make_certificate
proxy_port=$(free_port) || die "no free port on 127.0.0.1"
proxy_url="https://pinpoint.localhost:$proxy_port"
# No demo data (the benchmark's own); limits far above the load, as the benchmark is one IP and 50 clients; mail
# written as files (the outbox still claims, renders and sends every message as it would by SMTP).
node_env=(Demo__Seed=false Email__Mode=Pickup "Email__PickupDirectory=$deploy_dir/mail"
  RateLimits__AnonymousPermitsPerMinute=1000000 RateLimits__SignedInPermitsPerMinute=1000000 RateLimits__AccountPostsPerMinute=1000000
  Logging__LogLevel__Default=Warning)
read -r -a more_env <<<"${BENCH_NODE_ENV:-}"
node_env+=("${more_env[@]}")

# deploy DATABASE NODES: that many nodes on that database behind nginx, healthy.
deploy() {
  deploy_db=$1
  local n
  for n in $(seq 1 "$2"); do start_node "$n"; done
  start_nginx
  wait_deployment
}
undeploy() { stop_nginx; stop_nodes; }

say "seeding (one node migrates the schema and reference data; then the benchmark's data)"
psql -c "CREATE DATABASE bench_seed"
deploy bench_seed 1
undeploy
bench nodes-seed "$server;Database=bench_seed"

results=()
run() { # run WORKLOAD NODES SIGNALS(on|off) ROUND
  local workload=$1 nodes=$2 signals=$3 db="bench_run_$4_${1//-/_}_$2_$3" line
  psql -c "CREATE DATABASE $db TEMPLATE bench_seed"
  if [ "$signals" = off ]; then
    psql -d "$db" -c 'ALTER TABLE "Bookings" DISABLE TRIGGER "TR_Bookings_Cache"; ALTER TABLE "Bookings" DISABLE TRIGGER "TR_Bookings_Cache_Update";'
  fi
  deploy "$db" "$nodes"
  say "$workload, $nodes node(s), cache signals $signals (round $4)"
  line=$(bench nodes-load "$proxy_url" "$deploy_dir/tls/cert.pem" "$server;Database=$db" "$workload" | tee -a /dev/stderr | grep '^RESULT ') \
    || die "the load run failed"
  results+=("$workload $nodes $signals $line")
  undeploy
  psql -c "DROP DATABASE $db WITH (FORCE)"
}

for round in $(seq 1 "$rounds"); do
  for workload in ${BENCH_WORKLOADS:-book search-book}; do
    for config in ${BENCH_CONFIGS:-1:on 2:on 2:off}; do run "$workload" "${config%%:*}" "${config##*:}" "$round"; done
  done
done

say "the day planner's lease, on its own"
lease=$(bench lease-cost "$server;Database=bench_seed" | tee -a /dev/stderr | grep '^RESULT ')

say "results (requests/s; machine CPU ms per request; other answers; overlaps), one line per run"
printf '%s\n' "${results[@]}"
echo "$lease"
say "averages per configuration"
printf '%s\n' "${results[@]}" | awk '
  { key = $1 " " $2 " node(s), signals " $3; rps[key] += $6; cpu[key] += $7; n[key]++; order[key] = NR }
  END { for (k in rps) printf "%-36s %8.1f requests/s  %6.2f ms CPU per request  (%d runs)\n", k, rps[k] / n[k], cpu[k] / n[k], n[k] }' | sort
