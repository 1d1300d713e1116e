/**
 * Installs the CRDs into the local API server: the upstream ones as generated into the repo
 * (bed/crds/generated, by scripts/genBedCrds.ts, so the bed needs nothing outside the repo) plus
 * the bed's own stand-ins (bed/crds/*.yaml). Server-side apply, because several CRDs exceed the
 * 256 KiB limit of the client-side last-applied annotation.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { KubeClient, KubeObject } from "../provider/k8s/client";
import { repoRoot, BedError } from "./processes";

const ownDir = path.join(repoRoot, "bed", "crds");
const generatedDir = path.join(ownDir, "generated");

/** YAML files directly in `dir`, sorted. */
function yamlFiles(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .sort()
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => path.join(dir, f));
}

/** Every CRD file the bed installs, in a stable order. */
export function crdFiles(): string[] {
    if (!fs.existsSync(generatedDir)) {
        throw new BedError(
            `generated CRDs not found at ${generatedDir}; regenerate them with 'node dist/scripts/genBedCrds.js'`,
        );
    }
    const folders = fs
        .readdirSync(generatedDir)
        .sort()
        .map((f) => path.join(generatedDir, f));
    return [
        ...folders.filter((d) => fs.statSync(d).isDirectory()).flatMap(yamlFiles),
        ...yamlFiles(ownDir),
    ];
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
    await Promise.all(
        crds.map((c) => client.apply(c, { force: true, fieldManager: "pulumi-kubevirt-bed" })),
    );
    const names = crds.map((c) => c.metadata.name as string);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const pending = await notEstablished(client, names);
        if (pending.length === 0) return names;
        if (Date.now() > deadline)
            throw new BedError(
                `CRDs not Established after ${timeoutMs / 1000}s: ${pending.join(", ")}`,
            );
        await new Promise((r) => setTimeout(r, 200));
    }
}

async function notEstablished(client: KubeClient, names: string[]): Promise<string[]> {
    const live = await client.list("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    const ok = new Set(
        live
            .filter((c) =>
                (
                    (c.status as { conditions?: { type: string; status: string }[] })?.conditions ??
                    []
                ).some((x) => x.type === "Established" && x.status === "True"),
            )
            .map((c) => c.metadata.name),
    );
    return names.filter((n) => !ok.has(n));
}
