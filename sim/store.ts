/**
 * Read-only view of the cluster that reconcile functions receive. The loop backs it with
 * informer caches; tests back it with `MemoryStore`, so reconcilers stay pure.
 */
import type { KubeObject } from "../provider/k8s/client";
import { keyOf, type Gvk } from "./kinds";

export interface Store {
    get<T extends KubeObject = KubeObject>(gvk: Gvk, key: string): T | undefined;
    /** All objects of a kind, optionally in one namespace, sorted by key. */
    list<T extends KubeObject = KubeObject>(gvk: Gvk, namespace?: string): T[];
    /** Whether the cluster serves this kind (false while its CRD is missing). Defaults to true. */
    isServed?(gvk: Gvk): boolean;
}

export function gvkId(gvk: { apiVersion: string; kind: string }): string {
    return `${gvk.apiVersion}/${gvk.kind}`;
}

/** A Store over plain maps; also the cache type informers fill. */
export class MemoryStore implements Store {
    private readonly byKind = new Map<string, Map<string, KubeObject>>();
    private readonly unserved = new Set<string>();

    constructor(objects: KubeObject[] = []) {
        for (const o of objects) this.put(o);
    }

    kind(gvk: { apiVersion: string; kind: string }): Map<string, KubeObject> {
        const id = gvkId(gvk);
        let m = this.byKind.get(id);
        if (!m) {
            m = new Map();
            this.byKind.set(id, m);
        }
        return m;
    }

    setServed(gvk: { apiVersion: string; kind: string }, served: boolean): void {
        if (served) this.unserved.delete(gvkId(gvk));
        else this.unserved.add(gvkId(gvk));
    }

    isServed(gvk: Gvk): boolean {
        return !this.unserved.has(gvkId(gvk));
    }

    put(obj: KubeObject): void {
        this.kind(obj).set(keyOf(obj), obj);
    }

    remove(obj: KubeObject): void {
        this.kind(obj).delete(keyOf(obj));
    }

    get<T extends KubeObject = KubeObject>(gvk: Gvk, key: string): T | undefined {
        return this.kind(gvk).get(key) as T | undefined;
    }

    list<T extends KubeObject = KubeObject>(gvk: Gvk, namespace?: string): T[] {
        const all = [...this.kind(gvk).entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, o]) => o);
        return (
            namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace)
        ) as T[];
    }
}
