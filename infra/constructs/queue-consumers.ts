import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Permission } from '../../shared/http/route.ts';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/eventbridge-publisher.ts';
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
  /** The product's bus; required when a definition subscribes to `events`. */
  eventBus?: events.IEventBus;
}

export interface QueueConsumer {
  definition: QueueDefinition;
  queue: sqs.Queue;
  deadLetterQueue: sqs.Queue;
  function: HandlerFunction;
  /** The bus rule feeding the queue, for definitions with `events`. */
  rule?: events.Rule;
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
      if (definition.sendPermission && definition.urlVariable) {
        const urlVariable = definition.urlVariable;
        props.access.provide(definition.sendPermission as Exclude<Permission, TablePermission>, (fn) => {
          queue.grantSendMessages(fn);
          fn.addEnvironment(urlVariable, queue.queueUrl);
        });
      }
      const rule = definition.events ? this.subscribe(constructId, definition, queue, deadLetterQueue, props.eventBus) : undefined;
      queues.set(definition.id, { definition, queue, deadLetterQueue, ...(rule ? { rule } : {}) });
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

  /**
   * A rule on the product's bus that sends the definition's detail-types (from our own source only)
   * to the queue, the whole event as the message body. EventBridge retries a failed delivery for up
   * to a day, then puts the event in the queue's dead-letter queue, which is alarmed like the rest.
   */
  private subscribe(constructId: string, definition: QueueDefinition, queue: sqs.Queue, deadLetterQueue: sqs.Queue, bus: events.IEventBus | undefined): events.Rule {
    if (!bus) throw new Error(`Queue ${definition.id} subscribes to events, but no event bus was given.`);
    return new events.Rule(this, `${constructId}Rule`, {
      eventBus: bus,
      description: `Feeds queue ${definition.id}: ${definition.events!.join(', ')}`.slice(0, 512),
      eventPattern: { source: [EVENT_SOURCE], detailType: [...definition.events!] },
      targets: [new targets.SqsQueue(queue, { deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
  }
}

/** What CDK or Lambda would only refuse at deploy time, refused at synth with the entry's id. */
function checkQueueDefinition(definition: QueueDefinition): void {
  const problems: string[] = [];
  if (definition.sendPermission?.startsWith('table:')) problems.push('sendPermission cannot be a table permission');
  if ((definition.sendPermission === undefined) !== (definition.urlVariable === undefined)) problems.push('sendPermission and urlVariable go together');
  if (definition.urlVariable !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(definition.urlVariable)) problems.push('urlVariable must be an UPPER_SNAKE_CASE name');
  if (!definition.sendPermission && !definition.events?.length) problems.push('a queue needs producers (sendPermission) or events to subscribe to');
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
