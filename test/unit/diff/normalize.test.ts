import assert from "node:assert/strict";
import { normalizeVm, pruneToShape } from "../../../provider/diff/normalize";
import { diffValues, getAt, parsePath } from "../../../provider/diff/paths";

type Vm = Record<string, any>;

/** What a user declares. */
function desiredVm(): Vm {
    return {
        apiVersion: "kubevirt.io/v1",
        kind: "VirtualMachine",
        metadata: { name: "vm-1", namespace: "default", labels: { app: "web" } },
        spec: {
            runStrategy: "Always",
            instancetype: { name: "u1.medium" },
            dataVolumeTemplates: [
                {
                    metadata: { name: "root" },
                    spec: { storage: { resources: { requests: { storage: "30720Mi" } } } },
                },
            ],
            template: {
                spec: {
                    domain: {
                        memory: { guest: "2048Mi" },
                        devices: {
                            disks: [{ name: "root", disk: { bus: "virtio" } }],
                            interfaces: [{ name: "default", masquerade: {} }],
                        },
                    },
                    networks: [{ name: "default", pod: {} }],
                    volumes: [{ name: "root", dataVolume: { name: "root" } }],
                },
            },
        },
    };
}

/** The same VM as the server returns it after webhooks, controllers and kubemacpool (docs/semantics.md#server-side-writes). */
function liveVm(): Vm {
    const vm = desiredVm();
    vm.metadata = {
        ...vm.metadata,
        uid: "1234",
        resourceVersion: "99",
        generation: 3,
        creationTimestamp: "2025-01-01T00:00:00Z",
        finalizers: ["kubevirt.io/virtualMachineControllerFinalize"],
        managedFields: [{ manager: "pulumi" }],
        annotations: {
            "kubevirt.io/latest-observed-api-version": "v1",
            "kubevirt.io/storage-observed-api-version": "v1",
            "kubemacpool.io/transaction-timestamp": "2025-01-01T00:00:00.1Z",
        },
    };
    vm.spec.instancetype.revisionName = "vm-1-u1.medium-abc-1";
    vm.spec.dataVolumeTemplates[0].metadata.creationTimestamp = null;
    vm.spec.dataVolumeTemplates[0].spec.storage.resources.requests.storage = "30Gi";
    const t = vm.spec.template;
    t.metadata = {
        creationTimestamp: null,
        annotations: { "kubevirt.io/pci-topology-version": "v3" },
    };
    t.spec.architecture = "amd64";
    t.spec.domain.memory.guest = "2Gi";
    t.spec.domain.machine = { type: "q35" };
    t.spec.domain.firmware = { uuid: "5d307ca9-b3ef-428c-8861-06e72d69f223", serial: "abc" };
    t.spec.domain.resources = {};
    t.spec.domain.devices.interfaces[0].macAddress = "02:00:00:00:00:01";
    vm.status = { printableStatus: "Running", ready: true };
    return vm;
}

describe("normalizeVm", () => {
    const cases: { name: string; input: () => Vm; path: string; want: unknown }[] = [
        { name: "Status is dropped", input: liveVm, path: "status", want: undefined },
        {
            name: "Server metadata fields are dropped",
            input: liveVm,
            path: "metadata.uid",
            want: undefined,
        },
        {
            name: "Finalizers are dropped",
            input: liveVm,
            path: "metadata.finalizers",
            want: undefined,
        },
        {
            name: "Server annotations are dropped, leaving no empty map",
            input: liveVm,
            path: "metadata.annotations",
            want: undefined,
        },
        {
            name: "An empty domain.resources {} is dropped",
            input: liveVm,
            path: "spec.template.spec.domain.resources",
            want: undefined,
        },
        {
            name: "creationTimestamp: null is dropped from template metadata",
            input: liveVm,
            path: "spec.template.metadata.creationTimestamp",
            want: undefined,
        },
        {
            name: "creationTimestamp: null is dropped from dataVolumeTemplates metadata",
            input: liveVm,
            path: "spec.dataVolumeTemplates[root].metadata",
            want: { name: "root" },
        },
        {
            name: "memory.guest 2048Mi is canonicalized to 2Gi",
            input: desiredVm,
            path: "spec.template.spec.domain.memory.guest",
            want: "2Gi",
        },
        {
            name: "DataVolume storage 30720Mi is canonicalized to 30Gi",
            input: desiredVm,
            path: "spec.dataVolumeTemplates[root].spec.storage.resources.requests.storage",
            want: "30Gi",
        },
        {
            name: "Meaningful empty markers like masquerade: {} are kept",
            input: desiredVm,
            path: "spec.template.spec.domain.devices.interfaces[default].masquerade",
            want: {},
        },
        {
            name: "User annotations are kept",
            input: () => ({
                ...desiredVm(),
                metadata: {
                    name: "vm-1",
                    annotations: { team: "a", "kubevirt.io/latest-observed-api-version": "v1" },
                },
            }),
            path: "metadata.annotations",
            want: { team: "a" },
        },
        {
            name: "An empty devices {} is dropped",
            input: () => ({
                spec: { template: { spec: { domain: { devices: {}, cpu: { cores: 1 } } } } },
            }),
            path: "spec.template.spec.domain",
            want: { cpu: { cores: 1 } },
        },
        {
            name: "Empty lists mean absent",
            input: () => ({
                spec: { dataVolumeTemplates: [], template: { spec: { tolerations: [] } } },
            }),
            path: "spec",
            want: { template: { spec: {} } },
        },
    ];
    for (const c of cases)
        it(c.name, () =>
            assert.deepEqual(getAt(normalizeVm(c.input()), parsePath(c.path)), c.want),
        );

    it("The input object is not modified", () => {
        const vm = liveVm();
        normalizeVm(vm);
        assert.deepEqual(vm, liveVm());
    });
});

describe("pruneToShape", () => {
    const pruned = () => pruneToShape(normalizeVm(liveVm()), normalizeVm(desiredVm()));
    const ignored: { name: string; path: string }[] = [
        {
            name: "machine.type set by the webhook is ignored",
            path: "spec.template.spec.domain.machine",
        },
        {
            name: "firmware.uuid and serial set on create are ignored",
            path: "spec.template.spec.domain.firmware",
        },
        {
            name: "architecture set by the webhook is ignored",
            path: "spec.template.spec.architecture",
        },
        {
            name: "MAC addresses written by kubemacpool are ignored",
            path: "spec.template.spec.domain.devices.interfaces[default].macAddress",
        },
        {
            name: "The pci-topology-version template annotation is ignored",
            path: "spec.template.metadata",
        },
        {
            name: "An instancetype revisionName written by the controller is ignored",
            path: "spec.instancetype.revisionName",
        },
    ];
    for (const c of ignored)
        it(c.name, () => assert.equal(getAt(pruned(), parsePath(c.path)), undefined));

    it("A live VM read back from the server shows no diff against the desired VM", () => {
        assert.deepEqual(diffValues(normalizeVm(desiredVm()), pruned()), []);
    });

    const kept: { name: string; live: unknown; desired: unknown; want: unknown }[] = [
        {
            name: "A user-set field changed on the server still differs",
            live: { a: { b: 2, extra: 1 } },
            desired: { a: { b: 1 } },
            want: { a: { b: 2 } },
        },
        {
            name: "Keyed elements are matched by name whatever their order",
            live: {
                disks: [
                    { name: "b", bus: "sata", x: 1 },
                    { name: "a", bus: "virtio", x: 1 },
                ],
            },
            desired: {
                disks: [
                    { name: "a", bus: "virtio" },
                    { name: "b", bus: "sata" },
                ],
            },
            want: {
                disks: [
                    { name: "b", bus: "sata" },
                    { name: "a", bus: "virtio" },
                ],
            },
        },
        {
            name: "A live-only keyed element (e.g. an imperatively hot-plugged volume) is kept as drift",
            live: {
                volumes: [{ name: "a" }, { name: "hp", persistentVolumeClaim: { claimName: "x" } }],
            },
            desired: { volumes: [{ name: "a" }] },
            want: {
                volumes: [{ name: "a" }, { name: "hp", persistentVolumeClaim: { claimName: "x" } }],
            },
        },
        {
            name: "Unkeyed lists of equal length are pruned element-wise",
            live: { tolerations: [{ key: "a", operator: "Exists", extra: 1 }] },
            desired: { tolerations: [{ key: "a", operator: "Exists" }] },
            want: { tolerations: [{ key: "a", operator: "Exists" }] },
        },
        {
            name: "A field missing on the server stays missing",
            live: { a: 1 },
            desired: { a: 1, b: 2 },
            want: { a: 1 },
        },
    ];
    for (const c of kept)
        it(c.name, () => assert.deepEqual(pruneToShape(c.live, c.desired), c.want));
});
