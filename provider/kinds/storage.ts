/** Kinds of the storage area, registered into the provider's dispatch table (provider/index.ts). */
import type { KindProvider } from "../kind";
import { makeKindProvider } from "../resources/generic/provider";
import { dataVolumeProvider } from "../resources/dataVolume/provider";
import { dataSourceKind } from "../resources/dataSource/kind";
import { virtualMachineCloneKind, virtualMachineRestoreKind, virtualMachineSnapshotKind } from "../resources/snapshot/kinds";

export const storageKinds: Record<string, KindProvider> = {
    DataVolume: dataVolumeProvider,
    DataSource: makeKindProvider(dataSourceKind),
    VirtualMachineSnapshot: makeKindProvider(virtualMachineSnapshotKind),
    VirtualMachineRestore: makeKindProvider(virtualMachineRestoreKind),
    VirtualMachineClone: makeKindProvider(virtualMachineCloneKind),
};
