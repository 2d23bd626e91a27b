/** One set of flags for `npm start` and `auth-conformance mock`: the same parse, the same precedence. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { START_SCRIPT } from '../../mock-server/node-flags.ts';
import { findMockApi } from '../../mock-server/registry.ts';
import { parseServeArgs } from '../../mock-server/serve-args.ts';
import { ServeError } from '../../mock-server/serve.ts';

const vinmake = findMockApi('vinmake')!;
const enclaive = findMockApi('enclaive')!;

describe('the flags that serve the mocks', () => {
  test('take the APIs by name or --only, and the ports from --port-base in the fixed order', () => {
    const { options } = parseServeArgs(['vinmake', '--only', 'enclaive', '--port-base', '5010'], {});
    expect(options.apis.map((api) => api.name)).toEqual(['vinmake', 'enclaive']);
    expect([options.portOf(vinmake), options.portOf(enclaive)]).toEqual([5010, 5013]);
    expect(parseServeArgs(['--port-base', '0'], {}).options.portOf(enclaive)).toBe(0);
  });

  test('let an API\'s own flag beat the base, and a flag beat its variable', () => {
    const env = { VINMAKE_PORT: '6000', ENCLAIVE_PORT: '6003', MOCK_HOST: '0.0.0.0', LOG_LEVEL: 'debug' };
    const { options } = parseServeArgs(['--port-base', '5010', '--enclaive-port', '7000', '--host', '127.0.0.1'], env);
    expect([options.portOf(vinmake), options.portOf(enclaive)]).toEqual([5010, 7000]);
    expect(options).toMatchObject({ host: '127.0.0.1', logLevel: 'debug' });
    expect(parseServeArgs([], env).options.portOf(vinmake)).toBe(6000);
    expect(parseServeArgs([], {}).options.portOf(vinmake)).toBe(4010);
  });

  test('join faults and variants from flags and the environment', () => {
    const { options } = parseServeArgs(['--fault', 'vinmake:accept-alg-none'], { MOCK_FAULTS: 'enclaive:register-race', MOCK_VARIANTS: 'vinmake:put-replaces' });
    expect(options.faults).toBe('vinmake:accept-alg-none,enclaive:register-race');
    expect(options.variants).toBe('vinmake:put-replaces');
  });

  test('refuse what they do not know with a usage error', () => {
    for (const args of [['--prot', '1'], ['shopify'], ['--port-base', '65534'], ['--vinmake-port', 'x'], ['--smtp', 'http://127.0.0.1:1025']]) {
      expect(() => parseServeArgs(args, {}), args.join(' ')).toThrow(ServeError);
    }
    expect(() => parseServeArgs([], { VINMAKE_PORT: 'eighty' })).toThrow(/VINMAKE_PORT must be a port number/);
  });
});

test('npm start runs the bundle with the node flags the benchmark starts it with', () => {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  expect(scripts.start).toBe(START_SCRIPT);
});
