/**
 * API discovery: which kinds a group/version serves, under which plural, namespaced or not.
 * One request per group/version, cached; a group that is not served yet (a CRD being installed)
 * is asked again next time.
 */
import { crdMissing } from "./apiErrors";
import type { ObjectRef } from "./client";
import { apiBase, decodeObject, type RawResponse } from "./requests";

interface Resource {
    plural: string;
    namespaced: boolean;
}

type Kinds = Map<string, Resource>;

export class Discovery {
    private readonly cache = new Map<string, Promise<Kinds | undefined>>();

    constructor(private readonly get: (path: string) => Promise<RawResponse>) {}

    /** The kinds `apiVersion` serves; undefined when the group/version is not served. */
    resources(apiVersion: string): Promise<Kinds | undefined> {
        let p = this.cache.get(apiVersion);
        if (!p) {
            p = this.discover(apiVersion);
            this.cache.set(apiVersion, p);
            p.then(
                (m) => {
                    if (!m) this.cache.delete(apiVersion);
                },
                () => this.cache.delete(apiVersion),
            );
        }
        return p;
    }

    /** The collection's path, namespaced when the kind is and a namespace is given. */
    async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
        const r = (await this.resources(apiVersion))?.get(kind);
        if (!r) throw crdMissing(apiVersion, kind);
        const base = apiBase(apiVersion);
        return r.namespaced && namespace
            ? `${base}/namespaces/${namespace}/${r.plural}`
            : `${base}/${r.plural}`;
    }

    async objectPath(ref: ObjectRef): Promise<string> {
        const collection = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace);
        return `${collection}/${encodeURIComponent(ref.name)}`;
    }

    private async discover(apiVersion: string): Promise<Kinds | undefined> {
        const res = await this.get(apiBase(apiVersion));
        if (res.status === 404) return undefined;
        const list = decodeObject(res, "discover", {
            apiVersion,
            kind: "APIResourceList",
            name: "",
        }) as unknown as { resources: { name: string; kind: string; namespaced: boolean }[] };
        const out: Kinds = new Map();
        // Names with a slash are subresources (`virtualmachines/status`), not kinds.
        for (const r of list.resources)
            if (!r.name.includes("/"))
                out.set(r.kind, { plural: r.name, namespaced: r.namespaced });
        return out;
    }
}
