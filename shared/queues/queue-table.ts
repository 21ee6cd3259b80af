import type { Permission } from '#http/route.ts';

/**
 * Every SQS queue with a Lambda consumer. CDK creates the queue, its dead-letter queue (after
 * `maxReceiveCount` failed deliveries) and the event source mapping (`infra/`); the local stack
 * creates the same queue in its emulator and delivers each message to the same handler
 * (`local/aws/queue.emulator.ts`). Adding a consumer here is the only way to add one.
 */
export interface QueueDefinition {
  /** Stable id; also the CDK construct id and the local queue name. */
  id: string;
  /** Entry file under `functions/`, without extension: receives an `SQSEvent`. */
  handler: string;
  /** The environment variable through which producers learn the queue URL. */
  urlVariable: string;
  /** The permission producers declare to send to this queue. */
  sendPermission: Permission;
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
];
