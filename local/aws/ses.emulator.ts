import { randomUUID } from 'node:crypto';
import type { ArmedFault, FaultRegistry } from '../faults/fault-registry.ts';

/** One mail the local stack "sent": what SES would have delivered. */
export interface LocalMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  configurationSet?: string;
  tags: Record<string, string>;
  receivedAt: string;
}

export class SesApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
/** `local@domain`, optionally as `Display Name <local@domain>`: the shape SES checks before sending. */
const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Amazon SES v2 on a laptop: `SendEmail` with simple content (`POST /v2/email/outbound-emails`, the
 * call `SesMailSender` makes) lands in a mailbox instead of the Internet. The stack prints each mail
 * as it arrives and serves the mailbox at `GET /_local/mail` (`DELETE` empties it). Refuses what SES
 * refuses before sending: no sender, no recipient, a malformed address, no subject or body.
 */
export class SesEmulator {
  readonly mailbox: LocalMail[] = [];
  private static readonly KEEP = 1000;

  constructor(
    private readonly onMail?: (mail: LocalMail) => void,
    /** The stack's faults: `mail.send` makes SendEmail fail (`error`: SES's throttling answer), hang, lag or answer late. */
    private readonly faults?: FaultRegistry,
  ) {}

  /** Uses up one time of a `mail.send` fault, if one is armed. */
  takeFault(): ArmedFault | undefined {
    return this.faults?.take('mail.send');
  }

  sendEmail(body: Json): { MessageId: string } {
    const from = str(body.FromEmailAddress);
    const to = (Array.isArray(obj(body.Destination).ToAddresses) ? (obj(body.Destination).ToAddresses as unknown[]) : []).filter((a): a is string => typeof a === 'string');
    const simple = obj(obj(body.Content).Simple);
    const subject = str(obj(simple.Subject).Data);
    const text = str(obj(obj(simple.Body).Text).Data);
    const html = str(obj(obj(simple.Body).Html).Data);
    if (!from) throw new SesApiError('BadRequestException', 'FromEmailAddress is required');
    if (to.length === 0) throw new SesApiError('BadRequestException', 'Destination.ToAddresses needs at least one address');
    const malformed = [from, ...to].find((address) => !ADDRESS.test(address));
    if (malformed !== undefined) throw new SesApiError('BadRequestException', `Missing final '@domain' in address ${JSON.stringify(malformed)}`);
    if (!subject || (!text && !html)) throw new SesApiError('BadRequestException', 'Content.Simple needs a Subject and a Text or Html body');
    const tags = Object.fromEntries(
      (Array.isArray(body.EmailTags) ? body.EmailTags : []).map((t) => [str(obj(t).Name) ?? '', str(obj(t).Value) ?? '']).filter(([name]) => name),
    );
    const mail: LocalMail = {
      messageId: `local-${randomUUID()}`,
      from,
      to,
      subject,
      ...(text ? { text } : {}),
      ...(html ? { html } : {}),
      ...(str(body.ConfigurationSetName) ? { configurationSet: str(body.ConfigurationSetName)! } : {}),
      tags,
      receivedAt: new Date().toISOString(),
    };
    this.mailbox.push(mail);
    if (this.mailbox.length > SesEmulator.KEEP) this.mailbox.shift();
    this.onMail?.(mail);
    return { MessageId: mail.messageId };
  }

  clear(): number {
    return this.mailbox.splice(0).length;
  }
}
