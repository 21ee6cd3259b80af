import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** By the function that made the call (`booking/checkout`, `saga/hold-rooms`, ...; `other` outside any). */
  byFunction: Record<string, number>;
  /** The same, by function and then by command. */
  byFunctionAndCommand: Record<string, Record<string, number>>;
}

const counts = new Map<string, number>();
const byFunction = new Map<string, number>();
const byFunctionAndCommand = new Map<string, Map<string, number>>();
const currentFunction = new AsyncLocalStorage<string>();

/** Runs a handler invocation so that the SDK calls it makes are counted under its name. */
export function inFunction<T>(name: string, run: () => T): T {
  return currentFunction.run(name, run);
}
let installed = false;

export function installAwsCallCounter(): void {
  if (installed) return;
  installed = true;
  const send = Client.prototype.send;
  Client.prototype.send = function countedSend(this: unknown, ...args: unknown[]) {
    const name = (args[0] as { constructor?: { name?: string } } | undefined)?.constructor?.name ?? 'unknown';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const fn = currentFunction.getStore() ?? 'other';
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
    const commands = byFunctionAndCommand.get(fn) ?? new Map<string, number>();
    commands.set(name, (commands.get(name) ?? 0) + 1);
    byFunctionAndCommand.set(fn, commands);
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof send;
}

export function awsCallCounts(): AwsCallCounts {
  const byCommand = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  return {
    total: [...counts.values()].reduce((n, c) => n + c, 0),
    byCommand,
    byFunction: Object.fromEntries([...byFunction].sort((a, b) => b[1] - a[1])),
    byFunctionAndCommand: Object.fromEntries([...byFunctionAndCommand].map(([fn, commands]) => [fn, Object.fromEntries(commands)])),
  };
}

export function resetAwsCallCounts(): void {
  counts.clear();
  byFunction.clear();
  byFunctionAndCommand.clear();
}
