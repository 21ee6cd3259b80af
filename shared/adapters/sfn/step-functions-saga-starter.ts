import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SagaStarter } from '#ports/saga-starter.port.ts';

/**
 * Starts the checkout state machine. Same name and input while running: Step Functions answers
 * with the running execution. Name already used (finished, or other input): `ExecutionAlreadyExists`,
 * which for us means "this key's saga exists" and is not an error.
 */
export class StepFunctionsSagaStarter implements SagaStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
