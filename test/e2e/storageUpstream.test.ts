/**
 * Every upstream CDI example (test/fixtures/upstream/examples/cdi) applied through the real pulumi CLI,
 * followed by a preview that must show no changes:
 * - each DataVolume reaches its ready phase (UploadReady for the upload source);
 * - clone-datavolume.yaml has `storage:` null, which the CDI webhook rejects; the preview must
 *   fail on it naming the field, and the example is then applied with that input fixed
 *   (`storage: {}`, size inferred from the source) next to a source PVC it can clone;
 * - doc-datavolume-sourceref-datasource.yaml clones from a DataSource `fedora` in golden-images,
 *   which the test publishes from a blank DataVolume;
 * - vm-dv.yaml (a VM with a dataVolumeTemplate) goes through the VirtualMachine kind;
 * - doc-dataimportcron-fedora.yaml is skipped: DataImportCron is not a kind this provider manages.
 */
import assert from "node:assert/strict";
import { until } from "./faultsFixtures";
import * as path from "path";
import { changesIn, TestStack, type ResourceDecl } from "./harness";
import { exampleFiles, loadYaml, type Manifest } from "../unit/validation/helpers";

const dvApi = "cdi.kubevirt.io/v1beta1";
const label = (file: string) => path.basename(file);
const docs = exampleFiles("cdi", /\.yaml$/).flatMap((f) =>
    loadYaml(f).map((doc) => ({ file: label(f), doc })),
);
const dataVolumes = docs.filter((d) => d.doc.kind === "DataVolume");

function asDecl(doc: Manifest): ResourceDecl {
    const { name, namespace, labels, annotations } = doc.metadata;
    const metadata = {
        name,
        namespace: namespace ?? "default",
        ...(labels ? { labels } : {}),
        ...(annotations ? { annotations } : {}),
    };
    const type = doc.kind === "VirtualMachine" ? "VirtualMachine" : doc.kind;
    return { type, name: `${metadata.namespace}-${name}`, args: { metadata, spec: doc.spec } };
}

/** What the examples rely on existing: a clone source in source-ns and the golden-images DataSource. */
const support: ResourceDecl[] = [
    {
        type: "DataVolume",
        name: "source-ns-source-datavolume",
        args: {
            metadata: { name: "source-datavolume", namespace: "source-ns" },
            spec: {
                source: { blank: {} },
                storage: { resources: { requests: { storage: "500Mi" } } },
            },
        },
    },
    {
        type: "DataVolume",
        name: "golden-images-fedora-src",
        args: {
            metadata: { name: "fedora-src", namespace: "golden-images" },
            spec: {
                source: { blank: {} },
                storage: { resources: { requests: { storage: "5Gi" } } },
            },
        },
    },
    {
        type: "DataSource",
        name: "golden-images-fedora",
        args: {
            metadata: { name: "fedora", namespace: "golden-images" },
            spec: { source: { pvc: { namespace: "golden-images", name: "fedora-src" } } },
        },
    },
];

describe("Upstream CDI examples through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;

    before(async () => {
        s = await TestStack.create("e2e-storage-upstream");
        for (const name of ["golden-images", "source-ns"]) {
            await s.kube
                .create({ apiVersion: "v1", kind: "Namespace", metadata: { name } })
                .catch(() => undefined);
        }
    });
    after(async () => {
        if (s) await s.destroy();
    });

    it("finds the examples: 6 DataVolumes, 1 VM, 1 DataImportCron", () => {
        assert.equal(dataVolumes.length, 6);
        assert.equal(docs.filter((d) => d.doc.kind === "VirtualMachine").length, 1);
        assert.equal(docs.filter((d) => d.doc.kind === "DataImportCron").length, 1);
    });

    it("clone-datavolume.yaml as published (storage: null) fails the preview, naming the field", async () => {
        const clone = dataVolumes.find((d) => d.file === "clone-datavolume.yaml")!;
        s.declare([...support, asDecl(clone.doc)]);
        const r = await s.pulumi(["preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /cloned-datavolume[\s\S]*one of 'spec\.storage' or 'spec\.pvc' must be set/,
        );
    });

    it("applies every example (clone fixed), each reaches its ready phase, and a second preview shows no changes", async () => {
        const decls = docs
            .filter((d) => d.doc.kind !== "DataImportCron")
            .map(({ file, doc }) =>
                file === "clone-datavolume.yaml"
                    ? asDecl({ ...doc, spec: { ...doc.spec, storage: {} } })
                    : asDecl(doc),
            );
        s.declare([...support, ...decls]);
        await s.up();
        for (const { file, doc } of dataVolumes) {
            const live = await s.kube.get({
                apiVersion: dvApi,
                kind: "DataVolume",
                namespace: doc.metadata.namespace ?? "default",
                name: doc.metadata.name,
            });
            const want = doc.spec.source?.upload ? "UploadReady" : "Succeeded";
            assert.equal((live?.status as any)?.phase, want, file);
        }
        // The VM is stopped (running: false), so nothing in `up` waits for its dataVolumeTemplate:
        // KubeVirt creates the DataVolume and CDI imports it on its own time.
        await until("vm-dv.yaml's dataVolumeTemplate to be Succeeded", async () => {
            const vmDv = await s.kube.get({
                apiVersion: dvApi,
                kind: "DataVolume",
                namespace: "default",
                name: "cirros-dv",
            });
            return (vmDv?.status as any)?.phase === "Succeeded";
        });
        const p = await s.previewJson();
        assert.deepEqual(
            changesIn(p),
            {},
            `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
        );
    });
});
