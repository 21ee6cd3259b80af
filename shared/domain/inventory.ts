import { addDays, daysBetween, type IsoDate } from './dates.ts';

/**
 * The availability model (docs/architecture.md, "Availability model"). One item per hotel x room
 * type x night holds both what the PMS says and what we sold, so one conditional write decides a
 * sale:
 *
 * - `total`: physical rooms for sale that night (the PMS's figure, or the admin's for a hotel
 *   without a PMS).
 * - `sellLimit`: the most rooms ALL channels together may sell: the hotel's overbooking policy
 *   applied to `total`, and never above `total` when the PMS refuses reservations beyond its
 *   availability.
 * - `external`: rooms sold by other channels (front desk, OTAs, the hotel's site), derived from the
 *   PMS's last report: its sold rooms (`total - available`) minus ours that it already counts.
 * - `reserved`: our rooms: live holds and booked stays (HELD and CONVERTED holds).
 * - `inPms`: the part of `reserved` the PMS already counts (our PMS holds and reservations).
 * - `remaining = sellLimit - external - reserved`: stored, because DynamoDB conditions cannot do
 *   arithmetic; `remaining >= :rooms` is the one check a hold makes.
 */
export const DEFAULT_OVERBOOKING_PERCENT = 110;

/**
 * A hotel's overbooking policy. Seed 000 speaks of a percentage; Mews and QloApps store a room count
 * per date range. Both are supported: a range, where one covers the night, overrides the
 * percentage (later ranges win over earlier ones).
 */
export interface OverbookingPolicy {
  /** Percentage of `total` that may be sold: 100 = no overbooking, 110 = the default. */
  percent: number;
  /** Rooms beyond `total` that may be sold on the nights of a range, both dates included. */
  ranges?: { from: IsoDate; to: IsoDate; rooms: number }[];
}

export const DEFAULT_OVERBOOKING_POLICY: OverbookingPolicy = { percent: DEFAULT_OVERBOOKING_PERCENT };

/**
 * The most rooms that may be sold on a night with `total` physical rooms. Integer arithmetic, so
 * 10 rooms at 110% give exactly 11 and float rounding can never let a 12th through. When the PMS
 * refuses reservations beyond its own availability (`pmsAcceptsOverbooking: false`), selling more
 * than `total` would only end in refusals and voided cards, so the limit is `total`.
 */
export function sellLimitFor(
  total: number,
  options: { date?: IsoDate; policy?: OverbookingPolicy; pmsAcceptsOverbooking?: boolean } = {},
): number {
  const policy = options.policy ?? DEFAULT_OVERBOOKING_POLICY;
  const range = options.date ? [...(policy.ranges ?? [])].reverse().find((r) => r.from <= options.date! && options.date! <= r.to) : undefined;
  const limit = range ? total + range.rooms : Math.floor((total * policy.percent) / 100);
  return options.pmsAcceptsOverbooking === false ? Math.min(limit, total) : limit;
}

/** Stay restrictions of one night. Absent = no restriction. */
export interface NightRestrictions {
  /** Shortest stay, in nights, for an arrival on this night. */
  minStay?: number;
  /** Longest stay, in nights, for an arrival on this night. */
  maxStay?: number;
  /** No arrival on this day. */
  closedToArrival?: boolean;
  /** No departure on this day (checked on the night item of the departure date). */
  closedToDeparture?: boolean;
  /** Nothing is sold for this night. */
  stopSell?: boolean;
}

export const RESTRICTION_KEYS = ['minStay', 'maxStay', 'closedToArrival', 'closedToDeparture', 'stopSell'] as const;

export interface InventoryNight {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  reserved: number;
  sellLimit: number;
  remaining: number;
  /** Rooms sold by other channels, as of the PMS's last report. Absent on nights never reported. */
  external?: number;
  /** Of `reserved`, the rooms the PMS already counts. */
  inPms?: number;
  /** What the PMS last said it had unsold (after every channel, ours included). */
  pmsAvailable?: number;
  /** Price of one room for this night in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  /** Restrictions as the PMS reports them. */
  restrictions?: NightRestrictions;
  /** Our own restrictions (an admin's calendar), each one winning over the PMS's. */
  overrides?: NightRestrictions;
  /** True when the night is sold beyond its limit (the PMS shrank it, or another channel oversold). */
  overbooked: boolean;
  updatedAt: string;
  /** When the PMS last confirmed the night; absent for nights never synced. */
  syncedAt?: string;
}

/** What can still be sold on the night, never negative. */
export function availableOf(night: Pick<InventoryNight, 'remaining'>): number {
  return Math.max(0, night.remaining);
}

/** The restrictions in force: our overrides, then the PMS's. */
export function effectiveRestrictions(night: Pick<InventoryNight, 'restrictions' | 'overrides'>): NightRestrictions {
  const out: NightRestrictions = {};
  for (const key of RESTRICTION_KEYS) {
    const value = night.overrides?.[key] ?? night.restrictions?.[key];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * An admin's change of one night's overrides: a value sets our own rule (which wins over the PMS's,
 * `false` and all, so `stopSell: false` opens a night the PMS closed), `null` lifts ours and lets the
 * PMS's apply again, an absent key leaves ours as it is.
 */
export type OverridesEdit = { [K in keyof NightRestrictions]?: NightRestrictions[K] | null };

/** The overrides after an edit; `undefined` when none is left. */
export function editedOverrides(current: NightRestrictions | undefined, edit: OverridesEdit | undefined): NightRestrictions | undefined {
  const out: Record<string, unknown> = { ...current };
  for (const key of RESTRICTION_KEYS) {
    if (!edit || !(key in edit)) continue;
    const value = edit[key];
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return Object.keys(out).length > 0 ? (out as NightRestrictions) : undefined;
}

/** The counts a PMS report sets, derived in one place so every writer agrees. */
export function countsAfterReport(input: {
  total: number;
  sellLimit: number;
  reserved: number;
  /** Rooms of ours the PMS counted when it reported. */
  inPms: number;
  /** What the PMS reported unsold; absent keeps the `external` we had. */
  pmsAvailable?: number;
  external: number;
}): { external: number; remaining: number; overbooked: boolean } {
  const external =
    input.pmsAvailable === undefined ? input.external : Math.max(0, input.total - input.pmsAvailable - input.inPms);
  const remaining = input.sellLimit - external - input.reserved;
  return { external, remaining, overbooked: remaining < 0 };
}

/** A fresh night as the PMS (or an admin) describes it, before anything is reserved. */
export function newNight(input: {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  priceMinor: number;
  currency: string;
  now: string;
  syncedAt?: string;
  sellLimit?: number;
  pmsAvailable?: number;
  restrictions?: NightRestrictions;
}): InventoryNight {
  const sellLimit = input.sellLimit ?? sellLimitFor(input.total);
  const { external, remaining, overbooked } = countsAfterReport({
    total: input.total,
    sellLimit,
    reserved: 0,
    inPms: 0,
    external: 0,
    ...(input.pmsAvailable !== undefined ? { pmsAvailable: input.pmsAvailable } : {}),
  });
  return {
    hotelId: input.hotelId,
    roomTypeId: input.roomTypeId,
    date: input.date,
    total: input.total,
    reserved: 0,
    sellLimit,
    remaining,
    external,
    inPms: 0,
    ...(input.pmsAvailable !== undefined ? { pmsAvailable: input.pmsAvailable } : {}),
    priceMinor: input.priceMinor,
    currency: input.currency,
    ...(input.restrictions && Object.keys(input.restrictions).length > 0 ? { restrictions: input.restrictions } : {}),
    overbooked,
    updatedAt: input.now,
    ...(input.syncedAt ? { syncedAt: input.syncedAt } : {}),
  };
}

/** A restriction a stay breaks, with the night and the rule, for a 422 a person can act on. */
export interface RestrictionViolation {
  code: 'MIN_STAY' | 'MAX_STAY' | 'CLOSED_TO_ARRIVAL' | 'CLOSED_TO_DEPARTURE' | 'STOP_SELL';
  date: IsoDate;
  message: string;
}

/**
 * The first restriction a stay breaks, if any. Length of stay is judged on the arrival night (the
 * common "arrival-based" rule of OpenTravel, Cloudbeds and OPERA); closed-to-departure on the
 * night item of the departure day; stop-sell on every night of the stay.
 */
export function restrictionViolation(
  stay: { checkIn: IsoDate; checkOut: IsoDate },
  nights: Pick<InventoryNight, 'date' | 'restrictions' | 'overrides'>[],
): RestrictionViolation | undefined {
  const byDate = new Map(nights.map((n) => [n.date, effectiveRestrictions(n)]));
  const length = daysBetween(stay.checkIn, stay.checkOut);
  for (let d = stay.checkIn; d < stay.checkOut; d = addDays(d, 1)) {
    if (byDate.get(d)?.stopSell) return { code: 'STOP_SELL', date: d, message: `${d} is closed for sale (stop-sell).` };
  }
  const arrival = byDate.get(stay.checkIn) ?? {};
  if (arrival.closedToArrival) {
    return { code: 'CLOSED_TO_ARRIVAL', date: stay.checkIn, message: `Arrivals are closed on ${stay.checkIn}.` };
  }
  if (arrival.minStay !== undefined && length < arrival.minStay) {
    return {
      code: 'MIN_STAY',
      date: stay.checkIn,
      message: `Arrivals on ${stay.checkIn} need a stay of at least ${arrival.minStay} nights; this one is ${length}.`,
    };
  }
  if (arrival.maxStay !== undefined && length > arrival.maxStay) {
    return {
      code: 'MAX_STAY',
      date: stay.checkIn,
      message: `Arrivals on ${stay.checkIn} may stay at most ${arrival.maxStay} nights; this one is ${length}.`,
    };
  }
  if (byDate.get(stay.checkOut)?.closedToDeparture) {
    return { code: 'CLOSED_TO_DEPARTURE', date: stay.checkOut, message: `Departures are closed on ${stay.checkOut}.` };
  }
  return undefined;
}

/** Why a night's counts changed: every change is one movement in the ledger (seed 003's stock movements). */
export type MovementKind =
  /** A checkout held rooms. */
  | 'hold'
  /** Rooms went back: a failed or expired checkout, a cancellation. */
  | 'release'
  /** Our hold or reservation now exists in the PMS, so the PMS counts it. */
  | 'pms-confirm'
  /** Our reservation or hold is leaving the PMS (counted out before the PMS is asked). */
  | 'pms-cancel'
  /** The PMS reported the night (poll, webhook, live read, re-read after a refusal). */
  | 'pms-sync'
  /** The hotel's overbooking policy changed. */
  | 'policy'
  /** An admin changed the night. */
  | 'admin-edit';

/** The counters a movement can change. */
export interface NightCounts {
  total: number;
  sellLimit: number;
  external: number;
  reserved: number;
  inPms: number;
  remaining: number;
}

/**
 * One append-only ledger entry, written in the same transaction as the change it records. Relative
 * changes (holds, releases) carry `delta`; absolute ones (a PMS report, a policy) carry `before` and
 * `after`. `ref` names what caused it: a booking, an event, a poll, an admin.
 */
export interface InventoryMovement {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  kind: MovementKind;
  reason: string;
  ref: { type: 'booking' | 'event' | 'poll' | 'read' | 'admin' | 'import' | 'saga'; id: string };
  at: string;
  delta?: Partial<NightCounts>;
  before?: Partial<NightCounts>;
  after?: Partial<NightCounts>;
}

/**
 * What a move changes per night: `+` taken beyond the old stay, `-` given back. One entry per room
 * type and night, so a transaction updates each night item once (DynamoDB refuses two).
 */
export function moveDeltas(
  from: { roomTypeId: string; nights: readonly IsoDate[]; rooms: number },
  to: { roomTypeId: string; nights: readonly IsoDate[]; rooms: number },
): { roomTypeId: string; date: IsoDate; rooms: number }[] {
  const deltas = new Map<string, { roomTypeId: string; date: IsoDate; rooms: number }>();
  const add = (roomTypeId: string, date: IsoDate, rooms: number) => {
    const key = `${roomTypeId}|${date}`;
    const entry = deltas.get(key) ?? { roomTypeId, date, rooms: 0 };
    entry.rooms += rooms;
    deltas.set(key, entry);
  };
  for (const date of from.nights) add(from.roomTypeId, date, -from.rooms);
  for (const date of to.nights) add(to.roomTypeId, date, to.rooms);
  return [...deltas.values()].filter((d) => d.rooms !== 0).sort((a, b) => (a.date === b.date ? a.roomTypeId.localeCompare(b.roomTypeId) : a.date < b.date ? -1 : 1));
}
