import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BookingEventSchemas } from '../../shared/use-cases/bookings/lifecycle/booking-event-schemas.ts';

const DOC = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');

/** The JSON block under a `### \`type\`` heading of docs/events.md. */
function documented(type: string): unknown {
  const section = DOC.split(`### \`${type}\``)[1];
  const block = section ? /```json\n([\s\S]*?)\n```/.exec(section)?.[1] : undefined;
  return block ? JSON.parse(block) : undefined;
}

describe('docs/events.md', () => {
  it.each(Object.keys(BookingEventSchemas))('shows the JSON Schema of %s exactly as the code declares it', (type) => {
    const schema = BookingEventSchemas[type as keyof typeof BookingEventSchemas];
    expect(documented(type)).toEqual(z.toJSONSchema(schema, { target: 'draft-2020-12' }));
  });

  it('requires a version and nothing personal on every event', () => {
    for (const schema of Object.values(BookingEventSchemas)) {
      const json = z.toJSONSchema(schema) as { required: string[]; properties: Record<string, unknown> };
      expect(json.required).toContain('version');
      expect(Object.keys(json.properties).filter((k) => /email|phone|name|guest/i.test(k))).toEqual([]);
    }
  });
});
