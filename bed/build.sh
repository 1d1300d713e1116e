#!/usr/bin/env bash
# Builds the test bed's binaries from the Go module proxy and caches them:
#   etcd, kube-apiserver (wrapper modules in bed/go/*) and the Pulumi CLI,
# then lays out .bed/bin with the Node.js language host and dynamic-provider shims.
# Each binary is cached under $PULUMI_KUBEVIRT_CACHE (default ~/.cache/pulumi-kubevirt) keyed by a
# hash of its wrapper go.mod/go.sum, its build arguments, RECIPE and the Go version, so later runs
# take seconds.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${PULUMI_KUBEVIRT_CACHE:-$HOME/.cache/pulumi-kubevirt}
bin=$repo/.bed/bin

PULUMI_VERSION=v3.248.0   # keep equal to @pulumi/pulumi in package.json
KUBE_VERSION=v1.35.4      # keep equal to bed/go/kube-apiserver/go.mod

die() { echo "bed/build: $*" >&2; exit 1; }

command -v go >/dev/null || die "Go is not installed (need Go >= 1.25 to build etcd, kube-apiserver and pulumi): install it from https://go.dev/dl or your distro"
command -v node >/dev/null || die "Node.js is not installed (need Node >= 20)"
gover=$(go env GOVERSION | sed 's/^go//')
case "$gover" in 1.2[5-9]*|1.[3-9]*) ;; *) die "Go $gover is too old: need Go >= 1.25";; esac
[ -d "$repo/node_modules/@pulumi/pulumi" ] || die "node_modules is missing: run 'npm ci' first"

# Bump when the way binaries are built changes (flags, layout) so caches are rebuilt; editing
# other parts of this script does not invalidate them.
RECIPE=2
key() { # key <wrapper dir> [extra files...]: content hash of what determines the binary
    local dir=$1; shift
    { cat "$dir/go.mod" "$dir/go.sum" "$@"; echo "recipe $RECIPE"; go env GOVERSION; } | sha256sum | cut -c1-16
}

build() { # build <name> <wrapper dir> <package> [extra go build args...]
    local name=$1 dir=$2 pkg=$3; shift 3
    local out="$cache/$name-$(key "$dir" <(echo "$pkg $*"))"
    if [ -x "$out/$name" ]; then
        echo "bed/build: $name cached ($out)"
    else
        echo "bed/build: building $name (first run downloads modules; several minutes on 2 cores)..."
        local start=$SECONDS
        mkdir -p "$out.tmp"
        if ! (cd "$dir" && CGO_ENABLED=0 go build -trimpath "$@" -o "$out.tmp/$name" "$pkg") >"$cache/$name-build.log" 2>&1; then
            tail -30 "$cache/$name-build.log" >&2
            die "building $name failed; full log: $cache/$name-build.log"
        fi
        rm -rf "$out" && mv "$out.tmp" "$out"
        echo "bed/build: built $name in $((SECONDS - start))s"
    fi
    # A real file, not a symlink: the CLI treats plugins beside its own executable as bundled
    # (a symlink would resolve to the cache dir and every run would warn about ambient plugins).
    ln -f "$out/$name" "$bin/$name" 2>/dev/null || cp -f "$out/$name" "$bin/$name"
}

mkdir -p "$cache" "$bin"
build etcd "$repo/bed/go/etcd" go.etcd.io/etcd/server/v3
build kube-apiserver "$repo/bed/go/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver \
    -ldflags "-X k8s.io/component-base/version.gitVersion=$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=35"
build pulumi "$repo/bed/go/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    -tags osusergo,grpcnotrace -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"

# KubeVirt's own virt-controller and virt-api (and bed-webhooks, which prints virt-operator's
# webhook configurations) through the wrapper module in bed/go/kubevirt. The three modules it
# imports that the module proxy refuses (kubevirt.io/virt-template-*) are replaced by the bed's own
# minimal stand-ins in bed/go/virt-template. PULUMI_KUBEVIRT_REAL=0 skips this build; the bed then
# falls back to the simulated KubeVirt, and says why.
build_kubevirt() {
    local dir="$repo/bed/go/kubevirt" vt="$repo/bed/go/virt-template"
    rm -f "$bin/kubevirt.unavailable"
    if [ "${PULUMI_KUBEVIRT_REAL:-1}" = 0 ]; then
        echo "skipped (PULUMI_KUBEVIRT_REAL=0)" >"$bin/kubevirt.unavailable"
        rm -f "$bin/virt-controller" "$bin/virt-api" "$bin/bed-webhooks"
        echo "bed/build: real KubeVirt not built: $(cat "$bin/kubevirt.unavailable")"
        return 0
    fi
    # One build for the three: they share most of the compile, so they are cached together.
    local out="$cache/kubevirt-$(key "$dir" "$dir/cmd/bed-webhooks/main.go" <(cd "$vt" && find . -type f -name '*.go' -o -name go.mod | sort | xargs cat))"
    if [ ! -x "$out/virt-api" ]; then
        echo "bed/build: building virt-controller, virt-api (KubeVirt v1.9.0; ~10 min on 2 cores the first time)..."
        local start=$SECONDS
        mkdir -p "$out.tmp"
        if ! (cd "$dir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$out.tmp/" \
                kubevirt.io/kubevirt/cmd/virt-controller kubevirt.io/kubevirt/cmd/virt-api ./cmd/bed-webhooks) >"$cache/kubevirt-build.log" 2>&1; then
            tail -30 "$cache/kubevirt-build.log" >&2
            die "building KubeVirt failed; full log: $cache/kubevirt-build.log"
        fi
        rm -rf "$out" && mv "$out.tmp" "$out"
        echo "bed/build: built KubeVirt in $((SECONDS - start))s"
    else
        echo "bed/build: virt-controller, virt-api cached ($out)"
    fi
    for b in virt-controller virt-api bed-webhooks; do ln -f "$out/$b" "$bin/$b" 2>/dev/null || cp -f "$out/$b" "$bin/$b"; done
}
build_kubevirt

# The engine looks these up on PATH; without them it tries to download plugins and fails offline.
cat >"$bin/pulumi-language-nodejs" <<EOF
#!/bin/sh
exec node "$repo/bed/langhost/pulumi-language-nodejs.js" "\$@"
EOF
cat >"$bin/pulumi-resource-pulumi-nodejs" <<EOF
#!/bin/sh
exec node "$repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js" "\$@"
EOF
chmod 0755 "$bin/pulumi-language-nodejs" "$bin/pulumi-resource-pulumi-nodejs"

# Programs inside this repo load the provider by package name, as users' programs do.
ln -sfn .. "$repo/node_modules/pulumi-kubevirt"
echo "bed/build: ready: $bin"
