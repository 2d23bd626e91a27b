/** The last requests an API answered, for the dashboard: a fixed-size ring, so memory stays flat. */

export interface LoggedRequest {
  time: string;
  method: string;
  /** With secrets masked, as in the log. */
  url: string;
  status: number;
  ms: number;
}

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 100) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** Newest first. */
  recent(): LoggedRequest[] {
    return [...this.entries].reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
