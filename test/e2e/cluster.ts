/** Starts (or reuses) the local cluster for e2e tests; stopped by the root hook. */
import { startCluster as start, stopCluster } from "../../bed/cluster";
import type { ClusterState } from "../../bed/processes";

export type ClusterStateLike = ClusterState;

let started: Promise<ClusterState> | undefined;

export function startCluster(): Promise<ClusterState> {
    started ??= start({ sim: true });
    return started;
}

export async function stopIfStarted(): Promise<void> {
    if (started && !process.env.PULUMI_KUBEVIRT_KEEP_BED) await stopCluster();
}
