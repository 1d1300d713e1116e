import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import type { KubeObject } from "../../../../provider/k8s/client";
import { validateAll } from "../../../../provider/validation/validator";
import {
    checkPoolSelector,
    poolReady,
} from "../../../../provider/resources/virtualMachinePool/definition";
import { examplesDir } from "../../validation/helpers";

const example = (): KubeObject =>
    YAML.parse(
        fs.readFileSync(path.join(examplesDir(), "kubevirt", "vm-pool-cirros.yaml"), "utf8"),
    ) as KubeObject;

const withStatus = (status?: Record<string, unknown>): KubeObject => ({
    ...example(),
    ...(status ? { status } : {}),
});

describe("VirtualMachinePool readiness", () => {
    const inputs = { spec: { replicas: 3 } };
    const cases: { name: string; obj: KubeObject | undefined; ok: boolean; msg: RegExp }[] = [
        { name: "absent is not ready", obj: undefined, ok: false, msg: /does not exist/ },
        { name: "no status yet is not ready", obj: withStatus(), ok: false, msg: /0\/3/ },
        {
            name: "all VMs made but not all Ready is not ready",
            obj: withStatus({ replicas: 3, readyReplicas: 2 }),
            ok: false,
            msg: /2\/3 replicas ready, 3 VMs/,
        },
        {
            name: "ready replicas of a pool still scaling in are not enough",
            obj: withStatus({ replicas: 4, readyReplicas: 3 }),
            ok: false,
            msg: /3\/3 replicas ready, 4 VMs/,
        },
        {
            name: "a ReplicaFailure condition is shown while waiting",
            obj: withStatus({
                replicas: 1,
                readyReplicas: 1,
                conditions: [{ type: "ReplicaFailure", status: "True", message: "quota" }],
            }),
            ok: false,
            msg: /ReplicaFailure: quota/,
        },
        {
            name: "every replica made and Ready is ready",
            obj: withStatus({ replicas: 3, readyReplicas: 3 }),
            ok: true,
            msg: /3\/3/,
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const v = poolReady(inputs)(c.obj);
            assert.equal(v.ok, c.ok);
            assert.match(v.message, c.msg);
        });

    it("replicas default to 1, as the controller counts", () =>
        assert.equal(
            poolReady({ spec: {} })(withStatus({ replicas: 1, readyReplicas: 1 })).ok,
            true,
        ));
});

describe("VirtualMachinePool validation", () => {
    it("the upstream example passes the schema and the selector rule", () => {
        assert.deepEqual(validateAll("VirtualMachinePool", example()), []);
        assert.deepEqual(checkPoolSelector(example()), []);
    });
    it("a selector its template's labels do not match is refused (the controller would ignore the pool)", () => {
        const p = example() as any;
        p.spec.virtualMachineTemplate.metadata.labels = { other: "x" };
        const [f] = checkPoolSelector(p);
        assert.equal(f.property, "spec.selector.matchLabels");
        assert.match(f.reason, /kubevirt.io\/vmpool=vm-pool-cirros does not match/);
    });
    it("a template without the required selector fails the schema", () => {
        const p = example() as any;
        delete p.spec.selector;
        assert.ok(validateAll("VirtualMachinePool", p).some((f) => /selector/.test(f.reason)));
    });
});
