import type { NightEdit } from '#domain/calendar.ts';
import type { IsoDate } from '#domain/dates.ts';
import type { InventoryMovement, InventoryNight, NightRestrictions, OverridesEdit } from '#domain/inventory.ts';

/** Nights of one room type; the source every availability answer and hold reads from. */
export interface InventoryReader {
  /** Stored nights from `startDate` to `endDate`, both included, in date order. Missing nights are absent. */
  getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]>;
}

export interface InventoryWriter {
  /**
   * Creates nights that do not exist yet; an existing night is left as it is, so seeding or importing
   * twice can never reset `reserved`. PMS updates of `total` go through their own update path.
   */
  createNights(nights: InventoryNight[]): Promise<void>;
  /**
   * Writes the nights of a room type nobody can reach yet, in bulk and without conditions: a
   * night already stored is overwritten. Only for a room type that is not stored yet (an import
   * creating it), whose nights no hold, webhook or poll can find before the room type is
   * committed, so none of them can hold `reserved` rooms. Anything else goes through `createNights`.
   */
  seedUnreachableNights(nights: InventoryNight[]): Promise<void>;
}

export type PmsApplyOutcome = 'applied' | 'created' | 'stale';

/**
 * What a PMS reported about one night (a poll, a webhook, a live read, or the re-read after the PMS
 * refused us). `sourceAt` orders reports, so an older one never overwrites a newer one.
 */
export interface PmsNightReport {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  /** The limit for this `total` under the hotel's policy and what the PMS accepts (`sellLimitFor`). */
  sellLimit: number;
  /** Unsold rooms after every channel, ours included; absent keeps our count of other channels' sales. */
  available?: number;
  /**
   * `inPms` as we read it before asking the PMS. The PMS's answer may predate a reservation of ours
   * counted since, so the smaller of this and the current `inPms` is used: other channels' sales are
   * never undercounted, which would advertise rooms that do not exist.
   */
  inPmsBefore?: number;
  /** Replaces the PMS restrictions of the night when given (an absent key = no restriction). */
  restrictions?: NightRestrictions;
  /** Price of one room, when the report carries one; absent leaves the night's price as it is. */
  priceMinor?: number;
  /** The price of a night this report creates when it carries none (a rate plan's base price). */
  newNightPriceMinor: number;
  currency: string;
  sourceAt: string;
  /** For the ledger: what reported it. */
  ref: { type: 'event' | 'poll' | 'read' | 'import' | 'saga'; id: string };
}

export interface PmsNightRate {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  priceMinor: number;
  currency: string;
  sourceAt: string;
}

/** How PMS data reaches our copy of the inventory: webhooks, polling and imports all go through here. */
export interface PmsInventorySync {
  /**
   * Applies one report: `total`, `sellLimit`, other channels' sales (`external`), restrictions and
   * price, then `remaining = sellLimit - external - reserved`, never touching `reserved`. Creates the
   * night if it does not exist. Every change of the counts writes a `pms-sync` movement with the
   * before and after values, in the same transaction. A report older than the last applied is `stale`.
   */
  applyReport(report: PmsNightReport, now: Date): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight; previous?: InventoryNight }>;
  /** Sets the night's price, unless a newer rate was applied already. A missing night is `stale`. */
  applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome>;
}

/** The hotel's overbooking policy changed: each night's limit is set again, with a `policy` movement. */
export interface InventoryLimits {
  setSellLimit(
    night: { hotelId: string; roomTypeId: string; date: IsoDate },
    sellLimit: number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined>;
  /**
   * Sets many nights' limits, each from the night as the caller read it: written in batches, each
   * night conditional on its counts being what was read (a night that changed meanwhile is read
   * again and set on its own), each with its `policy` movement. Returns how many nights changed.
   */
  setSellLimits(
    changes: readonly { night: InventoryNight; sellLimit: number }[],
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<number>;
  /**
   * An admin's edit of one night: its `total` (with the limit `sellLimitFor` gives for it, and
   * `remaining` following) and its overrides (`editedOverrides`), never `reserved`; conditional on
   * the counts as read (read again when a sale lands in between), with an `admin-edit` movement in
   * the same transaction. `undefined` when the night is not stored.
   */
  editNight(
    at: { hotelId: string; roomTypeId: string; date: IsoDate },
    edit: { total?: number; overrides?: OverridesEdit },
    sellLimitFor: (total: number) => number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined>;
}

/** The movement ledger, newest first. */
export interface InventoryLedger {
  listMovements(hotelId: string, roomTypeId: string, date: IsoDate, options?: { limit?: number }): Promise<InventoryMovement[]>;
}

/** An admin's calendar for one room type, night by night (`expandRanges`). */
export interface CalendarEdit {
  hotelId: string;
  roomTypeId: string;
  /** The hotel's currency: the currency of a night the edit creates. */
  currency: string;
  edits: readonly NightEdit[];
  /** The hotel's sell limits (`sellLimitsOf`): a night whose total changes gets its limit here. */
  limits: (total: number, date: IsoDate) => number;
  /** The price of a night this edit creates without one of its own (the room type's base rate). */
  newNightPriceMinor?: number;
  /** For the ledger and the audit: the admin. */
  ref: InventoryMovement['ref'];
}

export interface CalendarOutcome {
  created: number;
  changed: number;
  unchanged: number;
}

/**
 * An admin's edits of nights (issue 9), through the same path as PMS reports: `total` and the limit
 * from the hotel's policy, `remaining = sellLimit - external - reserved` with `reserved` never
 * touched, every change of counts an `admin-edit` movement in the same transaction, the price, and
 * our restriction `overrides`. Read, compute, and write conditioned on what was read (again when a
 * sale landed in between). A night that does not exist is created when its edit gives a `total`.
 * Writing the same edits twice changes nothing the second time.
 */
export interface InventoryCalendar {
  applyCalendar(edit: CalendarEdit, now: Date): Promise<CalendarOutcome>;
}
