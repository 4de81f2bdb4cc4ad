#!/usr/bin/env bash
# Starts the whole platform as Release builds with the Aspire AppHost: private PostgreSQL and RabbitMQ
# under .platform/, Jobs, ProviderWorker, TransformerWorker, the Gateway on http://localhost:8000 and the
# Aspire dashboard on http://localhost:18888, then runs the demo job. Ctrl-C stops everything.
# Options go to the AppHost: --no-demo, --exit-after-demo, --gateway-url URL, --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/prerequisites.sh
export PATH="$HOME/.dotnet:$PATH"
exec dotnet run -c Release --project AppHost -- "$@"
