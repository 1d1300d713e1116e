/** pulumi-kubevirt: KubeVirt / OpenShift Virtualization resources with truthful plans. */
export { VirtualMachine, type VirtualMachineArgs } from "./virtualMachine";
export type {
    ObjectMetaArgs,
    PlannedImpactOutput,
    VmStatusOutput,
    VmiOutput,
    LastUpdateOutput,
    EvictionOutput,
} from "./common";
export {
    NetworkAttachmentDefinition,
    type NetworkAttachmentDefinitionArgs,
} from "./networkAttachmentDefinition";
export { KubevirtResource, type CommonArgs } from "./resource";
export * from "./storage";
export * from "./templates";
export * from "./networking";
export { MigrationPolicy, type MigrationPolicyArgs } from "./migration/migrationPolicy";
export {
    VirtualMachinePool,
    type VirtualMachinePoolArgs,
    type VirtualMachinePoolStatusOutput,
    type PoolPlannedImpactOutput,
} from "./compute/virtualMachinePool";
export { KubeVirtConfiguration, type KubeVirtConfigurationArgs } from "./kubevirtConfiguration";
