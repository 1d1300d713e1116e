/** One line per action on stdout, timestamped, so a test failure can be read against the sim log. */
export type Logger = (line: string) => void;

export const stdoutLogger: Logger = (line) =>
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);

export const silentLogger: Logger = () => undefined;
