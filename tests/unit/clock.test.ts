import { describe, expect, it } from 'vitest';
import { Clock } from '../../mock-server/core/clock.ts';

describe('Clock', () => {
  const realNow = () => Date.UTC(2026, 0, 1, 12, 0, 0);

  it('follows real time until moved', () => {
    expect(new Clock(realNow).nowMs()).toBe(realNow());
  });

  it('advances by seconds and reports whole epoch seconds', () => {
    const clock = new Clock(realNow);
    clock.advance(3600.5);
    expect(clock.nowMs()).toBe(realNow() + 3_600_500);
    expect(clock.nowSeconds()).toBe(Math.floor((realNow() + 3_600_500) / 1000));
    expect(clock.describe().offsetSeconds).toBe(3600.5);
  });

  it('jumps to a set instant and resets to real time', () => {
    const clock = new Clock(realNow);
    clock.set(new Date('2030-06-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-06-01T00:00:00.000Z');
    clock.reset();
    expect(clock.nowMs()).toBe(realNow());
  });
});
