/**
 * Real KubeVirt on the bed: KubeVirt's own virt-controller and virt-api (built by bed/build.sh
 * from the Go module proxy) run against the bed's API server and decide RestartRequired, live
 * updates, migrations and admission. What they need from a cluster that has no virt-operator is
 * set up here: service accounts with tokens (node-bound for whoever plays virt-handler, since
 * KubeVirt's NodeRestriction rejects handler writes without a node), the CA config map, the
 * KubeVirt CR status, virt-api's webhooks (from virt-operator's own generator, pointed at
 * loopback) and the subresource API service.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import type { KubeClient, KubeObject } from "../provider/k8s/client";
import { kubevirtNamespace } from "./kubevirtCr";
import {
    assertAlive,
    BedError,
    binaryPath,
    freePort,
    kubeconfig,
    launch,
    tail,
    waitHttpsOk,
    type ClusterState,
} from "./processes";

export const realBinaries = ["virt-controller", "virt-api", "bed-webhooks"];
const manager = { force: true, fieldManager: "pulumi-kubevirt-bed" };
const accounts = ["kubevirt-controller", "kubevirt-apiserver", "kubevirt-handler"];

/** Why real KubeVirt cannot run here, or undefined when its binaries are built. */
export function realKubevirtMissing(): string | undefined {
    const missing = realBinaries.filter((b) => !fs.existsSync(binaryPath(b)));
    if (!missing.length) return undefined;
    const marker = binaryPath("kubevirt.unavailable");
    const why = fs.existsSync(marker)
        ? fs.readFileSync(marker, "utf8").trim()
        : "run 'bash bed/build.sh'";
    return `KubeVirt's virt-controller/virt-api are not built (${missing.join(", ")} missing): ${why}`;
}

/**
 * Starts virt-api and virt-controller, recording each pid in `st.pids` as soon as it runs (and
 * calling `save`), so a start that fails half-way still stops them.
 */
export async function startRealKubevirt(
    client: KubeClient,
    st: ClusterState,
    nodes: string[],
    save: () => void,
): Promise<void> {
    await applyIdentities(client);
    const kcs = await writeKubeconfigs(client, st, nodes);
    await startVirtApi(client, st, kcs.api, save);
    await startVirtController(client, st, kcs.controller, save);
}

/** A kubeconfig per KubeVirt identity, with a token minted for it (virt-handler's bound to its node). */
async function writeKubeconfigs(
    client: KubeClient,
    st: ClusterState,
    nodes: string[],
): Promise<{ api: string; controller: string }> {
    const caFile = path.join(st.dir, "ca.crt");
    const kc = async (name: string, sa: string, node?: KubeObject) => {
        const file = path.join(st.dir, `${name}.kubeconfig`);
        const tok = await mintToken(client, sa, node);
        fs.writeFileSync(file, kubeconfig(st.server, caFile, sa, tok));
        return file;
    };
    const controller = await kc("virt-controller", "kubevirt-controller");
    const api = await kc("virt-api", "kubevirt-apiserver");
    for (const name of nodes) {
        const node = await client.get({ apiVersion: "v1", kind: "Node", name });
        if (!node)
            throw new BedError(
                `node ${name} must exist before virt-handler tokens are bound to it`,
            );
        await kc(`handler-${name}`, "kubevirt-handler", node);
    }
    return { api, controller };
}

/** Where virt-api answers once it serves (its start here and its restart by bed/faults.ts wait on it). */
export function virtApiHealthUrl(port: number | string): string {
    return `https://127.0.0.1:${port}/apis/subresources.kubevirt.io/v1/healthz`;
}

/** virt-api on a free port, serving once healthy, then wired in as webhooks and the subresource API. */
async function startVirtApi(
    client: KubeClient,
    st: ClusterState,
    apiKc: string,
    save: () => void,
): Promise<void> {
    const caFile = path.join(st.dir, "ca.crt");
    const ca = fs.readFileSync(caFile, "utf8");
    const caMap = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "kubevirt-ca", namespace: kubevirtNamespace },
        data: { "ca-bundle": ca },
    };
    await client.apply(caMap, manager);
    const port = await freePort();
    const tls = servingPairFor("virt-api", st.dir);
    // prettier-ignore
    const args = ["--kubeconfig", apiKc, "--listen", "127.0.0.1", "--port", String(port),
        "--tls-cert-file", tls.cert, "--tls-key-file", tls.key];
    st.pids["virt-api"] = launch("virt-api", args, st.dir);
    save();
    await waitHttpsOk(virtApiHealthUrl(port), caFile, "virt-api", st.dir, st.pids);
    await registerWebhooks(client, `https://127.0.0.1:${port}`, caFile);
    await registerSubresourceApi(client, port, ca);
}

async function startVirtController(
    client: KubeClient,
    st: ClusterState,
    controllerKc: string,
    save: () => void,
): Promise<void> {
    // prettier-ignore
    const args = ["--kubeconfig", controllerKc, "--listen", "127.0.0.1",
        "--port", String(await freePort()), "--launcher-image", "quay.io/kubevirt/virt-launcher:v1.9.0"];
    st.pids["virt-controller"] = launch("virt-controller", args, st.dir);
    save();
    // Its health port has no certificate here (virt-operator would mount one), so readiness is
    // the leader lease: virt-controller starts its controllers once it holds it.
    await waitLease(client, "virt-controller", st.dir, st.pids);
}

async function waitLease(
    client: KubeClient,
    what: string,
    dir: string,
    pids: Record<string, number>,
): Promise<void> {
    const ref = {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        name: what,
        namespace: kubevirtNamespace,
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        assertAlive(pids, dir);
        const lease = await client.get(ref).catch(() => undefined);
        if ((lease?.spec as { holderIdentity?: string } | undefined)?.holderIdentity) return;
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new BedError(
        `${what} did not take its leader lease within 60s; last log lines:\n${tail(path.join(dir, `${what}.log`))}`,
    );
}

/** The kubeconfig the simulated virt-handler of `node` writes VMI status with. */
export function handlerKubeconfig(dir: string, node: string): string {
    return path.join(dir, `handler-${node}.kubeconfig`);
}

/** KubeVirt's service accounts; cluster-admin is enough on a throwaway bed. */
async function applyIdentities(client: KubeClient): Promise<void> {
    for (const sa of accounts) {
        await client.apply(
            {
                apiVersion: "v1",
                kind: "ServiceAccount",
                metadata: { name: sa, namespace: kubevirtNamespace },
            },
            manager,
        );
        await client.apply(
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "ClusterRoleBinding",
                metadata: { name: `bed-${sa}` },
                roleRef: {
                    apiGroup: "rbac.authorization.k8s.io",
                    kind: "ClusterRole",
                    name: "cluster-admin",
                },
                subjects: [{ kind: "ServiceAccount", name: sa, namespace: kubevirtNamespace }],
            },
            manager,
        );
    }
}

/** A week-long service account token; bound to a Node when `node` is given (virt-handler's). */
async function mintToken(client: KubeClient, sa: string, node?: KubeObject): Promise<string> {
    const boundObjectRef = node
        ? { apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid }
        : undefined;
    const body = {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds: 7 * 86400, ...(boundObjectRef ? { boundObjectRef } : {}) },
    };
    const ref = {
        apiVersion: "v1",
        kind: "ServiceAccount",
        name: sa,
        namespace: kubevirtNamespace,
    };
    const res = (await client.postSubresourceApi(
        "",
        "v1",
        ref,
        "serviceaccounts",
        "token",
        body,
    )) as { status?: { token?: string } };
    if (!res?.status?.token)
        throw new BedError(`no token issued for service account ${kubevirtNamespace}/${sa}`);
    return res.status.token;
}

/** virt-operator's webhook configurations, generated by KubeVirt's own code and pointed at `base`. */
async function registerWebhooks(client: KubeClient, base: string, caFile: string): Promise<void> {
    const out = execFileSync(binaryPath("bed-webhooks"), [base, caFile], {
        encoding: "utf8",
        maxBuffer: 16 << 20,
    });
    const list = JSON.parse(out) as { items: KubeObject[] };
    const kinds = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
    for (const [i, item] of list.items.entries()) {
        const { status: _s, ...obj } = {
            ...item,
            apiVersion: "admissionregistration.k8s.io/v1",
            kind: kinds[i]!,
        } as KubeObject & { status?: unknown };
        delete obj.metadata.creationTimestamp;
        await client.apply(obj, manager);
    }
}

/**
 * subresources.kubevirt.io (start/stop/restart/migrate, expand-spec) through the aggregation
 * layer. There is no kube-proxy, so the Service is an ExternalName for localhost: the aggregator
 * then dials localhost at the service port, which is virt-api's own port.
 */
async function registerSubresourceApi(client: KubeClient, port: number, ca: string): Promise<void> {
    await client.apply(
        {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "virt-api", namespace: kubevirtNamespace },
            spec: {
                type: "ExternalName",
                externalName: "localhost",
                ports: [{ name: "https", port, protocol: "TCP" }],
            },
        },
        manager,
    );
    for (const [version, priority] of [
        ["v1", 15],
        ["v1alpha3", 10],
    ] as const) {
        await client.apply(
            {
                apiVersion: "apiregistration.k8s.io/v1",
                kind: "APIService",
                metadata: { name: `${version}.subresources.kubevirt.io` },
                spec: {
                    group: "subresources.kubevirt.io",
                    version,
                    groupPriorityMinimum: 1000,
                    versionPriority: priority,
                    service: { namespace: kubevirtNamespace, name: "virt-api", port },
                    caBundle: Buffer.from(ca).toString("base64"),
                },
            },
            manager,
        );
    }
}

/**
 * virt-api's certificate and key in a directory of their own. Its certificate manager reloads on
 * every change in the directory that holds them (fsnotify); beside its own log file, each log line
 * triggers a reload that logs a line: ~5,000 reloads a second, a third of a core and a log that grows
 * by gigabytes an hour.
 */
function servingPairFor(name: string, dir: string): { cert: string; key: string } {
    const own = path.join(dir, `${name}-tls`);
    fs.mkdirSync(own, { recursive: true });
    const pair = { cert: path.join(own, "tls.crt"), key: path.join(own, "tls.key") };
    fs.copyFileSync(path.join(dir, `${name}.crt`), pair.cert);
    fs.copyFileSync(path.join(dir, `${name}.key`), pair.key);
    return pair;
}
