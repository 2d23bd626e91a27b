/** Client of a mock's /__mock/ control plane. Suites find it by asking for its health. */
import type { HttpClient } from './http.ts';

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

export class ControlPlane {
  private constructor(private readonly http: HttpClient) {}

  /** The control plane of the target, or undefined when it has none (a real server). */
  static async detect(http: HttpClient): Promise<ControlPlane | undefined> {
    try {
      const response = await http.get('/__mock/health');
      if (response.status !== 200) return undefined;
      return response.json<{ status?: string }>().status === 'ok' ? new ControlPlane(http) : undefined;
    } catch {
      return undefined;
    }
  }

  private async call<T>(method: string, path: string, json?: unknown): Promise<T> {
    const response = await this.http.send(method, `/__mock${path}`, json === undefined ? {} : { json });
    if (response.status >= 300) throw new Error(`control plane ${method} ${path}: ${response.status} ${response.text}`);
    return (response.status === 204 ? undefined : response.json()) as T;
  }

  reset(): Promise<void> {
    return this.call('POST', '/reset');
  }

  advanceClock(seconds: number): Promise<void> {
    return this.call('POST', '/clock/advance', { seconds });
  }

  resetClock(): Promise<void> {
    return this.call('POST', '/clock/reset');
  }

  async outbox(to?: string): Promise<OutboxMail[]> {
    const query = to === undefined ? '' : `?to=${encodeURIComponent(to)}`;
    return (await this.call<{ mails: OutboxMail[] }>('GET', `/outbox${query}`)).mails;
  }

  clearOutbox(): Promise<void> {
    return this.call('DELETE', '/outbox');
  }

  seedUser<T = unknown>(user: Record<string, unknown>): Promise<T> {
    return this.call('POST', '/users', user);
  }
}
