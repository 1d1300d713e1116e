import assert from "node:assert/strict";
import { appliedByUs } from "../../../../provider/resources/generic/objects";
import {
    cloudInitSecret,
    declaredVm,
    vmToApply,
    withoutProviderParts,
} from "../../../../provider/resources/virtualMachine/desired";
import {
    factsFromKubeVirt,
    runtimeOf,
} from "../../../../provider/resources/virtualMachine/runtime";
import type { KubeObject } from "../../../../provider/k8s/client";

const inputs = (extra: Record<string, unknown> = {}) => ({
    metadata: { name: "vm-1", namespace: "ns" },
    spec: {
        runStrategy: "Always",
        template: {
            spec: {
                domain: { devices: { disks: [{ name: "root", disk: {} }] } },
                volumes: [{ name: "root", containerDisk: { image: "x" } }],
            },
        },
    },
    ...extra,
});

describe("VM desired state", () => {
    it("Cloud-init data goes to a Secret, never into the VM spec", () => {
        const i = inputs({ cloudInit: { userData: "#cloud-config\npassword: hunter2" } });
        const vm = vmToApply(i);
        assert.doesNotMatch(JSON.stringify(vm), /hunter2/);
        const vol = (vm.spec as any).template.spec.volumes.find(
            (v: any) => v.name === "cloudinitdisk",
        );
        assert.deepEqual(vol.cloudInitNoCloud, { secretRef: { name: "vm-1-cloudinit" } });
        assert.equal(
            cloudInitSecret(i)?.stringData && (cloudInitSecret(i)!.stringData as any).userdata,
            "#cloud-config\npassword: hunter2",
        );
    });

    it("Network data is referenced through networkDataSecretRef", () => {
        const vm = vmToApply(inputs({ cloudInit: { networkData: "version: 2" } }));
        const vol = (vm.spec as any).template.spec.volumes.find(
            (v: any) => v.name === "cloudinitdisk",
        );
        assert.deepEqual(vol.cloudInitNoCloud, {
            networkDataSecretRef: { name: "vm-1-cloudinit" },
        });
    });

    it("Without cloud-init nothing is added and no Secret is made", () => {
        assert.deepEqual(vmToApply(inputs()), declaredVm(inputs()));
        assert.equal(cloudInitSecret(inputs()), undefined);
    });

    it("The provider's cloud-init volume and disk are not reported back as drift", () => {
        const i = inputs({ cloudInit: { userData: "x" } });
        const live = vmToApply(i).spec as Record<string, any>;
        const back = withoutProviderParts(live, i);
        assert.deepEqual(back, i.spec);
    });

    it("Only objects last applied by this provider count as ours", () => {
        const mk = (manager: string): KubeObject => ({
            apiVersion: "v1",
            kind: "X",
            metadata: { managedFields: [{ manager, operation: "Apply" }] },
        });
        assert.equal(appliedByUs(mk("pulumi-kubevirt")), true);
        assert.equal(appliedByUs(mk("kubectl")), false);
    });
});

describe("Cluster facts and VM runtime", () => {
    const kv = (spec: Record<string, unknown>, version: string): KubeObject => ({
        apiVersion: "kubevirt.io/v1",
        kind: "KubeVirt",
        metadata: {},
        spec,
        status: { observedKubeVirtVersion: version },
    });
    const cases = [
        {
            name: "KubeVirt 1.9 with no rollout setting defaults to LiveUpdate",
            kv: kv({}, "v1.9.0"),
            want: { kubevirtMinor: 9, rolloutStrategy: "LiveUpdate" },
        },
        {
            name: "KubeVirt 1.5 with no rollout setting defaults to Stage",
            kv: kv({}, "v1.5.2"),
            want: { kubevirtMinor: 5, rolloutStrategy: "Stage" },
        },
        {
            name: "An explicit Stage wins over the version default",
            kv: kv({ configuration: { vmRolloutStrategy: "Stage" } }, "v1.9.0"),
            want: { kubevirtMinor: 9, rolloutStrategy: "Stage" },
        },
        {
            name: "workloadUpdateMethods without LiveMigrate means no automatic migrations",
            kv: kv({ workloadUpdateStrategy: { workloadUpdateMethods: ["Evict"] } }, "v1.9.0"),
            want: { kubevirtMinor: 9, rolloutStrategy: "LiveUpdate", liveMigrateUpdates: false },
        },
        {
            name: "The legacy HotplugVolumes gate turns declarative hotplug off",
            kv: kv(
                { configuration: { developerConfiguration: { featureGates: ["HotplugVolumes"] } } },
                "v1.9.0",
            ),
            want: { kubevirtMinor: 9, rolloutStrategy: "LiveUpdate", declarativeHotplug: false },
        },
    ];
    for (const c of cases) it(c.name, () => assert.deepEqual(factsFromKubeVirt(c.kv), c.want));

    it("A VM without a VMI is not running", () =>
        assert.deepEqual(runtimeOf({}), { running: false }));
    it("A final VMI is not running", () => {
        const vmi: KubeObject = {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            metadata: {},
            status: { phase: "Succeeded" },
        };
        assert.equal(runtimeOf({ vmi }).running, false);
    });
    it("A running VMI's hotplug limits and migratability are read", () => {
        const vmi: KubeObject = {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            metadata: {},
            spec: { domain: { cpu: { maxSockets: 8 }, memory: { maxGuest: "8Gi" } } },
            status: { phase: "Running", conditions: [{ type: "LiveMigratable", status: "False" }] },
        };
        assert.deepEqual(runtimeOf({ vmi }), {
            running: true,
            maxSockets: 8,
            maxGuest: "8Gi",
            migratable: false,
            architecture: undefined,
            restartRequired: false,
        });
    });
});
