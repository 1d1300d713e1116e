#!/usr/bin/env bash
# The project's test command (README): sets everything up, checks generated files are current and
# that the npm tarball holds only what ships, checks formatting (prettier), lints (eslint) and that no
# function outside tests is over 40 lines (scripts/longFunctions.ts), then runs the unit and end-to-end tests
# (real pulumi CLI + local kube-apiserver with KubeVirt's own virt-controller and virt-api, the
# simulator playing the nodes) in one mocha run. A second, shorter run puts the simulated-KubeVirt
# fallback through the conformance cases so it cannot drift from real KubeVirt unnoticed. The last
# line sums both runs: "total: N passed, N failed, N skipped".
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash scripts/setup.sh
bash scripts/check-generated.sh
bash scripts/check-package.sh
npm run --silent lint
npm run --silent format:check
node dist/scripts/longFunctions.js 40
export PULUMI_KUBEVIRT_SUMMARY_FILE="$repo/.bed/test-summary"
mkdir -p .bed && : >"$PULUMI_KUBEVIRT_SUMMARY_FILE"
start=$SECONDS
npx mocha --reporter test/reporter.js --timeout 600000 \
    'dist/test/unit/**/*.test.js' 'dist/test/e2e/**/*.test.js' "$@"
echo "tests took $((SECONDS - start))s"
if [ "$#" -eq 0 ] && [ "$(node -e 'console.log(require("./dist/bed/kubevirt").realKubevirtMissing() ? "sim" : "real")')" = real ]; then
    start=$SECONDS
    echo "== the simulated-KubeVirt fallback against the same conformance cases =="
    PULUMI_KUBEVIRT_KUBEVIRT=sim PULUMI_KUBEVIRT_BED_DIR="$repo/.bed/cluster-sim" npx mocha --reporter test/reporter.js \
        --timeout 1800000 dist/test/e2e/setup.test.js dist/test/e2e/conformance.test.js
    echo "sim-mode conformance took $((SECONDS - start))s"
    awk '{p+=$1; f+=$2; s+=$3} END {printf "\ntotal: %d passed, %d failed, %d skipped\n", p, f, s}' "$PULUMI_KUBEVIRT_SUMMARY_FILE"
fi
