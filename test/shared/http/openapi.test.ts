import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../shared/http/openapi.ts';
import { statusOfCode } from '../../../shared/http/error-mapper.ts';
import { routeList, routes } from '../../../shared/http/route-table.ts';
import { errorCodesOf } from '../../../shared/http/route.ts';
import { undocumentedAnswer } from '../../support/openapi.ts';

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument({ serverUrl: 'http://localhost:3000' }) as any;
  const operation = (route: { method: string; path: string }) => doc.paths[route.path][route.method.toLowerCase()];

  it('is a valid OpenAPI 3.1 document for a standard parser, every $ref resolved', async () => {
    const parsed = (await SwaggerParser.validate(structuredClone(doc))) as any;
    expect(parsed.openapi).toBe('3.1.0');
    const dereferenced = (await SwaggerParser.dereference(structuredClone(doc))) as any;
    expect(JSON.stringify(dereferenced)).not.toContain('"$ref"');
  });

  it('keeps named schemas in components, never in per-schema $defs', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('$defs');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ErrorEnvelope', 'GatewayMessage', 'Booking', 'AdminBooking', 'Hotel']));
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const name of refs) expect(doc.components.schemas[name!], name).toBeDefined();
  });

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routeList.map((r) => [`${r.method} ${r.path}`, r] as const))('%s documents every success answer and every error code it can give', (_key, route) => {
    for (const status of Object.keys(route.responses)) expect(operation(route).responses[status], `success ${status}`).toBeDefined();
    for (const code of errorCodesOf(route)) {
      expect(undocumentedAnswer(route, statusOfCode(code), { error: { code } })).toBeUndefined();
    }
    expect(operation(route).responses['429'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GatewayMessage' });
  });

  it('documents every checkout answer: 201, 202 with Location, 401 for a bad optional token, 409, the 422s and the gateway 429', () => {
    const responses = operation(routes.checkout).responses;
    expect(Object.keys(responses).sort()).toEqual(['201', '202', '400', '401', '402', '404', '409', '410', '413', '422', '429', '500', '503']);
    // Signing in is optional: anonymous, or a bearer token the handler verifies.
    expect(operation(routes.checkout).security).toEqual([{}, { bearerAuth: [] }]);
    expect(responses['401'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toEqual(['UNAUTHORIZED']);
    expect(responses['201'].content['application/json'].schema.properties.data).toEqual({ $ref: '#/components/schemas/CheckoutConfirmation' });
    expect(responses['202'].headers.location).toBeDefined();
    const codes422 = responses['422'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum;
    expect(codes422.sort()).toEqual(['CLOSED_TO_ARRIVAL', 'CLOSED_TO_DEPARTURE', 'HOTEL_INACTIVE', 'IDEMPOTENCY_KEY_REUSED', 'MAX_STAY', 'MIN_STAY', 'OUTSIDE_BOOKING_WINDOW', 'SAME_DAY_CUTOFF', 'STOP_SELL', 'VALIDATION_ERROR']);
    expect(undocumentedAnswer(routes.checkout, 409, { error: { code: 'SOLD_OUT' } })).toBeUndefined();
    expect(undocumentedAnswer(routes.checkout, 503, { error: { code: 'PAYMENT_UNAVAILABLE' } })).toBeUndefined();
    expect(undocumentedAnswer(routes.checkout, 503, { error: { code: 'WEBHOOK_QUEUE_UNAVAILABLE' } })).toMatch(/does not list/);
  });

  it("offers API Gateway's own body beside ours where the gateway may answer: 401 on guarded routes", () => {
    expect(operation(routes.adminListBookings).responses['401'].content['application/json'].schema.oneOf).toEqual([
      expect.objectContaining({ allOf: expect.any(Array) }),
      { $ref: '#/components/schemas/GatewayMessage' },
    ]);
    expect(operation(routes.health).responses['401']).toBeUndefined();
  });

  it('describes parameters from the zod schemas, query integers as integers', () => {
    const inventory = operation(routes.getInventory);
    const names = inventory.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`);
    expect(names).toEqual(['path:hotelId:true', 'path:roomTypeId:true', 'query:startDate:true', 'query:endDate:true']);
    expect(inventory.responses['422']).toBeDefined();
    const page = operation(routes.listHotels).parameters.find((p: { name: string }) => p.name === 'page');
    expect(page).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10_000, default: 1 } });
    const key = operation(routes.checkout).parameters.find((p: { name: string }) => p.name === 'idempotency-key');
    expect(key).toMatchObject({ in: 'header', required: true, schema: { maxLength: 255 } });
  });

  it('is an OpenAPI 3.1 document with the server URL', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://localhost:3000' }]);
  });
});
