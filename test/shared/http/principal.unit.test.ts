import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../../../shared/domain/errors.ts';
import { authorize, hotelAccessFor, isVerifiedClaim, parseGroups } from '../../../shared/http/principal.ts';
import { hotelStaff } from '../../../shared/http/route.ts';

describe('parseGroups', () => {
  it('reads the API Gateway flattened form, JSON arrays and real arrays', () => {
    expect(parseGroups('[admin guest]')).toEqual(['admin', 'guest']);
    expect(parseGroups('["admin","guest"]')).toEqual(['admin', 'guest']);
    expect(parseGroups(['guest'])).toEqual(['guest']);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups('')).toEqual([]);
  });
});

describe('authorize', () => {
  it('lets anyone call a public route', () => {
    expect(authorize('public', undefined)).toBeUndefined();
  });

  it('refuses a protected route without claims', () => {
    expect(() => authorize('guest', undefined)).toThrow(UnauthorizedError);
  });

  it('keeps guests out of admin routes and lets admins into guest routes', () => {
    expect(() => authorize('admin', { sub: 'g1', 'cognito:groups': '[guest]' })).toThrow(ForbiddenError);
    expect(authorize('guest', { sub: 'a1', 'cognito:groups': '[admin]' })).toMatchObject({ subject: 'a1', isAdmin: true });
    expect(authorize('guest', { sub: 'g1', 'cognito:groups': '[guest]' })).toMatchObject({ subject: 'g1', isAdmin: false });
  });

  it('lets a self-signed-up guest (no group) into guest routes, and nowhere staff-only', () => {
    expect(authorize('guest', { sub: 'x' })).toMatchObject({ subject: 'x', groups: [], isAdmin: false, managedHotelIds: [] });
    expect(() => authorize('admin', { sub: 'x' })).toThrow(ForbiddenError);
    expect(() => authorize(hotelStaff.path(), { sub: 'x' })).toThrow(ForbiddenError);
  });

  it('identifies a caller on an optional route and lets an anonymous one through', () => {
    expect(authorize('optional', undefined)).toBeUndefined();
    expect(authorize('optional', { sub: 'g1', email: 'a@b.co', email_verified: true })).toMatchObject({ subject: 'g1', verifiedEmail: 'a@b.co' });
  });
});

describe('verified e-mail', () => {
  it('carries the e-mail only when email_verified is true (a boolean, or the string API Gateway makes of it)', () => {
    expect(authorize('guest', { sub: 'g', email: 'a@b.co', email_verified: true })?.verifiedEmail).toBe('a@b.co');
    expect(authorize('guest', { sub: 'g', email: 'a@b.co', email_verified: 'true' })?.verifiedEmail).toBe('a@b.co');
    for (const unverified of [false, 'false', undefined, 'yes', 1]) {
      expect(authorize('guest', { sub: 'g', email: 'a@b.co', email_verified: unverified })?.verifiedEmail).toBeUndefined();
    }
    expect(isVerifiedClaim('TRUE')).toBe(false);
  });
});

describe('hotel managers', () => {
  const manager = { sub: 'hm1', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_a, htl_b,htl_a' };

  it('reads the hotels of a hotel_manager token, and ignores the claim without the group', () => {
    expect(authorize(hotelStaff.path(), manager)?.managedHotelIds).toEqual(['htl_a', 'htl_b']);
    expect(authorize('guest', { sub: 'x', 'custom:hotel_ids': 'htl_a' })?.managedHotelIds).toEqual([]);
  });

  it('lets a manager into staff routes but not admin-only ones, and a manager without hotels nowhere', () => {
    expect(() => authorize('admin', manager)).toThrow(ForbiddenError);
    expect(() => authorize(hotelStaff.booking(), { ...manager, 'custom:hotel_ids': ' , ' })).toThrow(ForbiddenError);
  });

  it('gives an admin every hotel and a manager theirs, on admin and staff routes only', () => {
    const admin = authorize(hotelStaff.query(), { sub: 'a', 'cognito:groups': '[admin]' });
    expect(hotelAccessFor(hotelStaff.query(), admin)).toEqual({ kind: 'all' });
    expect(hotelAccessFor('admin', admin)).toEqual({ kind: 'all' });
    expect(hotelAccessFor(hotelStaff.path(), authorize(hotelStaff.path(), manager))).toEqual({ kind: 'hotels', hotelIds: ['htl_a', 'htl_b'] });
    expect(hotelAccessFor('guest', admin)).toBeUndefined();
  });

  it('reads a VIP level of 1 to 5 and nothing else', () => {
    expect(authorize('guest', { sub: 'g', 'custom:vip_level': '1' })?.vipLevel).toBe(1);
    expect(authorize('guest', { sub: 'g', 'custom:vip_level': '9' })?.vipLevel).toBeUndefined();
    expect(authorize('guest', { sub: 'g', 'custom:vip_level': 'gold' })?.vipLevel).toBeUndefined();
  });
});
