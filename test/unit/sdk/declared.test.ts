import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { namedRefs } from "../../../sdk/declared";

describe("sdk: objects a VM spec names with plain strings", () => {
    const cases: { name: string; spec: unknown; want: [string[], string][] }[] = [
        { name: "nothing", spec: { runStrategy: "Always" }, want: [] },
        {
            name: "an instancetype without kind may be either kind",
            spec: { instancetype: { name: "small" } },
            want: [[["VirtualMachineClusterInstancetype", "VirtualMachineInstancetype"], "small"]],
        },
        {
            name: "a preference with kind",
            spec: { preference: { kind: "VirtualMachinePreference", name: "p" } },
            want: [[["VirtualMachinePreference"], "p"]],
        },
        {
            name: "NADs, namespace stripped",
            spec: {
                template: {
                    spec: {
                        networks: [
                            { name: "d", pod: {} },
                            { name: "v", multus: { networkName: "default/vlan" } },
                        ],
                    },
                },
            },
            want: [[["NetworkAttachmentDefinition"], "vlan"]],
        },
        {
            name: "an Output spec names nothing here",
            spec: pulumi.output({ instancetype: { name: "small" } }),
            want: [],
        },
    ];
    for (const c of cases) it(c.name, () => assert.deepEqual(namedRefs(c.spec), c.want));
});
