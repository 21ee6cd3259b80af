import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { FetchHotelDataInput, HotelImportForm, PmsConfig, PmsConfigPatch, PmsSyncSummary, SavedListing, SaveListingInput } from './types.ts';

/**
 * PMS administration (`shared/http/routes/pms.routes.ts`): the import (fetch the form, save the
 * listing) and the configs (list, change, sync now). Reconcile and webhook events arrive with
 * issue 7 (`planned.ts`). No call here ever receives a credential back.
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

    /** Idempotent (a PATCH of settings): resume is `{paused: false}`. */
    async updateConfig(configId: string, patch: PmsConfigPatch): Promise<PmsConfig> {
      return (await client.request<DataEnvelope<PmsConfig>>(`/admin/pms/configs/${segment(configId)}`, { method: 'PATCH', body: patch })).data;
    },

    async syncNow(configId: string): Promise<PmsSyncSummary> {
      return (await client.request<DataEnvelope<PmsSyncSummary>>(`/admin/pms/configs/${segment(configId)}/sync`, { method: 'POST' })).data;
    },
  };
}

export type PmsApi = ReturnType<typeof pmsApi>;
