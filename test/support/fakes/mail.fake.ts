import type { MailClaim, MailSender, OutgoingMail, SentMailLog } from '../../../shared/ports/mail.port.ts';
import { Failures } from './failures.ts';

/** The mail SES took, in order. An armed `send` failure with `executed` models SES sending and the answer being lost. */
export class FakeMailSender implements MailSender {
  readonly sent: (OutgoingMail & { messageId: string })[] = [];
  readonly failures = new Failures<'send'>();
  private seq = 0;

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    return this.failures.run('send', () => {
      const messageId = `fake-mail-${++this.seq}`;
      this.sent.push({ ...structuredClone(mail), messageId });
      return { messageId };
    });
  }
}

interface Record_ {
  status: 'SENDING' | 'SENT';
  claimedAt?: number;
  messageId?: string;
  context: { bookingId: string; kind: string; eventType: string };
}

/**
 * The sent-mail log in memory, with the DynamoDB adapter's rules: a claim is taken by exactly one
 * caller; a SENT record answers `sent`; a SENDING one `in_progress` until its lease runs out (or it
 * is abandoned), when the next caller claims it. `remember`/`seen` are a plain set.
 */
export class FakeSentMailLog implements SentMailLog {
  readonly records = new Map<string, Record_>();
  private readonly remembered = new Set<string>();

  async claim(dedupeId: string, context: Record_['context'], now: Date, leaseMs: number): Promise<MailClaim> {
    const existing = this.records.get(dedupeId);
    if (existing?.status === 'SENT') return 'sent';
    if (existing && existing.claimedAt !== undefined && existing.claimedAt >= now.getTime() - leaseMs) return 'in_progress';
    this.records.set(dedupeId, { status: 'SENDING', claimedAt: now.getTime(), context: { ...context } });
    return 'claimed';
  }

  async markSent(dedupeId: string, messageId: string): Promise<void> {
    const record = this.records.get(dedupeId);
    if (record) this.records.set(dedupeId, { status: 'SENT', messageId, context: record.context });
  }

  async abandon(dedupeId: string): Promise<void> {
    const record = this.records.get(dedupeId);
    if (record?.status === 'SENDING') this.records.set(dedupeId, { ...record, claimedAt: 0 });
  }

  async seen(key: string): Promise<boolean> {
    return this.remembered.has(key);
  }

  async remember(key: string): Promise<void> {
    this.remembered.add(key);
  }
}
