import type { PmsVendor } from '#domain/pms.ts';
import { cloudbedsWebhookToken } from '../webhooks/webhook-signature.ts';

/**
 * Where a PMS should send webhooks for one config, as the webhook endpoint expects them:
 * `POST /api/webhooks/pms/generic` (signed), or `POST /api/webhooks/pms/cloudbeds?token=<token>`
 * (Cloudbeds does not sign, so the URL carries `cloudbedsWebhookToken(PMS_WEBHOOK_SECRET, configId)`).
 * Relative when the API's public URL is not configured. Undefined for vendors without webhooks,
 * and for Cloudbeds when no secret is configured.
 */
export function webhookUrlFor(input: {
  vendor: PmsVendor;
  configId: string;
  apiBaseUrl?: string | undefined;
  webhookSecret?: string | undefined;
}): string | undefined {
  const base = (input.apiBaseUrl ?? '').replace(/\/+$/, '');
  if (input.vendor === 'generic') return `${base}/api/webhooks/pms/generic`;
  if (input.vendor !== 'cloudbeds' || !input.webhookSecret) return undefined;
  return `${base}/api/webhooks/pms/cloudbeds?token=${cloudbedsWebhookToken(input.webhookSecret, input.configId)}`;
}
