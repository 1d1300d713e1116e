/**
 * The one ajv instance the validator compiles schemas with, taught the keywords and formats
 * Kubernetes schemas use (and that the apiserver enforces, or deliberately does not).
 */
import Ajv, { type ErrorObject } from "ajv";
import { isUnknown } from "./types";
import { isRecord } from "./schemaInput";

let ajv: Ajv | undefined;

/** OpenAPI formats the apiserver does not enforce for CRDs; registered so ajv stays quiet. */
const unenforcedFormats = [
    "byte",
    "double",
    "float",
    "quantity",
    "date",
    "duration",
    "uri",
    "password",
    "binary",
];

const int = (min: number, max: number) => ({
    type: "number" as const,
    validate: (n: number) => Number.isInteger(n) && n >= min && n <= max,
});

/** The shared ajv instance, with the keywords and formats Kubernetes schemas use. */
export function getAjv(): Ajv {
    if (ajv) return ajv;
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true });
    // Annotations only: they inform genSdkTypes and error messages, not validation.
    ajv.addVocabulary([
        "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-int-or-string",
        "x-cel-message",
    ]);
    ajv.addKeyword({
        keyword: "x-kubernetes-list-map-keys",
        type: "array",
        schemaType: "array",
        validate: uniqueListMapKeys,
    });
    ajv.addFormat("int32", int(-(2 ** 31), 2 ** 31 - 1));
    ajv.addFormat("int64", int(-(2 ** 63), 2 ** 63));
    ajv.addFormat(
        "date-time",
        /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
    );
    for (const f of unenforcedFormats) ajv.addFormat(f, true);
    return ajv;
}

/** `x-kubernetes-list-type: map`: entries must be unique by their keys (apiserver "Duplicate value"). */
function uniqueListMapKeys(keys: string[], data: unknown[]): boolean {
    const seen = new Set<string>();
    const errors: Partial<ErrorObject>[] = [];
    data.forEach((item, i) => {
        const values = keys.map((k) => (isRecord(item) ? item[k] : undefined));
        if (values.some(isUnknown)) return; // two unknown names are not (yet) duplicates
        const key = JSON.stringify(values);
        const desc = keys.map((k, j) => `${k}=${JSON.stringify(values[j])}`).join(", ");
        if (seen.has(key)) {
            errors.push({
                keyword: "x-kubernetes-list-map-keys",
                message: `duplicates an earlier entry with ${desc}`,
                params: { index: i },
            });
        }
        seen.add(key);
    });
    (uniqueListMapKeys as unknown as { errors: unknown }).errors = errors;
    return errors.length === 0;
}
