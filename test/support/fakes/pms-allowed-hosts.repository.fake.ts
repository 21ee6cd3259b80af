import type { PmsAllowedHosts } from '../../../shared/domain/pms-egress.ts';
import type { PmsAllowedHostsRepository } from '../../../shared/ports/pms-allowed-hosts.repository.ts';
import { Failures } from './failures.ts';

/**
 * The generic host allow-list in memory, with the DynamoDB adapter's rules: an empty list at
 * version 0 until one is stored, and `replace` only over the expected version. Arm `replace`
 * with `{ lost: n }` through `loseNextReplaces` to play another admin winning the race.
 */
export class FakePmsAllowedHostsRepository implements PmsAllowedHostsRepository {
  private stored: PmsAllowedHosts | undefined;
  readonly failures = new Failures<'get' | 'replace'>();
  private racesToLose = 0;

  async get(vendor: 'generic'): Promise<PmsAllowedHosts> {
    return this.failures.run('get', () => structuredClone(this.stored ?? { vendor, hosts: [], version: 0, history: [] }));
  }

  async replace(next: PmsAllowedHosts, expectedVersion: number): Promise<boolean> {
    return this.failures.run('replace', () => {
      if (this.racesToLose > 0) {
        this.racesToLose -= 1;
        // Another admin's replacement lands first.
        const current = this.stored ?? { vendor: next.vendor, hosts: [], version: 0, history: [] };
        this.stored = { ...current, hosts: [...current.hosts, 'other-admin.example'], version: current.version + 1 };
        return false;
      }
      if ((this.stored?.version ?? 0) !== expectedVersion) return false;
      this.stored = structuredClone(next);
      return true;
    });
  }

  /** The next `times` replaces find the list changed by someone else first. */
  loseNextReplaces(times = 1): void {
    this.racesToLose += times;
  }
}
