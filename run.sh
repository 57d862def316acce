#!/usr/bin/env bash
# Runs NotesSync on this machine with nothing else installed: the web host (Development, SQLite file, Hangfire in
# memory) at http://127.0.0.1:5080, beside a simulated Domino server (DAS) at :5101 and a simulated Zoho (accounts
# server + CRM API) at :5102, each seeded with a demo user, and the widget in a stand-in CRM page at :5090, which
# installs the demo organisation. Ctrl+C stops all.
#
# bash run.sh --two-nodes: two web hosts (:5080 and :5081) over one PostgreSQL database (NOTESSYNC_POSTGRES, a
# connection string whose database exists), its jobs in the same database (Jobs:Storage=Postgres): the database is
# migrated once (the host's `migrate` command), then both nodes start and share the queue, the schedules and the runs.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

two_nodes=false
case "${1:-}" in
  "") ;;
  --two-nodes) two_nodes=true ;;
  *) echo "usage: bash run.sh [--two-nodes]" >&2; exit 2 ;;
esac
# Where the nodes keep their data: a SQLite file and Hangfire in memory, or one PostgreSQL database for both nodes.
database=(ConnectionStrings__NotesSync="Data Source=$PWD/notessync.db")
if $two_nodes; then
  : "${NOTESSYNC_POSTGRES:?--two-nodes needs NOTESSYNC_POSTGRES, a PostgreSQL connection string, e.g. Host=127.0.0.1;Database=notessync;Username=…;Password=…}"
  database=(Database__Provider=Postgres ConnectionStrings__NotesSync="$NOTESSYNC_POSTGRES" Jobs__Storage=Postgres)
fi

web=${NOTESSYNC_URL:-http://127.0.0.1:5080}
web2=${NOTESSYNC_URL2:-http://127.0.0.1:5081}   # the second node, with --two-nodes
domino=http://127.0.0.1:5101
zoho=http://127.0.0.1:5102
sandbox=http://127.0.0.1:5090   # the widget's origin, which the host allows (Widget:AllowedOrigins)
hook_secret=sandbox-hook-secret   # src/Web/appsettings.Development.json
logs=$(mktemp -d)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

wait_for() { # url name
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "$2 did not start; its log is in $logs" >&2; exit 1
}

echo "NotesSync: building…"
dotnet build NotesSync.sln -v quiet -nologo

dotnet run --no-build --project tests/Simulators.Domino -- --urls "$domino" >"$logs/domino.log" 2>&1 & pids+=($!)
dotnet run --no-build --project tests/Simulators.Zoho -- --urls "$zoho" --redirect-uri "$web/oauth/zoho/callback" >"$logs/zoho.log" 2>&1 & pids+=($!)
wait_for "$domino/_simulator" "The Domino simulator"
wait_for "$zoho/_simulator" "The Zoho simulator"

org=$(curl -fsS "$zoho/_simulator/orgs" | python3 -c 'import json,sys; o=json.load(sys.stdin)[0]; c=o["clients"][0]; print(o["orgId"], o["admin"]["id"], o["admin"]["email"], c["clientId"], c["clientSecret"])')
read -r org_id admin_id admin_email client_id client_secret <<<"$org"

host() { # the web host with this sandbox's settings, then the arguments (the command, or --urls)
  env ASPNETCORE_ENVIRONMENT=Development "${database[@]}" \
    Notes__AllowInsecureHttp=true Notes__AllowPrivateNetworks=true \
    Widget__AllowedOrigins__0="$sandbox" Widget__AllowedOrigins__1="${sandbox/127.0.0.1/localhost}" \
    Zoho__AccountsUrl="$zoho" Zoho__ClientId="$client_id" Zoho__ClientSecret="$client_secret" Zoho__RedirectUri="$web/oauth/zoho/callback" \
    dotnet run --no-build --project src/Web -- "$@"
}
# A shared database is migrated once, by the host's command, never by a node (a node refuses an unmigrated one).
if $two_nodes; then host migrate >"$logs/migrate.log" 2>&1 || { echo "migrate failed; its log: $logs/migrate.log" >&2; exit 1; }; fi
host --urls "$web" >"$logs/web.log" 2>&1 & pids+=($!)
wait_for "$web/health/ready" "The NotesSync host"
if $two_nodes; then
  host --urls "$web2" >"$logs/web2.log" 2>&1 & pids+=($!)
  wait_for "$web2/health/ready" "The second NotesSync node"
fi

# The sandbox plays the installed extension: it runs the signed Marketplace install hook for the demo organisation,
# mints the widget's tokens as the extension's function does, and serves the widget with a stand-in Zoho SDK.
dotnet run --no-build --project tests/Widget.Sandbox -- --urls "$sandbox" --api "$web" --zoho "$zoho" \
  --hook-secret "$hook_secret" >"$logs/sandbox.log" 2>&1 & pids+=($!)
wait_for "$sandbox/sandbox/users" "The widget sandbox"
token=$(curl -fsS -X POST "$web/dev/tokens" -H 'Content-Type: application/json' -d "{\"orgId\":\"$org_id\",\"userId\":\"$admin_id\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

node2=""
if $two_nodes; then node2=$'\n'"  node 2      $web2   (the same PostgreSQL database and job queue: any call works on either node)"; fi
cat <<INFO

NotesSync is running. Open the IBM Notes Sync tab in a browser:

  $sandbox

  As the admin: Connect Zoho CRM (the simulator consents at once), connect Notes with server $domino,
  user "Jane Doe", password notes-demo; then Start sync, Sync settings, Manage users, Schedule meeting.
  "Signed in as" switches to the second user (French), who has a seat once Zoho is connected.

  web host    $web   (OpenAPI $web/openapi/v1.json, health $web/health/ready)$node2
  Domino      $domino  (demo user "Jane Doe", password notes-demo; control $domino/_simulator)
  Zoho        $zoho  (org $org_id, admin $admin_id; control $zoho/_simulator)
  widget      $sandbox  (stand-in CRM page and Zoho SDK)
  logs        $logs

A widget token for the demo admin (valid one hour; POST $web/dev/tokens {"orgId","userId"} mints another):
  export T=$token
Then, for example:
  curl -s -c zoho.jar -X POST $web/api/zoho/connect -H "Authorization: Bearer \$T"   # keeps the consent cookie
  curl -s -b zoho.jar -L "<the authorizeUrl it answered>"   # the browser's round trip: Zoho's consent, our callback
  curl -s -X POST $web/api/notes/connection -H "Authorization: Bearer \$T" -H 'Content-Type: application/json' \\
       -d '{"serverName":"$domino","userName":"Jane Doe","password":"notes-demo","mailFile":"mail/jdoe.nsf"}'
  curl -s -X POST $web/api/sync/runs -H "Authorization: Bearer \$T"           # then GET /api/sync/runs/{runId}
Ctrl+C stops everything.
INFO
wait
