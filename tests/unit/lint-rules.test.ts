import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs Spectral with the project's ruleset and returns the rule codes it reports. */
async function lintCodes(file: string): Promise<string[]> {
  const result = await run('npx', ['spectral', 'lint', file, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], {
    encoding: 'utf8',
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const problems = JSON.parse(result.stdout || '[]') as { code: string; severity: number }[];
  return problems.filter((problem) => problem.severity === 0).map((problem) => problem.code);
}

describe('the project ruleset', () => {
  it('reports each convention a spec breaks as an error', async () => {
    const codes = await lintCodes('tests/fixtures/lint-violations.yaml');
    expect(codes).toEqual(
      expect.arrayContaining([
        'operation-operationId-unique',
        'operation-security-declared',
        'secured-operation-documents-401-403',
        'operation-cites-source',
        'oas3-valid-media-example',
        'property-cites-source',
      ]),
    );
  });

  it('passes every spec of the project', async () => {
    expect(await lintCodes('specs/*.yaml')).toEqual([]);
  });
});
