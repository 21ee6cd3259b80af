import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { GuestEventSchemas } from '../../shared/use-cases/notifications/guest-event-schemas.ts';

const DOC = readFileSync(new URL('../../docs/guests-rooms-mail.md', import.meta.url), 'utf8');

/** The JSON block under a `### \`type\`` heading of the page. */
function documented(type: string): unknown {
  const section = DOC.split(`### \`${type}\``)[1];
  const block = section ? /```json\n([\s\S]*?)\n```/.exec(section)?.[1] : undefined;
  return block ? JSON.parse(block) : undefined;
}

describe('docs/guests-rooms-mail.md events', () => {
  it.each(Object.keys(GuestEventSchemas))('shows the JSON Schema of %s exactly as the code declares it', (type) => {
    const schema = GuestEventSchemas[type as keyof typeof GuestEventSchemas];
    expect(documented(type)).toEqual(z.toJSONSchema(schema, { target: 'draft-2020-12' }));
  });

  it('requires a version and an event id, and nothing personal, on every event', () => {
    for (const schema of Object.values(GuestEventSchemas)) {
      const json = z.toJSONSchema(schema) as { required: string[]; properties: Record<string, unknown> };
      expect(json.required).toEqual(expect.arrayContaining(['version', 'eventId', 'bookingId']));
      expect(Object.keys(json.properties).filter((k) => /email|phone|name|guest/i.test(k))).toEqual([]);
    }
  });
});
