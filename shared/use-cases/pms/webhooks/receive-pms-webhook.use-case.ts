import { BadRequestError } from '#domain/errors.ts';
import { pmsConfigIdFor, type PmsConfig, type SealedSecret } from '#domain/pms-config.ts';
import {
  isWebhookVendor,
  MAX_WEBHOOK_BODY_BYTES,
  webhookSecretContext,
  type WebhookEvent,
  type WebhookEventStatus,
  type WebhookVendor,
} from '#domain/webhook.ts';
import {
  PayloadTooLargeError,
  WebhookSignatureInvalidError,
  WebhookVendorNotSupportedError,
} from '#domain/webhook-errors.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { WebhookEventRepository } from '#ports/webhook-event.repository.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';
import { enqueueStored, isUnqueued } from './webhook-outbox.ts';
import { cloudbedsTokenMatches, matchesAnySecret, readSignatureHeader } from './webhook-signature.ts';
import {
  bodyIssues,
  CloudbedsWebhookPayload,
  cloudbedsEventId,
  cloudbedsPropertyId,
  GENERIC_EVENT_TYPES,
  GenericEnvelope,
  GenericWebhookPayload,
} from './webhook-payloads.ts';

export interface ReceiveWebhookDeps {
  webhookEvents: WebhookEventRepository;
  queue: WebhookQueue;
  pmsConfigs: Pick<PmsConfigRepository, 'findByVendorHotel'>;
  /** Opens a config's sealed webhook secret (KMS or the local key). */
  openSecret: (sealed: SealedSecret, context: Record<string, string>) => Promise<string>;
  /** `PMS_WEBHOOK_SECRET`: signs for configs without their own secret, and derives Cloudbeds URL tokens. */
  fallbackSecret?: string;
  clock: () => Date;
}

export interface ReceiveWebhookInput {
  /** The `{vendor}` of the URL, as given. */
  vendor: string;
  /** The body's bytes exactly as received: signatures cover these. */
  rawBody: Buffer;
  /** Request headers, lower-case names. */
  headers: Record<string, string | undefined>;
  /** Cloudbeds' URL token. */
  token?: string;
}

export interface ReceiveWebhookResult {
  outcome: 'accepted' | 'duplicate' | 'ignored';
  vendor: WebhookVendor;
  eventId: string;
}

/** A verified, well-formed delivery, ready to store. */
interface VerifiedEvent {
  event: Omit<WebhookEvent, 'status' | 'receivedAt' | 'attempts' | 'vendor'>;
  /** Set when the event is kept but not applied. */
  ignoreBecause?: string;
}

/**
 * `POST /api/webhooks/pms/{vendor}`: authenticates a PMS delivery on its raw bytes, stores it once
 * (vendor + eventId) and queues it for the processor, through an outbox: an event stored but not
 * queued is queued by the PMS's redelivery or by the `EnqueueStoredWebhooks` sweep. It never applies anything itself, so it
 * answers in the time of one config read, one conditional put and one SQS send.
 *
 * Order of checks: vendor (404), size (413), then per vendor the credentials (401; nothing is
 * stored) and the shape (400). A body that is not JSON at all is a 400 as soon as it is found,
 * since without it no secret can even be chosen; any other shape problem is only reported to a
 * sender that proved who it is.
 */
export async function receivePmsWebhook(deps: ReceiveWebhookDeps, input: ReceiveWebhookInput): Promise<ReceiveWebhookResult> {
  if (input.vendor === 'opera') {
    throw new WebhookVendorNotSupportedError('OPERA has no webhooks: its changes are polled (OHIP pushes events over a streaming API, not HTTP).');
  }
  if (!isWebhookVendor(input.vendor)) {
    throw new WebhookVendorNotSupportedError('There is no webhook endpoint for this PMS vendor; use /api/webhooks/pms/generic or /api/webhooks/pms/cloudbeds.');
  }
  if (input.rawBody.length > MAX_WEBHOOK_BODY_BYTES) {
    throw new PayloadTooLargeError(`A webhook body may be at most ${MAX_WEBHOOK_BODY_BYTES / 1024} KB.`);
  }
  const vendor = input.vendor;
  const verified = vendor === 'generic' ? await verifyGeneric(deps, input) : await verifyCloudbeds(deps, input);
  const status: WebhookEventStatus = verified.ignoreBecause ? 'IGNORED' : 'RECEIVED';
  const stored = await deps.webhookEvents.create({
    vendor,
    ...verified.event,
    status,
    receivedAt: deps.clock().toISOString(),
    attempts: 0,
    ...(verified.ignoreBecause ? { note: verified.ignoreBecause } : {}),
  });
  const eventId = verified.event.eventId;
  if (stored === 'duplicate') {
    // A redelivery of an event stored but never queued (a crash or a queue outage in between) queues it now.
    const existing = await deps.webhookEvents.get(vendor, eventId);
    if (!existing || !isUnqueued(existing)) return { outcome: 'duplicate', vendor, eventId };
  } else if (status === 'IGNORED') {
    return { outcome: 'ignored', vendor, eventId };
  }
  // Stored first, so the event is never lost: if this fails, it stays in the outbox (`webhook-outbox.ts`).
  await enqueueStored(deps, vendor, eventId);
  return { outcome: 'accepted', vendor, eventId };
}

function parseJson(rawBody: Buffer): unknown {
  if (rawBody.length === 0) throw new BadRequestError('This webhook needs a JSON body.');
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError('The webhook body is not valid JSON.');
  }
}

function field(json: unknown, name: string): unknown {
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

/** The secret a generic config signs with: its own when it has one, else `PMS_WEBHOOK_SECRET`. */
async function secretsFor(deps: ReceiveWebhookDeps, config: PmsConfig | undefined): Promise<string[]> {
  if (config?.webhookSecret) return [await deps.openSecret(config.webhookSecret, webhookSecretContext(config.configId))];
  return deps.fallbackSecret ? [deps.fallbackSecret] : [];
}

function offReason(config: PmsConfig | undefined): string | undefined {
  if (!config) return undefined;
  if (!config.isActive) return 'The PMS config is inactive.';
  if (!config.webhookEnabled) return 'Webhooks are turned off for this PMS config.';
  return undefined;
}

async function verifyGeneric(deps: ReceiveWebhookDeps, input: ReceiveWebhookInput): Promise<VerifiedEvent> {
  const header = readSignatureHeader(input.headers['x-pms-signature'], Math.floor(deps.clock().getTime() / 1000));
  const json = parseJson(input.rawBody);
  // The body is not trusted yet: its hotel id only says which secret to try.
  const hotelId = field(json, 'hotelId');
  const config =
    typeof hotelId === 'string' && hotelId.length > 0 && hotelId.length <= 128
      ? await deps.pmsConfigs.findByVendorHotel('generic', hotelId)
      : undefined;
  const secrets = await secretsFor(deps, config);
  if (secrets.length === 0) {
    throw new WebhookSignatureInvalidError('no_secret', 'No webhook secret is configured for this hotel.');
  }
  if (!matchesAnySecret(header, input.rawBody, secrets)) {
    throw new WebhookSignatureInvalidError('signature_mismatch', 'No signature in x-pms-signature matches this body.');
  }

  const envelope = GenericEnvelope.safeParse(json);
  if (!envelope.success) throw new BadRequestError('The webhook body is not a valid event.', { details: bodyIssues(envelope.error) });
  const known = (GENERIC_EVENT_TYPES as readonly string[]).includes(envelope.data.eventType);
  if (known) {
    const payload = GenericWebhookPayload.safeParse(json);
    if (!payload.success) throw new BadRequestError(`The ${envelope.data.eventType} event is not valid.`, { details: bodyIssues(payload.error) });
  }
  const { eventId, eventType, hotelId: pmsHotelId, roomTypeId } = envelope.data;
  const ignoreBecause = known ? offReason(config) : `Event type '${eventType}' is not one we act on.`;
  return {
    event: { eventId, eventType, pmsHotelId, roomTypeId, payload: input.rawBody.toString('utf8'), ...(config ? { configId: config.configId } : {}) },
    ...(ignoreBecause ? { ignoreBecause } : {}),
  };
}

async function verifyCloudbeds(deps: ReceiveWebhookDeps, input: ReceiveWebhookInput): Promise<VerifiedEvent> {
  if (!input.token) throw new WebhookSignatureInvalidError('missing_token', 'The webhook URL has no token.');
  if (!deps.fallbackSecret) throw new WebhookSignatureInvalidError('no_secret', 'Webhook tokens are not configured.');
  const json = parseJson(input.rawBody);
  const propertyId = cloudbedsPropertyId((json ?? {}) as Record<string, unknown>);
  const config = propertyId ? await deps.pmsConfigs.findByVendorHotel('cloudbeds', propertyId) : undefined;
  // The token names the config; an event for a property we have no config for still verifies
  // against the id its config would get, and the processor reports it.
  const configId = config?.configId ?? (propertyId ? pmsConfigIdFor('cloudbeds', propertyId) : undefined);
  if (!configId || !cloudbedsTokenMatches(input.token, deps.fallbackSecret, configId)) {
    throw new WebhookSignatureInvalidError('token_mismatch', 'The webhook URL token is not valid for this property.');
  }

  const payload = CloudbedsWebhookPayload.safeParse(json);
  if (!payload.success) throw new BadRequestError('The Cloudbeds event is not valid.', { details: bodyIssues(payload.error) });
  const ignoreBecause = offReason(config);
  return {
    event: {
      eventId: cloudbedsEventId(payload.data),
      eventType: payload.data.event,
      pmsHotelId: propertyId!,
      payload: input.rawBody.toString('utf8'),
      ...(config ? { configId: config.configId } : {}),
    },
    ...(ignoreBecause ? { ignoreBecause } : {}),
  };
}
