import type * as z from 'zod';
import { toMajorUnits } from '#domain/money.ts';
import type { AttentionView, ResolveResult, RetryResult } from '#use-cases/bookings/attention.use-cases.ts';
import type { AttentionDto, ResolveBookingDto, RetryCompensationDto } from '../schemas/attention.schema.ts';
import { presentAdminBooking } from './booking.presenter.ts';

export function presentAttention(view: AttentionView): z.infer<typeof AttentionDto> {
  const { payments, pmsReservations, rooms } = view.held;
  return {
    booking: presentAdminBooking(view.booking),
    unsettled: view.unsettled,
    failures: view.failures.map(({ name, at, error }) => ({ name, at, ...(error !== undefined ? { error } : {}) })),
    held: {
      payments: payments.reachable
        ? {
            reachable: true,
            items: payments.items.map((p) => ({
              paymentId: p.paymentId,
              status: p.status,
              amount: toMajorUnits(p.amountMinor, p.currency),
              captured: toMajorUnits(p.amountCapturedMinor, p.currency),
              refunded: toMajorUnits(p.amountRefundedMinor, p.currency),
              currency: p.currency,
            })),
          }
        : payments,
      pmsReservations: pmsReservations.reachable
        ? { reachable: true, items: pmsReservations.items.map((r) => ({ reservationId: r.reservationId, confirmationNumber: r.confirmationNumber, status: r.status })) }
        : pmsReservations,
      ...(rooms && (rooms.status === 'HELD' || rooms.status === 'CONVERTED') ? { rooms: { status: rooms.status, nights: rooms.nights, rooms: rooms.rooms } } : {}),
    },
  };
}

export function presentRetry(result: RetryResult): z.infer<typeof RetryCompensationDto> {
  return { outcome: result.outcome, ran: result.ran, booking: presentAdminBooking(result.booking) };
}

export function presentResolve(result: ResolveResult): z.infer<typeof ResolveBookingDto> {
  return { outcome: result.outcome, booking: presentAdminBooking(result.booking) };
}
