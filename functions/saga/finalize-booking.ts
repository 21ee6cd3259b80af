import { finalizeBookingDeps } from '#composition/saga-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { finalizeBooking } from '#use-cases/checkout/saga-steps.use-cases.ts';

export const handler = sagaTask(finalizeBooking, finalizeBookingDeps);
