import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsSagaExecutions, StepFunctionsSagaStarter } from '../../../../shared/adapters/sfn/step-functions-saga-starter.ts';

describe('StepFunctionsSagaStarter', () => {
  const sfn = mockClient(SFNClient);
  const starter = new StepFunctionsSagaStarter(new SFNClient({ region: 'eu-west-1' }), 'arn:aws:states:eu-west-1:1:stateMachine:checkout');

  beforeEach(() => sfn.reset());
  afterAll(() => sfn.restore());

  it('starts the named execution with the JSON input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    await expect(starter.start('checkout-abc', { bookingId: 'bk_1' })).resolves.toBe('started');
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:checkout',
      name: 'checkout-abc',
      input: '{"bookingId":"bk_1"}',
    });
  });

  it('treats ExecutionAlreadyExists as "this key already has its saga", and says so', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(starter.start('checkout-abc', { bookingId: 'bk_1' })).resolves.toBe('exists');
  });

  it('lets other failures through', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(starter.start('checkout-abc', {})).rejects.toThrow('throttled');
  });
});

describe('StepFunctionsSagaExecutions', () => {
  const sfn = mockClient(SFNClient);
  const executions = new StepFunctionsSagaExecutions(new SFNClient({ region: 'eu-west-1' }), 'arn:aws:states:eu-west-1:1:stateMachine:checkout');

  beforeEach(() => sfn.reset());

  it('describes an execution by name, from the state machine ARN', async () => {
    const startDate = new Date('2026-03-01T10:00:00Z');
    sfn.on(DescribeExecutionCommand).resolves({ status: 'TIMED_OUT', startDate, executionArn: 'x', stateMachineArn: 'y' });

    await expect(executions.describe('checkout-abc')).resolves.toEqual({ status: 'TIMED_OUT', startedAt: startDate });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: 'arn:aws:states:eu-west-1:1:execution:checkout:checkout-abc' });
  });

  it('answers NOT_FOUND for a name never started, and RUNNING for a status it does not know', async () => {
    sfn.on(DescribeExecutionCommand).rejectsOnce(new ExecutionDoesNotExist({ message: 'no', $metadata: {} })).resolves({ status: 'PENDING_REDRIVE' as never, startDate: new Date(), executionArn: 'x', stateMachineArn: 'y' });

    await expect(executions.describe('checkout-abc')).resolves.toEqual({ status: 'NOT_FOUND' });
    await expect(executions.describe('checkout-abc')).resolves.toMatchObject({ status: 'RUNNING' });
  });

  it('stops an execution by name with the cause', async () => {
    sfn.on(StopExecutionCommand).resolves({ stopDate: new Date() });

    await executions.stop('checkout-abc', 'past the budget');

    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input).toEqual({
      executionArn: 'arn:aws:states:eu-west-1:1:execution:checkout:checkout-abc',
      error: 'Recovery',
      cause: 'past the budget',
    });
  });
});
