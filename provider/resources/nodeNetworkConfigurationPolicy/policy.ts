/**
 * Field policy of NodeNetworkConfigurationPolicy (docs/semantics.md#nodenetworkconfigurationpolicy, docs/semantics.md#vm-classification-summary "For NNCPs"):
 * - `spec.capture` cannot be modified (nmstate admission) → replace;
 * - `spec.desiredState`, `nodeSelector`, `maxUnavailable` are applied live by nmstate on the
 *   matching nodes, each node rolled back automatically when it fails;
 * - two live changes are worth spelling out because they do less than they look like: dropping an
 *   interface from desiredState does not remove it from the nodes, and nodes that stop matching
 *   the nodeSelector keep their configuration.
 * Pure.
 */
import type { PolicyRule, Verdict } from "../../diff/classify";
import type { PathChange } from "../../diff/paths";
import type { Props } from "../../kindProvider";

/** Interface dropped from desiredState: nmstate stops managing it but does not undo it. */
function interfaceDropped(change: PathChange): Verdict | undefined {
    if (change.kind !== "removed") return undefined;
    const last = change.segments[change.segments.length - 1];
    const name = typeof last === "string" ? change.path : last?.name;
    return {
        impact: "live",
        why: `interface '${name}' no longer declared: nmstate stops managing it but leaves it configured on the nodes`,
        note: "to remove an interface from the nodes, keep it in desiredState with state: absent",
    };
}

/** A declared interface switched to `state: absent`: that is a removal from every matching node. */
function interfaceMarkedAbsent(change: PathChange): Verdict | undefined {
    if (change.new !== "absent") return undefined;
    const iface = change.segments[change.segments.length - 2];
    const name = iface && typeof iface !== "string" ? iface.name : change.path;
    return {
        impact: "live",
        why: `interface '${name}' will be removed from the matching nodes (state: absent)`,
    };
}

/** Nodes that stop matching the selector keep what the policy configured. */
function selectorChange(change: PathChange): Verdict {
    const key = change.path.slice("spec.nodeSelector".length).replace(/^\./, "");
    return {
        impact: "live",
        why: `nodeSelector${key ? ` ${key}` : ""} ${change.kind}: nodes that newly match get configured`,
        note: "nodes that stop matching the nodeSelector keep the configuration this policy applied",
    };
}

const reconfigures =
    "nmstate reconfigures the matching nodes (each node rolls back automatically on failure)";

/** The policy table; first match wins, ending with a `spec.**` row. */
export const nncpPolicy: readonly PolicyRule<Props>[] = [
    { pattern: "metadata.name", impact: "replace", why: "the name identifies the policy" },
    { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
    {
        pattern: "spec.capture.**",
        impact: "replace",
        why: "nmstate rejects changes to spec.capture; the policy is deleted (removing its interfaces per removeOnDelete) and created again",
    },
    { pattern: "spec.desiredState.interfaces[*]", predicate: interfaceDropped },
    { pattern: "spec.desiredState.interfaces[*].state", predicate: interfaceMarkedAbsent },
    { pattern: "spec.desiredState.**", impact: "live", why: reconfigures },
    { pattern: "spec.nodeSelector.**", predicate: selectorChange },
    {
        pattern: "spec.maxUnavailable",
        impact: "live",
        why: "changes only how many nodes nmstate configures at once",
    },
    { pattern: "spec.**", impact: "live", why: reconfigures },
];
