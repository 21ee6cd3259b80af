import { describe, expect, it } from 'vitest';
import type { Hotel, HotelImportForm, RoomType } from '../../../console/src/api/types.ts';
import { defaultRoomTypeId, draftFromForm, importChanges, nightsSummary, toSaveInput } from '../../../console/src/import/import-draft.ts';

function form(): HotelImportForm {
  const room = (id: string, name: string, averagePrice: number) => ({
    pmsRoomTypeId: id,
    roomTypeName: name,
    description: `${name}.`,
    maxOccupancy: 2,
    bedType: 'Queen',
    bedCount: 1,
    roomSize: 30,
    viewType: 'Ocean View',
    bathroomType: null,
    amenities: ['WiFi'],
    checkInTime: '15:00',
    checkOutTime: '11:00',
    houseRules: null,
    cancellationPolicy: null,
    images: [{ url: `https://img.example.com/${id}/1.jpg`, caption: name }],
    averagePrice,
    currency: 'KRW',
    inventory: [
      { date: '2026-03-07', total: 9, available: 9, price: 150000 },
      { date: '2026-03-08', total: 9, available: 4, price: 187500 },
    ],
  });
  return {
    vendor: 'generic',
    hotelId: 'busan-haeundae',
    apiBaseUrl: 'http://127.0.0.1:9/generic',
    hotelName: 'Haeundae Seaside Hotel',
    description: 'Haeundae Seaside Hotel, Busan.',
    location: { address: null, city: 'Busan', country: 'KR', latitude: 35.1, longitude: 129.1 },
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    starRating: 4,
    amenities: ['WiFi'],
    images: ['https://img.example.com/exterior.jpg'],
    checkInTime: '15:00',
    checkOutTime: '11:00',
    roomTypes: [room('sea-double', 'Sea View Double', 155000), room('corner suite', 'Corner Suite', 320000)],
  };
}

function existing(): { hotel: Hotel; roomTypes: RoomType[] } {
  const f = form();
  const roomType = (roomTypeId: string, name: string, basePrice: number, url: string): RoomType => ({
    hotelId: 'htl_generic_busan-haeundae',
    roomTypeId,
    name,
    maxOccupancy: 2,
    bedType: 'Queen',
    bedCount: 1,
    sizeSqm: 30,
    viewType: 'Ocean View',
    amenities: ['WiFi'],
    media: [{ mediaType: 'image', url, displayOrder: 0, isPrimary: true }],
    ratePlans: [{ ratePlanId: 'rp_standard', name: 'Standard', basePrice, currency: 'KRW', isRefundable: true, breakfastIncluded: false }],
  });
  return {
    hotel: {
      hotelId: 'htl_generic_busan-haeundae',
      name: f.hotelName,
      description: f.description!,
      city: 'Busan',
      country: 'KR',
      starRating: 4,
      amenities: ['WiFi'],
      images: ['https://img.example.com/exterior.jpg'],
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      bookingHorizonDays: 365,
      isActive: true,
      pmsVendor: 'generic',
      updatedAt: '2026-03-01T00:00:00.000Z',
    },
    roomTypes: [
      roomType('rt_sea-double', 'Sea View Double', 150000, 'https://img.example.com/sea-double/1.jpg'),
      roomType('rt_corner_suite', 'Corner Suite', 320000, 'https://img.example.com/corner suite/1.jpg'),
    ],
  };
}

describe('the import draft', () => {
  it('round-trips the fetched form into the listings body, with edits and without the nights', () => {
    const draft = draftFromForm(form());
    draft.hotelName = '  Haeundae Seaside Hotel & Spa ';
    draft.roomTypes[1]!.include = false;
    draft.roomTypes[0]!.basePrice = '160000';

    const body = toSaveInput(draft, { apiKey: 'gpk_key', apiBaseUrl: 'http://127.0.0.1:9/generic' });

    expect(body).toMatchObject({ vendor: 'generic', hotelId: 'busan-haeundae', apiKey: 'gpk_key', hotelName: 'Haeundae Seaside Hotel & Spa', location: { city: 'Busan', address: null } });
    expect(body.roomTypes).toHaveLength(1);
    expect(body.roomTypes[0]).toMatchObject({ pmsRoomTypeId: 'sea-double', averagePrice: 160000 });
    expect(body.roomTypes[0]).not.toHaveProperty('inventory');
  });

  it('sends no price for a blank one, so the server averages the PMS nights', () => {
    const draft = draftFromForm(form());
    draft.roomTypes[0]!.basePrice = ' ';
    expect(toSaveInput(draft, { apiKey: 'k' }).roomTypes[0]!.averagePrice).toBeNull();
  });

  it('summarises the fetched nights', () => {
    expect(nightsSummary(form().roomTypes[0]!)).toEqual({ minFree: 4, maxFree: 9, minPrice: 150000, maxPrice: 187500 });
    expect(nightsSummary({ ...form().roomTypes[0]!, inventory: [] })).toBeUndefined();
  });

  it('makes room type ids the way the backend does', () => {
    expect(defaultRoomTypeId('corner suite')).toBe('rt_corner_suite');
  });
});

describe('what a re-import will change', () => {
  it('lists the changed fields only, matching room types by their import id', () => {
    const draft = draftFromForm(form());
    draft.hotelName = 'Haeundae Seaside Hotel & Spa';

    const changes = importChanges(draft, existing());

    expect(changes).toEqual([
      { kind: 'field', scope: 'hotel', field: 'name', before: 'Haeundae Seaside Hotel', after: 'Haeundae Seaside Hotel & Spa' },
      { kind: 'field', scope: 'Sea View Double', field: 'basePrice', before: '150000', after: '155000' },
    ]);
  });

  it('says nothing changes when the PMS and the listing agree', () => {
    const draft = draftFromForm(form());
    draft.roomTypes[0]!.basePrice = '150000';
    expect(importChanges(draft, existing())).toEqual([]);
  });

  it('names a new room type, and one the save will deactivate', () => {
    const current = existing();
    current.roomTypes = [current.roomTypes[0]!, { ...current.roomTypes[1]!, roomTypeId: 'rt_old', name: 'Old Twin' }];
    const draft = draftFromForm(form());
    draft.roomTypes[0]!.basePrice = '150000';

    expect(importChanges(draft, current)).toEqual([
      { kind: 'roomTypeAdded', name: 'Corner Suite' },
      { kind: 'roomTypeDeactivated', name: 'Old Twin' },
    ]);
  });

  it('counts a room type left out of the import as deactivated', () => {
    const draft = draftFromForm(form());
    draft.roomTypes[0]!.basePrice = '150000';
    draft.roomTypes[1]!.include = false;
    expect(importChanges(draft, existing())).toEqual([{ kind: 'roomTypeDeactivated', name: 'Corner Suite' }]);
  });
});
