/**
 * A data-driven Pulumi program for e2e tests and the demo: reads program.json from the working
 * directory and declares each listed resource through the public SDK.
 */
import * as fs from "fs";
import * as kubevirt from "../../sdk";

interface Decl {
    type: string;
    name: string;
    args: any;
    opts?: any;
}

const program = JSON.parse(fs.readFileSync("program.json", "utf8")) as {
    resources: Decl[];
    /** false: export nothing (the benchmark, whose peer program exports nothing either). */
    exportOutputs?: boolean;
};
const made: Record<string, any> = {};
for (const r of program.resources) {
    const Ctor = (kubevirt as Record<string, any>)[r.type];
    if (!Ctor) throw new Error(`program.json: unknown resource type '${r.type}'`);
    made[r.name] = new Ctor(r.name, r.args, r.opts);
}

/** Each resource's outputs, so tests can read what the provider recorded. */
export const resources =
    program.exportOutputs === false
        ? undefined
        : Object.fromEntries(
              Object.entries(made).map(([n, r]) => [
                  n,
                  {
                      uid: r.uid,
                      vmi: r.vmi,
                      restartRequired: r.restartRequired,
                      lastUpdate: r.lastUpdate,
                      status: r.status,
                      plannedImpact: r.plannedImpact,
                      eviction: r.eviction,
                  },
              ]),
          );
