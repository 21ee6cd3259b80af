import type { TaskInvoker } from '../aws/step-functions.emulator.ts';
import { cachedLoader, functionsDirLoader, type HandlerLoader } from './handler-loader.ts';
import { createLambdaContext } from './lambda-context.ts';

/**
 * Invokes `functions/<handler>.ts` with a Lambda context, as the Lambda service does for a Task
 * state or an event source: the same module that CDK bundles for AWS.
 */
export function createFunctionInvoker(options: { region: string; timeoutMs?: number; loader?: HandlerLoader }): TaskInvoker {
  const load = options.loader ?? cachedLoader(functionsDirLoader());
  return async (handler, input) => {
    const fn = await load(handler);
    return fn(input, createLambdaContext({ handler, timeoutMs: options.timeoutMs ?? 30_000, region: options.region }));
  };
}
