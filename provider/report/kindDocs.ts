/**
 * Which kinds the provider manages and what their change policies are, for the docs generator.
 *
 * Kinds are registered by several areas (provider/index.ts, provider/kinds/*.ts) and more arrive
 * over time, so nothing here is a hand-kept list: the registered kinds are the schema kinds that
 * `dispatch` accepts, and generic kinds' policies come from every KindDef exported by a module
 * under provider/resources/ or provider/kinds/ (loaded defensively: a module that fails to load
 * is skipped, not fatal). The VirtualMachine has its own provider and situational rule tables.
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyRule } from "../diff/classify";
import type { KindDef } from "../resources/generic/kindDef";
import {
    liveUpdateTemplateRules,
    stageTemplateRules,
    stoppedTemplateRules,
    vmFallbackRules,
    vmObjectRules,
} from "../resources/virtualMachine/policy";
import type { PredicateDocs } from "./docs/policyTable";
import { vmPredicateDocs } from "./docs/vmPredicateDocs";

/** One policy table and when it applies. */
export interface PolicySection {
    title: string;
    when: string;
    rules: readonly PolicyRule<any>[];
}

/** What the docs need to know about a kind besides its schema and SDK class. */
export interface KindDoc {
    kind: string;
    /** Top-level keys the user declares besides metadata (schema roots of the field tables). */
    bodyKeys: string[];
    /** Schema paths listed one level deeper than the default depth. */
    expand: string[];
    sections: PolicySection[];
    predicateDocs: PredicateDocs;
}

const T = "spec.template.spec";

/** The VirtualMachine: KubeVirt runs a different algorithm per situation, so there are several tables. */
export const virtualMachineDoc: KindDoc = {
    kind: "VirtualMachine",
    bodyKeys: ["spec"],
    expand: [`${T}.domain`, `${T}.domain.cpu`, `${T}.domain.memory`, `${T}.domain.devices`],
    predicateDocs: vmPredicateDocs,
    sections: [
        { title: "Outside `spec.template.spec`", when: "Always checked first.", rules: vmObjectRules },
        { title: "`spec.template.spec` of a stopped VM", when: "When no VM instance runs, or this update stops it (runStrategy Halted).", rules: stoppedTemplateRules },
        {
            title: "`spec.template.spec` of a running VM, LiveUpdate rollout",
            when: "The default on KubeVirt ≥ 1.6 and on OpenShift Virtualization (`vmRolloutStrategy: LiveUpdate`).",
            rules: liveUpdateTemplateRules,
        },
        {
            title: "`spec.template.spec` of a running VM, Stage rollout",
            when: "`vmRolloutStrategy: Stage` (the default before KubeVirt 1.6): only hot-plug paths avoid a restart.",
            rules: stageTemplateRules,
        },
        { title: "Fallback", when: "Paths no table above covers.", rules: vmFallbackRules },
    ],
};

/** Duck-typed KindDef check (modules may export other things too). */
export function isKindDef(v: unknown): v is KindDef {
    const d = v as Partial<KindDef> | null;
    return typeof d === "object" && d !== null && typeof d.kind === "string" && typeof d.apiVersion === "string" && Array.isArray(d.policy);
}

/** The doc entry of a generic kind. */
export function genericDoc(def: KindDef): KindDoc {
    return {
        kind: def.kind,
        bodyKeys: def.bodyKeys,
        expand: [],
        predicateDocs: {},
        sections: [{ title: "Field policy", when: "Every update of this kind.", rules: def.policy }],
    };
}

function jsFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return jsFiles(p);
        return e.name.endsWith(".js") ? [p] : [];
    }).sort();
}

/** Every KindDef exported under `<providerDir>/resources` and `<providerDir>/kinds`, first one per kind. */
export function loadKindDefs(providerDir: string): KindDef[] {
    const found = new Map<string, KindDef>();
    for (const file of [...jsFiles(path.join(providerDir, "resources")), ...jsFiles(path.join(providerDir, "kinds"))]) {
        let mod: Record<string, unknown>;
        try {
            mod = require(file) as Record<string, unknown>;
        } catch {
            continue; // another area's module that does not load yet must not break the docs
        }
        for (const v of Object.values(mod)) if (isKindDef(v) && !found.has(v.kind)) found.set(v.kind, v);
    }
    return [...found.values()];
}

/** The candidates the provider's dispatch table accepts (the kinds users can declare). */
export function registeredKinds(providerDir: string, candidates: readonly string[]): string[] {
    const { dispatch } = require(path.join(providerDir, "index.js")) as { dispatch: (k: string) => unknown };
    return candidates.filter((k) => {
        try {
            dispatch(k);
            return true;
        } catch {
            return false;
        }
    });
}

/** The doc entry for a registered kind; a kind with a custom provider and no KindDef gets no tables. */
export function kindDocFor(kind: string, defs: readonly KindDef[]): KindDoc {
    if (kind === "VirtualMachine") return virtualMachineDoc;
    const def = defs.find((d) => d.kind === kind);
    return def ? genericDoc(def) : { kind, bodyKeys: ["spec"], expand: [], predicateDocs: {}, sections: [] };
}
