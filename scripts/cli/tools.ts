/** The commands that hand over to a tool or script: lint (Spectral), bench, report. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { projectPath } from '../../mock-server/core/paths.ts';
import { REPORT_FORMATS, writeReports, type ReportFormat } from '../report/write.ts';
import { UsageError, type Command } from './usage.ts';

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { stdio: 'inherit', cwd: projectPath() }).status ?? 1;
}

export const lintCommand: Command = {
  name: 'lint',
  summary: "lint OpenAPI specs with Spectral and this project's ruleset",
  usage: `auth-conformance lint [spec files...]
  Lints the given specs (default: specs/*.yaml) with .spectral.yaml: OpenAPI rules plus ours (every
  operation declares security and cites its source, secured operations document 401/403, examples valid).`,
  async run(args) {
    const files = args.length > 0 ? args : ['specs/*.yaml'];
    for (const file of args) if (!existsSync(file)) throw new UsageError(`no such spec file: ${file}`);
    return spawnSync(projectPath('node_modules', '.bin', 'spectral'), ['lint', ...files, '--ruleset', projectPath('.spectral.yaml'), '--fail-severity=warn'], {
      stdio: 'inherit',
    }).status ?? 1;
  },
};

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark the mock against prism mock and bare Express (127.0.0.1 only)',
  usage: 'auth-conformance bench [--seconds 10] [--connections 10] [--soak 120] [--startup-runs 3] [--skip-suite] [--out docs/bench.md]',
  async run(args) {
    return run(process.execPath, ['--import', 'tsx', projectPath('scripts', 'bench.ts'), ...args]);
  },
};

export const reportCommand: Command = {
  name: 'report',
  summary: 'turn a results file into JUnit XML, JSON and an HTML report',
  usage: `auth-conformance report [--input reports/results.json] [--out reports] [--format junit|html|json ...]
  The results file is written by every run: \`auth-conformance test <api> --reporter json\`, or npm test.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { input: { type: 'string', default: 'reports/results.json' }, out: { type: 'string', default: 'reports' }, format: { type: 'string', multiple: true } },
    });
    const formats = (values.format ?? REPORT_FORMATS) as ReportFormat[];
    const unknown = formats.filter((format) => !REPORT_FORMATS.includes(format));
    if (unknown.length > 0) throw new UsageError(`unknown format ${unknown.join(', ')}; one of: ${REPORT_FORMATS.join(', ')}`);
    try {
      for (const path of writeReports(values.input, values.out, formats)) console.log(`written: ${path}`);
    } catch (error) {
      throw new UsageError((error as Error).message, 1);
    }
    return 0;
  },
};
