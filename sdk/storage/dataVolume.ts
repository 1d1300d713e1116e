import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { DataVolumeSpec } from "../types/dataVolume";
import type { DeepInput } from "./deepInput";

/** Inputs of a {@link DataVolume}. */
export interface DataVolumeArgs extends CommonArgs {
    /**
     * The upstream cdi.kubevirt.io/v1beta1 DataVolume spec: one `source` (http, s3, gcs, registry,
     * pvc, snapshot, upload, blank, imageio, vddk) or a `sourceRef` to a DataSource, and one of
     * `storage` (recommended: the StorageProfile fills in access and volume modes, so a size and
     * optionally a class are enough) or `pvc` (a raw claim spec).
     */
    spec: pulumi.Input<DeepInput<DataVolumeSpec>>;
}

/** The DataVolume's status as last observed. */
export interface DataVolumeStatusOutput {
    /** CDI phase: Succeeded, WaitForFirstConsumer, PendingPopulation, UploadReady, ImportInProgress… */
    phase: string;
    /** Transfer progress, e.g. "100.0%". */
    progress: string;
    /** The PVC holding the data. */
    claimName: string;
    /** How often the importer pod restarted. */
    restartCount: number;
}

/**
 * A CDI DataVolume: a PVC populated by an import, clone, upload or nothing (blank).
 *
 * What a change does (CDI rejects spec updates):
 * - labels/annotations: updated in place;
 * - a larger `storage`/`pvc` `resources.requests.storage`: the PVC is expanded in place (its
 *   StorageClass must allow volume expansion, else the preview fails); the DV object keeps its
 *   original size; filesystem overhead CDI added at creation is not re-added;
 * - checkpoints of a multi-stage vddk/imageio import: updated in place;
 * - ANY other spec change, a smaller size, or a new name/namespace: REPLACES the DataVolume,
 *   which deletes its PVC and the data on it. The preview says so.
 *
 * Waits: done at Succeeded, and also at WaitForFirstConsumer / PendingPopulation (a VM can use it
 * and must exist for it to proceed) and at UploadReady for upload sources; Failed fails with the
 * importer's reason and recent events. The annotation
 * `cdi.kubevirt.io/storage.deleteAfterCompletion: "false"` is added so CDI versions with garbage
 * collection keep the DV; a DV collected anyway while its PVC remains still counts as present.
 */
export class DataVolume extends KubevirtResource {
    declare public readonly spec: pulumi.Output<DataVolumeSpec>;
    /** Phase, progress, claim name and importer restarts. */
    declare public readonly status: pulumi.Output<DataVolumeStatusOutput>;

    constructor(name: string, args: DataVolumeArgs, opts?: pulumi.CustomResourceOptions) {
        super("DataVolume", name, args, ["status"], opts);
    }
}
