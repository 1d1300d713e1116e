/**
 * The rows a policy table starts with for a kind whose only identity is its name: a new name or
 * namespace is a new object (replace), any other metadata change updates in place.
 */
import type { Props } from "../../kindProvider";
import type { PolicyRule } from "../../diff/classify";

/** The identity rows of a policy table, `what` naming the object in the reasons. */
export function identityRules(what: string): PolicyRule<Props>[] {
    return [
        { pattern: "metadata.name", impact: "replace", why: `the name identifies the ${what}` },
        {
            pattern: "metadata.namespace",
            impact: "replace",
            why: `the namespace identifies the ${what}`,
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
    ];
}
