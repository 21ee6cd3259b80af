import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { HandlerFunction, type FunctionDefaults } from '../../../infra/constructs/handler-function.ts';
import { PermissionRegistry } from '../../../infra/constructs/permission-registry.ts';
import { actionsOf, roleStatements, testApp } from '../build-test-app.ts';

function setup() {
  const stack = new Stack(testApp(), 'Test');
  const table = new dynamodb.TableV2(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    globalSecondaryIndexes: [{ indexName: 'gsi1', partitionKey: { name: 'g', type: dynamodb.AttributeType.STRING } }],
  });
  const access = new PermissionRegistry(table, ['gsi1']);
  const defaults: FunctionDefaults = {
    access,
    logRetention: logs.RetentionDays.ONE_WEEK,
    logLevel: 'INFO',
    serviceName: 'test',
  };
  return { stack, access, defaults };
}

describe('PermissionRegistry', () => {
  it('applies a provided binding to each function that declares the permission, and only to those', () => {
    // prepare
    const { stack, access, defaults } = setup();
    const queue = new sqs.Queue(stack, 'Dlq', { enforceSSL: true });
    const bound: string[] = [];
    access.provide('dlq:send', (fn) => {
      bound.push(fn.handlerName);
      queue.grantSendMessages(fn);
      fn.addEnvironment('DLQ_URL', queue.queueUrl);
    });

    // act
    const sender = new HandlerFunction(stack, 'Sender', { ...defaults, handler: 'health/get-health', permissions: ['dlq:send'] });
    const other = new HandlerFunction(stack, 'Other', { ...defaults, handler: 'hotels/get-hotel', permissions: ['table:read'] });
    const template = Template.fromStack(stack);

    // assess
    expect(bound).toEqual(['health/get-health']);
    expect(actionsOf(roleStatements(template, sender))).toContain('sqs:SendMessage');
    expect(actionsOf(roleStatements(template, other))).not.toContain('sqs:SendMessage');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'functions/health/get-health',
      Environment: { Variables: { DLQ_URL: { Ref: stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue) } } },
    });
  });

  it('fails the build when a function declares a permission nobody provides', () => {
    const { stack, defaults } = setup();

    expect(
      () => new HandlerFunction(stack, 'Publisher', { ...defaults, handler: 'health/get-health', permissions: ['events:publish'] }),
    ).toThrow(/declares permission "events:publish", but nothing in the stack provides it/);
  });

  it('refuses a second provider for the same permission', () => {
    const { access } = setup();
    access.provide('saga:start', () => {});

    expect(() => access.provide('saga:start', () => {})).toThrow(/already provided/);
  });

  it('grants table readers the table and each named index, never index/*', () => {
    const { stack, defaults } = setup();

    const reader = new HandlerFunction(stack, 'Reader', { ...defaults, handler: 'hotels/get-hotel', permissions: ['table:read'] });
    const statements = roleStatements(Template.fromStack(stack), reader);

    const resources = JSON.stringify(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:'))));
    expect(resources).toContain('/index/gsi1');
    expect(resources).not.toContain('/index/*');
    expect(actionsOf(statements)).not.toContain('dynamodb:PutItem');
  });
});
