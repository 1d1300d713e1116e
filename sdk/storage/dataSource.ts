import * as pulumi from "@pulumi/pulumi";
import { KubevirtResource, type CommonArgs } from "../resource";
import type { DataSourceSpec } from "../types/dataSource";
import type { DeepInput } from "./deepInput";

/** Inputs of a {@link DataSource}. */
export interface DataSourceArgs extends CommonArgs {
    /** `source`: exactly one of `pvc`, `snapshot` or `dataSource` (each `{namespace, name}`). */
    spec: pulumi.Input<DeepInput<DataSourceSpec>>;
}

/** The DataSource's status as last observed. */
export interface DataSourceStatusOutput {
    /** Condition Ready is True: DataVolumes can clone from it. */
    ready: boolean;
    /** What it resolved to, e.g. "pvc os-images/fedora-41". */
    source: string;
}

/**
 * A CDI DataSource: a named boot source (golden image) that VMs clone through
 * `dataVolumeTemplates[].spec.sourceRef: {kind: DataSource, name, namespace}`.
 *
 * What a change does: labels/annotations update in place; pointing `spec.source` elsewhere is
 * applied live: VMs created later clone the new source, existing DataVolumes keep their data.
 * A new name or namespace replaces it. Create/update wait for condition Ready.
 */
export class DataSource extends KubevirtResource {
    declare public readonly spec: pulumi.Output<DataSourceSpec>;
    /** Readiness and resolved source. */
    declare public readonly status: pulumi.Output<DataSourceStatusOutput>;

    constructor(name: string, args: DataSourceArgs, opts?: pulumi.CustomResourceOptions) {
        super("DataSource", name, args, ["status"], opts);
    }
}
