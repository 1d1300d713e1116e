import assert from "node:assert/strict";
import type { KubeClient, KubeObject, ObjectRef } from "../../../../provider/k8s/client";
import {
    expandedTemplateSpecs,
    matcherRef,
} from "../../../../provider/resources/instancetype/expand";
import { classifyVmUpdate } from "../../../../provider/resources/virtualMachine/policy";
import { defaultClusterFacts, type Impact } from "../../../../provider/diff/types";

const api = "instancetype.kubevirt.io/v1beta1";
const key = (r: ObjectRef) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

/** A read-only fake: only `get` is used by the expansion. */
function fakeClient(objects: KubeObject[]): KubeClient {
    const byKey = new Map(
        objects.map((o) => [
            key({
                apiVersion: o.apiVersion,
                kind: o.kind,
                name: o.metadata.name as string,
                namespace: o.metadata.namespace,
            }),
            o,
        ]),
    );
    return { get: async (ref: ObjectRef) => byKey.get(key(ref)) } as unknown as KubeClient;
}

const it_ = (kind: string, name: string, spec: any, namespace?: string): KubeObject => ({
    apiVersion: api,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec,
});
const cluster = [
    it_("VirtualMachineClusterInstancetype", "u1.small", {
        cpu: { guest: 1 },
        memory: { guest: "2Gi" },
    }),
    it_("VirtualMachineClusterInstancetype", "u1.medium", {
        cpu: { guest: 2 },
        memory: { guest: "4Gi" },
    }),
    it_("VirtualMachineClusterInstancetype", "cx1.medium", {
        cpu: { guest: 2, dedicatedCPUPlacement: true },
        memory: { guest: "4Gi" },
    }),
    it_(
        "VirtualMachineInstancetype",
        "u1.small",
        { cpu: { guest: 3 }, memory: { guest: "3Gi" } },
        "team",
    ),
    it_("VirtualMachineClusterPreference", "fedora", { devices: { preferredDiskBus: "virtio" } }),
    it_("VirtualMachineClusterPreference", "windows", {
        devices: { preferredDiskBus: "sata" },
        clock: { preferredTimer: { hpet: { present: false } } },
    }),
    {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: { name: "vm-1-u1.small-rev", namespace: "team" },
        data: { spec: { cpu: { guest: 1 }, memory: { guest: "1Gi" } } },
    },
];

const vm = (instancetype?: any, preference?: any): any => ({
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "vm-1", namespace: "team" },
    spec: {
        runStrategy: "Always",
        ...(instancetype ? { instancetype } : {}),
        ...(preference ? { preference } : {}),
        template: {
            spec: {
                domain: { devices: { disks: [{ name: "root", disk: {} }] } },
                volumes: [{ name: "root", containerDisk: { image: "x" } }],
            },
        },
    },
});

describe("instancetype: matcher references", () => {
    const cases: { name: string; matcher: any; expect: string | undefined }[] = [
        {
            name: "an empty kind means the cluster kind",
            matcher: { name: "a" },
            expect: "VirtualMachineClusterInstancetype//a",
        },
        {
            name: "VirtualMachineInstancetype is namespaced",
            matcher: { name: "a", kind: "VirtualMachineInstancetype" },
            expect: "VirtualMachineInstancetype/ns/a",
        },
        {
            name: "kinds match case-insensitively, plural too",
            matcher: { name: "a", kind: "virtualmachineinstancetypes" },
            expect: "VirtualMachineInstancetype/ns/a",
        },
        {
            name: "no name means no reference",
            matcher: { kind: "VirtualMachineInstancetype" },
            expect: undefined,
        },
    ];
    for (const c of cases)
        it(c.name, () => {
            const r = matcherRef("instancetype", c.matcher, "ns");
            assert.equal(r ? key(r) : undefined, c.expect);
        });
});

describe("instancetype: expanded specs drive the VM plan", () => {
    const running = { running: true, maxSockets: 8, maxGuest: "16Gi", migratable: true };
    async function plan(
        oldVm: any,
        newVm: any,
    ): Promise<{ impact: Impact; paths: string[] } | undefined> {
        const expanded = await expandedTemplateSpecs(fakeClient(cluster), oldVm, newVm);
        if (!expanded) return undefined;
        const p = classifyVmUpdate(oldVm, newVm, running, defaultClusterFacts, expanded);
        return { impact: p.impact, paths: p.reasons.map((r) => r.path) };
    }

    it("u1.small → u1.medium only grows sockets and memory: live migration", async () => {
        const p = await plan(vm({ name: "u1.small" }), vm({ name: "u1.medium" }));
        assert.equal(p?.impact, "liveMigrate");
        assert.ok(p?.paths.includes("spec.template.spec.domain.cpu.sockets"));
        assert.ok(p?.paths.includes("spec.template.spec.domain.memory.guest"));
    });

    it("u1.small → cx1.medium adds dedicated CPUs: restart", async () => {
        assert.equal(
            (await plan(vm({ name: "u1.small" }), vm({ name: "cx1.medium" })))?.impact,
            "restart",
        );
    });

    it("a preference swap that changes a default the VM relies on restarts", async () => {
        assert.equal(
            (
                await plan(
                    vm({ name: "u1.small" }, { name: "fedora" }),
                    vm({ name: "u1.small" }, { name: "windows" }),
                )
            )?.impact,
            "restart",
        );
    });

    it("the old side uses the ControllerRevision the VM pinned, not the edited object", async () => {
        const old = vm({
            name: "u1.small",
            kind: "VirtualMachineInstancetype",
            revisionName: "vm-1-u1.small-rev",
        });
        const e = await expandedTemplateSpecs(fakeClient(cluster), old, vm({ name: "u1.medium" }));
        assert.equal((e?.old as any).domain.memory.guest, "1Gi");
        assert.equal((e?.new as any).domain.memory.guest, "4Gi");
    });

    it("an unchanged reference keeps the pinned copy on both sides (object edits do not reach the VM)", async () => {
        const old = vm({
            name: "u1.small",
            kind: "VirtualMachineInstancetype",
            revisionName: "vm-1-u1.small-rev",
        });
        const e = await expandedTemplateSpecs(fakeClient(cluster), old, structuredClone(old));
        assert.deepEqual(e?.old, e?.new);
    });

    it("the namespaced kind is looked up in the VM's namespace", async () => {
        const e = await expandedTemplateSpecs(
            fakeClient(cluster),
            vm({ name: "u1.small", kind: "VirtualMachineInstancetype" }),
            vm({ name: "u1.small" }),
        );
        assert.equal((e?.old as any).domain.cpu.sockets, 3);
        assert.equal((e?.new as any).domain.cpu.sockets, 1);
    });

    it("is undefined when neither side references an instancetype or preference", async () => {
        assert.equal(await expandedTemplateSpecs(fakeClient(cluster), vm(), vm()), undefined);
    });

    it("is undefined when a referenced object does not exist (yet)", async () => {
        assert.equal(
            await expandedTemplateSpecs(
                fakeClient(cluster),
                vm({ name: "u1.small" }),
                vm({ name: "u1.huge" }),
            ),
            undefined,
        );
    });
});
