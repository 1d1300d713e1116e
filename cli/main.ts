#!/usr/bin/env node
/**
 * The `pulumi-kubevirt` command (package.json "bin"). Thin on purpose: reads the preview from a
 * file or stdin, prints the report from provider/report, and maps outcomes to exit codes
 * (cli/args.ts `exitCodes`). All decisions live in the pure modules so they are unit-tested.
 */
import * as fs from "fs";
import * as path from "path";
import { exitCodes, parseArgs, usage, UsageError } from "./args";
import { makeReport, ReportInputError } from "../provider/report";

function readInput(input: string | undefined): { text: string; source: string } {
    if (input !== undefined) {
        try {
            return { text: fs.readFileSync(input, "utf8"), source: input };
        } catch (err) {
            throw new UsageError(`cannot read --input ${input}: ${(err as Error).message}`);
        }
    }
    if (process.stdin.isTTY) {
        throw new UsageError(
            "no input: pipe `pulumi preview --json` into this command, or pass --input <file>",
        );
    }
    return { text: fs.readFileSync(0, "utf8"), source: "stdin" };
}

function version(): string {
    const pkg = JSON.parse(
        fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
    ) as { version: string };
    return pkg.version;
}

function run(argv: readonly string[]): number {
    const cmd = parseArgs(argv);
    if (cmd.command === "help") {
        process.stdout.write(usage);
        return exitCodes.ok;
    }
    if (cmd.command === "version") {
        process.stdout.write(`${version()}\n`);
        return exitCodes.ok;
    }
    const { text, source } = readInput(cmd.input);
    const out = makeReport(text, source, cmd.format, cmd.failOn);
    process.stdout.write(out.text);
    if (!out.gate.tripped) return exitCodes.ok;
    process.stderr.write(
        `pulumi-kubevirt report: --fail-on ${cmd.failOn.join(",")} tripped:\n${out.gate.reasons.map((r) => `  - ${r}\n`).join("")}`,
    );
    return exitCodes.gate;
}

function main(): void {
    try {
        process.exitCode = run(process.argv.slice(2));
    } catch (err) {
        if (err instanceof UsageError || err instanceof ReportInputError) {
            process.stderr.write(`pulumi-kubevirt: ${err.message}\n`);
            if (err instanceof UsageError)
                process.stderr.write("Run 'pulumi-kubevirt report --help' for usage.\n");
            process.exitCode = exitCodes.usage;
            return;
        }
        throw err;
    }
}

main();
