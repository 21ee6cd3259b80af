import type { Hotel } from '#domain/hotel.ts';
import { noShowDeadline } from '#domain/booking-policy.ts';
import { addDays } from '#domain/dates.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import type { PagePosition } from '#ports/pagination.ts';
import { startNoShow, startRefundOwed, type StartChangeDeps } from './cancellation.use-case.ts';

export interface LifecycleJobDeps extends StartChangeDeps {
  findings: Pick<FindingRepository, 'list' | 'resolve'>;
  /** Where a booking's failure is reported without stopping the run (the job's logger). */
  onError?: (bookingId: string, error: unknown) => void;
}

/** At most this many bookings or findings are looked at per run; the next run goes on. */
const MAX_PAGES = 10;
const PAGE = 100;

/**
 * The no-show job (every 15 minutes): a CONFIRMED booking whose arrival day's no-show cut-off has
 * passed in its hotel's time zone (`noShowDeadline`) is marked a no-show through the cancellation
 * saga, exactly as an admin would (`startNoShow`, one per booking). Arrival days from two days
 * ago to tomorrow (UTC) cover every time zone; a booking whose deadline is still ahead waits for a
 * later run. A booking with a change running is left for the next run.
 */
export async function markNoShows(deps: LifecycleJobDeps): Promise<{ examined: number; marked: number }> {
  const now = deps.clock();
  const today = now.toISOString().slice(0, 10);
  const hotels = new Map<string, Hotel | undefined>();
  let examined = 0;
  let marked = 0;
  let after: PagePosition | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { items, next } = await deps.bookings.list({ status: 'CONFIRMED', from: addDays(today, -2), to: addDays(today, 1), limit: PAGE, ...(after ? { after } : {}) });
    for (const booking of items) {
      examined += 1;
      if (booking.change) continue;
      if (!hotels.has(booking.hotelId)) hotels.set(booking.hotelId, await deps.catalog.getHotel(booking.hotelId));
      const hotel = hotels.get(booking.hotelId);
      if (!hotel || now.getTime() <= noShowDeadline(hotel, booking.checkIn).getTime()) continue;
      try {
        await startNoShow(deps, { bookingId: booking.bookingId, source: 'job' });
        marked += 1;
      } catch (error) {
        deps.onError?.(booking.bookingId, error);
      }
    }
    if (!next) break;
    after = next;
  }
  return { examined, marked };
}

/**
 * The refunds-owed job (every 5 minutes): what the hotel's own actions left owed to a guest (a
 * cancellation in its PMS, a no-show it reported) is refunded through the cancellation saga's
 * refund path. The work list is the reconciliation inbox: every such booking has an open
 * `HOTEL_CANCELLED` or `REFUND_DUE` finding, so no table scan is needed; the finding is resolved
 * once nothing is owed any more.
 */
export async function refundOwed(deps: LifecycleJobDeps): Promise<{ started: number; resolved: number }> {
  let started = 0;
  let resolved = 0;
  let after: PagePosition | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { items, next } = await deps.findings.list({ status: 'open', limit: PAGE, ...(after ? { after } : {}) });
    for (const finding of items) {
      if ((finding.type !== 'HOTEL_CANCELLED' && finding.type !== 'REFUND_DUE') || !finding.bookingId) continue;
      const booking = await deps.bookings.get(finding.bookingId);
      if (!booking || booking.change) continue;
      const due = booking.refundDueMinor ?? 0;
      if (due > 0) {
        try {
          if (await startRefundOwed(deps, { bookingId: booking.bookingId, by: 'system' })) started += 1;
        } catch (error) {
          deps.onError?.(booking.bookingId, error);
        }
        continue;
      }
      const refunded = (booking.changes ?? []).filter((c) => c.kind === 'refund' && c.outcome === 'SUCCEEDED').reduce((sum, c) => sum + (c.refundedMinor ?? 0), 0);
      await deps.findings.resolve(finding.findingId, `Nothing owed any more: ${refunded} ${booking.currency} (minor units) refunded by the RefundsOwed job; booking ${booking.status}.`, deps.clock());
      resolved += 1;
    }
    if (!next) break;
    after = next;
  }
  return { started, resolved };
}
