/**
 * Garbage-collector emulation (there is no kube-controller-manager): objects whose owners are
 * all gone are deleted (background propagation); owners being deleted with
 * propagationPolicy Foreground wait until their dependents are gone (finalizer
 * `foregroundDeletion`), and with Orphan have the ownerReferences removed (finalizer `orphan`).
 * Only kinds the sim watches are tracked; an owner of an unwatched kind is assumed to exist. An
 * owner missing from the cache is confirmed gone by a live read before its dependent is deleted:
 * each kind has its own watch, so a new pod can reach the cache before the VMI that owns it
 * (seen under load: the launcher pod deleted, the VMI Failed, the VM in start-failure backoff).
 */
import type { KubeObject, OwnerReference } from "../../provider/k8s/client";
import {
    deleteAction,
    guardedPatch,
    noop,
    type Action,
    type LiveRef,
    type Result,
} from "../actions";
import type { ControllerDef, Ctx, Watch } from "../controller";
import { keyOf, refOf, watchedKinds, type Gvk } from "../kinds";
import { gvkId, type Store } from "../store";

const sep = "|";
export const gcKey = (obj: KubeObject): string => `${gvkId(obj)}${sep}${keyOf(obj)}`;

function kindOf(apiVersion: string, kind: string): Gvk | undefined {
    return (
        watchedKinds.find((g) => g.apiVersion === apiVersion && g.kind === kind) ??
        watchedKinds.find(
            (g) => g.kind === kind && g.apiVersion.split("/")[0] === apiVersion.split("/")[0],
        )
    );
}

/** Objects (of watched kinds) with an ownerReference to `owner`'s uid. */
export function dependentsOf(owner: KubeObject, store: Store): KubeObject[] {
    const uid = owner.metadata.uid;
    if (!uid) return [];
    const ns = owner.metadata.namespace;
    return watchedKinds
        .flatMap((g) => store.list(g, g.namespaced ? ns : undefined))
        .filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid));
}

/**
 * One owner as the cache sees it (alive, or of a kind the sim does not watch) and as the delete's
 * live check will read it (in the dependent's namespace when namespaced).
 */
function ownerCheck(obj: KubeObject, r: OwnerReference, store: Store) {
    const g = kindOf(r.apiVersion, r.kind);
    const namespace = (g?.namespaced ?? true) ? obj.metadata.namespace : undefined;
    const cached = g && store.get(g, namespace ? `${namespace}/${r.name}` : r.name);
    const alive = !g || store.isServed?.(g) === false || cached?.metadata.uid === r.uid;
    const live: LiveRef = {
        ref: { apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace },
        uid: r.uid,
    };
    return { alive, live };
}

const watches: Watch[] = watchedKinds.map((gvk) => ({
    gvk,
    map: (obj, store) => {
        const live = store.get(gvk, keyOf(obj));
        const dependents =
            !live || live.metadata.deletionTimestamp ? dependentsOf(obj, store).map(gcKey) : [];
        return live ? [gcKey(live), ...dependents] : dependents;
    },
}));

export const garbageCollector: ControllerDef = {
    name: "garbage-collector",
    primary: {
        apiVersion: "sim.pulumi-kubevirt.io/v1",
        kind: "GarbageCollectorKey",
        namespaced: false,
    },
    watches,
    reconcile: reconcileGc,
};

export function reconcileGc(key: string, store: Store, _ctx: Ctx): Result {
    const [id, objKey] = [key.slice(0, key.indexOf(sep)), key.slice(key.indexOf(sep) + 1)];
    const g = watchedKinds.find((k) => gvkId(k) === id);
    const obj = g ? store.get(g, objKey) : undefined;
    if (!obj) return noop();
    const fins = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fins.includes("foregroundDeletion"))
        return foreground(obj, store);
    if (obj.metadata.deletionTimestamp && fins.includes("orphan")) return orphan(obj, store);
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length || obj.metadata.deletionTimestamp) return noop();
    const owners = refs.map((r) => ownerCheck(obj, r, store));
    if (owners.some((o) => o.alive)) return noop();
    const why = `owner ${refs.map((r) => `${r.kind} ${r.name}`).join(", ")} is gone`;
    return {
        actions: [{ op: "delete", ref: refOf(obj), why, unlessLive: owners.map((o) => o.live) }],
    };
}

function foreground(owner: KubeObject, store: Store): Result {
    const deps = dependentsOf(owner, store);
    const actions: Action[] = deps
        .filter((d) => !d.metadata.deletionTimestamp)
        .map((d) => deleteAction(d, `foreground deletion of ${owner.kind} ${owner.metadata.name}`));
    const blocking = deps.filter((d) =>
        d.metadata.ownerReferences?.some(
            (r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion,
        ),
    );
    if (blocking.length) return { actions, requeueAfter: 1000 };
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== "foregroundDeletion");
    return {
        actions: [
            ...actions,
            guardedPatch(
                owner,
                { metadata: { finalizers } },
                "dependents gone: release foregroundDeletion",
            ),
        ],
    };
}

function orphan(owner: KubeObject, store: Store): Result {
    const actions: Action[] = dependentsOf(owner, store).map((d) =>
        guardedPatch(
            d,
            {
                metadata: {
                    ownerReferences: (d.metadata.ownerReferences ?? []).filter(
                        (r) => r.uid !== owner.metadata.uid,
                    ),
                },
            },
            `orphan from ${owner.kind} ${owner.metadata.name}`,
        ),
    );
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== "orphan");
    return {
        actions: [
            ...actions,
            guardedPatch(
                owner,
                { metadata: { finalizers } },
                "dependents orphaned: release orphan finalizer",
            ),
        ],
    };
}
