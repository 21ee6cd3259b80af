import type { AdminHotel, HotelPatch } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The hotel editor's fields, as text in the form, and the PATCH they make. */
export type HotelField = 'name' | 'description' | 'address' | 'city' | 'country' | 'starRating' | 'amenities' | 'bookingHorizonDays';
export const HOTEL_FIELDS: Array<{ field: HotelField; label: MessageKey; type?: 'number' | 'textarea'; optional?: boolean }> = [
  { field: 'name', label: 'hotelEdit.name' },
  { field: 'description', label: 'hotelEdit.description', type: 'textarea', optional: true },
  { field: 'address', label: 'hotel.address', optional: true },
  { field: 'city', label: 'hotelEdit.city' },
  { field: 'country', label: 'hotelEdit.country' },
  { field: 'starRating', label: 'hotel.stars', type: 'number', optional: true },
  { field: 'amenities', label: 'hotelEdit.amenities' },
  { field: 'bookingHorizonDays', label: 'hotelEdit.horizon', type: 'number', optional: true },
];

export function hotelFormValues(h: AdminHotel): Record<HotelField, string> {
  return {
    name: h.name,
    description: h.description ?? '',
    address: h.address ?? '',
    city: h.city,
    country: h.country,
    starRating: h.starRating === undefined || h.starRating === null ? '' : String(h.starRating),
    amenities: h.amenities.join(', '),
    bookingHorizonDays: String(h.bookingHorizonDays),
  };
}

/** Only what changed goes into the PATCH: an emptied optional field is `null` (removed). */
export function hotelPatch(before: Record<HotelField, string>, after: Record<HotelField, string>): HotelPatch {
  const patch: HotelPatch = {};
  for (const { field, type, optional } of HOTEL_FIELDS) {
    const value = after[field].trim();
    if (value === before[field].trim()) continue;
    if (field === 'amenities') {
      patch.amenities = value === '' ? [] : value.split(',').map((a) => a.trim()).filter(Boolean);
    } else if (value === '' && optional) {
      (patch as Record<string, unknown>)[field] = null;
    } else if (type === 'number') {
      (patch as Record<string, unknown>)[field] = Number(value);
    } else {
      (patch as Record<string, unknown>)[field] = value;
    }
  }
  return patch;
}

