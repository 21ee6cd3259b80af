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
    available: z.number().int().meta({ description: 'Rooms that can still be sold under the 110% cap; never negative.' }),
    total: z.number().int().meta({ description: 'Physical rooms, as the PMS reports them.' }),
    reserved: z.number().int(),
    sellLimit: z.number().int(),
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
