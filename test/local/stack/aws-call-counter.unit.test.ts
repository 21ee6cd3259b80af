import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { awsCallCounts, inFunction, installAwsCallCounter, resetAwsCallCounts } from '../../../local/stack/aws-call-counter.ts';

/** Credentials that refuse: the call is made (and counted) but never reaches a network. */
const noCredentials = async () => {
  throw new Error('no credentials in this test');
};

describe('AWS call counter', () => {
  it('counts every SDK call by command, whatever the client, and resets', async () => {
    // Prepare
    installAwsCallCounter();
    installAwsCallCounter(); // twice is once
    resetAwsCallCounts();
    const dynamo = new DynamoDBClient({ region: 'us-east-1', credentials: noCredentials });
    const sfn = new SFNClient({ region: 'us-east-1', credentials: noCredentials });

    // Act
    await dynamo.send(new ListTablesCommand({})).catch(() => undefined);
    await inFunction('booking/checkout', () => dynamo.send(new ListTablesCommand({})).catch(() => undefined));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:0:stateMachine:x' })).catch(() => undefined);
    const counted = awsCallCounts();
    resetAwsCallCounts();

    // Assess: by command, and by the function that made the call (`other` outside any).
    expect(counted).toEqual({
      total: 3,
      byCommand: { ListTablesCommand: 2, StartExecutionCommand: 1 },
      byFunction: { other: 2, 'booking/checkout': 1 },
      byFunctionAndCommand: { other: { ListTablesCommand: 1, StartExecutionCommand: 1 }, 'booking/checkout': { ListTablesCommand: 1 } },
    });
    expect(awsCallCounts()).toEqual({ total: 0, byCommand: {}, byFunction: {}, byFunctionAndCommand: {} });
  });
});
