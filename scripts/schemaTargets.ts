/**
 * Which kinds genSchema.ts derives a schema for, from which CRD and version: data only, so adding
 * a kind is one row here.
 */
export interface Target {
    kind: string;
    version: string;
    /** Path under `upstream/crds/`, or under the repo root when `local`. */
    crd: string;
    local?: boolean;
}

export const STAND_IN = "test-bed stand-in for openshift/api template/v1 @ 2a3d73913b5a";

const KV = "kubevirt/";
export const TARGETS: Target[] = [
    { kind: "VirtualMachine", version: "v1", crd: KV + "kubevirt.io_virtualmachines.yaml" },
    // KubeVirtConfiguration patches these two operator CRs: its fields are validated by their schemas.
    { kind: "KubeVirt", version: "v1", crd: KV + "kubevirt.io_kubevirts.yaml" },
    { kind: "HyperConverged", version: "v1beta1", crd: "hco/hco.kubevirt.io_hyperconvergeds.yaml" },
    {
        kind: "VirtualMachineInstanceMigration",
        version: "v1",
        crd: KV + "kubevirt.io_virtualmachineinstancemigrations.yaml",
    },
    {
        kind: "VirtualMachineInstancetype",
        version: "v1beta1",
        crd: KV + "instancetype.kubevirt.io_virtualmachineinstancetypes.yaml",
    },
    {
        kind: "VirtualMachineClusterInstancetype",
        version: "v1beta1",
        crd: KV + "instancetype.kubevirt.io_virtualmachineclusterinstancetypes.yaml",
    },
    {
        kind: "VirtualMachinePreference",
        version: "v1beta1",
        crd: KV + "instancetype.kubevirt.io_virtualmachinepreferences.yaml",
    },
    {
        kind: "VirtualMachineClusterPreference",
        version: "v1beta1",
        crd: KV + "instancetype.kubevirt.io_virtualmachineclusterpreferences.yaml",
    },
    {
        kind: "VirtualMachineSnapshot",
        version: "v1beta1",
        crd: KV + "snapshot.kubevirt.io_virtualmachinesnapshots.yaml",
    },
    {
        kind: "VirtualMachineRestore",
        version: "v1beta1",
        crd: KV + "snapshot.kubevirt.io_virtualmachinerestores.yaml",
    },
    {
        kind: "VirtualMachineClone",
        version: "v1beta1",
        crd: KV + "clone.kubevirt.io_virtualmachineclones.yaml",
    },
    {
        kind: "MigrationPolicy",
        version: "v1alpha1",
        crd: KV + "migrations.kubevirt.io_migrationpolicies.yaml",
    },
    {
        kind: "VirtualMachinePool",
        version: "v1beta1",
        crd: KV + "pool.kubevirt.io_virtualmachinepools.yaml",
    },
    { kind: "DataVolume", version: "v1beta1", crd: "cdi/cdi.kubevirt.io_datavolumes.yaml" },
    { kind: "DataSource", version: "v1beta1", crd: "cdi/cdi.kubevirt.io_datasources.yaml" },
    { kind: "StorageProfile", version: "v1beta1", crd: "cdi/cdi.kubevirt.io_storageprofiles.yaml" },
    {
        kind: "NodeNetworkConfigurationPolicy",
        version: "v1",
        crd: "nmstate/nmstate.io_nodenetworkconfigurationpolicies.yaml",
    },
    {
        kind: "NodeNetworkState",
        version: "v1beta1",
        crd: "nmstate/nmstate.io_nodenetworkstates.yaml",
    },
    // The multus-cni copy, not the nad-client one: same schema, but it carries descriptions.
    {
        kind: "NetworkAttachmentDefinition",
        version: "v1",
        crd: "multus/k8s.cni.cncf.io_network-attachment-definitions.yaml",
    },
    {
        kind: "VirtualMachineTemplate",
        version: "v1beta1",
        crd: "virt-template/template.kubevirt.io_virtualmachinetemplates.yaml",
    },
    {
        kind: "Template",
        version: "v1",
        crd: "bed/crds/template.openshift.io_templates.yaml",
        local: true,
    },
];
