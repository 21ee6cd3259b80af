import { ValidationError } from '#domain/errors.ts';
import { PmsHostNotAllowedError } from '#domain/pms-egress.ts';
import { parsePmsSecret, type PmsVendor } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';

/**
 * Connects with admin-entered values, turning a missing base URL, a malformed secret or an address
 * the egress rules refuse (`PMS_HOST_NOT_ALLOWED`: HTTPS, allowed hosts, public addresses) into a
 * 422 that names the request field (`body.apiBaseUrl`, `body.apiKey`) instead of an adapter's
 * field. Nothing is sent to a refused address, and nothing about the secret's value ever reaches
 * a message.
 */
export async function connectPms(
  pms: Pick<PmsClients, 'connect'>,
  input: { vendor: PmsVendor; pmsHotelId: string; apiKey: string; apiBaseUrl?: string | undefined },
  fieldPrefix = 'body',
): Promise<{ client: PmsClient; baseUrl: string }> {
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
  try {
    return await pms.connect({
      vendor: input.vendor,
      pmsHotelId: input.pmsHotelId,
      secret: input.apiKey,
      ...(input.apiBaseUrl ? { baseUrl: input.apiBaseUrl } : {}),
    });
  } catch (error) {
    throw error instanceof PmsHostNotAllowedError ? error.forField(`${fieldPrefix}.apiBaseUrl`) : error;
  }
}
