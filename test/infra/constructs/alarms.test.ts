import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PMS_ALARM_METRICS, PMS_VENDOR_DIMENSION } from '../../../infra/constructs/alarms.ts';
import { SAGA_UNEXPECTED_FAILURE_METRIC } from '../../../infra/constructs/checkout-saga.ts';
import { SERVICE_NAME } from '../../../infra/stacks/api-stack.ts';
import { PMS_VENDORS } from '../../../shared/domain/pms.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { METRICS_NAMESPACE } from '../../../shared/observability/metrics.ts';
import { PMS_METRIC, PMS_METRIC_VENDOR_DIMENSION } from '../../../shared/use-cases/pms/polling/pms-sync-metrics.ts';
import { buildTestApp, crossStackValue, templateOf, type TestApp } from '../build-test-app.ts';

type Resource = { Type: string; Properties: Record<string, any> };

describe('OperationalAlarms', () => {
  let built: TestApp;
  let resources: Record<string, Resource>;
  let topicId: string;
  const alarm = (id: string) => {
    const construct = built.api.alarms.alarms.get(id);
    if (!construct) throw new Error(`no alarm ${id}`);
    return resources[built.api.getLogicalId(construct.node.defaultChild as CfnAlarm)]!.Properties;
  };

  beforeAll(() => {
    built = buildTestApp({ routes: [routes.health], schedules: [], queues: [], config: { stage: 'qa', alarmEmail: 'ops@example.com' } });
    resources = Template.fromStack(built.api).toJSON().Resources;
    topicId = built.api.getLogicalId(built.api.alarms.topic.node.defaultChild as CfnTopic);
  });

  it('notifies one topic, encrypted with a rotated key CloudWatch may use, TLS only, with the e-mail subscribed', () => {
    // prepare
    const keyId = built.api.getLogicalId(built.api.alarms.topicKey.node.defaultChild as CfnKey);
    const topicPolicy = Object.values(resources).find((r) => r.Type === 'AWS::SNS::TopicPolicy')!;

    // act
    const topic = resources[topicId]!.Properties;

    // assess
    expect(topic.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(resources[keyId]!.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    expect(topicPolicy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
      ]),
    );
    expect(Object.values(resources)).toContainEqual(
      expect.objectContaining({
        Type: 'AWS::SNS::Subscription',
        Properties: expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@example.com' }),
      }),
    );
  });

  it('sends every alarm, and its return to OK, to the topic', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');

    expect(alarms.length).toBe(built.api.alarms.alarms.size);
    for (const { Properties: props } of alarms) {
      expect(props.AlarmActions, props.AlarmName).toEqual([{ Ref: topicId }]);
      expect(props.OKActions, props.AlarmName).toEqual([{ Ref: topicId }]);
      expect(props.TreatMissingData, props.AlarmName).toBe('notBreaching');
      expect(props.AlarmName, props.AlarmName).toMatch(/^HotelBooking-qa-/);
    }
  });

  it('fires on one message in the saga dead-letter queue', () => {
    const queueId = built.api.getLogicalId(built.api.sagaDeadLetterQueue.queue.node.defaultChild as CfnQueue);

    expect(alarm('SagaDeadLetters')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fires on a timed-out saga, and not on ExecutionsFailed, which declined cards produce by design', () => {
    const machine = built.api.checkoutSaga.stateMachine;
    const stateMachineId = Stack.of(machine).getLogicalId(machine.node.defaultChild as CfnStateMachine);
    const metrics = Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.MetricName);
    const timedOut = alarm('SagaTimedOut');

    expect(timedOut).toMatchObject({ Namespace: 'AWS/States', MetricName: 'ExecutionsTimedOut', Statistic: 'Sum', Threshold: 1 });
    expect(timedOut.Dimensions).toHaveLength(1);
    expect(timedOut.Dimensions[0].Name).toBe('StateMachineArn');
    // The state machine is in the sagas' nested stack: the alarm names it through that stack's output.
    expect(crossStackValue(built.api, built.api, timedOut.Dimensions[0].Value)).toEqual({ Ref: stateMachineId });
    expect(metrics).not.toContain('ExecutionsFailed');
  });

  it('counts executions that failed outside the designed outcomes from the saga log, and fires on one', () => {
    const machine = built.api.checkoutSaga.stateMachine;
    const sagaResources = templateOf(Stack.of(machine)).toJSON().Resources as Record<string, Resource>;
    const filter = Object.values(sagaResources).find(
      (r) => r.Type === 'AWS::Logs::MetricFilter' && JSON.stringify(r.Properties.FilterPattern).includes('CheckoutFailed'),
    )!.Properties;

    expect(filter.FilterPattern).toBe(
      '{ ($.type = "ExecutionFailed") && ($.details.error != "CheckoutFailed") && ($.details.error != "CheckoutNeedsAttention") }',
    );
    expect(filter.MetricTransformations).toEqual([
      { MetricNamespace: METRICS_NAMESPACE, MetricName: SAGA_UNEXPECTED_FAILURE_METRIC, MetricValue: '1' },
    ]);
    expect(alarm('SagaUnexpectedFailures')).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: SAGA_UNEXPECTED_FAILURE_METRIC,
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it('watches each PMS metric for each vendor, split by service and vendor as Powertools emits them', () => {
    for (const vendor of PMS_VENDORS) {
      for (const spec of Object.values(PMS_ALARM_METRICS)) {
        expect(alarm(`${spec.metricName}-${vendor}`), `${spec.metricName} ${vendor}`).toMatchObject({
          Namespace: METRICS_NAMESPACE,
          MetricName: spec.metricName,
          Dimensions: expect.arrayContaining([
            { Name: 'service', Value: SERVICE_NAME },
            { Name: PMS_VENDOR_DIMENSION, Value: vendor },
          ]),
          Statistic: spec.statistic,
          Threshold: spec.threshold,
        });
      }
    }
    expect(alarm('PmsConsecutiveFailures-opera')).toMatchObject({ Statistic: 'Maximum', Threshold: 5 });
  });

  it('uses the metric names and the vendor dimension the PMS code emits', () => {
    const emitted: string[] = Object.values(PMS_METRIC);

    for (const spec of Object.values(PMS_ALARM_METRICS)) expect(emitted).toContain(spec.metricName);
    expect(PMS_VENDOR_DIMENSION).toBe(PMS_METRIC_VENDOR_DIMENSION);
  });
});
