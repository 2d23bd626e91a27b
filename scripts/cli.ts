/**
 * `auth-conformance <command>`: one entry point for the local developer (mock), the CI pipeline
 * (test, report) and the spec author (lint), plus bench. `--help` on each command.
 */
import { mockCommand } from './cli/mock.ts';
import { testCommand } from './cli/test.ts';
import { benchCommand, lintCommand, reportCommand } from './cli/tools.ts';
import { UsageError, wantsHelp, type Command } from './cli/usage.ts';

const COMMANDS: Command[] = [mockCommand, testCommand, lintCommand, benchCommand, reportCommand];

function overview(): string {
  return [
    'usage: auth-conformance <command> [options]',
    '',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`),
    '',
    'auth-conformance <command> --help shows the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${overview()}`);
  if (wantsHelp(args)) {
    console.log(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // parseArgs reports unknown options and missing values this way.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`${(error as Error).message}\n\nusage: ${command.usage}`);
    throw error;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`auth-conformance: ${error.message}`);
  process.exitCode = error.exitCode;
}
