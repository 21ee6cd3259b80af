import * as z from 'zod';
import { dataEnvelope, Id, IsoDateString } from './common.schema.ts';

export const BookingMeasuresQuery = z.strictObject({
  date: IsoDateString.optional().meta({ description: "The hotel's calendar date to measure; each hotel's own today when absent." }),
  hotelId: Id.optional().meta({ description: 'One hotel only (a hotel manager may name only theirs).' }),
});

const rate = z.number().min(0).max(1).nullable();

export const HotelDayMeasuresDto = z
  .object({
    hotelId: z.string(),
    name: z.string(),
    timeZone: z.string(),
    date: z.string().meta({ description: "The hotel's calendar date measured." }),
    arrivals: z.number().int().meta({ description: 'Stays starting that day: confirmed and due, or already arrived.' }),
    departures: z.number().int().meta({ description: 'Stays ending that day whose guest arrived (checked in or out).' }),
    inHouse: z.number().int().meta({ description: 'Guests checked in whose stay covers the day (its check-out day included).' }),
    bookingsMade: z.number().int().meta({ description: 'Checkouts started that day (hotel time) that ended CONFIRMED (whatever happened to the booking since).' }),
    checkouts: z.object({
      started: z.number().int(),
      confirmed: z.number().int(),
      failed: z.number().int().meta({ description: 'Failed, or needing attention before any confirmation.' }),
      running: z.number().int().meta({ description: 'Still PENDING: no outcome yet.' }),
    }),
    successRate: rate.meta({ description: 'confirmed ÷ (confirmed + failed); null when no checkout of the day has an outcome yet.' }),
    holds: z.object({
      placed: z.number().int().meta({ description: "Checkouts of the day that placed a hold on rooms." }),
      expired: z.number().int().meta({ description: 'Of those, the ones that failed because the hold ran out (HOLD_EXPIRED).' }),
    }),
    holdExpiryRate: rate.meta({ description: 'expired ÷ placed; null when no hold was placed that day.' }),
    needsAttention: z.number().int().meta({ description: 'Bookings of the hotel in NEEDS_ATTENTION now (not only that day).' }),
    complete: z.boolean().meta({ description: 'False when a read cap was reached: the counts are then lower bounds.' }),
  })
  .meta({ id: 'HotelDayMeasures' });

export const BookingMeasuresResponse = dataEnvelope(z.array(HotelDayMeasuresDto));
