import { settleCancellationDeps } from '#composition/lifecycle-payment-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { settleCancellation } from '#use-cases/bookings/lifecycle/cancellation-steps.use-cases.ts';

export const handler = sagaTask(settleCancellation, settleCancellationDeps);
