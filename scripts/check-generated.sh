#!/usr/bin/env bash
# Fails when generated files are stale or hand-edited: regenerates them into the tree, then asks git
# (read-only) whether anything differs from the commit.
#   from the pinned upstream sources (only when ../shared or $SHARED_DIR is present, since a clone
#   does not have it): schema/, bed/crds/ (generated CRDs + the Template stand-in that
#   schema/template.schema.json comes from) and test/fixtures/upstream/;
#   from the repo itself (always): sdk/types/ (from schema/) and docs/resources/.
# Assumes `npx tsc -p tsconfig.json` already ran, so dist/scripts/gen*.js exist.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for js in genSchema genBedCrds genTestFixtures genSdkTypes genDocs; do
    if [[ ! -f "dist/scripts/$js.js" ]]; then
        echo "check-generated: dist/scripts/$js.js is missing; run 'npx tsc -p tsconfig.json' first." >&2
        exit 2
    fi
done
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "check-generated: $(pwd) is not a git checkout; cannot compare generated files." >&2
    exit 2
fi

# compare <what> <how to regenerate> <paths...>: fail when git sees any change under the paths.
compare() {
    local what=$1 how=$2; shift 2
    local changes
    changes="$(git status --porcelain --untracked-files=all -- "$@")"
    if [[ -n "$changes" ]]; then
        {
            echo "check-generated: FAILED. Generated files differ from the commit (stale or hand-edited) in $what:"
            echo "$changes" | sed 's/^/    /'
            echo "Regenerate with 'npx tsc -p tsconfig.json && $how', review the diff and commit it."
        } >&2
        exit 1
    fi
    echo "check-generated: up to date: $what"
}

shared=${SHARED_DIR:-$(cd .. && pwd)/shared}
if [[ -d "$shared/upstream/crds" && -d "$shared/upstream/examples" ]]; then
    node dist/scripts/genSchema.js
    node dist/scripts/genBedCrds.js
    node dist/scripts/genTestFixtures.js
    compare "schema/, bed/crds/ and test/fixtures/upstream/" \
        "node dist/scripts/genSchema.js && node dist/scripts/genBedCrds.js && node dist/scripts/genTestFixtures.js" \
        schema bed/crds test/fixtures/upstream
else
    echo "check-generated: skipped the check of generator output from upstream sources (schema/, bed/crds/generated/,"
    echo "    test/fixtures/upstream/): $shared is missing (set SHARED_DIR to check them). The committed files are used as they are."
fi

node dist/scripts/genSdkTypes.js
compare "sdk/types/" "node dist/scripts/genSdkTypes.js" sdk/types
node dist/scripts/genDocs.js >/dev/null
compare "docs/resources/" "node dist/scripts/genDocs.js" docs/resources
