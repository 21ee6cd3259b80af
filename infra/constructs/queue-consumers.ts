import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Permission } from '../../shared/http/route.ts';
import type { QueueDefinition } from '../../shared/queues/queue-table.ts';
import { constructIdOf, functionDefaultsOf, HandlerFunction, type FunctionDefaults } from './handler-function.ts';
import type { TablePermission } from './permission-registry.ts';
import { DEAD_LETTER_RETENTION } from './saga-dead-letter-queue.ts';

/**
 * A consumer is not behind API Gateway; half a minute covers a PMS re-fetch (8 s timeout, retried)
 * and the DynamoDB writes. Lambda refuses a mapping whose queue hides a message for less time than
 * the function may run, so each queue's `visibilityTimeoutSeconds` must be at least this.
 */
export const QUEUE_CONSUMER_TIMEOUT = Duration.seconds(30);

/** SQS's own maximum for a batch from a standard queue without a batching window. */
export const QUEUE_BATCH_SIZE = 10;

export interface QueueConsumersProps extends FunctionDefaults {
  queues: readonly QueueDefinition[];
}

export interface QueueConsumer {
  definition: QueueDefinition;
  queue: sqs.Queue;
  deadLetterQueue: sqs.Queue;
  function: HandlerFunction;
}

/**
 * One SQS queue, its dead-letter queue and a Lambda consumer per entry of the queue table. The
 * consumer reads batches of 10 and reports failed messages by id (`batchItemFailures`), so one bad
 * message is retried alone; after `maxReceiveCount` receives it moves to the dead-letter queue,
 * which has an alarm (`alarms.ts`). Both queues use SQS-managed encryption and refuse plain HTTP.
 *
 * Each entry's `sendPermission` is registered before any consumer is created, so producers
 * (routes, jobs, other consumers) declaring it get `sqs:SendMessage` on that queue alone and the
 * queue URL in the entry's `urlVariable`.
 */
export class QueueConsumers extends Construct {
  /** Keyed by the queue's `id`. */
  readonly consumers: ReadonlyMap<string, QueueConsumer>;

  constructor(scope: Construct, id: string, props: QueueConsumersProps) {
    super(scope, id);
    const queues = new Map<string, { definition: QueueDefinition; queue: sqs.Queue; deadLetterQueue: sqs.Queue }>();
    for (const definition of props.queues) {
      checkQueueDefinition(definition);
      if (queues.has(definition.id)) throw new Error(`Queue ${definition.id} is defined twice.`);
      const constructId = constructIdOf(definition.id);
      const deadLetterQueue = new sqs.Queue(this, `${constructId}DeadLetterQueue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
      });
      const queue = new sqs.Queue(this, `${constructId}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      props.access.provide(definition.sendPermission as Exclude<Permission, TablePermission>, (fn) => {
        queue.grantSendMessages(fn);
        fn.addEnvironment(definition.urlVariable, queue.queueUrl);
      });
      queues.set(definition.id, { definition, queue, deadLetterQueue });
    }

    const consumers = new Map<string, QueueConsumer>();
    for (const [queueId, entry] of queues) {
      const fn = new HandlerFunction(this, `${constructIdOf(queueId)}Consumer`, {
        ...functionDefaultsOf(props),
        handler: entry.definition.handler,
        permissions: entry.definition.permissions,
        description: `Consumer of queue ${queueId}: ${entry.definition.description}`.slice(0, 256),
        timeout: QUEUE_CONSUMER_TIMEOUT,
      });
      fn.addEventSource(new SqsEventSource(entry.queue, { batchSize: QUEUE_BATCH_SIZE, reportBatchItemFailures: true }));
      consumers.set(queueId, { ...entry, function: fn });
    }
    this.consumers = consumers;
  }
}

/** What CDK or Lambda would only refuse at deploy time, refused at synth with the entry's id. */
function checkQueueDefinition(definition: QueueDefinition): void {
  const problems: string[] = [];
  if (definition.sendPermission.startsWith('table:')) problems.push('sendPermission cannot be a table permission');
  if (!/^[A-Z_][A-Z0-9_]*$/.test(definition.urlVariable)) problems.push('urlVariable must be an UPPER_SNAKE_CASE name');
  if (!Number.isInteger(definition.maxReceiveCount) || definition.maxReceiveCount < 1 || definition.maxReceiveCount > 1000) {
    problems.push('maxReceiveCount must be a whole number from 1 to 1000');
  }
  const visibility = definition.visibilityTimeoutSeconds;
  if (!Number.isInteger(visibility) || visibility < QUEUE_CONSUMER_TIMEOUT.toSeconds() || visibility > 43_200) {
    problems.push(
      `visibilityTimeoutSeconds must be a whole number from the consumer timeout (${QUEUE_CONSUMER_TIMEOUT.toSeconds()} s) ` +
        'to 43200; AWS recommends six times the function timeout',
    );
  }
  if (problems.length > 0) throw new Error(`Queue ${definition.id}: ${problems.join('; ')}`);
}
