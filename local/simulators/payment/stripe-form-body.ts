/**
 * Stripe's v1 wire format for request bodies: `application/x-www-form-urlencoded` with nested
 * keys in brackets, the way the stripe SDK writes them (`metadata[bookingId]=B`,
 * `allowed_payment_method_types[0]=card`, `automatic_payment_methods[enabled]=true`). Values stay
 * strings, as on the wire; each handler decides what is an integer or a boolean.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
}

/** `a[b][0]` -> `['a', 'b', '0']`; `a[]` -> `['a', '']`. */
function segmentsOf(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(rest)) !== null) {
    segments.push(match[1] ?? '');
    consumed = pattern.lastIndex;
  }
  if (consumed !== rest.length) throw new FormBodyError(`Invalid parameter name: ${key}`);
  return segments;
}

function isIndex(segment: string): boolean {
  return segment === '' || /^\d{1,4}$/.test(segment);
}

/** Parses a form body into nested objects and arrays; throws `FormBodyError` on malformed keys. */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const segments = segmentsOf(key);
    if (segments.some((s) => FORBIDDEN_SEGMENTS.has(s)) || segments[0] === '') {
      throw new FormBodyError(`Invalid parameter name: ${key}`);
    }
    let container: FormObject | FormValue[] = root;
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i] as string;
      const last = i === segments.length - 1;
      const nextIsIndex = !last && isIndex(segments[i + 1] as string);
      if (Array.isArray(container)) {
        if (!isIndex(segment)) throw new FormBodyError(`Invalid parameter name: ${key}`);
        const index = segment === '' ? container.length : Number(segment);
        if (last) {
          container[index] = value;
        } else {
          container[index] ??= nextIsIndex ? [] : {};
          const next: FormValue = container[index] as FormValue;
          if (typeof next === 'string') throw new FormBodyError(`Conflicting parameter: ${key}`);
          container = next;
        }
      } else {
        if (last) {
          container[segment] = value;
        } else {
          container[segment] ??= nextIsIndex ? [] : {};
          const next: FormValue = container[segment] as FormValue;
          if (typeof next === 'string') throw new FormBodyError(`Conflicting parameter: ${key}`);
          container = next;
        }
      }
    }
  }
  return root;
}

/** JSON with object keys sorted at every level: equal parameters give equal fingerprints. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
