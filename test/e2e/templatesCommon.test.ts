/**
 * All 173 KubeVirt common templates (v0.34.1) applied as Template resources in one stack through
 * the real pulumi CLI, into `openshift` as SSP does, then re-previewed with no changes. Times are
 * printed so the cost of a large stack of templates stays visible.
 */
import assert from "node:assert/strict";
import { changesIn, TestStack, type ResourceDecl } from "./harness";
import { commonTemplates } from "../unit/templates/helpers";

const ns = "openshift";

async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
    const start = Date.now();
    const r = await f();
    console.log(`      ${what}: ${((Date.now() - start) / 1000).toFixed(1)}s`);
    return r;
}

describe("All 173 common templates as Template resources", function () {
    this.timeout(900_000);
    let s: TestStack;
    const templates = commonTemplates();

    before(async () => {
        s = await TestStack.create("e2e-templates-common");
        const existing = await s.kube.get({ apiVersion: "v1", kind: "Namespace", name: ns });
        if (!existing)
            await s.kube.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    });
    after(async () => {
        if (s) await timed("destroy", () => s.destroy());
    });

    it("applies every common template and re-previews with no changes", async () => {
        assert.equal(templates.length, 173);
        const decls: ResourceDecl[] = templates.map((t) => ({
            type: "Template",
            name: `common-${t.metadata.name}`,
            args: {
                metadata: { ...t.metadata, namespace: ns },
                objects: t.objects,
                parameters: t.parameters,
            },
        }));
        s.declare(decls);
        await timed("up (173 creates)", () => s.up());
        const stored = await s.kube.list("template.openshift.io/v1", "Template", ns);
        assert.equal(
            stored.filter((t) => t.metadata.labels?.["template.kubevirt.io/version"] === "v0.34.1")
                .length,
            173,
        );
        const p = await timed("second preview", () => s.previewJson());
        assert.deepEqual(
            changesIn(p),
            {},
            `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
        );
        assert.equal(p.changeSummary.same, 173 + 1, "173 templates and the stack");
    });

    it("a VM can be made from one of them by reference (rhel9-server-small, as in `oc process openshift//…`)", async () => {
        const decls: ResourceDecl[] = templates.map((t) => ({
            type: "Template",
            name: `common-${t.metadata.name}`,
            args: {
                metadata: { ...t.metadata, namespace: ns },
                objects: t.objects,
                parameters: t.parameters,
            },
        }));
        decls.push({
            type: "TemplatedVirtualMachine",
            name: "from-rhel9",
            args: {
                template: { name: "rhel9-server-small", namespace: ns },
                parameters: { NAME: "e2e-rhel9-small" },
                metadata: { namespace: "default" },
            },
        });
        s.declare(decls);
        await timed("up (1 VM from a common template)", () => s.up());
        const vm = await s.kube.get({
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            name: "e2e-rhel9-small",
            namespace: "default",
        });
        assert.equal(vm?.metadata.labels?.["vm.kubevirt.io/template"], "rhel9-server-small");
        assert.equal((vm?.spec as { runStrategy?: string })?.runStrategy, "Halted");
        const p = await timed("second preview", () => s.previewJson());
        assert.deepEqual(
            changesIn(p),
            {},
            `second preview must show no changes: ${JSON.stringify(p.changeSummary)}`,
        );
    });
});
