import assert from "node:assert/strict";
import type { KubeObject } from "../../../../provider/k8s/client";
import {
    claimRefOf,
    effectiveSize,
    expansionProblem,
    isDataVolumeClaim,
} from "../../../../provider/resources/dataVolume/claim";

const pvc = (
    spec: Record<string, any>,
    status: Record<string, any>,
    annotations?: Record<string, string>,
): KubeObject => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "d", namespace: "ns", ...(annotations ? { annotations } : {}) },
    spec,
    status,
});
const sc = (allow?: boolean): KubeObject => ({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "fast" },
    ...(allow === undefined ? {} : { allowVolumeExpansion: allow }),
});

describe("PVC expansion admission", () => {
    const cases: { name: string; pvc: KubeObject; sc?: KubeObject; problem?: RegExp }[] = [
        {
            name: "A bound claim of an expandable class may grow",
            pvc: pvc({ storageClassName: "fast" }, { phase: "Bound" }),
            sc: sc(true),
        },
        {
            name: "An unbound claim (WaitForFirstConsumer) may not",
            pvc: pvc({ storageClassName: "fast" }, { phase: "Pending" }),
            sc: sc(true),
            problem: /not bound yet \(phase Pending\)/,
        },
        {
            name: "A claim without a class may not",
            pvc: pvc({}, { phase: "Bound" }),
            problem: /no StorageClass/,
        },
        {
            name: "A missing class may not",
            pvc: pvc({ storageClassName: "fast" }, { phase: "Bound" }),
            problem: /'fast' does not exist/,
        },
        {
            name: "A class without allowVolumeExpansion may not",
            pvc: pvc({ storageClassName: "fast" }, { phase: "Bound" }),
            sc: sc(),
            problem: /does not allow volume expansion/,
        },
        {
            name: "A class with allowVolumeExpansion false may not",
            pvc: pvc({ storageClassName: "fast" }, { phase: "Bound" }),
            sc: sc(false),
            problem: /does not allow volume expansion/,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const p = expansionProblem(c.pvc, c.sc);
            if (c.problem) assert.match(p ?? "", c.problem);
            else assert.equal(p, undefined);
        });
    }
});

describe("Refreshed DataVolume size", () => {
    const cases: { name: string; declared?: string; dv?: string; pvc?: string; want?: string }[] = [
        {
            name: "Unexpanded: the DV size is the declared one",
            declared: "10Gi",
            dv: "10Gi",
            pvc: "10Gi",
            want: "10Gi",
        },
        {
            name: "Expanded PVC meets the declared size: no drift",
            declared: "20Gi",
            dv: "10Gi",
            pvc: "20Gi",
            want: "20Gi",
        },
        {
            name: "Filesystem overhead on the PVC is no drift",
            declared: "10Gi",
            dv: "10Gi",
            pvc: "11Gi",
            want: "10Gi",
        },
        {
            name: "Expansion not done shows the real size",
            declared: "20Gi",
            dv: "10Gi",
            pvc: "10Gi",
            want: "10Gi",
        },
        {
            name: "Partly grown PVC shows the PVC size",
            declared: "30Gi",
            dv: "10Gi",
            pvc: "20Gi",
            want: "20Gi",
        },
        { name: "No PVC: the DV size", declared: "20Gi", dv: "10Gi", want: "10Gi" },
        {
            name: "Declared written differently but equal keeps the declared text",
            declared: "1024Mi",
            dv: "1Gi",
            pvc: "1Gi",
            want: "1024Mi",
        },
    ];
    for (const c of cases)
        it(c.name, () => assert.equal(effectiveSize(c.declared, c.dv, c.pvc), c.want));
});

describe("DataVolume claims", () => {
    it("names the claim after status.claimName, else the DV", () => {
        assert.equal(
            claimRefOf({ metadata: { name: "a", namespace: "n" }, status: { claimName: "b" } })
                .name,
            "b",
        );
        assert.deepEqual(claimRefOf({ metadata: { name: "a", namespace: "n" } }), {
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            namespace: "n",
            name: "a",
        });
    });
    it("recognises claims CDI created or kept after collecting their DV", () => {
        assert.equal(
            isDataVolumeClaim(pvc({}, {}, { "cdi.kubevirt.io/garbageCollected": "true" })),
            true,
        );
        assert.equal(
            isDataVolumeClaim(pvc({}, {}, { "cdi.kubevirt.io/createdForDataVolume": "uid" })),
            true,
        );
        assert.equal(isDataVolumeClaim(pvc({}, {})), false);
        assert.equal(isDataVolumeClaim(undefined), false);
        const dying = pvc({}, {}, { "cdi.kubevirt.io/garbageCollected": "true" });
        dying.metadata.deletionTimestamp = "2026-01-01T00:00:00Z";
        assert.equal(isDataVolumeClaim(dying), false);
    });
});
