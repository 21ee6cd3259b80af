import { describe, expect, it } from 'vitest';
import { CloudbedsPmsClient } from '../../../../shared/adapters/pms/cloudbeds.adapter.ts';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { httpContext, retryRateLimitedRead, sendPmsRequest } from '../../../../shared/adapters/pms/http.ts';
import { OperaPmsClient, OperaTokenCache } from '../../../../shared/adapters/pms/opera.adapter.ts';
import { PmsRateLimitedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import { FakePmsRateLimiter } from '../../../support/fakes/pms-rate-limiter.fake.ts';

/** A fetch that records the URLs it was asked for and answers `body` (no socket is opened). */
function recordingFetch(body: unknown): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
}

describe('the PMS HTTP layer takes a rate-limit slot for every request', () => {
  it('keys Cloudbeds by API host and property at 5/s, OHIP by gateway host at 50/s, and leaves generic unlimited by default', async () => {
    // Prepare
    const limiter = new FakePmsRateLimiter();
    const cloudbedsFetch = recordingFetch({ success: true, data: [] });
    const operaFetch = recordingFetch({ access_token: 't', expires_in: 3600, roomTypes: [] });
    const genericFetch = recordingFetch({ roomTypes: [] });
    const cloudbeds = new CloudbedsPmsClient(
      { vendor: 'cloudbeds', pmsHotelId: '301', baseUrl: 'https://api.cloudbeds.com/api/v1.3', credentials: { kind: 'api_key', apiKey: 'cbat_x' } },
      { rateLimiter: limiter, fetch: cloudbedsFetch.fetch },
    );
    const opera = new OperaPmsClient(
      { vendor: 'opera', pmsHotelId: 'SEL', baseUrl: 'https://ohip.eu.oraclecloud.com', credentials: { kind: 'oauth_client', clientId: 'c', clientSecret: 's', appKey: 'a' } },
      { rateLimiter: limiter, fetch: operaFetch.fetch, tokenCache: new OperaTokenCache() },
    );
    const generic = new GenericPmsClient(
      { vendor: 'generic', pmsHotelId: 'g1', baseUrl: 'https://pms.example', credentials: { kind: 'api_key', apiKey: 'k' } },
      { rateLimiter: limiter, fetch: genericFetch.fetch },
    );

    // Act
    await cloudbeds.listRoomTypes();
    await opera.listRoomTypes();
    await generic.listRoomTypes();

    // Assess: one slot per request sent (OPERA's token request included), none for generic.
    expect(cloudbedsFetch.urls).toHaveLength(1);
    expect(operaFetch.urls).toHaveLength(2);
    expect(genericFetch.urls).toHaveLength(1);
    expect(limiter.acquired).toEqual([
      { key: 'cloudbeds|api.cloudbeds.com|301', ratePerSecond: 5 },
      { key: 'opera|ohip.eu.oraclecloud.com', ratePerSecond: 50 },
      { key: 'opera|ohip.eu.oraclecloud.com', ratePerSecond: 50 },
    ]);
  });

  it('limits a generic PMS when a rate is configured', async () => {
    const limiter = new FakePmsRateLimiter();
    const ctx = httpContext('generic', { rateLimiter: limiter, requestsPerSecond: 20, fetch: recordingFetch({}).fetch }, { key: 'generic|pms.example|g1', ratePerSecond: 0 });

    await sendPmsRequest(ctx, { operation: 'getHotel', endpoint: 'GET /v1/hotels/{hotelId}', method: 'GET', url: 'https://pms.example/v1/hotels/g1' });

    expect(limiter.acquired).toEqual([{ key: 'generic|pms.example|g1', ratePerSecond: 20 }]);
  });

  it('sends nothing when the limiter refuses, and a read does not wait out our own refusal again', async () => {
    // Prepare
    const limiter = new FakePmsRateLimiter();
    limiter.refuseNext(1);
    const sent = recordingFetch({});
    const slept: number[] = [];
    const ctx = httpContext('cloudbeds', { rateLimiter: limiter, fetch: sent.fetch, sleep: async (ms) => void slept.push(ms) }, { key: 'cloudbeds|h|1', ratePerSecond: 5 });

    // Act
    const error = await retryRateLimitedRead(ctx, () => sendPmsRequest(ctx, { operation: 'getNights', endpoint: 'getRatePlans', method: 'GET', url: 'https://api.cloudbeds.com/api/v1.3/getRatePlans' })).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PmsRateLimitedError);
    expect((error as PmsRateLimitedError).origin).toBe('client');
    expect(sent.urls).toEqual([]);
    expect(slept).toEqual([]);
  });

  it('fails closed, as the PMS being unavailable, when the limiter cannot take a slot at all', async () => {
    const broken = { acquire: async () => Promise.reject(new Error('DynamoDB is unreachable')) };
    const sent = recordingFetch({});
    const ctx = httpContext('opera', { rateLimiter: broken, fetch: sent.fetch }, { key: 'opera|h', ratePerSecond: 50 });

    const error = await sendPmsRequest(ctx, { operation: 'getHotel', endpoint: 'GET /hotel', method: 'GET', url: 'https://ohip.example/hotel' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as Error).message).toContain('rate limiter');
    expect(sent.urls).toEqual([]);
  });
});
