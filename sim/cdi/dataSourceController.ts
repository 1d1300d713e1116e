/**
 * CDI DataSource status: Ready when its source exists — a bound PVC whose DataVolume (if any)
 * has Succeeded, a snapshot (not checked), or another DataSource that is Ready (one level).
 * The DataSource CRD has no status subresource, so status goes through the main resource.
 */
import type { KubeObject } from "../../provider/k8s/client";
import { noop, statusUpdate, type Result } from "../actions";
import type { ControllerDef, Ctx } from "../controller";
import { DataSource, Dv, Pvc, keyOf } from "../kinds";
import type { Store } from "../store";
import {
    isConditionTrue,
    setCondition,
    type Condition,
    type ConditionInput,
} from "../util/conditions";
import type { Json } from "../util/json";
import { pvcPhase } from "./pvc";

export const dataSourceController: ControllerDef = {
    name: "cdi/datasource",
    primary: DataSource,
    watches: [
        { gvk: Pvc, map: (o, s) => referencing(s, o, "pvc") },
        { gvk: Dv, map: (o, s) => referencing(s, o, "pvc") },
        { gvk: DataSource, map: (o, s) => referencing(s, o, "dataSource") },
    ],
    reconcile: reconcileDataSource,
};

function referencing(store: Store, obj: KubeObject, field: "pvc" | "dataSource"): string[] {
    return store
        .list(DataSource)
        .filter((ds) => {
            const ref = (ds.spec as Json)?.source?.[field];
            return (
                ref?.name === obj.metadata.name &&
                (ref.namespace || ds.metadata.namespace) === obj.metadata.namespace
            );
        })
        .map(keyOf);
}

export function reconcileDataSource(key: string, store: Store, ctx: Ctx): Result {
    const ds = store.get(DataSource, key);
    if (!ds) return noop();
    const source = ((ds.spec as Json)?.source ?? {}) as Json;
    const ready = readiness(ds, source, store);
    const conds: Condition[] = setCondition((ds.status as Json)?.conditions, ready, ctx.now);
    const status = {
        ...((ds.status as Json) ?? {}),
        source,
        conditions: conds.map((c) => ({ ...c, lastHeartbeatTime: c.lastTransitionTime })),
    };
    return {
        actions: statusUpdate(
            ds,
            status,
            `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ""}`,
            undefined,
        ),
    };
}

export function readiness(ds: KubeObject, source: Json, store: Store): ConditionInput {
    const ns = ds.metadata.namespace;
    const ready = (reason = "Ready"): ConditionInput => ({ type: "Ready", status: "True", reason });
    const notReady = (reason: string, message: string): ConditionInput => ({
        type: "Ready",
        status: "False",
        reason,
        message,
    });
    if (source.pvc) {
        const key = `${source.pvc.namespace || ns}/${source.pvc.name}`;
        const pvc = store.get(Pvc, key);
        const dvPhase = (store.get(Dv, key)?.status as Json)?.phase as string | undefined;
        if (!pvc) return notReady("NotFound", `No source PVC ${key} found`);
        if (dvPhase !== undefined && dvPhase !== "Succeeded")
            return notReady(dvPhase || "Pending", `Import of ${key} is ${dvPhase || "Pending"}`);
        if (pvcPhase(pvc) !== "Bound")
            return notReady("NotBound", `Source PVC ${key} is not bound`);
        return ready();
    }
    if (source.snapshot) return ready();
    if (source.dataSource) {
        const key = `${source.dataSource.namespace || ns}/${source.dataSource.name}`;
        const other = store.get(DataSource, key);
        if (!other) return notReady("NotFound", `DataSource ${key} not found`);
        const ok = isConditionTrue((other.status as Json)?.conditions, "Ready");
        return ok ? ready() : notReady("NotReady", `DataSource ${key} is not ready`);
    }
    return notReady("NoSource", "No source specified");
}
