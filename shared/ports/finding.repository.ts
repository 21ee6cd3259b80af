import type { FindingStatus, ReconciliationFinding } from '#domain/reconciliation.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

export type FindingPage = KeysetPage<ReconciliationFinding>;

/** The admin's inbox of disagreements between us and the PMSs. */
export interface FindingRepository {
  /**
   * Stores a finding, or refreshes `lastSeenAt`, `detail` and `action` of the open one with the
   * same id. A resolved finding found again is opened again. Returns whether it is new (or reopened).
   */
  record(finding: ReconciliationFinding): Promise<{ opened: boolean }>;
  get(findingId: string): Promise<ReconciliationFinding | undefined>;
  /** Newest first. */
  list(query: { status: FindingStatus; hotelId?: string; limit: number; after?: PagePosition }): Promise<FindingPage>;
  /** Closes an open finding with what was done; `undefined` when it is not open. */
  resolve(findingId: string, resolution: string, now: Date): Promise<ReconciliationFinding | undefined>;
}
