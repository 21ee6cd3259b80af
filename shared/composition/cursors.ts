import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readSecretString } from '#adapters/secrets/secrets-manager.ts';
import { requireSetting } from '#config/config.ts';
import { CursorCodec } from '#http/cursor.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { asyncProvider } from './provider.ts';
import { config } from './runtime.ts';

/** The pagination cursor codec: its secret in the environment locally, in Secrets Manager on AWS. */
export const cursorCodec = /* @__PURE__ */ asyncProvider<CursorCodec>(async () => {
  const c = config();
  return new CursorCodec(
    c.cursorSecret ??
      (await readSecretString(
        traced(new SecretsManagerClient(awsClientOptions(undefined))),
        requireSetting(c.cursorSecretArn, 'CURSOR_SECRET_ARN or CURSOR_SECRET'),
      )),
  );
});
