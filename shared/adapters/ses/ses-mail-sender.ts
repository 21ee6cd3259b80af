import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender, OutgoingMail } from '#ports/mail.port.ts';

/** SES tag values allow letters, digits, `_ - . @`; anything else becomes `_`. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256) || '_';
}

/**
 * Amazon SES v2 `SendEmail` with simple content (subject, text and HTML in UTF-8), from the
 * verified identity, through the configuration set that records bounces and complaints. The same
 * code talks to the local SES emulator (`SES_ENDPOINT`).
 */
export class SesMailSender implements MailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: { from: string; configurationSet?: string },
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          },
        },
        ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
        EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name: tagValue(Name), Value: tagValue(Value) })),
      }),
    );
    if (!result.MessageId) throw new Error('SES accepted the mail without a message id');
    return { messageId: result.MessageId };
  }
}
