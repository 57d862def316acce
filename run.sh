#!/usr/bin/env bash
# Runs NotesSync on this machine: the web host in Development on a SQLite file, at http://127.0.0.1:5080.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__NotesSync="Data Source=$PWD/notessync.db"
url=${NOTESSYNC_URL:-http://127.0.0.1:5080}
echo "NotesSync: building…"
dotnet build src/Web -v quiet -nologo
echo "NotesSync: web host at $url (OpenAPI: $url/openapi/v1.json, health: $url/health/ready). Ctrl+C stops it."
exec dotnet run --no-build --project src/Web --urls "$url"
