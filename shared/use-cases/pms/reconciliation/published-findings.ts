import type { ReconciliationFinding } from '#domain/reconciliation.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import { logger } from '#observability/logger.ts';

/** Published once per finding that is new or opened again, for whoever handles them (a ticket, a page). */
export const FINDING_EVENT = 'reconciliation.finding';

/**
 * The findings repository, publishing `reconciliation.finding` for every finding `record` opens
 * (new, or found again after it was resolved); a finding seen again while open is only refreshed
 * and publishes nothing. The finding is stored first, so a lost event never loses a finding: the
 * admin's list is the source of truth, the event a notification. `opened` keeps what this instance
 * opened, for a run's summary.
 */
export function publishingFindings(
  findings: Pick<FindingRepository, 'record'>,
  events: EventPublisher,
): Pick<FindingRepository, 'record'> & { readonly opened: ReconciliationFinding[] } {
  const opened: ReconciliationFinding[] = [];
  return {
    opened,
    async record(finding) {
      const result = await findings.record(finding);
      if (!result.opened) return result;
      opened.push(finding);
      try {
        await events.publish([{ type: FINDING_EVENT, detail: findingEventDetail(finding) }]);
      } catch (error) {
        logger.error('Could not publish reconciliation.finding', { findingId: finding.findingId, error: error as Error });
      }
      return result;
    },
  };
}

/** The finding as the event carries it: everything an admin tool needs to link to it. */
export function findingEventDetail(finding: ReconciliationFinding): Record<string, unknown> {
  return {
    eventId: `${finding.findingId}@${finding.lastSeenAt}`,
    findingId: finding.findingId,
    type: finding.type,
    hotelId: finding.hotelId,
    ...(finding.configId ? { configId: finding.configId } : {}),
    ...(finding.bookingId ? { bookingId: finding.bookingId } : {}),
    ...(finding.pmsReservationId ? { pmsReservationId: finding.pmsReservationId } : {}),
    ...(finding.roomTypeId ? { roomTypeId: finding.roomTypeId } : {}),
    ...(finding.date ? { date: finding.date } : {}),
    detail: finding.detail,
    ...(finding.action ? { action: finding.action } : {}),
    source: finding.source,
    at: finding.lastSeenAt,
  };
}
