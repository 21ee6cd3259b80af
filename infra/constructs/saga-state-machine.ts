import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics.ts';
import { substitutionKey, taskOfResource, type SagaTaskDefinition } from '../../shared/saga/saga-tasks.ts';
import type { StateMachineDefinition } from '../../shared/saga/state-machines.ts';
import { constructIdOf, functionDefaultsOf, HandlerFunction, REPO_ROOT, type FunctionDefaults } from './handler-function.ts';

/**
 * A saga task function gets more time than its Task state's `TimeoutSeconds` (at most 25 s in the
 * ASL): Step Functions gives up first and retries with `States.Timeout`, rather than Lambda killing
 * a step half-way and reporting a less specific error. `checkSagaDefinition` enforces the order.
 */
export const SAGA_FUNCTION_TIMEOUT = Duration.seconds(30);

export interface SagaStateMachineProps extends FunctionDefaults {
  /** The entry of `shared/saga/state-machines.ts`: ASL file, task table, start permission, ARN variable. */
  machine: StateMachineDefinition;
  /** Replaces the machine's task table (tests). */
  tasks?: readonly SagaTaskDefinition[];
  /** Replaces the machine's ASL file, relative to the repository root (tests). */
  definitionFile?: string;
}

/**
 * One saga on a Standard Step Functions workflow (exactly-once steps; money moves here), defined
 * by the same ASL file the local stack interprets. One function per Task state, from the saga's
 * task table: the ASL names each as `${<State>FunctionArn}` and the state machine substitutes the
 * deployed ARN. Only the state machine's role may invoke these functions: no other grant, no
 * resource policy. The role's invoke grant names each function's unqualified ARN (what the ASL
 * calls), not `:*` versions and aliases that nothing uses.
 *
 * Executions log every event (with their data: the saga state is ids and amounts only) to a
 * retained log group and are traced with X-Ray. Functions declaring the machine's start permission
 * get `states:StartExecution` on this state machine alone, and its ARN in its ARN variable.
 */
export class SagaStateMachine extends Construct {
  readonly machine: StateMachineDefinition;
  readonly stateMachine: sfn.StateMachine;
  /** Keyed by Task state name (`HoldRooms`, ...). */
  readonly taskFunctions: ReadonlyMap<string, HandlerFunction>;
  readonly logGroup: logs.LogGroup;
  /** Executions that ended in an error other than the machine's expected failures (from the log group). */
  readonly unexpectedFailures: logs.MetricFilter;

  constructor(scope: Construct, id: string, props: SagaStateMachineProps) {
    super(scope, id);
    const { machine } = props;
    this.machine = machine;
    const tasks = props.tasks ?? machine.tasks;
    const definitionPath = join(REPO_ROOT, props.definitionFile ?? machine.definition);
    checkSagaDefinition(readFileSync(definitionPath, 'utf8'), tasks, SAGA_FUNCTION_TIMEOUT.toSeconds(), machine.budgetSeconds);

    const functions = new Map<string, HandlerFunction>();
    for (const task of tasks) {
      functions.set(
        task.state,
        new HandlerFunction(this, `${constructIdOf(task.state)}Function`, {
          ...functionDefaultsOf(props),
          handler: task.handler,
          permissions: task.permissions,
          description: `${machine.id} saga task ${task.state}: functions/${task.handler}`.slice(0, 256),
          timeout: SAGA_FUNCTION_TIMEOUT,
        }),
      );
    }
    this.taskFunctions = functions;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: machine.comment,
      definitionBody: sfn.DefinitionBody.fromFile(definitionPath),
      definitionSubstitutions: Object.fromEntries(tasks.map((task) => [substitutionKey(task), functions.get(task.state)!.functionArn])),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    iam.Grant.addToPrincipal({
      grantee: this.stateMachine,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [...functions.values()].map((fn) => fn.functionArn),
    });

    this.unexpectedFailures = new logs.MetricFilter(this, 'UnexpectedFailures', {
      logGroup: this.logGroup,
      metricNamespace: METRICS_NAMESPACE,
      metricName: machine.unexpectedFailureMetric,
      metricValue: '1',
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.type', '=', 'ExecutionFailed'),
        ...machine.expectedFailures.map((error) => logs.FilterPattern.stringValue('$.details.error', '!=', error)),
      ),
    });

    props.access.provide(machine.startPermission, (fn) => {
      this.stateMachine.grantStartExecution(fn);
      fn.addEnvironment(machine.arnVariable, this.stateMachine.stateMachineArn);
    });
    if (machine.recoverPermission) {
      // The recovery job: describe and stop this state machine's executions, nothing else.
      props.access.provide(machine.recoverPermission, (fn) => {
        this.stateMachine.grantExecution(fn, 'states:DescribeExecution', 'states:StopExecution');
        fn.addEnvironment(machine.arnVariable, this.stateMachine.stateMachineArn);
      });
    }
  }
}

/** `${Name}` placeholders, as Step Functions substitutes them. */
const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** The substitution keys an ASL text names, in order of first use. */
export function placeholdersOf(asl: string): string[] {
  return [...new Set([...asl.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/**
 * Fails the synth when an ASL file and its task table disagree, rather than deploying a state
 * machine that fails on its first execution: every placeholder has a task, every task is a `Task`
 * state whose `Resource` is its placeholder, every Task state (a task's own, or one reusing a
 * task's function) has a `TimeoutSeconds` below the function timeout, and, for a machine with a
 * budget, the top-level `TimeoutSeconds` is that budget (the recovery job counts on it).
 */
export function checkSagaDefinition(asl: string, tasks: readonly SagaTaskDefinition[], functionTimeoutSeconds: number, budgetSeconds?: number): void {
  const problems: string[] = [];
  const keys = new Set(tasks.map(substitutionKey));
  for (const placeholder of placeholdersOf(asl)) {
    if (!keys.has(placeholder)) problems.push(`\${${placeholder}} has no entry in the saga task table`);
  }
  const definition = JSON.parse(asl) as { TimeoutSeconds?: number; States?: Record<string, { Type?: string; Resource?: string; TimeoutSeconds?: number }> };
  const states = definition.States ?? {};
  for (const task of tasks) {
    const state = states[task.state];
    if (state?.Type !== 'Task') {
      problems.push(`task ${task.state} is not a Task state of the definition`);
      continue;
    }
    if (state.Resource !== `\${${substitutionKey(task)}}`) {
      problems.push(`${task.state}.Resource must be \${${substitutionKey(task)}}, is ${String(state.Resource)}`);
    }
  }
  for (const [name, state] of Object.entries(states)) {
    if (state.Type !== 'Task') continue;
    if (!taskOfResource(state.Resource, tasks)) problems.push(`${name}.Resource names no function of the saga task table`);
    if (state.TimeoutSeconds === undefined || state.TimeoutSeconds >= functionTimeoutSeconds) {
      problems.push(`${name}.TimeoutSeconds must be set and below the function timeout (${functionTimeoutSeconds} s)`);
    }
  }
  if (budgetSeconds !== undefined && definition.TimeoutSeconds !== budgetSeconds) {
    problems.push(`the top-level TimeoutSeconds must be the saga budget (${budgetSeconds} s), is ${String(definition.TimeoutSeconds)}`);
  }
  if (problems.length > 0) throw new Error(`Saga definition does not match its task table: ${problems.join('; ')}`);
}
