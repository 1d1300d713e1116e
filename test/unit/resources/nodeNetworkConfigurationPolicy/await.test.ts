import assert from "node:assert/strict";
import type { KubeClient, KubeObject, WatchEvent } from "../../../../provider/k8s/client";
import type { OpContext } from "../../../../provider/kindProvider";
import { AwaitFailedError, AwaitTimeoutError } from "../../../../provider/errors";
import { awaitPolicy } from "../../../../provider/resources/nodeNetworkConfigurationPolicy/await";

type C = [type: string, status: string, reason?: string, message?: string];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An nmstate stand-in: a policy and its enactments, changed by a script every 20 ms. */
class FakeNmstate {
    rv = 1;
    policy: KubeObject = {
        apiVersion: "nmstate.io/v1",
        kind: "NodeNetworkConfigurationPolicy",
        metadata: { name: "p", generation: 1, resourceVersion: "1" },
        status: {},
    };
    enactments: KubeObject[] = [];
    constructor(private readonly script: ((f: FakeNmstate) => void)[]) {
        const tick = setInterval(
            () => (this.script.length ? this.script.shift()!(this) : clearInterval(tick)),
            20,
        );
    }
    set(generation: number, ...conds: C[]): void {
        this.policy = {
            ...this.policy,
            metadata: { ...this.policy.metadata, generation, resourceVersion: String(++this.rv) },
            status: {
                conditions: conds.map(([type, status, reason, message]) => ({
                    type,
                    status,
                    reason,
                    message,
                })),
            },
        };
    }
    enact(node: string, gen: number, type: string, message = ""): void {
        this.enactments = [
            ...this.enactments.filter((e) => e.metadata.labels?.["nmstate.io/node"] !== node),
            {
                apiVersion: "nmstate.io/v1beta1",
                kind: "NodeNetworkConfigurationEnactment",
                metadata: {
                    name: `${node}.p`,
                    labels: { "nmstate.io/node": node, "nmstate.io/policy": "p" },
                },
                status: { policyGeneration: gen, conditions: [{ type, status: "True", message }] },
            },
        ];
    }
    client(): KubeClient {
        return {
            get: async () => structuredClone(this.policy),
            list: async () => structuredClone(this.enactments),
            watch: async (
                _a: string,
                _k: string,
                _n: string | undefined,
                _o: unknown,
                onEvent: (e: WatchEvent) => void | "stop",
                signal?: AbortSignal,
            ) => {
                let seen = this.policy.metadata.resourceVersion;
                while (!signal?.aborted) {
                    await sleep(5);
                    if (this.policy.metadata.resourceVersion === seen) continue;
                    seen = this.policy.metadata.resourceVersion;
                    if (
                        onEvent({ type: "MODIFIED", object: structuredClone(this.policy) }) ===
                        "stop"
                    )
                        break;
                }
                return seen;
            },
        } as unknown as KubeClient;
    }
}

const available: C[] = [
    ["Available", "True", "SuccessfullyConfigured", "2/2 nodes successfully configured"],
    ["Degraded", "False"],
];
const progressing: C[] = [
    ["Progressing", "True", "ConfigurationProgressing", "Policy is progressing 1/2 nodes finished"],
    ["Available", "Unknown", "ConfigurationProgressing"],
];

function ctx(f: FakeNmstate, said: string[]): OpContext {
    return {
        client: f.client(),
        config: { namespace: "default", facts: {} },
        say: (m) => said.push(m),
    };
}

describe("NodeNetworkConfigurationPolicy awaitPolicy", () => {
    it("does not trust the previous generation's Available: waits for the enactments of the new one", async () => {
        const f = new FakeNmstate([
            (x) => {
                x.set(2, ...progressing);
                x.enact("node-a", 2, "Available");
            },
            (x) => x.enact("node-b", 2, "Available"),
            (x) => x.set(2, ...available),
        ]);
        f.set(2, ...available);
        f.enact("node-a", 1, "Available");
        f.enact("node-b", 1, "Available");
        const said: string[] = [];
        const r = await awaitPolicy(ctx(f, said), "p", 5000, "NodeNetworkConfigurationPolicy p");
        assert.equal(r.message, "2/2 nodes configured");
        assert.ok(
            said.some((m) => /waiting for nmstate to report on generation 2/.test(m)),
            said.join("\n"),
        );
        assert.ok(said.includes("1/2 nodes configured"), said.join("\n"));
    });

    it("fails with the failing node's reason once the current generation is Degraded", async () => {
        const f = new FakeNmstate([
            (x) => {
                x.enact("node-a", 1, "Available");
                x.enact("node-b", 1, "Failing", "error reconciling on node-b: eth9 not found");
            },
            (x) =>
                x.set(
                    1,
                    ["Degraded", "True", "FailedToConfigure", "1/2 nodes failed to configure"],
                    ["Available", "False", "FailedToConfigure"],
                ),
        ]);
        f.set(1, ...progressing);
        await assert.rejects(
            awaitPolicy(ctx(f, []), "p", 5000, "NodeNetworkConfigurationPolicy p"),
            (e: unknown) =>
                e instanceof AwaitFailedError &&
                /NodeNetworkConfigurationPolicy p failed: 1\/2 nodes failed to configure; node-b: error reconciling on node-b: eth9 not found/.test(
                    e.message,
                ),
        );
    });

    it("times out with the last state when nmstate never finishes", async () => {
        const f = new FakeNmstate([]);
        f.set(1, ...progressing);
        await assert.rejects(
            awaitPolicy(ctx(f, []), "p", 1000, "NodeNetworkConfigurationPolicy p"),
            (e: unknown) =>
                e instanceof AwaitTimeoutError &&
                /timed out after 1s .* last state: 1\/2 nodes configured/.test(e.message),
        );
    });
});
