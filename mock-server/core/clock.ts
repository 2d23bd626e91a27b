/**
 * The mock's notion of "now". Every expiry in the mock reads this clock, so tests can move time
 * through the control plane instead of waiting.
 */
export class Clock {
  /** Milliseconds added to real time; a frozen clock ignores it. */
  private offsetMs = 0;
  private frozenAtMs: number | undefined;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.frozenAtMs ?? this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Whole seconds since the epoch, as JWT claims count time. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    if (this.frozenAtMs !== undefined) this.frozenAtMs += seconds * 1000;
    else this.offsetMs += seconds * 1000;
  }

  /** Jumps to an instant and keeps running from there. */
  set(instant: Date): void {
    this.frozenAtMs = undefined;
    this.offsetMs = instant.getTime() - this.realNow();
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = undefined;
  }

  describe(): { now: string; epochSeconds: number; offsetSeconds: number } {
    const nowMs = this.nowMs();
    return {
      now: new Date(nowMs).toISOString(),
      epochSeconds: Math.floor(nowMs / 1000),
      offsetSeconds: Math.round((nowMs - this.realNow()) / 1000),
    };
  }
}
