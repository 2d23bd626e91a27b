/**
 * The mock's notion of "now": real time plus an offset. Every expiry in the mock reads this clock,
 * so tests move time through the control plane instead of waiting.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Whole seconds since the epoch, as JWT claims count time. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /** Jumps to an instant and keeps running from there. */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - this.realNow();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  describe(): { now: string; epochSeconds: number; offsetSeconds: number } {
    const nowMs = this.nowMs();
    return { now: new Date(nowMs).toISOString(), epochSeconds: Math.floor(nowMs / 1000), offsetSeconds: this.offsetMs / 1000 };
  }
}
