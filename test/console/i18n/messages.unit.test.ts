import { describe, expect, it } from 'vitest';
import { en, ko, translate, type MessageKey } from '../../../console/src/i18n/messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('gives every Korean text the placeholders of its English one, and no empty text', () => {
    const mismatched = (Object.keys(en) as MessageKey[]).filter((key) => placeholders(en[key]).join() !== placeholders(ko[key]).join());
    expect(mismatched).toEqual([]);
    expect(Object.entries(ko).filter(([, text]) => text.trim() === '')).toEqual([]);
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate(ko['booking.nights'], { count: 2 })).toBe('2박');
    expect(translate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
