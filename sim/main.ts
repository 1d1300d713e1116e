#!/usr/bin/env node
/**
 * `node dist/sim/main.js --kubeconfig <path> [--config <json>]`: run the KubeVirt/CDI/nmstate
 * simulator against a cluster until SIGINT/SIGTERM.
 */
import { newKubeClient } from "../provider/k8s/kubeClient";
import { loadConfig } from "./config";
import { startSim } from "./index";
import { stdoutLogger } from "./log";

function parseArgs(argv: string[]): { kubeconfig?: string; config?: string } {
    const out: { kubeconfig?: string; config?: string } = {};
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i]!.split("=", 2);
        const value = inline ?? argv[++i];
        if (flag === "--kubeconfig") out.kubeconfig = value;
        else if (flag === "--config") out.config = value;
        else if (flag === "--help" || flag === "-h") usage(0);
        else usage(2, `unknown argument ${argv[i]}`);
    }
    return out;
}

function usage(code: number, err?: string): never {
    if (err) process.stderr.write(`${err}\n`);
    process.stderr.write("usage: node dist/sim/main.js --kubeconfig <path> [--config <json file>]\n");
    process.exit(code);
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const config = loadConfig(args.config);
    const client = newKubeClient(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {});
    const sim = startSim(client, config, { log: stdoutLogger });
    const shutdown = (sig: string): void => {
        stdoutLogger(`[sim] ${sig}: stopping`);
        void sim.stop().then(() => process.exit(0));
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    await sim.ready;
}

main().catch((err: unknown) => {
    process.stderr.write(`sim: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
