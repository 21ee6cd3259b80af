import { hotelListDeps } from '#composition/catalog-admin.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentHotel } from '#http/presenters/catalog.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { listAdminHotels } from '#use-cases/catalog/hotel-list.use-case.ts';

/**
 * The cursor's scope holds the filters and the caller's hotels: a cursor of one list (or of another
 * manager's) is refused by another with 400 BAD_CURSOR. The codec is reached only for a cursor.
 */
export const handler = apiHandler(catalogAdminRoutes.adminListHotels, async ({ query: { cursor, limit, status, q }, access }) => {
  const hotels = access!.kind === 'all' ? '*' : [...access!.hotelIds].sort().join(',');
  const scope = { list: 'admin-hotels', filters: { status, q: q ?? '', hotels } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await listAdminHotels(hotelListDeps(), { status, limit, ...(q !== undefined ? { q } : {}), ...(after ? { after } : {}) }, access!);
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map(presentHotel), nextCursor ? { nextCursor } : {});
});
