import type { HoldRepository } from '#ports/hold.repository.ts';

/** Releases every hold past its expiry that never became a booking, a page at a time. */
export async function releaseExpiredHolds(holds: HoldRepository, now: Date, pageSize = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const released = await holds.releaseExpired(now, pageSize);
    total += released;
    if (released < pageSize) return total;
  }
}
