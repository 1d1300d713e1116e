import assert from "node:assert/strict";
import type { KubeObject } from "../../../../provider/k8s/client";
import type { Condition } from "../../../../provider/await/awaiter";
import { planGeneric } from "../../../../provider/resources/generic/objects";
import type { KindDef } from "../../../../provider/resources/generic/kindDefinition";
import {
    virtualMachineCloneKind,
    virtualMachineRestoreKind,
    virtualMachineSnapshotKind,
} from "../../../../provider/resources/snapshot/definitions";
import {
    cloneReady,
    restoreReady,
    snapshotReady,
} from "../../../../provider/resources/snapshot/readiness";

const obj = (kind: string, status?: Record<string, any>): KubeObject => ({
    apiVersion: "x/v1",
    kind,
    metadata: { name: "n" },
    ...(status ? { status } : {}),
});
const c = (type: string, status: string, reason = "", message = "") => ({
    type,
    status,
    reason,
    message,
});

describe("Snapshot, restore and clone policies", () => {
    const specs: [KindDef, Record<string, any>, (s: any) => void, RegExp][] = [
        [
            virtualMachineSnapshotKind,
            { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "vm" } },
            (s) => (s.source.name = "vm2"),
            /snapshot specs are immutable/,
        ],
        [
            virtualMachineRestoreKind,
            {
                target: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "vm" },
                virtualMachineSnapshotName: "s1",
            },
            (s) => (s.virtualMachineSnapshotName = "s2"),
            /runs the restore again/,
        ],
        [
            virtualMachineCloneKind,
            { source: { apiGroup: "kubevirt.io", kind: "VirtualMachine", name: "vm" } },
            (s) => (s.target = { kind: "VirtualMachine", name: "c" }),
            /runs a new clone/,
        ],
    ];
    for (const [def, spec, change, why] of specs) {
        it(`A ${def.kind} spec change replaces`, () => {
            const olds = { metadata: { name: "n", namespace: "d" }, spec };
            const news = structuredClone(olds);
            change(news.spec);
            const plan = planGeneric(def, olds, news);
            assert.equal(plan.impact, "replace");
            assert.match(plan.reasons[0]?.why ?? "", why);
        });
        it(`A ${def.kind} label change is metadata only`, () => {
            const olds = { metadata: { name: "n", namespace: "d" }, spec };
            assert.equal(
                planGeneric(def, olds, {
                    ...olds,
                    metadata: { ...olds.metadata, labels: { a: "b" } },
                }).impact,
                "metadata",
            );
        });
    }
});

describe("Snapshot, restore and clone readiness", () => {
    const cases: {
        name: string;
        cond: Condition;
        obj: KubeObject | undefined;
        ok: boolean;
        failed?: boolean;
        message: string;
    }[] = [
        {
            name: "A snapshot in progress shows its Progressing reason",
            cond: snapshotReady,
            obj: obj("S", {
                phase: "InProgress",
                conditions: [c("Progressing", "True", "Operation in progress", "")],
            }),
            ok: false,
            message: "InProgress (Operation in progress)",
        },
        {
            name: "A snapshot ready to use is done, with indications",
            cond: snapshotReady,
            obj: obj("S", {
                phase: "Succeeded",
                readyToUse: true,
                indications: ["Online", "NoGuestAgent"],
            }),
            ok: true,
            message: "ready to use (Online, NoGuestAgent)",
        },
        {
            name: "A Succeeded snapshot whose volumes are not ready to use yet keeps waiting",
            cond: snapshotReady,
            obj: obj("S", {
                phase: "Succeeded",
                readyToUse: false,
                conditions: [c("Progressing", "False", "Operation complete")],
            }),
            ok: false,
            message: "Succeeded, waiting for its volume snapshots to be ready to use",
        },
        {
            name: "A snapshot in error shows the VolumeSnapshot error, not just 'In error state'",
            cond: snapshotReady,
            obj: obj("S", {
                phase: "InProgress",
                readyToUse: false,
                error: { message: "VolumeSnapshot vs1 error: no class" },
                conditions: [
                    c("Progressing", "False", "In error state"),
                    c("Ready", "False", "Not ready"),
                ],
            }),
            ok: false,
            message: "InProgress (In error state; error: VolumeSnapshot vs1 error: no class)",
        },
        {
            name: "A partial snapshot is ready but names the volumes it left out",
            cond: snapshotReady,
            obj: obj("S", {
                phase: "Succeeded",
                readyToUse: true,
                indications: ["PartialSnapshot"],
                snapshotVolumes: { includedVolumes: ["root"], excludedVolumes: ["data"] },
            }),
            ok: true,
            message: "ready to use (PartialSnapshot; not included: data)",
        },
        {
            name: "A Failed snapshot fails with its error",
            cond: snapshotReady,
            obj: obj("S", { phase: "Failed", error: { message: "snapshot deadline exceeded" } }),
            ok: false,
            failed: true,
            message: "phase Failed: snapshot deadline exceeded",
        },
        {
            name: "A snapshot without status waits",
            cond: snapshotReady,
            obj: obj("S"),
            ok: false,
            message: "Pending",
        },
        {
            name: "A missing snapshot waits",
            cond: snapshotReady,
            obj: undefined,
            ok: false,
            message: "VirtualMachineSnapshot does not exist yet",
        },
        {
            name: "A restore without status waits for the controller",
            cond: restoreReady,
            obj: obj("R"),
            ok: false,
            message: "waiting for the restore controller",
        },
        {
            name: "A restore in progress shows why",
            cond: restoreReady,
            obj: obj("R", {
                complete: false,
                conditions: [c("Progressing", "True", "", "Waiting for target VM to stop")],
            }),
            ok: false,
            message: "restoring (Waiting for target VM to stop)",
        },
        {
            name: "A complete restore is done",
            cond: restoreReady,
            obj: obj("R", { complete: true, restoreTime: "2026-01-01T00:00:00Z" }),
            ok: true,
            message: "restore complete at 2026-01-01T00:00:00Z",
        },
        {
            name: "A restore with Failure=True fails",
            cond: restoreReady,
            obj: obj("R", {
                complete: false,
                conditions: [c("Failure", "True", "", "target VM is running")],
            }),
            ok: false,
            failed: true,
            message: "restore failed: target VM is running",
        },
        {
            name: "A clone in progress shows its phase",
            cond: cloneReady,
            obj: obj("C", { phase: "SnapshotInProgress" }),
            ok: false,
            message: "SnapshotInProgress",
        },
        {
            name: "A pending clone says why from its Ready condition",
            cond: cloneReady,
            obj: obj("C", {
                conditions: [
                    c("Progressing", "False", "Pending"),
                    c("Ready", "False", "Virtual Machine volume data snapshot support unknown"),
                ],
            }),
            ok: false,
            message: "Pending (Virtual Machine volume data snapshot support unknown)",
        },
        {
            name: "A restore waiting for its target to stop says so once",
            cond: restoreReady,
            obj: obj("R", {
                complete: false,
                conditions: [
                    c("Progressing", "False", "Waiting for target VM to be powered off"),
                    c("Ready", "False", "Waiting for target VM to be powered off"),
                ],
            }),
            ok: false,
            message: "restoring (Waiting for target VM to be powered off)",
        },
        {
            name: "A Succeeded clone names its target",
            cond: cloneReady,
            obj: obj("C", { phase: "Succeeded", targetName: "vm-clone" }),
            ok: true,
            message: "cloned into VirtualMachine vm-clone",
        },
        {
            name: "A Failed clone fails with its Ready reason",
            cond: cloneReady,
            obj: obj("C", {
                phase: "Failed",
                conditions: [c("Ready", "False", "Failed", "source VM not found")],
            }),
            ok: false,
            failed: true,
            message: "phase Failed: Failed: source VM not found",
        },
    ];
    for (const t of cases) {
        it(t.name, () => {
            const v = t.cond(t.obj);
            assert.equal(v.ok, t.ok);
            assert.equal(v.failed ?? false, t.failed ?? false);
            assert.equal(v.message, t.message);
        });
    }
});
