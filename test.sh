#!/usr/bin/env bash
# Runs every test: unit tests, the transformer engine's tests, and integration tests that start real
# PostgreSQL and RabbitMQ servers and the platform's services as processes.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/prerequisites.sh
export PATH="$HOME/.dotnet:$PATH"
dotnet build Platform.sln
dotnet test Platform.sln --no-build "$@"
