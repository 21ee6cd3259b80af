import type { FormValue } from './stripe-form-body.ts';

/**
 * Reading typed parameters from a parsed Stripe form body, where every value is a string on the
 * wire: each reader returns `undefined` when the parameter is absent and `null` when it is
 * malformed, so the handler can answer Stripe's own error for either.
 */
export function asString(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Parses a positive integer parameter; `undefined` when absent, `null` when malformed. */
export function positiveInteger(value: FormValue | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

export function booleanParam(value: FormValue | undefined): boolean | undefined | null {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function stringMap(value: FormValue | undefined): Record<string, string> | null {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || k.length > 40 || v.length > 500) return null;
    out[k] = v;
  }
  return out;
}

export function stringArray(value: FormValue | undefined): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return null;
  return value as string[];
}
