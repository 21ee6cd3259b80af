import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { DomainError } from '#domain/errors.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';

/**
 * Wraps a saga step as the Lambda a Task state invokes, with the deps builder of that step alone,
 * for any of the state machines (their states all name a booking). The step's error is rethrown
 * untouched: Step Functions matches `Retry`/`Catch` on the error's `name` (`PaymentDeclinedError`, ...).
 */
export function sagaTask<D, S extends { bookingId: string }, R>(step: (deps: D, state: S) => Promise<R>, deps: () => D) {
  return middy<S, R, Error, Context>()
    .use(lambdaObservability())
    .handler(async function handleSagaTask(state: S): Promise<R> {
      logger.appendKeys({ bookingId: state.bookingId });
      try {
        return await step(deps(), state);
      } catch (error) {
        // A business outcome (sold out, declined) is routine; anything else is worth a stack trace.
        if (error instanceof DomainError) {
          logger.info('Saga step refused', { step: step.name, code: error.code });
        } else {
          logger.error('Saga step failed', { step: step.name, error: error as Error });
        }
        throw error;
      }
    });
}
