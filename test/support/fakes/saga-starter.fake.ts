import type { SagaExecutionStatus, SagaExecutions, SagaStarter } from '../../../shared/ports/saga-starter.port.ts';
import { Failures } from './failures.ts';

/**
 * Executions by name, like Step Functions: starting a name that exists is not an error and does
 * not start a second execution (the port's contract) and answers `exists`. `starts` counts every call, `executions`
 * keeps the first input of each name.
 */
export class FakeSagaStarter implements SagaStarter {
  readonly executions = new Map<string, Record<string, unknown>>();
  readonly starts: { name: string; input: Record<string, unknown> }[] = [];
  readonly failures = new Failures<'start'>();

  /** Where each execution stands (`RUNNING` once started); a test moves it on with `settle`. */
  readonly statuses = new Map<string, SagaExecutionStatus>();
  readonly stops: { name: string; cause: string }[] = [];

  async start(name: string, input: Record<string, unknown>): Promise<'started' | 'exists'> {
    this.starts.push({ name, input: structuredClone(input) });
    return this.failures.run('start', () => {
      if (this.executions.has(name)) return 'exists' as const;
      this.executions.set(name, structuredClone(input));
      this.statuses.set(name, 'RUNNING');
      return 'started' as const;
    });
  }

  /** Test helper: the execution ended (or never existed, for `NOT_FOUND`). */
  settle(name: string, status: SagaExecutionStatus): void {
    this.statuses.set(name, status);
  }
}

/** The executions' view for the recovery job, over the same names as a `FakeSagaStarter`. */
export class FakeSagaExecutions implements SagaExecutions {
  readonly failures = new Failures<'describe' | 'stop'>();

  constructor(private readonly starter: FakeSagaStarter) {}

  async describe(name: string): Promise<{ status: SagaExecutionStatus }> {
    return this.failures.run('describe', () => ({ status: this.starter.statuses.get(name) ?? 'NOT_FOUND' }));
  }

  async stop(name: string, cause: string): Promise<void> {
    await this.failures.run('stop', () => {
      this.starter.stops.push({ name, cause });
      if (this.starter.statuses.get(name) === 'RUNNING') this.starter.statuses.set(name, 'ABORTED');
    });
  }
}
