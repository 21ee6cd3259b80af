import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { SagaExecutionStatus, SagaExecutions, SagaStarter } from '#ports/saga-starter.port.ts';

/**
 * Starts the checkout state machine. Same name and input while running: Step Functions answers
 * with the running execution. Name already used (finished, or other input): `ExecutionAlreadyExists`,
 * which for us means "this key's saga exists" and is not an error; the caller learns it (`exists`),
 * so a retried checkout of a finished saga answers the booking's outcome instead of waiting on an
 * execution that will never write it.
 */
export class StepFunctionsSagaStarter implements SagaStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: Record<string, unknown>): Promise<'started' | 'exists'> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'exists';
      throw error;
    }
  }
}

const KNOWN: readonly SagaExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * The recovery job's view of an execution, by name. An execution's ARN is its state machine's
 * with `:execution:` for `:stateMachine:` and the name appended, so no listing is needed.
 */
export class StepFunctionsSagaExecutions implements SagaExecutions {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  private arnOf(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  async describe(name: string): Promise<{ status: SagaExecutionStatus; startedAt?: Date }> {
    try {
      const out = await this.client.send(new DescribeExecutionCommand({ executionArn: this.arnOf(name) }));
      // A status this code does not know yet (PENDING_REDRIVE) is treated as still running: wait.
      const status = KNOWN.includes(out.status as SagaExecutionStatus) ? (out.status as SagaExecutionStatus) : 'RUNNING';
      return { status, ...(out.startDate ? { startedAt: out.startDate } : {}) };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return { status: 'NOT_FOUND' };
      throw error;
    }
  }

  async stop(name: string, cause: string): Promise<void> {
    await this.client.send(new StopExecutionCommand({ executionArn: this.arnOf(name), error: 'Recovery', cause: cause.slice(0, 32_000) }));
  }
}
