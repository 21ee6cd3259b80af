/**
 * Actions and views that depend on routes added after the console's first phase, or not built yet.
 * The console asks the API which routes it has (its own OpenAPI document, `capabilities.ts`):
 * while a route is missing (a stack deployed before it, or a route nobody has built), the action
 * is shown disabled with the route it needs and the issue that builds it, and no data is faked;
 * once the API serves the route, the same button works without a new console build.
 */
export interface PlannedApi {
  /** The issue whose work adds the route. */
  issue: number;
  /** `METHOD /api/path` exactly as the route table (and so the OpenAPI document) names it. */
  route: string;
}

export const PLANNED = {
  // Physical rooms (issue 8)
  bookingAssignRoom: { issue: 8, route: 'PUT /api/admin/bookings/{bookingId}/room' },
  hotelRooms: { issue: 8, route: 'GET /api/admin/hotels/{hotelId}/rooms' },
  // Needs attention (issue 12's saga work)
  bookingAttention: { issue: 12, route: 'GET /api/admin/bookings/{bookingId}/attention' },
  retryCompensation: { issue: 12, route: 'POST /api/admin/bookings/{bookingId}/retry-compensation' },
  resolveBooking: { issue: 12, route: 'POST /api/admin/bookings/{bookingId}/resolve' },
  deadLetters: { issue: 10, route: 'GET /api/admin/dead-letters' },
  deadLetterResolve: { issue: 10, route: 'POST /api/admin/dead-letters/{bookingId}/{letterId}/resolve' },
  bookingTextSearch: { issue: 10, route: 'GET /api/admin/bookings?q=' },
  bookingMeasures: { issue: 10, route: 'GET /api/admin/metrics/bookings' },
  // PMS operations (issue 7)
  nightEdit: { issue: 7, route: 'PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}' },
  reconcile: { issue: 7, route: 'POST /api/admin/pms/configs/{id}/reconcile' },
  webhookEvents: { issue: 7, route: 'GET /api/admin/pms/webhook-events' },
  webhookRetry: { issue: 7, route: 'POST /api/admin/pms/webhook-events/{vendor}/{eventId}/retry' },
  // Catalog administration (issue 9)
  calendarEdit: { issue: 9, route: 'PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar' },
  adminHotel: { issue: 9, route: 'GET /api/admin/hotels/{hotelId}' },
  hotelEdit: { issue: 9, route: 'PATCH /api/admin/hotels/{hotelId}' },
  hotelDeactivate: { issue: 9, route: 'DELETE /api/admin/hotels/{hotelId}' },
  roomTypeEdit: { issue: 9, route: 'PATCH /api/admin/hotels/{hotelId}/room-types/{roomTypeId}' },
  ratePlanEdit: { issue: 9, route: 'PATCH /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/rate-plans/{ratePlanId}' },
  ratePlanCreate: { issue: 9, route: 'POST /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/rate-plans' },
  ratePlanDeactivate: { issue: 9, route: 'DELETE /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/rate-plans/{ratePlanId}' },
  // The console's own gaps (issue 10)
  adminHotelList: { issue: 10, route: 'GET /api/admin/hotels' },
  roomEdit: { issue: 8, route: 'PATCH /api/admin/hotels/{hotelId}/rooms/{roomId}' },
} as const satisfies Record<string, PlannedApi>;

export type PlannedKey = keyof typeof PLANNED;
