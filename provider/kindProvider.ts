/**
 * The internal per-kind provider interface. Every kind implements it over plain objects, so the
 * same code can later sit behind a multi-language gRPC provider without a rewrite.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { KubeClient } from "./k8s/client";
import { newKubeClient } from "./k8s/kubeClient";
import { providerConfig, type ProviderConfig } from "./config";
import { cancelSignal } from "./await/cancel";

/** Inputs and outputs as the engine hands them over: untyped JSON each kind reads by its own shape. */
export type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KindProvider {
    check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Props): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
    update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Props): Promise<void>;
}

/** What a kind's operations get: the cluster client, config, and a way to tell the user things. */
export interface OpContext {
    client: KubeClient;
    config: ProviderConfig;
    /** A progress or status line; shown in the CLI output of the run. */
    say(message: string): void;
}

let cached: { key: string; client: KubeClient } | undefined;

/** The context for one operation on `subject` (e.g. "VirtualMachine default/vm-1"). */
export function opContext(subject: string): OpContext {
    const config = providerConfig();
    return {
        // Made on first use: a step that sends no request (a no-change preview) loads no client.
        get client() {
            return clientFor(config);
        },
        config,
        say: (m) => process.stderr.write(`[kubevirt] ${subject}: ${m}\n`),
    };
}

/** One client per kubeconfig and context, shared by every operation of the process. */
function clientFor(config: ProviderConfig): KubeClient {
    const key = `${config.kubeconfig ?? ""}|${config.context ?? ""}`;
    if (!cached || cached.key !== key)
        cached = {
            key,
            client: newKubeClient(
                { kubeconfig: config.kubeconfig, context: config.context },
                cancelSignal(),
            ),
        };
    return cached.client;
}

/** Pulumi's placeholder for values not known during preview. */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `v` is, or contains, a value unknown at preview time. */
export function containsUnknown(v: unknown): boolean {
    if (v === unknownValue) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/**
 * An error the dynamic-provider host records as a partial failure: the object exists, so the
 * engine keeps it in state (with these outputs) and the next `up` updates instead of orphaning it.
 */
export class PartialFailure extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Props,
        readonly reasons: string[] = [message],
    ) {
        super(message);
    }
}

/**
 * A JSON-clean copy: the engine's protobuf Struct conversion rejects `undefined` values
 * ("Unexpected struct type"), so outputs drop them.
 */
export function plain<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}
