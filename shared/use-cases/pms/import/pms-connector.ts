import { ValidationError } from '#domain/errors.ts';
import { parsePmsSecret, type PmsVendor } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';

/** What an admin types to reach one hotel's PMS (seed 000's `PMSIntegrationModal`). */
export interface PmsConnectionInput {
  vendor: PmsVendor;
  pmsHotelId: string;
  /** The vendor's API root; Cloudbeds has a public default, the others need one. */
  baseUrl?: string;
  /** The one secret string (`parsePmsSecret` explains its forms per vendor). */
  secret: string;
}

/**
 * Builds a client for one PMS hotel. The composition root binds it to the adapters
 * (`toPmsConnection` + the vendor factory), so the import use cases never import an adapter.
 * `baseUrl` is the effective API root (the vendor default filled in), which is what a config stores.
 */
export type PmsConnector = (input: PmsConnectionInput) => { client: PmsClient; baseUrl: string };

/**
 * Connects with admin-entered values, turning a missing base URL or a malformed secret into a 422
 * that names the request field (`body.apiBaseUrl`, `body.apiKey`) instead of an adapter's field.
 * Nothing about the secret's value ever reaches a message.
 */
export function connectPms(
  connect: PmsConnector,
  input: { vendor: PmsVendor; pmsHotelId: string; apiKey: string; apiBaseUrl?: string | undefined },
  fieldPrefix = 'body',
): { client: PmsClient; baseUrl: string } {
  if (!input.apiBaseUrl && input.vendor !== 'cloudbeds') {
    throw new ValidationError(`Give the API base URL of the ${input.vendor} PMS.`, [
      { field: `${fieldPrefix}.apiBaseUrl`, message: `is required for ${input.vendor}` },
    ]);
  }
  try {
    parsePmsSecret(input.vendor, input.apiKey);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const message = input.vendor === 'opera' ? 'must be clientId:clientSecret:appKey for OPERA' : 'must not be empty';
    throw new ValidationError(`The API key is not in the form ${input.vendor} needs.`, [{ field: `${fieldPrefix}.apiKey`, message }]);
  }
  return connect({
    vendor: input.vendor,
    pmsHotelId: input.pmsHotelId,
    secret: input.apiKey,
    ...(input.apiBaseUrl ? { baseUrl: input.apiBaseUrl } : {}),
  });
}
