/** SDK classes and functions of the storage area. */
export { DataVolume, type DataVolumeArgs, type DataVolumeStatusOutput } from "./storage/dataVolume";
export { DataSource, type DataSourceArgs, type DataSourceStatusOutput } from "./storage/dataSource";
export {
    VirtualMachineSnapshot,
    type VirtualMachineSnapshotArgs,
    VirtualMachineRestore,
    type VirtualMachineRestoreArgs,
    VirtualMachineClone,
    type VirtualMachineCloneArgs,
} from "./storage/snapshot";
export {
    getStorageProfile,
    type StorageProfileInfo,
    type StorageProfileLookupOptions,
} from "./storage/storageProfile";
export type { DeepInput } from "./storage/deepInput";
