#!/usr/bin/env bash
# Builds the four service images with the .NET SDK (no Docker daemon): Release, chiselled base, non-root,
# one OCI tarball each: artifacts/images/gateway.tar.gz, jobs, provider-worker, transformer-worker. Load them with `docker load`/`podman load`, or push them
# with `skopeo copy docker-archive:... docker://REGISTRY/...` / `crane push`.
#   deploy/build-images.sh                       build all four, tag = 1.0.0 (deploy/Containers.props)
#   deploy/build-images.sh --version 1.4.0       tag the release
#   deploy/build-images.sh --base-image IMAGE    a mirror of mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
#   deploy/build-images.sh --list                print the image names it would build, one a line, and exit
set -euo pipefail
cd "$(dirname "$0")/.."

projects=(services/Gateway services/Jobs workers/ProviderWorker workers/TransformerWorker)
output=artifacts/images
properties=()
list_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --version) properties+=("-p:Version=$2"); shift 2 ;;
    --base-image) properties+=("-p:ContainerBaseImage=$2"); shift 2 ;;
    --list) list_only=true; shift ;;
    *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

property() { dotnet msbuild "$1" "${properties[@]}" -getProperty:"$2"; }

$list_only || mkdir -p "$output"
for project in "${projects[@]}"; do
  repository=$(property "$project" ContainerRepository)
  if $list_only; then
    echo "$repository:$(property "$project" ContainerImageTag)"
    continue
  fi
  echo "== $project -> $output/${repository#platform/}.tar.gz"
  dotnet publish "$project" -c Release -t:PublishContainer "${properties[@]}" \
    -p:ContainerArchiveOutputPath="$PWD/$output/${repository#platform/}.tar.gz" -clp:ErrorsOnly
done
$list_only || ls -l "$output"
