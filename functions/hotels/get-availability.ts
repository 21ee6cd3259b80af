import { hotelAvailabilityDeps } from '#composition/catalog.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { publicCacheHeaders } from '#http/cache-control.ts';
import { presentOffer } from '#http/presenters/search.presenter.ts';
import { searchRoutes } from '#http/routes/search.routes.ts';
import { hotelAvailability } from '#use-cases/search/hotel-availability.use-case.ts';

export const handler = apiHandler(searchRoutes.hotelAvailability, async ({ params, query }) => {
  const { hotel, offers } = await hotelAvailability(hotelAvailabilityDeps(), { hotelId: params.hotelId, ...query });
  return {
    ...ok({
      hotelId: hotel.hotelId,
      ...query,
      currency: hotel.currency,
      roomTypes: offers.map((offer) => presentOffer(offer, hotel.currency, query.rooms)),
    }),
    headers: publicCacheHeaders('availability'),
  };
});
