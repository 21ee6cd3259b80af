import { defineRoute, type RouteDefinition } from '../route.ts';
import { FetchHotelDataBody, FetchHotelDataResponse, ListPmsConfigsResponse, PmsConfigParams, SaveListingBody, SaveListingResponse, UpdatePmsConfigBody, UpdatePmsConfigResponse } from '../schemas/pms-admin.schema.ts';
import { PmsConfigIdParams, PmsSyncResponse } from '../schemas/pms-sync.schema.ts';
import { WebhookHeaders, WebhookParams, WebhookQuery, WebhookResponse } from '../schemas/webhook.schema.ts';

/** The pms routes; `route-table.ts` merges every area's table into the one route table. */
export const pmsRoutes = {
  pmsWebhook: defineRoute({
    method: 'POST',
    path: '/api/webhooks/pms/{vendor}',
    handler: 'webhooks/receive-pms-webhook',
    // The signature (generic) or the URL token (Cloudbeds) is the authentication, checked on the raw body.
    auth: 'public',
    summary:
      'PMS webhook: generic (signed x-pms-signature) or cloudbeds (?token=). Stored once per event id and applied asynchronously: 202 when queued, 200 for a duplicate or an ignored event',
    tags: ['webhooks'],
    permissions: ['table:read', 'table:write', 'pms:credentials', 'webhooks:enqueue', 'webhooks:secret'],
    params: WebhookParams,
    query: WebhookQuery,
    headers: WebhookHeaders,
    responses: {
      202: { description: 'Stored and queued: it will be applied asynchronously.', body: WebhookResponse },
      200: { description: 'A duplicate of a stored event (nothing changed), or stored and ignored (unknown type, webhooks off).', body: WebhookResponse },
    },
    // The body is read raw (the signature covers its bytes): BAD_REQUEST for a missing, malformed or invalid event.
    errors: ['BAD_REQUEST', 'WEBHOOK_SIGNATURE_INVALID', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'WEBHOOK_QUEUE_UNAVAILABLE'],
  }),
  adminSyncPmsConfig: defineRoute({
    method: 'POST',
    path: '/api/admin/pms/configs/{id}/sync',
    handler: 'admin/sync-pms-config',
    auth: 'admin',
    summary: "Poll a PMS config now, whatever its interval, pause or circuit; a success lifts the pause. 200 with the poll's outcome, failed or not",
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
    params: PmsConfigIdParams,
    responses: { 200: { description: "The poll's outcome, failed or not.", body: PmsSyncResponse } },
    errors: ['NOT_FOUND'],
  }),
  adminPmsFetchHotelData: defineRoute({
    method: 'POST',
    path: '/api/admin/pms/fetch-hotel-data',
    handler: 'admin/pms-fetch-hotel-data',
    auth: 'admin',
    summary:
      "Read a hotel from its PMS (details, room types with photos, the next 30 days' inventory and prices) as the import form. Nothing is stored; the key is never returned",
    tags: ['admin'],
    // No table access beyond calling a PMS: rate-limit slots and the generic host allow-list.
    permissions: ['pms:egress'],
    body: FetchHotelDataBody,
    responses: { 200: { description: 'The import form, read from the PMS.', body: FetchHotelDataResponse } },
    errors: ['PMS_HOST_NOT_ALLOWED', 'PMS_AUTH_FAILED', 'PMS_NOT_FOUND', 'PMS_UNAVAILABLE', 'PMS_RATE_LIMITED'],
  }),
  adminPmsSaveListing: defineRoute({
    method: 'POST',
    path: '/api/admin/pms/listings',
    handler: 'admin/pms-save-listing',
    auth: 'admin',
    summary:
      'Save the (edited) import form: listing, PMS config (key encrypted), room types, media, rate plans and 30 days of inventory. Importing the same PMS hotel again updates it',
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish', 'webhooks:secret'],
    body: SaveListingBody,
    responses: { 201: { description: 'Saved: created, or updated for a PMS hotel imported before (created: false).', body: SaveListingResponse } },
    errors: ['IMPORT_CONFLICT', 'PMS_HOST_NOT_ALLOWED', 'PMS_AUTH_FAILED', 'PMS_NOT_FOUND', 'PMS_UNAVAILABLE', 'PMS_RATE_LIMITED', 'STORAGE_CONTENTION'],
  }),
  adminListPmsConfigs: defineRoute({
    method: 'GET',
    path: '/api/admin/pms/configs',
    handler: 'admin/list-pms-configs',
    auth: 'admin',
    summary: 'PMS configs with their sync health (webhooks, polling, last sync, failures, pause, circuit); never credentials',
    tags: ['admin'],
    permissions: ['table:read'],
    responses: { 200: { description: 'Every PMS config with its sync health.', body: ListPmsConfigsResponse } },
  }),
  adminUpdatePmsConfig: defineRoute({
    method: 'PATCH',
    path: '/api/admin/pms/configs/{id}',
    handler: 'admin/update-pms-config',
    auth: 'admin',
    summary:
      "Change a PMS config: webhooks, polling, activity, pause (false resumes), whether the PMS accepts overbooking (every stored night's limit is set again), or a new API key / base URL (checked on the PMS first)",
    tags: ['admin'],
    permissions: ['table:read', 'table:write', 'pms:credentials'],
    params: PmsConfigParams,
    body: UpdatePmsConfigBody,
    responses: { 200: { description: 'The config as changed.', body: UpdatePmsConfigResponse } },
    errors: ['NOT_FOUND', 'PMS_HOST_NOT_ALLOWED', 'PMS_AUTH_FAILED', 'PMS_NOT_FOUND', 'PMS_UNAVAILABLE', 'PMS_RATE_LIMITED'],
  }),
} satisfies Record<string, RouteDefinition>;
