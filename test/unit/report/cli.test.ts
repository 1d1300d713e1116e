import assert from "node:assert/strict";
import * as path from "path";
import { spawnSync } from "child_process";
import { parseArgs, UsageError } from "../../../cli/args";
import { fixtureDir, fixtureText, repoRoot } from "./helpers";

describe("cli: arguments", () => {
    const ok: { name: string; argv: string[]; expect: unknown }[] = [
        {
            name: "report defaults to Markdown from stdin without gates",
            argv: ["report"],
            expect: { command: "report", format: "markdown", failOn: [] },
        },
        {
            name: "report takes --input, --format and repeated --fail-on",
            argv: [
                "report",
                "--input",
                "p.json",
                "--format",
                "text",
                "--fail-on",
                "restart",
                "--fail-on=replace",
            ],
            expect: {
                command: "report",
                input: "p.json",
                format: "text",
                failOn: ["restart", "replace"],
            },
        },
        {
            name: "--input - means stdin",
            argv: ["report", "--input", "-"],
            expect: { command: "report", format: "markdown", failOn: [] },
        },
        {
            name: "--help anywhere asks for help",
            argv: ["report", "--format", "text", "--help"],
            expect: { command: "help" },
        },
        { name: "help is a command", argv: ["help"], expect: { command: "help" } },
        {
            name: "--version prints the version",
            argv: ["--version"],
            expect: { command: "version" },
        },
    ];
    for (const c of ok) it(c.name, () => assert.deepEqual(parseArgs(c.argv), c.expect));

    const bad: { name: string; argv: string[]; message: RegExp }[] = [
        { name: "No command is a usage error", argv: [], message: /no command given/ },
        {
            name: "An unknown command is a usage error",
            argv: ["plan"],
            message: /unknown command 'plan'/,
        },
        {
            name: "An unknown option is a usage error",
            argv: ["report", "--bogus"],
            message: /unknown option '--bogus'/,
        },
        {
            name: "A bad format lists the allowed ones",
            argv: ["report", "--format", "html"],
            message: /allowed: markdown, text/,
        },
        {
            name: "A bad gate lists the allowed ones",
            argv: ["report", "--fail-on", "reboot"],
            message: /allowed: any, metadata, live, liveMigrate, restart, replace/,
        },
        {
            name: "An option without value is a usage error",
            argv: ["report", "--input"],
            message: /--input needs a value/,
        },
    ];
    for (const c of bad)
        it(c.name, () =>
            assert.throws(
                () => parseArgs(c.argv),
                (e: Error) => e instanceof UsageError && c.message.test(e.message),
            ),
        );
});

describe("cli: the pulumi-kubevirt command", () => {
    const main = path.join(repoRoot, "dist", "cli", "main.js");
    const run = (args: string[], input?: string) =>
        spawnSync(process.execPath, [main, ...args], { input: input ?? "", encoding: "utf8" });
    const vmChanges = path.join(fixtureDir, "vmChanges.preview.json");

    const cases: {
        name: string;
        args: string[];
        input?: string;
        code: number;
        stdout?: RegExp;
        stderr?: RegExp;
    }[] = [
        {
            name: "Prints the Markdown report and exits 0",
            args: ["report", "--input", vmChanges],
            code: 0,
            stdout: /^<!-- pulumi-kubevirt-report -->/,
        },
        {
            name: "Reads the preview from stdin",
            args: ["report", "--format", "text"],
            input: fixtureText("vmChanges.preview.json"),
            code: 0,
            stdout: /^RESTART +VirtualMachine default\/vm-b$/m,
        },
        {
            name: "Exits 3 when --fail-on restart trips, still printing the report, reasons on stderr",
            args: ["report", "--input", vmChanges, "--fail-on", "restart"],
            code: 3,
            stdout: /vm-b/,
            stderr: /--fail-on restart tripped:\n {2}- VirtualMachine default\/vm-b: restart/,
        },
        {
            name: "Exits 2 on invalid JSON and names pulumi preview --json",
            args: ["report"],
            input: "not json",
            code: 2,
            stderr: /stdin is not valid JSON .*`pulumi preview --json`/,
        },
        {
            name: "Exits 2 when the input file is missing",
            args: ["report", "--input", "/nonexistent.json"],
            code: 2,
            stderr: /cannot read --input \/nonexistent\.json/,
        },
        {
            name: "Exits 2 on a usage error",
            args: ["report", "--fail-on", "x"],
            code: 2,
            stderr: /--fail-on is 'x'/,
        },
        {
            name: "Prints usage with exit codes on --help",
            args: ["report", "--help"],
            code: 0,
            stdout: /Exit codes: 0 report printed/,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const r = run(c.args, c.input);
            assert.equal(r.status, c.code, r.stderr);
            if (c.stdout) assert.match(r.stdout, c.stdout);
            if (c.stderr) assert.match(r.stderr, c.stderr);
        });
    }
});
