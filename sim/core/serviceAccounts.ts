/**
 * kube-controller-manager's service-account controller: every namespace gets a "default"
 * ServiceAccount. The API server's ServiceAccount admission plugin needs it to admit pods, and
 * that plugin must run: it adds the token volume KubeVirt counts on in hotplug attachment pods
 * (virt-controller expects an attachment pod to carry its volumes plus exactly two more).
 */
import { noop, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Namespace, ServiceAccount } from "../kinds";
import type { Store } from "../store";

export const serviceAccountController: ControllerDef = {
    name: "serviceaccount-controller",
    primary: Namespace,
    watches: [
        {
            gvk: ServiceAccount,
            map: (o) =>
                o.metadata.name === "default" && o.metadata.namespace ? [o.metadata.namespace] : [],
        },
    ],
    reconcile: reconcileServiceAccount,
};

export function reconcileServiceAccount(key: string, store: Store, _ctx: Ctx): Result {
    const ns = store.get(Namespace, key);
    if (!ns || ns.metadata.deletionTimestamp || store.get(ServiceAccount, `${key}/default`))
        return noop();
    const sa = {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: "default", namespace: key },
    };
    return {
        actions: [{ op: "create", obj: sa, why: `namespace ${key} has no default ServiceAccount` }],
    };
}
