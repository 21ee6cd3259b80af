import type { AdminBooking, SagaStep } from '../api/types.ts';

/**
 * What the booking pages derive from an `AdminBooking`: the saga timeline in time order with
 * compensations marked, what a stuck booking may still hold, and what failed.
 */
export const COMPENSATION_STEPS = ['cancelPms', 'voidPayment', 'releaseHold'] as const;
export const FORWARD_STEPS = ['hold', 'authorize', 'confirm', 'capture', 'finalize'] as const;

export interface TimelineEntry extends SagaStep {
  compensation: boolean;
  /** Position in the journal, kept so equal times stay in the order they were written. */
  index: number;
}

export function isCompensation(stepName: string): boolean {
  return (COMPENSATION_STEPS as readonly string[]).includes(stepName);
}

/** Every step, oldest first (the journal's order breaks ties), compensations marked. */
export function timeline(steps: readonly SagaStep[]): TimelineEntry[] {
  return steps
    .map((step, index) => ({ ...step, compensation: isCompensation(step.name), index }))
    .sort((a, b) => {
      const byTime = Date.parse(a.at) - Date.parse(b.at);
      return Number.isNaN(byTime) || byTime === 0 ? a.index - b.index : byTime;
    });
}

/** The failed steps, latest first: the first one is what the attention list shows. */
export function failedSteps(steps: readonly SagaStep[]): TimelineEntry[] {
  return timeline(steps)
    .filter((s) => s.status === 'FAILED')
    .reverse();
}

export type HeldItem =
  | { kind: 'authorization'; amount: number; currency: string }
  | { kind: 'captured'; amount: number; currency: string }
  | { kind: 'pmsReservation'; id: string }
  | { kind: 'pmsHold' };

/**
 * What the booking record says is still held for a booking that did not finish cleanly: an open
 * card authorization, captured money, a PMS reservation or hold. It is the record's view only: the
 * retry action (phase 2) decides from the payment gateway and the PMS themselves.
 */
export function stillHeld(booking: Pick<AdminBooking, 'status' | 'payment' | 'pms'>): HeldItem[] {
  if (booking.status === 'CONFIRMED') return [];
  const held: HeldItem[] = [];
  if (booking.payment.status === 'AUTHORIZED') held.push({ kind: 'authorization', amount: booking.payment.amount, currency: booking.payment.currency });
  if (booking.payment.status === 'CAPTURED') held.push({ kind: 'captured', amount: booking.payment.amount, currency: booking.payment.currency });
  if (booking.pms.status === 'CONFIRMED') held.push({ kind: 'pmsReservation', id: booking.pms.reservationId ?? booking.pms.confirmationNumber ?? '?' });
  if (booking.pms.status === 'HELD') held.push({ kind: 'pmsHold' });
  return held;
}

/** The hotel's lifecycle actions on one booking (`POST /api/admin/bookings/{id}/...`). */
export type LifecycleAction = 'checkIn' | 'checkOut' | 'cancel' | 'noShow' | 'refund';

/**
 * The actions the booking status machine allows from `status` (`shared/domain/booking-status.ts`),
 * in the order the page offers them. Only a convenience: the API refuses anything else itself
 * (409 INVALID_TRANSITION), and the page shows that refusal as it is. Refund is offered where the
 * hotel side may owe money back (a hotel cancellation in the PMS, a no-show).
 */
export function lifecycleActions(status: AdminBooking['status']): LifecycleAction[] {
  switch (status) {
    case 'CONFIRMED':
      return ['checkIn', 'cancel', 'noShow'];
    case 'CHECKED_IN':
      return ['checkOut'];
    case 'CANCELLED_BY_HOTEL':
    case 'NO_SHOW':
      return ['refund'];
    default:
      return [];
  }
}

/** A room can be assigned to a stay that is confirmed or under way. */
export function canAssignRoom(status: AdminBooking['status']): boolean {
  return status === 'CONFIRMED' || status === 'CHECKED_IN';
}
