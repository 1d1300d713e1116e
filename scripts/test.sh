#!/usr/bin/env bash
# The project's test command (README): sets everything up, checks generated files are current and
# that the npm tarball holds only what ships, then runs the unit tests and the end-to-end tests
# (real pulumi CLI + local kube-apiserver + sim) in one mocha run, which ends with a
# "N passed, N failed" line.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash scripts/setup.sh
bash scripts/check-generated.sh
bash scripts/check-package.sh
start=$SECONDS
npx mocha --reporter test/reporter.js --timeout 600000 \
    'dist/test/unit/**/*.test.js' 'dist/test/e2e/**/*.test.js' "$@"
echo "tests took $((SECONDS - start))s"
