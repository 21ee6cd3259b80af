import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../../../shared/domain/errors.ts';
import { authorize, parseGroups } from '../../../shared/http/principal.ts';

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

  it('refuses a token that belongs to no group', () => {
    expect(() => authorize('guest', { sub: 'x' })).toThrow(ForbiddenError);
  });
});
