import type { IsoDate } from '#domain/dates.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { PmsInventorySync } from '#ports/inventory.repository.ts';

export interface PmsNightFact {
  date: IsoDate;
  /** Physical rooms the PMS has for sale that night. */
  total?: number;
  /** Price of one room that night, minor units. */
  priceMinor?: number;
  currency?: string;
}

export interface ApplySummary {
  applied: number;
  created: number;
  stale: number;
  overbooked: IsoDate[];
}

/**
 * Applies what a PMS says about nights of one room type (from a webhook, a poll or an import) to our
 * inventory copy. Totals never touch `reserved`; a night the PMS shrank below what we already sold
 * is flagged overbooked (it sells nothing more, as `remaining` is then below zero and the API shows
 * 0 available) and an `inventory.overbooked` event tells operations.
 */
export async function applyPmsNights(
  deps: { inventory: PmsInventorySync; events: EventPublisher; clock: () => Date },
  input: {
    hotelId: string;
    roomTypeId: string;
    sourceAt: string;
    nights: PmsNightFact[];
    /** Price and currency for nights that do not exist yet and come without a price. */
    fallbackPriceMinor: number;
    currency: string;
  },
): Promise<ApplySummary> {
  const summary: ApplySummary = { applied: 0, created: 0, stale: 0, overbooked: [] };
  const now = deps.clock();
  const events = [];
  for (const fact of input.nights) {
    const currency = fact.currency ?? input.currency;
    if (fact.total !== undefined) {
      const { outcome, night } = await deps.inventory.applyTotal(
        {
          hotelId: input.hotelId,
          roomTypeId: input.roomTypeId,
          date: fact.date,
          total: fact.total,
          sourceAt: input.sourceAt,
          priceMinor: fact.priceMinor ?? input.fallbackPriceMinor,
          currency,
        },
        now,
      );
      summary[outcome] += 1;
      if (night && outcome !== 'stale') {
        const overbooked = night.reserved > night.sellLimit;
        if (overbooked !== night.overbooked) {
          await deps.inventory.setOverbooked(input.hotelId, input.roomTypeId, fact.date, overbooked);
        }
        if (overbooked) {
          summary.overbooked.push(fact.date);
          events.push({
            type: 'inventory.overbooked',
            detail: {
              hotelId: input.hotelId,
              roomTypeId: input.roomTypeId,
              date: fact.date,
              total: night.total,
              sellLimit: night.sellLimit,
              reserved: night.reserved,
            },
          });
        }
      }
    }
    if (fact.priceMinor !== undefined && fact.total === undefined) {
      const outcome = await deps.inventory.applyRate(
        { hotelId: input.hotelId, roomTypeId: input.roomTypeId, date: fact.date, priceMinor: fact.priceMinor, currency, sourceAt: input.sourceAt },
        now,
      );
      summary[outcome === 'applied' ? 'applied' : 'stale'] += 1;
    } else if (fact.priceMinor !== undefined) {
      await deps.inventory.applyRate(
        { hotelId: input.hotelId, roomTypeId: input.roomTypeId, date: fact.date, priceMinor: fact.priceMinor, currency, sourceAt: input.sourceAt },
        now,
      );
    }
  }
  if (events.length > 0) await deps.events.publish(events);
  return summary;
}
