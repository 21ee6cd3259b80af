import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { PmsEgressGuard, ResolvedAddress } from './egress-guard.ts';

/** The part of `fetch` the PMS HTTP layer uses (`http.ts`); the global `fetch` is one. */
export type PmsFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<Response>;

/** A PMS answer larger than this is not read: no PMS page is anywhere near it. */
export const MAX_PMS_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * `fetch` for PMS requests that connects only where the egress guard allows, to the very address
 * it checked. Each request asks the guard for its target (the URL's form, the host's addresses
 * resolved now and each checked), then connects through `node:http(s)` with a `lookup` that
 * answers those addresses and nothing else: DNS is asked once per request, so a name that
 * resolves to a public address for the check and to 169.254.169.254 for the connection (DNS
 * rebinding) cannot happen. TLS still verifies the certificate against the host name (SNI).
 *
 * Redirects are not followed (a 3xx is returned as it is: no PMS API redirects, and following one
 * would leave the guard behind). Keep-alive sockets are reused per host, each connected to an
 * address that was checked. Bodies are decompressed (gzip, deflate, br) and capped at
 * `MAX_PMS_RESPONSE_BYTES`.
 */
export function createPinnedFetch(guard: Pick<PmsEgressGuard, 'target'>): PmsFetch {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return async (rawUrl, init) => {
    init.signal?.throwIfAborted();
    const { url, addresses } = await untilAborted(guard.target(rawUrl), init.signal);
    const secure = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: init.method,
          headers: { 'accept-encoding': 'gzip, deflate, br', ...init.headers },
          agent: agents[secure ? 'https:' : 'http:'],
          lookup: pinnedLookup(addresses),
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_PMS_RESPONSE_BYTES) {
              request.destroy(new Error(`The PMS answer is larger than ${MAX_PMS_RESPONSE_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve(toResponse(res, Buffer.concat(chunks)));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      if (init.body !== undefined) request.write(init.body);
      request.end();
    });
  };
}

/** `work`, unless `signal` aborts first (a DNS lookup cannot be cancelled, but the caller's timeout still holds). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A `lookup` that answers the checked addresses, whatever the name: the connection is pinned to them. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, addresses.map((a) => ({ address: a.address, family: a.family })));
      return;
    }
    const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]!;
    callback(null, first.address, first.family);
  };
}

function toResponse(res: http.IncomingMessage, raw: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const status = res.statusCode ?? 502;
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : decode(res.headers['content-encoding'], raw), { status, statusText: res.statusMessage ?? '', headers });
}

function decode(encoding: string | undefined, raw: Buffer): Uint8Array {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}
