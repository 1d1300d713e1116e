import assert from "node:assert/strict";
import type { Impact } from "../../../../provider/diff/types";
import { planGeneric } from "../../../../provider/resources/generic/objects";
import { dataVolumeKind } from "../../../../provider/resources/dataVolume/definition";
import { requestedSize, withRequestedSize } from "../../../../provider/resources/dataVolume/policy";

type Dv = Record<string, any>;
const N: Impact = "none",
    MD: Impact = "metadata",
    L: Impact = "live",
    X: Impact = "replace";

/** Known-good http import with the `storage` API. */
function baseDv(): Dv {
    return {
        metadata: { name: "disk", namespace: "default", labels: { app: "web" } },
        spec: {
            source: { http: { url: "https://example.com/disk.img" } },
            storage: { resources: { requests: { storage: "10Gi" } } },
        },
    };
}

interface Case {
    name: string;
    base?: (dv: Dv) => void;
    change: (dv: Dv) => void;
    impact: Impact;
    why?: RegExp;
}

const cases: Case[] = [
    { name: "An unchanged DataVolume plans nothing", change: () => undefined, impact: N },
    {
        name: "A label change is metadata only",
        change: (d) => (d.metadata.labels.team = "a"),
        impact: MD,
    },
    {
        name: "An annotation change (e.g. removing a sim knob) is metadata only",
        base: (d) => (d.metadata.annotations = { k: "v" }),
        change: (d) => delete d.metadata.annotations,
        impact: MD,
    },
    {
        name: "CDI's own annotations never show as a change",
        change: (d) =>
            (d.metadata.annotations = {
                "cdi.kubevirt.io/storage.usePopulator": "true",
                "cdi.kubevirt.io/storage.deleteAfterCompletion": "false",
            }),
        impact: N,
    },
    {
        name: "Growing storage expands the PVC live",
        change: (d) => (d.spec.storage.resources.requests.storage = "20Gi"),
        impact: L,
        why: /PVC is expanded/,
    },
    {
        name: "Growing a pvc-API claim expands the PVC live",
        base: pvcApi,
        change: (d) => (d.spec.pvc.resources.requests.storage = "2Gi"),
        impact: L,
    },
    {
        name: "The same size written differently changes nothing",
        change: (d) => (d.spec.storage.resources.requests.storage = "10240Mi"),
        impact: N,
    },
    {
        name: "Shrinking storage replaces with data loss",
        change: (d) => (d.spec.storage.resources.requests.storage = "5Gi"),
        impact: X,
        why: /cannot shrink.*deletes the PVC and its data/,
    },
    {
        name: "Changing the source URL replaces with data loss",
        change: (d) => (d.spec.source.http.url = "https://example.com/other.img"),
        impact: X,
        why: /immutable.*deletes the PVC and its data/,
    },
    {
        name: "Switching http to registry replaces",
        change: (d) => (d.spec.source = { registry: { url: "docker://quay.io/x" } }),
        impact: X,
    },
    {
        name: "Adding a storage class replaces",
        change: (d) => (d.spec.storage.storageClassName = "fast"),
        impact: X,
    },
    {
        name: "Switching storage to pvc API replaces",
        change: (d) => ((d.spec.pvc = d.spec.storage), delete d.spec.storage),
        impact: X,
    },
    {
        name: "Renaming replaces",
        change: (d) => (d.metadata.name = "disk-2"),
        impact: X,
        why: /new, empty disk/,
    },
    {
        name: "Moving namespace replaces",
        change: (d) => (d.metadata.namespace = "other"),
        impact: X,
    },
    {
        name: "A sourceRef to another DataSource replaces",
        base: sourceRef,
        change: (d) => (d.spec.sourceRef.name = "rhel9"),
        impact: X,
    },
    {
        name: "Checkpoints of a vddk import update live",
        base: vddk,
        change: (d) => d.spec.checkpoints.push({ previous: "a", current: "b" }),
        impact: L,
    },
    {
        name: "finalCheckpoint of a vddk import updates live",
        base: vddk,
        change: (d) => (d.spec.finalCheckpoint = true),
        impact: L,
    },
    {
        name: "Checkpoints on an http import replace (CDI accepts them only for multi-stage)",
        change: (d) => (d.spec.checkpoints = [{ previous: "", current: "a" }]),
        impact: X,
    },
    {
        name: "Growth plus a label change is live",
        change: (d) => (
            (d.spec.storage.resources.requests.storage = "11Gi"),
            (d.metadata.labels.x = "y")
        ),
        impact: L,
    },
    {
        name: "Growth plus a source change replaces",
        change: (d) => (
            (d.spec.storage.resources.requests.storage = "11Gi"),
            (d.spec.source.http.url = "https://x")
        ),
        impact: X,
    },
];

function pvcApi(d: Dv): void {
    d.spec.pvc = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } };
    delete d.spec.storage;
}
function sourceRef(d: Dv): void {
    delete d.spec.source;
    d.spec.sourceRef = { kind: "DataSource", name: "fedora", namespace: "os-images" };
}
function vddk(d: Dv): void {
    d.spec.source = {
        vddk: {
            url: "https://vcenter",
            uuid: "u",
            backingFile: "[ds] vm.vmdk",
            thumbprint: "t",
            secretRef: "s",
        },
    };
    d.spec.checkpoints = [{ previous: "", current: "snap-1" }];
}

describe("DataVolume policy", () => {
    for (const c of cases) {
        it(c.name, () => {
            const olds = baseDv();
            c.base?.(olds);
            const news = structuredClone(olds);
            c.change(news);
            const plan = planGeneric(dataVolumeKind, olds, news);
            assert.equal(plan.impact, c.impact, JSON.stringify(plan.reasons));
            if (c.why)
                assert.ok(
                    plan.reasons.some((r) => c.why!.test(r.why)),
                    JSON.stringify(plan.reasons),
                );
        });
    }
});

describe("DataVolume size helpers", () => {
    it("reads the requested size of either claim API", () => {
        assert.equal(requestedSize(baseDv()), "10Gi");
        const p = baseDv();
        pvcApi(p);
        assert.equal(requestedSize(p), "1Gi");
        assert.equal(requestedSize({ spec: {} }), undefined);
    });
    it("sets the size without touching the rest or the input", () => {
        const d = baseDv();
        const out = withRequestedSize(d, "20Gi");
        assert.equal(requestedSize(out), "20Gi");
        assert.equal(requestedSize(d), "10Gi");
        assert.deepEqual(out.spec.source, d.spec.source);
    });
});
