import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsSagaStarter } from '../../../../shared/adapters/sfn/step-functions-saga-starter.ts';

describe('StepFunctionsSagaStarter', () => {
  const sfn = mockClient(SFNClient);
  const starter = new StepFunctionsSagaStarter(new SFNClient({ region: 'eu-west-1' }), 'arn:aws:states:eu-west-1:1:stateMachine:checkout');

  beforeEach(() => sfn.reset());
  afterAll(() => sfn.restore());

  it('starts the named execution with the JSON input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    await starter.start('checkout-abc', { bookingId: 'bk_1' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:checkout',
      name: 'checkout-abc',
      input: '{"bookingId":"bk_1"}',
    });
  });

  it('treats ExecutionAlreadyExists as "this key already has its saga"', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(starter.start('checkout-abc', { bookingId: 'bk_1' })).resolves.toBeUndefined();
  });

  it('lets other failures through', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(starter.start('checkout-abc', {})).rejects.toThrow('throttled');
  });
});
