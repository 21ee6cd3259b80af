import type { InventoryMovement, InventoryNight } from '#domain/inventory.ts';
import type { Hold } from '#ports/hold.repository.ts';

/** One night whose counters disagree with what should have produced them. */
export interface InventoryDiscrepancy {
  night: string;
  problem: string;
  expected: number;
  actual: number;
}

/**
 * Recomputes every night's counters from their sources and reports each difference:
 * - `reserved` from the live holds and bookings (HELD and CONVERTED holds covering the night, and
 *   the rooms a modification in flight took for its new stay);
 * - `reserved` and `inPms` again from the night's movements (the ledger replays to the counters);
 * - `inPms` from the holds the PMS counts;
 * - `remaining` from `sellLimit - external - reserved`.
 * Pure: the caller brings the nights, holds and movements (a table scan, or a test's fakes).
 */
export function checkInventory(input: { nights: InventoryNight[]; holds: Hold[]; movements: InventoryMovement[] }): InventoryDiscrepancy[] {
  const problems: InventoryDiscrepancy[] = [];
  const key = (n: { hotelId: string; roomTypeId: string; date: string }) => `${n.hotelId}/${n.roomTypeId}/${n.date}`;
  const ledger = new Map<string, { reserved: number; inPms: number }>();
  for (const m of input.movements) {
    const sum = ledger.get(key(m)) ?? { reserved: 0, inPms: 0 };
    sum.reserved += m.delta?.reserved ?? 0;
    sum.inPms += m.delta?.inPms ?? 0;
    ledger.set(key(m), sum);
  }
  const live = input.holds.filter((h) => h.status !== 'RELEASED');
  for (const night of input.nights) {
    const id = key(night);
    const covering = live.filter((h) => h.hotelId === night.hotelId && h.roomTypeId === night.roomTypeId && h.nights.includes(night.date));
    // A modification in flight holds the new stay's extra rooms on top of the old stay.
    const moving = live.flatMap((h) => (h.hotelId === night.hotelId ? (h.move?.taken ?? []) : []));
    const fromMoves = moving.filter((t) => t.roomTypeId === night.roomTypeId && t.date === night.date).reduce((n, t) => n + t.rooms, 0);
    const fromHolds = covering.reduce((n, h) => n + h.rooms, 0) + fromMoves;
    const inPmsFromHolds = covering.filter((h) => h.inPms).reduce((n, h) => n + h.rooms, 0);
    const replayed = ledger.get(id) ?? { reserved: 0, inPms: 0 };
    const check = (problem: string, expected: number, actual: number) => {
      if (expected !== actual) problems.push({ night: id, problem, expected, actual });
    };
    check('reserved differs from the rooms of live holds and bookings', fromHolds, night.reserved);
    check('reserved differs from the replayed movements', replayed.reserved, night.reserved);
    check('inPms differs from the holds the PMS counts', inPmsFromHolds, night.inPms ?? 0);
    check('inPms differs from the replayed movements', replayed.inPms, night.inPms ?? 0);
    check('remaining differs from sellLimit - external - reserved', night.sellLimit - (night.external ?? 0) - night.reserved, night.remaining);
  }
  return problems;
}
