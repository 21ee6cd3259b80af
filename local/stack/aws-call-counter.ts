import { Client } from '@smithy/core/client';

/**
 * Counts every AWS SDK call the stack's functions make, by command (`GetCommand`,
 * `TransactWriteCommand`, `StartExecutionCommand`, ...): what `npm run bench` divides by confirmed
 * checkouts (`awsCallsPerCheckout`), the figure that maps to DynamoDB, Step Functions, EventBridge
 * and SQS requests on AWS. Local instrumentation only: it wraps the SDK's one `send` in this
 * process, so handlers and adapters stay as they deploy. Retries inside the SDK are one call.
 */
export interface AwsCallCounts {
  total: number;
  byCommand: Record<string, number>;
}

const counts = new Map<string, number>();
let installed = false;

export function installAwsCallCounter(): void {
  if (installed) return;
  installed = true;
  const send = Client.prototype.send;
  Client.prototype.send = function countedSend(this: unknown, ...args: unknown[]) {
    const name = (args[0] as { constructor?: { name?: string } } | undefined)?.constructor?.name ?? 'unknown';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof send;
}

export function awsCallCounts(): AwsCallCounts {
  const byCommand = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  return { total: [...counts.values()].reduce((n, c) => n + c, 0), byCommand };
}

export function resetAwsCallCounts(): void {
  counts.clear();
}
