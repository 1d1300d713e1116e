/**
 * Command-line parsing for `pulumi-kubevirt`. Pure, so usage errors are unit-tested; no argument
 * library on purpose (the project adds no dependencies and the grammar is tiny).
 */
import { failOnValues, isFailOn, type FailOn, type ReportFormat } from "../provider/report";

/** Exit codes, documented in the usage text and docs/troubleshooting.md. */
export const exitCodes = { ok: 0, usage: 2, gate: 3 } as const;

/** A bad command line or unreadable input: exit code 2 with this message. */
export class UsageError extends Error {
    override name = "UsageError";
}

export type Command =
    | { command: "help" }
    | { command: "version" }
    | { command: "report"; input?: string; format: ReportFormat; failOn: FailOn[] };

export const usage = `pulumi-kubevirt report: what a pulumi preview will do to each KubeVirt resource.

Usage:
  pulumi preview --json | pulumi-kubevirt report [options]
  pulumi-kubevirt report --input preview.json [options]

Options:
  --input <file>        read the \`pulumi preview --json\` output from <file> ("-" or omitted: stdin)
  --format <f>          markdown (default; for PR comments) or text (for terminals)
  --fail-on <level>     exit 3 when any existing resource is disrupted at least this much:
                        ${failOnValues.join(" | ")} (any = any change; deletes and preview
                        errors always trip a gate; creates never do). May be repeated.
  -h, --help            this text
  --version             the package version

Exit codes: 0 report printed (gate passed or none set), 2 bad usage or input,
3 report printed and a --fail-on gate tripped (the reasons go to stderr).
`;

function value(argv: readonly string[], i: number, flag: string): string {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith("--") && v !== "-"))
        throw new UsageError(`${flag} needs a value`);
    return v;
}

function parseReport(argv: readonly string[]): Command {
    const cmd: { command: "report"; input?: string; format: ReportFormat; failOn: FailOn[] } = {
        command: "report",
        format: "markdown",
        failOn: [],
    };
    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i]!;
        const [flag, inline] = raw.includes("=")
            ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)]
            : [raw, undefined];
        if (flag === "-h" || flag === "--help") return { command: "help" };
        if (!["--input", "--format", "--fail-on"].includes(flag))
            throw new UsageError(`unknown option '${raw}'`);
        const v = inline ?? value(argv, i, flag);
        if (inline === undefined) i++;
        if (flag === "--input") {
            if (v === "-") delete cmd.input;
            else cmd.input = v;
        } else if (flag === "--format") cmd.format = formatOf(v);
        else cmd.failOn.push(failOnOf(v));
    }
    return cmd;
}

function formatOf(v: string): ReportFormat {
    if (v === "markdown" || v === "md") return "markdown";
    if (v === "text") return "text";
    throw new UsageError(`--format is '${v}'; allowed: markdown, text`);
}

function failOnOf(v: string): FailOn {
    if (isFailOn(v)) return v;
    throw new UsageError(`--fail-on is '${v}'; allowed: ${failOnValues.join(", ")}`);
}

/** Parse `process.argv.slice(2)`. Throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
    const [sub, ...rest] = argv;
    if (sub === undefined)
        throw new UsageError("no command given; try 'pulumi-kubevirt report --help'");
    if (sub === "-h" || sub === "--help" || sub === "help") return { command: "help" };
    if (sub === "--version" || sub === "version") return { command: "version" };
    if (sub === "report") return parseReport(rest);
    throw new UsageError(`unknown command '${sub}'; the only command is 'report'`);
}
