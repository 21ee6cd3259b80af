import type { Permission } from '#http/route.ts';
import { GUEST_MAIL_EVENT_TYPES, ROOM_RELEASE_EVENT_TYPES } from '#domain/notification.ts';

/**
 * Every SQS queue with a Lambda consumer. CDK creates the queue, its dead-letter queue (after
 * `maxReceiveCount` failed deliveries) and the event source mapping (`infra/`); the local stack
 * creates the same queue in its emulator and delivers each message to the same handler
 * (`local/aws/queue.emulator.ts`). Adding a consumer here is the only way to add one.
 *
 * A queue is fed either by producers that send to it (`sendPermission`, `urlVariable`) or by the
 * product's event bus (`events`: a rule on the bus sends every event of those detail-types, the
 * whole EventBridge envelope as the message body), or both.
 */
export interface QueueDefinition {
  /** Stable id; also the CDK construct id and the local queue name. */
  id: string;
  /** Entry file under `functions/`, without extension: receives an `SQSEvent`. */
  handler: string;
  /** The environment variable through which producers learn the queue URL (queues with producers). */
  urlVariable?: string;
  /** The permission producers declare to send to this queue (queues with producers). */
  sendPermission?: Permission;
  /** Detail-types of the product's bus (source `hotel-booking`) that a rule delivers to this queue. */
  events?: readonly string[];
  maxReceiveCount: number;
  /** Seconds a message stays invisible while its consumer runs; above the function timeout. */
  visibilityTimeoutSeconds: number;
  permissions: readonly Permission[];
  description: string;
}

export const queues: QueueDefinition[] = [
  {
    id: 'PmsWebhookEvents',
    handler: 'webhooks/process-pms-webhook',
    urlVariable: 'PMS_WEBHOOK_QUEUE_URL',
    sendPermission: 'webhooks:enqueue',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
    description:
      'Applies stored PMS webhook events to the inventory (Cloudbeds ones re-fetch through the API); returns batchItemFailures, so its event source mapping needs ReportBatchItemFailures',
  },
  {
    id: 'GuestMail',
    handler: 'notifications/send-guest-mail',
    events: GUEST_MAIL_EVENT_TYPES,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    permissions: ['table:read', 'table:write', 'mail:send'],
    description:
      'Mails the guest about each booking event (confirmation, change, cancellation, refund, room, reminder, hotel closing) in ko/en/ja, once per event id; failed sends are retried, then dead-lettered',
  },
  {
    id: 'HotelDeactivations',
    handler: 'notifications/fan-out-hotel-deactivation',
    events: ['hotel.deactivated'],
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    permissions: ['table:read', 'events:publish'],
    description: 'For a deactivated hotel, publishes booking.hotel_deactivated for each of its confirmed future bookings, so each guest is mailed once',
  },
  {
    id: 'RoomReleases',
    handler: 'rooms/release-booking-rooms',
    events: ROOM_RELEASE_EVENT_TYPES,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    permissions: ['table:read', 'table:write'],
    description: 'Gives back the room nights of cancelled, no-show, checked-out or modified stays (the job assigns modified ones again)',
  },
];
