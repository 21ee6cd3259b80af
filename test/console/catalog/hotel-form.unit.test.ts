import { describe, expect, it } from 'vitest';
import { hotelPatch, type HotelField } from '../../../console/src/catalog/hotel-form.ts';

const before: Record<HotelField, string> = {
  name: 'Han River Grand Hotel',
  description: 'By the river',
  address: '1 Riverside',
  city: 'Seoul',
  country: 'KR',
  starRating: '4.5',
  amenities: 'wifi, gym',
  bookingHorizonDays: '',
};

describe('the PATCH a hotel edit sends', () => {
  it('sends nothing when nothing changed, whatever the surrounding spaces', () => {
    expect(hotelPatch(before, { ...before, name: ' Han River Grand Hotel ' })).toEqual({});
  });

  it('sends only changed fields, numbers as numbers, amenities as a list, an emptied optional field as null', () => {
    expect(hotelPatch(before, { ...before, name: 'Han River Grand', starRating: '5', amenities: 'wifi,  pool,', description: '', bookingHorizonDays: '400' })).toEqual({
      name: 'Han River Grand',
      starRating: 5,
      amenities: ['wifi', 'pool'],
      description: null,
      bookingHorizonDays: 400,
    });
  });

  it('never sends null for a required field: an emptied name is sent empty and refused by the API', () => {
    expect(hotelPatch(before, { ...before, name: '' })).toEqual({ name: '' });
  });
});
