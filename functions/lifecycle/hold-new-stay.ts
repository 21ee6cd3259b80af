import { holdNewStayDeps } from '#composition/lifecycle-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { holdNewStay } from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';

export const handler = sagaTask(holdNewStay, holdNewStayDeps);
