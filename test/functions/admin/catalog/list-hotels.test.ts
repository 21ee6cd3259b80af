import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as deactivateHotel } from '../../../../functions/admin/catalog/deactivate-hotel.ts';
import { handler as listHotels } from '../../../../functions/admin/catalog/list-hotels.ts';
import { eventPublisher } from '../../../../shared/composition/messaging.ts';
import { normaliseCity } from '../../../../shared/adapters/dynamodb/keys.ts';
import type { Hotel } from '../../../../shared/domain/hotel.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aHotel } from '../../../support/fixtures.ts';

const admin = { sub: 'admin-1', email: 'ops@example.com', email_verified: 'true', 'cognito:groups': '[admin]' };
const manager = { sub: 'hm-1', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_003,htl_004,htl_010' };
const otherManager = { sub: 'hm-2', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_003' };
const guest = { sub: 'guest-1', 'cognito:groups': '[guest]' };

/**
 * 130 hotels: enough that a filtered page reads past one query's 100 items, so pages stop at a
 * source's frontier. Every third is deactivated; every fifth is in Seoul; every seventh's name starts
 * with "Seoul" while it is in Busan (found by the name, not the city); the rest are in Jeju.
 */
const hotels: Hotel[] = Array.from({ length: 130 }, (_, i) => {
  const n = String(i).padStart(3, '0');
  const seoulName = i % 7 === 0;
  return aHotel({
    hotelId: `htl_${n}`,
    name: seoulName ? `Seoul Stay ${n}` : `${['Aurora', 'Bukchon', 'Coral', 'Dune'][i % 4]} ${n}`,
    city: i % 5 === 0 ? (i % 10 === 0 ? 'SEOUL' : 'Seoul') : seoulName ? 'Busan' : 'Jeju',
    ...(i % 3 === 0 ? { isActive: false } : {}),
  });
});
const sortKey = (h: Hotel) => `${h.name.toLowerCase()}#${h.hotelId}`;
const inOrder = (list: Hotel[]) => [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)).map((h) => h.hotelId);

describe('GET /api/admin/hotels against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(testConfig(table.tableName, table.endpoint));
    // Deactivation publishes hotel.deactivated; no bus here.
    eventPublisher.override({ publish: async () => undefined });
    for (const hotel of hotels) await c.catalog.putHotel(hotel);
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const list = (claims: Record<string, unknown>, query: Record<string, string> = {}) => invoke(listHotels, httpEvent(routes.adminListHotels, { claims, query }));

  /** Every page of one list, following nextCursor, with the hotel ids in the order returned. */
  async function readAll(claims: Record<string, unknown>, query: Record<string, string>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(claims, { ...query, ...(cursor ? { cursor } : {}) });
      expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.data.map((h: { hotelId: string }) => h.hotelId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { ids, pages };
  }

  it('refuses an anonymous caller and a guest', async () => {
    expect((await list({})).statusCode).toBe(401);
    expect([(await list(guest)).statusCode, (await list(guest)).body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows an admin every hotel, deactivated ones included and marked, in name order, page after page', async () => {
    const all = await readAll(admin, { limit: '40' });

    expect(all.ids).toEqual(inOrder(hotels));
    expect(all.pages).toBeGreaterThan(3);
    const first = await list(admin, { limit: '1', q: 'Dune 003' });
    expect(first.body.data).toEqual([expect.objectContaining({ hotelId: 'htl_003', isActive: false })]);
  });

  it('filters by status across pages that stop at a filtered read', async () => {
    const inactive = await readAll(admin, { status: 'inactive', limit: '7' });
    const active = await readAll(admin, { status: 'active', limit: '7' });

    expect(inactive.ids).toEqual(inOrder(hotels.filter((h) => h.isActive === false)));
    expect(active.ids).toEqual(inOrder(hotels.filter((h) => h.isActive !== false)));
  });

  it('finds hotels by name prefix or by city in one list, each once, in name order', async () => {
    const expected = hotels.filter((h) => h.name.toLowerCase().startsWith('seoul') || normaliseCity(h.city) === 'seoul');
    const found = await readAll(admin, { q: 'seoul', limit: '4' });
    const foundInactive = await readAll(admin, { q: 'Seoul', status: 'inactive', limit: '3' });

    expect(found.ids).toEqual(inOrder(expected));
    expect(foundInactive.ids).toEqual(inOrder(expected.filter((h) => h.isActive === false)));
    expect((await readAll(admin, { q: 'Coral 00' })).ids).toEqual(['htl_002', 'htl_006']);
  });

  it('shows a hotel manager their hotels only, and refuses one list’s cursor in another', async () => {
    const mine = await list(manager, { limit: '2' });
    const rest = await list(manager, { limit: '2', cursor: mine.body.nextCursor });

    expect([...mine.body.data, ...rest.body.data].map((h: { hotelId: string }) => h.hotelId)).toEqual(inOrder(hotels.filter((h) => ['htl_003', 'htl_004', 'htl_010'].includes(h.hotelId))));
    expect(rest.body.nextCursor).toBeUndefined();
    expect((await list(manager, { status: 'inactive' })).body.data.map((h: { hotelId: string }) => h.hotelId)).toEqual(['htl_003']);
    // A manager's cursor is not an admin's, nor another manager's.
    expect((await list(otherManager, { limit: '2', cursor: mine.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
    expect((await list(admin, { limit: '2', cursor: mine.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
    expect((await list(manager, { limit: '2', status: 'active', cursor: mine.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
  });

  it('keeps a hotel in the list once it is deactivated, under inactive', async () => {
    const before = await readAll(admin, { q: 'Dune 011', status: 'inactive' });
    const res = await invoke(deactivateHotel, httpEvent(routes.adminDeactivateHotel, { params: { hotelId: 'htl_011' }, claims: admin }));

    expect(res.statusCode).toBe(200);
    expect(before.ids).toEqual([]);
    expect((await readAll(admin, { q: 'Dune 011', status: 'inactive' })).ids).toEqual(['htl_011']);
    expect((await readAll(admin, { q: 'Dune 011', status: 'active' })).ids).toEqual([]);
  });

  it('answers a bad status or a forged cursor with a 4xx', async () => {
    expect((await list(admin, { status: 'gone' })).body.error.code).toBe('VALIDATION_ERROR');
    expect((await list(admin, { cursor: 'c1.forged' })).body.error.code).toBe('BAD_CURSOR');
  });
});
