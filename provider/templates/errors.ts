/** Errors of template processing. */
import { KubevirtProviderError } from "../errors";

/**
 * A template could not be processed. Carries every problem found (a user fixing parameters
 * should see all of them at once) and names the template in the message.
 */
export class TemplateError extends KubevirtProviderError {
    override name = "TemplateError";
    constructor(
        readonly subject: string,
        readonly problems: readonly string[],
    ) {
        super(`${subject}: ${problems.join("; ")}`);
    }
}
