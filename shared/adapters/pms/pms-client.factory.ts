import { ValidationError } from '#domain/errors.ts';
import { parsePmsSecret, type PmsVendor } from '#domain/pms.ts';
import type { PmsClient, PmsClientFactory, PmsConnection } from '#ports/pms.port.ts';
import { CloudbedsPmsClient, type CloudbedsAdapterOptions } from './cloudbeds.adapter.ts';
import { GenericPmsClient, type GenericAdapterOptions } from './generic.adapter.ts';
import { OperaPmsClient, type OperaAdapterOptions } from './opera.adapter.ts';
import type { PmsAdapterOptions } from './http.ts';

/** Options for every vendor at once; the vendor-specific keys only reach their adapter. */
export interface PmsClientFactoryOptions extends Omit<PmsAdapterOptions, 'requestsPerSecond'> {
  /** Each vendor's request limit per key, where it differs from the vendor's published one. */
  requestsPerSecond?: Partial<Record<PmsVendor, number>>;
  cloudbeds?: Omit<CloudbedsAdapterOptions, keyof PmsAdapterOptions>;
  opera?: Omit<OperaAdapterOptions, keyof PmsAdapterOptions>;
  generic?: Omit<GenericAdapterOptions, keyof PmsAdapterOptions>;
}

/**
 * Vendor -> adapter. The composition roots call this once with shared options (timeouts, the
 * metrics observer) and hand the resulting factory to use cases, which build a client per hotel
 * from its stored `PmsConnection`.
 */
export function createPmsClientFactory(options: PmsClientFactoryOptions = {}): PmsClientFactory {
  const { cloudbeds, opera, generic, requestsPerSecond, ...common } = options;
  const rate = (vendor: PmsVendor) => (requestsPerSecond?.[vendor] !== undefined ? { requestsPerSecond: requestsPerSecond[vendor] } : {});
  return (conn: PmsConnection): PmsClient => {
    switch (conn.vendor) {
      case 'cloudbeds':
        return new CloudbedsPmsClient(conn, { ...common, ...rate('cloudbeds'), ...cloudbeds });
      case 'opera':
        return new OperaPmsClient(conn, { ...common, ...rate('opera'), ...opera });
      case 'generic':
        return new GenericPmsClient(conn, { ...common, ...rate('generic'), ...generic });
      default: {
        const unknown: never = conn;
        throw new Error(`Unsupported PMS vendor: ${(unknown as { vendor: string }).vendor}`);
      }
    }
  };
}

/** Cloudbeds' public API root, used when a connection stores no base URL. */
export const CLOUDBEDS_DEFAULT_BASE_URL = 'https://api.cloudbeds.com/api/v1.3';

/**
 * Builds a typed connection from what an admin enters or a `pms_configs` row stores: vendor, the
 * PMS's hotel id, base URL and the one secret string (`parsePmsSecret` explains its forms).
 * Throws `ValidationError` for an OPERA secret that is not `clientId:clientSecret:appKey`.
 */
export function toPmsConnection(input: { vendor: PmsVendor; pmsHotelId: string; baseUrl?: string; secret: string }): PmsConnection {
  const credentials = parsePmsSecret(input.vendor, input.secret);
  const baseUrl = input.baseUrl ?? (input.vendor === 'cloudbeds' ? CLOUDBEDS_DEFAULT_BASE_URL : undefined);
  if (!baseUrl) throw new ValidationError(`A base URL is required for ${input.vendor}`, [{ field: 'baseUrl', message: 'Required' }]);
  if (input.vendor === 'opera' && credentials.kind === 'oauth_client') return { vendor: 'opera', pmsHotelId: input.pmsHotelId, baseUrl, credentials };
  if (input.vendor !== 'opera' && credentials.kind === 'api_key') return { vendor: input.vendor, pmsHotelId: input.pmsHotelId, baseUrl, credentials };
  throw new ValidationError('The credentials do not fit the vendor', [{ field: 'apiKey', message: 'Wrong credential type' }]);
}
