#!/usr/bin/env bash
# Builds the benchmark's peer: @pulumi/kubernetes's Go provider (pulumi-resource-kubernetes) from
# the Go module proxy through the wrapper module in bench/go/peer, and installs @pulumi/kubernetes
# from npm into a bench-only directory (never a dependency of this project). Both are cached under
# $PULUMI_KUBEVIRT_CACHE (default ~/.cache/pulumi-kubevirt) by content hash; a warm run takes seconds.
# Prints two lines: "provider <dir holding pulumi-resource-kubernetes>" and "node <dir with node_modules>".
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${PULUMI_KUBEVIRT_CACHE:-$HOME/.cache/pulumi-kubevirt}
src=$repo/bench/go/peer

PEER_VERSION=4.25.0   # npm @pulumi/kubernetes and the version stamped on the Go provider
RECIPE=1              # bump when the way the peer is built changes

die() { echo "bench/build-peer: $*" >&2; exit 1; }
command -v go >/dev/null || die "Go is not installed (need Go >= 1.25)"
pulumi_version=$(node -p "require('$repo/node_modules/@pulumi/pulumi/package.json').version")

key=$({ cat "$src/go.mod" "$src/go.sum" "$src/main.go"; echo "recipe $RECIPE $PEER_VERSION"; go env GOVERSION; } | sha256sum | cut -c1-16)
out=$cache/peer-kubernetes-$key
if [ ! -x "$out/pulumi-resource-kubernetes" ]; then
    echo "bench/build-peer: building pulumi-resource-kubernetes $PEER_VERSION (first run: ~15 min on 2 cores)..." >&2
    start=$SECONDS
    rm -rf "$out.tmp" && mkdir -p "$out.tmp/src"
    cp "$src/go.mod" "$src/go.sum" "$src/main.go" "$out.tmp/src/"
    # The upstream command go:generate's its embedded schema (version stamped) and mapping; the
    # module zip ships only their sources, so write the generated files into the build copy.
    mod=$(cd "$out.tmp/src" && go mod download -json github.com/pulumi/pulumi-kubernetes/provider/v4 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
    node -e '
        const fs = require("fs"), [dir, out, version] = process.argv.slice(1);
        const schema = JSON.parse(fs.readFileSync(dir + "/schema.json", "utf8"));
        schema.version = version;
        fs.writeFileSync(out + "/schema-embed.json", JSON.stringify(schema));
        const mapping = JSON.parse(fs.readFileSync(dir + "/terraform-mapping.json", "utf8"));
        fs.writeFileSync(out + "/terraform-mapping-embed.json", JSON.stringify(mapping));
    ' "$mod/cmd/pulumi-resource-kubernetes" "$out.tmp/src" "$PEER_VERSION"
    if ! (cd "$out.tmp/src" && CGO_ENABLED=0 nice -n 10 go build -trimpath \
            -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PEER_VERSION" \
            -o "$out.tmp/pulumi-resource-kubernetes" .) >"$cache/peer-kubernetes-build.log" 2>&1; then
        tail -30 "$cache/peer-kubernetes-build.log" >&2
        die "building the peer failed; full log: $cache/peer-kubernetes-build.log"
    fi
    rm -rf "$out.tmp/src" "$out" && mv "$out.tmp" "$out"
    echo "bench/build-peer: built in $((SECONDS - start))s" >&2
fi

# The peer's program: @pulumi/kubernetes at the provider's version, on the same @pulumi/pulumi as ours
# so both programs run the same SDK.
node_dir=$cache/bench-peer-node-$PEER_VERSION-$pulumi_version
if [ ! -d "$node_dir/node_modules/@pulumi/kubernetes" ]; then
    echo "bench/build-peer: installing @pulumi/kubernetes@$PEER_VERSION into $node_dir" >&2
    mkdir -p "$node_dir"
    cat >"$node_dir/package.json" <<JSON
{ "name": "bench-peer", "private": true,
  "dependencies": { "@pulumi/kubernetes": "$PEER_VERSION", "@pulumi/pulumi": "$pulumi_version" },
  "overrides": { "@pulumi/pulumi": "$pulumi_version" } }
JSON
    (cd "$node_dir" && npm install --no-audit --no-fund --ignore-scripts >&2) || die "npm install failed in $node_dir"
fi
echo "provider $out"
echo "node $node_dir"
