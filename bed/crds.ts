/**
 * Installs the upstream CRDs (../shared/upstream/crds) plus the bed's own stand-ins (bed/crds) into
 * the local API server. Server-side apply, because several CRDs exceed the 256 KiB limit of the
 * client-side last-applied annotation.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { KubeClient, KubeObject } from "../provider/k8s/client";
import { repoRoot, BedError } from "./processes";

/** Upstream CRD folders to install; the nad-client copy of the NAD CRD is skipped (same name). */
const upstreamDirs = ["kubevirt", "cdi", "nmstate", "multus", "virt-template", "external-snapshotter"];
const skip = new Set(["k8s.cni.cncf.io_network-attachment-definitions.nad-client.yaml"]);

export function sharedDir(): string {
    return process.env.SHARED_DIR ?? path.resolve(repoRoot, "..", "shared");
}

/** Every CRD document the bed installs, in a stable order. */
export function crdFiles(): string[] {
    const base = path.join(sharedDir(), "upstream", "crds");
    if (!fs.existsSync(base)) throw new BedError(`upstream CRDs not found at ${base}; set SHARED_DIR to the folder holding upstream/crds`);
    const files: string[] = [];
    for (const d of upstreamDirs) {
        for (const f of fs.readdirSync(path.join(base, d)).sort()) {
            if (f.endsWith(".yaml") && !skip.has(f)) files.push(path.join(base, d, f));
        }
    }
    const own = path.join(repoRoot, "bed", "crds");
    if (fs.existsSync(own)) for (const f of fs.readdirSync(own).sort()) if (f.endsWith(".yaml")) files.push(path.join(own, f));
    return files;
}

function loadCrds(file: string): KubeObject[] {
    return parseAllDocuments(fs.readFileSync(file, "utf8"))
        .map((d) => d.toJS() as KubeObject | null)
        .filter((o): o is KubeObject => !!o && o.kind === "CustomResourceDefinition")
        .map((o) => {
            const { status: _status, ...rest } = o as KubeObject & { status?: unknown };
            delete rest.metadata.creationTimestamp;
            return rest as KubeObject;
        });
}

/** Apply every CRD and wait until all are Established. Returns the CRD names. */
export async function installCrds(client: KubeClient, timeoutMs = 60_000): Promise<string[]> {
    const crds = crdFiles().flatMap(loadCrds);
    await Promise.all(crds.map((c) => client.apply(c, { force: true, fieldManager: "pulumi-kubevirt-bed" })));
    const names = crds.map((c) => c.metadata.name as string);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const pending = await notEstablished(client, names);
        if (pending.length === 0) return names;
        if (Date.now() > deadline) throw new BedError(`CRDs not Established after ${timeoutMs / 1000}s: ${pending.join(", ")}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

async function notEstablished(client: KubeClient, names: string[]): Promise<string[]> {
    const live = await client.list("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    const ok = new Set(
        live.filter((c) => ((c.status as { conditions?: { type: string; status: string }[] })?.conditions ?? [])
            .some((x) => x.type === "Established" && x.status === "True"))
            .map((c) => c.metadata.name),
    );
    return names.filter((n) => !ok.has(n));
}
