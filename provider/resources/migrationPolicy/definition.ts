/**
 * KubeVirt MigrationPolicy (migrations.kubevirt.io/v1alpha1, cluster-scoped): per-namespace or
 * per-VM migration tuning. The migration controller resolves the policy when a migration starts
 * (docs/semantics.md#migration-policies), so every spec change is live for the policy object and
 * reaches VMs only through migrations started after it; nothing running is touched. It has no
 * status, so it is ready once applied.
 */
import type { KindDef } from "../generic/kindDefinition";

/** The note every spec change carries: the one thing users get wrong about policies. */
export const futureMigrationsNote =
    "applies to migrations started after the change; migrations already running keep the settings they started with";

export const migrationPolicyKind: KindDef = {
    kind: "MigrationPolicy",
    apiVersion: "migrations.kubevirt.io/v1alpha1",
    namespaced: false,
    bodyKeys: ["spec"],
    policy: [
        {
            pattern: "metadata.name",
            impact: "replace",
            why: "the name identifies the policy",
        },
        { pattern: "metadata.**", impact: "metadata", why: (c) => `${c.path} changed` },
        {
            pattern: "spec.selectors.**",
            impact: "live",
            why: (c) =>
                `${c.path} changed: the policy now matches other VMs (applies to migrations started after the change)`,
            note: futureMigrationsNote,
        },
        {
            pattern: "spec.**",
            impact: "live",
            why: (c) => `${c.path} changed (applies to migrations started after the change)`,
            note: futureMigrationsNote,
        },
        { pattern: "**", impact: "live", why: (c) => `${c.path} changed` },
    ],
};
