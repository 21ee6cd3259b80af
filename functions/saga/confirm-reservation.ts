import { confirmReservationDeps } from '#composition/saga-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { confirmReservation } from '#use-cases/checkout/saga-steps.use-cases.ts';

export const handler = sagaTask(confirmReservation, confirmReservationDeps);
