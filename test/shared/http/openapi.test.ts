import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../shared/http/openapi.ts';
import { routeList } from '../../../shared/http/route-table.ts';

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument({ serverUrl: 'http://localhost:3000' }) as any;

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('describes parameters from the zod schemas', () => {
    const inventory = doc.paths['/api/inventory/{hotelId}/{roomTypeId}'].get;
    const names = inventory.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`);
    expect(names).toEqual(['path:hotelId:true', 'path:roomTypeId:true', 'query:startDate:true', 'query:endDate:true']);
    expect(inventory.responses['422']).toBeDefined();
  });

  it('is an OpenAPI 3.1 document with the server URL', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://localhost:3000' }]);
  });
});
