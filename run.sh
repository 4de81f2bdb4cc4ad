#!/usr/bin/env bash
# Starts the whole platform (private PostgreSQL and RabbitMQ under .platform/, Jobs, ProviderWorker,
# Gateway on http://localhost:8000) and runs the demo job. Ctrl-C stops everything.
# Options go to the AppHost: --no-demo, --exit-after-demo, --gateway-url URL.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/prerequisites.sh
export PATH="$HOME/.dotnet:$PATH"
exec dotnet run --project AppHost -- "$@"
