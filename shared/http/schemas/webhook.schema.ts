import * as z from 'zod';
import { dataEnvelope } from './common.schema.ts';

/**
 * `POST /api/webhooks/pms/{vendor}`. The body is deliberately not declared on the route: the
 * signature covers the raw bytes, so the handler reads them itself and the use case validates the
 * JSON only after the sender is verified (`use-cases/pms/webhooks/webhook-payloads.ts`).
 */
export const WebhookParams = z.object({
  vendor: z.string().min(1).max(32).meta({ description: 'generic or cloudbeds (OPERA has no webhooks: 404)', example: 'generic' }),
});

export const WebhookQuery = z.object({
  token: z
    .string()
    .max(256)
    .optional()
    .meta({ description: 'Cloudbeds only: the secret token of the config webhook URL (Cloudbeds does not sign deliveries)' }),
});

export const WebhookHeaders = z.object({
  'x-pms-signature': z
    .string()
    .optional()
    .meta({ description: 'generic only: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>; one v1 per secret while rotating' }),
});

export const WebhookReceipt = z
  .object({
    eventId: z.string(),
    duplicate: z.boolean().meta({ description: 'True when this event was stored before: nothing was changed.' }),
    ignored: z.boolean().meta({ description: 'True when the event was stored but will not be applied (unknown type, webhooks off).' }),
  })
  .meta({ id: 'WebhookReceipt' });

export const WebhookResponse = dataEnvelope(WebhookReceipt);
