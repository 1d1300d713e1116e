/** Kinds of the templates area, registered into the provider's dispatch table (provider/index.ts). */
import type { KindProvider } from "../kind";
import { makeKindProvider } from "../resources/generic/provider";
import { templateKind } from "../resources/template/kind";
import { virtualMachineTemplateKind } from "../resources/virtualMachineTemplate/kind";
import { instancetypeKinds } from "../resources/instancetype/kinds";
import { templatedVirtualMachineProvider } from "../resources/templatedVirtualMachine/provider";

export const templatesKinds: Record<string, KindProvider> = {
    Template: makeKindProvider(templateKind),
    VirtualMachineTemplate: makeKindProvider(virtualMachineTemplateKind),
    ...Object.fromEntries(instancetypeKinds.map((def) => [def.kind, makeKindProvider(def)])),
    TemplatedVirtualMachine: templatedVirtualMachineProvider,
};
