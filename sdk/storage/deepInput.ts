import type * as pulumi from "@pulumi/pulumi";

/**
 * `T` with every nested value allowed to be a Pulumi input, so a spec can hold outputs deep
 * inside (e.g. `spec.source.pvc.name: dv.metadata.name`); the engine resolves them before the
 * provider sees the object.
 */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? pulumi.Input<DeepInput<U>>[]
      : { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };
