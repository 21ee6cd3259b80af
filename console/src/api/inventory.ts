import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { Finding, FindingListQuery, InventoryNight, Movement, NightEdit, OverbookingPolicyInput, OverbookingPolicyResult } from './types.ts';

/**
 * Inventory truth for admins (`shared/http/routes/inventory-admin.routes.ts`): a night's movement
 * ledger, the reconciliation findings, and a hotel's overbooking policy.
 */
export interface FindingPage {
  findings: Finding[];
  nextCursor?: string;
}

export function inventoryApi(client: ApiClient) {
  return {
    /** One night's movements, newest first (at most `limit`, 500 at most). */
    async movements(hotelId: string, roomTypeId: string, date: string, limit = 100, signal?: AbortSignal): Promise<Movement[]> {
      const path = `/admin/inventory/${segment(hotelId)}/${segment(roomTypeId)}/${segment(date)}/movements`;
      return (await client.get<DataEnvelope<Movement[]>>(path, { limit }, signal)).data;
    },

    /** One night's rooms (a room type no PMS manages) and the hotel's own restrictions, with the reason. */
    async editNight(hotelId: string, roomTypeId: string, date: string, edit: NightEdit): Promise<InventoryNight> {
      const path = `/admin/inventory/${segment(hotelId)}/${segment(roomTypeId)}/${segment(date)}`;
      return (await client.request<DataEnvelope<InventoryNight>>(path, { method: 'PATCH', body: edit })).data;
    },

    async findings(query: FindingListQuery = {}, signal?: AbortSignal): Promise<FindingPage> {
      const body = await client.get<{ data: Finding[]; nextCursor?: string }>('/admin/reconciliation', { ...query }, signal);
      return { findings: body.data, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
    },

    /** Closes a finding with the note saying what was done; a finding seen again later reopens. */
    async resolveFinding(findingId: string, note: string): Promise<Finding> {
      return (await client.request<DataEnvelope<Finding>>(`/admin/reconciliation/${segment(findingId)}/resolve`, { method: 'POST', body: { note } })).data;
    },

    /** Idempotent (a PUT): sets every stored night's sell limit again. */
    async setOverbookingPolicy(hotelId: string, policy: OverbookingPolicyInput): Promise<OverbookingPolicyResult> {
      return (await client.request<DataEnvelope<OverbookingPolicyResult>>(`/admin/hotels/${segment(hotelId)}/overbooking-policy`, { method: 'PUT', body: policy })).data;
    },
  };
}

export type InventoryApi = ReturnType<typeof inventoryApi>;
