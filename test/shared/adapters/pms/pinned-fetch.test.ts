import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmsEgressGuard, type HostResolver } from '../../../../shared/adapters/pms/egress-guard.ts';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { createPinnedFetch } from '../../../../shared/adapters/pms/pinned-fetch.ts';
import { PmsHostNotAllowedError } from '../../../../shared/domain/pms-egress.ts';
import { PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';

/**
 * The pinned fetch against a real server on 127.0.0.1. The host names used (`pms.test`) exist in
 * no DNS: a request that reaches the server proves the connection used the address the guard
 * checked, not a second resolution.
 */
let server: Server;
let port: number;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ zipped: true })));
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'x-seen': 'yes' }).end(JSON.stringify({ method: req.method, path: req.url, body }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function counting(answers: Record<string, string>): { resolve: HostResolver; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (host) => {
      asked.push(host);
      const address = answers[host];
      if (!address) throw new Error(`ENOTFOUND ${host}`);
      return [{ address, family: 4 }];
    },
  };
}

const localPolicy = { allowPrivate: 'loopback' as const, allowedHosts: { cloudbeds: [], opera: [] } };
const awsPolicy = { allowPrivate: 'none' as const, allowedHosts: { cloudbeds: [], opera: [] } };

describe('createPinnedFetch', () => {
  it('connects to the address the guard checked, asking DNS once per request', async () => {
    const dns = counting({ 'pms.test': '127.0.0.1' });
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(localPolicy, { resolve: dns.resolve, genericHosts: async () => [] }));

    const res = await fetchPinned(`http://pms.test:${port}/v1/hotels/h1?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'POST', path: '/v1/hotels/h1?x=1', body: '{"a":1}' });
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(seen.at(-1)!.headers.host).toBe(`pms.test:${port}`);
    expect(dns.asked).toEqual(['pms.test']);
  });

  it('never connects where the guard refuses: loopback on AWS, or a name resolving to the metadata service', async () => {
    const before = seen.length;
    const aws = createPinnedFetch(new PmsEgressGuard(awsPolicy, { resolve: counting({ 'pms.test': '127.0.0.1' }).resolve, genericHosts: async () => [] }));
    const metadata = createPinnedFetch(new PmsEgressGuard(localPolicy, { resolve: counting({ 'pms.test': '169.254.169.254' }).resolve, genericHosts: async () => [] }));

    const literal = await aws(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {} }).catch((e: unknown) => e);
    const named = await aws(`https://pms.test:${port}/`, { method: 'GET', headers: {} }).catch((e: unknown) => e);
    const rebound = await metadata(`http://pms.test:${port}/`, { method: 'GET', headers: {} }).catch((e: unknown) => e);

    expect([literal, named, rebound].map((e) => (e as PmsHostNotAllowedError).rule)).toEqual(['loopback_address', 'loopback_address', 'link_local_address']);
    expect(seen.length).toBe(before);
  });

  it('does not follow redirects: the 302 comes back as it is', async () => {
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(localPolicy, { genericHosts: async () => [] }));

    const res = await fetchPinned(`http://127.0.0.1:${port}/redirect`, { method: 'GET', headers: {} });

    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://169.254.169.254/latest/meta-data/');
  });

  it('decompresses gzip and answers an empty 204', async () => {
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(localPolicy, { genericHosts: async () => [] }));

    const zipped = await fetchPinned(`http://127.0.0.1:${port}/gzip`, { method: 'GET', headers: {} });
    const empty = await fetchPinned(`http://127.0.0.1:${port}/empty`, { method: 'DELETE', headers: {} });

    expect(await zipped.json()).toEqual({ zipped: true });
    expect(empty.status).toBe(204);
  });

  it('turns a refusal inside an adapter call into PMS_UNAVAILABLE naming the rule (a stored config gone bad)', async () => {
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(awsPolicy, { resolve: counting({ 'pms.test': '10.0.0.8' }).resolve, genericHosts: async () => [] }));
    const client = new GenericPmsClient(
      { vendor: 'generic', pmsHotelId: 'h1', baseUrl: 'https://pms.test', credentials: { kind: 'api_key', apiKey: 'k' } },
      { fetch: fetchPinned },
    );

    const error = await client.getHotel().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as Error).message).toMatch(/not reachable at an allowed address.*private address/);
  });

  it('gives up at the caller\'s timeout even while DNS has not answered', async () => {
    const hanging: HostResolver = () => new Promise(() => undefined);
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(localPolicy, { resolve: hanging, genericHosts: async () => [] }));
    const giveUp = new AbortController();

    const pending = fetchPinned(`http://pms.test:${port}/`, { method: 'GET', headers: {}, signal: giveUp.signal }).catch((e: unknown) => e);
    giveUp.abort(new DOMException('timed out', 'TimeoutError'));

    expect(((await pending) as Error).name).toBe('TimeoutError');
  });

  it('honours the abort signal of the HTTP layer', async () => {
    const fetchPinned = createPinnedFetch(new PmsEgressGuard(localPolicy, { genericHosts: async () => [] }));
    const aborted = AbortSignal.abort();

    const error = await fetchPinned(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, signal: aborted }).catch((e: unknown) => e);

    expect((error as Error).name).toBe('AbortError');
  });
});
