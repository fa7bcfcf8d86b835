// The shape of one CLI verb, and the CLI's error type for bad arguments.

export interface CliVerb {
  name: string;
  /** One line for `rivertwin --help`. */
  summary: string;
  /** Full usage text for `rivertwin <verb> --help`. */
  usage: string;
  /** Runs the verb; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Bad command-line use: the message says which option is wrong and what it takes. */
export class CliError extends Error {
  constructor(message: string) {
    super(`rivertwin: ${message}`);
    this.name = 'CliError';
  }
}
