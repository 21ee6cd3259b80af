import { KMSClient } from '@aws-sdk/client-kms';
import { EnvelopeCipher } from '#adapters/crypto/envelope-cipher.ts';
import { KmsKeyWrapper } from '#adapters/crypto/kms-key-wrapper.ts';
import { LocalKeyWrapper } from '#adapters/crypto/local-key-wrapper.ts';
import { DynamoDbRateSlotStore } from '#adapters/dynamodb/pms-rate-slots.dynamodb.ts';
import { ConfigPmsClients } from '#adapters/pms/config-pms-resolver.ts';
import { cachedHostList, PmsEgressGuard } from '#adapters/pms/egress-guard.ts';
import { createPinnedFetch } from '#adapters/pms/pinned-fetch.ts';
import { createPmsClientFactory } from '#adapters/pms/pms-client.factory.ts';
import { SlotRateLimiter } from '#adapters/pms/rate-limiter.ts';
import { requireSetting } from '#config/config.ts';
import { recordPmsCall } from '#observability/metrics.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { PmsRateLimiter } from '#ports/pms-rate-limiter.port.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';
import { documentClient, pmsAllowedHostsRepository, pmsConfigRepository } from './storage.ts';

/** Seals PMS credentials at rest: KMS on AWS, a 0600 local key file on a laptop. */
export const secretCipher = /* @__PURE__ */ provider<SecretCipher>(() => {
  const c = config();
  return new EnvelopeCipher(
    c.pmsCredentialsKmsKeyId
      ? new KmsKeyWrapper(traced(new KMSClient(awsClientOptions(undefined))), c.pmsCredentialsKmsKeyId)
      : new LocalKeyWrapper(requireSetting(c.pmsCredentialsKeyFile, 'PMS_CREDENTIALS_KMS_KEY_ID or PMS_CREDENTIALS_KEY_FILE')),
  );
});

/**
 * The PMS request slots every function shares, in the table (`rate-limiter.ts` explains the
 * scheme): one limit per Cloudbeds property and per OHIP environment, whichever function calls.
 * The local stack uses the same one on DynamoDB Local.
 */
export const pmsRateLimiter = /* @__PURE__ */ provider<PmsRateLimiter>(() => {
  const c = config();
  return new SlotRateLimiter(new DynamoDbRateSlotStore(documentClient(), c.tableName), {
    maxWaitMs: c.pmsRateLimitMaxWaitMs,
    marginMs: c.pmsRateLimitMarginMs,
  });
});

/**
 * Where PMS requests may go (`egress-guard.ts`): HTTPS, the vendors' allowed hosts (configuration
 * for Cloudbeds and OPERA, the admin's list in the table for generic PMSs, read at most once a
 * minute), public addresses only; the local stack also allows loopback.
 */
export const pmsEgressGuard = /* @__PURE__ */ provider<PmsEgressGuard>(() => {
  const c = config();
  return new PmsEgressGuard(
    { allowPrivate: c.pmsAllowPrivateHosts, allowedHosts: c.pmsAllowedHosts },
    { genericHosts: cachedHostList(async () => (await pmsAllowedHostsRepository().get('generic')).hosts) },
  );
});

/**
 * Every PMS client of the function: by hotel, by stored config, or from admin-entered values.
 * The cipher is reached only when credentials are opened, so a function that only connects with
 * typed-in values never needs the KMS key. Every request goes through the shared rate limiter and
 * the egress guard's pinned fetch.
 */
export const pmsClients = /* @__PURE__ */ provider<PmsClients>(
  () =>
    new ConfigPmsClients(
      pmsConfigRepository(),
      { seal: (p, ctx) => secretCipher().seal(p, ctx), open: (s, ctx) => secretCipher().open(s, ctx) },
      createPmsClientFactory({
        timeoutMs: config().pmsTimeoutMs,
        onCall: recordPmsCall,
        rateLimiter: pmsRateLimiter(),
        requestsPerSecond: config().pmsRequestsPerSecond,
        fetch: createPinnedFetch(pmsEgressGuard()),
      }),
      { egress: pmsEgressGuard() },
    ),
);
