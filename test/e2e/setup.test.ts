/** Root hooks: one local cluster for the whole e2e run, stopped at the end. */
import { stopIfStarted } from "./cluster";

after(async function () {
    this.timeout(60_000);
    await stopIfStarted();
});
