/**
 * The narrow Kubernetes client every other module uses. Only `kubeClient.ts` (its implementation)
 * touches `@kubernetes/client-node`; everything above this interface works on plain objects, so
 * the sim, the provider and the tests share one way of talking to the API server.
 */

/** A Kubernetes object as plain JSON. */
export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: ObjectMeta;
    [key: string]: unknown;
}

export interface ObjectMeta {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    finalizers?: string[];
    [key: string]: unknown;
}

export interface OwnerReference {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
}

/** Identifies one object: its type plus name (and namespace for namespaced kinds). */
export interface ObjectRef {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchEvent {
    type: WatchEventType;
    object: KubeObject;
}

export interface ListOptions {
    labelSelector?: string;
    fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
    /** Start after this resourceVersion; omit to get synthetic ADDED events for what exists. */
    resourceVersion?: string;
    /** Server-side timeout for one watch stream; the caller re-watches when it ends. */
    timeoutSeconds?: number;
}

export interface DeleteOptions {
    propagationPolicy?: "Foreground" | "Background" | "Orphan";
    gracePeriodSeconds?: number;
}

export interface ApplyOptions {
    /** Take ownership of fields other managers set (conflicts otherwise fail with 409). */
    force?: boolean;
    fieldManager?: string;
    dryRun?: boolean;
}

/** The field manager the provider applies with, so ownership is stable across runs. */
export const providerFieldManager = "pulumi-kubevirt";

export interface KubeClient {
    /** The object, or undefined when it does not exist. */
    get(ref: ObjectRef): Promise<KubeObject | undefined>;
    list(
        apiVersion: string,
        kind: string,
        namespace?: string,
        opts?: ListOptions,
    ): Promise<KubeObject[]>;
    create(
        obj: KubeObject,
        opts?: { dryRun?: boolean; fieldManager?: string },
    ): Promise<KubeObject>;
    /** Server-side apply of the whole object under one field manager. */
    apply(obj: KubeObject, opts?: ApplyOptions): Promise<KubeObject>;
    /** JSON merge patch of the object or one of its subresources (e.g. "status"). */
    mergePatch(
        ref: ObjectRef,
        patch: unknown,
        subresource?: string,
        fieldManager?: string,
    ): Promise<KubeObject>;
    /**
     * PUT the whole object (or a subresource such as "status"), guarded by its resourceVersion.
     * Unlike a merge patch it can store explicit nulls, which KubeVirt's own JSON-patch tests
     * compare against.
     */
    replace(obj: KubeObject, subresource?: string): Promise<KubeObject>;
    /** True when something was deleted, false when it was already gone. */
    delete(ref: ObjectRef, opts?: DeleteOptions): Promise<boolean>;
    /** Call a KubeVirt-style subresource API (e.g. restart) with PUT. */
    putSubresourceApi(
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown>;
    /** Call an aggregated subresource API with POST (e.g. virt-template's `process`). */
    postSubresourceApi(
        group: string,
        version: string,
        ref: ObjectRef,
        plural: string,
        sub: string,
        body: unknown,
    ): Promise<unknown>;
    /**
     * Stream watch events until the server ends the stream, the signal aborts, or `onEvent`
     * returns "stop". Resolves with the last resourceVersion seen (to resume from).
     */
    watch(
        apiVersion: string,
        kind: string,
        namespace: string | undefined,
        opts: WatchOptions,
        onEvent: (ev: WatchEvent) => void | "stop",
        signal?: AbortSignal,
    ): Promise<string | undefined>;
    /** Whether the API server serves this kind (its CRD is installed and established). */
    serves(apiVersion: string, kind: string): Promise<boolean>;
}
