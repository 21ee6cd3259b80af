import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { StorageContentionError } from '#domain/booking-errors.ts';

/** Raised when a transaction was cancelled because of its conditions; `failed` has the indexes that failed. */
export class TransactionConditionFailed extends Error {
  override readonly name = 'TransactionConditionFailed';
  constructor(readonly failed: number[]) {
    super(`Transaction conditions failed at ${failed.join(', ')}`);
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_TRANSACTION_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 500 };

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs a `TransactWriteItems`, retrying when DynamoDB cancels it for a `TransactionConflict`
 * (another transaction touched one of its items at the same moment). Conflicts are rejected, not
 * queued, so we back off with full jitter: `random(0, min(cap, base * 2^attempt))`. Condition
 * failures are not retried: they become `TransactionConditionFailed` with the failing indexes.
 */
export async function transactWrite(
  doc: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
  policy: RetryPolicy = DEFAULT_TRANSACTION_RETRY,
): Promise<void> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new TransactionConditionFailed(failed);
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict) throw error;
      if (attempt + 1 >= policy.maxAttempts) {
        throw new StorageContentionError('Too many people are booking these rooms right now. Try again in a moment.', {
          cause: error,
        });
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
