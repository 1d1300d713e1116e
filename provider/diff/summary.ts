/** The one-line summary of a plan, shared by every kind's planned impact. Pure. */
import type { ChangePlan, Impact } from "./types";

/** The impact in a plan's one-line summary; reports label impacts with report/words.ts `impactLabel`. */
const summaryWords: Record<Impact, string> = {
    none: "no change",
    metadata: "metadata only",
    live: "applied live",
    liveMigrate: "live migration",
    restart: "needs restart",
    replace: "needs replacement",
};

/** One line for reports, e.g. "vm-1: live migration (cpu.sockets 2→4)". */
export function summarizePlan(plan: ChangePlan, name: string): string {
    const top = [
        ...new Set(
            plan.reasons.filter((r) => r.impact === plan.impact).map((r) => r.summary ?? r.path),
        ),
    ];
    const shown = top.slice(0, 3).join(", ") + (top.length > 3 ? `, +${top.length - 3} more` : "");
    const head = `${name}: ${summaryWords[plan.impact]}`;
    return shown === "" ? head : `${head} (${shown})`;
}
