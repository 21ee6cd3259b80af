import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { AdminBooking, BookingListQuery, ResolveBookingResult, RetryCompensationResult } from './types.ts';

/**
 * Admin booking reads (`shared/http/routes/booking.routes.ts`) and the Needs attention actions
 * (`attention.routes.ts`). The lifecycle actions (cancel, check-in, ...) arrive with issue 8 and are
 * listed in `planned.ts` until then.
 */
export interface BookingPage {
  bookings: AdminBooking[];
  nextCursor?: string;
}

export function bookingsApi(client: ApiClient) {
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

    async get(bookingId: string, signal?: AbortSignal): Promise<AdminBooking> {
      return (await client.get<DataEnvelope<AdminBooking>>(`/admin/bookings/${segment(bookingId)}`, undefined, signal)).data;
    },

    /** Idempotent: re-runs only the compensations that did not succeed (`shared/http/routes/attention.routes.ts`). */
    async retryCompensation(bookingId: string): Promise<RetryCompensationResult> {
      return (await client.request<DataEnvelope<RetryCompensationResult>>(`/admin/bookings/${segment(bookingId)}/retry-compensation`, { method: 'POST' })).data;
    },

    /** Idempotent: the first resolution stands. The note is required. */
    async resolve(bookingId: string, note: string): Promise<ResolveBookingResult> {
      return (await client.request<DataEnvelope<ResolveBookingResult>>(`/admin/bookings/${segment(bookingId)}/resolve`, { method: 'POST', body: { note } })).data;
    },
  };
}

export type BookingsApi = ReturnType<typeof bookingsApi>;
