/**
 * VM check() failures decided before any cluster access: cloud-init must be text under known keys.
 */
import assert from "node:assert/strict";
import { checkVm } from "../../../../provider/resources/virtualMachine/check";
import { unknownValue } from "../../../../provider/kindProvider";

const spec = {
    runStrategy: "Halted",
    template: {
        spec: {
            domain: { devices: { disks: [{ name: "root", disk: {} }] } },
            volumes: [{ name: "root", containerDisk: { image: "x" } }],
        },
    },
};

const cases: { name: string; cloudInit: unknown; want?: { property: string; reason: RegExp } }[] = [
    {
        name: "a non-string userData",
        cloudInit: { userData: { users: ["fedora"] } },
        want: {
            property: "cloudInit.userData",
            reason: /must be a string \(the cloud-init document.*got object/,
        },
    },
    {
        name: "a list as networkData",
        cloudInit: { networkData: [] },
        want: { property: "cloudInit.networkData", reason: /got array/ },
    },
    {
        name: "a misspelt key",
        cloudInit: { user_data: "#cloud-config\n" },
        want: {
            property: "cloudInit.user_data",
            reason: /unknown property 'user_data' in 'cloudInit'; allowed: userData, networkData/,
        },
    },
    {
        name: "a string instead of the object",
        cloudInit: "#cloud-config\n",
        want: { property: "cloudInit", reason: /must be an object/ },
    },
];

describe("VirtualMachine check: cloud-init", () => {
    for (const c of cases) {
        it(`${c.name} fails`, async () => {
            const r = await checkVm(
                {},
                { metadata: { name: "vm1", namespace: "apps" }, spec, cloudInit: c.cloudInit },
            );
            assert.equal(r.failures?.length, 1, JSON.stringify(r.failures));
            assert.equal(r.failures![0]!.property, c.want!.property);
            assert.match(r.failures![0]!.reason, c.want!.reason);
        });
    }
    it("an unknown value at preview is not judged", async () => {
        const r = await checkVm(
            {},
            {
                metadata: { name: "vm1", namespace: "apps" },
                spec: { ...spec, runStrategy: "Halted", template: unknownValue },
                cloudInit: { userData: unknownValue },
            },
        );
        assert.deepEqual(r.failures, []);
    });
});
