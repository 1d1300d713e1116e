/** SDK classes and functions of the networking area. */
export {
    NodeNetworkConfigurationPolicy,
    type NodeNetworkConfigurationPolicyArgs,
    type NodeNetworkConfigurationPolicySpecArgs,
    type NodeNetworkConfigurationPolicyStatus,
} from "./network/nodeNetworkConfigurationPolicy";
export { resourceNameAnnotation } from "./networkAttachmentDefinition";
export * as nmstate from "./network/nmstate";
export * as cni from "./network/cni";
export {
    getNodeNetworkState,
    listNodeNetworkStates,
    summarizeNodeNetworkState,
    type NodeInterface,
    type NodeNetworkStateSummary,
    type ClusterOptions,
} from "./network/nodeNetworkState";
