import type { FormObject, FormValue } from './stripe-form-body.ts';
import type { SimCharge, SimPaymentIntent, SimRefund } from './stripe-objects.ts';
import { clone, invalid, noSuchIntent, unknownParameter, type Reply } from './stripe-replies.ts';

/**
 * The read side of the Stripe simulator that compensations need (issue 12): listing
 * PaymentIntents and refunds, and Stripe's Search, in Stripe's own dialect.
 * - `GET /v1/payment_intents`: newest first; `limit` (1-100, default 10), `starting_after`,
 *   `ending_before`, `created` (an exact unix time, or `created[gt|gte|lt|lte]`), `customer`,
 *   `expand[]=data.latest_charge`. Strongly consistent, as on Stripe.
 * - `GET /v1/payment_intents/search?query=...`: Stripe's search query language for the fields we
 *   use (`metadata['key']`, `status`, `currency`, `customer`, `amount`, `created`): clauses
 *   `field:'value'` (exact), `field~'value'` (substring, 3 characters or more), `-field:'value'`
 *   (negation), `amount>1000` and the like for numbers, joined by `AND` or by `OR` (not both, at
 *   most 10 clauses); `limit`, `page` (the `next_page` of the previous answer), `expand`. Newest
 *   first. Like Stripe's, the index may lag behind writes: with `searchIndexing: 'manual'` an
 *   intent is searchable (in the state it had) only once the test calls `indexSearch()`.
 * - `GET /v1/refunds`: newest first, filtered by `payment_intent` or `charge`, same paging.
 * - `expand[]=latest_charge` on `GET /v1/payment_intents/:id`, so a caller can read
 *   `amount_refunded` the way it would on Stripe.
 */

export interface QuerySource {
  intents: ReadonlyMap<string, SimPaymentIntent>;
  charges: ReadonlyMap<string, SimCharge>;
  refunds: ReadonlyMap<string, SimRefund>;
  /** What the search index holds for an intent: its current state, an older one, or nothing yet. */
  indexed(id: string): SimPaymentIntent | undefined;
}

const LIST_INTENT_PARAMS = new Set(['limit', 'starting_after', 'ending_before', 'created', 'customer', 'expand']);
const SEARCH_PARAMS = new Set(['query', 'limit', 'page', 'expand']);
const LIST_REFUND_PARAMS = new Set(['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before', 'created', 'expand']);
const RETRIEVE_PARAMS = new Set(['expand']);
const SEARCH_FIELDS = new Set(['amount', 'created', 'currency', 'customer', 'status', 'metadata']);
const NUMERIC_FIELDS = new Set(['amount', 'created']);
const MAX_CLAUSES = 10;

/** Reads are never stored for idempotent replay. */
function ok(body: unknown): Reply {
  return { status: 200, body, store: false };
}

function limitOf(value: FormValue | undefined): number | Reply {
  if (value === undefined) return 10;
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    return invalid('Invalid limit: must be an integer from 1 to 100.', { code: 'parameter_invalid_integer', param: 'limit' });
  }
  return Number(value);
}

function expansions(value: FormValue | undefined): string[] | Reply {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!list || list.some((v) => typeof v !== 'string')) return invalid('Invalid array: expand.', { code: 'parameter_invalid', param: 'expand' });
  return list as string[];
}

/** `created=1700000000` or `created[gte]=...`: the predicate, or an error reply. */
function createdFilter(value: FormValue | undefined): ((created: number) => boolean) | Reply {
  if (value === undefined) return () => true;
  const int = (v: FormValue | undefined) => (typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : null);
  if (typeof value === 'string') {
    const at = int(value);
    return at === null ? invalid('Invalid integer: created.', { code: 'parameter_invalid_integer', param: 'created' }) : (c) => c === at;
  }
  if (Array.isArray(value)) return invalid('Invalid created: must be an integer or a hash.', { code: 'parameter_invalid', param: 'created' });
  const tests: ((c: number) => boolean)[] = [];
  for (const [op, raw] of Object.entries(value)) {
    const n = int(raw);
    if (n === null) return invalid(`Invalid integer: created[${op}].`, { code: 'parameter_invalid_integer', param: `created[${op}]` });
    if (op === 'gt') tests.push((c) => c > n);
    else if (op === 'gte') tests.push((c) => c >= n);
    else if (op === 'lt') tests.push((c) => c < n);
    else if (op === 'lte') tests.push((c) => c <= n);
    else return invalid(`Received unknown parameter: created[${op}]`, { code: 'parameter_unknown', param: `created[${op}]` });
  }
  return (c) => tests.every((t) => t(c));
}

/** A charge as `expand[]=latest_charge` shows it (only the charges the simulator keeps: accepted ones). */
function chargeObject(source: QuerySource, intent: SimPaymentIntent): Record<string, unknown> | string | null {
  const id = intent.latest_charge;
  if (!id) return null;
  const charge = source.charges.get(id);
  return {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: charge?.amountCaptured ?? 0,
    amount_refunded: charge?.amountRefunded ?? 0,
    captured: (charge?.amountCaptured ?? 0) > 0,
    refunded: charge !== undefined && charge.amountCaptured > 0 && charge.amountRefunded >= charge.amountCaptured,
    currency: intent.currency,
    payment_intent: intent.id,
    status: charge ? 'succeeded' : 'failed',
  };
}

function presentIntent(source: QuerySource, intent: SimPaymentIntent, expandCharge: boolean): SimPaymentIntent | Record<string, unknown> {
  const copy = clone(intent);
  return expandCharge ? { ...copy, latest_charge: chargeObject(source, intent) } : copy;
}

/**
 * One page of `items` (newest first) after `starting_after` or before `ending_before`, or an
 * error reply when the cursor names no object of the list.
 */
function page<T extends { id: string }>(items: T[], params: FormObject, limit: number, noun: string): { data: T[]; hasMore: boolean } | Reply {
  const after = typeof params.starting_after === 'string' ? params.starting_after : undefined;
  const before = typeof params.ending_before === 'string' ? params.ending_before : undefined;
  if (after !== undefined) {
    const at = items.findIndex((i) => i.id === after);
    if (at === -1) return invalid(`No such ${noun}: '${after}'`, { code: 'resource_missing', param: 'starting_after' });
    const rest = items.slice(at + 1);
    return { data: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  if (before !== undefined) {
    const at = items.findIndex((i) => i.id === before);
    if (at === -1) return invalid(`No such ${noun}: '${before}'`, { code: 'resource_missing', param: 'ending_before' });
    const start = Math.max(0, at - limit);
    return { data: items.slice(start, at), hasMore: start > 0 };
  }
  return { data: items.slice(0, limit), hasMore: items.length > limit };
}

function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'store' in value && 'status' in value;
}

function newestFirst<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].reverse();
}

/** `GET /v1/payment_intents/:id`, with `expand[]=latest_charge`. */
export function retrievePaymentIntent(source: QuerySource, id: string, params: FormObject): Reply {
  const unknown = unknownParameter(params, RETRIEVE_PARAMS);
  if (unknown) return unknown;
  const expand = expansions(params.expand);
  if (isReply(expand)) return expand;
  const intent = source.intents.get(id);
  if (!intent) return noSuchIntent(id);
  return ok(presentIntent(source, intent, expand.includes('latest_charge')));
}

/** `GET /v1/payment_intents`. */
export function listPaymentIntents(source: QuerySource, params: FormObject): Reply {
  const unknown = unknownParameter(params, LIST_INTENT_PARAMS);
  if (unknown) return unknown;
  const limit = limitOf(params.limit);
  if (isReply(limit)) return limit;
  const created = createdFilter(params.created);
  if (isReply(created)) return created;
  const expand = expansions(params.expand);
  if (isReply(expand)) return expand;
  // The simulator has no customers: a customer filter matches nothing, as it would for a customer without payments.
  const all = newestFirst(source.intents).filter((i) => created(i.created) && params.customer === undefined);
  const result = page(all, params, limit, 'payment_intent');
  if (isReply(result)) return result;
  return ok({
    object: 'list',
    url: '/v1/payment_intents',
    has_more: result.hasMore,
    data: result.data.map((i) => presentIntent(source, i, expand.includes('data.latest_charge'))),
  });
}

/** `GET /v1/refunds`. */
export function listRefunds(source: QuerySource, params: FormObject): Reply {
  const unknown = unknownParameter(params, LIST_REFUND_PARAMS);
  if (unknown) return unknown;
  const limit = limitOf(params.limit);
  if (isReply(limit)) return limit;
  const created = createdFilter(params.created);
  if (isReply(created)) return created;
  const intentId = typeof params.payment_intent === 'string' ? params.payment_intent : undefined;
  const chargeId = typeof params.charge === 'string' ? params.charge : undefined;
  if (intentId !== undefined && !source.intents.has(intentId)) {
    return invalid(`No such payment_intent: '${intentId}'`, { code: 'resource_missing', param: 'payment_intent' });
  }
  if (chargeId !== undefined && !source.charges.has(chargeId)) {
    return invalid(`No such charge: '${chargeId}'`, { code: 'resource_missing', param: 'charge' });
  }
  const all = newestFirst(source.refunds).filter(
    (r) => created(r.created) && (intentId === undefined || r.payment_intent === intentId) && (chargeId === undefined || r.charge === chargeId),
  );
  const result = page(all, params, limit, 'refund');
  if (isReply(result)) return result;
  return ok({ object: 'list', url: '/v1/refunds', has_more: result.hasMore, data: result.data.map(clone) });
}

// ---- Search ----

type Comparator = ':' | '~' | '>' | '>=' | '<' | '<=';

export interface SearchClause {
  negated: boolean;
  field: string;
  /** For `metadata['key']`. */
  key?: string;
  comparator: Comparator;
  value: string | number;
}

export interface SearchQuery {
  join: 'AND' | 'OR';
  clauses: SearchClause[];
}

export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError';
}

/** Parses Stripe's search query language (the subset above); throws `SearchQueryError`. */
export function parseSearchQuery(query: string): SearchQuery {
  const token = /\s*(?:(AND|OR)(?=\s|$)|(-)?([a-z_]+)(?:\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\])?(>=|<=|:|~|>|<)(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)))\s*/y;
  const clauses: SearchClause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  let expectClause = true;
  let position = 0;
  const text = query.trim();
  if (text === '') throw new SearchQueryError('The search query is empty.');
  while (position < text.length) {
    token.lastIndex = position;
    const m = token.exec(text);
    if (!m) throw new SearchQueryError(`Invalid search query at position ${position}: ${text.slice(position, position + 20)}`);
    position = token.lastIndex;
    if (m[1]) {
      if (expectClause) throw new SearchQueryError(`Unexpected ${m[1]} at position ${m.index}.`);
      joins.add(m[1] as 'AND' | 'OR');
      expectClause = true;
      continue;
    }
    if (!expectClause) throw new SearchQueryError('Clauses must be joined with AND or OR.');
    const field = m[3]!;
    if (!SEARCH_FIELDS.has(field)) throw new SearchQueryError(`Field \`${field}\` is an unsupported search field for resource \`payment_intents\`.`);
    const key = m[4] ?? m[5];
    if ((field === 'metadata') !== (key !== undefined)) throw new SearchQueryError('Metadata is searched as metadata[\'key\'].');
    const comparator = m[6] as Comparator;
    const quoted = m[7] ?? m[8];
    const number = m[9];
    const numeric = NUMERIC_FIELDS.has(field);
    if (comparator !== ':' && comparator !== '~' && !numeric) throw new SearchQueryError(`\`${field}\` does not support ${comparator}.`);
    if (comparator !== ':' && comparator !== '~' && number === undefined) throw new SearchQueryError(`${comparator} needs a number.`);
    if (comparator === '~' && (quoted === undefined || quoted.length < 3)) throw new SearchQueryError('~ needs a quoted value of at least 3 characters.');
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    clauses.push({
      negated: m[2] === '-',
      field,
      ...(key !== undefined ? { key: unescape(key) } : {}),
      comparator,
      value: quoted !== undefined ? unescape(quoted) : Number(number),
    });
    expectClause = false;
  }
  if (expectClause) throw new SearchQueryError('The search query ends with AND or OR.');
  if (joins.size > 1) throw new SearchQueryError('A search query cannot combine AND and OR.');
  if (clauses.length > MAX_CLAUSES) throw new SearchQueryError(`A search query has at most ${MAX_CLAUSES} clauses.`);
  return { join: joins.has('OR') ? 'OR' : 'AND', clauses };
}

function fieldValue(intent: SimPaymentIntent, clause: SearchClause): string | number | null {
  switch (clause.field) {
    case 'metadata':
      return intent.metadata[clause.key ?? ''] ?? null;
    case 'amount':
      return intent.amount;
    case 'created':
      return intent.created;
    case 'currency':
      return intent.currency;
    case 'status':
      return intent.status;
    default:
      return null;
  }
}

function matchesClause(intent: SimPaymentIntent, clause: SearchClause): boolean {
  const actual = fieldValue(intent, clause);
  let result: boolean;
  if (actual === null) result = false;
  else if (clause.comparator === ':') result = String(actual) === String(clause.value);
  else if (clause.comparator === '~') result = String(actual).includes(String(clause.value));
  else {
    const a = Number(actual);
    const v = Number(clause.value);
    result = clause.comparator === '>' ? a > v : clause.comparator === '>=' ? a >= v : clause.comparator === '<' ? a < v : a <= v;
  }
  return clause.negated ? !result : result;
}

export function matchesQuery(intent: SimPaymentIntent, query: SearchQuery): boolean {
  return query.join === 'AND' ? query.clauses.every((c) => matchesClause(intent, c)) : query.clauses.some((c) => matchesClause(intent, c));
}

/** `GET /v1/payment_intents/search`. */
export function searchPaymentIntents(source: QuerySource, params: FormObject): Reply {
  const unknown = unknownParameter(params, SEARCH_PARAMS);
  if (unknown) return unknown;
  if (typeof params.query !== 'string') return invalid('Missing required param: query.', { code: 'parameter_missing', param: 'query' });
  let query: SearchQuery;
  try {
    query = parseSearchQuery(params.query);
  } catch (e) {
    return invalid(e instanceof SearchQueryError ? e.message : 'Invalid search query.', { code: 'parameter_invalid', param: 'query' });
  }
  const limit = limitOf(params.limit);
  if (isReply(limit)) return limit;
  const expand = expansions(params.expand);
  if (isReply(expand)) return expand;
  const all = newestFirst(source.intents);
  let start = 0;
  if (params.page !== undefined) {
    // The cursor is the last intent of the previous page, so paging survives intents that stop matching.
    const afterId = typeof params.page === 'string' ? Buffer.from(params.page, 'base64url').toString('utf8') : '';
    start = all.findIndex((i) => i.id === afterId) + 1;
    if (start === 0) return invalid('Invalid page: use the next_page of a previous search.', { code: 'parameter_invalid', param: 'page' });
  }
  const matches = all.slice(start).filter((intent) => {
    const seen = source.indexed(intent.id);
    return seen !== undefined && matchesQuery(seen, query);
  });
  const result = { data: matches.slice(0, limit), hasMore: matches.length > limit };
  const last = result.data.at(-1);
  return ok({
    object: 'search_result',
    url: '/v1/payment_intents/search',
    has_more: result.hasMore,
    next_page: result.hasMore && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
    data: result.data.map((i) => presentIntent(source, i, expand.includes('data.latest_charge'))),
  });
}
