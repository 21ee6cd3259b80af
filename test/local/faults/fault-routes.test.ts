import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { faultRoutes, type PmsFaultTargets } from '../../../local/faults/fault-routes.ts';
import { FaultRegistry } from '../../../local/faults/fault-registry.ts';
import { routeList } from '../../../shared/http/route-table.ts';

/** The demo hotels as the PMS simulator has them: only the generic protocol has holds. */
const pms: PmsFaultTargets = {
  hotels: () => [
    { vendor: 'cloudbeds', pmsHotelId: '318204', hotelId: 'htl_seoul_hanriver' },
    { vendor: 'opera', pmsHotelId: 'GNBS01', hotelId: 'htl_seoul_gangnam' },
    { vendor: 'generic', pmsHotelId: 'jeju-oceanview', hotelId: 'htl_jeju_oceanview' },
  ],
  vendorsServing: (point) => (point === 'pms.hold' || point === 'pms.release' ? ['generic'] : ['cloudbeds', 'opera', 'generic']),
};

describe('/_local/faults on the local API', () => {
  const faults = new FaultRegistry();
  let api: LocalApi;
  const url = () => `http://127.0.0.1:${api.port}/_local/faults`;
  const post = (body: string) => fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const arm = async (fault: Record<string, unknown>) => {
    const res = await post(JSON.stringify(fault));
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    api = await createLocalApi({ routes: routeList, authorizer: { verifyBearer: async () => undefined }, port: 0, host: '127.0.0.1' });
    for (const route of faultRoutes(faults, { pms, paymentRequestsPerCall: async () => 2 })) api.addLocalRoute(route);
  });

  beforeEach(() => faults.clear());

  afterAll(async () => {
    await api.close();
  });

  it('arms a fault that the simulators then consume, and lists it', async () => {
    const res = await post(JSON.stringify({ point: 'pms.confirm', mode: 'error', times: 2 }));
    expect(res.status).toBe(201);
    const listed = ((await (await fetch(url())).json()) as { data: { faults: unknown[]; times: string } }).data;
    expect(listed.faults).toEqual([{ point: 'pms.confirm', mode: 'error', times: 2 }]);
    expect(listed.times).toMatch(/^One time is one HTTP request that reaches a simulator at the point, retries included/);
    expect(faults.take('pms.confirm')).toEqual({ mode: 'error', delayMs: 0 });
    expect(faults.take('pms.confirm')).toBeDefined();
    expect(faults.take('pms.confirm')).toBeUndefined();
  });

  it('arms a late fault (the effect now, the answer after delayMs) on a PMS write', async () => {
    const { status, body } = await arm({ point: 'pms.hold', mode: 'late', delayMs: 30_000, hotelId: 'htl_jeju_oceanview' });

    expect(status).toBe(201);
    expect(body.data.armed).toMatchObject({ point: 'pms.hold', mode: 'late', delayMs: 30_000 });
    expect(faults.take('pms.hold', { vendor: 'generic', hotelIds: ['jeju-oceanview', 'htl_jeju_oceanview'] })).toEqual({ mode: 'late', delayMs: 30_000 });
  });

  it('arms a late fault at every payment point, for the payment simulator to consume', async () => {
    const points = ['payment.authorize', 'payment.capture', 'payment.void', 'payment.refund'];

    const answers = await Promise.all(points.map((point) => arm({ point, mode: 'late' })));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.body.data.appliesTo)).toEqual(points.map(() => 'every request to the payment simulator at this point'));
    expect(points.map((point) => faults.take(point))).toEqual(points.map(() => ({ mode: 'late', delayMs: 120_000 })));
  });

  it('says in its answer what one time is, and how many a booking uses up at that step', async () => {
    const { status, body } = await arm({ point: 'payment.capture', mode: 'error', times: 10 });

    expect(status).toBe(201);
    expect(body.data.times).toMatch(/one HTTP request that reaches the payment simulator at payment.capture, retries included/);
    expect(body.data.times).toMatch(/Stripe SDK retries a failed request 1 time/);
    expect(body.data.times).toMatch(/next booking/);
    expect(body.data.perBooking).toEqual({ sagaStep: 'CapturePayment', requestsIfEveryAttemptFails: 10 });
    expect(body.data.appliesTo).toBe('every request to the payment simulator at this point');
  });

  it('refuses pms.hold for a vendor, or a hotel, whose PMS has no holds, naming who has them, and arms nothing', async () => {
    const byVendor = await arm({ point: 'pms.hold', mode: 'error', times: 4, vendor: 'cloudbeds' });
    const byHotel = await arm({ point: 'pms.release', mode: 'error', hotelId: 'htl_seoul_gangnam' });

    expect(byVendor.status).toBe(422);
    expect(byVendor.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'body.vendor', message: expect.any(String) }] });
    expect(byVendor.body.error.message).toMatch(/pms.hold would never fire for cloudbeds: cloudbeds has no API for it.*served by: generic/);
    expect(byHotel.status).toBe(422);
    expect(byHotel.body.error.message).toMatch(/hotel 'htl_seoul_gangnam' \(opera\)/);
    expect(faults.list()).toEqual([]);
  });

  it('arms a scoped fault for a hotel by our id or the PMS\'s, and says which hotels an unscoped one reaches', async () => {
    const scoped = await arm({ point: 'pms.hold', mode: 'error', hotelId: 'htl_jeju_oceanview' });
    const unscoped = await arm({ point: 'pms.hold', mode: 'latency', delayMs: 10 });

    expect(scoped.status).toBe(201);
    expect(scoped.body.data.appliesTo).toBe('generic: htl_jeju_oceanview (jeju-oceanview)');
    expect(unscoped.body.data.appliesTo).toBe('generic: htl_jeju_oceanview (jeju-oceanview)');
    expect(scoped.body.data.perBooking).toEqual({ sagaStep: 'HoldRooms', requestsIfEveryAttemptFails: 4 });
    expect(faults.take('pms.hold', { vendor: 'generic', hotelIds: ['jeju-oceanview', 'htl_jeju_oceanview'] })).toEqual({ mode: 'error', delayMs: 0 });
  });

  it('refuses an unknown hotel, a vendor that contradicts the hotel, and a scope on a payment point', async () => {
    const unknown = await arm({ point: 'pms.confirm', mode: 'error', hotelId: 'htl_nowhere' });
    const mismatch = await arm({ point: 'pms.confirm', mode: 'error', hotelId: 'htl_seoul_hanriver', vendor: 'opera' });
    const payment = await arm({ point: 'payment.authorize', mode: 'error', hotelId: 'htl_seoul_hanriver' });

    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/no hotel 'htl_nowhere'.*htl_seoul_hanriver \(318204\)/);
    expect(mismatch.body.error.message).toBe("Hotel 'htl_seoul_hanriver' is on cloudbeds, not opera.");
    expect(payment.status).toBe(422);
    expect(payment.body.error.details[0].field).toBe('body.hotelId');
    expect(faults.list()).toEqual([]);
  });

  it('arms mail.send for every SendEmail, explaining the SDK and queue retries, and refuses a scope on it', async () => {
    const armed = await arm({ point: 'mail.send', mode: 'error', times: 3 });
    const scoped = await arm({ point: 'mail.send', mode: 'error', vendor: 'generic' });

    expect(armed.status).toBe(201);
    expect(armed.body.data.appliesTo).toBe('every SendEmail to the SES emulator');
    expect(armed.body.data.times).toMatch(/SES emulator.*3 times/);
    expect(scoped.status).toBe(422);
    expect(scoped.body.error.message).toMatch(/mail.send cannot be scoped: the SES emulator/);
    expect(faults.list()).toEqual([expect.objectContaining({ point: 'mail.send', times: 3 })]);
  });

  it('refuses an unknown point or mode with 422 naming the field, and malformed JSON with 400', async () => {
    const bad = await post(JSON.stringify({ point: 'pms.teleport', mode: 'explode', times: 0 }));
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; details: Array<{ field: string }> } };
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.mode', 'body.point', 'body.times']);
    expect((await post('{"point":')).status).toBe(400);
    expect(faults.list()).toEqual([]);
  });

  it('clears every fault with DELETE', async () => {
    await post(JSON.stringify({ point: 'payment.capture', mode: 'timeout', times: 5 }));
    const res = await fetch(url(), { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(faults.list()).toEqual([]);
  });

  it('is not part of the route table, so the deployed API has no such path', () => {
    expect(routeList.some((r) => r.path.startsWith('/_local'))).toBe(false);
  });
});
