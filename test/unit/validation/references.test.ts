import assert from "node:assert/strict";
import type { KubeClient, ObjectRef } from "../../../provider/k8s/client";
import {
    clusterRefsOf,
    missingRefFailures,
    newRefs,
    refKey,
} from "../../../provider/validation/references";
import {
    declaredObjects,
    missingRefs,
    noteDeclared,
    resetLookups,
} from "../../../provider/validation/lookup";
import { UNKNOWN } from "../../../provider/validation/types";

type Json = Record<string, any>;

const vm = (spec: Json, namespace: unknown = "apps"): Json => ({
    metadata: { name: "vm1", namespace },
    spec,
});
const nets = (...networkNames: unknown[]) => ({
    template: {
        spec: {
            networks: [
                { name: "default", pod: {} },
                ...networkNames.map((n, i) => ({ name: `n${i}`, multus: { networkName: n } })),
            ],
        },
    },
});

describe("validation: references from a VM to cluster objects", () => {
    const refCases: { name: string; vm: Json; want: string[] }[] = [
        { name: "no references", vm: vm(nets()), want: [] },
        {
            name: "instancetype defaults to the cluster kind",
            vm: vm({ instancetype: { name: "u1.small" } }),
            want: ["spec.instancetype.name VirtualMachineClusterInstancetype//u1.small"],
        },
        {
            name: "a namespaced preference resolves in the VM's namespace",
            vm: vm({ preference: { kind: "VirtualMachinePreference", name: "p" } }),
            want: ["spec.preference.name VirtualMachinePreference/apps/p"],
        },
        {
            name: "lower-case plural kind",
            vm: vm({ instancetype: { kind: "virtualmachineinstancetypes", name: "i" } }),
            want: ["spec.instancetype.name VirtualMachineInstancetype/apps/i"],
        },
        {
            name: "inferFromVolume names no object",
            vm: vm({ instancetype: { inferFromVolume: "root" } }),
            want: [],
        },
        {
            name: "an unknown kind is left to the schema",
            vm: vm({ instancetype: { kind: "Other", name: "i" } }),
            want: [],
        },
        {
            name: "unknown names are skipped",
            vm: vm({ instancetype: { name: UNKNOWN }, ...nets(UNKNOWN) }),
            want: [],
        },
        {
            name: "unknown namespace skips everything",
            vm: vm({ instancetype: { name: "i" } }, UNKNOWN),
            want: [],
        },
        {
            name: "NADs: bare name in the VM's namespace, ns/name elsewhere",
            vm: vm(nets("vlan10", "default/vlan20")),
            want: [
                "spec.template.spec.networks[1].multus.networkName NetworkAttachmentDefinition/apps/vlan10",
                "spec.template.spec.networks[2].multus.networkName NetworkAttachmentDefinition/default/vlan20",
            ],
        },
    ];
    for (const c of refCases) {
        it(c.name, () =>
            assert.deepEqual(
                clusterRefsOf(c.vm).map((r) => `${r.field} ${refKey(r.ref)}`),
                c.want,
            ),
        );
    }

    it("only references a change adds are judged", () => {
        const olds = vm({ instancetype: { name: "a" }, ...nets("x") });
        assert.deepEqual(newRefs(olds, olds), []);
        assert.deepEqual(
            newRefs(vm({ instancetype: { name: "b" }, ...nets("x") }), olds).map((r) => r.field),
            ["spec.instancetype.name"],
        );
        assert.equal(newRefs(olds, undefined).length, 2);
    });

    it("a missing reference fails unless the stack declares it; NADs get the 'default/' hint", () => {
        const refs = clusterRefsOf(vm({ instancetype: { name: "i" }, ...nets("vlan10") }));
        const missing = new Set(refs.map((r) => refKey(r.ref)));
        const failures = missingRefFailures(refs, missing, new Set());
        assert.deepEqual(
            failures.map((f) => f.property),
            ["spec.instancetype.name", "spec.template.spec.networks[1].multus.networkName"],
        );
        assert.match(
            failures[0]!.reason,
            /refers to VirtualMachineClusterInstancetype i, which does not exist in the cluster/,
        );
        assert.match(failures[1]!.reason, /write "default\/vlan10"/);
        assert.deepEqual(missingRefFailures(refs, missing, new Set(missing)), []);
        assert.deepEqual(missingRefFailures(refs, new Set(), new Set()), []);
    });

    it("the cluster is asked once per object; errors mean 'cannot tell'; declarations are remembered", async () => {
        resetLookups();
        const asked: string[] = [];
        const client = {
            get: async (r: ObjectRef) => {
                asked.push(r.name);
                if (r.name === "down") throw new Error("connection refused");
                return r.name === "there" ? { metadata: {} } : undefined;
            },
        } as unknown as KubeClient;
        const refs = clusterRefsOf(vm(nets("there", "gone", "down")));
        const first = await missingRefs(() => client, refs);
        const second = await missingRefs(() => client, refs);
        assert.deepEqual([...first], ["NetworkAttachmentDefinition/apps/gone"]);
        assert.deepEqual([...second], [...first]);
        assert.deepEqual(asked.sort(), ["down", "gone", "there"]);
        noteDeclared({
            apiVersion: "k8s.cni.cncf.io/v1",
            kind: "NetworkAttachmentDefinition",
            namespace: "apps",
            name: "gone",
        });
        assert.ok(declaredObjects().has("NetworkAttachmentDefinition/apps/gone"));
        resetLookups();
    });
});
