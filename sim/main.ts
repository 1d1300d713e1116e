#!/usr/bin/env node
/**
 * `node dist/sim/main.js --kubeconfig <path> [--config <json>]`: run the KubeVirt/CDI/nmstate
 * simulator against a cluster until SIGINT/SIGTERM.
 */
import { newKubeClient } from "../provider/k8s/kubeClient";
import * as fs from "fs";
import * as path from "path";
import type { KubeClient } from "../provider/k8s/client";
import { loadConfig, type SimConfig } from "./config";
import { startSim } from "./index";
import { stdoutLogger } from "./log";

interface Args {
    kubeconfig?: string;
    config?: string;
    kubevirt?: string;
    handlerKubeconfigs?: string;
}

function parseArgs(argv: string[]): Args {
    const out: Args = {};
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i]!.split("=", 2);
        const value = inline ?? argv[++i];
        if (flag === "--kubeconfig") out.kubeconfig = value;
        else if (flag === "--config") out.config = value;
        else if (flag === "--kubevirt") out.kubevirt = value;
        else if (flag === "--handler-kubeconfigs") out.handlerKubeconfigs = value;
        else if (flag === "--help" || flag === "-h") usage(0);
        else usage(2, `unknown argument ${argv[i]}`);
    }
    return out;
}

function usage(code: number, err?: string): never {
    if (err) process.stderr.write(`${err}\n`);
    process.stderr.write(
        "usage: node dist/sim/main.js --kubeconfig <path> [--config <json file>] [--kubevirt sim|real --handler-kubeconfigs <dir>]\n",
    );
    process.exit(code);
}

/** virt-handler's node-bound identities: `<dir>/handler-<node>.kubeconfig`, one client per node. */
function handlerClients(
    dir: string | undefined,
): ((identity: string) => KubeClient | undefined) | undefined {
    if (!dir) return undefined;
    const clients = new Map<string, KubeClient>();
    return (identity) => {
        const node = identity.startsWith("handler:")
            ? identity.slice("handler:".length)
            : undefined;
        const file = node ? path.join(dir, `handler-${node}.kubeconfig`) : undefined;
        if (!node || !file || !fs.existsSync(file)) return undefined;
        if (!clients.has(node)) clients.set(node, newKubeClient({ kubeconfig: file }));
        return clients.get(node);
    };
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const config = loadConfig(args.config);
    if (args.kubevirt) config.kubevirt = args.kubevirt as SimConfig["kubevirt"];
    const client = newKubeClient(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {});
    const sim = startSim(client, config, {
        log: stdoutLogger,
        clientFor: handlerClients(args.handlerKubeconfigs),
    });
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
