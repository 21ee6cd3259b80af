import * as z from 'zod';
import { isIsoDate } from '#domain/dates.ts';

/** Ids are opaque strings; this bound keeps keys and log lines sane. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must contain only letters, digits, and _ . : -');

export const IsoDateString = z
  .string()
  .refine(isIsoDate, { message: 'must be a real date in YYYY-MM-DD form' })
  .meta({ format: 'date', example: '2026-12-01' });

/**
 * Characters free text may not carry: C0 and C1 controls (NUL, ESC, ...), DEL, and the bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text display in
 * another order than it is stored ("Trojan Source"). Plain bidi marks (U+200E, U+200F, U+061C) stay
 * allowed: Arabic and Hebrew names need them.
 */
const FORBIDDEN_IN_TEXT = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/** The same, minus tab, line feed and carriage return, for multi-line fields. */
const FORBIDDEN_IN_MULTILINE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

function describeCodePoint(text: string, pattern: RegExp): string {
  const found = pattern.exec(text)?.[0] ?? '';
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Length in characters (code points), as a person counts them: an emoji is one, not two UTF-16 units. */
const codePointLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

export interface SafeTextOptions {
  /** The most characters (code points, after NFC normalization and trimming). */
  max: number;
  /** The fewest; 1 (the default) makes the field non-blank, 0 allows an empty string. */
  min?: number;
  /** Allows line breaks and tabs (free-form requests, descriptions); single-line otherwise. */
  multiline?: boolean;
}

/**
 * The one schema for free text a client sends (names, special requests, descriptions): refuses
 * lone surrogates (text that is not valid Unicode), control characters and bidi overrides with a
 * 422 that names the character, then normalizes to NFC and trims, then caps the length in
 * characters. What passes can be stored, sent to a PMS and shown to an admin as it is. Every
 * request schema takes its free text through here; ids, codes and URLs have stricter schemas of
 * their own.
 */
export function safeText(options: SafeTextOptions) {
  const { max, min = 1, multiline = false } = options;
  const forbidden = multiline ? FORBIDDEN_IN_MULTILINE_TEXT : FORBIDDEN_IN_TEXT;
  return z
    .string()
    .refine((text) => text.isWellFormed(), { message: 'is not valid Unicode text (it has a lone surrogate)', abort: true })
    .refine((text) => !forbidden.test(text), {
      error: (issue) =>
        `must not contain control or text-direction override characters (found ${describeCodePoint(String(issue.input), forbidden)})`,
      abort: true,
    })
    .normalize('NFC')
    .trim()
    .refine((text) => codePointLength(text) >= min, { message: min === 1 ? 'must not be blank' : `must be at least ${min} characters`, abort: true })
    .refine((text) => codePointLength(text) <= max, { message: `must be at most ${max} characters` })
    .meta({ minLength: min, maxLength: max });
}

/** Query integers are written in decimal digits only: no `1e3`, `0x10`, `+5`, spaces or fractions. */
const DECIMAL_DIGITS = /^[0-9]{1,15}$/;

/**
 * What the OpenAPI generator shows for a query integer: the number it stands for, not the string
 * pattern it is parsed from (`openapi.ts` reads this registry).
 */
export const queryIntegerDocs = z.registry<{ minimum: number; maximum: number; default?: number }>();

/** Decimal digits, then the number they spell, then its range. */
function decimalInteger(min: number, max: number) {
  return z
    .string()
    .regex(DECIMAL_DIGITS, `must be a whole number written in decimal digits, ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );
}

/**
 * The one schema for an integer in a query string. Query values are strings; `z.coerce.number()`
 * would read `1e3`, `0x10`, ` 7 ` and `''` as numbers. This accepts decimal digits only, then
 * checks the range, each with a message that says what is wrong. Optional unless given a default.
 */
export function queryInt(options: { min: number; max: number; default: number }): z.ZodDefault<ReturnType<typeof decimalInteger>>;
export function queryInt(options: { min: number; max: number }): z.ZodOptional<ReturnType<typeof decimalInteger>>;
export function queryInt(options: { min: number; max: number; default?: number }) {
  const { min, max } = options;
  const parsed = decimalInteger(min, max);
  const schema = options.default === undefined ? parsed.optional() : parsed.default(options.default);
  queryIntegerDocs.add(schema, { minimum: min, maximum: max, ...(options.default === undefined ? {} : { default: options.default }) });
  return schema;
}

export const ErrorEnvelope = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_ERROR' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
    requestId: z.string(),
  })
  .meta({ id: 'ErrorEnvelope' });

/** `{"success": true, "data": ...}`: the shape of every successful read. */
export function dataEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

export const PageMeta = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});
