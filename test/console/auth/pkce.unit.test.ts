import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, challengeFor, createState, createVerifier } from '../../../console/src/auth/pkce.ts';

describe('PKCE (RFC 7636, S256)', () => {
  it('derives the verifier and challenge of the RFC appendix B example from its 32 octets', async () => {
    const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    const rfcRandom = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => { (array as unknown as Uint8Array).set(octets); return array; } };

    const verifier = createVerifier(rfcRandom);

    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await challengeFor(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character url-safe verifiers from 32 random bytes, different each time', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(createVerifier(crypto, 96)).toHaveLength(128);
    expect(() => createVerifier(crypto, 16)).toThrow(RangeError);
  });

  it('encodes the verifier from the random bytes it is given', () => {
    const fixed = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => { (array as unknown as Uint8Array).fill(0xff); return array; } };
    expect(createVerifier(fixed)).toBe('_'.repeat(42) + '8');
  });

  it('refuses a verifier the RFC does not allow', async () => {
    await expect(challengeFor('short')).rejects.toThrow(RangeError);
    await expect(challengeFor('x'.repeat(42) + '!')).rejects.toThrow(RangeError);
  });

  it('round-trips base64url without padding', () => {
    const bytes = new Uint8Array([251, 255, 0, 1, 2]);
    const text = base64UrlEncode(bytes);
    expect(text).toBe('-_8AAQI');
    expect([...base64UrlDecode(text)]).toEqual([...bytes]);
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
