import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors.ts';
import { getHotel, listHotels, listRoomTypes } from '../../../shared/use-cases/catalog.use-cases.ts';
import { FakeHotelCatalog } from '../../support/fakes/hotel-catalog.repository.fake.ts';
import { aHotel, aRatePlan, aRoomType } from '../../support/fixtures.ts';

function setup() {
  const catalog = new FakeHotelCatalog();
  catalog.seed({ hotel: aHotel({ hotelId: 'h_jeju', name: 'Jeju Ocean', city: 'Jeju' }) });
  catalog.seed({ hotel: aHotel({ hotelId: 'h_seoul_b', name: 'Bukchon House', city: 'Seoul' }) });
  catalog.seed({ hotel: aHotel({ hotelId: 'h_seoul_a', name: 'Aurora Seoul', city: 'SEOUL' }) });
  catalog.seed({
    hotel: aHotel({ hotelId: 'h_rooms', city: 'Busan' }),
    roomTypes: [
      aRoomType({ hotelId: 'h_rooms', roomTypeId: 'rt_open' }),
      aRoomType({ hotelId: 'h_rooms', roomTypeId: 'rt_closed', isActive: false }),
      aRoomType({ hotelId: 'h_rooms', roomTypeId: 'rt_other' }),
    ],
    ratePlans: [
      aRatePlan({ hotelId: 'h_rooms', roomTypeId: 'rt_open', ratePlanId: 'rp_std' }),
      aRatePlan({ hotelId: 'h_rooms', roomTypeId: 'rt_open', ratePlanId: 'rp_old', isActive: false }),
      aRatePlan({ hotelId: 'h_rooms', roomTypeId: 'rt_closed', ratePlanId: 'rp_closed' }),
    ],
  });
  return catalog;
}

describe('catalog use cases', () => {
  it('lists the hotels of a city, any case, by name, in pages', async () => {
    const catalog = setup();

    const page = await listHotels(catalog, { city: 'seoul', page: 1, pageSize: 1 });

    expect(page).toMatchObject({ page: 1, pageSize: 1, totalItems: 2, totalPages: 2 });
    expect(page.items.map((h) => h.hotelId)).toEqual(['h_seoul_a']);
  });

  it('gets a hotel, or 404', async () => {
    const catalog = setup();

    expect((await getHotel(catalog, 'h_jeju')).name).toBe('Jeju Ocean');
    await expect(getHotel(catalog, 'h_none')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists active room types with their active rate plans only', async () => {
    const rooms = await listRoomTypes(setup(), 'h_rooms');

    expect(rooms.map((r) => [r.roomType.roomTypeId, r.ratePlans.map((p) => p.ratePlanId)])).toEqual([
      ['rt_open', ['rp_std']],
      ['rt_other', []],
    ]);
  });

  it('answers 404 for the room types of an unknown hotel, rather than an empty list', async () => {
    await expect(listRoomTypes(setup(), 'h_none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
