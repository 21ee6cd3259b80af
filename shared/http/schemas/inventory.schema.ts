import * as z from 'zod';
import { dataEnvelope, Id, IsoDateString } from './common.schema.ts';

export const InventoryParams = z.object({ hotelId: Id, roomTypeId: Id });

/** Both dates included; the range check (order, 366 days) lives in the use case. */
export const InventoryQuery = z.object({ startDate: IsoDateString, endDate: IsoDateString });

export const InventoryNightDto = z
  .object({
    hotelId: z.string(),
    roomTypeId: z.string(),
    date: z.string(),
    available: z.number().int().meta({
      description:
        'Rooms a checkout started now can take: the sell limit minus what every channel sold (other channels per the PMS, and ours); never negative.',
    }),
    total: z.number().int().meta({ description: 'Physical rooms, as the PMS reports them.' }),
    reserved: z.number().int().meta({ description: 'Rooms held or booked through us.' }),
    soldElsewhere: z.number().int().meta({ description: "Rooms other channels sold (front desk, OTAs, the hotel's site), as of the PMS's last report." }),
    sellLimit: z.number().int().meta({
      description: "The most rooms all channels together may sell: the hotel's overbooking policy, capped at total when its PMS refuses overbooking.",
    }),
    restrictions: z
      .object({
        minStay: z.number().int().optional(),
        maxStay: z.number().int().optional(),
        closedToArrival: z.boolean().optional(),
        closedToDeparture: z.boolean().optional(),
        stopSell: z.boolean().optional(),
      })
      .meta({ description: "The night's restrictions in force (ours over the PMS's); absent keys do not restrict." }),
    restrictionSources: z
      .record(z.string(), z.enum(['pms', 'hotel']))
      .meta({ description: 'Where each restriction in force comes from: the PMS, or our own (an admin override).' }),
    price: z.number(),
    currency: z.string(),
    overbooked: z.boolean(),
    updatedAt: z.string(),
    syncedAt: z.string().optional(),
    stale: z.boolean().meta({
      description:
        "True when the hotel's PMS could not confirm this night just now (down, slow, or its circuit breaker open): the last known values are shown, and may be out of date.",
    }),
  })
  .meta({ id: 'InventoryNight' });

export const InventoryResponse = dataEnvelope(z.array(InventoryNightDto));
