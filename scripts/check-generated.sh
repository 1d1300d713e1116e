#!/usr/bin/env bash
# Fails when generated files are stale or hand-edited: regenerates schema/ and sdk/types/ into the
# tree, then asks git (read-only) whether anything under schema/, sdk/types/ or bed/crds/ (the
# Template stand-in CRD that schema/template.schema.json comes from) differs from the commit.
# Assumes `npx tsc -p tsconfig.json` already ran, so dist/scripts/gen*.js exist.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for js in dist/scripts/genSchema.js dist/scripts/genSdkTypes.js; do
    if [[ ! -f "$js" ]]; then
        echo "check-generated: $js is missing; run 'npx tsc -p tsconfig.json' first." >&2
        exit 2
    fi
done
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "check-generated: $(pwd) is not a git checkout; cannot compare generated files." >&2
    exit 2
fi

node dist/scripts/genSchema.js
node dist/scripts/genSdkTypes.js

changes="$(git status --porcelain --untracked-files=all -- schema sdk/types bed/crds)"
if [[ -n "$changes" ]]; then
    {
        echo "check-generated: FAILED. These generated (or generator-input) files differ from the commit:"
        echo "$changes" | sed 's/^/    /'
        echo "Regenerate with 'npx tsc -p tsconfig.json && node dist/scripts/genSchema.js &&"
        echo "node dist/scripts/genSdkTypes.js', review the diff and commit it. Do not edit these files by hand."
    } >&2
    exit 1
fi
echo "check-generated: schema/, sdk/types/ and bed/crds/ are up to date."
node dist/scripts/genDocs.js >/dev/null; docs="$(git status --porcelain --untracked-files=all -- docs/resources)"; if [[ -n "$docs" ]]; then { echo "check-generated: FAILED. docs/resources/ differs from the commit (stale or hand-edited):"; echo "$docs" | sed 's/^/    /'; echo "Regenerate with 'npx tsc -p tsconfig.json && node dist/scripts/genDocs.js', review the diff and commit it."; } >&2; exit 1; fi; echo "check-generated: docs/resources/ is up to date."
