/**
 * Which kinds the provider manages and what their change policies are, for the docs generator:
 * read from the registry (provider/registry.ts), the one list of kinds. The VirtualMachine (and
 * the TemplatedVirtualMachine, planned by the same tables) list their predicates' decisions too.
 */
import { entryOf, registry, type KindEntry, type PolicySection } from "../registry";
import type { PredicateDocs } from "./docs/policyTable";
import { vmPredicateDocs } from "./docs/vmPredicateDocs";

/** What the docs need to know about a kind besides its schema and SDK class. */
export interface KindDoc {
    kind: string;
    /** Top-level keys the user declares besides metadata (schema roots of the field tables). */
    bodyKeys: string[];
    /** Schema paths listed one level deeper than the default depth. */
    expand: string[];
    sections: readonly PolicySection[];
    predicateDocs: PredicateDocs;
}

const T = "spec.template.spec";

/** Kinds planned by the VirtualMachine tables, whose predicates' decisions the docs list. */
const vmKinds = new Set(["VirtualMachine", "TemplatedVirtualMachine"]);
const vmExpand = [`${T}.domain`, `${T}.domain.cpu`, `${T}.domain.memory`, `${T}.domain.devices`];

/** The doc entry of a registered kind. */
export function docOf(e: KindEntry): KindDoc {
    const vm = vmKinds.has(e.kind);
    return {
        kind: e.kind,
        bodyKeys: e.bodyKeys,
        expand: vm ? vmExpand : [],
        predicateDocs: vm ? vmPredicateDocs : {},
        sections: e.policy,
    };
}

/** The kinds users can declare, in registry order. */
export const registeredKinds = (): string[] => registry.map((e) => e.kind);

/** The doc entry for `kind`; an unregistered kind gets no tables. */
export function kindDocFor(kind: string): KindDoc {
    const e = entryOf(kind);
    return e ? docOf(e) : { kind, bodyKeys: ["spec"], expand: [], predicateDocs: {}, sections: [] };
}
