/** Preview-time admission: which API answers are rejections, and the fields they name. */
import assert from "node:assert/strict";
import { KubeApiError } from "../../../../provider/errors";
import {
    admissionFailures,
    isRejection,
    rejectionFailures,
} from "../../../../provider/resources/virtualMachine/admission";
import type { KubeClient } from "../../../../provider/k8s/client";

const denied = new KubeApiError(
    "apply VirtualMachine default/vm failed (422 ): admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: spec.template.spec.domain.devices.disks[0].Name 'data' not found.\n  - spec.template.spec.domain.devices.disks[0].name: not found",
    422,
    "Invalid",
    [
        {
            field: "spec.template.spec.domain.devices.disks[0].name",
            message: "spec.template.spec.domain.devices.disks[0].Name 'data' not found.",
        },
    ],
);

describe("VirtualMachine admission in preview", () => {
    const cases: { name: string; err: unknown; rejection: boolean }[] = [
        { name: "a webhook denial is a rejection", err: denied, rejection: true },
        {
            name: "a schema error (422) is a rejection",
            err: new KubeApiError("x failed (422 Invalid): bad", 422, "Invalid"),
            rejection: true,
        },
        {
            name: "a missing namespace is not (it may be created in the same stack)",
            err: new KubeApiError(
                'x failed (404 NotFound): namespaces "a" not found',
                404,
                "NotFound",
            ),
            rejection: false,
        },
        {
            name: "no permission to dry-run is not",
            err: new KubeApiError("x failed (403 Forbidden): forbidden", 403, "Forbidden"),
            rejection: false,
        },
        {
            name: "a network error is not",
            err: new Error("connect ECONNREFUSED"),
            rejection: false,
        },
    ];
    for (const c of cases) it(c.name, () => assert.equal(isRejection(c.err), c.rejection));

    it("names each field KubeVirt names", () => {
        const f = rejectionFailures(denied);
        assert.equal(f.length, 1);
        assert.equal(f[0]!.property, "spec.template.spec.domain.devices.disks[0].name");
        assert.match(f[0]!.reason, /admission .*'data' not found/);
    });

    it("stays silent when the cluster cannot be reached, and sends a dry run only", async () => {
        const seen: unknown[] = [];
        const client = {
            apply: async (_o: unknown, opts: unknown) => {
                seen.push(opts);
                throw new Error("ECONNREFUSED");
            },
        } as unknown as KubeClient;
        const inputs = {
            metadata: { name: "vm", namespace: "default" },
            spec: { template: { spec: {} } },
        };
        assert.deepEqual(await admissionFailures(() => client, inputs), []);
        assert.deepEqual(seen, [{ force: true, dryRun: true }]);
    });
});
