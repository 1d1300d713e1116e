/**
 * KubeVirt's feature gate list is an atomic list (`x-kubernetes-list-type: atomic`): server-side
 * apply gives one manager the whole list, so applying only "our" gates would drop everyone
 * else's, and releasing the list would delete it. This resource therefore owns gates one by one
 * by bookkeeping: it applies the cluster's list plus the declared gates, remembers which gates it
 * added, and on release hands the list minus those back to another manager. Pure.
 */

/** The whole list to apply, and the gates this resource has added to the cluster's. */
export interface GatePlan {
    list: string[];
    added: string[];
}

/**
 * Going to `declared` from a cluster list `live`, where this resource had added `previouslyAdded`:
 * gates it added and no longer declares go; gates others set stay, declared or not.
 */
export function nextGates(
    live: readonly string[],
    declared: readonly string[],
    previouslyAdded: readonly string[],
): GatePlan {
    const dropped = new Set(previouslyAdded.filter((g) => !declared.includes(g)));
    const kept = live.filter((g) => !dropped.has(g));
    const list = [...kept, ...declared.filter((g) => !kept.includes(g))];
    const added = [
        ...previouslyAdded.filter((g) => declared.includes(g)),
        ...declared.filter((g) => !live.includes(g) && !previouslyAdded.includes(g)),
    ];
    return { list, added: [...new Set(added)] };
}

/** The list once this resource lets go: what the cluster has, less what this resource added. */
export function releasedGates(live: readonly string[], added: readonly string[]): string[] {
    return live.filter((g) => !added.includes(g));
}
