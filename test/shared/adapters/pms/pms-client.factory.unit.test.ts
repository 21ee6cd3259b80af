import { describe, expect, it } from 'vitest';
import { CloudbedsPmsClient } from '../../../../shared/adapters/pms/cloudbeds.adapter.ts';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { OperaPmsClient } from '../../../../shared/adapters/pms/opera.adapter.ts';
import { CLOUDBEDS_DEFAULT_BASE_URL, createPmsClientFactory, toPmsConnection } from '../../../../shared/adapters/pms/pms-client.factory.ts';
import { ValidationError } from '../../../../shared/domain/errors.ts';
import { formatPmsSecret, parsePmsSecret } from '../../../../shared/domain/pms.ts';

describe('PMS client factory', () => {
  it('builds the adapter of each vendor', () => {
    const factory = createPmsClientFactory({ timeoutMs: 1_000 });

    const clients = [
      factory(toPmsConnection({ vendor: 'cloudbeds', pmsHotelId: '1', secret: 'cbat_x' })),
      factory(toPmsConnection({ vendor: 'opera', pmsHotelId: 'H', baseUrl: 'https://ohip.example', secret: 'id:secret:app' })),
      factory(toPmsConnection({ vendor: 'generic', pmsHotelId: 'g', baseUrl: 'https://pms.example', secret: 'key' })),
    ];

    expect(clients[0]).toBeInstanceOf(CloudbedsPmsClient);
    expect(clients[1]).toBeInstanceOf(OperaPmsClient);
    expect(clients[2]).toBeInstanceOf(GenericPmsClient);
    expect(clients.map((c) => c.capabilities.holds)).toEqual([false, false, true]);
    expect(clients.map((c) => c.capabilities.webhooks)).toEqual([true, false, true]);
  });

  it('defaults the Cloudbeds base URL and requires one for the others', () => {
    expect(toPmsConnection({ vendor: 'cloudbeds', pmsHotelId: '1', secret: 'cbat_x' }).baseUrl).toBe(CLOUDBEDS_DEFAULT_BASE_URL);
    expect(() => toPmsConnection({ vendor: 'generic', pmsHotelId: 'g', secret: 'key' })).toThrow(ValidationError);
  });

  it('reads OPERA credentials from the colon form and the JSON form, and refuses anything else', () => {
    const colon = parsePmsSecret('opera', 'client:secret:app');
    const json = parsePmsSecret('opera', JSON.stringify({ clientId: 'c:1', clientSecret: 's', appKey: 'a' }));

    expect(colon).toEqual({ kind: 'oauth_client', clientId: 'client', clientSecret: 'secret', appKey: 'app' });
    expect(json).toEqual({ kind: 'oauth_client', clientId: 'c:1', clientSecret: 's', appKey: 'a' });
    expect(parsePmsSecret('opera', formatPmsSecret(json))).toEqual(json);
    expect(() => parsePmsSecret('opera', 'only-one-part')).toThrow(ValidationError);
    expect(() => parsePmsSecret('cloudbeds', '  ')).toThrow(ValidationError);
  });
});
