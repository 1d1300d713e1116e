/** Kinds of the networking area, registered into the provider's dispatch table (provider/index.ts). */
import type { KindProvider } from "../kind";

export const networkingKinds: Record<string, KindProvider> = {};
