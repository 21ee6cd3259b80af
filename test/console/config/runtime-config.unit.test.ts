import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from '../../../console/src/config/runtime-config.ts';

describe('config.json', () => {
  it('accepts the local and the Cognito shapes', () => {
    expect(parseRuntimeConfig({ apiBase: '/api/', auth: { mode: 'local' } })).toEqual({ apiBase: '/api', auth: { mode: 'local' } });
    expect(parseRuntimeConfig({ auth: { mode: 'cognito', domain: 'https://x.auth.eu-west-1.amazoncognito.com/', clientId: 'abc123', scopes: ['openid'] } })).toEqual({
      apiBase: '/api',
      auth: { mode: 'cognito', domain: 'https://x.auth.eu-west-1.amazoncognito.com', clientId: 'abc123', scopes: ['openid'] },
    });
  });

  it.each([
    [null, /JSON object/],
    [{ auth: { mode: 'local' }, apiBase: 'javascript:alert(1)' }, /apiBase/],
    [{}, /auth is required/],
    [{ auth: { mode: 'saml' } }, /auth.mode/],
    [{ auth: { mode: 'cognito', domain: 'http://plain.example.com', clientId: 'abc' } }, /auth.domain/],
    [{ auth: { mode: 'cognito', domain: 'https://x.example.com', clientId: 'a b' } }, /clientId/],
  ])('refuses %j naming the field', (raw, message) => {
    expect(() => parseRuntimeConfig(raw)).toThrow(ConfigError);
    expect(() => parseRuntimeConfig(raw)).toThrow(message);
  });

  it('fetches it from beside the page, uncached', async () => {
    const seen: Array<[string, RequestInit | undefined]> = [];
    const config = await loadRuntimeConfig('/console', (async (url: string, init?: RequestInit) => {
      seen.push([url, init]);
      return new Response('{"apiBase":"/api","auth":{"mode":"local"}}', { status: 200 });
    }) as unknown as typeof fetch);
    expect(config.auth.mode).toBe('local');
    expect(seen).toEqual([['/console/config.json', { cache: 'no-store' }]]);
    await expect(loadRuntimeConfig('/console', (async () => new Response('', { status: 404 })) as unknown as typeof fetch)).rejects.toThrow(/HTTP 404/);
  });
});
