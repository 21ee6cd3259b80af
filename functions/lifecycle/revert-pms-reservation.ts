import { revertPmsDeps } from '#composition/lifecycle-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { revertPmsReservation } from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';

export const handler = sagaTask(revertPmsReservation, revertPmsDeps);
