import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * The Lambda `Context` the local runtime hands to a handler, shaped like the one AWS passes, so code
 * that reads `awsRequestId`, `functionName` or `getRemainingTimeInMillis()` behaves the same on a
 * laptop. Only the async handler style is supported (the project's handlers are middy/async): the
 * deprecated `done`/`succeed`/`fail` callbacks throw to make a mistake loud.
 */
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LambdaContextOptions {
  /** Entry file under `functions/`, without extension (`hotels/get-hotel`). */
  handler: string;
  /** How long the invocation may run; `getRemainingTimeInMillis()` counts down from it. */
  timeoutMs: number;
  region: string;
  memoryLimitInMB?: number;
  awsRequestId?: string;
  /** Milliseconds since the epoch; `getRemainingTimeInMillis()` reads it. Default `Date.now`. */
  now?: () => number;
}

/** `hotels/get-hotel` -> `hotel-booking-local-hotels-get-hotel`: a valid Lambda function name. */
export function functionNameFor(handler: string): string {
  return `hotel-booking-local-${handler.replace(/[^A-Za-z0-9_-]+/g, '-')}`.slice(0, 64);
}

function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

function unsupported(name: string): never {
  throw new Error(`context.${name}() is not supported by the local runtime: return a value or a promise from the handler.`);
}

export function createLambdaContext(options: LambdaContextOptions): Context {
  const functionName = functionNameFor(options.handler);
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: logStreamName(new Date(now())),
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => unsupported('done'),
    fail: () => unsupported('fail'),
    succeed: () => unsupported('succeed'),
  };
}
