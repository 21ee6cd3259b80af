import { PmsRateLimitedError } from '../../../shared/domain/pms-errors.ts';
import type { PmsRateLimit, PmsRateLimiter } from '../../../shared/ports/pms-rate-limiter.port.ts';
import { Failures } from './failures.ts';

/**
 * Lets every request through at once and records what was asked for, so a test can check that a
 * call took its slot under the right key and rate, or arm a refusal (`refuseNext`) to see how the
 * caller copes with a full queue. The scheme itself is `SlotRateLimiter`'s to test, on the
 * in-memory store and a fake clock.
 */
export class FakePmsRateLimiter implements PmsRateLimiter {
  readonly acquired: { key: string; ratePerSecond: number }[] = [];
  readonly failures = new Failures<'acquire'>();

  async acquire(key: string, limit: PmsRateLimit): Promise<void> {
    await this.failures.run('acquire', () => {
      this.acquired.push({ key, ratePerSecond: limit.ratePerSecond });
    });
  }

  /** The next `times` acquires fail as our limiter's own refusal (nothing sent, retryable). */
  refuseNext(times = 1, retryAfterMs = 1_000): void {
    this.failures.arm(
      'acquire',
      () => new PmsRateLimitedError('Too many requests are waiting for the PMS (fake)', { retryAfterMs, origin: 'client' }),
      { times },
    );
  }
}
