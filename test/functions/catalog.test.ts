import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetTestConfig, useTestConfig } from '../support/composition.ts';
import { routes } from '../../shared/http/route-table.ts';
import { handler as listHotels } from '../../functions/hotels/list-hotels.ts';
import { handler as getHotel } from '../../functions/hotels/get-hotel.ts';
import { handler as listRoomTypes } from '../../functions/hotels/list-room-types.ts';
import { handler as getInventory } from '../../functions/inventory/get-inventory.ts';
import { createTestTable, testConfig } from '../support/dynamodb.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';

describe('catalog and inventory handlers against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel());
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_seoul_2', name: 'Gangnam Stay' }));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_jeju_1', name: 'Ocean View Jeju', city: 'Jeju' }));
    await c.catalog.putRoomType(aRoomType());
    await c.catalog.putRoomType(aRoomType({ roomTypeId: 'rt_closed', isActive: false }));
    await c.catalog.putRatePlan(aRatePlan());
    await c.inventory.createNights(nights('htl_seoul_1', 'rt_deluxe', '2026-12-01', '2026-12-10'));
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  describe('GET /api/hotels', () => {
    it('lists every hotel by name with pagination', async () => {
      const res = await invoke(listHotels, httpEvent(routes.listHotels, { query: { pageSize: '2' } }));
      expect(res.statusCode).toBe(200);
      expect(res.body.data.map((h: { name: string }) => h.name)).toEqual(['Gangnam Stay', 'Han River Hotel']);
      expect(res.body.pagination).toEqual({ page: 1, pageSize: 2, totalItems: 3, totalPages: 2 });
    });

    it('filters by city, case-insensitively', async () => {
      const res = await invoke(listHotels, httpEvent(routes.listHotels, { query: { city: 'JEJU' } }));
      expect(res.body.data.map((h: { hotelId: string }) => h.hotelId)).toEqual(['htl_jeju_1']);
    });

    it('answers 422 with the offending field for a bad page size', async () => {
      const res = await invoke(listHotels, httpEvent(routes.listHotels, { query: { pageSize: '1000' } }));
      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details[0].field).toBe('query.pageSize');
      expect(res.body.requestId).toBe('req-test');
    });
  });

  describe('GET /api/hotels/{hotelId}', () => {
    it('returns the hotel without internal fields', async () => {
      const res = await invoke(getHotel, httpEvent(routes.getHotel, { params: { hotelId: 'htl_seoul_1' } }));
      expect(res.statusCode).toBe(200);
      expect(res.body.data).toMatchObject({ hotelId: 'htl_seoul_1', city: 'Seoul', timeZone: 'Asia/Seoul' });
      expect(res.body.data.createdAt).toBeUndefined();
    });

    it('answers 404 NOT_FOUND for an unknown hotel', async () => {
      const res = await invoke(getHotel, httpEvent(routes.getHotel, { params: { hotelId: 'nope' } }));
      expect(res.statusCode).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    });

    it('answers 422 for an id with forbidden characters', async () => {
      const res = await invoke(getHotel, httpEvent(routes.getHotel, { params: { hotelId: 'a b' } }));
      expect(res.statusCode).toBe(422);
    });
  });

  describe('GET /api/hotels/{hotelId}/room-types', () => {
    it('lists active room types with media in display order and rate plans in major units', async () => {
      const res = await invoke(listRoomTypes, httpEvent(routes.listRoomTypes, { params: { hotelId: 'htl_seoul_1' } }));
      expect(res.statusCode).toBe(200);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0].media.map((m: { displayOrder: number }) => m.displayOrder)).toEqual([1, 2]);
      expect(res.body.data[0].ratePlans[0]).toMatchObject({ ratePlanId: 'rp_std', basePrice: 150000, currency: 'KRW' });
    });

    it('answers 404 for an unknown hotel', async () => {
      const res = await invoke(listRoomTypes, httpEvent(routes.listRoomTypes, { params: { hotelId: 'nope' } }));
      expect(res.statusCode).toBe(404);
    });
  });

  describe('GET /api/inventory/{hotelId}/{roomTypeId}', () => {
    const params = { hotelId: 'htl_seoul_1', roomTypeId: 'rt_deluxe' };

    it('returns the nights in range, both ends included, in seed 000 shape', async () => {
      const res = await invoke(
        getInventory,
        httpEvent(routes.getInventory, { params, query: { startDate: '2026-12-02', endDate: '2026-12-04' } }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.body.data.map((n: { date: string }) => n.date)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
      expect(res.body.data[0]).toMatchObject({ ...params, available: 11, total: 10, reserved: 0, sellLimit: 11, stale: false });
    });

    it.each([
      [{ startDate: '2026-12-05', endDate: '2026-12-01' }, 'query.endDate'],
      [{ startDate: '2026-01-01', endDate: '2027-01-02' }, 'query.endDate'],
      [{ startDate: '2026-02-30', endDate: '2026-03-01' }, 'query.startDate'],
      [{ startDate: '2026-12-01' }, 'query.endDate'],
    ])('answers 422 for %j', async (query, field) => {
      const res = await invoke(getInventory, httpEvent(routes.getInventory, { params, query: query as Record<string, string> }));
      expect(res.statusCode).toBe(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers 404 for an unknown room type', async () => {
      const res = await invoke(
        getInventory,
        httpEvent(routes.getInventory, {
          params: { hotelId: 'htl_seoul_1', roomTypeId: 'rt_none' },
          query: { startDate: '2026-12-01', endDate: '2026-12-02' },
        }),
      );
      expect(res.statusCode).toBe(404);
    });
  });
});
