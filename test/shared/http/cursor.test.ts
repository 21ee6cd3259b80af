import { describe, expect, it } from 'vitest';
import { BadCursorError } from '../../../shared/domain/errors.ts';
import { CursorCodec } from '../../../shared/http/cursor.ts';

const secret = 'cursor-test-secret-0123456789abcdef';
const scope = { list: 'admin-bookings', filters: { status: 'CONFIRMED', hotelId: undefined } };
const position = { pk: 'BOOKING#bk_1', sk: 'META', gsi2pk: 'BOOKINGS#ALL', gsi2sk: '2027-01-03#bk_1' };

describe('CursorCodec', () => {
  const codec = new CursorCodec(secret);

  it('opens what it sealed, for the same list and filters', () => {
    expect(codec.open(scope, codec.seal(scope, position))).toEqual(position);
    expect(codec.open(scope, undefined)).toBeUndefined();
  });

  it('ignores filters that are absent, and their order', () => {
    const cursor = codec.seal(scope, position);
    expect(codec.open({ list: 'admin-bookings', filters: { status: 'CONFIRMED' } }, cursor)).toEqual(position);
  });

  it('is opaque: the position cannot be read from it, and two seals differ', () => {
    const a = codec.seal(scope, position);
    expect(Buffer.from(a.slice(3), 'base64url').toString('latin1')).not.toContain('BOOKING');
    expect(codec.seal(scope, position)).not.toBe(a);
  });

  it.each([
    ['another list', (c: string) => new CursorCodec(secret).open({ list: 'hotels', filters: scope.filters }, c)],
    ['other filters', (c: string) => codec.open({ list: 'admin-bookings', filters: { status: 'FAILED' } }, c)],
    ['another secret', (c: string) => new CursorCodec(`${secret}-rotated`).open(scope, c)],
    ['a flipped byte', (c: string) => codec.open(scope, c.slice(0, 10) + (c[10] === 'A' ? 'B' : 'A') + c.slice(11))],
    ['a truncated cursor', (c: string) => codec.open(scope, c.slice(0, 20))],
    ['no format prefix', (c: string) => codec.open(scope, c.slice(3))],
    ['the base64 of a key', () => codec.open(scope, Buffer.from(JSON.stringify(position)).toString('base64url'))],
    ['an empty cursor', () => codec.open(scope, '')],
  ])('refuses %s with BadCursorError', (_name, open) => {
    const cursor = codec.seal(scope, position);
    expect(() => open(cursor)).toThrow(BadCursorError);
  });

  it('needs a secret of at least 32 characters', () => {
    expect(() => new CursorCodec('short')).toThrow(RangeError);
  });
});
