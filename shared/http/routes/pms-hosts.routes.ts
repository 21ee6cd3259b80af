import { defineRoute, type RouteDefinition } from '../route.ts';
import { AllowedHostsResponse, ReplaceAllowedHostsBody } from '../schemas/pms-hosts.schema.ts';

/**
 * Where generic PMSs may be reached (issue 7, item 9): the admin's host allow-list. Cloudbeds and
 * OPERA hosts are configuration (`PMS_CLOUDBEDS_ALLOWED_HOSTS`, `PMS_OPERA_ALLOWED_HOSTS`).
 */
export const pmsHostsRoutes = {
  adminGetPmsAllowedHosts: defineRoute({
    method: 'GET',
    path: '/api/admin/pms/allowed-hosts',
    handler: 'admin/pms/get-allowed-hosts',
    auth: 'admin',
    summary: 'The hosts generic PMSs may be reached at (https, public addresses), with who changed the list and when',
    tags: ['admin'],
    permissions: ['table:read'],
    responses: { 200: { description: 'The list in force (empty at version 0 until an admin sets it).', body: AllowedHostsResponse } },
  }),
  adminReplacePmsAllowedHosts: defineRoute({
    method: 'PUT',
    path: '/api/admin/pms/allowed-hosts',
    handler: 'admin/pms/replace-allowed-hosts',
    auth: 'admin',
    summary:
      'Replace the hosts generic PMSs may be reached at. Takes effect everywhere within a minute; configs on a host taken off the list then fail as PMS_UNAVAILABLE',
    tags: ['admin'],
    permissions: ['table:read', 'table:write'],
    body: ReplaceAllowedHostsBody,
    responses: { 200: { description: 'The list as replaced, with its new version and history entry.', body: AllowedHostsResponse } },
    errors: ['STORAGE_CONTENTION'],
  }),
} satisfies Record<string, RouteDefinition>;
