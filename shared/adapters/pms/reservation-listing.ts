import { addDays, type IsoDate } from '#domain/dates.ts';
import { isLiveReservation, type PmsReservation } from '#domain/pms.ts';

/**
 * What the three adapters share when they list and look up reservations: which stays a range
 * selects, which of several reservations with our booking id counts, and a bound on paging.
 */

/**
 * True when the stay has a night in `[from, to]` (both included). A stay's nights run from
 * `checkIn` to the day before `checkOut`: a guest leaving on `from` takes no room that night.
 */
export function hasNightIn(stay: { checkIn?: IsoDate | undefined; checkOut?: IsoDate | undefined }, from: IsoDate, to: IsoDate): boolean {
  if (!stay.checkIn || !stay.checkOut) return true; // Unknown stay: keep it, the caller decides.
  return stay.checkIn <= to && addDays(stay.checkOut, -1) >= from;
}

/**
 * The one reservation `findReservationByExternalId` reports among several with our booking id
 * (a retried create after a timeout leaves two): a live one if any, else the first.
 */
export function preferLive(reservations: PmsReservation[]): PmsReservation | undefined {
  return reservations.find((r) => isLiveReservation(r.status)) ?? reservations[0];
}

/**
 * Pages a listing may take before the adapter gives up on it: 1,000 pages of 100 are far more
 * reservations than any property's horizon holds, and a server that ignores paging (answering
 * page 1 forever) cannot keep us looping.
 */
export const MAX_LISTING_PAGES = 1_000;
