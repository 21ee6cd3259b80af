import { createHmac, randomUUID } from 'node:crypto';

/**
 * Webhooks as the simulated PMSs send them. Generic protocol: JSON body signed with
 * `x-pms-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (one `v1` per active
 * secret while a secret is rotated). Cloudbeds: unsigned JSON to a URL that carries a secret token.
 */
export type GenericEventType = 'inventory_update' | 'rate_update' | 'reservation_update';

export interface GenericWebhookEvent {
  eventId: string;
  eventType: GenericEventType;
  /** The PMS's hotel id. */
  hotelId: string;
  roomTypeId: string;
  /** ISO instant the change happened in the PMS; receivers order events by it. */
  timestamp: string;
  data: GenericInventoryData | GenericRateData | GenericReservationData;
}

export interface GenericInventoryData {
  /** `total` always; the rest (protocol 1.1) when the PMS sends the night's whole state. */
  inventory: {
    date: string;
    total: number;
    available?: number;
    minStay?: number;
    maxStay?: number;
    closedToArrival?: boolean;
    closedToDeparture?: boolean;
    stopSell?: boolean;
  }[];
}

export interface GenericRateData {
  rates: { date: string; price: number; currency: string }[];
}

export interface GenericReservationData {
  reservationId: string;
  /** Our booking id; empty for another channel's reservation. */
  externalId: string;
  status: 'confirmed' | 'pending' | 'cancelled' | 'checked_in' | 'checked_out' | 'no_show';
  checkIn: string;
  checkOut: string;
  rooms: number;
  /** Where it came from: `api` (made through the protocol), `front-desk`, `ota`, ... */
  channel?: string;
}

export interface CloudbedsWebhookPayload {
  version: '1.0';
  /** `reservation/created`, `reservation/status_changed`, `reservation/dates_changed`, `reservation/deleted`, ... */
  event: string;
  /** Unix seconds with fractions, as Cloudbeds sends them. */
  timestamp: number;
  propertyID: number | string;
  propertyID_str?: string;
  reservationID?: string;
  status?: string;
  [key: string]: unknown;
}

export interface WebhookDelivery {
  url: string;
  sentAt: string;
  status?: number;
  responseBody?: string;
  error?: string;
  rawBody: string;
  headers: Record<string, string>;
}

/** Hex HMAC-SHA256 over `"<t>.<raw body>"`. */
export function genericSignature(secret: string, timestampSeconds: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
}

/** The `x-pms-signature` value: `t=<unix>` then one `v1=` per secret, in the order given. */
export function genericSignatureHeader(input: { secrets: string[]; timestampSeconds: number; rawBody: string }): string {
  return [`t=${input.timestampSeconds}`, ...input.secrets.map((s) => `v1=${genericSignature(s, input.timestampSeconds, input.rawBody)}`)].join(',');
}

/** A well-formed event with a fresh id; `timestamp` defaults to now. */
export function genericEvent(input: Omit<GenericWebhookEvent, 'eventId' | 'timestamp'> & { eventId?: string; timestamp?: string }): GenericWebhookEvent {
  return {
    eventId: input.eventId ?? `evt_${randomUUID().replaceAll('-', '')}`,
    eventType: input.eventType,
    hotelId: input.hotelId,
    roomTypeId: input.roomTypeId,
    timestamp: input.timestamp ?? new Date().toISOString(),
    data: input.data,
  };
}

export interface GenericWebhookSend {
  vendor: 'generic';
  url: string;
  /** One signing secret, or several (`secrets`) to send one `v1` per secret as during rotation. */
  secret?: string;
  secrets?: string[];
  event: GenericWebhookEvent;
  /** Unix seconds put in `t=`; defaults to now. Set it to test replay windows. */
  timestampSeconds?: number;
  /** Sends these bytes instead of `JSON.stringify(event)` (signature covers them): for tamper tests. */
  rawBody?: string;
  /** Replaces the computed `x-pms-signature` (or removes it with `null`). */
  signatureHeader?: string | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface CloudbedsWebhookSend {
  vendor: 'cloudbeds';
  url: string;
  payload: CloudbedsWebhookPayload;
  timeoutMs?: number;
}

/** Posts one webhook and reports what the receiver answered; never throws on HTTP or network errors. */
export async function sendWebhook(input: GenericWebhookSend | CloudbedsWebhookSend): Promise<WebhookDelivery> {
  if (input.vendor === 'cloudbeds') return sendCloudbedsWebhook(input.url, input.payload, { ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}) });
  const rawBody = input.rawBody ?? JSON.stringify(input.event);
  const secrets = input.secrets ?? (input.secret !== undefined ? [input.secret] : []);
  const timestampSeconds = input.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const signature = input.signatureHeader === undefined ? genericSignatureHeader({ secrets, timestampSeconds, rawBody }) : input.signatureHeader;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'pms-simulator/1.0',
    ...(signature !== null ? { 'x-pms-signature': signature } : {}),
    ...input.headers,
  };
  return post(input.url, rawBody, headers, input.timeoutMs);
}

/** Cloudbeds style: unsigned JSON; the secret is the token in `url`. */
export function sendCloudbedsWebhook(url: string, payload: CloudbedsWebhookPayload, options: { timeoutMs?: number } = {}): Promise<WebhookDelivery> {
  const headers = { 'content-type': 'application/json', 'user-agent': 'Cloudbeds-Webhooks/1.0 (simulated)' };
  return post(url, JSON.stringify(payload), headers, options.timeoutMs);
}

/** A Cloudbeds payload for a reservation event. */
export function cloudbedsReservationPayload(event: string, propertyID: string, reservationID: string, nowMs: number, extra: Record<string, unknown> = {}): CloudbedsWebhookPayload {
  return {
    version: '1.0',
    event,
    timestamp: Math.round(nowMs / 10) / 100,
    propertyID: /^\d+$/.test(propertyID) ? Number(propertyID) : propertyID,
    propertyID_str: propertyID,
    reservationID,
    ...extra,
  };
}

async function post(url: string, rawBody: string, headers: Record<string, string>, timeoutMs = 5_000): Promise<WebhookDelivery> {
  const delivery: WebhookDelivery = { url, sentAt: new Date().toISOString(), rawBody, headers };
  try {
    const res = await fetch(url, { method: 'POST', headers, body: rawBody, signal: AbortSignal.timeout(timeoutMs) });
    delivery.status = res.status;
    delivery.responseBody = await res.text();
  } catch (error) {
    delivery.error = error instanceof Error ? error.message : String(error);
  }
  return delivery;
}
