import { effectiveRestrictions, type InventoryNight } from '#domain/inventory.ts';
import type { SummaryNight } from '#domain/search.ts';

/** One summary value that disagrees with the night it mirrors. */
export interface SummaryDiscrepancy {
  night: string;
  problem: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Compares the availability summary with the nights it mirrors: every night's `remaining`, price
 * and restrictions in force must be on its hotel's summary night, and the summary must hold no room
 * type's night that does not exist. Every writer keeps them equal in the same transaction, so any
 * difference is a bug (or data written before the summary existed: `npm run search:rebuild`).
 * Pure: the caller brings both sides (a table scan, or a test's fakes).
 */
export function checkSummary(input: { nights: readonly InventoryNight[]; summaries: readonly SummaryNight[] }): SummaryDiscrepancy[] {
  const problems: SummaryDiscrepancy[] = [];
  const summaries = new Map(input.summaries.map((s) => [`${s.hotelId}/${s.date}`, s]));
  const seen = new Set<string>();
  for (const night of input.nights) {
    const id = `${night.hotelId}/${night.roomTypeId}/${night.date}`;
    seen.add(id);
    const room = summaries.get(`${night.hotelId}/${night.date}`)?.rooms[night.roomTypeId];
    if (!room) {
      problems.push({ night: id, problem: 'no summary of this night', expected: night.remaining, actual: undefined });
      continue;
    }
    const check = (problem: string, expected: unknown, actual: unknown) => {
      if (JSON.stringify(expected) !== JSON.stringify(actual)) problems.push({ night: id, problem, expected, actual });
    };
    check('summary remaining differs from the night', night.remaining, room.remaining);
    check('summary price differs from the night', night.priceMinor, room.priceMinor);
    check('summary restrictions differ from those in force', sorted(effectiveRestrictions(night)), sorted(room.restrictions ?? {}));
  }
  for (const summary of input.summaries) {
    for (const roomTypeId of Object.keys(summary.rooms)) {
      const id = `${summary.hotelId}/${roomTypeId}/${summary.date}`;
      if (!seen.has(id)) problems.push({ night: id, problem: 'summary of a night that does not exist', expected: undefined, actual: summary.rooms[roomTypeId] });
    }
  }
  return problems;
}

function sorted(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}
