import assert from "node:assert/strict";
import { instancetypeKinds } from "../../../../provider/resources/instancetype/definitions";
import { declared, planGeneric } from "../../../../provider/resources/generic/objects";
import { validate } from "../../../../provider/validation/validator";

const spec = (kind: string): any =>
    kind.endsWith("Instancetype")
        ? { cpu: { guest: 2 }, memory: { guest: "2Gi" } }
        : { devices: { preferredDiskBus: "virtio" } };

describe("instancetype kinds", () => {
    for (const def of instancetypeKinds) {
        const base = (): any => ({
            metadata: { name: "small", ...(def.namespaced ? { namespace: "default" } : {}) },
            spec: spec(def.kind),
        });

        it(`${def.kind} is ${def.namespaced ? "namespaced" : "cluster-scoped"} and its sample passes the schema`, () => {
            assert.equal(def.namespaced, !def.kind.includes("Cluster"));
            assert.deepEqual(validate(def.kind, declared(def, base())), []);
        });

        it(`${def.kind}: a spec change is live with the revision note`, () => {
            const next = base();
            if (def.kind.endsWith("Instancetype")) next.spec.cpu.guest = 4;
            else next.spec.devices.preferredDiskBus = "sata";
            const plan = planGeneric(def, base(), next);
            assert.equal(plan.impact, "live");
            assert.match(
                plan.notes.join(" "),
                /existing VMs keep the revision captured at their start/,
            );
        });

        it(`${def.kind}: a rename replaces it`, () => {
            const next = base();
            next.metadata.name = "large";
            assert.equal(planGeneric(def, base(), next).impact, "replace");
        });
    }
});
