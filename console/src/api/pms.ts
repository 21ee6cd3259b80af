import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type {
  FetchHotelDataInput,
  HotelImportForm,
  PmsConfig,
  PmsConfigPatch,
  PmsSyncSummary,
  ReconciliationSummary,
  SavedListing,
  SaveListingInput,
  WebhookEvent,
} from './types.ts';

/**
 * PMS administration (`shared/http/routes/pms.routes.ts`): the import (fetch the form, save the
 * listing) and the configs (list, change, sync now). Reconcile and webhook events (issue 7) are
 * reached through `<RouteGate>`. No call here ever receives a credential back.
 */
export function pmsApi(client: ApiClient) {
  return {
    async fetchHotelData(input: FetchHotelDataInput, signal?: AbortSignal): Promise<HotelImportForm> {
      return (await client.request<DataEnvelope<HotelImportForm>>('/admin/pms/fetch-hotel-data', { method: 'POST', body: input, ...(signal ? { signal } : {}) })).data;
    },

    async saveListing(input: SaveListingInput): Promise<SavedListing> {
      return (await client.request<DataEnvelope<SavedListing>>('/admin/pms/listings', { method: 'POST', body: input })).data;
    },

    async listConfigs(signal?: AbortSignal): Promise<PmsConfig[]> {
      return (await client.get<DataEnvelope<PmsConfig[]>>('/admin/pms/configs', undefined, signal)).data;
    },

    /**
     * Idempotent (a PATCH of settings): resume is `{paused: false}`. A change of
     * `acceptsOverbooking` also says how many nights' sell limits changed.
     */
    async updateConfig(configId: string, patch: PmsConfigPatch): Promise<PmsConfig & { nightsChanged?: number }> {
      return (await client.request<DataEnvelope<PmsConfig & { nightsChanged?: number }>>(`/admin/pms/configs/${segment(configId)}`, { method: 'PATCH', body: patch })).data;
    },

    async syncNow(configId: string): Promise<PmsSyncSummary> {
      return (await client.request<DataEnvelope<PmsSyncSummary>>(`/admin/pms/configs/${segment(configId)}/sync`, { method: 'POST' })).data;
    },

    /** Compares our bookings with the PMS's reservations now; a failed run is still a 200 report. */
    async reconcile(configId: string): Promise<ReconciliationSummary> {
      return (await client.request<DataEnvelope<ReconciliationSummary>>(`/admin/pms/configs/${segment(configId)}/reconcile`, { method: 'POST' })).data;
    },

    /** FAILED webhook events, newest failure first. */
    async webhookEvents(query: { limit?: number; cursor?: string } = {}, signal?: AbortSignal): Promise<{ events: WebhookEvent[]; nextCursor?: string }> {
      const body = await client.get<{ data: WebhookEvent[]; nextCursor?: string }>('/admin/pms/webhook-events', { status: 'FAILED', ...query }, signal);
      return { events: body.data, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
    },

    /** Sends a FAILED event back to the processor; idempotent (an event already processed is left alone). */
    async retryWebhookEvent(vendor: string, eventId: string): Promise<{ event: WebhookEvent; requeued: boolean }> {
      // The id is one path segment even when it contains "/" (Cloudbeds').
      const path = `/admin/pms/webhook-events/${segment(vendor)}/${segment(eventId)}/retry`;
      return (await client.request<DataEnvelope<{ event: WebhookEvent; requeued: boolean }>>(path, { method: 'POST' })).data;
    },
  };
}

export type PmsApi = ReturnType<typeof pmsApi>;
