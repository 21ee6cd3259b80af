import { describe, expect, it } from 'vitest';
import { hasRoute, routesOf } from '../../../console/src/api/capabilities.ts';
import { PLANNED, type PlannedKey } from '../../../console/src/api/planned.ts';
import { buildOpenApiDocument } from '../../../shared/http/openapi.ts';

/** Routes nobody has built yet: their actions stay disabled with the reason. */
const NOT_BUILT: PlannedKey[] = [];

describe('the routes the console gates its actions on', () => {
  // What the console itself reads: the API's OpenAPI document, query parameters included.
  const served = routesOf(buildOpenApiDocument());

  it('are all in the route table, but those nobody has built: a renamed route would silently disable an action', () => {
    const missing = (Object.keys(PLANNED) as PlannedKey[]).filter((key) => !hasRoute(served, PLANNED[key].route));
    expect(missing.sort()).toEqual([...NOT_BUILT].sort());
  });
});
