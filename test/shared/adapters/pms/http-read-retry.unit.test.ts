import { describe, expect, it } from 'vitest';
import { httpContext, retryRateLimitedRead, type PmsAdapterOptions } from '../../../../shared/adapters/pms/http.ts';
import { PmsRateLimitedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';

/** A read that fails with the given errors, one per attempt, then answers `ok`. */
function scriptedRead(failures: Error[]): { read: () => Promise<string>; attempts: () => number } {
  let attempts = 0;
  return {
    read: async () => {
      attempts += 1;
      const failure = failures[attempts - 1];
      if (failure) throw failure;
      return 'ok';
    },
    attempts: () => attempts,
  };
}

const limited = (retryAfterMs?: number) => new PmsRateLimitedError('429', { vendor: 'cloudbeds', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

function context(slept: number[], options: PmsAdapterOptions = {}) {
  return httpContext('cloudbeds', { ...options, sleep: async (ms) => void slept.push(ms) });
}

describe('retryRateLimitedRead', () => {
  it('waits what Retry-After asked and tries again, up to twice', async () => {
    const slept: number[] = [];
    const script = scriptedRead([limited(1_500), limited(2_000)]);

    const result = await retryRateLimitedRead(context(slept), script.read);

    expect(result).toBe('ok');
    expect(slept).toEqual([1_500, 2_000]);
    expect(script.attempts()).toBe(3);
  });

  it('gives the third 429 back to the caller', async () => {
    const slept: number[] = [];
    const script = scriptedRead([limited(1_000), limited(1_000), limited(1_000)]);

    const error = await retryRateLimitedRead(context(slept), script.read).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsRateLimitedError);
    expect(slept).toEqual([1_000, 1_000]);
    expect(script.attempts()).toBe(3);
  });

  it('waits a second when the vendor did not say how long', async () => {
    const slept: number[] = [];

    await retryRateLimitedRead(context(slept), scriptedRead([limited()]).read);

    expect(slept).toEqual([1_000]);
  });

  it('does not wait when the vendor asks for longer than allowed', async () => {
    const slept: number[] = [];
    const script = scriptedRead([limited(6_000)]);

    const error = await retryRateLimitedRead(context(slept), script.read).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsRateLimitedError);
    expect(slept).toEqual([]);
    expect(script.attempts()).toBe(1);
  });

  it('takes its bounds from the adapter options', async () => {
    const slept: number[] = [];
    const script = scriptedRead([limited(8_000), limited(8_000), limited(8_000), limited(8_000)]);

    const result = await retryRateLimitedRead(context(slept, { rateLimitRetry: { maxRetries: 4, maxWaitMs: 10_000 } }), script.read);

    expect(result).toBe('ok');
    expect(slept).toEqual([8_000, 8_000, 8_000, 8_000]);
  });

  it('retries nothing but rate limits', async () => {
    const slept: number[] = [];
    const script = scriptedRead([new PmsUnavailableError('down', { vendor: 'cloudbeds' })]);

    const error = await retryRateLimitedRead(context(slept), script.read).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(slept).toEqual([]);
    expect(script.attempts()).toBe(1);
  });
});
