import assert from "node:assert/strict";
import type { KubeObject } from "../../../../provider/k8s/client";
import { vmOutputs, type LastUpdate } from "../../../../provider/resources/virtualMachine/outputs";

const inputs = {
    metadata: { name: "vm-1", namespace: "default" },
    spec: { runStrategy: "Always" },
};
const vm: KubeObject = {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm-1", namespace: "default", uid: "u1" },
};
const migrated: LastUpdate = {
    impact: "liveMigrate",
    summary: "live migration (cpu.sockets 2→4)",
    outcome: "as planned",
};
const older: LastUpdate = { impact: "live", summary: "live update", outcome: "as planned" };

describe("VM outputs: lastUpdate", () => {
    const cases = [
        // An absent output is unknown in previews and undefined after create: it must always be there.
        {
            name: "is null (not absent) before the first update",
            inputs,
            last: undefined,
            want: null,
        },
        { name: "is this update's record when one ran", inputs, last: migrated, want: migrated },
        {
            name: "is carried over from state when this operation did not update (read, failed update)",
            inputs,
            last: older,
            want: older,
        },
        {
            name: "is the previous outputs' record when the caller passes outputs as inputs",
            inputs: { ...inputs, lastUpdate: older },
            last: undefined,
            want: older,
        },
        { name: "is null when state had none and none is passed", inputs, last: null, want: null },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const out = vmOutputs(c.inputs, vm, undefined, c.last);
            assert.ok("lastUpdate" in out);
            assert.deepEqual(out.lastUpdate, c.want);
        });
    }
});
