import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readSecretString } from '#adapters/secrets/secrets-manager.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { asyncProvider } from './provider.ts';
import { config } from './runtime.ts';

/** The fallback PMS webhook secret: in the environment locally, in Secrets Manager on AWS. */
export const webhookSecret = /* @__PURE__ */ asyncProvider<string | undefined>(async () => {
  const c = config();
  if (c.pmsWebhookSecret) return c.pmsWebhookSecret;
  if (!c.pmsWebhookSecretArn) return undefined;
  return readSecretString(traced(new SecretsManagerClient(awsClientOptions(undefined))), c.pmsWebhookSecretArn);
});
