/** Shared fixtures for the simulator tests. */
import type { KubeObject } from "../../../provider/k8s/client";
import { makeConfig, type SimConfig } from "../../../sim/config";
import type { Ctx } from "../../../sim/controller";
import { startSim, type SimHandle } from "../../../sim/index";
import { FakeKube } from "./fakeKube";

export const T0 = Date.parse("2025-01-01T00:00:00Z");

export function ctx(partial: Partial<Ctx> = {}, cfg: Partial<SimConfig> = {}): Ctx {
    return { now: T0, sinceStep: 1e9, config: makeConfig(cfg), ...partial };
}

export function vm(
    name: string,
    spec: Record<string, unknown> = {},
    meta: Record<string, unknown> = {},
): KubeObject {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name, namespace: "default", ...meta },
        spec: {
            runStrategy: "Always",
            template: {
                metadata: { labels: { app: name } },
                spec: {
                    domain: {
                        cpu: { sockets: 1, cores: 1, threads: 1 },
                        memory: { guest: "1Gi" },
                        devices: {
                            disks: [{ name: "root", disk: { bus: "virtio" } }],
                            // masquerade: live-migratable (KubeVirt's default binding, bridge, is not)
                            interfaces: [{ name: "default", masquerade: {} }],
                        },
                    },
                    networks: [{ name: "default", pod: {} }],
                    volumes: [
                        {
                            name: "root",
                            containerDisk: { image: "quay.io/containerdisks/fedora:41" },
                        },
                    ],
                },
            },
            ...spec,
        },
    };
}

export const fastConfig: Partial<SimConfig> = {
    delays: { step: 5 },
    transferSteps: 3,
    migrationRetryMs: 200,
};

export const status = (o: KubeObject | undefined): Record<string, any> =>
    (o?.status ?? {}) as Record<string, any>;
export const cond = (o: KubeObject | undefined, type: string): Record<string, any> | undefined =>
    status(o).conditions?.find((c: { type: string }) => c.type === type);

/**
 * A simulator running in-process against a fresh FakeKube for each test (stopped after it).
 * Set SIM_LOG=1 to see the simulator's action log.
 */
export function simHarness(): {
    kube: FakeKube;
    start: (cfg?: Partial<SimConfig>) => Promise<void>;
} {
    const h = {
        kube: new FakeKube(),
        sim: undefined as SimHandle | undefined,
        async start(cfg: Partial<SimConfig> = {}): Promise<void> {
            h.kube = new FakeKube();
            h.sim = startSim(
                h.kube,
                { ...fastConfig, ...cfg },
                { log: process.env.SIM_LOG ? (l) => console.log(l) : () => undefined },
            );
            await h.sim.ready;
        },
    };
    afterEach(async () => {
        await h.sim?.stop();
        h.sim = undefined;
    });
    return h;
}
