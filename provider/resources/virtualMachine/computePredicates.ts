/**
 * LiveUpdate predicates for CPU, memory and scheduling fields (docs/semantics.md#live-updatable-fields, docs/semantics.md#vm-classification-summary item 6).
 */
import { formatValue } from "../../diff/paths";
import {
    compareQuantities,
    formatQuantity,
    isMultipleOf,
    quantityNanos,
} from "../../diff/quantity";
import {
    architecture,
    label,
    num,
    tget,
    verdict,
    type VmContext,
    type VmPredicate,
} from "./vmContext";

/** docs/semantics.md#live-updatable-fields defaults: maxHotplugRatio 4, capped at 512 vCPUs. */
const hotplugRatio = 4;
const maxVcpus = 512;

function maxSockets(ctx: VmContext, oldSockets: number): number {
    const explicit = ctx.runtime.maxSockets ?? num(tget(ctx.oldVm, "domain", "cpu", "maxSockets"));
    if (explicit !== undefined) return explicit;
    const cores = num(tget(ctx.oldVm, "domain", "cpu", "cores")) ?? 1;
    const perSocket = cores * (num(tget(ctx.oldVm, "domain", "cpu", "threads")) ?? 1);
    return Math.max(
        oldSockets,
        Math.min(oldSockets * hotplugRatio, Math.floor(maxVcpus / perSocket)),
    );
}

/** docs/semantics.md#live-updatable-fields handleCPUChangeRequest: increase within maxSockets, not arm64 → hot-plug + migration. */
export const cpuSocketsChange: VmPredicate = (change, ctx) => {
    const from = num(change.old) ?? 1; // KubeVirt's default is one socket
    const to = num(change.new) ?? 1;
    const l = `cpu.sockets ${from}→${to}`;
    if (architecture(ctx) === "arm64")
        return verdict("restart", `${l}: CPU hot-plug is not supported on arm64; needs restart`);
    if (to < from) return verdict("restart", `${l}: reducing CPU sockets needs a restart`);
    const max = maxSockets(ctx, from);
    if (to > max) return verdict("restart", `${l} exceeds maxSockets ${max}; needs restart`);
    if (ctx.runtime.migratable === false) {
        return verdict(
            "restart",
            `${l}: hot-plug completes through a live migration, but the VM is not live-migratable; needs restart`,
        );
    }
    return verdict("liveMigrate", `${l} is hot-plugged; KubeVirt live-migrates the VM to apply it`);
};

const GI = 1024n ** 3n * 1_000_000_000n; // 1Gi in nano-units

function maxGuest(ctx: VmContext, oldGuest: unknown): bigint | undefined {
    const explicit = ctx.runtime.maxGuest ?? tget(ctx.oldVm, "domain", "memory", "maxGuest");
    const n = quantityNanos(explicit);
    if (n !== undefined) return n;
    const old = quantityNanos(oldGuest);
    return old === undefined ? undefined : old * BigInt(hotplugRatio);
}

/** docs/semantics.md#live-updatable-fields ValidateLiveUpdateMemory constraints, as the reason a hot-plug is impossible. */
function memoryBlocker(ctx: VmContext, from: unknown, to: unknown): string | undefined {
    const cmp = compareQuantities(to, from);
    if (cmp === undefined) return "memory hot-plug needs memory.guest set before and after";
    if (cmp < 0) return "reducing guest memory needs a restart";
    if (ctx.runtime.migratable === false) return "memory hot-plug needs a live-migratable VM";
    if (architecture(ctx) !== "amd64")
        return `memory hot-plug is only supported on amd64, not ${architecture(ctx)}`;
    if ((quantityNanos(to) ?? 0n) < GI) return "hot-plugged guest memory must be at least 1Gi";
    const align =
        tget(ctx.newVm, "domain", "memory", "hugepages", "pageSize") === "1Gi" ? "1Gi" : "2Mi";
    if (!isMultipleOf(to, align)) return `hot-plugged guest memory must be aligned to ${align}`;
    const max = maxGuest(ctx, from);
    if (max !== undefined && (quantityNanos(to) ?? 0n) > max) {
        return `exceeds maxGuest ${formatQuantity({ nanos: max, format: "BinarySI" })}`;
    }
    if (tget(ctx.newVm, "domain", "cpu", "realtime") !== undefined)
        return "memory hot-plug is not possible with realtime CPUs";
    if (tget(ctx.newVm, "domain", "cpu", "numa", "guestMappingPassthrough") !== undefined) {
        return "memory hot-plug is not possible with NUMA passthrough";
    }
    if (tget(ctx.newVm, "domain", "launchSecurity") !== undefined)
        return "memory hot-plug is not possible with launchSecurity";
    return undefined;
}

/** docs/semantics.md#live-updatable-fields handleMemoryHotplugRequest: increase within maxGuest on a migratable amd64 VM. */
export const memoryGuestChange: VmPredicate = (change, ctx) => {
    const l = `memory.guest ${formatValue(change.old)}→${formatValue(change.new)}`;
    const blocker = memoryBlocker(ctx, change.old, change.new);
    if (blocker !== undefined) return verdict("restart", `${l}: ${blocker}; needs restart`);
    return verdict("liveMigrate", `${l} is hot-plugged; KubeVirt live-migrates the VM to apply it`);
};

/** docs/semantics.md#live-updatable-fields, docs/semantics.md#live-migration: nodeSelector and affinity are patched into the VMI but never move it. */
export const placementChange: VmPredicate = (change) =>
    verdict(
        "live",
        `${label(change)} is applied to the running VM without a migration`,
        "nodeSelector/affinity changes do not move a running VM: its current node may violate them until the next migration",
    );

/** docs/semantics.md#live-updatable-fields: tolerations became live-updatable in KubeVirt 1.4 (commit 4ebb6cfd). */
export const tolerationsChange: VmPredicate = (change, ctx) => {
    if (ctx.cluster.kubevirtMinor >= 4)
        return verdict("live", `${label(change)} is applied to the running VM without a migration`);
    return verdict(
        "restart",
        `${label(change)}: before KubeVirt 1.4 tolerations changes need a restart`,
    );
};
