/** Errors meant for the person at the terminal: a message, the usage line, an exit status. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

export const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');
