/**
 * Generates `schema/<kindCamel>.schema.json` (JSON Schema draft-07, for ajv), `schema/index.json`
 * and `schema/README.md` from the pinned upstream CRDs.
 *
 * Usage: `node dist/scripts/genSchema.js`. CRDs are read from `$SHARED_DIR/upstream/crds`
 * (default `<repo>/../shared`); the OpenShift Template stand-in comes from `bed/crds/`.
 * Output is deterministic (sorted keys, fixed formatting), so re-running changes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { UPSTREAM, upstreamCrdsDir, writeIfChanged } from "./upstream";
import { STAND_IN, TARGETS, type Target } from "./schemaTargets";

/** A JSON Schema / OpenAPI v3 schema node. */
type Node = Record<string, unknown>;

const QUALIFIED_NAME =
    "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$";
const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

/**
 * CEL rules (x-kubernetes-validations) that have an exact JSON Schema equivalent. ajv cannot run
 * CEL, so without this table these apiserver checks would only fail at apply time.
 */
const CEL: Record<string, Node> = {
    "self.startsWith('/')": { pattern: "^/" },
    "!self.contains('..')": { not: { pattern: "\\.\\." } },
    "self == true": { const: true },
    [`self.all(am, am in [${ACCESS_MODES.map((m) => `'${m}'`).join(", ")}])`]: {
        items: { enum: ACCESS_MODES },
    },
    "self.all(k, !format.qualifiedName().validate(k).hasValue())": {
        propertyNames: { pattern: QUALIFIED_NAME },
    },
};

/** Keys that mean nothing to a JSON Schema validator or to the SDK generator. */
const DROP = new Set([
    "nullable",
    "x-kubernetes-list-type",
    "x-kubernetes-map-type",
    "x-kubernetes-validations",
    "x-kubernetes-embedded-resource",
]);

/** Metadata fields the apiserver validates itself; CRD schemas only say `type: object`. */
const OBJECT_META: Node = {
    description:
        "Standard object metadata. Only the commonly set ObjectMeta fields are listed (added by genSchema).",
    type: "object",
    properties: {
        name: {
            type: "string",
            maxLength: 253,
            pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
        },
        generateName: { type: "string" },
        namespace: { type: "string", maxLength: 63, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
        labels: { type: "object", additionalProperties: { type: "string" } },
        annotations: { type: "object", additionalProperties: { type: "string" } },
        finalizers: { type: "array", items: { type: "string" } },
    },
    // ObjectMeta has many more fields (ownerReferences, uid, ...); the apiserver checks those.
    additionalProperties: true,
};

const untranslatedCel: string[] = [];

/** Walks up from this file to the directory whose package.json is named pulumi-kubevirt. */
export function findRepoRoot(start: string = __dirname): string {
    for (let dir = start; ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (
            fs.existsSync(pkg) &&
            JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-kubevirt"
        )
            return dir;
        if (path.dirname(dir) === dir)
            throw new Error(`no pulumi-kubevirt package.json above ${start}`);
    }
}

/** `VirtualMachine` → `virtualMachine`: the file-name stem used under schema/ and sdk/types/. */
export function kindCamel(kind: string): string {
    return kind[0].toLowerCase() + kind.slice(1);
}

/** Converts one structural-schema node (recursively) into draft-07. */
function convertNode(node: Node): Node {
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) {
        if (DROP.has(key)) continue;
        if (key === "properties") {
            out[key] = Object.fromEntries(
                Object.entries(value as Node).map(([k, v]) => [k, convertNode(v as Node)]),
            );
        } else if (
            ["items", "not"].includes(key) ||
            (key === "additionalProperties" && typeof value === "object")
        ) {
            out[key] = convertNode(value as Node);
        } else if (["anyOf", "allOf", "oneOf"].includes(key)) {
            out[key] = (value as Node[]).map(convertNode);
        } else {
            out[key] = value;
        }
    }
    applyNullable(node, out);
    applyListType(node, out);
    applyCel(node, out);
    closeObject(out);
    return out;
}

/** OpenAPI `nullable` has no draft-07 keyword; widen `type` (and `enum`/`anyOf`) to admit null. */
function applyNullable(node: Node, out: Node): void {
    if (node.nullable !== true) return;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: "null" }];
}

/** `set` lists reject duplicates in the apiserver; `map` lists keep their keys for the validator. */
function applyListType(node: Node, out: Node): void {
    if (node["x-kubernetes-list-type"] === "set") out.uniqueItems = true;
}

/** Adds translated CEL rules under allOf, each carrying the upstream message for error reasons. */
function applyCel(node: Node, out: Node): void {
    const rules = node["x-kubernetes-validations"] as
        { rule: string; message?: string }[] | undefined;
    for (const { rule, message } of rules ?? []) {
        const fragment = CEL[rule];
        if (!fragment) {
            untranslatedCel.push(rule);
            continue;
        }
        const entry = { $comment: `CEL: ${rule}`, "x-cel-message": message ?? rule, ...fragment };
        out.allOf = [...((out.allOf as Node[]) ?? []), entry];
    }
}

/**
 * Structural schemas prune unknown fields silently (and reject them with fieldValidation=Strict).
 * Closing objects here lets check() report typos instead of letting them vanish.
 */
function closeObject(out: Node): void {
    const open =
        out["x-kubernetes-preserve-unknown-fields"] === true || "additionalProperties" in out;
    if (out.type === "object" && out.properties && !open) out.additionalProperties = false;
}

/** Recursively sorts object keys so output does not depend on upstream key order. */
function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value as Node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

interface Crd {
    spec: {
        group: string;
        scope: string;
        names: { plural: string; kind: string };
        versions: {
            name: string;
            served: boolean;
            storage?: boolean;
            schema?: { openAPIV3Schema: Node };
        }[];
    };
}

/** Loads the CRD for one target and checks it is the kind and version we expect. */
function loadCrd(t: Target, file: string): Crd {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS());
    const crd = docs.find((d) => d?.kind === "CustomResourceDefinition") as Crd | undefined;
    if (!crd || crd.spec.names.kind !== t.kind)
        throw new Error(`${file}: no CRD for kind ${t.kind}`);
    return crd;
}

/** Builds the draft-07 schema of one kind: served version's schema, status removed, metadata typed. */
function buildSchema(t: Target, crd: Crd, source: string, upstream: string): Node {
    const version = crd.spec.versions.find((v) => v.name === t.version && v.served);
    const root = version?.schema?.openAPIV3Schema;
    if (!root) throw new Error(`${t.kind}: version ${t.version} is not served or has no schema`);
    const props = { ...(root.properties as Node) };
    delete props.status; // written by controllers, never by users
    props.metadata = OBJECT_META;
    const required = ((root.required as string[]) ?? []).filter((r) => r !== "status");
    const converted = convertNode({ ...root, properties: props, required });
    if (!required.length) delete converted.required;
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        $comment: `GENERATED by scripts/genSchema.ts from ${source} (${upstream}). Do not edit by hand.`,
        title: `${crd.spec.group}/${t.version} ${t.kind}`,
        ...(sortKeys(converted) as Node),
    };
}

/** One row of schema/index.json. */
interface IndexEntry {
    apiVersion: string;
    plural: string;
    namespaced: boolean;
    file: string;
    source: string;
    upstream: string;
    storageVersion: string;
}

/** Generates one kind's schema file and returns its index entry. */
function generateKind(t: Target, root: string, crdsDir: string, outDir: string): IndexEntry {
    const file = t.local ? path.join(root, t.crd) : path.join(crdsDir, t.crd);
    const source = t.local ? t.crd : `shared/upstream/crds/${t.crd}`;
    const upstream = t.local ? STAND_IN : UPSTREAM[t.crd.split("/")[0]];
    const crd = loadCrd(t, file);
    const schema = buildSchema(t, crd, source, upstream);
    const out = `${kindCamel(t.kind)}.schema.json`;
    writeIfChanged(path.join(outDir, out), JSON.stringify(schema, null, 1) + "\n");
    const storage = crd.spec.versions.find((v) => v.storage)?.name ?? t.version;
    return {
        apiVersion: `${crd.spec.group}/${t.version}`,
        plural: crd.spec.names.plural,
        namespaced: crd.spec.scope === "Namespaced",
        file: out,
        source,
        upstream,
        storageVersion: storage,
    };
}

/** Renders schema/README.md. */
function renderReadme(index: Record<string, IndexEntry>): string {
    const rows = Object.entries(index).map(
        ([kind, e]) => `| ${kind} | ${e.apiVersion} | ${e.file} | ${e.source} | ${e.upstream} |`,
    );
    const cel = Object.keys(CEL).map((r) => `  - \`${r}\``);
    const lost = [...new Set(untranslatedCel)].sort().map((r) => `  - \`${r}\``);
    return [
        "<!-- GENERATED by scripts/genSchema.ts from the CRDs listed below. Do not edit by hand. -->",
        "# schema/",
        "",
        "JSON Schema (draft-07) per kind, the single source for ajv validation in `check()` and for",
        "`sdk/types/`. Regenerate with `npx tsc -p tsconfig.json && node dist/scripts/genSchema.js`;",
        "`scripts/check-generated.sh` fails CI when the committed files are stale.",
        "",
        "| kind | apiVersion | file | source | upstream |",
        "|---|---|---|---|---|",
        ...rows,
        "",
        "`index.json` maps kind to apiVersion, plural, namespaced, file, source, upstream and storageVersion.",
        "`Template` comes from `bed/crds/template.openshift.io_templates.yaml`, a hand-written test-bed stand-in:",
        "openshift-apiserver serves Template natively and no upstream CRD exists (see the header of that file).",
        "",
        "## How each CRD schema is transformed",
        "",
        "- The `openAPIV3Schema` of the listed served version (every version shares one schema) with `status` removed.",
        "- `metadata` gets the common ObjectMeta fields (name, namespace, labels, annotations, ...).",
        "- `nullable: true` becomes a `null` member of `type`; the validator drops other nulls as the apiserver does.",
        "- Objects with `properties` and no `x-kubernetes-preserve-unknown-fields` get `additionalProperties: false`,",
        "  so typos are reported (the apiserver would prune them silently, or reject them with fieldValidation=Strict).",
        "- `x-kubernetes-list-type: set` becomes `uniqueItems`; `x-kubernetes-preserve-unknown-fields`,",
        "  `x-kubernetes-int-or-string` and `x-kubernetes-list-map-keys` are kept (the validator registers them as",
        "  keywords); other `x-kubernetes-*` keys are dropped.",
        "- CEL rules with an exact JSON Schema equivalent are translated (under `allOf`, message in `x-cel-message`):",
        ...cel,
        "- CEL rules not enforced by these schemas:",
        ...(lost.length ? lost : ["  - none"]),
        "",
    ].join("\n");
}

/** Entry point: generates every target into `<repo>/schema`. */
export function main(): void {
    const root = findRepoRoot();
    const crdsDir = upstreamCrdsDir(root);
    const outDir = path.join(root, "schema");
    fs.mkdirSync(outDir, { recursive: true });
    const index: Record<string, IndexEntry> = {};
    for (const t of [...TARGETS].sort((a, b) => (a.kind < b.kind ? -1 : 1))) {
        index[t.kind] = generateKind(t, root, crdsDir, outDir);
    }
    const expected = new Set(Object.values(index).map((e) => e.file));
    for (const f of fs.readdirSync(outDir)) {
        if (f.endsWith(".schema.json") && !expected.has(f)) fs.unlinkSync(path.join(outDir, f));
    }
    writeIfChanged(
        path.join(outDir, "index.json"),
        JSON.stringify(sortKeys(index), null, 1) + "\n",
    );
    writeIfChanged(path.join(outDir, "README.md"), renderReadme(index));
    console.log(
        `genSchema: ${Object.keys(index).length} kinds written to ${path.relative(process.cwd(), outDir) || "."}`,
    );
}

if (require.main === module) main();
