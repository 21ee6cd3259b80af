/** One mail to one guest. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Searchable tags on the provider's side (SES message tags): kind, booking, event. No personal data. */
  tags: Readonly<Record<string, string>>;
}

/** Sends mail (Amazon SES v2 on AWS, the local SES emulator locally). */
export interface MailSender {
  /** The provider's message id. Throws when the provider did not take the mail (it may be retried). */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export type MailClaim =
  /** Nobody sent it yet: this caller sends it now, then `markSent` (or `abandon` on failure). */
  | 'claimed'
  /** It was sent already: a duplicate event (or redelivery), nothing to do. */
  | 'sent'
  /** Another delivery is sending it right now (within the lease): retry later. */
  | 'in_progress';

/**
 * One item per event id: the mail of an event is sent once. A delivery claims the id with a
 * conditional put before sending and marks it sent after; a claim older than the lease (the sender
 * died) may be taken over, which is the only way a mail can go out twice.
 */
export interface SentMailLog {
  claim(dedupeId: string, context: { bookingId: string; kind: string; eventType: string }, now: Date, leaseMs: number): Promise<MailClaim>;
  markSent(dedupeId: string, messageId: string, now: Date): Promise<void>;
  /** Gives a claim up after a failed send, so the retry may send. */
  abandon(dedupeId: string, now: Date): Promise<void>;
  /** Whether a key was ever recorded (`remember`): jobs that publish an event once, e.g. a reminder. */
  seen(key: string): Promise<boolean>;
  remember(key: string, now: Date, ttlSeconds: number): Promise<void>;
}
