/** Reads a Kubernetes watch response: one JSON event per line, until stopped, ended or aborted. */
import type * as http from "http";
import { decodeStatusError } from "./apiErrors";
import type { WatchEvent } from "./client";

export function streamWatch(
    req: http.ClientRequest,
    onEvent: (ev: WatchEvent) => void | "stop",
    signal: AbortSignal | undefined,
    what: string,
): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
        let lastRv: string | undefined;
        let buf = "";
        const finish = () => resolve(lastRv);
        req.on("error", (err) => (signal?.aborted ? finish() : reject(err)));
        req.on("response", (res: http.IncomingMessage) => {
            if ((res.statusCode ?? 0) >= 300) {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () =>
                    reject(
                        decodeStatusError(
                            res.statusCode ?? 0,
                            Buffer.concat(chunks).toString(),
                            `watch ${what}`,
                        ),
                    ),
                );
                return;
            }
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
                buf += chunk;
                let nl: number;
                while ((nl = buf.indexOf("\n")) >= 0) {
                    const line = buf.slice(0, nl).trim();
                    buf = buf.slice(nl + 1);
                    if (!line) continue;
                    const ev = JSON.parse(line) as WatchEvent;
                    if (ev.type === "ERROR") {
                        const st = ev.object as unknown as { code?: number };
                        req.destroy();
                        reject(
                            decodeStatusError(
                                st.code ?? 500,
                                JSON.stringify(ev.object),
                                `watch ${what}`,
                            ),
                        );
                        return;
                    }
                    lastRv = ev.object.metadata?.resourceVersion ?? lastRv;
                    if (ev.type === "BOOKMARK") continue;
                    if (onEvent(ev) === "stop") {
                        req.destroy();
                        finish();
                        return;
                    }
                }
            });
            res.on("end", finish);
            res.on("close", finish);
            res.on("error", (err) => (signal?.aborted ? finish() : reject(err)));
        });
    });
}
