/**
 * Provider configuration, from stack config (`pulumi config set kubevirt:<key>`) with environment
 * fallbacks, mirroring @pulumi/kubernetes: kubeconfig (path or content), context, namespace.
 * Plus the cluster facts the classifier needs when the KubeVirt CR cannot be read.
 */
import type { ClusterFacts } from "./diff/types";

export interface ProviderConfig {
    kubeconfig?: string;
    context?: string;
    /** Namespace for resources that do not set one. */
    namespace: string;
    /** Overrides for what is read from the KubeVirt CR. */
    facts: Partial<ClusterFacts>;
    /** Default restart policy for VMs that do not set one. */
    restartPolicy?: string;
}

/** The keys read from stack config, all under the `kubevirt:` namespace. */
export const configKeys = [
    "kubeconfig",
    "context",
    "namespace",
    "rolloutStrategy",
    "kubevirtVersion",
    "restartPolicy",
] as const;

type Getter = (key: string) => string | undefined;

/** Build the config from a stack-config getter (keys without namespace) and the environment. */
export function readProviderConfig(
    get: Getter,
    env: NodeJS.ProcessEnv = process.env,
): ProviderConfig {
    const facts: Partial<ClusterFacts> = {};
    const rollout = get("rolloutStrategy");
    if (rollout === "LiveUpdate" || rollout === "Stage") facts.rolloutStrategy = rollout;
    const version = get("kubevirtVersion");
    const minor = version ? /^v?1\.(\d+)/.exec(version)?.[1] : undefined;
    if (minor) facts.kubevirtMinor = Number(minor);
    return {
        kubeconfig: get("kubeconfig") ?? env.KUBECONFIG,
        context: get("context"),
        namespace: get("namespace") ?? "default",
        restartPolicy: get("restartPolicy"),
        facts,
    };
}

let current: ProviderConfig = readProviderConfig(() => undefined);

/** Called by the dynamic provider's configure(); the config applies to every later call in the process. */
export function setProviderConfig(cfg: ProviderConfig): void {
    current = cfg;
}

export function providerConfig(): ProviderConfig {
    return current;
}
