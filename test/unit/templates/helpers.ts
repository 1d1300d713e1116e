/** Shared fixtures of the template tests: the pinned common templates (v0.34.1). */
import * as path from "node:path";
import { examplesDir, loadYaml, type Manifest } from "../validation/helpers";

/** `test/fixtures/upstream/examples/common-templates/common-templates-v0.34.1.yaml` (173 Templates). */
export const commonTemplatesFile = (): string =>
    path.join(examplesDir(), "common-templates", "common-templates-v0.34.1.yaml");

/** Every Template of the common-templates bundle. */
export function commonTemplates(): Manifest[] {
    return loadYaml(commonTemplatesFile()).filter((d) => d.kind === "Template");
}

/** One common template by name (e.g. "fedora-server-small"). */
export function commonTemplate(name: string): Manifest {
    const t = commonTemplates().find((d) => d.metadata?.name === name);
    if (!t) throw new Error(`no common template ${name}`);
    return t;
}
