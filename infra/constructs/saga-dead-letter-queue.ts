import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PermissionRegistry } from './permission-registry.ts';

/** The longest SQS keeps a message: ops have two weeks to act on a stuck saga. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface SagaDeadLetterQueueProps {
  /** Registers `dlq:send` on it. */
  access: PermissionRegistry;
}

/**
 * Where a checkout saga goes when a compensation failed: the `Escalate` task sends the saga's
 * state here and marks the booking NEEDS_ATTENTION. It is a dead-letter queue by purpose, written
 * directly rather than by an SQS redrive, and nothing consumes it: a person does, alerted by the
 * depth alarm (`alarms.ts`). Encrypted with SQS-managed keys, TLS only, messages kept 14 days.
 *
 * Functions declaring `dlq:send` get `sqs:SendMessage` (and the attribute reads the SDK's send
 * needs) on this queue alone, and `SAGA_DLQ_URL`. They must also declare `table:write`: each letter
 * is recorded in the table first (the console's list, issue 10), and the synth fails otherwise.
 */
export class SagaDeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SagaDeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    props.access.provide('dlq:send', (fn) => {
      // Every letter is recorded in the table before it is sent (RecordingDeadLetterQueue).
      if (!fn.permissions.includes('table:write')) {
        throw new Error(`functions/${fn.handlerName} declares dlq:send without table:write: a dead letter is recorded in the table before it is sent.`);
      }
      this.queue.grantSendMessages(fn);
      fn.addEnvironment('SAGA_DLQ_URL', this.queue.queueUrl);
    });
  }
}
