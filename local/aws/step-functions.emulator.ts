import { readFile } from 'node:fs/promises';
import { StateMachine } from 'aws-local-stepfunctions';
import type { SagaTaskDefinition } from '../../shared/saga/saga-tasks.ts';
import { substitutionKey } from '../../shared/saga/saga-tasks.ts';

/** Invokes one function the way Lambda would, with a Lambda-like context. */
export type TaskInvoker = (handlerPath: string, input: unknown) => Promise<unknown>;

export interface ExecutionRecord {
  /** The state machine's name (`checkout-saga`, `cancellation-saga`, ...). */
  stateMachine: string;
  executionArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
}

export class AwsApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

const ACCOUNT = '000000000000';
const REGION = 'local';

/**
 * One state machine on a laptop: the very ASL file CDK deploys, run by
 * aws-local-stepfunctions, each Task bound to the same handler module its Lambda runs, and served
 * behind the subset of the Step Functions API our adapter calls (StartExecution with Step
 * Functions' own name rules, DescribeExecution), so `StepFunctionsSagaStarter` is unchanged.
 */
export class StepFunctionsEmulator {
  readonly stateMachineArn: string;
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Set<Promise<unknown>>();

  private constructor(
    private readonly machine: StateMachine,
    private readonly tasks: readonly SagaTaskDefinition[],
    private readonly invoke: TaskInvoker,
    private readonly retryIntervalMs: number | undefined,
    readonly name: string,
  ) {
    this.stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
  }

  /**
   * Loads the ASL file and substitutes each `${<State>FunctionArn}` with a local function ARN, as
   * CDK's `definitionSubstitutions` does with the deployed ones. `retryIntervalMs` shortens Retry
   * pauses (tests only); the local stack keeps the file's real intervals.
   */
  static async load(options: {
    definitionPath: string;
    tasks: readonly SagaTaskDefinition[];
    invoke: TaskInvoker;
    name?: string;
    retryIntervalMs?: number;
  }): Promise<StepFunctionsEmulator> {
    let text = await readFile(options.definitionPath, 'utf8');
    for (const task of options.tasks) {
      text = text.replaceAll(`\${${substitutionKey(task)}}`, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${task.state}`);
    }
    const leftover = /\$\{[A-Za-z0-9]+\}/.exec(text);
    if (leftover) throw new Error(`Unresolved substitution ${leftover[0]} in ${options.definitionPath}`);
    const machine = new StateMachine(JSON.parse(text));
    return new StepFunctionsEmulator(machine, options.tasks, options.invoke, options.retryIntervalMs, options.name ?? 'checkout-saga');
  }

  startExecution(request: { stateMachineArn?: string; name?: string; input?: string }): { executionArn: string; startDate: number } {
    if (request.stateMachineArn !== this.stateMachineArn) {
      throw new AwsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    }
    const name = request.name ?? crypto.randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new AwsApiError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    const existing = this.executions.get(name);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: existing.startDate.getTime() / 1000 };
      }
      throw new AwsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
    }
    const record: ExecutionRecord = {
      stateMachine: this.name,
      executionArn: `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date(),
    };
    this.executions.set(name, record);
    const run = this.run(record);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return { executionArn: record.executionArn, startDate: record.startDate.getTime() / 1000 };
  }

  describeExecution(request: { executionArn?: string }): Record<string, unknown> {
    const record = [...this.executions.values()].find((e) => e.executionArn === request.executionArn);
    if (!record) throw new AwsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${request.executionArn}'`);
    return {
      executionArn: record.executionArn,
      stateMachineArn: this.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate.getTime() / 1000,
      ...(record.stopDate ? { stopDate: record.stopDate.getTime() / 1000 } : {}),
      input: record.input,
      ...(record.output !== undefined ? { output: record.output } : {}),
      ...(record.error ? { error: record.error, cause: record.cause } : {}),
    };
  }

  list(): ExecutionRecord[] {
    return [...this.executions.values()];
  }

  /** Resolves when no execution is running (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(record: ExecutionRecord): Promise<void> {
    const handlers = Object.fromEntries(
      this.tasks.map((task) => [task.state, async (input: unknown) => (await this.invoke(task.handler, input)) ?? null]),
    ) as Record<string, (input: unknown) => Promise<never>>;
    const retries = this.retryIntervalMs === undefined
      ? undefined
      : Object.fromEntries(this.tasks.map((t) => [t.state, this.retryIntervalMs as number]));
    const execution = this.machine.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: handlers, ...(retries ? { retryIntervalOverrides: retries } : {}) },
      context: { Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input), StartTime: record.startDate.toISOString() } },
    });
    try {
      const output = await execution.result;
      Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) });
    } catch (error) {
      const failure = await lastFailure(execution.eventLogs);
      Object.assign(record, {
        status: 'FAILED',
        error: failure?.Error ?? (error as Error).name,
        cause: failure?.Cause ?? (error as Error).message,
      });
    } finally {
      record.stopDate = new Date();
    }
  }
}

/**
 * Every state machine of the local stack behind the one Step Functions endpoint: StartExecution
 * goes to the machine its ARN names, DescribeExecution to the one whose execution it is.
 */
export class StepFunctionsService {
  private readonly byArn: Map<string, StepFunctionsEmulator>;

  constructor(readonly machines: readonly StepFunctionsEmulator[]) {
    this.byArn = new Map(machines.map((m) => [m.stateMachineArn, m]));
  }

  /** The ARN of the machine called `name` (`checkout-saga`, ...). */
  arnOf(name: string): string {
    const machine = this.machines.find((m) => m.name === name);
    if (!machine) throw new Error(`No local state machine ${name}`);
    return machine.stateMachineArn;
  }

  startExecution(request: { stateMachineArn?: string; name?: string; input?: string }): { executionArn: string; startDate: number } {
    const machine = this.byArn.get(request.stateMachineArn ?? '');
    if (!machine) throw new AwsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    return machine.startExecution(request);
  }

  describeExecution(request: { executionArn?: string }): Record<string, unknown> {
    const arn = request.executionArn ?? '';
    const machine = this.machines.find((m) => arn.startsWith(`${m.stateMachineArn.replace(':stateMachine:', ':execution:')}:`));
    if (!machine) throw new AwsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return machine.describeExecution(request);
  }

  /** Every execution of every machine, oldest first within each. */
  list(): ExecutionRecord[] {
    return this.machines.flatMap((m) => m.list());
  }

  async idle(): Promise<void> {
    // A step may start another machine's execution: settle until none runs anywhere.
    for (let round = 0; round < 10; round += 1) {
      await Promise.all(this.machines.map((m) => m.idle()));
      if (this.list().every((e) => e.status !== 'RUNNING')) return;
    }
  }
}

async function lastFailure(events: AsyncGenerator<unknown>): Promise<{ Error?: string; Cause?: string } | undefined> {
  let failure: { Error?: string; Cause?: string } | undefined;
  for await (const event of events) {
    const e = event as { type?: string; Error?: string; Cause?: string };
    if (e.type === 'ExecutionFailed') failure = { Error: e.Error, Cause: e.Cause };
  }
  return failure;
}
