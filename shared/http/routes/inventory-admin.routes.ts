import { defineRoute, hotelStaff, type RouteDefinition } from '../route.ts';
import {
  EditNightBody,
  EditNightResponse,
  FindingParams,
  FindingResponse,
  FindingsQuery,
  FindingsResponse,
  HotelIdParams,
  MovementsQuery,
  MovementsResponse,
  NightParams,
  OverbookingPolicyBody,
  OverbookingPolicyResponse,
  ResolveFindingBody,
} from '../schemas/inventory-admin.schema.ts';

/**
 * Inventory truth for admins (issue 7): the movement ledger, the overbooking policy, reconciliation
 * findings. A hotel's ledger and its overbooking policy are also its managers' (issue 8 RBAC).
 */
export const inventoryAdminRoutes = {
  adminNightMovements: defineRoute({
    method: 'GET',
    path: '/api/admin/inventory/{hotelId}/{roomTypeId}/{date}/movements',
    handler: 'admin/inventory/list-movements',
    auth: hotelStaff.path('hotelId'),
    summary: "One night's movement ledger, newest first: every hold, release, PMS count, PMS report and policy change, with its reason and reference",
    tags: ['admin', 'inventory'],
    permissions: ['table:read'],
    params: NightParams,
    query: MovementsQuery,
    responses: { 200: { description: 'The movements, newest first.', body: MovementsResponse } },
  }),
  adminEditNight: defineRoute({
    method: 'PATCH',
    path: '/api/admin/inventory/{hotelId}/{roomTypeId}/{date}',
    handler: 'admin/inventory/edit-night',
    auth: 'admin',
    summary:
      "Edit one night: its rooms (a room type no PMS manages) and the hotel's own restrictions, which win over the PMS's. The limit follows; reserved rooms stay; an 'admin-edit' movement records it",
    tags: ['admin', 'inventory'],
    permissions: ['table:read', 'table:write'],
    params: NightParams,
    body: EditNightBody,
    responses: { 200: { description: 'The night as it is now.', body: EditNightResponse } },
    errors: ['NOT_FOUND', 'STORAGE_CONTENTION'],
  }),
  adminSetOverbookingPolicy: defineRoute({
    method: 'PUT',
    path: '/api/admin/hotels/{hotelId}/overbooking-policy',
    handler: 'admin/hotels/set-overbooking-policy',
    auth: hotelStaff.path('hotelId'),
    summary:
      "Set how far beyond its rooms a hotel may sell (all channels together): a percentage of total, and room counts per date range. Every stored night's limit is set again, each change with a 'policy' movement",
    tags: ['admin', 'inventory'],
    permissions: ['table:read', 'table:write'],
    params: HotelIdParams,
    body: OverbookingPolicyBody,
    responses: { 200: { description: 'The policy in force and how many nights changed.', body: OverbookingPolicyResponse } },
    errors: ['NOT_FOUND', 'STORAGE_CONTENTION'],
  }),
  adminListFindings: defineRoute({
    method: 'GET',
    path: '/api/admin/reconciliation',
    handler: 'admin/reconciliation/list-findings',
    auth: 'admin',
    summary:
      'What our records and the PMSs disagree on, newest first: missing or unknown PMS reservations, duplicates, oversold nights, hotel-side cancellations',
    tags: ['admin', 'reconciliation'],
    // Keyset cursors are sealed with the cursor key (Secrets Manager on AWS).
    permissions: ['table:read', 'cursor:secret'],
    query: FindingsQuery,
    responses: { 200: { description: 'One page of findings.', body: FindingsResponse } },
    errors: ['BAD_CURSOR'],
  }),
  adminResolveFinding: defineRoute({
    method: 'POST',
    path: '/api/admin/reconciliation/{findingId}/resolve',
    handler: 'admin/reconciliation/resolve-finding',
    auth: 'admin',
    summary: 'Close a finding with a note saying what was done; a finding found again later opens again',
    tags: ['admin', 'reconciliation'],
    permissions: ['table:read', 'table:write'],
    params: FindingParams,
    body: ResolveFindingBody,
    responses: { 200: { description: 'The resolved finding.', body: FindingResponse } },
    errors: ['NOT_FOUND'],
  }),
} satisfies Record<string, RouteDefinition>;
