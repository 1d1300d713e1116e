#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh machine: npm packages, the test bed's binaries
# (etcd, kube-apiserver, pulumi; built from the Go module proxy and cached), and the TypeScript build.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

die() { echo "setup: $*" >&2; exit 1; }
command -v node >/dev/null || die "Node.js >= 20 is required (not found on PATH)"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || die "Node.js >= 20 is required (found $(node --version))"
command -v go >/dev/null || die "Go >= 1.25 is required to build the local test bed (not found on PATH)"
if ! command -v openssl >/dev/null; then
    echo "setup: installing openssl (certificates for the local API server)"
    { apt-get update -qq && apt-get install -y -qq openssl; } >/dev/null || die "openssl is missing and could not be installed"
fi

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.pulumi-kubevirt-lock
want=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
bash bed/build.sh
echo "setup: compiling TypeScript"
npx tsc -p tsconfig.json
