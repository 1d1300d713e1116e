/** Kinds of the storage area, registered into the provider's dispatch table (provider/index.ts). */
import type { KindProvider } from "../kind";

export const storageKinds: Record<string, KindProvider> = {};
