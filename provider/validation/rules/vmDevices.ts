/**
 * Name references inside a VM template that virt-api checks on admission (netiface.go,
 * vmi-create-admitter.go): every interface has its network and every network its interface,
 * every disk its volume, names are unique per list, a volume has exactly one source and a disk at
 * most one target type. (A volume without a disk is fine: KubeVirt's defaults add one.) Checked here too, so a preview fails the same way when no
 * admission dry run is possible (cluster unreachable, namespace created by the same stack,
 * clusters without virt-api's webhooks) and before anything is sent.
 */
import { CheckFailure, containsUnknown, fail } from "../types";
import { asRecord, isSet } from "./dataVolume";

type Json = Record<string, unknown>;

/** Lists of the template spec by their path below `spec.template.spec`. */
const LISTS = {
    interfaces: "domain.devices.interfaces",
    disks: "domain.devices.disks",
    filesystems: "domain.devices.filesystems",
    networks: "networks",
    volumes: "volumes",
} as const;
type ListName = keyof typeof LISTS;

/** Each entry of `from` needs an entry of the same name in one of `to` (unless `exempt`). */
interface Pairing {
    from: ListName;
    to: ListName[];
    what: string;
    /** Entries KubeVirt does not pair (an empty CD-ROM tray). */
    exempt?: (entry: Json) => boolean;
}

const PAIRINGS: readonly Pairing[] = [
    { from: "interfaces", to: ["networks"], what: "network" },
    { from: "networks", to: ["interfaces"], what: "interface" },
    { from: "disks", to: ["volumes"], what: "volume", exempt: (d) => isSet(d.cdrom) },
];

const TEMPLATE = "spec.template.spec";

function listAt(spec: Json, list: ListName): Json[] {
    let cur: unknown = spec;
    for (const k of LISTS[list].split(".")) cur = asRecord(cur)?.[k];
    return Array.isArray(cur) ? cur.map((e) => asRecord(e) ?? {}) : [];
}

const at = (list: ListName, i: number) => `${TEMPLATE}.${LISTS[list]}[${i}]`;

function unpaired(spec: Json, p: Pairing): CheckFailure[] {
    const names = new Set(p.to.flatMap((l) => listAt(spec, l).map((e) => e.name)));
    return listAt(spec, p.from).flatMap((entry, i) => {
        if (typeof entry.name !== "string" || names.has(entry.name) || p.exempt?.(entry)) return [];
        const targets = p.to.map((l) => `'${TEMPLATE}.${LISTS[l]}'`).join(" or ");
        return [
            fail(
                `${at(p.from, i)}.name`,
                `'${at(p.from, i)}.name' is ${JSON.stringify(entry.name)}, but no ${p.what} of that name is in ${targets}`,
            ),
        ];
    });
}

function duplicates(spec: Json, list: ListName): CheckFailure[] {
    const seen = new Map<unknown, number>();
    return listAt(spec, list).flatMap((entry, i) => {
        const first = seen.get(entry.name);
        if (typeof entry.name === "string") seen.set(entry.name, first ?? i);
        if (first === undefined || typeof entry.name !== "string") return [];
        return [
            fail(
                `${at(list, i)}.name`,
                `'${at(list, i)}.name' ${JSON.stringify(entry.name)} is declared twice (also ${at(list, first)}); names must be unique`,
            ),
        ];
    });
}

/** How many of an entry's keys may be set: a volume has one source, a disk one target type. */
const ONE_OF: readonly {
    list: ListName;
    keys?: readonly string[];
    atLeastOne: boolean;
    what: string;
}[] = [
    {
        list: "volumes",
        atLeastOne: true,
        what: "source type (containerDisk, dataVolume, persistentVolumeClaim, ...)",
    },
    {
        list: "disks",
        keys: ["disk", "lun", "cdrom"],
        atLeastOne: false,
        what: "target type (disk, lun, cdrom)",
    },
];

function oneOf(spec: Json): CheckFailure[] {
    return ONE_OF.flatMap((rule) =>
        listAt(spec, rule.list).flatMap((entry, i) => {
            const set = (rule.keys ?? Object.keys(entry).filter((k) => k !== "name")).filter((k) =>
                isSet(entry[k]),
            );
            if (set.length === 1 || (set.length === 0 && !rule.atLeastOne)) return [];
            const got = set.length ? `${set.length} (${set.join(", ")})` : "none";
            const quantity = rule.atLeastOne ? "exactly one" : "at most one";
            return [
                fail(
                    at(rule.list, i),
                    `'${at(rule.list, i)}' must set ${quantity} ${rule.what}; got ${got}`,
                ),
            ];
        }),
    );
}

function allNamed(spec: Json): boolean {
    return (Object.keys(LISTS) as ListName[]).every((l) =>
        listAt(spec, l).every((e) => typeof e.name === "string"),
    );
}

/** The name-reference rules of a VM manifest; skipped while the template spec is unknown. */
export function checkVmDevices(vm: unknown): CheckFailure[] {
    const spec = asRecord(asRecord(asRecord(asRecord(vm)?.spec)?.template)?.spec);
    // A missing domain or an unnamed entry is the schema's failure; pairing would only echo it.
    if (!spec || containsUnknown(spec) || !asRecord(spec.domain) || !allNamed(spec)) return [];
    return [
        ...(Object.keys(LISTS) as ListName[]).flatMap((l) => duplicates(spec, l)),
        ...PAIRINGS.flatMap((p) => unpaired(spec, p)),
        ...oneOf(spec),
    ];
}
