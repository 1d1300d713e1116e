/**
 * Kinds of the networking area, registered into the provider's dispatch table (provider/index.ts).
 * NetworkAttachmentDefinition is registered in provider/index.ts itself.
 */
import type { KindProvider } from "../kind";
import { makeNncpProvider } from "../resources/nodeNetworkConfigurationPolicy/provider";

export const networkingKinds: Record<string, KindProvider> = {
    NodeNetworkConfigurationPolicy: makeNncpProvider(),
};
