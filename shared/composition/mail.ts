import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailSender } from '#adapters/ses/ses-mail-sender.ts';
import { requireSetting } from '#config/config.ts';
import type { MailSender } from '#ports/mail.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

/** Amazon SES v2 from the verified identity (`MAIL_FROM`), through the configuration set; locally the SES emulator. */
export const mailSender = /* @__PURE__ */ provider<MailSender>(() => {
  const c = config();
  // A bounded wait: a send that hangs fails and is retried by the queue, well inside the consumer's timeout.
  const client = new SESv2Client({ ...awsClientOptions(c.sesEndpoint), requestHandler: { connectionTimeout: 3_000, requestTimeout: 8_000 } });
  return new SesMailSender(traced(client), {
    from: requireSetting(c.mailFrom, 'MAIL_FROM'),
    ...(c.sesConfigurationSet ? { configurationSet: c.sesConfigurationSet } : {}),
  });
});
