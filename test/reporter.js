// Mocha's spec reporter plus one closing line in the plain form CI reads: "N passed, N failed, N skipped".
"use strict";
const Mocha = require("mocha");
const Spec = Mocha.reporters.Spec;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(EVENT_RUN_END, () => {
            const s = runner.stats;
            process.stdout.write(
                `\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`,
            );
            // scripts/test.sh runs mocha twice and closes with the sum of both runs.
            if (process.env.PULUMI_KUBEVIRT_SUMMARY_FILE) {
                require("fs").appendFileSync(
                    process.env.PULUMI_KUBEVIRT_SUMMARY_FILE,
                    `${s.passes} ${s.failures} ${s.pending}\n`,
                );
            }
        });
    }
}
module.exports = SummaryReporter;
