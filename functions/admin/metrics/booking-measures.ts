import { bookingMeasuresDeps } from '#composition/bookings.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { metricsRoutes } from '#http/routes/metrics.routes.ts';
import { bookingMeasures } from '#use-cases/bookings/booking-measures.use-case.ts';

export const handler = apiHandler(metricsRoutes.adminBookingMeasures, async ({ query, access }) =>
  ok(await bookingMeasures(bookingMeasuresDeps(), query, access!)),
);
