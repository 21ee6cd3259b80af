import type { IsoDate } from '#domain/dates.ts';
import type { NightRestrictions } from '#domain/inventory.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { PmsInventorySync, PmsNightReport } from '#ports/inventory.repository.ts';
import type { SellLimits } from '../inventory/sell-limits.ts';

/** What a PMS said about one night; `total` makes it a report, a price alone is a rate. */
export interface PmsNightFact {
  date: IsoDate;
  /** Physical rooms the PMS has for sale that night. */
  total?: number;
  /** Unsold rooms after every channel, where the PMS reports it. */
  available?: number;
  /** The night's restrictions as the PMS reports them (only when the source carries restrictions). */
  restrictions?: NightRestrictions;
  /** Price of one room that night, minor units. */
  priceMinor?: number;
  currency?: string;
}

export interface ApplySummary {
  applied: number;
  created: number;
  stale: number;
  /** Nights that this application found sold beyond their limit. */
  overbooked: IsoDate[];
}

/**
 * Applies what a PMS says about nights of one room type (from a webhook, a poll, an import, a live
 * read or the saga's re-read after a refusal) to our copy. A report sets `total`, the limit for it
 * (`limits`), other channels' sales (from `available`), restrictions and price, and never touches
 * `reserved`. A night that becomes sold beyond its limit publishes `inventory.overbooked`, once per
 * crossing, so operations hear about it.
 */
export async function applyPmsNights(
  deps: { inventory: PmsInventorySync; events: EventPublisher; clock: () => Date },
  input: {
    hotelId: string;
    roomTypeId: string;
    sourceAt: string;
    nights: PmsNightFact[];
    limits: SellLimits;
    ref: PmsNightReport['ref'];
    /** `inPms` per night as read before the PMS was asked (see `PmsNightReport.inPmsBefore`). */
    inPmsBefore?: ReadonlyMap<IsoDate, number>;
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
    if (fact.total === undefined) {
      if (fact.priceMinor === undefined) continue;
      const outcome = await deps.inventory.applyRate(
        { hotelId: input.hotelId, roomTypeId: input.roomTypeId, date: fact.date, priceMinor: fact.priceMinor, currency, sourceAt: input.sourceAt },
        now,
      );
      summary[outcome === 'applied' ? 'applied' : 'stale'] += 1;
      continue;
    }
    const inPmsBefore = input.inPmsBefore?.get(fact.date);
    const { outcome, night, previous } = await deps.inventory.applyReport(
      {
        hotelId: input.hotelId,
        roomTypeId: input.roomTypeId,
        date: fact.date,
        total: fact.total,
        sellLimit: input.limits(fact.total, fact.date),
        ...(fact.available !== undefined ? { available: fact.available } : {}),
        ...(inPmsBefore !== undefined ? { inPmsBefore } : {}),
        ...(fact.restrictions ? { restrictions: fact.restrictions } : {}),
        ...(fact.priceMinor !== undefined ? { priceMinor: fact.priceMinor } : {}),
        newNightPriceMinor: fact.priceMinor ?? input.fallbackPriceMinor,
        currency,
        sourceAt: input.sourceAt,
        ref: input.ref,
      },
      now,
    );
    summary[outcome] += 1;
    if (night && outcome !== 'stale' && night.overbooked) {
      summary.overbooked.push(fact.date);
      if (!previous?.overbooked) {
        events.push({
          type: 'inventory.overbooked',
          detail: {
            hotelId: input.hotelId,
            roomTypeId: input.roomTypeId,
            date: fact.date,
            total: night.total,
            sellLimit: night.sellLimit,
            external: night.external ?? 0,
            reserved: night.reserved,
          },
        });
      }
    }
  }
  if (events.length > 0) await deps.events.publish(events);
  return summary;
}
