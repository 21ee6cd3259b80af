import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudbedsPmsClient } from '../../../../shared/adapters/pms/cloudbeds.adapter.ts';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import type { PmsConnection } from '../../../../shared/ports/pms.port.ts';
import {
  SIM_GENERIC_WEBHOOK_SECRET,
  SIM_PMS_HOTEL_IDS,
  genericEvent,
  startPmsSimulator,
  type PmsSimulator,
} from '../../../../local/simulators/pms/pms-simulator.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A webhook receiver on a free loopback port that keeps what it got, byte for byte. */
async function startReceiver(): Promise<{ url: string; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Parses `t=...,v1=...,v1=...` the way a receiver must. */
function parseSignature(header: string): { t: number; v1: string[] } {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  return { t: Number(parts.find(([k]) => k === 't')![1]), v1: parts.filter(([k]) => k === 'v1').map(([, v]) => v) };
}

function hmac(secret: string, t: number, raw: string): string {
  return createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
}

describe('simulated PMS webhooks', () => {
  let sim: PmsSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** The simulator's clock, frozen at the start of each test: signatures carry its time. */
  let nowMs: number;

  beforeEach(async () => {
    receiver = await startReceiver();
    nowMs = Date.now();
    sim = await startPmsSimulator({ clock: () => new Date(nowMs) });
  });

  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  it('signs a generic webhook as t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', async () => {
    // Prepare
    const event = genericEvent({ eventType: 'inventory_update', hotelId: 'jeju-oceanview', roomTypeId: 'ocean-double', data: { inventory: [{ date: '2026-07-01', total: 9 }] } });

    // Act
    const delivery = await sim.sendWebhook({ vendor: 'generic', url: `${receiver.url}/api/webhooks/pms/generic`, secret: 'whsec_test', event, timestampSeconds: 1_767_225_600 });

    // Assess
    const got = receiver.received[0]!;
    expect(delivery.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/json');
    const header = String(got.headers['x-pms-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const sig = parseSignature(header);
    expect(sig.t).toBe(1_767_225_600);
    expect(sig.v1[0]).toBe(hmac('whsec_test', sig.t, got.rawBody));
    expect(JSON.parse(got.rawBody)).toEqual({
      eventId: event.eventId,
      eventType: 'inventory_update',
      hotelId: 'jeju-oceanview',
      roomTypeId: 'ocean-double',
      timestamp: event.timestamp,
      data: { inventory: [{ date: '2026-07-01', total: 9 }] },
    });
  });

  it('sends one v1 per secret while a secret is rotated', async () => {
    const event = genericEvent({ eventType: 'rate_update', hotelId: 'h', roomTypeId: 'r', data: { rates: [{ date: '2026-07-01', price: 99000, currency: 'KRW' }] } });

    await sim.sendWebhook({ vendor: 'generic', url: receiver.url, secrets: ['whsec_old', 'whsec_new'], event });

    const got = receiver.received[0]!;
    const sig = parseSignature(String(got.headers['x-pms-signature']));
    expect(sig.v1).toEqual([hmac('whsec_old', sig.t, got.rawBody), hmac('whsec_new', sig.t, got.rawBody)]);
    expect(sig.t).toBe(Math.floor(nowMs / 1000));
  });

  it('sends inventory_update and rate_update when a generic hotel changes a night', async () => {
    // Prepare
    sim.configureWebhooks({ generic: { url: `${receiver.url}/hook`, secret: SIM_GENERIC_WEBHOOK_SECRET } });
    const date = addDays(todayIn('Asia/Seoul'), 3);

    // Act
    const inventory = await sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date, 7);
    const rate = await sim.setPrice(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date, 155_000);

    // Assess
    expect(inventory?.status).toBe(200);
    expect(rate?.status).toBe(200);
    const [first, second] = receiver.received.map((r) => ({ body: JSON.parse(r.rawBody), r }));
    expect(first!.body).toMatchObject({ eventType: 'inventory_update', hotelId: 'jeju-oceanview', roomTypeId: 'ocean-double', data: { inventory: [{ date, total: 7 }] } });
    expect(second!.body).toMatchObject({ eventType: 'rate_update', data: { rates: [{ date, price: 155000, currency: 'KRW' }] } });
    expect(first!.body.eventId).not.toBe(second!.body.eventId);
    expect(Date.parse(second!.body.timestamp)).toBeGreaterThanOrEqual(Date.parse(first!.body.timestamp));
    for (const { r } of [first!, second!]) {
      const sig = parseSignature(String(r.headers['x-pms-signature']));
      expect(sig.v1[0]).toBe(hmac(SIM_GENERIC_WEBHOOK_SECRET, sig.t, r.rawBody));
    }
    expect(sim.state.night(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date)).toMatchObject({ total: 7, priceMinor: 155_000 });
  });

  it('sends reservation_update when a reservation is made through the generic API', async () => {
    sim.configureWebhooks({ generic: { url: receiver.url, secret: 'whsec_r' } });
    const client = new GenericPmsClient(sim.connection('generic') as Extract<PmsConnection, { vendor: 'generic' }>);
    const checkIn = addDays(todayIn('Asia/Seoul'), 4);

    const reservation = await client.createReservation({
      externalId: 'bk_webhook_1', pmsRoomTypeId: 'family-villa', checkIn, checkOut: addDays(checkIn, 1), rooms: 1, guests: 4,
      guest: { firstName: 'J', lastName: 'P', email: 'j@example.com', phone: '1' }, totalMinor: 350_000, currency: 'KRW',
    });
    await sim.flushWebhooks();

    const body = JSON.parse(receiver.received[0]!.rawBody);
    expect(body).toMatchObject({
      eventType: 'reservation_update',
      hotelId: 'jeju-oceanview',
      roomTypeId: 'family-villa',
      data: { reservationId: reservation.reservationId, externalId: 'bk_webhook_1', status: 'confirmed', checkIn, rooms: 1 },
    });
  });

  it('sends no webhook for a Cloudbeds total change: Cloudbeds has no inventory webhooks', async () => {
    sim.configureWebhooks({ generic: { url: receiver.url, secret: 's' } });

    const delivery = await sim.setTotal(SIM_PMS_HOTEL_IDS.cloudbeds, '501101', addDays(todayIn('Asia/Seoul'), 2), 3);

    expect(delivery).toBeUndefined();
    expect(receiver.received).toHaveLength(0);
  });

  it('posts unsigned Cloudbeds reservation events to the subscribed URL with its secret token', async () => {
    // Prepare: subscribe the way an integration does, through postWebhook.
    const conn = sim.connection('cloudbeds') as Extract<PmsConnection, { vendor: 'cloudbeds' }>;
    const endpointUrl = `${receiver.url}/api/webhooks/pms/cloudbeds?token=cbwh_secret_token`;
    const subscribe = await fetch(`${conn.baseUrl}/postWebhook`, {
      method: 'POST',
      headers: { 'x-api-key': conn.credentials.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ propertyID: conn.pmsHotelId, object: 'reservation', action: 'created', endpointUrl }),
    });
    const checkIn = addDays(todayIn('Asia/Seoul'), 5);

    // Act
    const reservation = await new CloudbedsPmsClient(conn).createReservation({
      externalId: 'bk_cb_hook', pmsRoomTypeId: '501101', checkIn, checkOut: addDays(checkIn, 2), rooms: 1, guests: 2,
      guest: { firstName: 'A', lastName: 'B', email: 'a@example.com', phone: '1' }, totalMinor: 360_000, currency: 'KRW',
    });
    await sim.flushWebhooks();

    // Assess
    expect(subscribe.status).toBe(200);
    const got = receiver.received[0]!;
    expect(got.path).toBe('/api/webhooks/pms/cloudbeds?token=cbwh_secret_token');
    expect(got.headers['x-pms-signature']).toBeUndefined();
    const body = JSON.parse(got.rawBody);
    expect(body).toMatchObject({ version: '1.0', event: 'reservation/created', propertyID: 318204, propertyID_str: '318204', reservationID: reservation.reservationId });
    expect(typeof body.timestamp).toBe('number');
  });

  it('sends a Cloudbeds payload as given', async () => {
    const payload = { version: '1.0' as const, event: 'reservation/status_changed', timestamp: 1611758157.43, propertyID: 318204, reservationID: '9000000042', status: 'canceled' };

    const delivery = await sim.sendCloudbedsWebhook(`${receiver.url}/cb?token=t`, payload);

    expect(delivery.status).toBe(200);
    expect(JSON.parse(receiver.received[0]!.rawBody)).toEqual(payload);
  });
});
