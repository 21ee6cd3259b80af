import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandlerFunction, type FunctionDefaults } from '../../../infra/constructs/handler-function.ts';
import { PermissionRegistry } from '../../../infra/constructs/permission-registry.ts';
import { QueueConsumers } from '../../../infra/constructs/queue-consumers.ts';
import type { RouteDefinition } from '../../../shared/http/route.ts';
import { routes } from '../../../shared/http/route-table.ts';
import type { QueueDefinition } from '../../../shared/queues/queue-table.ts';
import { actionsOf, buildTestApp, crossStackValue, functionResource, roleStatements, templateOf, testApp, type TestApp } from '../build-test-app.ts';

type Resource = { Type: string; Properties: Record<string, any> };

/** A queue like the webhook one, consumed by an existing entry file (the handler's content does not matter to CDK). */
const injectedQueue: QueueDefinition = {
  id: 'TestEvents',
  handler: 'inventory/get-inventory',
  urlVariable: 'TEST_EVENTS_QUEUE_URL',
  sendPermission: 'webhooks:enqueue',
  maxReceiveCount: 4,
  visibilityTimeoutSeconds: 120,
  permissions: ['table:read', 'events:publish'],
  description: 'Test consumer',
};

/** One route that produces to the queue, one that does not. */
const producer: RouteDefinition = { ...routes.health, method: 'POST', path: '/api/produce', handler: 'hotels/list-hotels', permissions: ['webhooks:enqueue'] };
const bystander: RouteDefinition = routes.getHotel;

describe('QueueConsumers in the API stack, with an injected queue definition', () => {
  let built: TestApp;
  let template: Template;
  let resources: Record<string, Resource>;
  let queueId: string;
  let deadLetterQueueId: string;
  let jobs: Stack;

  beforeAll(() => {
    built = buildTestApp({ routes: [producer, bystander], schedules: [], queues: [injectedQueue] });
    const consumer = built.api.queueConsumers.consumers.get('TestEvents')!;
    // The queues and their consumers live in the API stack's nested stack of jobs.
    jobs = Stack.of(consumer.queue);
    template = templateOf(jobs);
    resources = template.toJSON().Resources;
    queueId = jobs.getLogicalId(consumer.queue.node.defaultChild as CfnQueue);
    deadLetterQueueId = jobs.getLogicalId(consumer.deadLetterQueue.node.defaultChild as CfnQueue);
  });

  it('creates the queue and its dead-letter queue, redriving after maxReceiveCount receives', () => {
    const queue = resources[queueId]!.Properties;
    const deadLetterQueue = resources[deadLetterQueueId]!.Properties;

    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] }, maxReceiveCount: 4 });
    expect(queue.VisibilityTimeout).toBe(120);
    expect(deadLetterQueue.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('encrypts both queues and refuses requests without TLS', () => {
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::SQS::QueuePolicy');

    for (const id of [queueId, deadLetterQueueId]) {
      expect(resources[id]!.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policy = policies.find((p) => JSON.stringify(p.Properties.Queues).includes(`"${id}"`));
      expect(policy?.Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds the consumer batches of 10 with per-message failure reporting', () => {
    const consumer = built.api.queueConsumers.consumers.get('TestEvents')!.function;
    const consumerId = jobs.getLogicalId(consumer.node.defaultChild as CfnFunction);

    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: consumerId },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(consumer.handlerName).toBe('inventory/get-inventory');
    expect(functionResource(template, consumer).Properties.Timeout).toBeLessThanOrEqual(120);
    const actions = actionsOf(roleStatements(template, consumer));
    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'events:PutEvents', 'dynamodb:Query']));
    expect(actions).not.toContain('sqs:SendMessage');
  });

  it('grants sending, and the queue URL variable, only to functions that declare the send permission', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(functions.map((fn) => fn.handlerName)).toEqual(expect.arrayContaining(['hotels/list-hotels', 'hotels/get-hotel']));
    for (const fn of functions) {
      const sends = roleStatements(template, fn).filter(
        (s) => actionsOf([s]).includes('sqs:SendMessage') && JSON.stringify(crossStackValue(built.api, Stack.of(fn), s.Resource)).includes(`"${queueId}"`),
      );
      const url = functionResource(template, fn).Properties.Environment.Variables.TEST_EVENTS_QUEUE_URL;
      const declares = fn.permissions.includes('webhooks:enqueue');
      expect(sends.length > 0, fn.handlerName).toBe(declares);
      expect(url === undefined ? undefined : crossStackValue(built.api, Stack.of(fn), url), fn.handlerName).toEqual(declares ? { Ref: queueId } : undefined);
    }
  });

  it('alarms on the dead-letter queue holding a message', () => {
    const alarm = built.api.alarms.alarms.get('TestEventsDeadLetters');
    const props = templateOf(built.api).toJSON().Resources[built.api.getLogicalId(alarm!.node.defaultChild as never)]!.Properties;

    expect(props.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(props.Dimensions).toHaveLength(1);
    expect(props.Dimensions[0].Name).toBe('QueueName');
    expect(crossStackValue(built.api, built.api, props.Dimensions[0].Value)).toEqual({ 'Fn::GetAtt': [deadLetterQueueId, 'QueueName'] });
    expect(props.Threshold).toBe(1);
    expect(props.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
  });
});

describe('QueueConsumers on its own', () => {
  function setup() {
    const stack = new Stack(testApp(), 'Test');
    const table = new dynamodb.TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const access = new PermissionRegistry(table, []);
    const defaults: FunctionDefaults = { access, logRetention: logs.RetentionDays.ONE_WEEK, logLevel: 'INFO', serviceName: 'test' };
    return { stack, access, defaults };
  }
  const plain: QueueDefinition = { ...injectedQueue, permissions: ['table:read'] };

  it('creates nothing for an empty queue table', () => {
    const { stack, defaults } = setup();

    const consumers = new QueueConsumers(stack, 'Queues', { ...defaults, queues: [] });

    expect(consumers.consumers.size).toBe(0);
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 0);
  });

  it('registers the send permission before creating consumers, so a consumer may send to its own queue', () => {
    const { stack, defaults } = setup();
    const requeuing: QueueDefinition = { ...plain, permissions: ['table:read', 'webhooks:enqueue'] };

    const consumers = new QueueConsumers(stack, 'Queues', { ...defaults, queues: [requeuing] });

    expect(actionsOf(roleStatements(Template.fromStack(stack), consumers.consumers.get('TestEvents')!.function))).toContain(
      'sqs:SendMessage',
    );
  });

  it('refuses a visibility timeout shorter than the consumer may run, naming the queue', () => {
    const { stack, defaults } = setup();

    expect(() => new QueueConsumers(stack, 'Queues', { ...defaults, queues: [{ ...plain, visibilityTimeoutSeconds: 10 }] })).toThrow(
      /Queue TestEvents: visibilityTimeoutSeconds must be/,
    );
  });

  it('refuses a table permission as send permission and a bad receive count', () => {
    const { stack, defaults } = setup();
    const bad: QueueDefinition = { ...plain, sendPermission: 'table:write', maxReceiveCount: 0 };

    expect(() => new QueueConsumers(stack, 'Queues', { ...defaults, queues: [bad] })).toThrow(
      /sendPermission cannot be a table permission; maxReceiveCount must be/,
    );
  });

  it('refuses two queues answering the same send permission', () => {
    const { stack, defaults } = setup();

    expect(
      () => new QueueConsumers(stack, 'Queues', { ...defaults, queues: [plain, { ...plain, id: 'OtherEvents', handler: 'hotels/get-hotel' }] }),
    ).toThrow(/"webhooks:enqueue" is already provided/);
  });
});
