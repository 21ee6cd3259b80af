import { describe, expect, it } from 'vitest';
import { sentMailLogContract } from '../sent-mail-log.contract.ts';
import { FakeMailSender, FakeSentMailLog } from './mail.fake.ts';

describe('FakeSentMailLog', () => {
  sentMailLogContract(() => new FakeSentMailLog());
});

describe('FakeMailSender', () => {
  it('keeps what it sent with a message id, and a lost answer still sends', async () => {
    const mail = new FakeMailSender();
    const one = { to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>', tags: { kind: 'k' } };
    mail.failures.arm('send', new Error('timeout'), { executed: true });

    await expect(mail.send(one)).rejects.toThrow('timeout');
    const second = await mail.send(one);

    expect(mail.sent.map((m) => m.messageId)).toEqual(['fake-mail-1', second.messageId]);
  });
});
