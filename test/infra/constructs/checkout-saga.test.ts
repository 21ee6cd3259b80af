import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkSagaDefinition,
  placeholdersOf,
  SAGA_FUNCTION_TIMEOUT,
} from '../../../infra/constructs/checkout-saga.ts';
import { HandlerFunction, REPO_ROOT } from '../../../infra/constructs/handler-function.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { CHECKOUT_SAGA_BUDGET_SECONDS, CHECKOUT_SAGA_DEFINITION, sagaTasks, substitutionKey } from '../../../shared/saga/saga-tasks.ts';
import { stateMachines } from '../../../shared/saga/state-machines.ts';
import { actionsOf, buildTestApp, functionResource, roleStatements, type TestApp } from '../build-test-app.ts';

type Resource = { Type: string; Properties: Record<string, any> };

const ASL = readFileSync(join(REPO_ROOT, CHECKOUT_SAGA_DEFINITION), 'utf8');

/** Every IAM statement in the template, with the policy or role resource that holds it. */
function allStatements(resources: Record<string, Resource>): Array<{ holder: string; statement: Record<string, any> }> {
  const found: Array<{ holder: string; statement: Record<string, any> }> = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      for (const statement of resource.Properties.PolicyDocument.Statement) found.push({ holder: id, statement });
    }
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties.Policies ?? []) {
        for (const statement of policy.PolicyDocument.Statement) found.push({ holder: id, statement });
      }
    }
  }
  return found;
}

/** Whether an IAM action pattern (`lambda:Invoke*`, `*`) covers `lambda:InvokeFunction`. */
function coversInvoke(action: string): boolean {
  const pattern = new RegExp(`^${action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return pattern.test('lambda:InvokeFunction');
}

describe('CheckoutSaga in the API stack', () => {
  let built: TestApp;
  let template: Template;
  let resources: Record<string, Resource>;
  let stateMachineId: string;
  let taskFunctionIds: Map<string, string>;

  beforeAll(() => {
    // The real saga table and ASL; a minimal route set, so this file does not wait on other routes.
    built = buildTestApp({ routes: [routes.checkout, routes.health], schedules: [], queues: [] });
    template = Template.fromStack(built.api);
    resources = template.toJSON().Resources;
    const saga = built.api.checkoutSaga;
    stateMachineId = built.api.getLogicalId(saga.stateMachine.node.defaultChild as CfnStateMachine);
    taskFunctionIds = new Map(
      [...saga.taskFunctions].map(([state, fn]) => [state, built.api.getLogicalId(fn.node.defaultChild as CfnFunction)]),
    );
  });

  it('is a Standard state machine, defined by the ASL file, logging every event and traced (one per entry of the state machine table)', () => {
    const machines = Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    const props = resources[stateMachineId]!.Properties;
    const logGroupId = props.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];

    expect(machines).toHaveLength(stateMachines.length);
    expect(props.StateMachineType).toBe('STANDARD');
    expect(props.DefinitionS3Location).toBeDefined();
    expect(props.LoggingConfiguration.Level).toBe('ALL');
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('substitutes every placeholder of the ASL file, each with the ARN of its own task function', () => {
    // prepare
    const placeholders = placeholdersOf(ASL).sort();

    // act
    const substitutions = resources[stateMachineId]!.Properties.DefinitionSubstitutions as Record<string, unknown>;

    // assess
    expect(placeholders.length).toBeGreaterThan(0);
    expect(Object.keys(substitutions).sort()).toEqual(placeholders);
    for (const task of sagaTasks) {
      expect(substitutions[substitutionKey(task)], task.state).toEqual({ 'Fn::GetAtt': [taskFunctionIds.get(task.state), 'Arn'] });
    }
  });

  it('runs one function per task, with the task table handler and permissions, and more time than its Task state', () => {
    const states = (JSON.parse(ASL) as { States: Record<string, { TimeoutSeconds: number }> }).States;

    expect([...built.api.checkoutSaga.taskFunctions.keys()].sort()).toEqual(sagaTasks.map((t) => t.state).sort());
    for (const task of sagaTasks) {
      const fn = built.api.checkoutSaga.taskFunctions.get(task.state)!;
      const timeout = functionResource(template, fn).Properties.Timeout as number;
      expect(fn.handlerName, task.state).toBe(task.handler);
      expect(fn.permissions, task.state).toEqual(task.permissions);
      expect(timeout, task.state).toBe(SAGA_FUNCTION_TIMEOUT.toSeconds());
      expect(timeout, task.state).toBeGreaterThan(states[task.state]!.TimeoutSeconds);
    }
  });

  it('lets the state machine role, and nothing else, invoke the task functions', () => {
    // prepare
    const roleId = built.api.getLogicalId(built.api.checkoutSaga.stateMachine.role.node.defaultChild as CfnRole);
    const taskIds = [...taskFunctionIds.values()];
    const namesTask = (value: unknown) => taskIds.some((id) => JSON.stringify(value).includes(`"${id}"`));

    // act
    const invokeGrants = allStatements(resources).filter(
      ({ statement }) =>
        statement.Effect === 'Allow' && actionsOf([statement as never]).some(coversInvoke) && namesTask(statement.Resource),
    );
    const resourcePolicies = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Permission' && namesTask(r.Properties.FunctionName),
    );

    // assess
    expect(invokeGrants).toHaveLength(1);
    const [{ holder, statement }] = invokeGrants as [{ holder: string; statement: Record<string, any> }];
    expect(resources[holder]!.Properties.Roles).toEqual([{ Ref: roleId }]);
    expect(statement.Action).toBe('lambda:InvokeFunction');
    expect((statement.Resource as unknown[]).map((r) => JSON.stringify(r)).sort()).toEqual(
      taskIds.map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] })).sort(),
    );
    expect(resourcePolicies).toEqual([]);
  });

  it('gives the checkout function STATE_MACHINE_ARN and StartExecution on exactly this state machine', () => {
    // prepare
    const checkout = built.api.httpApi.functions.get('POST /api/booking/checkout')!;

    // act
    const statements = roleStatements(template, checkout).filter((s) => actionsOf([s]).some((a) => a.startsWith('states:')));

    // assess
    expect(functionResource(template, checkout).Properties.Environment.Variables.STATE_MACHINE_ARN).toEqual({ Ref: stateMachineId });
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: stateMachineId } }]);
  });

  it('grants StartExecution to no function that does not declare saga:start', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(functions.length).toBeGreaterThan(sagaTasks.length);
    for (const fn of functions) {
      const starts = actionsOf(roleStatements(template, fn)).includes('states:StartExecution');
      expect(starts, fn.handlerName).toBe(fn.permissions.includes('saga:start'));
    }
  });

  it('gives the Escalate task the saga dead-letter queue, and the payment tasks the Stripe secret', () => {
    const dlqId = built.api.getLogicalId(built.api.sagaDeadLetterQueue.queue.node.defaultChild as CfnQueue);
    const escalate = built.api.checkoutSaga.taskFunctions.get('Escalate')!;
    const authorize = built.api.checkoutSaga.taskFunctions.get('AuthorizePayment')!;

    expect(functionResource(template, escalate).Properties.Environment.Variables.SAGA_DLQ_URL).toEqual({ Ref: dlqId });
    expect(actionsOf(roleStatements(template, escalate))).toContain('sqs:SendMessage');
    expect(functionResource(template, authorize).Properties.Environment.Variables.STRIPE_SECRET_ARN).toBeDefined();
    expect(actionsOf(roleStatements(template, authorize))).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf(roleStatements(template, authorize))).not.toContain('sqs:SendMessage');
  });
});

describe('checkSagaDefinition', () => {
  const task = { state: 'HoldRooms', handler: 'saga/hold-rooms', permissions: [] } as const;
  const asl = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ StartAt: 'HoldRooms', TimeoutSeconds: CHECKOUT_SAGA_BUDGET_SECONDS, States: { HoldRooms: state, ...extra } });
  const hold = { Type: 'Task', Resource: '${HoldRoomsFunctionArn}', TimeoutSeconds: 5 };

  it('accepts the real ASL file and task table', () => {
    expect(() => checkSagaDefinition(ASL, sagaTasks, SAGA_FUNCTION_TIMEOUT.toSeconds())).not.toThrow();
  });

  it('refuses a placeholder that no task substitutes', () => {
    const definition = asl({ Type: 'Task', Resource: '${HoldRoomsFunctionArn}', TimeoutSeconds: 5, Comment: '${Other}' });

    expect(() => checkSagaDefinition(definition, [task], 30)).toThrow(/\$\{Other\} has no entry/);
  });

  it('refuses a task whose state is missing or calls another resource', () => {
    expect(() => checkSagaDefinition(asl({ Type: 'Pass' }), [task], 30)).toThrow(/HoldRooms is not a Task state/);
    expect(() =>
      checkSagaDefinition(asl({ Type: 'Task', Resource: 'arn:aws:lambda:x', TimeoutSeconds: 5 }), [task], 30),
    ).toThrow(/Resource must be \$\{HoldRoomsFunctionArn\}/);
  });

  it('refuses a Task state without a timeout, or one the function would outlive', () => {
    const noTimeout = asl({ Type: 'Task', Resource: '${HoldRoomsFunctionArn}' });
    const tooLong = asl({ Type: 'Task', Resource: '${HoldRoomsFunctionArn}', TimeoutSeconds: 30 });

    expect(() => checkSagaDefinition(noTimeout, [task], 30)).toThrow(/TimeoutSeconds must be set/);
    expect(() => checkSagaDefinition(tooLong, [task], 30)).toThrow(/below the function timeout \(30 s\)/);
  });

  it('accepts a second Task state that reuses a task\'s function, and holds it to the same timeout rule', () => {
    const again = { Type: 'Task', Resource: '${HoldRoomsFunctionArn}', TimeoutSeconds: 5 };

    expect(() => checkSagaDefinition(asl(hold, { HoldAgain: again }), [task], 30)).not.toThrow();
    expect(() => checkSagaDefinition(asl(hold, { HoldAgain: { ...again, TimeoutSeconds: 31 } }), [task], 30)).toThrow(/HoldAgain.TimeoutSeconds/);
    expect(() => checkSagaDefinition(asl(hold, { Other: { ...again, Resource: 'arn:aws:lambda:x' } }), [task], 30)).toThrow(
      /Other.Resource names no function/,
    );
  });

  it('refuses a definition without the whole-execution budget the recovery job counts on', () => {
    const { TimeoutSeconds: _budget, ...unbounded } = JSON.parse(asl(hold)) as Record<string, unknown>;

    expect(() => checkSagaDefinition(JSON.stringify(unbounded), [task], 30)).toThrow(/top-level TimeoutSeconds must be the saga budget \(900 s\)/);
    expect(() => checkSagaDefinition(JSON.stringify({ ...unbounded, TimeoutSeconds: 60 }), [task], 30)).toThrow(/is 60/);
  });
});
