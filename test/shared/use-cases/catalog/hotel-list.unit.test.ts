import { describe, expect, it } from 'vitest';
import { ALL_HOTELS, hotelAccessOf } from '../../../../shared/domain/access.ts';
import type { Hotel } from '../../../../shared/domain/hotel.ts';
import { listAdminHotels } from '../../../../shared/use-cases/catalog/hotel-list.use-case.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { aHotel } from '../../../support/fixtures.ts';

function setup() {
  const hotels = new FakeHotelCatalog();
  hotels.seed({ hotel: aHotel({ hotelId: 'h_a', name: 'Aurora Seoul', city: 'Seoul' }) });
  hotels.seed({ hotel: aHotel({ hotelId: 'h_b', name: 'Bukchon House', city: 'Seoul', isActive: false }) });
  hotels.seed({ hotel: aHotel({ hotelId: 'h_j', name: 'Jeju Ocean', city: 'Jeju' }) });
  hotels.seed({ hotel: aHotel({ hotelId: 'h_s', name: 'Seoul Forest Stay', city: 'Busan', isActive: false }) });
  return { hotels };
}

const ids = (page: { items: Hotel[] }) => page.items.map((h) => h.hotelId);

describe('listAdminHotels', () => {
  it('lists every hotel to an admin, deactivated ones included, in name order', async () => {
    const page = await listAdminHotels(setup(), { status: 'all', limit: 10 }, ALL_HOTELS);

    expect(ids(page)).toEqual(['h_a', 'h_b', 'h_j', 'h_s']);
    expect(page.next).toBeUndefined();
  });

  it('filters by status', async () => {
    const deps = setup();

    expect(ids(await listAdminHotels(deps, { status: 'inactive', limit: 10 }, ALL_HOTELS))).toEqual(['h_b', 'h_s']);
    expect(ids(await listAdminHotels(deps, { status: 'active', limit: 10 }, ALL_HOTELS))).toEqual(['h_a', 'h_j']);
  });

  it('finds by name prefix or by city with one q', async () => {
    // "seoul": the city of Aurora and Bukchon, and the start of Seoul Forest Stay's name (in Busan).
    expect(ids(await listAdminHotels(setup(), { status: 'all', q: 'SEOUL', limit: 10 }, ALL_HOTELS))).toEqual(['h_a', 'h_b', 'h_s']);
    expect(ids(await listAdminHotels(setup(), { status: 'all', q: 'je', limit: 10 }, ALL_HOTELS))).toEqual(['h_j']);
  });

  it('pages through the list with the position it hands back', async () => {
    const deps = setup();
    const first = await listAdminHotels(deps, { status: 'all', limit: 3 }, ALL_HOTELS);
    const second = await listAdminHotels(deps, { status: 'all', limit: 3, after: first.next! }, ALL_HOTELS);

    expect(ids(first)).toEqual(['h_a', 'h_b', 'h_j']);
    expect(ids(second)).toEqual(['h_s']);
    expect(second.next).toBeUndefined();
  });

  it("holds a hotel manager to their hotels, whatever the filters", async () => {
    const access = hotelAccessOf(['h_b', 'h_j']);

    expect(ids(await listAdminHotels(setup(), { status: 'all', limit: 10 }, access))).toEqual(['h_b', 'h_j']);
    expect(ids(await listAdminHotels(setup(), { status: 'all', q: 'Seoul', limit: 10 }, access))).toEqual(['h_b']);
  });
});
