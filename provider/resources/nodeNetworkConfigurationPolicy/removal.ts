/**
 * What deleting a policy removes from the nodes (docs/semantics.md#nodenetworkconfigurationpolicy "Deletion"): nmstate leaves the host
 * configuration in place when a policy is deleted, so a policy's interfaces are removed by first
 * applying them with `state: absent`, waiting until that is Available, and only then deleting.
 *
 * `removeOnDelete` chooses the interfaces:
 * - `true` (default): those the policy creates (bonds, bridges, VLANs, OVS objects, ...); a
 *   physical NIC is never "created", and marking it absent would only drop its settings.
 * - `false`: none (upstream behaviour: the config stays on the nodes).
 * - a list of names: exactly those, e.g. to also reset an ethernet's config.
 * Removing an interface does not restore its former ports' IPs (docs/semantics.md#nodenetworkconfigurationpolicy): say so in the plan.
 * Pure.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The `removeOnDelete` input. */
export type RemoveOnDelete = boolean | string[] | undefined;

/** Interface types that only exist because a policy created them. */
export const createdTypes: readonly string[] = [
    "bond",
    "linux-bridge",
    "vlan",
    "vxlan",
    "ovs-bridge",
    "ovs-interface",
    "mac-vlan",
    "mac-vtap",
    "veth",
    "dummy",
    "vrf",
    "team",
    "hsr",
    "macsec",
    "ipvlan",
    "xfrm",
];

/** One interface to remove. */
export interface RemovalTarget {
    name: string;
    type?: string;
}

/** The interfaces a desiredState declares (not already absent), in order. */
export function declaredInterfaces(desiredState: Json | undefined): RemovalTarget[] {
    const list: Json[] = Array.isArray(desiredState?.interfaces) ? desiredState.interfaces : [];
    return list
        .filter((i) => i && typeof i.name === "string" && i.state !== "absent")
        .map((i) =>
            typeof i.type === "string" ? { name: i.name, type: i.type } : { name: i.name },
        );
}

/** The interfaces deleting the policy will remove. */
export function removalTargets(
    desiredState: Json | undefined,
    removeOnDelete: RemoveOnDelete,
): RemovalTarget[] {
    const declared = declaredInterfaces(desiredState);
    if (removeOnDelete === false) return [];
    if (Array.isArray(removeOnDelete))
        return declared.filter((i) => removeOnDelete.includes(i.name));
    return declared.filter((i) => i.type !== undefined && createdTypes.includes(i.type));
}

/** Names in an explicit `removeOnDelete` list that the desiredState does not declare. */
export function unknownRemovalNames(
    desiredState: Json | undefined,
    removeOnDelete: RemoveOnDelete,
): string[] {
    if (!Array.isArray(removeOnDelete)) return [];
    const names = new Set(declaredInterfaces(desiredState).map((i) => i.name));
    return removeOnDelete.filter((n) => !names.has(n));
}

/**
 * The desiredState that removes `targets`: each as `state: absent`, nothing else, so interfaces
 * the policy only configured (ports, NICs) are left as they are.
 */
export function absentDesiredState(targets: RemovalTarget[]): Json {
    return { interfaces: targets.map((t) => ({ ...t, state: "absent" })) };
}

/** True when a node with `labels` matches an NNCP nodeSelector (equality on every key). */
export function nodeMatches(
    labels: Record<string, string> | undefined,
    selector: Record<string, string> | undefined,
): boolean {
    return Object.entries(selector ?? {}).every(([k, v]) => (labels ?? {})[k] === v);
}

const list = (names: string[]) => names.join(", ");

/** Where the policy applies, for messages: node names when known, else the selector. */
export function nodesPhrase(
    selector: Record<string, string> | undefined,
    nodes?: string[],
): string {
    if (nodes)
        return nodes.length ? `nodes ${list(nodes)}` : "no node (the nodeSelector matches none)";
    const sel = Object.entries(selector ?? {});
    return sel.length
        ? `nodes matching ${sel.map(([k, v]) => `${k}=${v}`).join(",")}`
        : "all nodes";
}

/** The removal plan as one sentence, for preview notes and the `removalPlan` output. */
export function removalNote(
    targets: RemovalTarget[],
    selector: Record<string, string> | undefined,
    nodes?: string[],
): string {
    if (targets.length === 0)
        return "on delete, nothing is removed from the nodes (their network configuration stays as it is)";
    const what = list(targets.map((t) => (t.type ? `${t.name} (${t.type})` : t.name)));
    return `on delete, removes interfaces ${what} from ${nodesPhrase(selector, nodes)} (state: absent) before deleting the policy; former ports keep no IP config`;
}

/** The `removalPlan` output. */
export interface RemovalPlan {
    interfaces: string[];
    nodeSelector: Record<string, string>;
    note: string;
}

/** The removal plan of a policy's inputs (spec + removeOnDelete). */
export function removalPlan(inputs: Json): RemovalPlan {
    const targets = removalTargets(inputs.spec?.desiredState, inputs.removeOnDelete);
    const selector = inputs.spec?.nodeSelector ?? {};
    return {
        interfaces: targets.map((t) => t.name),
        nodeSelector: selector,
        note: removalNote(targets, selector),
    };
}
