import { describe, expect, it } from 'vitest';
import { SessionStore, sessionFromToken } from '../../../console/src/auth/session.ts';
import { fakeJwt, memoryStorage } from './support.ts';

const NOW = Date.parse('2026-03-07T00:00:00Z');
const exp = NOW / 1000 + 3600;

describe('session from the ID token', () => {
  it('reads an admin, and a hotel manager with the hotels the token names', () => {
    expect(sessionFromToken(fakeJwt({ sub: 'admin-local', 'cognito:groups': ['admin'], email: 'a@x.io', exp }))).toMatchObject({ role: 'admin', subject: 'admin-local', email: 'a@x.io', hotelIds: [] });
    expect(sessionFromToken(fakeJwt({ sub: 'hm_1', 'cognito:groups': ['hotel_manager'], 'custom:hotel_ids': 'htl_a, htl_b', exp }))).toMatchObject({
      role: 'hotel_manager',
      hotelIds: ['htl_a', 'htl_b'],
      expiresAt: exp * 1000,
    });
    expect(sessionFromToken(fakeJwt({ sub: 'g_1', 'cognito:groups': '[guest]', exp })).role).toBe('other');
  });

  it('refuses what is not a token with an expiry', () => {
    expect(() => sessionFromToken('nope')).toThrow();
    expect(() => sessionFromToken(fakeJwt({ sub: 'x' }))).toThrow(/expiry/);
  });
});

describe('SessionStore', () => {
  it('keeps the token in the storage it is given and forgets it on sign-out', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => NOW);
    const token = fakeJwt({ sub: 'admin-local', 'cognito:groups': ['admin'], exp });

    store.save(token);
    expect(store.load()?.token).toBe(token);
    store.clear();
    expect(store.load()).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('drops a token that expires within a minute, and one it cannot read', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => NOW);
    store.save(fakeJwt({ sub: 'a', 'cognito:groups': ['admin'], exp: NOW / 1000 + 30 }));
    expect(store.load()).toBeUndefined();
    expect(storage.items.size).toBe(0);
    storage.setItem('console.session.token', 'garbage');
    expect(store.load()).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });
});
