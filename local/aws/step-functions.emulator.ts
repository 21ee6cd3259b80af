import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { SagaTaskDefinition } from '../../shared/saga/saga-tasks.ts';
import { substitutionKey, taskOfResource } from '../../shared/saga/saga-tasks.ts';

/** Invokes one function the way Lambda would, with a Lambda-like context. */
export type TaskInvoker = (handlerPath: string, input: unknown) => Promise<unknown>;

export interface ExecutionRecord {
  /** The state machine's name (`checkout-saga`, `cancellation-saga`, ...). */
  stateMachine: string;
  executionArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
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

/** Options of `StepFunctionsEmulator.load`. */
export interface StepFunctionsEmulatorOptions {
  definitionPath: string;
  tasks: readonly SagaTaskDefinition[];
  invoke: TaskInvoker;
  name?: string;
  /** Shortens every Retry pause (tests only); the local stack keeps the file's real intervals. */
  retryIntervalMs?: number;
  /** Replaces every Wait state's time (tests only: the settle delay in milliseconds). */
  waitMs?: number;
  /**
   * Replaces every Task's `TimeoutSeconds` (tests only: a storage stall longer than every step's
   * timeout without waiting 25 s of wall time); the local stack keeps the file's real timeouts.
   */
  taskTimeoutSeconds?: number;
  /**
   * Where executions are kept across restarts (`npm start -- --data-dir`), as Step Functions keeps
   * them: a restarted runner still knows every name it started (`ExecutionAlreadyExists`) and
   * reports the executions it was running when it stopped as `ABORTED`, which is what the
   * recovery job sees of a saga whose runner died.
   */
  dataDir?: string;
}

/** One file per state machine in the data directory. */
const executionsFile = (machine: string) => `step-functions-executions-${machine}.json`;

/**
 * One state machine on a laptop: the very ASL file CDK deploys, run by aws-local-stepfunctions,
 * each Task bound to the handler module its Lambda runs (by the function its `Resource` names, so a
 * state reusing another's function runs the same module), and served behind the subset of the Step
 * Functions API our adapters call (StartExecution with Step Functions' own name rules,
 * DescribeExecution, StopExecution), so the adapters are unchanged. The definition's
 * `TimeoutSeconds` ends an execution as `TIMED_OUT`, without compensations, as on AWS.
 */
export class StepFunctionsEmulator {
  readonly stateMachineArn: string;
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, { done: Promise<unknown>; abort: () => void }>();

  private constructor(
    private readonly machine: StateMachine,
    private readonly stateTasks: ReadonlyMap<string, SagaTaskDefinition>,
    private readonly waitStates: readonly string[],
    private readonly invoke: TaskInvoker,
    private readonly options: StepFunctionsEmulatorOptions,
    readonly name: string,
  ) {
    this.stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
    this.restore();
  }

  /**
   * Loads the ASL file and substitutes each `${<State>FunctionArn}` with a local function ARN, as
   * CDK's `definitionSubstitutions` does with the deployed ones.
   */
  static async load(options: StepFunctionsEmulatorOptions): Promise<StepFunctionsEmulator> {
    const raw = await readFile(options.definitionPath, 'utf8');
    const stateTasks = new Map<string, SagaTaskDefinition>();
    const waitStates: string[] = [];
    for (const [state, definition] of Object.entries((JSON.parse(raw) as { States: Record<string, { Type?: string; Resource?: string }> }).States)) {
      if (definition.Type === 'Wait') waitStates.push(state);
      if (definition.Type !== 'Task') continue;
      const task = taskOfResource(definition.Resource, options.tasks);
      if (!task) throw new Error(`Task state ${state} of ${options.definitionPath} names no function of the saga task table`);
      stateTasks.set(state, task);
    }
    let text = raw;
    for (const task of options.tasks) {
      text = text.replaceAll(`\${${substitutionKey(task)}}`, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${task.state}`);
    }
    const leftover = /\$\{[A-Za-z0-9]+\}/.exec(text);
    if (leftover) throw new Error(`Unresolved substitution ${leftover[0]} in ${options.definitionPath}`);
    const definition = JSON.parse(text) as { States: Record<string, { Type?: string; TimeoutSeconds?: number }> };
    if (options.taskTimeoutSeconds !== undefined) {
      for (const state of Object.values(definition.States)) if (state.Type === 'Task') state.TimeoutSeconds = options.taskTimeoutSeconds;
    }
    const machine = new StateMachine(definition as never);
    return new StepFunctionsEmulator(machine, stateTasks, waitStates, options.invoke, options, options.name ?? 'checkout-saga');
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
    this.run(record);
    this.save();
    return { executionArn: record.executionArn, startDate: record.startDate.getTime() / 1000 };
  }

  describeExecution(request: { executionArn?: string }): Record<string, unknown> {
    const record = this.byArn(request.executionArn);
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

  /** `StopExecution`: a running execution ends `ABORTED` (its Task in flight still finishes, as a Lambda does). */
  stopExecution(request: { executionArn?: string; error?: string; cause?: string }): { stopDate: number } {
    const record = this.byArn(request.executionArn);
    if (record.status === 'RUNNING') {
      Object.assign(record, { status: 'ABORTED', stopDate: new Date(), ...(request.error ? { error: request.error } : {}), ...(request.cause ? { cause: request.cause } : {}) });
      this.running.get(record.name)?.abort();
      this.save();
    }
    return { stopDate: (record.stopDate ?? new Date()).getTime() / 1000 };
  }

  list(): ExecutionRecord[] {
    return [...this.executions.values()];
  }

  /** Resolves when no execution is running (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /**
   * The runner dies (tests of the recovery job): every running execution stops where it is, with
   * no state after its current one, and is left `RUNNING` in the data directory, as a process
   * killed mid-flight leaves it. A runner started on the same directory reports them `ABORTED`.
   */
  kill(): void {
    for (const { abort } of this.running.values()) abort();
    this.running.clear();
    this.killed = true;
  }

  private killed = false;

  private byArn(executionArn: string | undefined): ExecutionRecord {
    const record = [...this.executions.values()].find((e) => e.executionArn === executionArn);
    if (!record) throw new AwsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private run(record: ExecutionRecord): void {
    const handlers = Object.fromEntries(
      [...this.stateTasks].map(([state, task]) => [state, async (input: unknown) => (await this.invoke(task.handler, input)) ?? null]),
    ) as Record<string, (input: unknown) => Promise<never>>;
    const retries =
      this.options.retryIntervalMs === undefined ? undefined : Object.fromEntries([...this.stateTasks.keys()].map((state) => [state, this.options.retryIntervalMs as number]));
    const waits = this.options.waitMs === undefined ? undefined : Object.fromEntries(this.waitStates.map((state) => [state, this.options.waitMs as number]));
    const execution = this.machine.run(JSON.parse(record.input), {
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(retries ? { retryIntervalOverrides: retries } : {}),
        ...(waits ? { waitTimeOverrides: waits } : {}),
      },
      context: { Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input), StartTime: record.startDate.toISOString() } },
    });
    const done = (async () => {
      try {
        const output = await execution.result;
        this.settle(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) });
      } catch (error) {
        if (error instanceof ExecutionTimeoutError) {
          this.settle(record, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran out of its TimeoutSeconds.' });
        } else if (error instanceof ExecutionAbortedError) {
          // Stopped (StopExecution) or killed: stopExecution already recorded it; a kill leaves it RUNNING.
        } else {
          const failure = await lastFailure(execution.eventLogs);
          this.settle(record, { status: 'FAILED', error: failure?.Error ?? (error as Error).name, cause: failure?.Cause ?? (error as Error).message });
        }
      } finally {
        this.running.delete(record.name);
      }
    })();
    this.running.set(record.name, { done, abort: () => execution.abort() });
  }

  private settle(record: ExecutionRecord, outcome: Partial<ExecutionRecord>): void {
    if (record.status !== 'RUNNING' || this.killed) return;
    Object.assign(record, outcome, { stopDate: new Date() });
    this.save();
  }


  /** Executions of an earlier runner on the same data directory; those it was running are ABORTED. */
  private restore(): void {
    if (!this.options.dataDir) return;
    let saved: Array<Omit<ExecutionRecord, 'startDate' | 'stopDate'> & { startDate: string; stopDate?: string }>;
    try {
      saved = JSON.parse(readFileSync(join(this.options.dataDir, executionsFile(this.name)), 'utf8')) as typeof saved;
    } catch {
      return;
    }
    for (const e of saved) {
      const { startDate, stopDate, ...rest } = e;
      const record: ExecutionRecord = { ...rest, startDate: new Date(startDate), ...(stopDate ? { stopDate: new Date(stopDate) } : {}) };
      if (record.status === 'RUNNING') {
        Object.assign(record, { status: 'ABORTED', stopDate: new Date(), error: 'States.Runtime', cause: 'The local saga runner stopped while this execution ran.' });
      }
      this.executions.set(record.name, record);
    }
    this.save();
  }

  private save(): void {
    if (!this.options.dataDir || this.killed) return;
    mkdirSync(this.options.dataDir, { recursive: true });
    const file = join(this.options.dataDir, executionsFile(this.name));
    writeFileSync(`${file}.tmp`, JSON.stringify([...this.executions.values()]));
    renameSync(`${file}.tmp`, file);
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
    return this.machineOfExecution(request.executionArn ?? '').describeExecution(request);
  }

  stopExecution(request: { executionArn?: string; error?: string; cause?: string }): { stopDate: number } {
    return this.machineOfExecution(request.executionArn ?? '').stopExecution(request);
  }

  /** Stops every machine as a crashed runner would (tests of the recovery job). */
  kill(): void {
    for (const machine of this.machines) machine.kill();
  }

  private machineOfExecution(arn: string): StepFunctionsEmulator {
    const machine = this.machines.find((m) => arn.startsWith(`${m.stateMachineArn.replace(':stateMachine:', ':execution:')}:`));
    if (!machine) throw new AwsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return machine;
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
