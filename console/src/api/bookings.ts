import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { AdminBooking, BookingAttention, BookingListQuery, CancellationOutcome, HotelDayMeasures, MeasuresQuery, CancellationQuoteData, ResolveBookingResult, RetryCompensationResult } from './types.ts';

/**
 * Admin bookings (`shared/http/routes/booking.routes.ts`) and the hotel's lifecycle actions
 * (`shared/http/routes/booking-lifecycle.routes.ts`).
 */
export interface BookingPage {
  bookings: AdminBooking[];
  nextCursor?: string;
}

/**
 * What a lifecycle action answered: `done` when its saga finished within the API's wait (200), or
 * `running` (202) when it is still going and the booking's `changes` will tell the outcome.
 */
export interface ActionResult<T> {
  outcome: 'done' | 'running';
  data: T;
}

/** The admin actions on one booking that take no body, by the last path segment of their route. */
export type BookingAction = 'cancel' | 'refund' | 'no-show' | 'check-in' | 'check-out';

export function bookingsApi(client: ApiClient) {
  async function post<T>(bookingId: string, action: BookingAction): Promise<ActionResult<T>> {
    const { status, body } = await client.send<DataEnvelope<T>>(`/admin/bookings/${segment(bookingId)}/${action}`, { method: 'POST' });
    return { outcome: status === 202 ? 'running' : 'done', data: body.data };
  }

  return {
    async list(query: BookingListQuery = {}, signal?: AbortSignal): Promise<BookingPage> {
      const body = await client.get<{ data: AdminBooking[]; nextCursor?: string }>('/admin/bookings', { ...query }, signal);
      return { bookings: body.data, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
    },

    /**
     * How many bookings match, reading at most `cap` of them (pages of 100): the dashboard's
     * counts. `capped` says there may be more.
     */
    async count(query: Omit<BookingListQuery, 'cursor' | 'limit'>, cap = 500, signal?: AbortSignal): Promise<{ count: number; capped: boolean; bookings: AdminBooking[] }> {
      const bookings: AdminBooking[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.list({ ...query, limit: 100, ...(cursor ? { cursor } : {}) }, signal);
        bookings.push(...page.bookings);
        cursor = page.nextCursor;
      } while (cursor && bookings.length < cap);
      return { count: bookings.length, capped: cursor !== undefined, bookings };
    },

    /**
     * Per hotel, its day in numbers (arrivals, departures, in house, checkouts with the success and
     * hold expiry rates, needs attention), computed by the API; a manager gets their hotels.
     */
    async measures(query: MeasuresQuery = {}, signal?: AbortSignal): Promise<HotelDayMeasures[]> {
      return (await client.get<DataEnvelope<HotelDayMeasures[]>>('/admin/metrics/bookings', { ...query }, signal)).data;
    },

    async get(bookingId: string, signal?: AbortSignal): Promise<AdminBooking> {
      return (await client.get<DataEnvelope<AdminBooking>>(`/admin/bookings/${segment(bookingId)}`, undefined, signal)).data;
    },

    /** What cancelling now refunds and keeps under the booking's own terms (money in major units). */
    async cancellationQuote(bookingId: string, signal?: AbortSignal): Promise<CancellationQuoteData> {
      return (await client.get<DataEnvelope<CancellationQuoteData>>(`/bookings/${segment(bookingId)}/cancellation-quote`, undefined, signal)).data;
    },

    /**
     * Hotel-side cancellation: everything refunded whatever the terms. No Idempotency-Key: the API
     * then allows one hotel cancellation per booking, so a double click or a retry joins the first.
     */
    cancel: (bookingId: string) => post<CancellationOutcome>(bookingId, 'cancel'),
    /** Refunds what a booking cancelled by the hotel in its PMS is owed. */
    refund: (bookingId: string) => post<CancellationOutcome>(bookingId, 'refund'),
    noShow: (bookingId: string) => post<CancellationOutcome>(bookingId, 'no-show'),
    checkIn: (bookingId: string) => post<AdminBooking>(bookingId, 'check-in'),
    checkOut: (bookingId: string) => post<AdminBooking>(bookingId, 'check-out'),

    /** What a NEEDS_ATTENTION booking still holds, asked of the gateway, the PMS and its hold. */
    async attention(bookingId: string, signal?: AbortSignal): Promise<BookingAttention> {
      return (await client.get<DataEnvelope<BookingAttention>>(`/admin/bookings/${segment(bookingId)}/attention`, undefined, signal)).data;
    },

    /**
     * Re-runs only the compensations of a NEEDS_ATTENTION booking that did not succeed, each
     * deciding from the gateway and the PMS; idempotent (a resolved booking answers ALREADY_RESOLVED).
     */
    async retryCompensation(bookingId: string): Promise<RetryCompensationResult> {
      return (await client.request<DataEnvelope<RetryCompensationResult>>(`/admin/bookings/${segment(bookingId)}/retry-compensation`, { method: 'POST' })).data;
    },

    /** Closes a NEEDS_ATTENTION booking settled by hand, with the required note; idempotent (the first resolution stands). */
    async resolve(bookingId: string, note: string): Promise<ResolveBookingResult> {
      return (await client.request<DataEnvelope<ResolveBookingResult>>(`/admin/bookings/${segment(bookingId)}/resolve`, { method: 'POST', body: { note } })).data;
    },
  };
}

export type BookingsApi = ReturnType<typeof bookingsApi>;
