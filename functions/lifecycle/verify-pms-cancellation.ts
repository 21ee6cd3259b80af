import { cancelInPmsDeps } from '#composition/lifecycle-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { verifyPmsCancellation } from '#use-cases/bookings/lifecycle/cancellation-steps.use-cases.ts';

export const handler = sagaTask(verifyPmsCancellation, cancelInPmsDeps);
