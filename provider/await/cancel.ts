/**
 * Cancellation: end the provider's waits promptly when the engine gives up, instead of holding
 * `pulumi up` until the user's timeout (10 minutes for a DataVolume that never imports).
 *
 * How the engine stops a plugin (pulumi 3.248 `sdk/go/common/resource/plugin/plugin.go`):
 *  1. first Ctrl-C: the `Cancel` RPC, then it waits for in-flight operations. The dynamic-provider
 *     host (@pulumi/pulumi `cmd/dynamic-provider`) answers that RPC and does nothing else, so this
 *     module hears it itself and aborts one process-wide signal. A cancelled wait fails with the
 *     object it last saw; create and update record that as partial state, and the next `up`
 *     continues from the cluster.
 *  2. second Ctrl-C, and every normal shutdown: SIGINT to the plugin's process group, SIGKILL 5 s
 *     later. Node's default (exit at once) is right, so no handler is installed: a handler would
 *     delay every run's shutdown, and the engine no longer listens for answers.
 *  3. the CLI killed outright (SIGKILL): nobody tells the plugin, which would go on waiting and
 *     writing for up to the user's timeout. It notices that it was re-parented and exits; every
 *     write is an idempotent apply, so the next `up` converges from whatever was done.
 */
import * as http2 from "http2";
import { setMaxListeners } from "events";

const controller = new AbortController();
// Every wait in flight listens to this one signal (hundreds in a large stack): not a leak, so
// Node's warning after ten listeners would only put noise on the provider's stderr.
setMaxListeners(0, controller.signal);
let installed = false;

/** Aborted once the engine cancels; never aborted outside the dynamic-provider host. */
export function cancelSignal(): AbortSignal {
    if (!installed) {
        installed = true;
        if (inProviderHost()) install();
    }
    return controller.signal;
}

/** Why the signal aborted, for messages. */
export function cancelReason(): string {
    return String(controller.signal.reason ?? "cancelled");
}

function inProviderHost(): boolean {
    return /dynamic-provider[\\/]index\.js$/.test(require.main?.filename ?? process.argv[1] ?? "");
}

function install(): void {
    const cancel = (why: string) => {
        if (!controller.signal.aborted) controller.abort(why);
    };
    hearCancelRpc(() => cancel("the update was cancelled (Ctrl-C)"));
    // The host's launcher script execs node, so the parent is the CLI itself. Checked every second.
    const parent = process.ppid;
    setInterval(() => {
        if (process.ppid === parent) return;
        process.stderr.write("pulumi-kubevirt: the pulumi CLI exited; stopping the provider\n");
        process.exit(1);
    }, 1000).unref();
}

/**
 * The host's gRPC server (grpc-js over node:http2) is already listening when this module loads
 * and exposes no hook, so the `stream` event of the process's HTTP/2 server is observed through
 * its prototype: a call to `/pulumirpc.ResourceProvider/Cancel` aborts the signal, and the event
 * is passed on unchanged, so the host still answers it as before.
 */
function hearCancelRpc(onCancel: () => void): void {
    const proto = Object.getPrototypeOf(http2.createServer()) as {
        emit: (ev: string | symbol, ...args: unknown[]) => boolean;
    };
    const emit = proto.emit;
    proto.emit = function (this: unknown, ev: string | symbol, ...args: unknown[]): boolean {
        const headers = args[1] as http2.IncomingHttpHeaders | undefined;
        if (ev === "stream" && headers?.[":path"] === "/pulumirpc.ResourceProvider/Cancel")
            onCancel();
        return emit.call(this, ev, ...args);
    };
}
