import type { BusEvent } from '#ports/event-publisher.port.ts';

/**
 * An EventBridge event as a rule delivers it to SQS: the message body is the whole event envelope
 * (`{version, id, detail-type, source, time, detail, ...}`). `undefined` for anything else: such a
 * message can never be processed, and retrying it cannot help.
 */
export function busEventOf(body: string): BusEvent | undefined {
  try {
    const envelope = JSON.parse(body) as Record<string, unknown>;
    const id = envelope.id;
    const type = envelope['detail-type'];
    const detail = envelope.detail;
    if (typeof id !== 'string' || typeof type !== 'string' || !detail || typeof detail !== 'object' || Array.isArray(detail)) return undefined;
    return { id, type, detail: detail as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
