# Sourced by ./test.sh and bench/nodes.sh: a throw-away PostgreSQL, app nodes in Production and nginx terminating TLS
# in front of them, all on free loopback ports under directories the caller made. The caller sets:
#   pg_dir, PG_BIN                  the PostgreSQL data directory's parent and Debian's server binaries
#   deploy_dir, NGINX               the deployment's directory (app/, tls/, mail/, nginx/, node<N>.*) and nginx
#   deploy_db, proxy_port, proxy_url, node_env (an array of extra NAME=value settings for every node)
# and gets pg_port, node_urls, nginx_pid.

say() { printf '\n== %s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
nginx_pid=""
node_urls=()

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

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# start_postgres [server settings…]: initdb and start on a free port; sets pg_port.
start_postgres() {
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; fi
  as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; die "initdb failed"; }
  local started="" settings=""
  for setting in "$@"; do settings+=" -c $setting"; done
  for _ in 1 2 3; do
    pg_port=$(free_port) || die "no free port on 127.0.0.1"
    if as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 start \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300$settings" >/dev/null; then
      started=yes; break
    fi
  done
  [ -n "$started" ] || { cat "$pg_dir/server.log"; die "PostgreSQL did not start"; }
}

stop_postgres() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}

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
  local n=$1 port=$proxy_port setting extra=""
  while [ "$port" = "$proxy_port" ]; do port=$(free_port) || die "no free port on 127.0.0.1"; done
  for setting in "${node_env[@]}"; do extra+="  $setting \\"$'\n'; done
  mkdir -p "$deploy_dir/node$n"
  cat >"$deploy_dir/node$n.sh" <<NODE
#!/usr/bin/env bash
echo \$\$ >"$deploy_dir/node$n.pid"
exec env ASPNETCORE_ENVIRONMENT=Production \\
  ASPNETCORE_URLS="http://127.0.0.1:$port" \\
  Database__Provider=Postgres \\
  ConnectionStrings__Pinpoint="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$deploy_db;Timeout=30" \\
  Database__DataDirectory="$deploy_dir/node$n" \\
  ForwardedHeaders__KnownProxies__0=127.0.0.1 \\
  Site__PublicBaseUrl="$proxy_url" \\
$extra  dotnet "$deploy_dir/app/Pinpoint.Web.dll" --contentRoot "$deploy_dir/app" >>"$deploy_dir/node$n.log" 2>&1
NODE
  chmod 755 "$deploy_dir/node$n.sh"
  "$deploy_dir/node$n.sh" &
  node_urls+=("http://127.0.0.1:$port")
}

# node_pid N: the process id node N recorded (it may have been restarted by a test since).
node_pid() { cat "$deploy_dir/node$1.pid" 2>/dev/null || true; }

stop_nodes() {
  local pidfile
  for pidfile in "$deploy_dir"/node*.pid; do
    if [ -f "$pidfile" ]; then stop_pid "$(cat "$pidfile")"; fi
  done
  rm -f "$deploy_dir"/node*.pid
  node_urls=()
}

write_nginx_config() {
  local url servers="" user=""
  # A node that refuses a connection is left out for 5 s; a request that could not reach it goes to the next.
  for url in "${node_urls[@]}"; do servers+="        server ${url#http://} max_fails=1 fail_timeout=5s;"$'\n'; done
  # As root the master binds and reads the key; the workers drop to nobody.
  if [ "$(id -u)" -eq 0 ]; then user="user nobody nogroup;"; fi
  cat >"$deploy_dir/nginx/nginx.conf" <<NGINX
$user
daemon off;
worker_processes 1;
pid $deploy_dir/nginx/nginx.pid;
error_log $deploy_dir/nginx/error.log warn;
events { worker_connections 1024; }
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

start_nginx() {
  write_nginx_config
  "$NGINX" -t -q -p "$deploy_dir/nginx" -c "$deploy_dir/nginx/nginx.conf" -e "$deploy_dir/nginx/error.log" \
    || { cat "$deploy_dir/nginx/nginx.conf"; die "nginx refused its configuration"; }
  "$NGINX" -p "$deploy_dir/nginx" -c "$deploy_dir/nginx/nginx.conf" -e "$deploy_dir/nginx/error.log" &
  nginx_pid=$!
}

stop_nginx() {
  if [ -n "$nginx_pid" ]; then stop_pid "$nginx_pid"; fi
  nginx_pid=""
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

# wait_deployment: every node, then nginx, healthy.
wait_deployment() {
  local i n
  for i in "${!node_urls[@]}"; do
    n=$((i + 1))
    for _ in $(seq 1 20); do [ -n "$(node_pid "$n")" ] && break; sleep 0.1; done
    wait_healthy "node $n" "${node_urls[$i]}" "$(node_pid "$n")"
  done
  wait_healthy nginx "$proxy_url" "$nginx_pid" --cacert "$deploy_dir/tls/cert.pem" --resolve "pinpoint.localhost:$proxy_port:127.0.0.1"
}
