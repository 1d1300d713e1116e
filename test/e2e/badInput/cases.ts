/**
 * The bad-input corpus (issue #12 item 6): inputs a new user could plausibly write that are
 * plainly invalid. Each must fail `pulumi preview` with a message naming the resource and the
 * field, and `pulumi up` must then send no write to the API server. Data only: the e2e test
 * (badInput.test.ts) and the unit test of the corpus (test/unit/validation/badInput.test.ts) run it.
 *
 * Every case is one resource of one SDK type; names are unique so all cases fit into one stack.
 */

export interface BadInputCase {
    /** Resource name in the stack (the Pulumi URN name); the message must name it. */
    name: string;
    /** SDK class, e.g. "VirtualMachine". */
    type: string;
    args: Record<string, unknown>;
    /** The field path the failure must name. */
    field: RegExp;
    /** What the failure must say about it. */
    message: RegExp;
}

type Json = Record<string, any>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A valid VM the cases below break one thing in. */
const goodVm: Json = {
    metadata: { namespace: "default" },
    spec: {
        runStrategy: "Halted",
        template: {
            spec: {
                domain: {
                    cpu: { sockets: 1 },
                    memory: { guest: "1Gi" },
                    devices: {
                        disks: [{ name: "root", disk: { bus: "virtio" } }],
                        interfaces: [{ name: "default", masquerade: {} }],
                    },
                },
                networks: [{ name: "default", pod: {} }],
                volumes: [
                    { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:41" } },
                ],
            },
        },
    },
};

/** The VM with `edit` applied to a copy: `edit` gets the args and the template spec. */
function vm(edit: (args: Json, t: Json) => void): Json {
    const args = clone(goodVm);
    edit(args, args.spec.template.spec);
    return args;
}

const goodDv: Json = {
    metadata: { namespace: "default" },
    spec: { source: { blank: {} }, storage: { resources: { requests: { storage: "1Gi" } } } },
};

function dv(edit: (args: Json, spec: Json) => void): Json {
    const args = clone(goodDv);
    edit(args, args.spec);
    return args;
}

const cni = (o: Json) => JSON.stringify({ cniVersion: "0.3.1", name: "br", ...o });

/** A template with one required parameter, processed inline (no cluster object needed). */
const inlineTemplate = {
    apiVersion: "template.openshift.io/v1",
    kind: "Template",
    metadata: { name: "bad-input-tpl", namespace: "default" },
    parameters: [{ name: "VM_NAME", required: true }],
    objects: [
        {
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: "${VM_NAME}" },
            spec: clone(goodVm.spec),
        },
    ],
};

const long = (n: number) => "a".repeat(n);

export const cases: BadInputCase[] = [
    // --- VirtualMachine: types, quantities, unknown fields, enums
    {
        name: "vm-sockets-string",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.cpu.sockets = "two";
        }),
        field: /spec\.template\.spec\.domain\.cpu\.sockets/,
        message: /must be integer/,
    },
    {
        name: "vm-memory-not-quantity",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.memory.guest = "lots";
        }),
        field: /spec\.template\.spec\.domain\.memory\.guest/,
        message: /quantity/,
    },
    {
        name: "vm-memory-negative",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.memory.guest = "-1Gi";
        }),
        field: /spec\.template\.spec\.domain\.memory\.guest/,
        message: /positive|greater than zero/,
    },
    {
        name: "vm-unknown-field",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.cpuu = { cores: 2 };
        }),
        field: /spec\.template\.spec\.domain\.cpuu/,
        message: /unknown property/,
    },
    {
        name: "vm-bad-run-strategy",
        type: "VirtualMachine",
        args: vm((a) => {
            a.spec.runStrategy = "Sometimes";
        }),
        field: /spec\.runStrategy/,
        message: /allowed values/,
    },
    {
        name: "vm-running-and-run-strategy",
        type: "VirtualMachine",
        args: vm((a) => {
            a.spec.running = true;
        }),
        field: /spec\.running/,
        message: /mutually exclusive/,
    },
    {
        name: "vm-bad-restart-policy",
        type: "VirtualMachine",
        args: vm((a) => {
            a.restartPolicy = "sometimes";
        }),
        field: /restartPolicy/,
        message: /allowed/,
    },
    // --- VirtualMachine: references inside the spec
    {
        name: "vm-interface-without-network",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.devices.interfaces.push({ name: "secondary", bridge: {} });
        }),
        field: /spec\.template\.spec\.domain\.devices\.interfaces\[1\]\.name/,
        message: /no network|not found/,
    },
    {
        name: "vm-network-without-interface",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.networks.push({ name: "extra", pod: {} });
        }),
        field: /spec\.template\.spec\.networks\[1\]\.name/,
        message: /no interface|not found/,
    },
    {
        name: "vm-disk-without-volume",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.devices.disks.push({ name: "data", disk: { bus: "virtio" } });
        }),
        field: /spec\.template\.spec\.domain\.devices\.disks\[1\]\.name/,
        message: /no volume|not found/,
    },
    {
        name: "vm-disk-two-target-types",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.devices.disks[0].cdrom = { bus: "sata" };
        }),
        field: /spec\.template\.spec\.domain\.devices\.disks\[0\]/,
        message: /at most one target type/,
    },
    {
        name: "vm-duplicate-disk",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.devices.disks.push({ name: "root", disk: { bus: "sata" } });
        }),
        field: /spec\.template\.spec\.domain\.devices\.disks\[1\]/,
        message: /duplicate|twice|already/i,
    },
    {
        name: "vm-duplicate-network",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.networks.push({ name: "default", pod: {} });
        }),
        field: /spec\.template\.spec\.networks\[1\]/,
        message: /duplicate|twice|already/i,
    },
    {
        name: "vm-volume-two-sources",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.volumes[0].emptyDisk = { capacity: "1Gi" };
        }),
        field: /spec\.template\.spec\.volumes\[0\]/,
        message: /exactly one|more than one|mutually exclusive/,
    },
    {
        name: "vm-container-disk-no-image",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.volumes[0].containerDisk = {};
        }),
        field: /spec\.template\.spec\.volumes\[0\]\.containerDisk\.image/,
        message: /required/,
    },
    // --- VirtualMachine: references to objects in the cluster
    {
        name: "vm-missing-instancetype",
        type: "VirtualMachine",
        args: vm((a, t) => {
            delete t.domain.cpu;
            delete t.domain.memory;
            a.spec.instancetype = { name: "no-such-instancetype" };
        }),
        field: /spec\.instancetype\.name/,
        message: /does not exist/,
    },
    {
        name: "vm-missing-preference",
        type: "VirtualMachine",
        args: vm((a) => {
            a.spec.preference = { name: "no-such-preference", kind: "VirtualMachinePreference" };
        }),
        field: /spec\.preference\.name/,
        message: /does not exist/,
    },
    {
        name: "vm-missing-nad",
        type: "VirtualMachine",
        args: vm((_, t) => {
            t.domain.devices.interfaces.push({ name: "lan", bridge: {} });
            t.networks.push({ name: "lan", multus: { networkName: "no-such-nad" } });
        }),
        field: /spec\.template\.spec\.networks\[1\]\.multus\.networkName/,
        message: /does not exist/,
    },
    // --- VirtualMachine: names, labels, cloud-init, embedded DataVolumes
    {
        name: "vm-name-not-dns",
        type: "VirtualMachine",
        args: vm((a) => {
            a.metadata.name = "Web_Server";
        }),
        field: /metadata\.name/,
        message: /DNS/,
    },
    {
        name: "vm-name-too-long",
        type: "VirtualMachine",
        args: vm((a) => {
            a.metadata.name = long(254);
        }),
        field: /metadata\.name/,
        message: /at most 253/,
    },
    {
        name: "vm-namespace-not-dns",
        type: "VirtualMachine",
        args: vm((a) => {
            a.metadata.namespace = "My Namespace";
        }),
        field: /metadata\.namespace/,
        message: /DNS/,
    },
    {
        name: "vm-label-value-too-long",
        type: "VirtualMachine",
        args: vm((a) => {
            a.metadata.labels = { app: long(64) };
        }),
        field: /metadata\.labels\.app/,
        message: /label value/,
    },
    {
        name: "vm-cloud-init-not-string",
        type: "VirtualMachine",
        args: vm((a) => {
            a.cloudInit = { userData: { users: ["fedora"] } };
        }),
        field: /cloudInit\.userData/,
        message: /must be a string/,
    },
    {
        name: "vm-cloud-init-unknown-key",
        type: "VirtualMachine",
        args: vm((a) => {
            a.cloudInit = { user_data: "#cloud-config\n" };
        }),
        field: /cloudInit\.user_data/,
        message: /unknown property/,
    },
    {
        name: "vm-dv-template-negative-size",
        type: "VirtualMachine",
        args: vm((a, t) => {
            a.spec.dataVolumeTemplates = [
                {
                    metadata: { name: "vm-dvt-root" },
                    spec: {
                        source: { blank: {} },
                        storage: { resources: { requests: { storage: "-10Gi" } } },
                    },
                },
            ];
            t.volumes[0] = { name: "root", dataVolume: { name: "vm-dvt-root" } };
        }),
        field: /spec\.dataVolumeTemplates\[0\]\.spec\.storage\.resources\.requests\.storage/,
        message: /positive|greater than zero/,
    },
    // --- DataVolume
    {
        name: "dv-negative-size",
        type: "DataVolume",
        args: dv((_, s) => {
            s.storage.resources.requests.storage = "-10Gi";
        }),
        field: /spec\.storage\.resources\.requests\.storage/,
        message: /positive|greater than zero/,
    },
    {
        name: "dv-zero-size",
        type: "DataVolume",
        args: dv((_, s) => {
            s.storage.resources.requests.storage = "0";
        }),
        field: /spec\.storage\.resources\.requests\.storage/,
        message: /positive|greater than zero/,
    },
    {
        name: "dv-size-not-quantity",
        type: "DataVolume",
        args: dv((_, s) => {
            s.storage.resources.requests.storage = "ten gigs";
        }),
        field: /spec\.storage\.resources\.requests\.storage/,
        message: /quantity/,
    },
    {
        name: "dv-bad-http-url",
        type: "DataVolume",
        args: dv((_, s) => {
            s.source = { http: { url: "htp//example.com/disk.img" } };
        }),
        field: /spec\.source\.http\.url/,
        message: /URL/,
    },
    {
        name: "dv-registry-url-no-scheme",
        type: "DataVolume",
        args: dv((_, s) => {
            s.source = { registry: { url: "quay.io/containerdisks/fedora:41" } };
        }),
        field: /spec\.source\.registry\.url/,
        message: /docker:\/\//,
    },
    {
        name: "dv-two-sources",
        type: "DataVolume",
        args: dv((_, s) => {
            s.source = { blank: {}, http: { url: "https://example.com/disk.img" } };
        }),
        field: /spec\.source/,
        message: /exactly one/,
    },
    {
        name: "dv-no-source",
        type: "DataVolume",
        args: dv((_, s) => {
            delete s.source;
        }),
        field: /spec\.source/,
        message: /must be set/,
    },
    {
        name: "dv-pvc-and-storage",
        type: "DataVolume",
        args: dv((_, s) => {
            s.pvc = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } };
        }),
        field: /spec\.pvc/,
        message: /mutually exclusive/,
    },
    {
        name: "dv-requests-not-map",
        type: "DataVolume",
        args: dv((_, s) => {
            s.storage.resources = { requests: "10Gi" };
        }),
        field: /spec\.storage\.resources\.requests/,
        message: /must be object/,
    },
    {
        name: "dv-bad-access-mode",
        type: "DataVolume",
        args: dv((_, s) => {
            s.storage.accessModes = ["ReadWriteSometimes"];
        }),
        field: /spec\.storage\.accessModes\[0\]/,
        message: /allowed values/,
    },
    {
        name: "dv-name-too-long",
        type: "DataVolume",
        args: dv((a) => {
            a.metadata.name = long(254);
        }),
        field: /metadata\.name/,
        message: /at most 253/,
    },
    // --- DataSource
    {
        name: "ds-no-source",
        type: "DataSource",
        args: { metadata: { namespace: "default" }, spec: { source: {} } },
        field: /spec\.source/,
        message: /exactly one/,
    },
    {
        name: "ds-pvc-without-name",
        type: "DataSource",
        args: {
            metadata: { namespace: "default" },
            spec: { source: { pvc: { namespace: "default" } } },
        },
        field: /spec\.source\.pvc\.name/,
        message: /required/,
    },
    // --- NodeNetworkConfigurationPolicy
    {
        name: "nncp-bad-state",
        type: "NodeNetworkConfigurationPolicy",
        args: {
            spec: {
                desiredState: {
                    interfaces: [{ name: "br1", type: "linux-bridge", state: "sideways" }],
                },
            },
        },
        field: /spec\.desiredState\.interfaces\[0\]\.state/,
        message: /allowed/,
    },
    {
        name: "nncp-interface-without-name",
        type: "NodeNetworkConfigurationPolicy",
        args: { spec: { desiredState: { interfaces: [{ type: "linux-bridge", state: "up" }] } } },
        field: /spec\.desiredState\.interfaces\[0\]\.name/,
        message: /needs a 'name'/,
    },
    {
        name: "nncp-name-too-long",
        type: "NodeNetworkConfigurationPolicy",
        args: {
            metadata: { name: long(64) },
            spec: {
                desiredState: { interfaces: [{ name: "br1", type: "linux-bridge", state: "up" }] },
            },
        },
        field: /metadata\.name/,
        message: /at most 63/,
    },
    {
        name: "nncp-bad-node-selector",
        type: "NodeNetworkConfigurationPolicy",
        args: {
            spec: {
                nodeSelector: { "kubernetes.io/hostname": "node 1" },
                desiredState: { interfaces: [{ name: "br1", type: "linux-bridge", state: "up" }] },
            },
        },
        field: /spec\.nodeSelector/,
        message: /label value/,
    },
    // --- NetworkAttachmentDefinition
    {
        name: "nad-malformed-json",
        type: "NetworkAttachmentDefinition",
        args: {
            metadata: { namespace: "default" },
            spec: { config: '{"cniVersion": "0.3.1", "type": "bridge"' },
        },
        field: /spec\.config/,
        message: /not valid JSON/,
    },
    {
        name: "nad-no-plugin-type",
        type: "NetworkAttachmentDefinition",
        args: { metadata: { namespace: "default" }, spec: { config: cni({}) } },
        field: /spec\.config/,
        message: /'type'/,
    },
    {
        name: "nad-no-cni-version",
        type: "NetworkAttachmentDefinition",
        args: {
            metadata: { namespace: "default" },
            spec: { config: JSON.stringify({ name: "br", type: "bridge" }) },
        },
        field: /spec\.config/,
        message: /cniVersion/,
    },
    {
        name: "nad-config-not-string",
        type: "NetworkAttachmentDefinition",
        args: {
            metadata: { namespace: "default" },
            spec: { config: { cniVersion: "0.3.1", type: "bridge" } },
        },
        field: /spec\.config/,
        message: /must be string|JSON string/,
    },
    // --- Template, VirtualMachineTemplate, TemplatedVirtualMachine
    {
        name: "tpl-bad-parameter-name",
        type: "Template",
        args: {
            metadata: { namespace: "default" },
            objects: [],
            parameters: [{ name: "vm-name" }],
        },
        field: /parameters\[0\]\.name/,
        message: /letters, digits/,
    },
    {
        name: "tpl-duplicate-parameter",
        type: "Template",
        args: {
            metadata: { namespace: "default" },
            objects: [],
            parameters: [{ name: "A" }, { name: "A" }],
        },
        field: /parameters\[1\]\.name/,
        message: /twice/,
    },
    {
        name: "vmt-bad-generator",
        type: "VirtualMachineTemplate",
        args: {
            metadata: { namespace: "default" },
            spec: {
                parameters: [{ name: "PASSWORD", generate: "random" }],
                virtualMachine: { spec: clone(goodVm.spec) },
            },
        },
        field: /spec\.parameters\[0\]\.generate/,
        message: /"expression"|expression/,
    },
    {
        name: "tvm-missing-required-parameter",
        type: "TemplatedVirtualMachine",
        args: { metadata: { namespace: "default" }, template: inlineTemplate },
        field: /parameters/,
        message: /VM_NAME is required/,
    },
    {
        name: "tvm-unknown-parameter",
        type: "TemplatedVirtualMachine",
        args: {
            metadata: { namespace: "default" },
            template: inlineTemplate,
            parameters: { VM_NAME: "tvm-ok", VM_NAEM: "typo" },
        },
        field: /parameters/,
        message: /VM_NAEM/,
    },
    {
        name: "tvm-parameter-not-scalar",
        type: "TemplatedVirtualMachine",
        args: {
            metadata: { namespace: "default" },
            template: inlineTemplate,
            parameters: { VM_NAME: { name: "x" } },
        },
        field: /parameters\.VM_NAME/,
        message: /must be a string/,
    },
    // --- Instancetypes and preferences
    {
        name: "it-cpu-string",
        type: "VirtualMachineClusterInstancetype",
        args: { spec: { cpu: { guest: "two" }, memory: { guest: "1Gi" } } },
        field: /spec\.cpu\.guest/,
        message: /must be integer/,
    },
    {
        name: "it-memory-not-quantity",
        type: "VirtualMachineInstancetype",
        args: {
            metadata: { namespace: "default" },
            spec: { cpu: { guest: 1 }, memory: { guest: "1 GB" } },
        },
        field: /spec\.memory\.guest/,
        message: /quantity/,
    },
    {
        name: "it-no-memory",
        type: "VirtualMachineInstancetype",
        args: { metadata: { namespace: "default" }, spec: { cpu: { guest: 1 } } },
        field: /spec\.memory/,
        message: /required/,
    },
    {
        name: "pref-unknown-field",
        type: "VirtualMachinePreference",
        args: {
            metadata: { namespace: "default" },
            spec: { cpuu: { preferredCPUTopology: "cores" } },
        },
        field: /spec\.cpuu/,
        message: /unknown property/,
    },
    // --- Snapshots, restores, clones
    {
        name: "snap-no-source",
        type: "VirtualMachineSnapshot",
        args: { metadata: { namespace: "default" }, spec: {} },
        field: /spec\.source/,
        message: /required/,
    },
    {
        name: "snap-source-not-vm",
        type: "VirtualMachineSnapshot",
        args: {
            metadata: { namespace: "default" },
            spec: { source: { apiGroup: "apps", kind: "Deployment", name: "web" } },
        },
        field: /spec\.source\.kind/,
        message: /VirtualMachine/,
    },
    {
        name: "restore-no-target",
        type: "VirtualMachineRestore",
        args: {
            metadata: { namespace: "default" },
            spec: { virtualMachineSnapshotName: "snap-1" },
        },
        field: /spec\.target/,
        message: /required/,
    },
    {
        name: "clone-source-not-vm",
        type: "VirtualMachineClone",
        args: {
            metadata: { namespace: "default" },
            spec: { source: { apiGroup: "apps", kind: "Deployment", name: "web" } },
        },
        field: /spec\.source\.kind/,
        message: /VirtualMachine/,
    },
];
