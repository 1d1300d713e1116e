/**
 * Every upstream VirtualMachine example (KubeVirt, CDI, the user guide's processed template)
 * applies through the pulumi CLI and re-previews with no changes: server defaults, controller
 * writes and quantity spellings must never show as diffs.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { changesIn, TestStack, type ResourceDecl } from "./harness";
import { startCluster } from "./cluster";
import { examplesDir } from "../unit/validation/helpers";
import type { KubeObject } from "../../provider/k8s/client";

const examples = [
    "kubevirt/vm-cirros.yaml",
    "kubevirt/vm-alpine-datavolume.yaml",
    "kubevirt/vm-cirros-csmall.yaml",
    "cdi/vm-dv.yaml",
    "user-guide/processed-template-rhel8-server-tiny-list.yaml",
];

/** Every VirtualMachine in a file, unwrapping `List`s. */
function vmsIn(file: string): KubeObject[] {
    const docs = parseAllDocuments(fs.readFileSync(path.join(examplesDir(), file), "utf8")).map(
        (d) => d.toJS() as KubeObject,
    );
    return docs
        .flatMap((d) => (d?.kind === "List" ? (d.items as KubeObject[]) : [d]))
        .filter((d) => d?.kind === "VirtualMachine");
}

describe("Upstream VirtualMachine examples through the pulumi CLI", function () {
    this.timeout(600_000);
    let s: TestStack;
    before(async () => {
        s = await TestStack.create("e2e-vm-examples");
        // vm-cirros-csmall refers to the namespaced instancetype from the same upstream folder.
        const csmall = parseAllDocuments(
            fs.readFileSync(path.join(examplesDir(), "kubevirt", "csmall.yaml"), "utf8"),
        )[0].toJS() as KubeObject;
        await s.kube.apply(
            { ...csmall, metadata: { ...csmall.metadata, namespace: "default" } },
            { force: true, fieldManager: "e2e-setup" },
        );
    });
    after(async () => {
        if (s) await s.destroy();
    });

    const all = (): ResourceDecl[] =>
        examples.flatMap(vmsIn).map((vm) => ({
            type: "VirtualMachine",
            name: vm.metadata.name as string,
            args: {
                metadata: { ...vm.metadata, namespace: "default" },
                spec: vm.spec,
                timeouts: { create: 300 },
            },
        }));

    it("real KubeVirt refuses vm-cirros-csmall as published: memory.guest conflicts with its instancetype", async function () {
        if ((await startCluster()).kubevirt !== "real") this.skip();
        s.declare(all().filter((d) => d.name === "vm-cirros-csmall"));
        const r = await s.pulumi(["preview"]);
        assert.notEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /vm-cirros-csmall.*spec\.template\.spec\.domain\.memory\.guest.*conflicts with selected instance type/s,
        );
    });

    it("applies every example and a second preview shows no changes", async () => {
        // With real KubeVirt, vm-cirros-csmall is refused by virt-api (previous case).
        const real = (await startCluster()).kubevirt === "real";
        const decls = all().filter((d) => !(real && d.name === "vm-cirros-csmall"));
        assert.ok(decls.length >= 4, `found ${decls.length} VMs`);
        s.declare(decls);
        await s.up();
        for (const d of decls) {
            assert.ok(
                await s.kube.get({
                    apiVersion: "kubevirt.io/v1",
                    kind: "VirtualMachine",
                    name: d.name,
                    namespace: "default",
                }),
                `${d.name} exists`,
            );
        }
        const p = await s.previewJson();
        assert.deepEqual(
            changesIn(p),
            {},
            JSON.stringify(
                p.steps.filter((x) => x.op !== "same").map((x) => [x.op, x.urn, x.diffReasons]),
            ),
        );
    });
});
