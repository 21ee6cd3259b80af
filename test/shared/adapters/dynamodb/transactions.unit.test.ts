import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StorageContentionError } from '../../../../shared/domain/booking-errors.ts';
import { TransactionConditionFailed, transactWrite } from '../../../../shared/adapters/dynamodb/transactions.ts';

/** DynamoDB Local never reports TransactionConflict, so this path is tested against a mocked client. */
function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('transactWrite', () => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' }));
  const mock = mockClient(doc);
  const sleeps: number[] = [];
  const policy = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.999 };
  const input = { TransactItems: [] };

  beforeEach(() => {
    mock.reset();
    sleeps.length = 0;
  });

  it('retries a TransactionConflict with full-jitter backoff and then succeeds', async () => {
    mock.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).rejectsOnce(cancelled('TransactionConflict')).resolves({});
    await transactWrite(doc, input, policy);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(sleeps).toEqual([19, 39]);
  });

  it('caps the backoff and gives up with StorageContentionError after the last attempt', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(transactWrite(doc, input, policy)).rejects.toBeInstanceOf(StorageContentionError);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(4);
    expect(sleeps).toEqual([19, 39, 79]);
  });

  it('does not retry a failed condition and reports which actions failed', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    const error = await transactWrite(doc, input, policy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConditionFailed);
    expect((error as TransactionConditionFailed).failed).toEqual([1]);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('passes other errors through untouched', async () => {
    mock.on(TransactWriteCommand).rejects(new Error('network down'));
    await expect(transactWrite(doc, input, policy)).rejects.toThrow('network down');
  });
});
