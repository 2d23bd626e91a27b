import { describe, expect, it } from 'vitest';
import { FaultSwitches, faultsFor } from '../../mock-server/core/faults.ts';
import { TOKEN_FAULTS } from '../../mock-server/core/token-faults.ts';
import { MOCK_APIS } from '../../mock-server/registry.ts';

describe('fault switches', () => {
  it('picks one API\'s faults out of a MOCK_FAULTS list', () => {
    const list = 'vinmake:accept-alg-none, machhub:errors-as-json,vinmake:leak-client-data';
    expect(faultsFor('vinmake', list)).toEqual(['accept-alg-none', 'leak-client-data']);
    expect(faultsFor('vntana', list)).toEqual([]);
    expect(faultsFor('vinmake', undefined)).toEqual([]);
  });

  it('refuses ids outside the catalog and leaves the active set as it was', () => {
    const switches = new FaultSwitches([TOKEN_FAULTS.acceptAlgNone]);
    switches.set(['accept-alg-none']);
    expect(() => switches.set(['accept-alg-none', 'made-up'])).toThrow(/unknown fault made-up/);
    expect(switches.on('accept-alg-none')).toBe(true);
  });

  it('gives every API at least 8 faults with unique ids', () => {
    for (const api of MOCK_APIS) {
      const ids = api.faults.map((fault) => fault.id);
      expect(ids.length, api.name).toBeGreaterThanOrEqual(8);
      expect(new Set(ids).size, api.name).toBe(ids.length);
    }
  });
});
