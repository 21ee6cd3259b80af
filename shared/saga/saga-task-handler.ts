import type { Context } from 'aws-lambda';
import { container, sagaDeps } from '#composition/container.ts';
import { DomainError } from '#domain/errors.ts';
import { logger } from '#observability/logger.ts';
import { publishMetrics } from '#observability/metrics.ts';
import type { SagaDeps, SagaState } from '#use-cases/checkout/saga-steps.use-cases.ts';

/**
 * Wraps a saga step as the Lambda a Task state invokes. The step's error is rethrown untouched:
 * Step Functions matches `Retry`/`Catch` on the error's `name` (`PaymentDeclinedError`, ...).
 */
export function sagaTask<R>(step: (deps: SagaDeps, state: SagaState) => Promise<R>) {
  return async function handleSagaTask(state: SagaState, _context?: Context): Promise<R> {
    try {
      return await step(await sagaDeps(container()), state);
    } catch (error) {
      // A business outcome (sold out, declined) is routine; anything else is worth a stack trace.
      if (error instanceof DomainError) {
        logger.info('Saga step refused', { step: step.name, bookingId: state.bookingId, code: error.code });
      } else {
        logger.error('Saga step failed', { step: step.name, bookingId: state.bookingId, error: error as Error });
      }
      throw error;
    } finally {
      publishMetrics();
    }
  };
}
