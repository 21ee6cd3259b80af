import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { inFunction } from '../stack/aws-call-counter.ts';

/**
 * How the local runtime finds a Lambda handler: `functions/<handler>.ts`, its `handler` export,
 * imported once and kept, like a warm Lambda. The API Gateway emulator, the Step Functions and SQS
 * emulators and the scheduler all load handlers through the same cache.
 */
export type LambdaHandler = (event: unknown, context: Context) => unknown;
export type HandlerLoader = (handler: string) => Promise<LambdaHandler>;

const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Imports `functions/<handler>.ts` and takes its `handler` export, as the Lambda runtime does. */
export function functionsDirLoader(functionsDir: string = FUNCTIONS_DIR): HandlerLoader {
  return async (handler) => {
    const module = (await import(pathToFileURL(join(functionsDir, `${handler}.ts`)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') {
      throw new Error(`functions/${handler}.ts does not export a function named handler`);
    }
    const fn = module.handler as LambdaHandler;
    // The AWS call counter (`/_local/aws-calls`) attributes each SDK call to the function making it.
    return (event, context) => inFunction(handler, () => fn(event, context));
  };
}

/** Imports each handler once, like a warm Lambda; a failed import is retried on the next call. */
export function cachedLoader(load: HandlerLoader): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (handler) => {
    let pending = cache.get(handler);
    if (!pending) {
      pending = load(handler);
      pending.catch(() => cache.delete(handler));
      cache.set(handler, pending);
    }
    return pending;
  };
}
