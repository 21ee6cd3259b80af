import { differencePaymentDeps } from '#composition/lifecycle-payment-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { authorizeDifference } from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';

export const handler = sagaTask(authorizeDifference, differencePaymentDeps);
