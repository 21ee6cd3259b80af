import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailSender } from '../../../../shared/adapters/ses/ses-mail-sender.ts';
import { createAwsEmulatorServer, type AwsEmulatorTargets } from '../../../../local/aws/aws-emulator.server.ts';
import { SesEmulator } from '../../../../local/aws/ses.emulator.ts';
import { closeServer, listen } from '../../../../local/http/listen.ts';

/** The SES adapter, byte for byte, against the local SES emulator (SES v2's REST protocol). */
describe('SesMailSender against the local SES emulator', () => {
  const ses = new SesEmulator();
  let server: Server;
  let client: SESv2Client;

  beforeAll(async () => {
    // Only SES is reached: the other targets are never touched by a SendEmail.
    server = createAwsEmulatorServer({ ses } as unknown as AwsEmulatorTargets);
    const { url } = await listen(server);
    client = new SESv2Client({ region: 'ap-northeast-2', endpoint: url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await closeServer(server);
  });

  beforeEach(() => {
    ses.clear();
  });

  it('sends subject, text and HTML in UTF-8 from our address through the configuration set, with tags made safe', async () => {
    const sender = new SesMailSender(client, { from: 'Hotel <no-reply@hotel.example>', configurationSet: 'hotel-booking-dev' });

    const { messageId } = await sender.send({
      to: 'guest@example.com',
      subject: '예약 확정: 한강 호텔',
      text: '예약이 확정되었습니다.\n',
      html: '<p>예약이 확정되었습니다.</p>',
      tags: { kind: 'booking_confirmed', event: 'booking.confirmed', bookingId: 'bk 1/2' },
    });

    expect(ses.mailbox).toHaveLength(1);
    expect(ses.mailbox[0]).toMatchObject({
      messageId,
      from: 'Hotel <no-reply@hotel.example>',
      to: ['guest@example.com'],
      subject: '예약 확정: 한강 호텔',
      text: '예약이 확정되었습니다.\n',
      html: '<p>예약이 확정되었습니다.</p>',
      configurationSet: 'hotel-booking-dev',
      tags: { kind: 'booking_confirmed', event: 'booking.confirmed', bookingId: 'bk_1_2' },
    });
  });

  it('throws what SES refuses (no recipient), and nothing is in the mailbox', async () => {
    const sender = new SesMailSender(client, { from: 'no-reply@hotel.example' });

    await expect(sender.send({ to: '', subject: 's', text: 't', html: 'h', tags: {} })).rejects.toMatchObject({ name: 'BadRequestException' });
    expect(ses.mailbox).toEqual([]);
  });
});

describe('SesEmulator', () => {
  it('keeps mail oldest first, tells the listener, and clear() empties the mailbox', () => {
    const seen: string[] = [];
    const ses = new SesEmulator((m) => seen.push(m.subject));

    ses.sendEmail({ FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { Simple: { Subject: { Data: 'one' }, Body: { Text: { Data: 't' } } } } });
    ses.sendEmail({ FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { Simple: { Subject: { Data: 'two' }, Body: { Html: { Data: 'h' } } } } });

    expect(ses.mailbox.map((m) => m.subject)).toEqual(['one', 'two']);
    expect(seen).toEqual(['one', 'two']);
    expect(ses.clear()).toBe(2);
    expect(ses.mailbox).toEqual([]);
    expect(() => ses.sendEmail({ FromEmailAddress: 'a@x.example', Destination: { ToAddresses: ['b@x.example'] }, Content: { Simple: { Subject: { Data: 's' } } } })).toThrow(/Text or Html/);
  });
});
