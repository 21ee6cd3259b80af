import type { ScheduledEvent } from 'aws-lambda';
import { container } from '#composition/container.ts';
import { logger } from '#observability/logger.ts';
import { releaseExpiredHolds } from '#use-cases/checkout/release-expired-holds.use-case.ts';

/**
 * Every minute: gives back rooms held by checkouts that never finished (the saga died, or the guest
 * walked away mid-payment). Idempotent with the saga: a hold is released at most once.
 */
export async function handler(_event: ScheduledEvent): Promise<{ released: number }> {
  const c = container();
  const released = await releaseExpiredHolds(c.holds, c.clock());
  if (released > 0) logger.info('Released expired holds', { released });
  return { released };
}
