import assert from "node:assert/strict";
import type { KubeClient, ObjectRef } from "../../../../provider/k8s/client";
import {
    missingNadNotes,
    missingNetworkNotes,
    nadRefsOf,
} from "../../../../provider/resources/networkAttachmentDefinition/lookup";

const vm = (networks: unknown[], namespace = "vms") => ({
    metadata: { namespace },
    spec: { template: { spec: { networks } } },
});

describe("NetworkAttachmentDefinition references from VMs", () => {
    it("resolves bare names in the VM's namespace and ns/name as written, skipping the pod network", () =>
        assert.deepEqual(
            nadRefsOf(
                vm([
                    { name: "default", pod: {} },
                    { name: "a", multus: { networkName: "vlan10" } },
                    { name: "b", multus: { networkName: "default/shared" } },
                ]),
            ),
            [
                { network: "a", networkName: "vlan10", namespace: "vms", name: "vlan10" },
                {
                    network: "b",
                    networkName: "default/shared",
                    namespace: "default",
                    name: "shared",
                },
            ],
        ));

    describe("missingNadNotes", () => {
        const refs = (names: string[]) =>
            nadRefsOf(vm(names.map((n, i) => ({ name: `n${i}`, multus: { networkName: n } }))));
        const cases: { name: string; names: string[]; existing: string[]; want: RegExp[] }[] = [
            {
                name: "an existing NAD in the VM's namespace is fine",
                names: ["vlan10"],
                existing: ["vms/vlan10"],
                want: [],
            },
            {
                name: "an existing NAD in default is fine",
                names: ["default/shared"],
                existing: ["default/shared"],
                want: [],
            },
            {
                name: "a missing NAD is reported",
                names: ["vlan10"],
                existing: [],
                want: [
                    /network 'n0': NetworkAttachmentDefinition vms\/vlan10 does not exist; the VM will not start/,
                ],
            },
            {
                name: "a bare name that only exists in default gets a hint",
                names: ["shared"],
                existing: ["default/shared"],
                want: [/reference it as "default\/shared"/],
            },
            {
                name: "another namespace is flagged under namespace isolation",
                names: ["other/net"],
                existing: ["other/net"],
                want: [/in another namespace; .* only 'vms' and 'default'/],
            },
        ];
        for (const c of cases) {
            it(c.name, () => {
                const notes = missingNadNotes(refs(c.names), "vms", new Set(c.existing));
                assert.equal(notes.length, c.want.length, JSON.stringify(notes));
                c.want.forEach((re, i) => assert.match(notes[i] ?? "", re));
            });
        }
    });

    it("missingNetworkNotes looks the NADs up through the client", async () => {
        const existing = new Set(["vms/vlan10"]);
        const client = {
            get: async (r: ObjectRef) =>
                existing.has(`${r.namespace}/${r.name}`) ? { metadata: {} } : undefined,
        } as unknown as KubeClient;
        const notes = await missingNetworkNotes(
            client,
            vm([
                { name: "a", multus: { networkName: "vlan10" } },
                { name: "b", multus: { networkName: "vlan20" } },
            ]),
        );
        assert.equal(notes.length, 1);
        assert.match(notes[0] ?? "", /vms\/vlan20 does not exist/);
    });

    it("missingNetworkNotes stays silent when the cluster cannot be read", async () => {
        const client = {
            get: async () => {
                throw new Error("down");
            },
        } as unknown as KubeClient;
        assert.deepEqual(
            await missingNetworkNotes(client, vm([{ name: "a", multus: { networkName: "x" } }])),
            [],
        );
    });
});
