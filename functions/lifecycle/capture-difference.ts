import { differencePaymentDeps } from '#composition/lifecycle-payment-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { captureDifference } from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';

export const handler = sagaTask(captureDifference, differencePaymentDeps);
