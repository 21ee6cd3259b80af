import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { HandlerFunction, type FunctionDefaults } from '../../../infra/constructs/handler-function.ts';
import { PermissionRegistry } from '../../../infra/constructs/permission-registry.ts';
import { SagaDeadLetterQueue } from '../../../infra/constructs/saga-dead-letter-queue.ts';
import { actionsOf, roleStatements, testApp } from '../build-test-app.ts';

function setup() {
  const stack = new Stack(testApp(), 'Test');
  const table = new dynamodb.TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const access = new PermissionRegistry(table, []);
  new SagaDeadLetterQueue(stack, 'SagaDeadLetters', { access });
  const defaults: FunctionDefaults = { access, logRetention: logs.RetentionDays.ONE_WEEK, logLevel: 'INFO', serviceName: 'test' };
  return { stack, defaults };
}

describe('SagaDeadLetterQueue', () => {
  it('gives a sender the queue and, through table:write, the table item it records each letter in', () => {
    const { stack, defaults } = setup();

    const sender = new HandlerFunction(stack, 'Sender', { ...defaults, handler: 'saga/escalate', permissions: ['table:read', 'table:write', 'dlq:send'] });
    const actions = actionsOf(roleStatements(Template.fromStack(stack), sender));

    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
  });

  it('fails the synth for a sender without table:write: its letters could not be recorded for the console', () => {
    const { stack, defaults } = setup();

    expect(() => new HandlerFunction(stack, 'Sender', { ...defaults, handler: 'saga/escalate', permissions: ['table:read', 'dlq:send'] })).toThrow(/dlq:send without table:write/);
  });
});
