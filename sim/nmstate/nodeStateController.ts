/** Keeps one NodeNetworkState per node, created with eth0–eth2 (see nodeState.ts). */
import { noop, statusUpdate, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { Nns, Node, refOf } from "../kinds";
import type { Store } from "../store";
import { buildNodeState, initialNodeStateStatus } from "./nodeState";

export const nodeStateController: ControllerDef = {
    name: "nmstate/nodestate",
    primary: Node,
    watches: [{ gvk: Nns, map: (o) => [o.metadata.name ?? ""] }],
    reconcile: reconcileNodeState,
};

export function reconcileNodeState(key: string, store: Store, ctx: Ctx): Result {
    const node = store.get(Node, key);
    if (!node) return noop();
    const index = store.list(Node).findIndex((n) => n.metadata.name === key);
    const nns = store.get(Nns, key);
    const status = initialNodeStateStatus(key, index, ctx.now);
    if (!nns) {
        const obj = buildNodeState(node);
        return {
            actions: [
                { op: "create", obj, why: `network state of node ${key}` },
                {
                    op: "patch",
                    ref: refOf(obj),
                    patch: { status },
                    subresource: "status",
                    why: "initial interfaces eth0, eth1, eth2",
                },
            ],
        };
    }
    if ((nns.status as { currentState?: unknown } | undefined)?.currentState) return noop();
    return { actions: statusUpdate(nns, status, "initial interfaces eth0, eth1, eth2", "status") };
}
