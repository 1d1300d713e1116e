/**
 * The NodeNetworkConfigurationPolicy provider called in-process against the local cluster
 * (simulated nmstate), for a race the CLI cannot stage reliably: an update that arrives while
 * another rollout of the policy is in progress must wait for it (nmstate refuses spec updates
 * until then), apply, and report the new generation Available.
 */
import assert from "node:assert/strict";
import { startCluster } from "./cluster";
import { newKubeClient } from "../../provider/k8s/kubeClient";
import type { KubeClient, KubeObject } from "../../provider/k8s/client";
import { readProviderConfig, setProviderConfig } from "../../provider/config";
import { nncpProvider } from "../../provider/resources/nodeNetworkConfigurationPolicy/provider";
import { desiredState, linuxBridge } from "../../sdk/network/nmstate";
import { listNodeNetworkStates } from "../../sdk/network/nodeNetworkState";

const ref = {
    apiVersion: "nmstate.io/v1",
    kind: "NodeNetworkConfigurationPolicy",
    name: "e2e-net-gate",
};
const spec = (mtu: number) => ({
    maxUnavailable: 1,
    desiredState: desiredState({
        interfaces: [linuxBridge({ name: "br-gate", ports: ["eth2"], mtu })],
    }),
});

async function until(
    client: KubeClient,
    test: (o: KubeObject | undefined) => boolean,
    ms = 30_000,
): Promise<KubeObject | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
        const o = await client.get(ref);
        if (test(o)) return o;
        if (Date.now() > deadline)
            throw new Error(`condition not reached: ${JSON.stringify(o?.status)}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** Runs `fn` collecting what the provider tells the user on stderr. */
async function capture<T>(fn: () => Promise<T>): Promise<{ result: T; said: string }> {
    const write = process.stderr.write.bind(process.stderr);
    let said = "";
    process.stderr.write = ((chunk: string | Uint8Array) => (
        (said += String(chunk)),
        true
    )) as typeof process.stderr.write;
    try {
        return { result: await fn(), said };
    } finally {
        process.stderr.write = write;
    }
}

describe("NodeNetworkConfigurationPolicy provider: an update during a rollout waits, then applies", function () {
    this.timeout(300_000);
    let client: KubeClient;
    const provider = nncpProvider;

    before(async () => {
        const st = await startCluster();
        client = newKubeClient({ kubeconfig: st.kubeconfig });
        setProviderConfig(
            readProviderConfig((k) => (k === "kubeconfig" ? st.kubeconfig : undefined)),
        );
    });
    after(async () => {
        await client?.delete(ref).catch(() => undefined);
    });

    it("waits for the running rollout, applies, reaches Available for its own generation, and removes on delete", async () => {
        const created = await provider.create(
            (await provider.check({}, { metadata: { name: ref.name }, spec: spec(1500) })).inputs,
        );
        assert.equal(created.outs.status.state, "Available");
        // Someone else starts a rollout (another field manager); wait until nmstate is in it.
        await client.apply(
            {
                apiVersion: ref.apiVersion,
                kind: ref.kind,
                metadata: { name: ref.name },
                spec: spec(1400),
            },
            { fieldManager: "e2e-other", force: true },
        );
        await until(client, (o) =>
            ((o?.status as any)?.conditions ?? []).some(
                (c: any) => c.type === "Progressing" && c.status === "True",
            ),
        );
        const news = (
            await provider.check(created.outs, { metadata: { name: ref.name }, spec: spec(9000) })
        ).inputs;
        const { result, said } = await capture(() =>
            provider.update(created.id, created.outs, news),
        );
        assert.match(
            said,
            /waiting for the policy to finish .*nmstate rejects updates while one is in progress/,
        );
        assert.equal(result.outs?.status.state, "Available");
        const live = await client.get(ref);
        const enactments = await client.list(
            "nmstate.io/v1beta1",
            "NodeNetworkConfigurationEnactment",
            undefined,
            { labelSelector: `nmstate.io/policy=${ref.name}` },
        );
        assert.ok(
            enactments.length === 3 &&
                enactments.every(
                    (e) => (e.status as any)?.policyGeneration === live?.metadata.generation,
                ),
            "every node on the provider's generation",
        );
        for (const n of await listNodeNetworkStates({
            kubeconfig: (await startCluster()).kubeconfig,
        })) {
            assert.equal(n.interfaces.find((i) => i.name === "br-gate")?.mtu, 9000, n.node);
        }
        await provider.delete(created.id, result.outs ?? {});
        assert.equal(await client.get(ref), undefined);
        for (const n of await listNodeNetworkStates({
            kubeconfig: (await startCluster()).kubeconfig,
        })) {
            assert.ok(!n.interfaces.some((i) => i.name === "br-gate"), `br-gate left on ${n.node}`);
        }
    });
});
