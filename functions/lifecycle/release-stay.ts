import { releaseStayDeps } from '#composition/lifecycle-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { releaseStay } from '#use-cases/bookings/lifecycle/cancellation-steps.use-cases.ts';

export const handler = sagaTask(releaseStay, releaseStayDeps);
