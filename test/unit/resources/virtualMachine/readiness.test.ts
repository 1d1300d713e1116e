import assert from "node:assert/strict";
import { untilGone } from "../../../../provider/await/conditions";
import type { KubeObject } from "../../../../provider/k8s/client";
import {
    runStrategyOf,
    untilGuest,
    untilMigrated,
    untilNewVmi,
    untilVmSettled,
} from "../../../../provider/resources/virtualMachine/readiness";

const vm = (status: Record<string, unknown> | undefined): KubeObject => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm-1", namespace: "default", uid: "u1" },
    status,
});
const obj = (kind: string, uid: string, status: Record<string, unknown>): KubeObject => ({
    apiVersion: "kubevirt.io/v1",
    kind,
    metadata: { name: "vm-1", namespace: "default", uid },
    status,
});

describe("VM readiness conditions", () => {
    const settled = [
        {
            name: "A running VM that reports ready is settled",
            strategy: "Always",
            status: { ready: true, printableStatus: "Running" },
            ok: true,
        },
        {
            name: "A starting VM is not settled yet",
            strategy: "Always",
            status: { printableStatus: "Starting" },
            ok: false,
        },
        {
            name: "RerunOnFailure waits for ready like Always",
            strategy: "RerunOnFailure",
            status: { printableStatus: "Scheduling" },
            ok: false,
        },
        {
            name: "A Halted VM with no status yet is settled (no wait for Running)",
            strategy: "Halted",
            status: undefined,
            ok: true,
        },
        {
            name: "A Halted VM still stopping is not settled",
            strategy: "Halted",
            status: { created: true, printableStatus: "Stopping" },
            ok: false,
        },
        {
            name: "A Halted VM whose DataVolumes are provisioning is settled",
            strategy: "Halted",
            status: { created: false, printableStatus: "Provisioning" },
            ok: true,
        },
        {
            name: "A Manual VM only has to exist",
            strategy: "Manual",
            status: { printableStatus: "Stopped" },
            ok: true,
        },
        {
            name: "ErrorUnschedulable is terminal",
            strategy: "Always",
            status: { printableStatus: "ErrorUnschedulable" },
            ok: false,
            failed: true,
        },
        {
            name: "DataVolumeError is terminal",
            strategy: "Always",
            status: { printableStatus: "DataVolumeError" },
            ok: false,
            failed: true,
        },
    ];
    for (const c of settled) {
        it(c.name, () => {
            const v = untilVmSettled(c.strategy)(vm(c.status));
            assert.equal(v.ok, c.ok);
            assert.equal(!!v.failed, !!c.failed);
        });
    }

    it("A VM that is absent is not settled", () =>
        assert.equal(untilVmSettled("Always")(undefined).ok, false));

    const strategies = [
        { name: "runStrategy wins", spec: { runStrategy: "Manual" }, want: "Manual" },
        { name: "running: true maps to Always", spec: { running: true }, want: "Always" },
        { name: "running: false maps to Halted", spec: { running: false }, want: "Halted" },
    ];
    for (const c of strategies) it(c.name, () => assert.equal(runStrategyOf(c.spec), c.want));

    const restarts = [
        {
            name: "The old VMI still running means no restart yet",
            vmi: obj("VirtualMachineInstance", "old", { phase: "Running" }),
            ok: false,
        },
        {
            name: "A new VMI still scheduling is not done",
            vmi: obj("VirtualMachineInstance", "new", { phase: "Scheduling" }),
            ok: false,
        },
        {
            name: "A new VMI running means restarted",
            vmi: obj("VirtualMachineInstance", "new", { phase: "Running" }),
            ok: true,
        },
    ];
    for (const c of restarts) it(c.name, () => assert.equal(untilNewVmi("old")(c.vmi).ok, c.ok));

    const migrations = [
        { name: "A running migration is not done", phase: "Running", ok: false, failed: false },
        { name: "A succeeded migration is done", phase: "Succeeded", ok: true, failed: false },
        { name: "A failed migration is terminal", phase: "Failed", ok: false, failed: true },
    ];
    for (const c of migrations) {
        it(c.name, () => {
            const v = untilMigrated(
                obj("VirtualMachineInstanceMigration", "m", { phase: c.phase }),
            );
            assert.equal(v.ok, c.ok);
            assert.equal(!!v.failed, c.failed);
        });
    }

    it("Gone means absent", () => {
        assert.equal(untilGone("VM")(undefined).ok, true);
        assert.equal(untilGone("VM")(vm({})).ok, false);
    });

    const guest = [
        {
            name: "Waiting for the agent until AgentConnected is True",
            agent: true,
            ip: false,
            status: { conditions: [] },
            ok: false,
        },
        {
            name: "AgentConnected True satisfies the agent wait",
            agent: true,
            ip: false,
            status: { conditions: [{ type: "AgentConnected", status: "True" }] },
            ok: true,
        },
        {
            name: "An interface IP satisfies the IP wait",
            agent: false,
            ip: true,
            status: { interfaces: [{ ipAddress: "10.0.0.5" }] },
            ok: true,
        },
    ];
    for (const c of guest)
        it(c.name, () =>
            assert.equal(
                untilGuest(c.agent, c.ip)(obj("VirtualMachineInstance", "x", c.status)).ok,
                c.ok,
            ),
        );
});
