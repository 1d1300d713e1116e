/**
 * Where the generators find the pinned upstream sources. Only the generators (scripts/gen*.ts) read
 * `../shared`: everything the provider, the bed and the tests need at run time is generated from it
 * into the repository, so a clone without `../shared` still builds, runs the demo and passes tests.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Upstream release of each CRD folder (shared/upstream/crds/SOURCES.md). */
export const UPSTREAM: Record<string, string> = {
    kubevirt: "kubevirt/kubevirt v1.9.0",
    cdi: "kubevirt/containerized-data-importer v1.66.0",
    nmstate: "nmstate/kubernetes-nmstate v0.86.0",
    multus: "k8snetworkplumbingwg/multus-cni v4.3.0",
    "virt-template": "kubevirt/virt-template v0.2.2",
    "external-snapshotter": "kubernetes-csi/external-snapshotter v8.6.0",
    hco: "kubevirt/hyperconverged-cluster-operator v1.18.1",
};

/** `$SHARED_DIR`, or `<repo>/../shared`: the reference sources the generators read. */
export function sharedDir(root: string): string {
    return process.env.SHARED_DIR ?? path.join(root, "..", "shared");
}

/** `<shared>/upstream/crds`, or a clear error naming what is missing and how to point at it. */
export function upstreamCrdsDir(root: string): string {
    const dir = path.join(sharedDir(root), "upstream", "crds");
    if (!fs.existsSync(dir)) {
        throw new Error(
            `upstream CRDs not found at ${dir}: the generators need the pinned upstream sources; set SHARED_DIR to the folder holding upstream/crds`,
        );
    }
    return dir;
}

/** Writes only when content differs, keeping mtimes stable for incremental tools. */
export function writeIfChanged(file: string, content: string): void {
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === content) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
}
