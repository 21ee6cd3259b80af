import { ValidationError } from '#domain/errors.ts';
import { parsePmsSecret, type PmsVendor } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';

/**
 * Connects with admin-entered values, turning a missing base URL or a malformed secret into a 422
 * that names the request field (`body.apiBaseUrl`, `body.apiKey`) instead of an adapter's field.
 * Nothing about the secret's value ever reaches a message.
 */
export function connectPms(
  pms: Pick<PmsClients, 'connect'>,
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
  return pms.connect({
    vendor: input.vendor,
    pmsHotelId: input.pmsHotelId,
    secret: input.apiKey,
    ...(input.apiBaseUrl ? { baseUrl: input.apiBaseUrl } : {}),
  });
}
