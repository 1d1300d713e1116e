/** Reads a Kubernetes watch response: one JSON event per line, until stopped, ended or aborted. */
import type * as http from "http";
import { decodeStatusError } from "./apiErrors";
import type { WatchEvent } from "./client";

/** The complete, non-empty lines of `buf`, and the partial line left for the next chunk. Pure. */
export function takeLines(buf: string): { lines: string[]; rest: string } {
    const parts = buf.split("\n");
    const rest = parts.pop() ?? "";
    return { lines: parts.map((l) => l.trim()).filter((l) => l !== ""), rest };
}

/** One event line: "stop" when the caller is done, the typed error of an ERROR event, else nothing. */
function handleLine(
    line: string,
    seen: { lastRv?: string },
    onEvent: (ev: WatchEvent) => void | "stop",
    what: string,
): "stop" | Error | undefined {
    const ev = JSON.parse(line) as WatchEvent;
    if (ev.type === "ERROR") {
        const st = ev.object as unknown as { code?: number };
        return decodeStatusError(st.code ?? 500, JSON.stringify(ev.object), `watch ${what}`);
    }
    seen.lastRv = ev.object.metadata?.resourceVersion ?? seen.lastRv;
    if (ev.type === "BOOKMARK") return undefined;
    return onEvent(ev) === "stop" ? "stop" : undefined;
}

/** A watch the server refused: its Status body as the typed error. */
function rejectRefused(res: http.IncomingMessage, what: string, reject: (e: Error) => void) {
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
}

/** Feeds each event of `req`'s response to `onEvent`; resolves with the last resourceVersion seen. */
export function streamWatch(
    req: http.ClientRequest,
    onEvent: (ev: WatchEvent) => void | "stop",
    signal: AbortSignal | undefined,
    what: string,
): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
        const seen: { lastRv?: string } = {};
        const finish = () => resolve(seen.lastRv);
        req.on("error", (err) => (signal?.aborted ? finish() : reject(err)));
        req.on("response", (res: http.IncomingMessage) => {
            if ((res.statusCode ?? 0) >= 300) return rejectRefused(res, what, reject);
            let buf = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
                const { lines, rest } = takeLines(buf + chunk);
                buf = rest;
                for (const line of lines) {
                    const outcome = handleLine(line, seen, onEvent, what);
                    if (!outcome) continue;
                    req.destroy();
                    return outcome === "stop" ? finish() : reject(outcome);
                }
            });
            res.on("end", finish);
            res.on("close", finish);
            res.on("error", (err) => (signal?.aborted ? finish() : reject(err)));
        });
    });
}
