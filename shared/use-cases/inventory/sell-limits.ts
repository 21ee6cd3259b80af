import type { IsoDate } from '#domain/dates.ts';
import type { Hotel } from '#domain/hotel.ts';
import { sellLimitFor } from '#domain/inventory.ts';
import type { PmsConfig } from '#domain/pms-config.ts';

/** The sell limit of a night for a `total`, under one hotel's policy and its PMS's acceptance. */
export type SellLimits = (total: number, date: IsoDate) => number;

/**
 * The limits of one hotel: its overbooking policy, capped at `total` when its PMS refuses
 * reservations beyond its availability (the default for a PMS-managed hotel, see
 * `PmsConfig.acceptsOverbooking`). A hotel without a PMS sells up to its policy.
 */
export function sellLimitsOf(hotel: Pick<Hotel, 'overbooking' | 'pms'>, config?: Pick<PmsConfig, 'acceptsOverbooking' | 'isActive'>): SellLimits {
  const managed = Boolean(hotel.pms) || Boolean(config);
  const pmsAcceptsOverbooking = managed ? config?.acceptsOverbooking === true : true;
  return (total, date) => sellLimitFor(total, { date, pmsAcceptsOverbooking, ...(hotel.overbooking ? { policy: hotel.overbooking } : {}) });
}
