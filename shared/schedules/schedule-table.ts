import type { Permission } from '#http/route.ts';

/**
 * Every scheduled job. CDK turns each entry into an EventBridge rule that invokes the entry's
 * Lambda (`infra/stacks/api-stack.ts`); the local stack fires the same handler on a timer with an
 * EventBridge "Scheduled Event" payload (`local/aws/scheduler.ts`). Adding a job here is the only way
 * to add one.
 */
export interface ScheduleDefinition {
  /** Stable id; also the CDK construct id. */
  id: string;
  /** Entry file under `functions/`, without extension, exporting `handler`. */
  handler: string;
  /** How often it runs, in whole minutes (EventBridge's `rate(n minutes)`). */
  everyMinutes: number;
  description: string;
  permissions: readonly Permission[];
}

export const schedules: ScheduleDefinition[] = [
  {
    id: 'ReleaseExpiredHolds',
    handler: 'jobs/release-expired-holds',
    everyMinutes: 1,
    description: 'Gives back rooms of checkout holds that expired without becoming bookings',
    permissions: ['table:read', 'table:write'],
  },
  {
    id: 'RecoverStaleBookings',
    handler: 'jobs/recover-stale-bookings',
    everyMinutes: 1,
    description: 'Brings bookings left PENDING by their saga (died, timed out, never started) to a terminal state through recovery executions',
    permissions: ['table:read', 'table:write', 'saga:start', 'saga:recover', 'dlq:send'],
  },
  {
    id: 'EnqueueStoredWebhooks',
    handler: 'jobs/enqueue-stored-webhooks',
    everyMinutes: 1,
    description: 'The webhook outbox: queues PMS webhook events stored but never queued (a crash or a queue outage between store and enqueue)',
    permissions: ['table:read', 'table:write', 'webhooks:enqueue'],
  },
  {
    id: 'PollPmsConfigs',
    handler: 'jobs/poll-pms',
    everyMinutes: 1,
    description: 'Polls each active PMS config whose interval has passed, behind its circuit breaker; pauses a config after 5 failed polls',
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
  },
  {
    id: 'MarkNoShows',
    handler: 'jobs/mark-no-shows',
    everyMinutes: 15,
    description: "Marks CONFIRMED bookings past their hotel's no-show cut-off on the arrival day as no-shows (cancellation saga: nights back, refund per the terms)",
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
  },
  {
    id: 'RefundsOwed',
    handler: 'jobs/refund-owed',
    everyMinutes: 5,
    description: 'Refunds what hotel-side cancellations and PMS-reported no-shows left owed (open HOTEL_CANCELLED and REFUND_DUE findings), then resolves the finding',
    permissions: ['table:read', 'table:write', 'cancellation-saga:start'],
  },
  {
    id: 'AssignRooms',
    handler: 'jobs/assign-rooms',
    everyMinutes: 15,
    description:
      'Assigns physical rooms to the arrivals of the next 24 hours (VIPs first, special requests honoured, PMS room numbers win); an arrival no room can take becomes a ROOM_UNASSIGNED finding',
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
  },
  {
    id: 'ArrivalReminders',
    handler: 'jobs/arrival-reminders',
    everyMinutes: 60,
    description: 'Publishes booking.arrival_reminder once for each confirmed booking arriving within 48 hours (the guest-mail consumer mails it)',
    permissions: ['table:read', 'table:write', 'events:publish'],
  },
  {
    id: 'ReconcilePmsConfigs',
    handler: 'jobs/reconcile-pms',
    // Hourly, so a run that failed is tried again within the hour; each config is reconciled daily.
    everyMinutes: 60,
    description:
      "Once a day per active PMS config (behind its circuit breaker): compares our bookings with the PMS's reservations, cancels strays with our id, records and publishes findings",
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
  },
];
