import { describe, expect, it } from 'vitest';
import { nameKeys, parseSearchTerm, searchKey } from '../../../shared/domain/booking-search.ts';

describe('searchKey', () => {
  it.each([
    ['Zoë', 'zoe'],
    ["O'Brien", 'obrien'],
    ['ＫＩＭ', 'kim'],
    ['Ågren Müller', 'agrenmuller'],
    ['홍길동', '홍길동'],
  ])('normalizes %s to %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('keeps a Hangul syllable a prefix of the name it starts', () => {
    expect(searchKey('김민지').startsWith(searchKey('김'))).toBe(true);
  });
});

describe('nameKeys', () => {
  it('files a name given-first and family-first', () => {
    expect(nameKeys({ firstName: 'Ji-woo', lastName: 'Kim' })).toEqual(['jiwookim', 'kimjiwoo']);
  });

  it('files one key when both orders spell the same', () => {
    expect(nameKeys({ firstName: 'Kim', lastName: 'Kim' })).toEqual(['kimkim']);
  });
});

describe('parseSearchTerm', () => {
  it('reads a booking id, an e-mail and a name', () => {
    expect(parseSearchTerm('bk_0123456789abcdef0123')).toEqual({ kind: 'id', bookingId: 'bk_0123456789abcdef0123' });
    expect(parseSearchTerm(' JiWoo@Example.COM ')).toEqual({ kind: 'email', email: 'jiwoo@example.com' });
    expect(parseSearchTerm('Kim Ji')).toEqual({ kind: 'name', prefix: 'kimji' });
  });

  it('finds nothing to search in punctuation alone', () => {
    expect(parseSearchTerm('-- !')).toBeUndefined();
  });
});
