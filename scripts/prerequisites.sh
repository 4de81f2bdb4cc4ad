#!/usr/bin/env bash
# Installs what the platform and its tests need on Debian/Ubuntu: the .NET 10 SDK, PostgreSQL and
# RabbitMQ (the servers are started privately by the AppHost and the test fixtures, never as system
# services), Node.js with OpenAI's Node client for the /v1 compatibility tests, and Chromium for the
# dashboard's browser test (Playwright's own browser download does not work here). Needs root for
# apt-get; without it, prints what to install and stops.
set -euo pipefail

missing_packages=()
[ -n "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ] || missing_packages+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing_packages+=(rabbitmq-server)
command -v npm >/dev/null 2>&1 || missing_packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)

if [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing_packages[*]}. Install them as root, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing_packages[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing_packages[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing_packages[@]}" >/dev/null
  # The packages start system-wide instances where an init system exists; the platform runs its own.
  service rabbitmq-server stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
fi

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "Installing the .NET 10 SDK into \$HOME/.dotnet..."
  curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir "$HOME/.dotnet" >/dev/null
  echo "Add it to your PATH for later shells: export PATH=\"\$HOME/.dotnet:\$PATH\""
fi

# kubectl with kustomize v5 renders deploy/ for tests/Platform.DeployTests (Debian's kubernetes-client is 1.20, too
# old). Without a Kubernetes apt repository configured, the release binary comes from dl.k8s.io, checked by its sha256.
if ! kubectl version --client 2>/dev/null | grep 'Kustomize Version: v5' >/dev/null; then
  kubectl_url="https://dl.k8s.io/release/v1.32.4/bin/linux/$(dpkg --print-architecture)/kubectl"
  kubectl_dir=$([ "$(id -u)" -eq 0 ] && echo /usr/local/bin || echo "$HOME/.local/bin")
  echo "Installing kubectl 1.32 into $kubectl_dir from $kubectl_url..."
  mkdir -p "$kubectl_dir"
  if curl -fsSL "$kubectl_url" -o /tmp/kubectl && echo "$(curl -fsSL "$kubectl_url.sha256")  /tmp/kubectl" | sha256sum -c --quiet; then
    install -m 0755 /tmp/kubectl "$kubectl_dir/kubectl"
    case ":$PATH:" in *":$kubectl_dir:"*) ;; *) echo "Add it to your PATH: export PATH=\"$kubectl_dir:\$PATH\"" ;; esac
  else
    # Only the deploy tests need it, so everything else still runs.
    echo "Could not download kubectl. Install kubectl >= 1.27 (kustomize v5) from https://pkgs.k8s.io or your" >&2
    echo "distribution; until then tests/Platform.DeployTests fail." >&2
  fi
fi

# OpenAI's official Node client, which the integration tests point at the Gateway's /v1 (versions pinned by the lock file).
npm ci --prefix "$(dirname "$0")/../tests/clients/node" --no-audit --no-fund --loglevel=error >/dev/null
