import type { FindingStatus, ReconciliationFinding } from '../../../shared/domain/reconciliation.ts';
import type { FindingPage, FindingRepository } from '../../../shared/ports/finding.repository.ts';
import type { PagePosition } from '../../../shared/ports/pagination.ts';

/**
 * Findings in memory, with the DynamoDB adapter's rules: one finding per id; recording an open one
 * again refreshes it (`opened: false`), a resolved one found again is opened again; lists are
 * newest (last seen) first; `resolve` closes an open finding once.
 */
export class FakeFindingRepository implements FindingRepository {
  private readonly findings = new Map<string, ReconciliationFinding>();

  async record(finding: ReconciliationFinding): Promise<{ opened: boolean }> {
    const existing = this.findings.get(finding.findingId);
    if (existing?.status === 'open') {
      this.findings.set(finding.findingId, { ...existing, detail: finding.detail, lastSeenAt: finding.lastSeenAt, ...(finding.action ? { action: finding.action } : {}) });
      return { opened: false };
    }
    const { resolvedAt: _r, resolution: _s, ...rest } = structuredClone(finding);
    this.findings.set(finding.findingId, { ...rest, status: 'open', firstSeenAt: existing ? finding.lastSeenAt : finding.firstSeenAt });
    return { opened: true };
  }

  async get(findingId: string): Promise<ReconciliationFinding | undefined> {
    const finding = this.findings.get(findingId);
    return finding ? structuredClone(finding) : undefined;
  }

  async list(query: { status: FindingStatus; hotelId?: string; limit: number; after?: PagePosition }): Promise<FindingPage> {
    const all = [...this.findings.values()]
      .filter((f) => f.status === query.status && (!query.hotelId || f.hotelId === query.hotelId))
      .sort((a, b) => `${b.lastSeenAt}#${b.findingId}`.localeCompare(`${a.lastSeenAt}#${a.findingId}`));
    const start = query.after ? Number(query.after.offset) : 0;
    const items = all.slice(start, start + query.limit).map((f) => structuredClone(f));
    return { items, ...(start + query.limit < all.length ? { next: { offset: start + query.limit } } : {}) };
  }

  async resolve(findingId: string, resolution: string, now: Date): Promise<ReconciliationFinding | undefined> {
    const finding = this.findings.get(findingId);
    if (!finding || finding.status !== 'open') return undefined;
    const resolved: ReconciliationFinding = { ...finding, status: 'resolved', resolvedAt: now.toISOString(), resolution };
    this.findings.set(findingId, resolved);
    return structuredClone(resolved);
  }
}
