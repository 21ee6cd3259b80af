import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics.ts';

/**
 * The PMS metrics the alarms watch, as the code must emit them with Powertools (namespace
 * `HotelBooking`, default dimension `service` = `POWERTOOLS_SERVICE_NAME`, plus `Vendor`). A
 * metric emitted under another name or without exactly these dimensions is a different metric to
 * CloudWatch, and its alarm would stay silent; test/infra compares this list with the code.
 */
export const PMS_ALARM_METRICS = {
  /** The longest run of failed calls to one vendor, per call site: alarm at 5 (the breaker's threshold). */
  consecutiveFailures: { metricName: 'PmsConsecutiveFailures', statistic: cloudwatch.Stats.MAXIMUM, threshold: 5 },
  /** A config's circuit breaker opened (count). */
  circuitOpened: { metricName: 'PmsCircuitOpened', statistic: cloudwatch.Stats.SUM, threshold: 1 },
  /** A config's polling was paused after 5 failed polls in a row (count). */
  pollingPaused: { metricName: 'PmsPollingPaused', statistic: cloudwatch.Stats.SUM, threshold: 1 },
} as const;

/** The dimension the PMS metrics carry besides Powertools' `service`. */
export const PMS_VENDOR_DIMENSION = 'Vendor';

/** Every alarm looks at five-minute windows and fires on the first bad one. */
export const ALARM_PERIOD = Duration.minutes(5);

export interface OperationalAlarmsProps {
  /** In alarm names, so a notification says which deployment it concerns. */
  stage: string;
  /** `POWERTOOLS_SERVICE_NAME` of the functions: the `service` dimension of the PMS metrics. */
  serviceName: string;
  /** One set of PMS alarms per vendor. */
  vendors: readonly string[];
  sagaDeadLetterQueue: sqs.IQueue;
  /** The dead-letter queue of each consumer queue, keyed by queue id. */
  queueDeadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  stateMachine: sfn.IStateMachine;
  /** Executions that failed outside the saga's designed outcomes (`CheckoutSaga.unexpectedFailures`). */
  sagaUnexpectedFailures: cloudwatch.IMetric;
  /** The other sagas (cancellation, modification): a time-out and an unexpected-failure alarm each. */
  otherSagas?: readonly { id: string; stateMachine: sfn.IStateMachine; unexpectedFailures: cloudwatch.IMetric }[];
  /** Subscribed to the topic by e-mail when given (the address must confirm). */
  alarmEmail?: string;
}

/**
 * The alarms that mean "a person must look", all notifying one SNS topic (state changes to ALARM
 * and back to OK). Deliberately not an alarm on `ExecutionsFailed`: a declined card fails the
 * execution by design (`CheckoutFailed`), so that metric is noise. What is watched instead:
 * - the saga dead-letter queue (a compensation failed; booking NEEDS_ATTENTION) and every consumer
 *   queue's dead-letter queue (a message failed `maxReceiveCount` times): depth >= 1;
 * - state machine executions timed out, and executions that ended in an error the saga does not
 *   produce by design (e.g. the `Escalate` task itself failing): >= 1;
 * - per PMS vendor: 5 consecutive failures, a circuit opened, polling paused.
 * Missing data is not breaching: no messages and no PMS traffic are the normal state.
 *
 * The topic is encrypted with its own customer-managed key, because CloudWatch cannot publish to a
 * topic under the AWS-managed `aws/sns` key; the key and the topic policy let CloudWatch alarms of
 * this account, and only those, use them. Publishing requires TLS.
 */
export class OperationalAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  /** Keyed by a readable id (`SagaDeadLetters`, `PmsCircuitOpened-opera`, ...). */
  readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;

  private readonly alarmMap = new Map<string, cloudwatch.Alarm>();
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.stage = props.stage;
    this.alarms = this.alarmMap;
    this.topicKey = this.createTopicKey();
    this.topic = this.createTopic(props.alarmEmail);

    this.addAlarm('SagaDeadLetters', {
      metric: props.sagaDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      description:
        'A saga (checkout, cancellation or modification) could not compensate: its state is in the saga dead-letter queue and the booking is ' +
        'NEEDS_ATTENTION. Read the message, settle payment/PMS/hold by hand, then delete it.',
    });
    for (const [queueId, deadLetterQueue] of props.queueDeadLetterQueues) {
      this.addAlarm(`${queueId}DeadLetters`, {
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: ALARM_PERIOD,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        description: `Messages of queue ${queueId} failed every retry and are in its dead-letter queue. Fix the cause, then redrive them.`,
      });
    }
    this.addAlarm('SagaTimedOut', {
      metric: props.stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: 'A checkout saga execution timed out. Check its booking and the execution history.',
    });
    this.addAlarm('SagaUnexpectedFailures', {
      metric: props.sagaUnexpectedFailures,
      threshold: 1,
      description:
        'A checkout saga execution failed with an error other than CheckoutFailed/CheckoutNeedsAttention (e.g. the ' +
        'Escalate task failed, so nothing reached the dead-letter queue). Check the execution and its booking.',
    });

    for (const saga of props.otherSagas ?? []) {
      const name = `${saga.id[0]!.toUpperCase()}${saga.id.slice(1)}`;
      this.addAlarm(`${name}SagaTimedOut`, {
        metric: saga.stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        description: `A ${saga.id} saga execution timed out. Check its booking and the execution history.`,
      });
      this.addAlarm(`${name}SagaUnexpectedFailures`, {
        metric: saga.unexpectedFailures,
        threshold: 1,
        description: `A ${saga.id} saga execution failed outside its designed outcomes (e.g. its Escalate task failed). Check the execution and its booking.`,
      });
    }

    for (const vendor of props.vendors) {
      const pmsMetric = (spec: (typeof PMS_ALARM_METRICS)[keyof typeof PMS_ALARM_METRICS]) =>
        new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: spec.metricName,
          dimensionsMap: { service: props.serviceName, [PMS_VENDOR_DIMENSION]: vendor },
          statistic: spec.statistic,
          period: ALARM_PERIOD,
        });
      const { consecutiveFailures, circuitOpened, pollingPaused } = PMS_ALARM_METRICS;
      this.addAlarm(`${consecutiveFailures.metricName}-${vendor}`, {
        metric: pmsMetric(consecutiveFailures),
        threshold: consecutiveFailures.threshold,
        description: `${vendor}: ${consecutiveFailures.threshold} or more PMS calls failed in a row.`,
      });
      this.addAlarm(`${circuitOpened.metricName}-${vendor}`, {
        metric: pmsMetric(circuitOpened),
        threshold: circuitOpened.threshold,
        description: `${vendor}: a PMS circuit breaker opened; reads serve stale inventory until it closes.`,
      });
      this.addAlarm(`${pollingPaused.metricName}-${vendor}`, {
        metric: pmsMetric(pollingPaused),
        threshold: pollingPaused.threshold,
        description: `${vendor}: polling of a PMS config was paused after repeated failures. Fix it, then resume it (PATCH /api/admin/pms/configs/{id}).`,
      });
    }
  }

  private addAlarm(id: string, spec: { metric: cloudwatch.IMetric; threshold: number; description: string }): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `HotelBooking-${this.stage}-${id}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarmMap.set(id, alarm);
  }

  private createTopicKey(): kms.Key {
    const key = new kms.Key(this, 'TopicKey', {
      description: `Hotel booking (${this.stage}): encrypts the alarm notification topic`,
      enableKeyRotation: true,
      // Holds nothing at rest beyond messages in flight: no reason to keep it after the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    return key;
  }

  private createTopic(alarmEmail: string | undefined): sns.Topic {
    const topic = new sns.Topic(this, 'Topic', {
      displayName: `Hotel booking (${this.stage}) alarms`,
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one, so CloudWatch's right to publish is stated here.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: {
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    return topic;
  }
}
