/**
 * Which hotels a staff caller may see and operate (seed 001 RBAC): an admin every hotel, a hotel
 * manager the hotels their token names. Use cases that read or change a hotel's bookings, rooms or
 * rates take one and check it themselves, so the rule holds whatever route or job calls them.
 */
export type HotelAccess =
  | { readonly kind: 'all' }
  /** A hotel manager: only these hotels (never empty: a manager without hotels is refused earlier). */
  | { readonly kind: 'hotels'; readonly hotelIds: readonly string[] };

/** An admin's (and a job's) access: every hotel. */
export const ALL_HOTELS: HotelAccess = Object.freeze({ kind: 'all' });

export function hotelAccessOf(hotelIds: readonly string[]): HotelAccess {
  return { kind: 'hotels', hotelIds: [...new Set(hotelIds)] };
}

export function canAccessHotel(access: HotelAccess, hotelId: string): boolean {
  return access.kind === 'all' || access.hotelIds.includes(hotelId);
}

/**
 * Whether this staff access sees guests' e-mail and phone as they are. Only admins do: seed 001
 * shows personal data in full to the guest and to administrators, masked to every other reader.
 */
export function seesGuestContact(access: HotelAccess): boolean {
  return access.kind === 'all';
}
