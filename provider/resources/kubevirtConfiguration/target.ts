/**
 * Which operator CR a KubeVirtConfiguration patches. With no `target`, a HyperConverged CR wins
 * when there is one: on OpenShift Virtualization HCO owns the KubeVirt CR and puts back whatever
 * anyone else writes there, so patching KubeVirt directly would not last.
 */
import type { KubeClient } from "../../k8s/client";
import { ConfigurationTargetError } from "../../errors";
import type { Props } from "../../kindProvider";
import { targetKinds, type CrName, type TargetName } from "./fields";

/** The CR a configuration was applied to, kept in its outputs. */
export interface Resolved extends CrName {
    target: TargetName;
}

async function candidates(client: KubeClient, target: TargetName, cr: Props | undefined) {
    const t = targetKinds[target];
    if (!(await client.serves(t.apiVersion, t.kind))) return [];
    const all = await client.list(t.apiVersion, t.kind, cr?.namespace);
    return all.filter((o) => !cr?.name || o.metadata.name === cr.name);
}

/** The one CR the inputs designate; a typed error when there is none or no single one. */
export async function resolveTarget(client: KubeClient, inputs: Props): Promise<Resolved> {
    const order: TargetName[] = inputs.target ? [inputs.target] : ["hyperconverged", "kubevirt"];
    for (const target of order) {
        const found = await candidates(client, target, inputs.cr);
        if (found.length === 1) {
            const m = found[0]!.metadata;
            return { target, namespace: m.namespace!, name: m.name! };
        }
        if (found.length > 1)
            throw new ConfigurationTargetError(
                `KubeVirtConfiguration: ${found.length} ${targetKinds[target].kind} CRs (${found.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).join(", ")}); set 'cr' to choose one`,
            );
    }
    const kinds = order.map((t) => targetKinds[t].kind).join(" or ");
    throw new ConfigurationTargetError(
        `KubeVirtConfiguration: no ${kinds} CR${inputs.cr ? ` matching ${JSON.stringify(inputs.cr)}` : ""} in the cluster; this resource configures the operator's CR and never creates it: install KubeVirt (or OpenShift Virtualization) first`,
    );
}
