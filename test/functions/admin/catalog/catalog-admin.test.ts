import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as createHotel } from '../../../../functions/admin/catalog/create-hotel.ts';
import { handler as createRatePlan } from '../../../../functions/admin/catalog/create-rate-plan.ts';
import { handler as createRoomType } from '../../../../functions/admin/catalog/create-room-type.ts';
import { handler as deactivateHotel } from '../../../../functions/admin/catalog/deactivate-hotel.ts';
import { handler as deactivateRatePlan } from '../../../../functions/admin/catalog/deactivate-rate-plan.ts';
import { handler as deleteRoomType } from '../../../../functions/admin/catalog/delete-room-type.ts';
import { handler as getAdminHotel } from '../../../../functions/admin/catalog/get-hotel.ts';
import { handler as getRatePlan } from '../../../../functions/admin/catalog/get-rate-plan.ts';
import { handler as getRoomType } from '../../../../functions/admin/catalog/get-room-type.ts';
import { handler as listAudit } from '../../../../functions/admin/catalog/list-audit.ts';
import { handler as updateHotel } from '../../../../functions/admin/catalog/update-hotel.ts';
import { handler as updateRatePlan } from '../../../../functions/admin/catalog/update-rate-plan.ts';
import { handler as updateRoomType } from '../../../../functions/admin/catalog/update-room-type.ts';
import { handler as checkout } from '../../../../functions/booking/checkout.ts';
import { handler as getHotel } from '../../../../functions/hotels/get-hotel.ts';
import { handler as listHotels } from '../../../../functions/hotels/list-hotels.ts';
import { eventPublisher } from '../../../../shared/composition/messaging.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import type { DomainEvent } from '../../../../shared/ports/event-publisher.port.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../../../support/fixtures.ts';

// Staff accounts are created with a verified e-mail; the audit names the actor by it.
const admin = { sub: 'admin-1', email: 'ops@example.com', email_verified: 'true', 'cognito:groups': '[admin]' };
const guest = { sub: 'guest-1', email: 'g@example.com', 'cognito:groups': '[guest]' };

const aNewHotel = {
  hotelId: 'htl_admin_1',
  name: 'Namsan Garden Hotel',
  city: 'Seoul',
  country: 'KR',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  location: { latitude: 37.55, longitude: 126.99 },
  starRating: 4,
  amenities: ['WiFi', 'Pool'],
  images: ['https://img.example/namsan.jpg'],
};

describe('catalog admin routes against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    // The checkout's composition needs a state machine to name; the refusal tested here starts none.
    c = useTestConfig(testConfig(table.tableName, table.endpoint, { STATE_MACHINE_ARN: 'arn:aws:states:local:000000000000:stateMachine:unused' }));
    eventPublisher.override({ publish: async (e) => void events.push(...e) });
    // A PMS-managed hotel, as an import leaves it.
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_pms', name: 'Imported Hotel', pms: { vendor: 'cloudbeds', pmsHotelId: 'cb-1' }, version: 3 }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_pms', roomTypeId: 'rt_pms', pmsRoomTypeId: 'cb-rt-1', version: 1 }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_pms', roomTypeId: 'rt_pms', ratePlanId: 'rp_std', version: 1 }));
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  describe('who may call', () => {
    it('answers an anonymous caller 401 and a guest 403 on every admin route, and writes nothing', async () => {
      const anonymous = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: aNewHotel }));
      const asGuest = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: aNewHotel, claims: guest }));
      const patchAsGuest = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_pms' }, body: { description: 'x' }, claims: guest }));

      expect([anonymous.statusCode, anonymous.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
      expect([asGuest.statusCode, asGuest.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect([patchAsGuest.statusCode, patchAsGuest.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(await c.catalog.getHotel(aNewHotel.hotelId)).toBeUndefined();
      expect((await c.catalog.getHotel('htl_pms'))?.description).toBeUndefined();
    });

    it("lets a hotel manager edit their own hotel's fields, not another hotel's, and never create a hotel", async () => {
      const manager = (hotelIds: string) => ({ sub: 'hm-1', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': hotelIds });
      await c.catalog.putHotel(aHotel({ hotelId: 'htl_managed', name: 'Managed Hotel', version: 1 }));

      const other = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_managed' }, body: { description: 'x' }, claims: manager('htl_else') }));
      const create = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: aNewHotel, claims: manager('htl_admin_1') }));
      const own = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_managed' }, body: { description: 'Run by its manager' }, claims: manager('htl_managed') }));

      expect([other.statusCode, other.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect([create.statusCode, create.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(own.statusCode).toBe(200);
      expect((await c.catalog.getHotel('htl_managed'))?.description).toBe('Run by its manager');
      expect(await c.catalog.getHotel(aNewHotel.hotelId)).toBeUndefined();
    });

    it('refuses a hotel manager (de)activating their own hotel through PATCH, as DELETE does, and writes nothing', async () => {
      const manager = { sub: 'hm-1', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_managed_2' };
      await c.catalog.putHotel(aHotel({ hotelId: 'htl_managed_2', name: 'Managed Hotel Two', version: 1 }));
      const patch = (body: Record<string, unknown>) => invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_managed_2' }, body, claims: manager }));

      const off = await patch({ isActive: false });
      // The same value sent back with a whole form is no change, and the rest of the form is saved.
      const same = await patch({ isActive: true, description: 'Still open' });

      expect([off.statusCode, off.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(same.statusCode).toBe(200);
      const stored = await c.catalog.getHotel('htl_managed_2');
      expect([stored?.isActive !== false, stored?.description, stored?.version]).toEqual([true, 'Still open', 2]);
    });
  });

  describe('hotels', () => {
    it('creates a hotel: 201 with data.hotelId, an ETag, and an audit entry', async () => {
      const res = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: aNewHotel, claims: admin }));

      expect(res.statusCode).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.data).toMatchObject({ hotelId: 'htl_admin_1', name: 'Namsan Garden Hotel', version: 1, isActive: true, roomTypes: [], pmsOwned: { hotel: [] } });
      const audit = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_admin_1' }, claims: admin }));
      expect(audit.body.data).toEqual([
        expect.objectContaining({ action: 'create', entity: 'hotels/htl_admin_1', actor: { subject: 'admin-1', email: 'ops@example.com' } }),
      ]);
      expect(audit.body.data[0].changes).toEqual(expect.arrayContaining([{ field: 'name', after: 'Namsan Garden Hotel' }]));
    });

    it('generates an id when none is given', async () => {
      const { hotelId: _id, ...rest } = aNewHotel;
      const res = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: { ...rest, name: 'No Id Hotel' }, claims: admin }));
      expect(res.statusCode).toBe(201);
      expect(res.body.data.hotelId).toMatch(/^htl_[0-9a-f]{16}$/);
    });

    it.each([
      ['an unknown field', { ...aNewHotel, hotelId: 'htl_v1', rating: 5 }, 'body'],
      ['a time zone that does not exist', { ...aNewHotel, hotelId: 'htl_v2', timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      ['a currency that does not exist', { ...aNewHotel, hotelId: 'htl_v3', currency: 'XYZ' }, 'body.currency'],
      ['a latitude off the globe', { ...aNewHotel, hotelId: 'htl_v4', location: { latitude: 91, longitude: 0 } }, 'body.location.latitude'],
      ['an http image', { ...aNewHotel, hotelId: 'htl_v5', images: ['http://img.example/a.jpg'] }, 'body.images.0'],
      ['a blank name', { ...aNewHotel, hotelId: 'htl_v6', name: '   ' }, 'body.name'],
    ])('refuses %s with 422 naming the field, and stores nothing', async (_case, body, field) => {
      const res = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body, claims: admin }));
      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await c.catalog.getHotel(body.hotelId)).toBeUndefined();
    });

    it('refuses an id that is taken with 409 ALREADY_EXISTS', async () => {
      const res = await invoke(createHotel, httpEvent(routes.adminCreateHotel, { body: { ...aNewHotel, name: 'Another' }, claims: admin }));
      expect([res.statusCode, res.body.error.code]).toEqual([409, 'ALREADY_EXISTS']);
      expect((await c.catalog.getHotel(aNewHotel.hotelId))?.name).toBe('Namsan Garden Hotel');
    });

    it('patches with If-Match: the current version writes and answers the next; a stale one is 412 and writes nothing', async () => {
      const ok = await invoke(
        updateHotel,
        httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, headers: { 'if-match': '"1"' }, body: { description: 'By the park', starRating: 4.5 }, claims: admin }),
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.body.data).toMatchObject({ description: 'By the park', starRating: 4.5, version: 2 });

      const stale = await invoke(
        updateHotel,
        httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, headers: { 'if-match': '"1"' }, body: { description: 'Lost update' }, claims: admin }),
      );
      expect([stale.statusCode, stale.body.error.code]).toEqual([412, 'PRECONDITION_FAILED']);
      expect(stale.body.error.details).toMatchObject({ version: 2 });
      expect((await c.catalog.getHotel('htl_admin_1'))?.description).toBe('By the park');
    });

    it('accepts updatedAt as If-Match, removes a field with null, and audits before and after', async () => {
      const current = await c.catalog.getHotel('htl_admin_1');
      const res = await invoke(
        updateHotel,
        httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, headers: { 'if-match': current!.updatedAt }, body: { description: null }, claims: admin }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.body.data.description).toBeUndefined();
      const audit = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_admin_1', limit: '1' }, claims: admin }));
      expect(audit.body.data[0]).toMatchObject({ action: 'update', changes: [{ field: 'description', before: 'By the park' }] });
      expect(audit.body.nextCursor).toEqual(expect.any(String));
      const next = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_admin_1', limit: '1', cursor: audit.body.nextCursor }, claims: admin }));
      expect(next.body.data[0]).toMatchObject({ action: 'update', changes: expect.arrayContaining([{ field: 'description', after: 'By the park' }]) });
    });

    it('refuses a body that changes nothing, and an If-Match that is not a version', async () => {
      const empty = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, body: {}, claims: admin }));
      const bad = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, headers: { 'if-match': 'banana' }, body: { name: 'X' }, claims: admin }));
      expect([empty.statusCode, bad.statusCode]).toEqual([422, 422]);
      expect(bad.body.error.details[0].field).toBe('headers.if-match');
      expect((await c.catalog.getHotel('htl_admin_1'))?.name).toBe('Namsan Garden Hotel');
    });

    it('refuses a change of a field the PMS owns with 409 PMS_MANAGED naming the field and the vendor, and keeps our own fields editable', async () => {
      const refused = await invoke(
        updateHotel,
        httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_pms' }, body: { name: 'Renamed', city: 'Busan', amenities: ['Spa'] }, claims: admin }),
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'PMS_MANAGED', message: expect.stringContaining('Cloudbeds') });
      expect(refused.body.error.details).toEqual([
        { field: 'body.name', message: 'managed in Cloudbeds', vendor: 'Cloudbeds' },
        { field: 'body.city', message: 'managed in Cloudbeds', vendor: 'Cloudbeds' },
      ]);
      expect((await c.catalog.getHotel('htl_pms'))?.amenities).toEqual(['WiFi']);

      // The same name sent back unchanged (a form sends everything) is no change.
      const ours = await invoke(
        updateHotel,
        httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_pms' }, body: { name: 'Imported Hotel', amenities: ['Spa', 'WiFi'], description: 'Ours' }, claims: admin }),
      );
      expect(ours.statusCode).toBe(200);
      expect(ours.body.data).toMatchObject({ amenities: ['Spa', 'WiFi'], description: 'Ours', adminEdited: ['amenities', 'description'], version: 4, pmsVendor: 'cloudbeds' });
      expect(ours.body.data.pmsOwned.hotel).toContain('name');
    });
  });

  describe('room types', () => {
    it('creates one with media in the given order, reads it, and patches it', async () => {
      const created = await invoke(
        createRoomType,
        httpEvent(routes.adminCreateRoomType, {
          params: { hotelId: 'htl_admin_1' },
          body: {
            roomTypeId: 'rt_garden',
            name: 'Garden Twin',
            maxOccupancy: 2,
            media: [{ url: 'https://img.example/b.jpg' }, { url: 'https://img.example/a.jpg', isPrimary: true }],
          },
          claims: admin,
        }),
      );
      expect(created.statusCode).toBe(201);
      expect(created.body.data).toMatchObject({
        roomTypeId: 'rt_garden',
        version: 1,
        isActive: true,
        media: [
          { url: 'https://img.example/b.jpg', displayOrder: 0, isPrimary: false },
          { url: 'https://img.example/a.jpg', displayOrder: 1, isPrimary: true },
        ],
      });

      const patched = await invoke(
        updateRoomType,
        httpEvent(routes.adminUpdateRoomType, {
          params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' },
          headers: { 'if-match': '"1"' },
          body: { maxOccupancy: 3, media: [{ url: 'https://img.example/a.jpg' }, { url: 'https://img.example/b.jpg' }] },
          claims: admin,
        }),
      );
      expect(patched.body.data).toMatchObject({ maxOccupancy: 3, version: 2, media: [{ url: 'https://img.example/a.jpg', isPrimary: true }, { isPrimary: false }] });
      const read = await invoke(getRoomType, httpEvent(routes.adminGetRoomType, { params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' }, claims: admin }));
      expect(read.headers.etag).toBe('"2"');
    });

    it('refuses a room type for a PMS-managed hotel, and a change of what its PMS owns', async () => {
      const create = await invoke(createRoomType, httpEvent(routes.adminCreateRoomType, { params: { hotelId: 'htl_pms' }, body: { name: 'Extra', maxOccupancy: 2 }, claims: admin }));
      const patch = await invoke(
        updateRoomType,
        httpEvent(routes.adminUpdateRoomType, { params: { hotelId: 'htl_pms', roomTypeId: 'rt_pms' }, body: { maxOccupancy: 4, description: 'Ours' }, claims: admin }),
      );
      expect([create.statusCode, create.body.error.code]).toEqual([409, 'PMS_MANAGED']);
      expect([patch.statusCode, patch.body.error.code, patch.body.error.details[0].field]).toEqual([409, 'PMS_MANAGED', 'body.maxOccupancy']);
      expect((await c.catalog.getRoomType('htl_pms', 'rt_pms'))?.description).toBeUndefined();
    });

    it('refuses an unknown hotel with 404 and a stale If-Match with 412', async () => {
      const unknown = await invoke(createRoomType, httpEvent(routes.adminCreateRoomType, { params: { hotelId: 'htl_nope' }, body: { name: 'X', maxOccupancy: 2 }, claims: admin }));
      const stale = await invoke(
        updateRoomType,
        httpEvent(routes.adminUpdateRoomType, { params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' }, headers: { 'if-match': '"1"' }, body: { name: 'Y' }, claims: admin }),
      );
      expect(unknown.statusCode).toBe(404);
      expect([stale.statusCode, stale.body.error.code]).toEqual([412, 'PRECONDITION_FAILED']);
    });

    it('cannot remove for good a room type with rooms booked from today on (409); deactivates it instead, and removes it once free', async () => {
      const today = todayIn('Asia/Seoul');
      await c.inventory.createNights(nights('htl_admin_1', 'rt_garden', addDays(today, 5), addDays(today, 6), 4, 90_000));
      await c.holds.place({ bookingId: 'bk_future', hotelId: 'htl_admin_1', roomTypeId: 'rt_garden', nights: [addDays(today, 5)], rooms: 1, expiresAt: '2099-01-01T00:00:00.000Z' }, new Date());

      const hard = await invoke(deleteRoomType, httpEvent(routes.adminDeleteRoomType, { params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' }, query: { hard: 'true' }, claims: admin }));
      expect([hard.statusCode, hard.body.error.code, hard.body.error.details.firstNight]).toEqual([409, 'HAS_FUTURE_BOOKINGS', addDays(today, 5)]);
      expect(await c.catalog.getRoomType('htl_admin_1', 'rt_garden')).toBeDefined();

      const soft = await invoke(deleteRoomType, httpEvent(routes.adminDeleteRoomType, { params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' }, claims: admin }));
      expect(soft.statusCode).toBe(200);
      expect((await c.catalog.getRoomType('htl_admin_1', 'rt_garden'))?.isActive).toBe(false);

      await c.holds.release('bk_future', 'test', new Date());
      const gone = await invoke(deleteRoomType, httpEvent(routes.adminDeleteRoomType, { params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_garden' }, query: { hard: 'true' }, claims: admin }));
      expect(gone.statusCode).toBe(200);
      expect(await c.catalog.getRoomType('htl_admin_1', 'rt_garden')).toBeUndefined();
      const audit = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_admin_1/room-types/rt_garden' }, claims: admin }));
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['delete', 'deactivate', 'update', 'create']);
    });
  });

  describe('rate plans', () => {
    it('creates, reads, patches and deactivates one, in major units', async () => {
      await invoke(createRoomType, httpEvent(routes.adminCreateRoomType, { params: { hotelId: 'htl_admin_1' }, body: { roomTypeId: 'rt_suite', name: 'Suite', maxOccupancy: 4 }, claims: admin }));
      const params = { hotelId: 'htl_admin_1', roomTypeId: 'rt_suite' };
      const created = await invoke(
        createRatePlan,
        httpEvent(routes.adminCreateRatePlan, { params, body: { ratePlanId: 'rp_flex', name: 'Flexible', basePrice: 250000, isRefundable: true, breakfastIncluded: true, minStay: 2 }, claims: admin }),
      );
      expect(created.statusCode).toBe(201);
      expect(created.body.data).toMatchObject({ ratePlanId: 'rp_flex', basePrice: 250000, currency: 'KRW', version: 1 });
      expect((await c.catalog.listRatePlans('htl_admin_1', 'rt_suite'))[0]).toMatchObject({ basePriceMinor: 250000 });

      const invalid = await invoke(updateRatePlan, httpEvent(routes.adminUpdateRatePlan, { params: { ...params, ratePlanId: 'rp_flex' }, body: { maxStay: 1 }, claims: admin }));
      expect([invalid.statusCode, invalid.body.error.details[0].field]).toEqual([422, 'body.maxStay']);

      const patched = await invoke(updateRatePlan, httpEvent(routes.adminUpdateRatePlan, { params: { ...params, ratePlanId: 'rp_flex' }, body: { basePrice: 260000 }, claims: admin }));
      expect(patched.body.data).toMatchObject({ basePrice: 260000, version: 2 });

      const off = await invoke(deactivateRatePlan, httpEvent(routes.adminDeactivateRatePlan, { params: { ...params, ratePlanId: 'rp_flex' }, claims: admin }));
      expect(off.body.data).toMatchObject({ isActive: false, version: 3 });
      const read = await invoke(getRatePlan, httpEvent(routes.adminGetRatePlan, { params: { ...params, ratePlanId: 'rp_flex' }, claims: admin }));
      expect(read.headers.etag).toBe('"3"');
    });

    it("refuses the PMS's price and a rate plan in another currency; keeps a PMS hotel's policies editable", async () => {
      const params = { hotelId: 'htl_pms', roomTypeId: 'rt_pms', ratePlanId: 'rp_std' };
      const price = await invoke(updateRatePlan, httpEvent(routes.adminUpdateRatePlan, { params, body: { basePrice: 1, breakfastIncluded: true }, claims: admin }));
      expect([price.statusCode, price.body.error.code, price.body.error.details[0].field]).toEqual([409, 'PMS_MANAGED', 'body.basePrice']);
      const policy = await invoke(updateRatePlan, httpEvent(routes.adminUpdateRatePlan, { params, body: { cancellationHours: 48, breakfastIncluded: true }, claims: admin }));
      expect(policy.body.data).toMatchObject({ cancellationHours: 48, breakfastIncluded: true, adminEdited: ['breakfastIncluded', 'cancellationHours'] });
      const currency = await invoke(
        createRatePlan,
        httpEvent(routes.adminCreateRatePlan, {
          params: { hotelId: 'htl_admin_1', roomTypeId: 'rt_suite' },
          body: { name: 'Dollar', basePrice: 100, currency: 'USD', isRefundable: false, breakfastIncluded: false },
          claims: admin,
        }),
      );
      expect([currency.statusCode, currency.body.error.details[0].field]).toEqual([422, 'body.currency']);
    });
  });

  describe('deactivation', () => {
    it('stops new bookings with 422 HOTEL_INACTIVE, keeps the hotel readable, drops it from the list, and publishes hotel.deactivated once', async () => {
      const today = todayIn('Asia/Seoul');
      await c.inventory.createNights(nights('htl_admin_1', 'rt_suite', addDays(today, 10), addDays(today, 12), 5, 200_000));

      const res = await invoke(deactivateHotel, httpEvent(routes.adminDeactivateHotel, { params: { hotelId: 'htl_admin_1' }, claims: admin }));
      const again = await invoke(deactivateHotel, httpEvent(routes.adminDeactivateHotel, { params: { hotelId: 'htl_admin_1' }, claims: admin }));

      expect(res.statusCode).toBe(200);
      expect(res.body.data.isActive).toBe(false);
      expect(again.body.data.version).toBe(res.body.data.version);
      expect(events.filter((e) => e.type === 'hotel.deactivated')).toEqual([
        { type: 'hotel.deactivated', detail: expect.objectContaining({ hotelId: 'htl_admin_1', by: 'admin-1', eventId: expect.any(String) }) },
      ]);
      const booking = await invoke(
        checkout,
        httpEvent(routes.checkout, {
          headers: { 'idempotency-key': 'inactive-1' },
          body: {
            hotelId: 'htl_admin_1',
            roomTypeId: 'rt_suite',
            checkIn: addDays(today, 10),
            checkOut: addDays(today, 12),
            rooms: 1,
            guests: 2,
            guestInfo: { firstName: 'A', lastName: 'B', email: 'a@example.com', phone: '+82 10 0000 0000' },
            payment: { paymentMethodId: 'pm_card_visa' },
          },
        }),
      );
      expect([booking.statusCode, booking.body.error.code]).toEqual([422, 'HOTEL_INACTIVE']);
      const publicRead = await invoke(getHotel, httpEvent(routes.getHotel, { params: { hotelId: 'htl_admin_1' } }));
      expect(publicRead.body.data.isActive).toBe(false);
      const list = await invoke(listHotels, httpEvent(routes.listHotels, { query: { city: 'Seoul' } }));
      expect(list.body.data.map((h: { hotelId: string }) => h.hotelId)).not.toContain('htl_admin_1');
      const adminRead = await invoke(getAdminHotel, httpEvent(routes.adminGetHotel, { params: { hotelId: 'htl_admin_1' }, claims: admin }));
      expect(adminRead.body.data.roomTypes.map((r: { roomTypeId: string }) => r.roomTypeId)).toEqual(['rt_suite']);
    });

    it('reactivates with PATCH isActive true', async () => {
      const res = await invoke(updateHotel, httpEvent(routes.adminUpdateHotel, { params: { hotelId: 'htl_admin_1' }, body: { isActive: true }, claims: admin }));
      expect(res.body.data.isActive).toBe(true);
      expect(events.at(-1)?.type).toBe('hotel.reactivated');
    });
  });
});
