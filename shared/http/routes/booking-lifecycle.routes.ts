import type { ErrorCode } from '#domain/errors.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { BookingParams } from '../schemas/booking.schema.ts';
import {
  AdminBookingResponse,
  AdminChangeHeaders,
  CancellationQuoteResponse,
  CancellationResponse,
  ChangeHeaders,
  ModificationResponse,
  ModifyBody,
} from '../schemas/booking-lifecycle.schema.ts';

const STILL_RUNNING = {
  description: 'Accepted and still running after CHANGE_WAIT_MS: poll the booking at Location; its `changes` show the outcome.',
  headers: { location: 'The booking to poll: /api/bookings/{bookingId}' },
};

/** What every cancellation-saga route can end in besides its own refusals. */
const CANCELLATION_ERRORS: ErrorCode[] = ['NOT_FOUND', 'INVALID_TRANSITION', 'CHANGE_IN_PROGRESS', 'PMS_UNAVAILABLE', 'PMS_REJECTED', 'PAYMENT_UNAVAILABLE', 'STORAGE_CONTENTION'];

/**
 * The booking lifecycle after checkout (issue 8): a guest's cancellation and modification, and the
 * hotel's operations (admin now). Each change runs as a saga (`statemachines/cancellation-saga.asl.json`,
 * `statemachines/modification-saga.asl.json`); the request waits for it like the checkout does.
 */
export const bookingLifecycleRoutes = {
  cancellationQuote: defineRoute({
    method: 'GET',
    path: '/api/bookings/{bookingId}/cancellation-quote',
    handler: 'bookings/cancellation-quote',
    auth: 'guest',
    summary: "What cancelling now would refund and keep, from the booking's own terms (money in major units)",
    tags: ['booking'],
    permissions: ['table:read'],
    params: BookingParams,
    responses: { 200: { description: 'The refund, the fee, and until when cancelling is free.', body: CancellationQuoteResponse } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  }),
  cancelBooking: defineRoute({
    method: 'POST',
    path: '/api/bookings/{bookingId}/cancel',
    handler: 'bookings/cancel-booking',
    auth: 'guest',
    summary: 'Cancel: cancels in the PMS, gives the nights back, refunds per the booking terms (CANCELLED, then REFUNDED when the refund settles)',
    tags: ['booking'],
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
    params: BookingParams,
    headers: ChangeHeaders,
    responses: {
      200: { description: 'Cancelled; the refund made (or none, per the terms).', body: CancellationResponse },
      202: { ...STILL_RUNNING, body: CancellationResponse },
    },
    errors: [...CANCELLATION_ERRORS, 'IDEMPOTENCY_KEY_REUSED'],
    throttle: { burstLimit: 20, rateLimit: 10 },
  }),
  modifyBooking: defineRoute({
    method: 'PATCH',
    path: '/api/bookings/{bookingId}',
    handler: 'bookings/modify-booking',
    auth: 'guest',
    summary:
      'Change the dates, rooms or room type, all or nothing: the new nights are held before the old are released, the stay is repriced from current rates, the PMS reservation is modified, and the difference is charged or refunded per the terms',
    tags: ['booking'],
    permissions: ['table:read', 'table:write', 'modification-saga:start'],
    params: BookingParams,
    headers: ChangeHeaders,
    body: ModifyBody,
    responses: {
      200: { description: 'Modified: the booking with its new stay, and the money moved.', body: ModificationResponse },
      202: { ...STILL_RUNNING, body: ModificationResponse },
    },
    errors: [
      'NOT_FOUND',
      'INVALID_TRANSITION',
      'CHANGE_IN_PROGRESS',
      'IDEMPOTENCY_KEY_REUSED',
      'NOTHING_TO_CHANGE',
      'SAME_DAY_CUTOFF',
      'OUTSIDE_BOOKING_WINDOW',
      'MIN_STAY',
      'MAX_STAY',
      'CLOSED_TO_ARRIVAL',
      'CLOSED_TO_DEPARTURE',
      'STOP_SELL',
      'SOLD_OUT',
      'PAYMENT_DECLINED',
      'PMS_REJECTED',
      'PMS_UNAVAILABLE',
      'PAYMENT_UNAVAILABLE',
      'STORAGE_CONTENTION',
    ],
    throttle: { burstLimit: 20, rateLimit: 10 },
  }),
  adminCancelBooking: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/cancel',
    handler: 'admin/bookings/cancel-booking',
    auth: 'admin',
    summary: 'Hotel-side cancellation: like a guest cancellation, with everything refunded whatever the terms',
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
    params: BookingParams,
    headers: AdminChangeHeaders,
    responses: {
      200: { description: 'Cancelled and refunded in full.', body: CancellationResponse },
      202: { ...STILL_RUNNING, body: CancellationResponse },
    },
    errors: CANCELLATION_ERRORS,
  }),
  adminRefundBooking: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/refund',
    handler: 'admin/bookings/refund-booking',
    auth: 'admin',
    summary:
      "Refund now what a booking is owed (refundDueMinor) after the hotel cancelled it in its PMS or the PMS reported a no-show; the RefundsOwed job does the same every 5 minutes",
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
    params: BookingParams,
    responses: {
      200: { description: 'Refunded (CANCELLED_BY_HOTEL becomes REFUNDED).', body: CancellationResponse },
      202: { ...STILL_RUNNING, body: CancellationResponse },
    },
    errors: CANCELLATION_ERRORS,
  }),
  adminCheckIn: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/check-in',
    handler: 'admin/bookings/check-in',
    auth: 'admin',
    summary: 'The guest arrived: CONFIRMED -> CHECKED_IN',
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'events:publish'],
    params: BookingParams,
    responses: { 200: { description: 'Checked in.', body: AdminBookingResponse } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CHANGE_IN_PROGRESS'],
  }),
  adminCheckOut: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/check-out',
    handler: 'admin/bookings/check-out',
    auth: 'admin',
    summary: 'The guest left: CHECKED_IN -> CHECKED_OUT',
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'events:publish'],
    params: BookingParams,
    responses: { 200: { description: 'Checked out.', body: AdminBookingResponse } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CHANGE_IN_PROGRESS'],
  }),
  adminNoShow: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/no-show',
    handler: 'admin/bookings/no-show',
    auth: 'admin',
    summary: "The guest never came: CONFIRMED -> NO_SHOW, the nights go back, the terms decide the fee and the rest is refunded (the no-show job does it after the hotel's cut-off)",
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
    params: BookingParams,
    responses: {
      200: { description: 'Marked as a no-show; what the terms give back refunded.', body: CancellationResponse },
      202: { ...STILL_RUNNING, body: CancellationResponse },
    },
    errors: CANCELLATION_ERRORS,
  }),
} satisfies Record<string, RouteDefinition>;
