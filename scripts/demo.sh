#!/usr/bin/env bash
# The main job on the local default: start the local cluster (kube-apiserver + etcd + KubeVirt's
# own virt-controller/virt-api, the simulator playing nodes, CDI and nmstate), `pulumi up` the quick-start stack, then change cpu.sockets and show the
# truthful plan ("will live-migrate") before applying it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash scripts/setup.sh
kubeconfig=$(node dist/bed/cluster.js start)
echo "demo: local cluster up; kubeconfig: $kubeconfig"

export PATH="$repo/.bed/bin:$PATH" PULUMI_HOME="$repo/.bed/pulumi-home" PULUMI_BACKEND_URL="file://$repo/.bed/state" \
    PULUMI_CONFIG_PASSPHRASE=demo PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
work="$repo/.bed/work/demo"
rm -rf "$work" && mkdir -p "$work" "$repo/.bed/state"
cp examples/quickstart/Pulumi.yaml "$work/"
echo "module.exports = require('$repo/dist/examples/quickstart/index.js');" > "$work/index.js"
echo "main: index.js" >> "$work/Pulumi.yaml"
cd "$work"
pulumi stack rm demo --yes --force >/dev/null 2>&1 || true
pulumi stack init demo >/dev/null
pulumi config set kubevirt:kubeconfig "$kubeconfig"
pulumi config set sockets 2

echo; echo "=== pulumi preview (create) ==="; pulumi preview --non-interactive
echo; echo "=== pulumi up ==="; pulumi up --yes --skip-preview --non-interactive
echo; echo "=== pulumi preview (no changes expected) ==="; pulumi preview --non-interactive
pulumi config set sockets 4
echo; echo "=== change: cpu.sockets 2 -> 4; pulumi preview --diff ==="; pulumi preview --diff --non-interactive
echo; echo "=== pulumi up ==="; pulumi up --yes --skip-preview --non-interactive
echo; echo "=== what happened (lastUpdate) ==="; pulumi stack output lastUpdate --json
echo
echo "demo: done. The cluster keeps running; stop it with: node dist/bed/cluster.js stop"
