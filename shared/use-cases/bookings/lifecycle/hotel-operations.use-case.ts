import type { Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import { bookingEvent, stayFields } from './booking-events.ts';
import { stepAt, transitionBooking } from './booking-transitions.ts';

export interface HotelOperationDeps {
  bookings: Pick<BookingRepository, 'get' | 'transition'>;
  events: EventPublisher;
  clock: () => Date;
}

export type OperationSource = 'admin' | 'pms' | 'job';

/**
 * The guest arrived: CONFIRMED -> CHECKED_IN, only while no cancellation or modification runs
 * (`409 CHANGE_IN_PROGRESS`), `booking.checked_in` on the bus. The PMS's own check-in goes through
 * the same transition (`pms-status.use-case.ts`), without the lock: the front desk already did it.
 */
export async function checkIn(deps: HotelOperationDeps, bookingId: string, source: OperationSource = 'admin'): Promise<Booking> {
  const booking = await transitionBooking(deps, bookingId, 'CHECKED_IN', {
    action: 'checkIn',
    ...(source === 'admin' ? { lock: { free: true } as const } : {}),
    step: stepAt(deps, 'checkIn'),
  });
  await deps.events.publish([bookingEvent('booking.checked_in', { ...stayFields(booking, deps.clock()), source })]);
  return booking;
}

/** The guest left: CHECKED_IN -> CHECKED_OUT, `booking.checked_out` on the bus. */
export async function checkOut(deps: HotelOperationDeps, bookingId: string, source: OperationSource = 'admin'): Promise<Booking> {
  const booking = await transitionBooking(deps, bookingId, 'CHECKED_OUT', {
    action: 'checkOut',
    ...(source === 'admin' ? { lock: { free: true } as const } : {}),
    step: stepAt(deps, 'checkOut'),
  });
  await deps.events.publish([bookingEvent('booking.checked_out', { ...stayFields(booking, deps.clock()), source })]);
  return booking;
}
