/**
 * The VirtualMachine update policy: which change is metadata-only, live, live with a migration,
 * restart or replace (docs/semantics.md#vm-classification-summary, derived from KubeVirt's `syncRestartRequired`, docs/semantics.md#how-changes-reach-a-running-vm–docs/semantics.md#nic-hotplug).
 *
 * The table is the documentation: the first matching rule decides a path. The template-spec part
 * is chosen by situation (stopped, Stage, LiveUpdate) because KubeVirt itself runs a different
 * algorithm in each. Plan-level consequences (one restart path holds back the live ones, docs/semantics.md#how-changes-reach-a-running-vm)
 * are added as notes; every path keeps its own impact so users see each field's truth.
 */
import { classifyChanges, type PolicyRule } from "../../diff/classify";
import { diffValues, isPlainObject, matchPath, type JsonObject } from "../../diff/paths";
import type { ChangePlan, ChangeReason, ClusterFacts, Impact, VmRuntime } from "../../diff/types";
import {
    cpuSocketsChange,
    memoryGuestChange,
    placementChange,
    tolerationsChange,
} from "./computePredicates";
import {
    appliesOnNextStart,
    dataVolumeTemplateChange,
    dataVolumeTemplateEntry,
    effectiveRunStrategy,
    instancetypeChange,
    runStrategyChange,
    templateMetadataChange,
} from "./lifecyclePredicates";
import {
    interfaceEntry,
    interfaceState,
    networkEntry,
    networkNameChange,
    nicRestartWhy,
} from "./networkPredicates";
import {
    diskEntry,
    hotplugVolumeChange,
    volumeChangeRestart,
    volumeEntry,
    volumeMigration,
} from "./storagePredicates";
import { gated, label, shortPath, type VmContext } from "./vmContext";

type VmRule = PolicyRule<VmContext>;

const T = "spec.template.spec";
const D = `${T}.domain.devices`;

/** Fields outside `spec.template.spec` (docs/semantics.md#vm-classification-summary items 1–4, docs/semantics.md#live-updatable-fields "never set RestartRequired"). */
export const vmObjectRules: readonly VmRule[] = [
    {
        pattern: "metadata.name",
        impact: "replace",
        why: "metadata.name is immutable: the VM is deleted and created again",
    },
    {
        pattern: "metadata.namespace",
        impact: "replace",
        why: "metadata.namespace is immutable: the VM is deleted and created again",
    },
    {
        pattern: "metadata.**",
        impact: "metadata",
        why: (c) => `${label(c)}: VM metadata only, no runtime effect`,
    },
    {
        pattern: "apiVersion",
        impact: "metadata",
        why: "apiVersion only selects the served version of the same object",
    },
    { pattern: "kind", impact: "replace", why: "kind changed: a different object" },
    { pattern: "spec.runStrategy", predicate: runStrategyChange },
    { pattern: "spec.running", predicate: runStrategyChange },
    { pattern: "spec.dataVolumeTemplates[*]", predicate: dataVolumeTemplateEntry },
    { pattern: "spec.dataVolumeTemplates[*].**", predicate: dataVolumeTemplateChange },
    {
        pattern: "spec.dataVolumeTemplates",
        impact: "none",
        why: "dataVolumeTemplates reordered: no effect",
    },
    {
        pattern: "spec.updateVolumesStrategy",
        impact: "metadata",
        why: (c) => `${label(c)}: only steers how later volume changes are applied`,
    },
    { pattern: "spec.template.metadata.**", predicate: templateMetadataChange },
    { pattern: "spec.instancetype.**", predicate: instancetypeChange },
    { pattern: "spec.preference.**", predicate: instancetypeChange },
];

/** docs/semantics.md#vm-classification-summary item 5: nothing runs, everything in the template applies on the next start. */
export const stoppedTemplateRules: readonly VmRule[] = [
    { pattern: `${T}.**`, predicate: appliesOnNextStart },
];

/** docs/semantics.md#how-changes-reach-a-running-vm step 3: hot-plug paths that run under every rollout strategy. */
const hotplugRules: readonly VmRule[] = [
    { pattern: `${T}.volumes[*]`, predicate: volumeEntry },
    { pattern: `${T}.volumes[*].**`, predicate: hotplugVolumeChange },
    { pattern: `${T}.volumes[*].**`, impact: "restart", why: volumeChangeRestart },
    { pattern: `${D}.disks[*]`, predicate: diskEntry },
    { pattern: `${D}.interfaces[*]`, predicate: interfaceEntry },
    { pattern: `${D}.interfaces[*].state`, predicate: interfaceState },
    { pattern: `${D}.interfaces[*].**`, impact: "restart", why: nicRestartWhy },
    { pattern: `${T}.networks[*]`, predicate: networkEntry },
];

const templateFallback: VmRule = {
    pattern: `${T}.**`,
    impact: "restart",
    why: (c) => `${label(c)}: not live-updatable; needs restart`,
};

/** docs/semantics.md#rollout-strategy: under Stage every template change restarts, except the hot-plug paths. */
export const stageTemplateRules: readonly VmRule[] = [
    ...hotplugRules,
    { pattern: `${T}.networks[*].**`, impact: "restart", why: nicRestartWhy },
    templateFallback,
];

/** docs/semantics.md#live-updatable-fields: the LiveUpdate list of `syncRestartRequired`; anything else restarts. */
export const liveUpdateTemplateRules: readonly VmRule[] = [
    { pattern: `${T}.domain.cpu.sockets`, predicate: gated(cpuSocketsChange) },
    { pattern: `${T}.domain.memory.guest`, predicate: gated(memoryGuestChange) },
    { pattern: `${T}.nodeSelector.**`, predicate: gated(placementChange) },
    { pattern: `${T}.affinity.**`, predicate: gated(placementChange) },
    { pattern: `${T}.tolerations.**`, predicate: gated(tolerationsChange) },
    { pattern: `${T}.volumes[*].**`, predicate: gated(volumeMigration) },
    ...hotplugRules,
    { pattern: `${T}.networks[*].multus.networkName`, predicate: networkNameChange },
    { pattern: `${T}.networks[*].**`, impact: "restart", why: nicRestartWhy },
    templateFallback,
];

/** Explicit fallbacks: unknown spec fields are assumed to restart, unknown top-level fields worse. */
export const vmFallbackRules: readonly VmRule[] = [
    {
        pattern: "spec.**",
        impact: "restart",
        why: (c) => `${label(c)}: unknown VM spec field; assumed to need a restart`,
    },
    {
        pattern: "**",
        impact: "replace",
        why: (c) => `${c.path}: unknown top-level field; assumed to need replacement`,
    },
];

/** docs/semantics.md#how-changes-reach-a-running-vm: live updates that KubeVirt stops propagating once RestartRequired is set. */
const heldBack: readonly { pattern: string; impact?: Impact }[] = [
    { pattern: `${T}.domain.cpu.sockets` },
    { pattern: `${T}.domain.memory.guest` },
    { pattern: `${T}.nodeSelector.**` },
    { pattern: `${T}.affinity.**` },
    { pattern: `${T}.tolerations.**` },
    { pattern: `${T}.volumes[*].**`, impact: "liveMigrate" },
];

/** Instancetype/preference-expanded `spec.template.spec` of both sides (from `…/expand-spec`). */
export interface ExpandedTemplateSpecs {
    old: object;
    new: object;
}

function withTemplateSpec(vm: JsonObject, spec: object | undefined): JsonObject {
    if (spec === undefined) return vm;
    const s = isPlainObject(vm.spec) ? vm.spec : {};
    const t = isPlainObject(s.template) ? s.template : {};
    return { ...vm, spec: { ...s, template: { ...t, spec } } };
}

function makeContext(
    oldVm: JsonObject,
    newVm: JsonObject,
    runtime: VmRuntime,
    cluster: ClusterFacts,
    expanded: boolean,
): VmContext {
    return {
        oldVm,
        newVm,
        runtime,
        cluster,
        // A VM this update stops is treated as stopped: its template applies on the next start.
        running: runtime.running && effectiveRunStrategy(newVm) !== "Halted",
        liveUpdate: cluster.rolloutStrategy === "LiveUpdate" && cluster.kubevirtMinor >= 2,
        expanded,
    };
}

function templateRules(ctx: VmContext): readonly VmRule[] {
    if (!ctx.running) return stoppedTemplateRules;
    return ctx.liveUpdate ? liveUpdateTemplateRules : stageTemplateRules;
}

const list = (rs: readonly ChangeReason[]) => rs.map((r) => r.summary ?? r.path).join(", ");
const isLive = (r: ChangeReason) => r.impact === "live" || r.impact === "liveMigrate";

/** docs/semantics.md#vm-classification-summary item 8 / docs/semantics.md#how-changes-reach-a-running-vm: one restart path makes the whole update restart and holds back live parts. */
function restartNotes(plan: ChangePlan, ctx: VmContext): string[] {
    if (!ctx.running || plan.impact !== "restart") return [];
    const restart = plan.reasons.filter((r) => r.impact === "restart");
    const live = plan.reasons.filter((r) => isLive(r) && r.path.startsWith(T));
    const isHeld = (r: ChangeReason) =>
        heldBack.some((h) => matchPath(h.pattern, r.path) && (h.impact ?? r.impact) === r.impact);
    const held = live.filter(isHeld);
    const notes = [
        `the whole update needs a restart because of ${list(restart)}: KubeVirt sets RestartRequired until the VM is restarted`,
    ];
    if (held.length > 0) {
        notes.push(
            `live parts are held back until restart: KubeVirt stops propagating ${list(held)} once RestartRequired is set`,
        );
    }
    const still = live.filter((r) => !held.includes(r));
    if (still.length > 0) {
        notes.push(
            `${list(still)} still apply immediately (NIC and volume hot-plug run regardless of RestartRequired)`,
        );
    }
    return notes;
}

function migrationNotes(plan: ChangePlan, ctx: VmContext): string[] {
    const migrating = plan.reasons.filter((r) => r.impact === "liveMigrate");
    if (ctx.cluster.liveMigrateUpdates || migrating.length === 0) return [];
    return [
        `workloadUpdateMethods lacks LiveMigrate: ${list(migrating)} stay pending until the VM is migrated (virtctl migrate) or restarted`,
    ];
}

/**
 * Classify an update of a VirtualMachine (docs/semantics.md#vm-classification-summary). `oldVm` is the last applied desired
 * state and `newVm` the new desired state, both already normalized/pruned (`normalizeVm`,
 * `pruneToShape`). `expanded` optionally carries both sides' instancetype-expanded template specs,
 * which lets an instancetype swap be classified by its real delta (docs/semantics.md#live-updatable-fields).
 */
export function classifyVmUpdate(
    oldVm: object,
    newVm: object,
    runtime: VmRuntime,
    cluster: ClusterFacts,
    expanded?: ExpandedTemplateSpecs,
): ChangePlan {
    const o = withTemplateSpec(oldVm as JsonObject, expanded?.old);
    const n = withTemplateSpec(newVm as JsonObject, expanded?.new);
    const ctx = makeContext(o, n, runtime, cluster, expanded !== undefined);
    const rules = [...vmObjectRules, ...templateRules(ctx), ...vmFallbackRules];
    const plan = classifyChanges(diffValues(o, n), rules, ctx, { rename: shortPath });
    const extra = [...restartNotes(plan, ctx), ...migrationNotes(plan, ctx)];
    return { ...plan, notes: [...plan.notes, ...extra] };
}

/** The tables above as the docs show them: which applies when. */
export const vmPolicySections = [
    { title: "Outside `spec.template.spec`", when: "Always checked first.", rules: vmObjectRules },
    {
        title: "`spec.template.spec` of a stopped VM",
        when: "When no VM instance runs, or this update stops it (runStrategy Halted).",
        rules: stoppedTemplateRules,
    },
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
] as const satisfies readonly { title: string; when: string; rules: readonly VmRule[] }[];
