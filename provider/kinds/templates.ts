/** Kinds of the templates area, registered into the provider's dispatch table (provider/index.ts). */
import type { KindProvider } from "../kind";

export const templatesKinds: Record<string, KindProvider> = {};
