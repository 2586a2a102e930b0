#!/usr/bin/env bash
# Runs every test of Pinpoint: unit, HTTP on SQLite and PostgreSQL, and the browser tests in Chromium.
# Installs what is missing (as root, from Debian's packages), starts a throw-away PostgreSQL on a free loopback
# port and, after the build, the app in Production as its own process behind nginx terminating TLS (the deployment
# the proxy tests drive); always stops and deletes all of it again. Exits non-zero on any failure; never skips a suite.
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
node_count=2; nginx_pid=""
as_pg() {
  # PostgreSQL refuses to run as root: use the system user Debian's package creates.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pid() { # TERM, then KILL after 10 s
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
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
  [ -n "$nginx_pid" ] && stop_pid "$nginx_pid"
  local pidfile
  for pidfile in "$deploy_dir"/node*.pid; do [ -f "$pidfile" ] && stop_pid "$(cat "$pidfile")"; done
  rm -rf "$deploy_dir"
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

make_certificate() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=pinpoint.localhost" \
    -addext "subjectAltName=DNS:pinpoint.localhost,DNS:localhost,IP:127.0.0.1" \
    -keyout "$deploy_dir/tls/key.pem" -out "$deploy_dir/tls/cert.pem" >"$deploy_dir/tls/openssl.log" 2>&1 \
    || { cat "$deploy_dir/tls/openssl.log"; die "openssl could not make the certificate"; }
  chmod 600 "$deploy_dir/tls/key.pem"
}

# start_node N: one app process in Production on a free loopback port; appends to node_urls. Its command is kept as
# node<N>.sh, which records its process id in node<N>.pid: a test that kills a node mid-job starts it again with it.
start_node() {
  local n=$1 port=$proxy_port
  while [ "$port" = "$proxy_port" ]; do port=$(free_port) || die "no free port on 127.0.0.1"; done
  mkdir -p "$deploy_dir/node$n"
  cat >"$deploy_dir/node$n.sh" <<NODE
#!/usr/bin/env bash
echo \$\$ >"$deploy_dir/node$n.pid"
exec env ASPNETCORE_ENVIRONMENT=Production \\
  ASPNETCORE_URLS="http://127.0.0.1:$port" \\
  Database__Provider=Postgres \\
  ConnectionStrings__Pinpoint="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$deploy_db;Timeout=30" \\
  Database__DataDirectory="$deploy_dir/node$n" \\
  Demo__Seed=true \\
  ForwardedHeaders__KnownProxies__0=127.0.0.1 \\
  Site__PublicBaseUrl="$proxy_url" \\
  Email__Mode=Pickup Email__PickupDirectory="$deploy_dir/mail" Email__DispatchIntervalSeconds=2 \\
  RateLimits__AnonymousPermitsPerMinute=$anonymous_permits \\
  Planning__TimeLimitSeconds=6 Planning__LeaseSeconds=5 Planning__PollSeconds=1 \\
  dotnet "$deploy_dir/app/Pinpoint.Web.dll" --contentRoot "$deploy_dir/app" >>"$deploy_dir/node$n.log" 2>&1
NODE
  chmod 755 "$deploy_dir/node$n.sh"
  "$deploy_dir/node$n.sh" &
  node_urls+=("http://127.0.0.1:$port")
}

# node_pid N: the process id node N recorded (it may have been restarted by a test since).
node_pid() { cat "$deploy_dir/node$1.pid" 2>/dev/null || true; }

write_nginx_config() {
  local url servers="" user=""
  # A node that refuses a connection is left out for 5 s; a request that could not reach it goes to the next.
  for url in "${node_urls[@]}"; do servers+="        server ${url#http://} max_fails=1 fail_timeout=5s;"$'\n'; done
  # As root the master binds and reads the key; the workers drop to nobody.
  [ "$(id -u)" -eq 0 ] && user="user nobody nogroup;"
  cat >"$deploy_dir/nginx/nginx.conf" <<NGINX
$user
daemon off;
worker_processes 1;
pid $deploy_dir/nginx/nginx.pid;
error_log $deploy_dir/nginx/error.log warn;
events { worker_connections 256; }
http {
    access_log $deploy_dir/nginx/access.log;
    client_body_temp_path $deploy_dir/nginx/client_body;
    proxy_temp_path $deploy_dir/nginx/proxy;
    fastcgi_temp_path $deploy_dir/nginx/fastcgi;
    uwsgi_temp_path $deploy_dir/nginx/uwsgi;
    scgi_temp_path $deploy_dir/nginx/scgi;

    upstream pinpoint {
$servers        keepalive 16;
    }
    server {
        listen 127.0.0.1:$proxy_port ssl;
        server_name pinpoint.localhost;
        ssl_certificate $deploy_dir/tls/cert.pem;
        ssl_certificate_key $deploy_dir/tls/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        server_tokens off;
        client_max_body_size 6m;
        location / {
            proxy_pass http://pinpoint;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$http_host;
        }
    }
}
NGINX
}

# wait_healthy NAME URL PID [curl options]: /healthz answers 200 within two minutes, or the run fails here.
wait_healthy() {
  local name=$1 url=$2 pid=$3; shift 3
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || die "$name exited before it was healthy (its log follows)"
    curl -fsS -o /dev/null --max-time 5 "$@" "$url/healthz" 2>/dev/null && return 0
    sleep 0.5
  done
  die "$name was not healthy at $url/healthz within two minutes (its log follows)"
}

say "starting the app in Production behind nginx ($("$NGINX" -v 2>&1 | sed 's/.*: //'))"
# Published, as production runs it: outside Development only a published app has its static files (and their
# compressed variants) under wwwroot; the build output would answer them with empty bodies.
dotnet publish src/Pinpoint.Web -c Release --no-build -nologo -v quiet -o "$deploy_dir/app"
make_certificate
"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$deploy_db" || die "could not create the database $deploy_db"
# The nodes start together, as after a deployment: both migrate and seed the one database, and both must come up.
for n in $(seq 1 "$node_count"); do start_node "$n"; done
write_nginx_config
"$NGINX" -t -q -p "$deploy_dir/nginx" -c "$deploy_dir/nginx/nginx.conf" -e "$deploy_dir/nginx/error.log" \
  || { cat "$deploy_dir/nginx/nginx.conf"; die "nginx refused its configuration"; }
"$NGINX" -p "$deploy_dir/nginx" -c "$deploy_dir/nginx/nginx.conf" -e "$deploy_dir/nginx/error.log" &
nginx_pid=$!
for i in "${!node_urls[@]}"; do
  n=$((i + 1))
  for _ in $(seq 1 20); do [ -n "$(node_pid "$n")" ] && break; sleep 0.1; done
  wait_healthy "node $n" "${node_urls[$i]}" "$(node_pid "$n")"
done
wait_healthy nginx "$proxy_url" "$nginx_pid" --cacert "$deploy_dir/tls/cert.pem" --resolve "pinpoint.localhost:$proxy_port:127.0.0.1"
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
