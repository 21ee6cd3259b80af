/**
 * Actions and views whose API routes do not exist yet. The console shows each one disabled, with
 * the route it will call and the issue that builds it, and never fakes its data. When a route
 * lands: add the call to its area module (`bookings.ts`, `pms.ts`, ...), remove the entry here,
 * and the page's `<PlannedAction>` becomes a real button (TypeScript points at every use).
 */
export interface PlannedApi {
  /** The issue whose work adds the route. */
  issue: number;
  /** The route as the route table will name it. */
  route: string;
}

export const PLANNED = {
  // Booking lifecycle (issue 8)
  bookingCancel: { issue: 8, route: 'POST /api/admin/bookings/{id}/cancel' },
  bookingRefundQuote: { issue: 8, route: 'GET /api/bookings/{id}/cancellation-quote' },
  bookingCheckIn: { issue: 8, route: 'POST /api/admin/bookings/{id}/check-in' },
  bookingCheckOut: { issue: 8, route: 'POST /api/admin/bookings/{id}/check-out' },
  bookingNoShow: { issue: 8, route: 'POST /api/admin/bookings/{id}/no-show' },
  bookingAssignRoom: { issue: 8, route: 'PUT /api/admin/bookings/{id}/room' },
  stayStatuses: { issue: 8, route: 'CHECKED_IN / CHECKED_OUT booking statuses' },
  hotelManagerScope: { issue: 8, route: 'hotel_manager access on /api/admin/*' },
  // Needs attention (issue 10, phase 2)
  deadLetters: { issue: 10, route: 'GET /api/admin/dead-letters' },
  bookingTextSearch: { issue: 10, route: 'GET /api/admin/bookings?q=' },
  bookingMeasures: { issue: 10, route: 'GET /api/admin/metrics/bookings' },
  // Inventory (issue 7)
  movements: { issue: 7, route: 'GET /api/admin/inventory/{hotelId}/{roomTypeId}/{date}/movements' },
  restrictions: { issue: 7, route: 'restrictions per night in GET /api/inventory/{hotelId}/{roomTypeId}' },
  reconcile: { issue: 7, route: 'POST /api/admin/pms/configs/{id}/reconcile' },
  webhookEvents: { issue: 7, route: 'GET /api/admin/pms/webhook-events' },
  // Catalog administration (issue 9)
  calendarEdit: { issue: 9, route: 'PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar' },
  hotelEdit: { issue: 9, route: 'PATCH /api/admin/hotels/{hotelId}' },
  hotelDeactivate: { issue: 9, route: 'DELETE /api/admin/hotels/{hotelId}' },
  roomTypeEdit: { issue: 9, route: 'PATCH /api/admin/hotels/{hotelId}/room-types/{roomTypeId}' },
} as const satisfies Record<string, PlannedApi>;

export type PlannedKey = keyof typeof PLANNED;
