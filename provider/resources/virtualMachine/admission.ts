/**
 * Admission in preview: a server-side dry-run apply of the desired VM runs KubeVirt's own
 * webhooks (virt-api's validators and mutators declare no side effects, so they run on dry runs)
 * and the CRD schema, without writing anything. A rejection becomes a check failure naming the
 * field KubeVirt names, so `pulumi preview` fails instead of `up` half-way through a stack.
 * Anything else (cluster unreachable, namespace created later in the same stack, no permission to
 * dry-run) says nothing: preview keeps working offline and the apply reports the real error.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { KubeClient } from "../../k8s/client";
import { KubeApiError } from "../../errors";
import type { Props } from "../../kindProvider";
import { vmToApply } from "./desired";

/** True for an answer that is the API server or a webhook refusing the object itself. */
export function isRejection(err: unknown): err is KubeApiError {
    if (!(err instanceof KubeApiError)) return false;
    return /admission webhook .* denied the request/i.test(err.message) || err.code === 422;
}

/** Check failures for what the API server would refuse; empty when it would accept or cannot say. */
export async function admissionFailures(
    client: () => KubeClient,
    inputs: Props,
): Promise<pulumi.dynamic.CheckFailure[]> {
    try {
        await client().apply(vmToApply(inputs), { force: true, dryRun: true });
        return [];
    } catch (err) {
        if (!isRejection(err)) return [];
        return rejectionFailures(err);
    }
}

/** One failure per field the rejection names (KubeVirt lists each offending field as a cause). */
export function rejectionFailures(err: KubeApiError): pulumi.dynamic.CheckFailure[] {
    const head = err.message.split("\n")[0]!.replace(/^.*?failed \(\d+ [^)]*\): /, "");
    const fields = err.causes.filter((c) => c.field || c.message);
    if (!fields.length)
        return [
            {
                property: "spec",
                reason: `rejected by the cluster's admission (KubeVirt virt-api or schema): ${head}`,
            },
        ];
    return fields.map((c) => ({
        property: (c.field ?? "spec").replace(/^(fake|virtualMachine)\./, ""),
        reason: `rejected by the cluster's admission (KubeVirt virt-api or schema): ${c.message ?? c.reason ?? head}`,
    }));
}
