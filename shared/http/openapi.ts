import * as z from 'zod';
import type { ErrorCode } from '#domain/errors.ts';
import { statusOfCode } from './error-mapper.ts';
import { routeList } from './route-table.ts';
import { authLevelName, errorCodesOf, usesAuthorizer, type RouteDefinition, type RouteResponse } from './route.ts';
import { ErrorEnvelope, queryIntegerDocs } from './schemas/common.schema.ts';

type JsonSchema = Record<string, unknown>;

/**
 * What each error code means, for the document's error answers. Keyed by the `ErrorCode` union, so
 * a new code without a meaning does not compile.
 */
const CODE_MEANINGS: Record<ErrorCode, string> = {
  BAD_REQUEST: 'the request could not be read: no body, a body that is not JSON, or the wrong content type',
  BAD_CURSOR: 'the cursor is not one this list handed out for these filters; start again without it',
  UNAUTHORIZED: 'the token carries no subject, or (on a route where signing in is optional) the token sent is not valid',
  FORBIDDEN: "the token's groups do not allow this route, or the hotel named is not one the hotel manager manages",
  NOT_FOUND: 'the entity named in the path or body does not exist (or is not yours to see)',
  VALIDATION_ERROR: 'a value is not acceptable; `details` names each offending field',
  IDEMPOTENCY_KEY_REUSED: 'this Idempotency-Key was used for a different request',
  OUTSIDE_BOOKING_WINDOW: "the stay ends beyond the hotel's booking horizon",
  HOTEL_INACTIVE: 'the hotel is deactivated and takes no new bookings (existing ones stand)',
  PMS_MANAGED: "the field is owned by the hotel's PMS; `details` names the field and the vendor: change it there",
  PRECONDITION_FAILED: 'If-Match names a version that is no longer current: read the resource again and reapply the change',
  ALREADY_EXISTS: 'a resource with this id exists already',
  HAS_FUTURE_BOOKINGS: 'rooms of this room type are booked or held for tonight or later, so it can only be deactivated',
  PAYMENT_DECLINED: 'the card was declined; nothing was charged',
  SOLD_OUT: 'not enough rooms on at least one night',
  MIN_STAY: "the stay is shorter than the arrival night's minimum",
  MAX_STAY: "the stay is longer than the arrival night's maximum",
  CLOSED_TO_ARRIVAL: 'arrivals are closed on the check-in day',
  CLOSED_TO_DEPARTURE: 'departures are closed on the check-out day',
  STOP_SELL: 'a night of the stay is closed for sale',
  RATE_LIMITED: 'too many requests from this client; wait for Retry-After',
  PMS_REJECTED: "the hotel's PMS refused the reservation",
  PAYMENT_STATE_CONFLICT: 'the payment is in a state that does not allow this',
  IMPORT_CONFLICT: 'the listing is already linked to another PMS hotel',
  BOOKING_NOT_IN_ATTENTION: 'the booking does not need attention (it was never escalated), so there is nothing to retry or resolve',
  LETTER_CLOSES_WITH_BOOKING: "the letter's booking needs attention: retry its compensation or resolve the booking, which closes its letters",
  HOLD_EXPIRED: 'the hold on the rooms ran out before the booking completed',
  PMS_AUTH_FAILED: 'the PMS refused the credentials',
  PMS_NOT_FOUND: 'the PMS does not know this hotel or room type',
  PMS_UNAVAILABLE: "the hotel's PMS is not answering; try again shortly",
  PMS_RATE_LIMITED: 'the PMS is limiting our requests; try again shortly',
  PMS_HOST_NOT_ALLOWED: "the PMS address is not one we may call (HTTPS, the vendor's allowed hosts, a public address); details name the rule",
  PMS_POLL_SETUP: 'a PMS config cannot be polled as set up',
  PAYMENT_UNAVAILABLE: 'the payment service is not answering; try again shortly',
  PAYMENT_CONFIG_ERROR: 'our payment configuration is wrong',
  STORAGE_CONTENTION: 'too many concurrent changes to the same rooms; try again',
  STORAGE_UNAVAILABLE: 'our database is not answering; try again shortly (a checkout: with the same Idempotency-Key)',
  TIMED_OUT: 'the request ran out of time before anything was stored; send it again with the same Idempotency-Key',
  WEBHOOK_SIGNATURE_INVALID: 'the signature or URL token does not match',
  WEBHOOK_EVENT_REJECTED: 'a stored webhook event can never be applied',
  PAYLOAD_TOO_LARGE: 'the body is larger than this route accepts',
  WEBHOOK_QUEUE_UNAVAILABLE: 'the event is stored but could not be queued yet; a retry (or the outbox sweep) queues it',
  INVALID_TRANSITION: "the booking's status does not allow this; `details` names `from` and `to`",
  SAME_DAY_CUTOFF: "a stay starting today is booked after the hotel's same-day cut-off",
  CHANGE_IN_PROGRESS: 'another cancellation or modification of this booking is running; try again once it has finished',
  NOTHING_TO_CHANGE: 'the modification asks for the stay the booking already has',
  ROOM_NUMBER_TAKEN: 'another room of the hotel has this number',
  ROOM_UNAVAILABLE: 'the room cannot take the stay: another stay holds it on a night, it is under maintenance, or it is of another room type',
  ROOM_IN_USE: 'the room holds stays today or later; move them to another room first',
  BOOKING_NOT_ASSIGNABLE: 'the booking cannot be given rooms: it is not confirmed or checked in, or its stay is over',
  INTERNAL_ERROR: 'something failed on our side',
};

/**
 * Answers API Gateway gives by itself, before or instead of our handler, in its own body
 * (`{"message": ...}`; docs/api.md). 401 only where the JWT authorizer guards the route.
 */
const GATEWAY_ANSWERS: Record<number, { when: string; appliesTo: (route: RouteDefinition) => boolean }> = {
  401: { when: 'API Gateway: no valid bearer token (the JWT authorizer refused it).', appliesTo: (route) => usesAuthorizer(route.auth) },
  413: { when: 'API Gateway: a body over its 10 MB payload limit.', appliesTo: (route) => route.method !== 'GET' && route.method !== 'DELETE' },
  429: { when: "API Gateway: the stage's or this route's throttle.", appliesTo: () => true },
  500: { when: 'API Gateway: the function failed outside the handler (e.g. its configuration at cold start).', appliesTo: () => true },
  503: { when: 'API Gateway: the function did not answer within 30 s.', appliesTo: () => true },
};

const REF = '#/components/schemas/';

const REQUEST_ID_HEADER = {
  'x-request-id': { description: 'The request id, also in error bodies: quote it to support.', schema: { type: 'string' } },
};

/** Shows a query integer (`queryInt`) as the integer it stands for, not the string it is parsed from. */
function showQueryIntegers(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const docs = queryIntegerDocs.get(ctx.zodSchema as z.ZodType);
  if (!docs) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, { type: 'integer', ...docs });
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? REF + v.slice('#/$defs/'.length) : rewriteRefs(v),
      ]),
    );
  }
  return value;
}

/**
 * Turns zod schemas into OpenAPI 3.1 schemas (JSON Schema 2020-12) with zod's own converter. Every
 * schema with an id (`.meta({ id })`) becomes one `components/schemas` entry that the operations
 * reference, instead of the `$defs` zod emits per schema (which would not resolve from an operation).
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', override: showQueryIntegers }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = generated;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.add(name, rewriteRefs(definition) as JsonSchema);
    }
    return rewriteRefs(root) as JsonSchema;
  }

  add(name: string, definition: JsonSchema): void {
    const known = this.components[name];
    if (known && JSON.stringify(known) !== JSON.stringify(definition)) {
      throw new Error(`Schema id "${name}" names two different shapes (request and response?): give one of them another id.`);
    }
    this.components[name] = definition;
  }
}

function parametersOf(route: RouteDefinition, schemas: SchemaCollector): unknown[] {
  const out: unknown[] = [];
  for (const [location, schema] of [['path', route.params], ['query', route.query], ['header', route.headers]] as const) {
    if (!schema) continue;
    const js = schemas.convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(js.properties ?? {})) {
      const { description, ...propertySchema } = property;
      out.push({
        name,
        in: location,
        required: location === 'path' || (js.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: propertySchema,
      });
    }
  }
  return out;
}

function successResponse(response: RouteResponse, schemas: SchemaCollector): unknown {
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );
  return {
    description: response.description,
    headers: { ...REQUEST_ID_HEADER, ...headers },
    content: { 'application/json': { schema: schemas.convert(response.body, 'output') } },
  };
}

/** Each status of a route's error codes, with the codes it stands for; and the gateway's own answers. */
function errorResponses(route: RouteDefinition): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = statusOfCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, answer] of Object.entries(GATEWAY_ANSWERS)) {
    if (answer.appliesTo(route) && !byStatus.has(Number(status))) byStatus.set(Number(status), []);
  }
  const responses: Record<string, unknown> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const codes = byStatus.get(status)!;
    const gateway = GATEWAY_ANSWERS[status]?.appliesTo(route) ? GATEWAY_ANSWERS[status] : undefined;
    const envelope = {
      allOf: [{ $ref: `${REF}ErrorEnvelope` }, { properties: { error: { properties: { code: { enum: codes } } } } }],
    };
    const lines = [...codes.map((code) => `\`${code}\`: ${CODE_MEANINGS[code]}.`), ...(gateway ? [gateway.when] : [])];
    const schema = codes.length === 0 ? { $ref: `${REF}GatewayMessage` } : gateway ? { oneOf: [envelope, { $ref: `${REF}GatewayMessage` }] } : envelope;
    responses[String(status)] = {
      description: lines.join('\n\n'),
      ...(codes.length > 0 ? { headers: REQUEST_ID_HEADER } : {}),
      content: { 'application/json': { schema } },
    };
  }
  return responses;
}

function operationOf(route: RouteDefinition, schemas: SchemaCollector): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (response) responses[status] = successResponse(response, schemas);
  }
  return {
    operationId: route.handler.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
    summary: route.summary,
    tags: route.tags,
    ...(route.auth === 'public'
      ? { security: [] }
      : route.auth === 'optional'
        ? { security: [{}, { bearerAuth: [] }], 'x-auth-level': 'optional' }
        : { security: [{ bearerAuth: [] }], 'x-auth-level': authLevelName(route.auth) }),
    parameters: parametersOf(route, schemas),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemas.convert(route.body, 'input') } } } }
      : {}),
    responses: { ...responses, ...errorResponses(route) },
  };
}

/**
 * The OpenAPI 3.1 document of the whole API, generated from the route table: parameters and bodies
 * from the zod schemas the handlers validate with, every success answer a route declares, and every
 * error answer its codes map to (`errorCodesOf`, `error-mapper.ts`) plus API Gateway's own. So the
 * document cannot drift from what the handlers do; `test/shared/http/openapi.test.ts` validates it
 * with a standard parser.
 */
export function buildOpenApiDocument(options: { serverUrl?: string; routes?: readonly RouteDefinition[] } = {}): Record<string, unknown> {
  const schemas = new SchemaCollector();
  schemas.convert(ErrorEnvelope, 'output');
  schemas.add('GatewayMessage', {
    type: 'object',
    description: "API Gateway's own answer (not our envelope): see docs/api.md.",
    properties: { message: { type: 'string', examples: ['Unauthorized', 'Not Found', 'Too Many Requests'] } },
    required: ['message'],
  });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of options.routes ?? routeList) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(route, schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hotel booking API',
      version: '0.1.0',
      description:
        'Hotel inventory, checkout and PMS integration. Our answers use one envelope: `{"success": true, "data": ...}` or ' +
        '`{"success": false, "error": {"code", "message", "details"?}, "requestId"}` (`GET /api/openapi.json` itself excepted). ' +
        'API Gateway answers a few cases by itself with `{"message": ...}` (`GatewayMessage`): 401 without a valid token, ' +
        '404 for a path that is not a route, 413 for a body over 10 MB, 429 when throttled, 500/503 when the function cannot answer.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
